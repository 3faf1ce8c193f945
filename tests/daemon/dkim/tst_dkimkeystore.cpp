// tst_dkimkeystore.cpp - DKIM keys on disk and in config.db
//
// A real config.db and key directory in a temporary directory, a fixed
// clock: generation (files 0600 in directories 0700, rows, default
// selector), refusals with their error codes, removal of one key, of all
// keys and with the domain, and which key signs.
#include "core/ConfigStore.h"
#include "dkim/DkimKeyStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace mailstead;
using namespace mailstead::dkim;
using ipc::ErrorCode;

namespace {

core::DomainSpec domainSpec(const QString &name) {
    core::DomainSpec spec;
    spec.name = name;
    return spec;
}

mode_t modeOf(const QString &path) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0;
    return info.st_mode & 07777;
}

} // namespace

class TestDkimKeyStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void generateWritesKeyAndRow_data();
    void generateWritesKeyAndRow();
    void defaultSelectorFromClock();
    void refusals_data();
    void refusals();
    void oldestKeySigns();
    void removeOneAndAll();
    void removingTheDomainRemovesKeys();
    void unreadableKeyIsReported();

private:
    core::StoreResult<DkimKeyInfo> generate(const QString &domain, const QString &selector,
                                            DkimAlgorithm algorithm = DkimAlgorithm::Ed25519,
                                            int bits = defaultRsaBits);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<core::ConfigStore> m_config;
    std::unique_ptr<DkimKeyStore> m_keys;
    QDateTime m_now;
};

void TestDkimKeyStore::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_config = std::make_unique<core::ConfigStore>(m_dir->filePath(u"config.db"_s));
    QVERIFY2(m_config->isOpen(), qPrintable(m_config->error()));
    QVERIFY(m_config->addDomain(domainSpec(u"example.test"_s)).ok());
    QVERIFY(m_config->addDomain(domainSpec(u"bücher.example"_s)).ok());
    QVERIFY(m_config->addAliasDomain(u"alias.example"_s, u"example.test"_s).ok());
    m_now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
    m_keys = std::make_unique<DkimKeyStore>(m_dir->filePath(u"dkim"_s), m_config.get(),
                                            [this] { return m_now; });
}

void TestDkimKeyStore::cleanup() {
    m_keys.reset();
    m_config.reset();
    m_dir.reset();
}

core::StoreResult<DkimKeyInfo> TestDkimKeyStore::generate(const QString &domain,
                                                          const QString &selector,
                                                          DkimAlgorithm algorithm, int bits) {
    return m_keys->generate(DkimKeyRequest{
        .domain = domain, .selector = selector, .algorithm = algorithm, .rsaBits = bits});
}

void TestDkimKeyStore::generateWritesKeyAndRow_data() {
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("ace");
    QTest::addColumn<DkimAlgorithm>("algorithm");
    QTest::addColumn<int>("bits");
    QTest::addColumn<QByteArray>("recordStart");

    QTest::newRow("rsa 2048") << u"example.test"_s << u"example.test"_s << DkimAlgorithm::Rsa
                              << 2048 << "v=DKIM1; k=rsa; p=MIIBIjAN"_ba;
    QTest::newRow("rsa 3072") << u"EXAMPLE.test"_s << u"example.test"_s << DkimAlgorithm::Rsa
                              << 3072 << "v=DKIM1; k=rsa; p=MIIBojAN"_ba;
    QTest::newRow("ed25519, IDN domain")
        << u"bücher.example"_s << u"xn--bcher-kva.example"_s << DkimAlgorithm::Ed25519 << 256
        << "v=DKIM1; k=ed25519; p="_ba;
}

void TestDkimKeyStore::generateWritesKeyAndRow() {
    QFETCH(QString, domain);
    QFETCH(QString, ace);
    QFETCH(DkimAlgorithm, algorithm);
    QFETCH(int, bits);
    QFETCH(QByteArray, recordStart);

    const auto generated = generate(domain, u"Sel1"_s, algorithm, bits);
    QVERIFY2(generated.ok(), qPrintable(generated.ok() ? QString() : generated.error().message));
    const DkimKeyInfo &info = generated.value();
    QCOMPARE(info.record.domain, ace);
    QCOMPARE(info.record.selector, u"sel1"_s);
    QCOMPARE(info.record.algorithm, algorithmName(algorithm));
    QCOMPARE(info.record.bits, bits);
    QCOMPARE(info.record.created, m_now);
    QVERIFY(info.signing);
    QCOMPARE(info.dns.name, u"sel1._domainkey."_s + ace);
    QVERIFY2(info.dns.value.startsWith(recordStart), info.dns.value.constData());

    const QString path = m_dir->filePath(u"dkim/"_s + ace + u"/sel1.pem"_s);
    QCOMPARE(m_keys->keyPath(ace, u"sel1"_s), path);
    QCOMPARE(modeOf(path), mode_t(0600));
    QCOMPARE(modeOf(m_dir->filePath(u"dkim"_s)), mode_t(0700));
    QCOMPARE(modeOf(m_dir->filePath(u"dkim/"_s + ace)), mode_t(0700));
    QVERIFY(!QFile::exists(m_dir->filePath(u"dkim/"_s + ace + u"/.sel1.pem.new"_s)));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString error;
    const DkimPrivateKey key = DkimPrivateKey::fromPem(file.readAll(), &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    QCOMPARE(dnsRecordFor(key, ace, u"sel1"_s).value, info.dns.value);

    const auto listed = m_keys->keys(domain);
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().size(), 1);
    QCOMPARE(listed.value().first().dns.value, info.dns.value);
    QVERIFY(listed.value().first().problem.isEmpty());
}

void TestDkimKeyStore::defaultSelectorFromClock() {
    QCOMPARE(DkimKeyStore::defaultSelector(m_now), u"ms202611"_s);
    const auto generated = generate(u"example.test"_s, QString());
    QVERIFY(generated.ok());
    QCOMPARE(generated.value().record.selector, u"ms202611"_s);
    // The same month again needs an explicit selector.
    const auto again = generate(u"example.test"_s, QString());
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
    m_now = m_now.addMonths(2);
    QCOMPARE(generate(u"example.test"_s, QString()).value().record.selector, u"ms202701"_s);
}

void TestDkimKeyStore::refusals_data() {
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("selector");
    QTest::addColumn<DkimAlgorithm>("algorithm");
    QTest::addColumn<int>("bits");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("field");

    const auto ed = DkimAlgorithm::Ed25519;
    QTest::newRow("unknown domain")
        << u"nowhere.test"_s << u"s"_s << ed << 0 << ErrorCode::NotFound << u"domain"_s;
    QTest::newRow("alias domain") << u"alias.example"_s << u"s"_s << ed << 0 << ErrorCode::NotFound
                                  << u"domain"_s;
    QTest::newRow("malformed domain")
        << u"exa mple"_s << u"s"_s << ed << 0 << ErrorCode::InvalidValue << u"domain"_s;
    QTest::newRow("selector escaping the directory")
        << u"example.test"_s << u"../x"_s << ed << 0 << ErrorCode::InvalidValue << u"selector"_s;
    QTest::newRow("selector with slash")
        << u"example.test"_s << u"a/b"_s << ed << 0 << ErrorCode::InvalidValue << u"selector"_s;
    QTest::newRow("selector with underscore")
        << u"example.test"_s << u"a_b"_s << ed << 0 << ErrorCode::InvalidValue << u"selector"_s;
    QTest::newRow("selector starting with a hyphen")
        << u"example.test"_s << u"-a"_s << ed << 0 << ErrorCode::InvalidValue << u"selector"_s;
    QTest::newRow("selector label too long") << u"example.test"_s << QString(64, u'a') << ed << 0
                                             << ErrorCode::InvalidValue << u"selector"_s;
    QTest::newRow("rsa 1024") << u"example.test"_s << u"s"_s << DkimAlgorithm::Rsa << 1024
                              << ErrorCode::InvalidValue << u"bits"_s;
    QTest::newRow("rsa 8192") << u"example.test"_s << u"s"_s << DkimAlgorithm::Rsa << 8192
                              << ErrorCode::InvalidValue << u"bits"_s;
    QTest::newRow("selector taken")
        << u"example.test"_s << u"TAKEN"_s << ed << 0 << ErrorCode::AlreadyExists << u"selector"_s;
}

void TestDkimKeyStore::refusals() {
    QFETCH(QString, domain);
    QFETCH(QString, selector);
    QFETCH(DkimAlgorithm, algorithm);
    QFETCH(int, bits);
    QFETCH(ErrorCode, code);
    QFETCH(QString, field);

    QVERIFY(generate(u"example.test"_s, u"taken"_s).ok());
    const auto refused = generate(domain, selector, algorithm, bits);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, code);
    QCOMPARE(refused.error().field, field);
    QVERIFY(!refused.error().message.isEmpty());
    // Nothing else was written.
    QCOMPARE(m_keys->keys().value().size(), 1);
    QCOMPARE(QDir(m_dir->filePath(u"dkim"_s)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList{u"example.test"_s});
    QCOMPARE(QDir(m_dir->filePath(u"dkim/example.test"_s))
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{u"taken.pem"_s});
}

void TestDkimKeyStore::oldestKeySigns() {
    QString error;
    QVERIFY(!m_keys->signerFor(u"example.test"_s, &error));
    QVERIFY(error.contains(u"no DKIM key"_s));

    QVERIFY(generate(u"example.test"_s, u"old"_s).ok());
    m_now = m_now.addDays(30);
    const auto newer = generate(u"example.test"_s, u"new"_s, DkimAlgorithm::Rsa, 2048);
    QVERIFY(newer.ok());
    QVERIFY(!newer.value().signing);

    const auto listed = m_keys->keys(u"example.test"_s);
    QCOMPARE(listed.value().size(), 2);
    QCOMPARE(listed.value().at(0).record.selector, u"old"_s);
    QVERIFY(listed.value().at(0).signing);
    QVERIFY(!listed.value().at(1).signing);

    std::optional<DkimSigner> signer = m_keys->signerFor(u"example.test"_s, &error);
    QVERIFY2(signer, qPrintable(error));
    QCOMPARE(signer->selector(), u"old"_s);
    QCOMPARE(signer->algorithm(), DkimAlgorithm::Ed25519);
    QVERIFY(signer->sign("From: a@example.test\r\n\r\nhi\r\n"_ba, 1795000000).ok());

    // Rotation: once the old key is gone, the new one signs.
    QVERIFY(m_keys->remove(u"example.test"_s, u"old"_s).ok());
    signer = m_keys->signerFor(u"example.test"_s, &error);
    QVERIFY2(signer, qPrintable(error));
    QCOMPARE(signer->selector(), u"new"_s);
    QCOMPARE(signer->algorithm(), DkimAlgorithm::Rsa);
    QVERIFY(m_keys->keys(u"example.test"_s).value().first().signing);
}

void TestDkimKeyStore::removeOneAndAll() {
    QVERIFY(generate(u"example.test"_s, u"a"_s).ok());
    QVERIFY(generate(u"example.test"_s, u"b"_s).ok());
    QVERIFY(generate(u"bücher.example"_s, u"c"_s).ok());
    const QString dir = m_dir->filePath(u"dkim/example.test"_s);

    auto removed = m_keys->remove(u"example.test"_s, u"A"_s);
    QVERIFY(removed.ok());
    QCOMPARE(removed.value().size(), 1);
    QCOMPARE(removed.value().first().selector, u"a"_s);
    QVERIFY(!QFile::exists(dir + u"/a.pem"_s));
    QVERIFY(QFile::exists(dir + u"/b.pem"_s));

    auto missing = m_keys->remove(u"example.test"_s, u"a"_s);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(missing.error().field, u"selector"_s);

    removed = m_keys->remove(u"example.test"_s);
    QVERIFY(removed.ok());
    QCOMPARE(removed.value().size(), 1);
    QVERIFY(!QFile::exists(dir));
    QCOMPARE(m_keys->keys().value().size(), 1); // the other domain's key stays

    missing = m_keys->remove(u"example.test"_s);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(m_keys->remove(u"nowhere.test"_s).error().code, ErrorCode::NotFound);
}

void TestDkimKeyStore::removingTheDomainRemovesKeys() {
    QVERIFY(generate(u"example.test"_s, u"a"_s).ok());
    QVERIFY(generate(u"bücher.example"_s, u"b"_s).ok());
    QVERIFY(m_config->removeDomain(u"example.test"_s, true).ok());
    // The schema dropped the rows; the handler of domain.remove deletes files.
    QCOMPARE(m_keys->keys().value().size(), 1);
    QString error;
    QVERIFY(m_keys->removeDomainFiles(u"example.test"_s, &error));
    QVERIFY(!QFile::exists(m_dir->filePath(u"dkim/example.test"_s)));
    QVERIFY(QFile::exists(m_dir->filePath(u"dkim/xn--bcher-kva.example/b.pem"_s)));
    QVERIFY(m_keys->removeDomainFiles(u"never-had-keys.test"_s, &error));
    QVERIFY(!m_keys->removeDomainFiles(u"../etc"_s, &error));
    QVERIFY(!m_keys->removeDomainFiles(u"a/b"_s, &error));

    // A domain added again starts without keys; the old selector is free.
    QVERIFY(m_config->addDomain(domainSpec(u"example.test"_s)).ok());
    QCOMPARE(m_keys->keys(u"example.test"_s).value().size(), 0);
    QVERIFY(generate(u"example.test"_s, u"a"_s).ok());
}

void TestDkimKeyStore::unreadableKeyIsReported() {
    QVERIFY(generate(u"example.test"_s, u"a"_s).ok());
    const QString path = m_dir->filePath(u"dkim/example.test/a.pem"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("garbage");
    file.close();
    const auto listed = m_keys->keys();
    QVERIFY(listed.ok());
    QCOMPARE(listed.value().size(), 1);
    QVERIFY(listed.value().first().problem.contains(path));
    QVERIFY(listed.value().first().dns.value.isEmpty());
    QString error;
    QVERIFY(!m_keys->signerFor(u"example.test"_s, &error));
    QVERIFY(error.contains(path));

    QVERIFY(QFile::remove(path));
    QVERIFY(m_keys->keys().value().first().problem.contains(u"Cannot read"_s));
}

QTEST_GUILESS_MAIN(TestDkimKeyStore)
#include "tst_dkimkeystore.moc"
