// ConfigStoreTestSupport.h - shared by the config.db tests: a fresh store per
// test function, specs, table setup steps, a snapshot that proves a refused
// call changed nothing, and a raw second connection to the same file.
#pragma once

#include "core/ConfigStore.h"

#include <functional>
#include <memory>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

namespace configstoretest {

using namespace mailstead::core;
using mailstead::ipc::ErrorCode;

// A real yescrypt hash (of "correct horse battery staple"), so that tests do
// not spend a key derivation on every mailbox.
extern const QString storedHash;

template <typename T> QString describe(const StoreResult<T> &result) {
    if (result.ok())
        return QStringLiteral("ok");
    return QStringLiteral("error %1 (%2): %3")
        .arg(static_cast<int>(result.error().code))
        .arg(result.error().field, result.error().message);
}

#define VERIFY_OK(expr)                                                                            \
    do {                                                                                           \
        const auto verifyResult_ = (expr);                                                         \
        QVERIFY2(verifyResult_.ok(), qPrintable(configstoretest::describe(verifyResult_)));        \
    } while (false)

// One store call of a refusal table, and its error (or a marker error when
// the call unexpectedly succeeded).
using Call = std::function<StoreError(ConfigStore &)>;

template <typename T> StoreError errorOf(const StoreResult<T> &result) {
    if (result.ok())
        return StoreError{ErrorCode::InternalError, QStringLiteral("unexpected success"),
                          QStringLiteral("-")};
    return result.error();
}

// Messages are sentences for a person; some open with a quoted input.
bool isSentence(const QString &message);

template <typename T>
bool isError(const StoreResult<T> &result, ErrorCode code, const QString &field) {
    if (result.ok()) {
        qWarning("expected an error, got success");
        return false;
    }
    const StoreError &error = result.error();
    if (error.code != code || error.field != field) {
        qWarning("expected code %d field \"%s\", got %s", static_cast<int>(code), qPrintable(field),
                 qPrintable(describe(result)));
        return false;
    }
    if (!isSentence(error.message)) {
        qWarning("not a sentence: \"%s\"", qPrintable(error.message));
        return false;
    }
    return true;
}

DomainSpec domainSpec(const QString &name, qint64 quota = 0, int maxMailboxes = 0,
                      int maxAliases = 0);
MailboxSpec mailboxSpec(const QString &address, qint64 quota = 0);
AliasSpec aliasSpec(const QString &source, const QStringList &targets);

// Setup steps for tables: "domain NAME", "domain NAME quota=N mailboxes=N
// aliases=N", "aliasdomain NAME TARGET", "mailbox ADDRESS [quota]",
// "alias SOURCE TARGET...".
bool applySetup(ConfigStore &store, const QStringList &steps);

// Everything a store holds, flattened, to prove that a refused call changed
// nothing and that a reopened file holds the same.
QString snapshot(const ConfigStore &store);

// A second connection to the same file, for what the store must not be able
// to prevent: a failing write.
class RawConnection {
public:
    explicit RawConnection(const QString &path);
    ~RawConnection();
    bool exec(const QString &sql);

private:
    QString m_name;
};

// Base of the test classes: each test function gets a fresh database file.
class StoreTestCase : public QObject {
    Q_OBJECT
protected:
    void openFresh();
    void closeStore();
    ConfigStore &store() { return *m_store; }

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<ConfigStore> m_store;
    int m_files = 0;
};

} // namespace configstoretest
