// HttpEndpoints.h - what each URL answers: routing, method checks and the
// replies of the small HTTP endpoints
//
//   GET  /.well-known/acme-challenge/<token>   RFC 8555 section 8.3
//   GET  /mail/config-v1.1.xml?emailaddress=A  Thunderbird autoconfig
//   GET  /.well-known/autoconfig/mail/config-v1.1.xml[?emailaddress=A]
//   POST /autodiscover/autodiscover.xml        Outlook POX (path in any case)
//   GET  /apple/mobileconfig?email=A           Apple configuration profile
//   GET  /.well-known/mta-sts.txt              RFC 8461 section 3.3, for
//                                              Host mta-sts.<domain>
//   GET  /healthz                              "ok": the daemon serves
// HEAD is answered wherever GET is (RFC 9110 section 9.3.2). A known path
// with another method gets 405 with Allow (section 15.5.6), an unknown
// method 501 (section 15.6.2), everything else 404. The autoconfig
// endpoints take the domain from the address, or else from the Host
// ("autoconfig.<domain>" or "<domain>"); a domain that is not ours is 404,
// a malformed address 400. Whether the mailbox exists is never revealed:
// any address in one of our domains gets its settings. /healthz says only
// "ok" (no detail for unauthenticated clients; system.status has them).
// GET on the autodiscover URL is 405: POX is POST only.
// Pure apart from the thread-safe challenge table: request in, reply out.
//
// SECURITY: every field of EndpointRequest comes from an unauthenticated
// client (bounded by HttpConnectionGate). Nothing is written anywhere;
// replies carry only public settings (hostname, ports, policy) and the
// ACME key authorization of a token the ACME client published.
#pragma once

#include "HttpSettings.h"

#include <QByteArray>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace mailstead::tls {
class AcmeChallengeTable;
}

namespace mailstead::http {

struct EndpointRequest {
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Get;
    QString path; // percent-decoded
    QUrlQuery query;
    QString host; // from the Host header, see hostWithoutPort()
    QByteArray body;
};

struct EndpointReply {
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // Allow, Content-Disposition, ...
};

// challenges may be null (no ACME client yet): every token is unknown.
EndpointReply answerRequest(const EndpointRequest &request, const HttpSettings &settings,
                            const tls::AcmeChallengeTable *challenges);

// "Mail.Example.TEST:443" -> "mail.example.test"; "[::1]:80" -> "::1";
// trailing dot removed. Empty for an empty or malformed value.
QString hostWithoutPort(QByteArrayView hostHeader);

} // namespace mailstead::http
