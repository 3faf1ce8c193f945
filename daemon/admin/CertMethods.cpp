// CertMethods.cpp - cert.status, cert.import, cert.selfsigned, cert.request,
// cert.renew, cert.remove
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
// when the CA has issued the certificate (a deferred reply). With a
// domain, cert.import installs a per-domain certificate, served to clients
// whose TLS server_name it covers (RFC 6066 section 3); cert.remove takes
// one away again. cert.request takes optional ACME account settings
// (email, directory, agree_terms); they are kept in config.db and win over
// the INI [acme] values from then on, for renewals too.
//
// SECURITY: reached only by authorized peers. The private key is accepted
// but never returned or logged.
#include "ConfigJson.h"
#include "core/ConfigStore.h"
#include "core/Log.h"
#include "MethodTable.h"
#include "Params.h"
#include "tls/CertificateIssuer.h"
#include "tls/CertificateStore.h"
#include "validation/Address.h"

#include <algorithm>
#include <QJsonArray>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

// PEM text of a chain or key is a few KiB; this leaves room for long chains.
constexpr qsizetype maxPemChars = 1024 * 1024;

QJsonObject domainCertificate(const tls::CertificateInfo &info, const QDateTime &now) {
    return QJsonObject{
        {u"domain"_s, info.domain},
        {u"subject"_s, info.subject},
        {u"names"_s, QJsonArray::fromStringList(info.names)},
        {u"issuer"_s, info.issuer},
        {u"not_before"_s, isoTime(info.notBefore)},
        {u"not_after"_s, isoTime(info.notAfter)},
        {u"days_left"_s, now.daysTo(info.notAfter)},
        {u"self_signed"_s, info.selfSigned},
    };
}

QJsonObject status(const tls::CertificateStore &store, const tls::CertificateIssuer *issuer) {
    const tls::CertificateInfo info = store.info();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonArray domains;
    const QList<tls::CertificateInfo> domainInfos = store.domainInfos();
    for (const tls::CertificateInfo &domain : domainInfos)
        domains.append(domainCertificate(domain, now));
    QJsonObject acme{{u"running"_s, issuer && issuer->isRunning()}};
    if (issuer) {
        acme.insert(u"email"_s, issuer->settings().email);
        acme.insert(u"directory"_s, issuer->settings().directoryUrl);
    }
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
        {u"domains"_s, domains},
    };
}

// The "domain" parameter as a lower-case A-label, or an error.
std::optional<ipc::RpcError> parseCertificateDomain(const QString &input, QString *ace) {
    const DomainName parsed = parseDomain(input);
    if (!parsed.ok)
        return ipc::RpcError{ipc::ErrorCode::InvalidValue, parsed.error, u"domain"_s};
    *ace = parsed.ace;
    return std::nullopt;
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
    p.rejectUnknown({u"chain"_s, u"key"_s, u"domain"_s});
    const QString chain = p.requireString(u"chain"_s);
    const QString key = p.requireString(u"key"_s);
    const std::optional<QString> domainParam = p.optionalString(u"domain"_s);
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
    QString domain;
    if (domainParam) {
        if (const auto invalid = parseCertificateDomain(*domainParam, &domain))
            return *invalid;
    }
    // The hostname is names[0]: the one name an imported certificate must
    // cover (clients connect to it); the per-domain names are optional.
    const QString hostname = context.certificateNames().value(0);
    QString error;
    const bool imported =
        domain.isEmpty()
            ? context.certificates->import(chain.toUtf8(), key.toUtf8(), {hostname}, &error)
            : context.certificates->importForDomain(domain, chain.toUtf8(), key.toUtf8(), &error);
    if (!imported) {
        // A key problem concerns "key", everything else the chain.
        const bool aboutKey =
            error.startsWith(u"the private key"_s) || error.startsWith(u"the key file"_s);
        return ipc::RpcError{ipc::ErrorCode::InvalidValue, error, aboutKey ? u"key"_s : u"chain"_s};
    }
    qCInfo(core::lcAdmin, "certificate imported%s",
           domain.isEmpty() ? "" : qPrintable(u" for "_s + domain));
    return status(*context.certificates, context.issuer);
}

HandlerResult removeDomainCertificate(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"domain"_s});
    const QString input = p.requireString(u"domain"_s);
    if (!p.ok())
        return p.error();
    if (const auto error = unavailable(context))
        return *error;
    QString domain;
    if (const auto invalid = parseCertificateDomain(input, &domain))
        return *invalid;
    const QList<tls::CertificateInfo> installed = context.certificates->domainInfos();
    const bool known =
        std::any_of(installed.begin(), installed.end(),
                    [&](const tls::CertificateInfo &info) { return info.domain == domain; });
    if (!known)
        return ipc::RpcError{ipc::ErrorCode::NotFound,
                             u"%1 has no certificate of its own."_s.arg(domain), u"domain"_s};
    QString error;
    if (!context.certificates->removeDomain(domain, &error))
        return ipc::RpcError{ipc::ErrorCode::StorageError, error, {}};
    qCInfo(core::lcAdmin, "certificate of %s removed", qUtf8Printable(domain));
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

// The optional ACME account parameters of cert.request. Giving an email or
// a directory (re)registers with that CA, so the caller must agree to its
// terms of service (RFC 8555 section 7.3, termsOfServiceAgreed): agree_terms
// must then be true. Without them the stored or INI values are used, which
// the administrator agreed to when setting them.
struct AcmeParams {
    std::optional<QString> email;
    std::optional<QString> directory;
};

AcmeParams readAcmeParams(Params &p) {
    AcmeParams acme;
    acme.email = p.optionalString(u"email"_s);
    acme.directory = p.optionalString(u"directory"_s);
    const std::optional<bool> agreed = p.optionalBool(u"agree_terms"_s);
    if (!p.ok())
        return acme;
    if (acme.email && !acme.email->isEmpty()) {
        const MailAddress address = parseAddress(*acme.email);
        if (!address.ok) {
            p.fail(ipc::ErrorCode::InvalidParams, u"email"_s,
                   u"The ACME contact email is not a valid address: %1."_s.arg(address.error));
            return acme;
        }
        acme.email = address.toString();
    }
    if (acme.directory) {
        const QUrl url(*acme.directory, QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != u"https"_s || url.host().isEmpty()) {
            p.fail(ipc::ErrorCode::InvalidParams, u"directory"_s,
                   u"The ACME directory must be an https:// URL."_s);
            return acme;
        }
    }
    if ((acme.email || acme.directory) && agreed != true)
        p.fail(ipc::ErrorCode::InvalidParams, u"agree_terms"_s,
               u"Set agree_terms to true to accept the terms of service of the ACME CA."_s);
    return acme;
}

// Stores the new values in config.db (renewals use them) and hands them to
// the issuer.
std::optional<ipc::RpcError> applyAcmeParams(const AcmeParams &acme, const MethodContext &context) {
    if (!acme.email && !acme.directory)
        return std::nullopt;
    if (!context.store)
        return ipc::RpcError{
            ipc::ErrorCode::InternalError, u"The configuration store is not available."_s, {}};
    QList<std::pair<QString, QString>> values;
    tls::AcmeSettings settings = context.issuer->settings();
    if (acme.email) {
        values.emplaceBack(tls::acmeEmailSetting.toString(), *acme.email);
        settings.email = *acme.email;
    }
    if (acme.directory) {
        values.emplaceBack(tls::acmeDirectorySetting.toString(), *acme.directory);
        settings.directoryUrl = *acme.directory;
    }
    const auto stored = context.store->setSettings(values);
    if (!stored.ok())
        return stored.error();
    context.issuer->setSettings(settings);
    qCInfo(core::lcAdmin, "ACME account settings changed: contact %s, directory %s",
           qUtf8Printable(settings.email.isEmpty() ? u"none"_s : settings.email),
           qUtf8Printable(settings.directoryUrl));
    return std::nullopt;
}

HandlerResult requestCertificate(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"email"_s, u"directory"_s, u"agree_terms"_s});
    const AcmeParams acme = readAcmeParams(p);
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
    if (const auto error = applyAcmeParams(acme, context))
        return *error;
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
    table.add(u"cert.remove"_s, removeDomainCertificate);
}

} // namespace mailstead::admin
