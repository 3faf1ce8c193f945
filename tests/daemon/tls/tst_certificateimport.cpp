// tst_certificateimport.cpp - every reason an imported chain and key are
// refused, each with its message, and what an accepted import looks like
// (a real chain: root -> intermediate -> leaf, made with OpenSSL here).
#include "TestCertificates.h"
#include "tls/CertificateImport.h"
#include "tls/CertificateStore.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::tls;
using namespace mailstead::tls::test;

namespace {

const QString hostname = u"mail.example.test"_s;

// A root, an intermediate and a leaf for mail.example.test (ECDSA leaf key).
struct Pki {
    TestKey rootKey{"ec"};
    TestKey intermediateKey{"ec"};
    TestKey leafKey{"ec"};
    TestCertificate root;
    TestCertificate intermediate;
    TestCertificate leaf;

    explicit Pki(const CertificateSpec &leafSpec = {
                     u"mail.example.test"_s,
                     {u"mail.example.test"_s, u"autoconfig.example.test"_s}}) {
        makeCertificate(&root,
                        {u"Test Root"_s,
                         {},
                         QDateTime::currentDateTimeUtc().addDays(-10),
                         QDateTime::currentDateTimeUtc().addYears(5),
                         true},
                        rootKey, nullptr, nullptr);
        makeCertificate(&intermediate,
                        {u"Test Intermediate"_s,
                         {},
                         QDateTime::currentDateTimeUtc().addDays(-10),
                         QDateTime::currentDateTimeUtc().addYears(2),
                         true},
                        intermediateKey, &root, &rootKey);
        makeCertificate(&leaf, leafSpec, leafKey, &intermediate, &intermediateKey);
    }
    QByteArray chain() const { return leaf.pem + intermediate.pem; }
};

ImportedCertificate check(const QByteArray &chain, const QByteArray &key,
                          const QStringList &names = {hostname}) {
    return checkCertificateImport(chain, key, names, QDateTime::currentDateTimeUtc());
}

} // namespace

class TestCertificateImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void acceptsAnOrderedChain();
    void acceptsAnRsaKeyAndAWildcard();
    void refusals_data();
    void refusals();
    void refusesExpiredAndFutureCertificates();
    void coversFollowsRfc6125();
    void storeInstallsAnImportAndSurvivesReload();
    void storeKeepsTheOldCertificateOnRefusal();
};

void TestCertificateImport::acceptsAnOrderedChain() {
    Pki pki;
    // Text around the PEM blocks (as "openssl x509 -text" leaves) is dropped.
    const auto result = check("Certificate:\n  subject=...\n" + pki.chain(), pki.leafKey.pem);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.chain.size(), 2);
    QCOMPARE(result.chain.first().subjectInfo(QSslCertificate::CommonName).value(0), hostname);
    QCOMPARE(result.key.algorithm(), QSsl::Ec);
    QVERIFY(!result.chainPem.contains("subject="));
    QVERIFY(result.keyPem.startsWith("-----BEGIN PRIVATE KEY-----"));
    // The leaf alone (a chain the clients complete themselves) is accepted too.
    QVERIFY(check(pki.leaf.pem, pki.leafKey.pem).ok);
}

void TestCertificateImport::acceptsAnRsaKeyAndAWildcard() {
    TestKey caKey("ec");
    TestKey leafKey("rsa");
    TestCertificate ca;
    TestCertificate leaf;
    makeCertificate(&ca,
                    {u"CA"_s,
                     {},
                     QDateTime::currentDateTimeUtc().addDays(-1),
                     QDateTime::currentDateTimeUtc().addYears(1),
                     true},
                    caKey, nullptr, nullptr);
    makeCertificate(&leaf, {u"*.example.test"_s, {u"*.example.test"_s}}, leafKey, &ca, &caKey);
    const auto result = check(leaf.pem + ca.pem, leafKey.pem);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.key.algorithm(), QSsl::Rsa);
}

void TestCertificateImport::refusals_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty chain") << 0 << u"no certificate in the chain file"_s;
    QTest::newRow("key given as chain") << 1 << u"the chain file holds a private key"_s;
    QTest::newRow("damaged block") << 2 << u"certificate 2 in the chain file cannot be read"_s;
    QTest::newRow("certificate as key") << 3 << u"the key file holds a certificate"_s;
    QTest::newRow("garbage key") << 4 << u"the private key cannot be read"_s;
    QTest::newRow("encrypted key") << 5 << u"the private key is encrypted"_s;
    QTest::newRow("someone else's key")
        << 6 << u"the private key does not belong to certificate 1 (mail.example.test)"_s;
    QTest::newRow("wrong order")
        << 7
        << u"the chain is not in order: the key belongs to certificate 2 (mail.example.test)"_s;
    QTest::newRow("gap in the chain")
        << 8 << u"certificate 2 (Test Root) did not issue certificate 1 (mail.example.test)"_s;
    QTest::newRow("other name")
        << 9 << u"the certificate does not cover mail.example.test (it names: www.example.test)"_s;
}

void TestCertificateImport::refusals() {
    QFETCH(int, which);
    QFETCH(QString, message);
    Pki pki;
    TestKey otherKey("ec");
    TestCertificate other;
    makeCertificate(&other, {u"www.example.test"_s, {u"www.example.test"_s}}, otherKey,
                    &pki.intermediate, &pki.intermediateKey);
    QByteArray damaged = pki.intermediate.pem;
    damaged[damaged.indexOf('\n') + 10] = '*';
    const std::pair<QByteArray, QByteArray> cases[] = {
        {"", pki.leafKey.pem},
        {pki.leafKey.pem, pki.leafKey.pem},
        {pki.leaf.pem + damaged, pki.leafKey.pem},
        {pki.chain(), pki.leaf.pem},
        {pki.chain(), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"},
        {pki.chain(), encryptedKeyPem(pki.leafKey)},
        {pki.chain(), otherKey.pem},
        {pki.intermediate.pem + pki.leaf.pem, pki.leafKey.pem},
        {pki.leaf.pem + pki.root.pem, pki.leafKey.pem},
        {other.pem + pki.intermediate.pem, otherKey.pem},
    };
    const auto &[chain, key] = cases[which];
    const auto result = check(chain, key);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.startsWith(message), qPrintable(result.error));
    // Never echoes the key.
    const QByteArray keyBody = key.split('\n').value(1);
    QVERIFY(keyBody.isEmpty() || !result.error.contains(QString::fromLatin1(keyBody)));
}

void TestCertificateImport::refusesExpiredAndFutureCertificates() {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Pki expired({hostname, {hostname}, now.addDays(-100), now.addDays(-10)});
    auto result = check(expired.chain(), expired.leafKey.pem);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.startsWith(u"certificate 1 (mail.example.test) expired on "_s),
             qPrintable(result.error));
    Pki future({hostname, {hostname}, now.addDays(5), now.addDays(90)});
    result = check(future.chain(), future.leafKey.pem);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.startsWith(u"certificate 1 (mail.example.test) is not valid before "_s),
             qPrintable(result.error));
}

void TestCertificateImport::coversFollowsRfc6125() {
    TestKey key("ec");
    TestCertificate cert;
    makeCertificate(&cert, {u"x"_s, {u"*.example.test"_s, u"Mail.Other.Test"_s}}, key, nullptr,
                    nullptr);
    const QSslCertificate qt = QSslCertificate::fromData(cert.pem).first();
    QVERIFY(certificateCovers(qt, u"mail.example.test"_s));
    QVERIFY(certificateCovers(qt, u"MAIL.EXAMPLE.TEST"_s));
    QVERIFY(certificateCovers(qt, u"mail.other.test"_s));
    QVERIFY(!certificateCovers(qt, u"example.test"_s));
    QVERIFY(!certificateCovers(qt, u"a.mail.example.test"_s));
    QVERIFY(!certificateCovers(qt, u"x"_s)); // the CN does not count
}

void TestCertificateImport::storeInstallsAnImportAndSurvivesReload() {
    QTemporaryDir dir;
    const QString tls = dir.filePath(u"tls"_s);
    Pki pki;
    QString error;
    {
        CertificateStore store(tls);
        QVERIFY2(store.load({hostname}, &error), qPrintable(error));
        QCOMPARE(store.info().source, u"self-signed"_s);
        QSignalSpy reloaded(&store, &CertificateStore::reloaded);
        QVERIFY2(store.import(pki.chain(), pki.leafKey.pem, {hostname}, &error), qPrintable(error));
        QCOMPARE(reloaded.count(), 1);
        QCOMPARE(store.info().source, u"imported"_s);
        QCOMPARE(store.info().issuer, u"Test Intermediate"_s);
        QCOMPARE(store.serverConfiguration().localCertificateChain().size(), 2);
    }
    // The next start keeps the imported certificate even for other names:
    // only a self-signed one is replaced automatically.
    CertificateStore again(tls);
    QVERIFY2(again.load({hostname, u"autoconfig.other.test"_s}, &error), qPrintable(error));
    QCOMPARE(again.info().source, u"imported"_s);
    QCOMPARE(again.serverConfiguration().localCertificate().toPem(), pki.leaf.pem);
    QVERIFY(again.replaceWithSelfSigned({hostname}, &error));
    QCOMPARE(again.info().source, u"self-signed"_s);
    QCOMPARE(QFile(tls + u"/privkey.pem"_s).permissions() &
                 (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions{});
}

void TestCertificateImport::storeKeepsTheOldCertificateOnRefusal() {
    QTemporaryDir dir;
    CertificateStore store(dir.filePath(u"tls"_s));
    QString error;
    QVERIFY(store.load({hostname}, &error));
    const QSslCertificate before = store.serverConfiguration().localCertificate();
    Pki pki;
    TestKey otherKey("ec");
    QVERIFY(!store.import(pki.chain(), otherKey.pem, {hostname}, &error));
    QVERIFY(error.contains(u"does not belong"_s));
    QCOMPARE(store.serverConfiguration().localCertificate(), before);
    CertificateStore reread(dir.filePath(u"tls"_s));
    QVERIFY(reread.load({hostname}, &error));
    QCOMPARE(reread.serverConfiguration().localCertificate(), before);
}

QTEST_GUILESS_MAIN(TestCertificateImport)
#include "tst_certificateimport.moc"
