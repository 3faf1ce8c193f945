// MailboxMethods.cpp - mailbox.add, list, get, update, remove, auth_test
//
// A new password is checked (PasswordHash::checkNewPassword) and hashed with
// yescrypt here; an imported hash is normalized (Dovecot "{SCHEME}" prefix
// removed) and must be one libxcrypt can verify. Only hashes reach the store,
// which validates and normalizes addresses and names the parameter in its
// errors.
//
// SECURITY: reached only by authorized peers. Passwords are never logged or
// returned; hashing runs synchronously on the admin thread (an admin action,
// not a login path).
#include "ConfigJson.h"
#include "core/ConfigStore.h"
#include "core/PasswordHash.h"
#include "MethodTable.h"
#include "Params.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

// Turns "password" or "password_hash" into the hash to store. With
// required, exactly one of them must be present; otherwise at most one.
std::optional<QString> readPasswordHash(Params &p, bool required) {
    const bool hasPassword = p.has(u"password"_s);
    const bool hasHash = p.has(u"password_hash"_s);
    if (hasPassword && hasHash) {
        p.fail(ipc::ErrorCode::InvalidParams, u"password_hash"_s,
               u"give either \"password\" or \"password_hash\", not both"_s);
        return std::nullopt;
    }
    if (!hasPassword && !hasHash) {
        if (required)
            p.fail(ipc::ErrorCode::InvalidParams, u"password"_s,
                   u"missing parameter \"password\" (or \"password_hash\")"_s);
        return std::nullopt;
    }
    if (hasPassword) {
        const QString password = p.requireString(u"password"_s);
        if (!p.ok())
            return std::nullopt;
        const QString problem = core::PasswordHash::checkNewPassword(password);
        if (!problem.isEmpty()) {
            p.fail(ipc::ErrorCode::InvalidValue, u"password"_s, problem);
            return std::nullopt;
        }
        const QString hash = core::PasswordHash::hash(password);
        if (hash.isEmpty()) {
            p.fail(ipc::ErrorCode::InternalError, {}, u"the password could not be hashed"_s);
            return std::nullopt;
        }
        return hash;
    }
    const QString imported = p.requireString(u"password_hash"_s);
    if (!p.ok())
        return std::nullopt;
    QString problem;
    const QString hash = core::PasswordHash::normalizeImported(imported, &problem);
    if (hash.isEmpty()) {
        p.fail(ipc::ErrorCode::InvalidValue, u"password_hash"_s,
               problem.isEmpty() ? u"unsupported password hash"_s : problem);
        return std::nullopt;
    }
    return hash;
}

HandlerResult add(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown(
        {u"address"_s, u"password"_s, u"password_hash"_s, u"name"_s, u"quota"_s, u"active"_s});
    core::MailboxSpec spec;
    spec.address = p.requireString(u"address"_s);
    spec.displayName = p.optionalString(u"name"_s).value_or(u""_s);
    spec.quotaBytes = p.optionalInt64(u"quota"_s).value_or(0);
    spec.active = p.optionalBool(u"active"_s).value_or(true);
    // Hash last: it is the expensive step and pointless for a malformed request.
    if (p.ok())
        spec.passwordHash = readPasswordHash(p, true).value_or(QString());
    if (!p.ok())
        return p.error();

    const auto added = context.store->addMailbox(spec);
    if (!added.ok())
        return added.error();
    announceConfigChange(context, u"mailbox"_s, u"added"_s, added.value().address());
    return toJson(added.value());
}

HandlerResult list(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"domain"_s});
    const QString domain = p.optionalString(u"domain"_s).value_or(QString());
    if (!p.ok())
        return p.error();
    const auto mailboxes = context.store->mailboxes(domain);
    if (!mailboxes.ok())
        return mailboxes.error();
    QJsonArray array;
    for (const core::Mailbox &mailbox : mailboxes.value())
        array.append(toJson(mailbox));
    return QJsonObject{{u"mailboxes"_s, array}};
}

HandlerResult get(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"address"_s});
    const QString address = p.requireString(u"address"_s);
    if (!p.ok())
        return p.error();
    const auto mailbox = context.store->mailbox(address);
    if (!mailbox.ok())
        return mailbox.error();
    return toJson(mailbox.value());
}

HandlerResult update(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown(
        {u"address"_s, u"name"_s, u"quota"_s, u"active"_s, u"password"_s, u"password_hash"_s});
    const QString address = p.requireString(u"address"_s);
    core::MailboxChanges changes;
    changes.displayName = p.optionalString(u"name"_s);
    changes.quotaBytes = p.optionalInt64(u"quota"_s);
    changes.active = p.optionalBool(u"active"_s);
    if (p.ok())
        changes.passwordHash = readPasswordHash(p, false);
    if (!p.ok())
        return p.error();

    const auto updated = context.store->updateMailbox(address, changes);
    if (!updated.ok())
        return updated.error();
    announceConfigChange(context, u"mailbox"_s, u"updated"_s, updated.value().address());
    return toJson(updated.value());
}

HandlerResult remove(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"address"_s});
    const QString address = p.requireString(u"address"_s);
    if (!p.ok())
        return p.error();
    // Read first for the stored spelling of the address (lookups fold case).
    const auto existing = context.store->mailbox(address);
    if (!existing.ok())
        return existing.error();
    const QString stored = existing.value().address();
    const auto removed = context.store->removeMailbox(stored);
    if (!removed.ok())
        return removed.error();
    announceConfigChange(context, u"mailbox"_s, u"removed"_s, stored);
    return QJsonObject{{u"removed"_s, stored}};
}

HandlerResult authTest(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"address"_s, u"password"_s});
    const QString address = p.requireString(u"address"_s);
    const QString password = p.requireString(u"password"_s);
    if (!p.ok())
        return p.error();
    const auto mailbox = context.store->mailbox(address);
    if (!mailbox.ok())
        return mailbox.error();

    // A login fails for an inactive mailbox and for one in an inactive domain.
    const auto domain = context.store->domain(mailbox.value().domain);
    const bool active = mailbox.value().active && (!domain.ok() || domain.value().active);
    const QString &hash = mailbox.value().passwordHash;
    const bool valid = active && core::PasswordHash::verify(password, hash);
    return QJsonObject{{u"valid"_s, valid}, {u"scheme"_s, core::PasswordHash::schemeName(hash)}};
}

} // namespace

void addMailboxMethods(MethodTable &table) {
    table.add(u"mailbox.add"_s, add);
    table.add(u"mailbox.list"_s, list);
    table.add(u"mailbox.get"_s, get);
    table.add(u"mailbox.update"_s, update);
    table.add(u"mailbox.remove"_s, remove);
    table.add(u"mailbox.auth_test"_s, authTest);
}

} // namespace mailstead::admin
