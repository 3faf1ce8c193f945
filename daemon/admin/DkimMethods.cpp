// DkimMethods.cpp - dkim.generate, dkim.show, dkim.list, dkim.remove
//
// Thin handlers over dkim::DkimKeyStore, which checks domains (existing
// primary domains only: NotFound otherwise), selectors and sizes, and names
// the parameter in its errors. Every key is answered with its DNS TXT
// record: the value, its 255-byte strings and a zone-file line to paste.
// Key generation runs on the admin thread: an RSA-4096 key costs up to a
// few seconds of one core, once, at an administrator's request.
//
// SECURITY: reached only by authorized peers. Private keys never leave the
// daemon: no method returns or logs them.
#include "ConfigJson.h"
#include "dkim/DkimKeyStore.h"
#include "MethodTable.h"
#include "Params.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

QJsonObject toJson(const dkim::DkimKeyInfo &key) {
    QJsonArray strings;
    const QList<QByteArray> pieces = key.dns.strings();
    for (const QByteArray &piece : pieces)
        strings.append(QString::fromLatin1(piece));
    QJsonObject json{
        {u"domain"_s, key.record.domain},
        {u"selector"_s, key.record.selector},
        {u"algorithm"_s, key.record.algorithm},
        {u"bits"_s, key.record.bits},
        {u"created"_s, isoTime(key.record.created)},
        {u"signing"_s, key.signing},
    };
    if (key.problem.isEmpty()) {
        json.insert(u"dns"_s, QJsonObject{{u"name"_s, key.dns.name},
                                          {u"value"_s, QString::fromLatin1(key.dns.value)},
                                          {u"strings"_s, strings},
                                          {u"zone"_s, key.dns.zoneFileText()}});
    } else {
        json.insert(u"problem"_s, key.problem);
    }
    return json;
}

QJsonArray toJson(const QList<dkim::DkimKeyInfo> &keys) {
    QJsonArray array;
    for (const dkim::DkimKeyInfo &key : keys)
        array.append(toJson(key));
    return array;
}

std::optional<ipc::RpcError> unavailable(const MethodContext &context) {
    if (context.dkimKeys)
        return std::nullopt;
    return ipc::RpcError{ipc::ErrorCode::InternalError, u"DKIM keys are not available."_s, {}};
}

HandlerResult generate(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"domain"_s, u"selector"_s, u"algorithm"_s, u"bits"_s});
    dkim::DkimKeyRequest request;
    request.domain = p.requireString(u"domain"_s);
    request.selector = p.optionalString(u"selector"_s).value_or(QString());
    const QString algorithm = p.optionalString(u"algorithm"_s).value_or(u"rsa"_s);
    const std::optional<qint64> bits = p.optionalInt64(u"bits"_s);
    if (!p.ok())
        return p.error();
    const auto parsed = dkim::parseAlgorithm(algorithm);
    if (!parsed)
        return ipc::RpcError{ipc::ErrorCode::InvalidValue,
                             u"The algorithm is \"rsa\" or \"ed25519\", not \""_s + algorithm +
                                 u"\"."_s,
                             u"algorithm"_s};
    request.algorithm = *parsed;
    if (bits && request.algorithm == dkim::DkimAlgorithm::Ed25519 && *bits != dkim::ed25519Bits)
        return ipc::RpcError{ipc::ErrorCode::InvalidValue, u"Ed25519 keys always have 256 bits."_s,
                             u"bits"_s};
    if (bits && (*bits < dkim::minRsaBits || *bits > dkim::maxRsaBits) &&
        request.algorithm == dkim::DkimAlgorithm::Rsa)
        return ipc::RpcError{ipc::ErrorCode::InvalidValue,
                             u"RSA keys have "_s + QString::number(dkim::minRsaBits) + u" to "_s +
                                 QString::number(dkim::maxRsaBits) +
                                 u" bits (RFC 8301: at least 2048 recommended, 1024 at the very "
                                 "least)."_s,
                             u"bits"_s};
    request.rsaBits = int(bits.value_or(dkim::defaultRsaBits));
    if (auto error = unavailable(context))
        return *error;

    const auto generated = context.dkimKeys->generate(request);
    if (!generated.ok())
        return generated.error();
    const dkim::DkimKeyInfo &key = generated.value();
    announceConfigChange(context, u"dkim_key"_s, u"added"_s,
                         key.record.selector + u"._domainkey."_s + key.record.domain);
    return toJson(key);
}

HandlerResult show(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"domain"_s});
    const QString domain = p.requireString(u"domain"_s);
    if (!p.ok())
        return p.error();
    if (auto error = unavailable(context))
        return *error;
    const auto keys = context.dkimKeys->keys(domain);
    if (!keys.ok())
        return keys.error();
    if (keys.value().isEmpty())
        return ipc::RpcError{ipc::ErrorCode::NotFound,
                             u"The domain "_s + domain +
                                 u" has no DKIM key; create one with dkim.generate."_s,
                             u"domain"_s};
    return QJsonObject{{u"domain"_s, keys.value().first().record.domain},
                       {u"keys"_s, toJson(keys.value())}};
}

HandlerResult list(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({});
    if (!p.ok())
        return p.error();
    if (auto error = unavailable(context))
        return *error;
    const auto keys = context.dkimKeys->keys();
    if (!keys.ok())
        return keys.error();
    return QJsonObject{{u"keys"_s, toJson(keys.value())}};
}

HandlerResult remove(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"domain"_s, u"selector"_s});
    const QString domain = p.requireString(u"domain"_s);
    const QString selector = p.optionalString(u"selector"_s).value_or(QString());
    if (!p.ok())
        return p.error();
    if (auto error = unavailable(context))
        return *error;
    const auto removed = context.dkimKeys->remove(domain, selector);
    if (!removed.ok())
        return removed.error();
    QJsonArray names;
    for (const core::DkimKeyRecord &key : removed.value()) {
        const QString name = key.selector + u"._domainkey."_s + key.domain;
        announceConfigChange(context, u"dkim_key"_s, u"removed"_s, name);
        names.append(QJsonObject{{u"domain"_s, key.domain}, {u"selector"_s, key.selector}});
    }
    return QJsonObject{{u"removed"_s, names}};
}

} // namespace

void addDkimMethods(MethodTable &table) {
    table.add(u"dkim.generate"_s, generate);
    table.add(u"dkim.show"_s, show);
    table.add(u"dkim.list"_s, list);
    table.add(u"dkim.remove"_s, remove);
}

} // namespace mailstead::admin
