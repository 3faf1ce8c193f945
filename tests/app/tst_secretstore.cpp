// tst_secretstore.cpp - SecretStore against a real Secret Service
//
// CTest runs this under support/run-with-keyring.sh: a private D-Bus
// session with gnome-keyring unlocked by a test password, in a temporary
// HOME. secret-tool (libsecret-tools), a second client of the same
// service, checks that the secrets really are in the keychain and not in
// some fallback file.
#include "settings/SecretStore.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;

namespace {

constexpr int keychainTimeoutMs = 20000;

struct ReadResult {
    std::optional<QString> secret;
    QString error;
};

} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writeAndReadBack();
    void overwrite();
    void removeThenReadMissing();
    void readMissing();
    void removeMissing();
    void nonAsciiSecret();
    void keysAreSeparate();
    void secretIsInTheSecretService();
    void storeDestroyedWhileWorking();

private:
    QString write(const QString &key, const QString &secret);
    ReadResult read(const QString &key);
    QString remove(const QString &key);
    // The secret as secret-tool finds it by QtKeychain's attributes.
    QString lookUpWithSecretTool(const QString &key);

    app::SecretStore m_store;
};

void TestSecretStore::initTestCase() {
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run through tests/app/support/run-with-keyring.sh (ctest does)");
    QCOMPARE(app::SecretStore::serviceName(), u"Mailstead"_s);
}

QString TestSecretStore::write(const QString &key, const QString &secret) {
    bool done = false;
    QString error;
    m_store.write(key, secret, [&](const QString &result) {
        error = result;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, keychainTimeoutMs))
        return u"no answer from the keychain"_s;
    return error;
}

ReadResult TestSecretStore::read(const QString &key) {
    bool done = false;
    ReadResult result;
    m_store.read(key, [&](std::optional<QString> secret, const QString &error) {
        result = {std::move(secret), error};
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, keychainTimeoutMs))
        return {std::nullopt, u"no answer from the keychain"_s};
    return result;
}

QString TestSecretStore::remove(const QString &key) {
    bool done = false;
    QString error;
    m_store.remove(key, [&](const QString &result) {
        error = result;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, keychainTimeoutMs))
        return u"no answer from the keychain"_s;
    return error;
}

QString TestSecretStore::lookUpWithSecretTool(const QString &key) {
    const QString secretTool = QStandardPaths::findExecutable(u"secret-tool"_s);
    if (secretTool.isEmpty())
        return u"<secret-tool not installed (package libsecret-tools)>"_s;
    QProcess process;
    process.start(secretTool,
                  {u"lookup"_s, u"server"_s, app::SecretStore::serviceName(), u"user"_s, key});
    if (!process.waitForFinished(keychainTimeoutMs))
        return u"<secret-tool did not finish>"_s;
    return QString::fromUtf8(process.readAllStandardOutput());
}

void TestSecretStore::writeAndReadBack() {
    QCOMPARE(write(u"mailbox/alice@example.test"_s, u"correct horse battery staple"_s), QString());
    const ReadResult result = read(u"mailbox/alice@example.test"_s);
    QCOMPARE(result.error, QString());
    QVERIFY(result.secret.has_value());
    QCOMPARE(*result.secret, u"correct horse battery staple"_s);
}

void TestSecretStore::overwrite() {
    QCOMPARE(write(u"overwritten"_s, u"first"_s), QString());
    QCOMPARE(write(u"overwritten"_s, u"second"_s), QString());
    const ReadResult result = read(u"overwritten"_s);
    QCOMPARE(result.error, QString());
    QCOMPARE(result.secret, std::optional<QString>(u"second"_s));
}

void TestSecretStore::removeThenReadMissing() {
    QCOMPARE(write(u"removed"_s, u"short-lived"_s), QString());
    QCOMPARE(read(u"removed"_s).secret, std::optional<QString>(u"short-lived"_s));
    QCOMPARE(remove(u"removed"_s), QString());
    const ReadResult result = read(u"removed"_s);
    QCOMPARE(result.error, QString());
    QVERIFY(!result.secret.has_value());
}

void TestSecretStore::readMissing() {
    const ReadResult result = read(u"never-written"_s);
    QCOMPARE(result.error, QString());
    QVERIFY(!result.secret.has_value());
}

void TestSecretStore::removeMissing() {
    QCOMPARE(remove(u"never-written-either"_s), QString());
}

void TestSecretStore::nonAsciiSecret() {
    const QString secret = u"Grüße, señor: пароль 密码 🔑 ✉"_s;
    const QString key = u"mailbox/jürgen@bücher.example"_s;
    QCOMPARE(write(key, secret), QString());
    const ReadResult result = read(key);
    QCOMPARE(result.error, QString());
    QCOMPARE(result.secret, std::optional<QString>(secret));
    QCOMPARE(lookUpWithSecretTool(key), secret);
}

void TestSecretStore::keysAreSeparate() {
    QCOMPARE(write(u"one"_s, u"secret one"_s), QString());
    QCOMPARE(write(u"two"_s, u"secret two"_s), QString());
    QCOMPARE(read(u"one"_s).secret, std::optional<QString>(u"secret one"_s));
    QCOMPARE(read(u"two"_s).secret, std::optional<QString>(u"secret two"_s));
    QCOMPARE(remove(u"one"_s), QString());
    QVERIFY(!read(u"one"_s).secret.has_value());
    QCOMPARE(read(u"two"_s).secret, std::optional<QString>(u"secret two"_s));
}

void TestSecretStore::secretIsInTheSecretService() {
    QCOMPARE(write(u"wizard/first-mailbox"_s, u"s3cret-for-the-wizard"_s), QString());
    QCOMPARE(lookUpWithSecretTool(u"wizard/first-mailbox"_s), u"s3cret-for-the-wizard"_s);
    QCOMPARE(remove(u"wizard/first-mailbox"_s), QString());
    QCOMPARE(lookUpWithSecretTool(u"wizard/first-mailbox"_s), QString());
}

void TestSecretStore::storeDestroyedWhileWorking() {
    bool called = false;
    {
        app::SecretStore store;
        store.write(u"orphan"_s, u"still stored"_s, [&](const QString &) { called = true; });
    }
    // The keychain finishes the write; nobody is told.
    QVERIFY(QTest::qWaitFor([&] { return lookUpWithSecretTool(u"orphan"_s) == u"still stored"_s; },
                            keychainTimeoutMs));
    QTest::qWait(100);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
