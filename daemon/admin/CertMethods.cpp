// CertMethods.cpp - cert.status, cert.import, cert.selfsigned, cert.request,
// cert.renew
//
// Thin handlers over tls::CertificateStore, which every TLS listener reads
// for each new connection: a change here reaches new connections at once
// while open ones keep their session (hot reload). cert.import checks the
// chain and key (CertificateImport.h) and answers what to fix; the
// hostname must be covered. cert.selfsigned replaces whatever is installed
// with a new self-signed certificate for the hostname and, per domain,
// autoconfig., autodiscover. and mta-sts. names. cert.renew renews what
// can be renewed here: a self-signed certificate is issued again, an ACME
// one ordered again; an imported one is renewed by importing its
// successor. cert.request (and cert.renew of an ACME certificate) answer
// when the CA has issued the certificate (a deferred reply).
//
// SECURITY: reached only by authorized peers. The private key is accepted
// but never returned or logged.
#include "ConfigJson.h"
#include "core/Log.h"
#include "MethodTable.h"
#include "Params.h"
#include "tls/CertificateIssuer.h"
#include "tls/CertificateStore.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

// PEM text of a chain or key is a few KiB; this leaves room for long chains.
constexpr qsizetype maxPemChars = 1024 * 1024;

QJsonObject status(const tls::CertificateStore &store, const tls::CertificateIssuer *issuer) {
    const tls::CertificateInfo info = store.info();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonObject acme{{u"running"_s, issuer && issuer->isRunning()}};
    if (issuer && !issuer->lastError().isEmpty())
        acme.insert(u"last_error"_s, issuer->lastError());
    if (issuer && issuer->nextRetry().isValid())
        acme.insert(u"next_retry"_s, isoTime(issuer->nextRetry()));
    return QJsonObject{
        {u"acme"_s, acme},
        {u"source"_s, info.source},
        {u"subject"_s, info.subject},
        {u"names"_s, QJsonArray::fromStringList(info.names)},
        {u"issuer"_s, info.issuer},
        {u"not_before"_s, isoTime(info.notBefore)},
        {u"not_after"_s, isoTime(info.notAfter)},
        {u"days_left"_s, now.daysTo(info.notAfter)},
        {u"self_signed"_s, info.selfSigned},
    };
}

std::optional<ipc::RpcError> unavailable(const MethodContext &context) {
    if (context.certificates && context.certificateNames)
        return std::nullopt;
    return ipc::RpcError{
        ipc::ErrorCode::InternalError, u"The certificate store is not available."_s, {}};
}

HandlerResult getStatus(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({});
    if (!p.ok())
        return p.error();
    if (const auto error = unavailable(context))
        return *error;
    return status(*context.certificates, context.issuer);
}

HandlerResult importCertificate(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"chain"_s, u"key"_s});
    const QString chain = p.requireString(u"chain"_s);
    const QString key = p.requireString(u"key"_s);
    if (!p.ok())
        return p.error();
    if (const auto error = unavailable(context))
        return *error;
    for (const auto &[field, text] : {std::pair{u"chain"_s, chain}, std::pair{u"key"_s, key}}) {
        if (text.size() > maxPemChars)
            return ipc::RpcError{
                ipc::ErrorCode::InvalidValue,
                u"The %1 is larger than %2 characters."_s.arg(field).arg(maxPemChars), field};
    }
    // The hostname is names[0]: the one name an imported certificate must
    // cover (clients connect to it); the per-domain names are optional.
    const QString hostname = context.certificateNames().value(0);
    QString error;
    if (!context.certificates->import(chain.toUtf8(), key.toUtf8(), {hostname}, &error)) {
        // A key problem concerns "key", everything else the chain.
        const bool aboutKey =
            error.startsWith(u"the private key"_s) || error.startsWith(u"the key file"_s);
        return ipc::RpcError{ipc::ErrorCode::InvalidValue, error, aboutKey ? u"key"_s : u"chain"_s};
    }
    qCInfo(core::lcAdmin, "certificate imported");
    return status(*context.certificates, context.issuer);
}

HandlerResult selfSigned(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({});
    if (!p.ok())
        return p.error();
    if (const auto error = unavailable(context))
        return *error;
    QString error;
    if (!context.certificates->replaceWithSelfSigned(context.certificateNames(), &error))
        return ipc::RpcError{ipc::ErrorCode::StorageError, error, {}};
    return status(*context.certificates, context.issuer);
}

HandlerResult requestCertificate(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({});
    if (!p.ok())
        return p.error();
    if (const auto error = unavailable(context))
        return *error;
    if (!context.issuer || !context.deferReply)
        return ipc::RpcError{ipc::ErrorCode::InternalError, u"ACME is not available."_s, {}};
    if (context.issuer->isRunning())
        return ipc::RpcError{ipc::ErrorCode::Busy,
                             u"A certificate request is already running; its progress is "
                             "published as event.cert."_s,
                             {}};
    const ReplyFunction reply = context.deferReply();
    tls::CertificateStore *store = context.certificates;
    tls::CertificateIssuer *issuer = context.issuer;
    QString error;
    const bool started = issuer->request(
        [reply, store, issuer](bool ok, const QString &failure) {
            if (ok)
                reply(status(*store, issuer));
            else
                reply(ipc::RpcError{ipc::ErrorCode::ExternalError, failure, {}});
        },
        &error);
    if (!started)
        reply(ipc::RpcError{ipc::ErrorCode::InvalidValue, error, {}});
    return HandlerResult::deferred();
}

HandlerResult renew(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({});
    if (!p.ok())
        return p.error();
    if (const auto error = unavailable(context))
        return *error;
    const tls::CertificateInfo info = context.certificates->info();
    if (info.source == u"acme"_s)
        return requestCertificate(params, context);
    if (!info.selfSigned)
        return ipc::RpcError{ipc::ErrorCode::InvalidValue,
                             u"The installed certificate was imported; renew it by importing its "
                             "successor (cert import), or switch to a self-signed one (cert "
                             "selfsigned)."_s,
                             {}};
    return selfSigned(params, context);
}

} // namespace

void addCertMethods(MethodTable &table) {
    table.add(u"cert.status"_s, getStatus);
    table.add(u"cert.import"_s, importCertificate);
    table.add(u"cert.selfsigned"_s, selfSigned);
    table.add(u"cert.request"_s, requestCertificate);
    table.add(u"cert.renew"_s, renew);
}

} // namespace mailstead::admin
