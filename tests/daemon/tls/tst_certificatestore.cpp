// tst_certificatestore.cpp - self-signed issuance, reuse, replacement, and a
// real TLS handshake with the resulting configuration (Qt and openssl).
#include "tls/CertificateStore.h"

#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCipher>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using mailstead::tls::CertificateStore;

class TestCertificateStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void issuesSelfSignedOnFirstLoad();
    void reusesTheStoredCertificate();
    void reissuesWhenTheHostnameChanges();
    void handshakeWithQtClient_data();
    void handshakeWithQtClient();
    void handshakeWithOpenssl();
};

void TestCertificateStore::issuesSelfSignedOnFirstLoad() {
    QTemporaryDir dir;
    CertificateStore store(dir.filePath(u"tls"_s));
    QString error;
    const QStringList names{u"mail.example.test"_s, u"autoconfig.example.test"_s};
    QVERIFY2(store.load(names, &error), qPrintable(error));
    const auto info = store.info();
    QVERIFY(info.selfSigned);
    QStringList sans = info.names;
    sans.sort();
    QCOMPARE(sans, QStringList({u"autoconfig.example.test"_s, u"mail.example.test"_s}));
    QVERIFY(info.subject.contains(u"mail.example.test"_s));
    QVERIFY(info.notAfter > QDateTime::currentDateTimeUtc().addDays(300));
    QCOMPARE(store.serverConfiguration().privateKey().algorithm(), QSsl::Ec);
    const auto keyPerms = QFileInfo(dir.filePath(u"tls/privkey.pem"_s)).permissions();
    QCOMPARE(keyPerms & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions{});
}

void TestCertificateStore::reusesTheStoredCertificate() {
    QTemporaryDir dir;
    QString error;
    CertificateStore first(dir.filePath(u"tls"_s));
    QVERIFY(first.load({u"mail.example.test"_s}, &error));
    CertificateStore second(dir.filePath(u"tls"_s));
    QVERIFY(second.load({u"mail.example.test"_s}, &error));
    QCOMPARE(second.serverConfiguration().localCertificate(),
             first.serverConfiguration().localCertificate());
}

void TestCertificateStore::reissuesWhenTheHostnameChanges() {
    QTemporaryDir dir;
    QString error;
    CertificateStore store(dir.filePath(u"tls"_s));
    QVERIFY(store.load({u"old.example.test"_s}, &error));
    QSignalSpy reloaded(&store, &CertificateStore::reloaded);
    QVERIFY(store.load({u"new.example.test"_s}, &error));
    QCOMPARE(reloaded.count(), 1);
    QCOMPARE(store.info().names, QStringList{u"new.example.test"_s});
}

void TestCertificateStore::handshakeWithQtClient_data() {
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QSsl::SslProtocol>("clientProtocol");
    QTest::addColumn<bool>("succeeds");
    QTest::newRow("intermediate, TLS 1.3") << u"intermediate"_s << QSsl::TlsV1_3OrLater << true;
    QTest::newRow("intermediate, TLS 1.2") << u"intermediate"_s << QSsl::TlsV1_2 << true;
    QTest::newRow("modern refuses TLS 1.2") << u"modern"_s << QSsl::TlsV1_2 << false;
    QTest::newRow("modern, TLS 1.3") << u"modern"_s << QSsl::TlsV1_3OrLater << true;
}

void TestCertificateStore::handshakeWithQtClient() {
    QFETCH(QString, profile);
    QFETCH(QSsl::SslProtocol, clientProtocol);
    QFETCH(bool, succeeds);

    QTemporaryDir dir;
    QString error;
    CertificateStore store(dir.filePath(u"tls"_s));
    mailstead::tls::TlsProfile p;
    QVERIFY(mailstead::tls::parseTlsProfile(profile, &p));
    store.setProfile(p);
    QVERIFY(store.load({u"mail.example.test"_s}, &error));

    QSslServer server;
    server.setSslConfiguration(store.serverConfiguration());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QSslSocket client;
    QSslConfiguration clientConfig = QSslConfiguration::defaultConfiguration();
    clientConfig.setProtocol(clientProtocol);
    clientConfig.setPeerVerifyMode(QSslSocket::VerifyNone);
    client.setSslConfiguration(clientConfig);
    client.connectToHostEncrypted(u"127.0.0.1"_s, server.serverPort());
    if (succeeds) {
        QTRY_VERIFY_WITH_TIMEOUT(client.isEncrypted(), 5000);
        const QSslCipher cipher = client.sessionCipher();
        QVERIFY2(cipher.name().contains(u"GCM"_s) || cipher.name().contains(u"CHACHA20"_s),
                 qPrintable(cipher.name()));
    } else {
        QTest::qWait(500);
        QVERIFY(!client.isEncrypted());
    }
}

void TestCertificateStore::handshakeWithOpenssl() {
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty()) {
        if (qEnvironmentVariableIsSet("CI")) // setup.sh installs it: missing there is a failure
            QFAIL("openssl is not installed");
        QSKIP("openssl is not installed");
    }
    QTemporaryDir dir;
    QString error;
    CertificateStore store(dir.filePath(u"tls"_s));
    QVERIFY(store.load({u"mail.example.test"_s}, &error));

    QSslServer server;
    server.setSslConfiguration(store.serverConfiguration());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    // QSslServer emits pendingConnectionAvailable once the handshake is done.
    connect(&server, &QSslServer::pendingConnectionAvailable, this, [&] {
        QTcpSocket *s = server.nextPendingConnection();
        s->write("hello\n");
        s->disconnectFromHost();
    });
    QProcess client;
    client.start(openssl, {u"s_client"_s, u"-connect"_s, u"127.0.0.1:%1"_s.arg(server.serverPort()),
                           u"-servername"_s, u"mail.example.test"_s, u"-brief"_s, u"-ign_eof"_s});
    client.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QProcess::NotRunning, 10000);
    const QByteArray out = client.readAllStandardOutput() + client.readAllStandardError();
    QVERIFY2(out.contains("Protocol version: TLSv1.3"), out.constData());
    QVERIFY2(out.contains("hello"), out.constData());
}

QTEST_MAIN(TestCertificateStore)
#include "tst_certificatestore.moc"
