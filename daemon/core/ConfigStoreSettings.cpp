// ConfigStoreSettings.cpp - key/value settings in config.db
//
// The settings table holds what an administrator changed through IPC and
// what must survive a restart, e.g. the ACME contact and directory given to
// cert.request ("acme.email", "acme.directory"). Callers validate values;
// the store only keeps them. A missing key means "use the INI default".
//
// SECURITY: keys and values reach SQL only as bound values.
#include "core/ConfigStore.h"
#include "core/ConfigStorePrivate.h"

using namespace Qt::StringLiterals;

namespace mailstead::core {

using namespace detail;

std::optional<QString> ConfigStore::setting(const QString &key) const {
    if (d->unavailable())
        return std::nullopt;
    QSqlQuery query(d->db);
    if (!run(query, u"SELECT value FROM settings WHERE key = ?"_s, {key}) || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

StoreResult<Done> ConfigStore::setSettings(const QList<std::pair<QString, QString>> &values) {
    if (auto error = d->unavailable())
        return *error;
    WriteTransaction transaction(d->db);
    QSqlError sql;
    if (!transaction.begin(&sql))
        return d->sqlError(sql);
    QSqlQuery query(d->db);
    for (const auto &[key, value] : values) {
        if (!run(query, u"INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)"_s,
                 {key, QString(value.isNull() ? u""_s : value)})) {
            return d->sqlError(query);
        }
    }
    if (!transaction.commit(&sql))
        return d->sqlError(sql);
    return Done{};
}

} // namespace mailstead::core
