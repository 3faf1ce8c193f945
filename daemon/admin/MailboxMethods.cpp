// MailboxMethods.cpp - mailbox.add, list, get, update, remove, auth_test
//
// A new password is checked (PasswordHash::checkNewPassword) and hashed with
// yescrypt here; an imported hash is normalized (Dovecot "{SCHEME}" prefix
// removed) and must be one libxcrypt can verify. Only hashes reach the store,
// which validates and normalizes addresses and names the parameter in its
// errors.
//
// Mail storage follows the configuration: adding a mailbox creates its
// Maildir++ folders (and is undone if that fails, so no mailbox exists
// without storage); removing it deletes its mail, as mailcow does. Results
// carry the mailbox's usage from the store.
//
// SECURITY: reached only by authorized peers. Passwords are never logged or
// returned; hashing runs synchronously on the admin thread (an admin action,
// not a login path).
#include "ConfigJson.h"
#include "core/ConfigStore.h"
#include "core/Log.h"
#include "core/PasswordHash.h"
#include "MethodTable.h"
#include "Params.h"
#include "store/MessageStore.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

QJsonObject withUsage(QJsonObject json, const core::Mailbox &mailbox,
                      const MethodContext &context) {
    if (!context.messages)
        return json;
    const auto usage = context.messages->usage(mailbox.domain, mailbox.localPart);
    json.insert(u"usage"_s, QJsonObject{{u"bytes"_s, usage ? usage->bytes : 0},
                                        {u"messages"_s, usage ? usage->messages : 0}});
    return json;
}

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
    const core::Mailbox &mailbox = added.value();
    QString storageError;
    if (context.messages &&
        !context.messages->ensureMailbox(mailbox.domain, mailbox.localPart, &storageError)) {
        // No mailbox without its folders: take the configuration back.
        context.store->removeMailbox(mailbox.address());
        return ipc::RpcError{
            ipc::ErrorCode::StorageError,
            u"cannot create the mail folders of %1: %2"_s.arg(mailbox.address(), storageError),
            u"address"_s};
    }
    announceConfigChange(context, u"mailbox"_s, u"added"_s, mailbox.address());
    return withUsage(toJson(mailbox), mailbox, context);
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
        array.append(withUsage(toJson(mailbox), mailbox, context));
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
    return withUsage(toJson(mailbox.value()), mailbox.value(), context);
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
    return withUsage(toJson(updated.value()), updated.value(), context);
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
    removeMailboxStorage(context, existing.value());
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

void removeMailboxStorage(const MethodContext &context, const core::Mailbox &mailbox) {
    QString error;
    if (context.messages &&
        !context.messages->removeMailbox(mailbox.domain, mailbox.localPart, &error))
        qCWarning(core::lcAdmin, "mailbox %s removed, but its mail could not be deleted: %s",
                  qUtf8Printable(mailbox.address()), qUtf8Printable(error));
}

void addMailboxMethods(MethodTable &table) {
    table.add(u"mailbox.add"_s, add);
    table.add(u"mailbox.list"_s, list);
    table.add(u"mailbox.get"_s, get);
    table.add(u"mailbox.update"_s, update);
    table.add(u"mailbox.remove"_s, remove);
    table.add(u"mailbox.auth_test"_s, authTest);
}

} // namespace mailstead::admin
