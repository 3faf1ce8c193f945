// ConfigStorePrivate.h - internals shared by the ConfigStore*.cpp files
//
// Not part of mailstead_core's interface: struct ConfigStore::Private (the
// connection and the row loaders every part of the store uses), the read and
// write transactions, and the small helpers for errors, text checks and SQL.
// ConfigStorePrivate.cpp implements them.
//
// SECURITY: run() is the only way a value reaches SQL here, and it binds
// values; statements are never built from client strings.
#pragma once

#include "core/ConfigStore.h"
#include "validation/Address.h"

#include <optional>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace mailstead::core {

namespace detail {

using ipc::ErrorCode;

StoreError fail(ErrorCode code, const QString &message, const QString &field = {});
// Address.h reports clauses ("the domain is empty"); users get sentences.
QString sentence(const QString &clause);
QString displayDomain(const QString &ace);
// The same folding MailAddress::lookupKey() applies to the local part.
QString localKey(const QString &localPart);
QString addressText(const QString &localPart, const QString &domainAce);
QDateTime fromUnix(const QVariant &value);

std::optional<StoreError> checkText(const QString &text, int maxLength, const QString &what,
                                    const QString &field);
std::optional<StoreError> checkNonNegative(qint64 value, const QString &what, const QString &field);
std::optional<StoreError> checkPasswordHash(const QString &hash);

// Runs one statement with positional values.
bool run(QSqlQuery &query, const QString &sql, const QVariantList &values = {});

// What a domain name is in this store.
struct NameLookup {
    enum class Kind { None, Domain, AliasDomain };
    Kind kind = Kind::None;
    qint64 id = 0;       // the domain's or the alias domain's row
    qint64 targetId = 0; // alias domains: the primary domain's row
    QString target;      // alias domains: the primary domain's A-label
};

// BEGIN IMMEDIATE takes the write lock up front, so that validation reads
// and the write see the same rows; the destructor rolls back unless
// commit() succeeded.
class WriteTransaction {
public:
    explicit WriteTransaction(QSqlDatabase db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool begin(QSqlError *error);
    bool commit(QSqlError *error);

private:
    bool step(const QString &sql, QSqlError *error, bool *flag);
    QSqlDatabase m_db;
    bool m_begun = false;
    bool m_done = false;
};

// Read methods run their queries in one read transaction so that, say, a
// domain list and its alias domains come from the same snapshot.
class ReadTransaction {
public:
    explicit ReadTransaction(QSqlDatabase db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;

private:
    QSqlDatabase m_db;
    bool m_begun = false;
};

} // namespace detail

struct ConfigStore::Private {
    QString connectionName;
    QString label; // file name for messages
    QSqlDatabase db;
    QString openError;
    int schemaVersion = -1;
    bool open = false;

    std::optional<StoreError> unavailable() const;
    StoreError sqlError(const QSqlError &sql) const;
    StoreError sqlError(const QSqlQuery &query) const;

    bool lookupName(const QString &ace, detail::NameLookup *out, StoreError *error);
    std::optional<StoreError> locate(const MailAddress &address, const QString &field,
                                     const QString &what, qint64 *domainId);
    std::optional<StoreError> loadDomains(const QString &whereSql, const QVariantList &values,
                                          QList<Domain> *out);
    std::optional<StoreError> loadMailboxes(const QString &whereSql, const QVariantList &values,
                                            QList<Mailbox> *out);
    std::optional<StoreError> loadAliases(const QString &whereSql, const QVariantList &values,
                                          QList<Alias> *out);
    std::optional<StoreError> checkAliasGraph(const QString &startKey, const QString &field);
};

} // namespace mailstead::core
