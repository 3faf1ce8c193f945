// HttpEndpoints.cpp - see HttpEndpoints.h
//
// RFC 9110 sections 9.3.2 (HEAD), 15.5.6 (405 + Allow), 15.6.2 (501);
// RFC 8555 section 8.3; RFC 8461 section 3.3.
//
// SECURITY: see HttpEndpoints.h. Addresses are parsed with the same
// validation as everywhere else (validation/Address.h).
#include "HttpEndpoints.h"

#include "AutoconfigXml.h"
#include "AutodiscoverXml.h"
#include "MobileconfigPlist.h"
#include "MtaStsPolicy.h"
#include "tls/AcmeChallengeTable.h"
#include "validation/Address.h"

using Method = QHttpServerRequest::Method;
using namespace Qt::StringLiterals;

namespace mailstead::http {

namespace {

const QString acmePrefix = u"/.well-known/acme-challenge/"_s;
const QByteArray xmlType = "text/xml; charset=utf-8";

EndpointReply textReply(int status, const QByteArray &text) {
    EndpointReply reply;
    reply.status = status;
    reply.body = text + '\n';
    return reply;
}

EndpointReply notFound() {
    return textReply(404, "not found");
}

EndpointReply methodNotAllowed(const QByteArray &allow) {
    EndpointReply reply = textReply(405, "method not allowed");
    reply.headers.append(qMakePair(QByteArray("Allow"), allow));
    return reply;
}

bool isGetOrHead(Method method) {
    return method == Method::Get || method == Method::Head;
}

// The personal answers must not be kept by shared caches.
EndpointReply personal(EndpointReply reply) {
    reply.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    return reply;
}

struct DomainChoice {
    int status = 200; // 400: malformed address, 404: not ours
    QString address;  // normalized, when one was given
    QString domain;   // A-label
    QString displayDomain;
};

DomainChoice domainOfAddress(const QString &text, const QStringList &domains) {
    DomainChoice choice;
    const MailAddress address = parseAddress(text);
    if (!address.ok || address.localPart.isEmpty()) {
        choice.status = 400;
        return choice;
    }
    if (!domains.contains(address.domain)) {
        choice.status = 404;
        return choice;
    }
    choice.address = address.toString();
    choice.domain = address.domain;
    choice.displayDomain = address.domainUnicode;
    return choice;
}

DomainChoice domainOfHost(const QString &host, const QString &prefix, const QStringList &domains) {
    DomainChoice choice;
    QString name = host;
    if (!prefix.isEmpty() && name.startsWith(prefix))
        name = name.mid(prefix.size());
    if (!domains.contains(name)) {
        choice.status = 404;
        return choice;
    }
    choice.domain = name;
    choice.displayDomain = parseDomain(name, true).unicode;
    return choice;
}

EndpointReply autoconfig(const EndpointRequest &request, const HttpSettings &settings) {
    const QString address = request.query.queryItemValue(u"emailaddress"_s, QUrl::FullyDecoded);
    const DomainChoice choice =
        request.query.hasQueryItem(u"emailaddress"_s)
            ? domainOfAddress(address, settings.mailDomains)
            : domainOfHost(request.host, u"autoconfig."_s, settings.mailDomains);
    if (choice.status == 400)
        return textReply(400, "emailaddress is not a mail address");
    if (choice.status != 200 || !settings.client.offersIncoming())
        return notFound();
    EndpointReply reply;
    reply.contentType = xmlType;
    reply.body = autoconfigXml(settings.client, choice.domain, choice.displayDomain);
    return personal(reply);
}

EndpointReply autodiscover(const EndpointRequest &request, const HttpSettings &settings) {
    const AutodiscoverRequest parsed = parseAutodiscoverRequest(request.body);
    EndpointReply reply;
    reply.contentType = xmlType;
    if (!parsed.ok) {
        reply.status = 400;
        reply.body = autodiscoverErrorXml(600, u"Invalid Request"_s);
        return reply;
    }
    if (!parsed.acceptableResponseSchema.isEmpty() &&
        parsed.acceptableResponseSchema != outlookResponseSchema) {
        reply.body = autodiscoverErrorXml(601, u"Provider is not available"_s);
        return reply;
    }
    const DomainChoice choice = domainOfAddress(parsed.emailAddress, settings.mailDomains);
    if (choice.status == 400) {
        reply.status = 400;
        reply.body = autodiscoverErrorXml(600, u"Invalid Request"_s);
        return reply;
    }
    if (choice.status != 200 || !settings.client.offersIncoming())
        return notFound();
    reply.body = autodiscoverResponseXml(settings.client, choice.address);
    return personal(reply);
}

EndpointReply mobileconfig(const EndpointRequest &request, const HttpSettings &settings) {
    if (!request.query.hasQueryItem(u"email"_s))
        return textReply(400, "the query needs email=<address>");
    const DomainChoice choice = domainOfAddress(
        request.query.queryItemValue(u"email"_s, QUrl::FullyDecoded), settings.mailDomains);
    if (choice.status == 400)
        return textReply(400, "email is not a mail address");
    if (choice.status != 200 || !settings.client.offersIncoming() ||
        !settings.client.offersOutgoing())
        return notFound();
    EndpointReply reply;
    reply.contentType = "application/x-apple-aspen-config";
    reply.body = mobileconfigPlist(settings.client, choice.address, choice.displayDomain);
    reply.headers.append(
        qMakePair(QByteArray("Content-Disposition"),
                  "attachment; filename=\"" + choice.domain.toLatin1() + ".mobileconfig\""));
    return personal(reply);
}

EndpointReply mtaSts(const EndpointRequest &request, const HttpSettings &settings) {
    // RFC 8461 section 3.3: the policy host is "mta-sts" under the domain.
    if (domainOfHost(request.host, u"mta-sts."_s, settings.mtaStsDomains).status != 200 ||
        !request.host.startsWith(u"mta-sts."_s))
        return notFound();
    EndpointReply reply;
    reply.body = mtaStsPolicyText(settings.mtaStsMode, {settings.client.hostname},
                                  settings.mtaStsMaxAgeSeconds);
    return reply;
}

EndpointReply acmeChallenge(const EndpointRequest &request,
                            const tls::AcmeChallengeTable *challenges) {
    const QStringView token = QStringView(request.path).sliced(acmePrefix.size());
    const std::optional<QByteArray> keyAuthorization =
        challenges ? challenges->lookup(token) : std::nullopt;
    if (!keyAuthorization)
        return notFound();
    EndpointReply reply;
    reply.contentType = "application/octet-stream";
    reply.body = *keyAuthorization;
    return reply;
}

} // namespace

QString hostWithoutPort(QByteArrayView hostHeader) {
    QString host = QString::fromLatin1(hostHeader.trimmed()).toLower();
    if (host.startsWith(u'[')) {
        const qsizetype close = host.indexOf(u']');
        return close < 0 ? QString() : host.mid(1, close - 1);
    }
    const qsizetype colon = host.indexOf(u':');
    if (colon >= 0)
        host.truncate(colon);
    if (host.endsWith(u'.'))
        host.chop(1);
    return host;
}

EndpointReply answerRequest(const EndpointRequest &request, const HttpSettings &settings,
                            const tls::AcmeChallengeTable *challenges) {
    if (request.method == Method::Unknown)
        return textReply(501, "unknown method");
    const QString &path = request.path;
    const bool get = isGetOrHead(request.method);

    if (path.startsWith(acmePrefix) && path.size() > acmePrefix.size())
        return get ? acmeChallenge(request, challenges) : methodNotAllowed("GET, HEAD");
    if (path == u"/mail/config-v1.1.xml"_s ||
        path == u"/.well-known/autoconfig/mail/config-v1.1.xml"_s)
        return get ? autoconfig(request, settings) : methodNotAllowed("GET, HEAD");
    if (path.compare(u"/autodiscover/autodiscover.xml"_s, Qt::CaseInsensitive) == 0)
        return request.method == Method::Post ? autodiscover(request, settings)
                                              : methodNotAllowed("POST");
    if (path == u"/apple/mobileconfig"_s)
        return get ? mobileconfig(request, settings) : methodNotAllowed("GET, HEAD");
    if (path == u"/.well-known/mta-sts.txt"_s)
        return get ? mtaSts(request, settings) : methodNotAllowed("GET, HEAD");
    if (path == u"/healthz"_s)
        return get ? textReply(200, "ok") : methodNotAllowed("GET, HEAD");
    return notFound();
}

} // namespace mailstead::http
