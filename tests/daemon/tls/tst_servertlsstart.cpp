// tst_servertlsstart.cpp - per-domain certificates in CertificateStore and
// their selection by SNI through startServerTls(), with Qt's TLS client:
// the domain's certificate for its names, the main one without a name or
// for an unknown one, hot reload, and connections that never send a
// complete ClientHello being closed.
#include "TestCertificates.h"
#include "tls/CertificateStore.h"
#include "tls/ClientHelloParser.h"
#include "tls/ServerTlsStart.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using mailstead::tls::CertificateStore;
namespace test = mailstead::tls::test;

namespace {

// Hands every accepted connection to startServerTls(), as the sessions do.
class SniServer : public QTcpServer {
public:
    explicit SniServer(const CertificateStore *store)
        : m_store(store) {}
    QList<QSslSocket *> sockets;

protected:
    void incomingConnection(qintptr descriptor) override {
        auto *socket = new QSslSocket(this);
        QVERIFY(socket->setSocketDescriptor(descriptor));
        sockets.append(socket);
        connect(socket, &QSslSocket::encrypted, socket, [socket] { socket->write("hello\n"); });
        mailstead::tls::startServerTls(socket, m_store);
    }

private:
    const CertificateStore *m_store;
};

struct DomainPem {
    QByteArray chain;
    QByteArray key;
};

DomainPem makeDomainCertificate(const QString &commonName, const QStringList &names) {
    test::TestKey key("ec");
    test::TestCertificate certificate;
    test::makeCertificate(&certificate, {.commonName = commonName, .dnsNames = names}, key, nullptr,
                          nullptr);
    return {certificate.pem, key.pem};
}

// The certificate a Qt client gets when it asks for peerName (empty: none).
QSslCertificate servedCertificate(quint16 port, const QString &peerName) {
    QSslSocket client;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    client.setSslConfiguration(config);
    client.connectToHostEncrypted(u"127.0.0.1"_s, port,
                                  peerName.isEmpty() ? u"127.0.0.1"_s : peerName);
    // The server runs in this thread: wait with its events processed.
    QElapsedTimer timer;
    timer.start();
    while (!client.isEncrypted() && timer.elapsed() < 5000)
        QTest::qWait(10);
    return client.peerCertificate();
}

} // namespace

class TestServerTlsStart : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void importedDomainCertificate();
    void importRefusesCertificatesOfOtherDomains();
    void selectsByServerName_data();
    void selectsByServerName();
    void reloadAndRemove();
    void closesWithoutClientHello();
    void closesAfterTooManyBytes();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CertificateStore> m_store;
};

void TestServerTlsStart::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<CertificateStore>(m_dir->filePath(u"tls"_s));
    QString error;
    QVERIFY2(m_store->load({u"mail.main.test"_s}, &error), qPrintable(error));
}

void TestServerTlsStart::importedDomainCertificate() {
    const DomainPem pem = makeDomainCertificate(u"a.test"_s, {u"mail.a.test"_s, u"*.a.test"_s});
    QSignalSpy reloaded(m_store.get(), &CertificateStore::reloaded);
    QString error;
    QVERIFY2(m_store->importForDomain(u"a.test"_s, pem.chain, pem.key, &error), qPrintable(error));
    QCOMPARE(reloaded.count(), 1);
    const auto infos = m_store->domainInfos();
    QCOMPARE(infos.size(), 1);
    QCOMPARE(infos.first().domain, u"a.test"_s);
    QStringList names = infos.first().names;
    names.sort();
    QCOMPARE(names, QStringList({u"*.a.test"_s, u"mail.a.test"_s}));
    QCOMPARE(m_store->info().domain, QString());
    const QString key = m_dir->filePath(u"tls/domains/a.test/privkey.pem"_s);
    QCOMPARE(QFileInfo(key).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions{});
    // A second store reads what the first wrote (a restart).
    CertificateStore again(m_dir->filePath(u"tls"_s));
    QVERIFY(again.load({u"mail.main.test"_s}, &error));
    QCOMPARE(again.domainInfos().size(), 1);
}

void TestServerTlsStart::importRefusesCertificatesOfOtherDomains() {
    const DomainPem pem = makeDomainCertificate(u"b.test"_s, {u"mail.b.test"_s});
    QString error;
    QVERIFY(!m_store->importForDomain(u"a.test"_s, pem.chain, pem.key, &error));
    QCOMPARE(error, u"the certificate names nothing in a.test (it names: mail.b.test)"_s);
    QVERIFY(!m_store->importForDomain(u"../x"_s, pem.chain, pem.key, &error));
    QVERIFY(error.contains(u"not a domain name"_s));
    QVERIFY(!m_store->importForDomain(u"b.test"_s, pem.chain, "junk", &error));
    QVERIFY(error.startsWith(u"the private key"_s) || error.startsWith(u"the key"_s));
    QVERIFY(m_store->domainInfos().isEmpty());
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"tls/domains/a.test"_s)));
}

void TestServerTlsStart::selectsByServerName_data() {
    QTest::addColumn<QString>("peerName");
    QTest::addColumn<QString>("subject");
    QTest::newRow("a.test's host") << u"mail.a.test"_s << u"a.test"_s;
    QTest::newRow("a.test's wildcard") << u"imap.a.test"_s << u"a.test"_s;
    QTest::newRow("a.test's host, upper case") << u"MAIL.A.TEST"_s << u"a.test"_s;
    QTest::newRow("the closer domain wins") << u"pop.mx.a.test"_s << u"mx.a.test"_s;
    QTest::newRow("b.test") << u"mail.b.test"_s << u"b.test"_s;
    QTest::newRow("no name") << QString() << u"mail.main.test"_s;
    QTest::newRow("unknown name") << u"mail.c.test"_s << u"mail.main.test"_s;
    QTest::newRow("the domain itself is not named") << u"a.test"_s << u"mail.main.test"_s;
}

void TestServerTlsStart::selectsByServerName() {
    QFETCH(QString, peerName);
    QFETCH(QString, subject);
    const struct {
        QString domain;
        QStringList names;
    } domains[] = {{u"a.test"_s, {u"mail.a.test"_s, u"*.a.test"_s, u"pop.mx.a.test"_s}},
                   {u"mx.a.test"_s, {u"*.mx.a.test"_s}},
                   {u"b.test"_s, {u"mail.b.test"_s}}};
    QString error;
    for (const auto &domain : domains) {
        const DomainPem pem = makeDomainCertificate(domain.domain, domain.names);
        QVERIFY2(m_store->importForDomain(domain.domain, pem.chain, pem.key, &error),
                 qPrintable(error));
    }
    SniServer server(m_store.get());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const QSslCertificate served = servedCertificate(server.serverPort(), peerName);
    QVERIFY(!served.isNull());
    QCOMPARE(served.subjectInfo(QSslCertificate::CommonName).value(0), subject);
}

void TestServerTlsStart::reloadAndRemove() {
    SniServer server(m_store.get());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const DomainPem first = makeDomainCertificate(u"first"_s, {u"mail.a.test"_s});
    QString error;
    QVERIFY(m_store->importForDomain(u"a.test"_s, first.chain, first.key, &error));
    QCOMPARE(servedCertificate(server.serverPort(), u"mail.a.test"_s)
                 .subjectInfo(QSslCertificate::CommonName)
                 .value(0),
             u"first"_s);

    // Files replaced behind the store's back (an administrator's script)
    // are picked up by load(), the SIGHUP path.
    const DomainPem second = makeDomainCertificate(u"second"_s, {u"mail.a.test"_s});
    const QString dir = m_dir->filePath(u"tls/domains/a.test/"_s);
    for (const auto &[name, content] :
         {std::pair{u"privkey.pem"_s, second.key}, std::pair{u"fullchain.pem"_s, second.chain}}) {
        QFile file(dir + name);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
    }
    QSignalSpy reloaded(m_store.get(), &CertificateStore::reloaded);
    QVERIFY(m_store->load({u"mail.main.test"_s}, &error));
    QCOMPARE(reloaded.count(), 1);
    QVERIFY(m_store->load({u"mail.main.test"_s}, &error));
    QCOMPARE(reloaded.count(), 1); // nothing changed the second time
    QCOMPARE(servedCertificate(server.serverPort(), u"mail.a.test"_s)
                 .subjectInfo(QSslCertificate::CommonName)
                 .value(0),
             u"second"_s);

    QVERIFY(m_store->removeDomain(u"a.test"_s, &error));
    QVERIFY(!m_store->removeDomain(u"a.test"_s, &error));
    QCOMPARE(error, u"a.test has no certificate of its own"_s);
    QCOMPARE(servedCertificate(server.serverPort(), u"mail.a.test"_s)
                 .subjectInfo(QSslCertificate::CommonName)
                 .value(0),
             u"mail.main.test"_s);
}

void TestServerTlsStart::closesWithoutClientHello() {
    SniServer server(m_store.get());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.write("\x16\x03\x01\x00\x40\x01", 6); // a record that never completes
    QElapsedTimer timer;
    timer.start();
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState,
                             int(mailstead::tls::clientHelloTimeout.count()) + 5000);
    QVERIFY(timer.elapsed() >= mailstead::tls::clientHelloTimeout.count() - 1000);
}

void TestServerTlsStart::closesAfterTooManyBytes() {
    SniServer server(m_store.get());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    // A ClientHello announcing the largest accepted size, sent in full
    // records without ever completing it.
    QByteArray flood;
    const int announced = mailstead::tls::maxClientHelloBytes;
    QByteArray message("\x01", 1);
    message += char(announced >> 16);
    message += char(announced >> 8);
    message += char(announced);
    message += QByteArray(announced - 1, 'x');
    for (qsizetype at = 0; at < message.size(); at += mailstead::tls::maxTlsRecordPayload) {
        const QByteArray piece = message.mid(at, mailstead::tls::maxTlsRecordPayload);
        flood +=
            QByteArray("\x16\x03\x01", 3) + char(piece.size() >> 8) + char(piece.size()) + piece;
    }
    client.write(flood);
    QElapsedTimer timer;
    timer.start();
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::UnconnectedState, 5000);
    QVERIFY(timer.elapsed() < mailstead::tls::clientHelloTimeout.count());
}

QTEST_MAIN(TestServerTlsStart)
#include "tst_servertlsstart.moc"
