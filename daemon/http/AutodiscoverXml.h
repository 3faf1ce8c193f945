// AutodiscoverXml.h - Outlook's "plain old XML" (POX) autodiscover: the
// request Outlook POSTs to /autodiscover/autodiscover.xml and our answer
//
// Request: Autodiscover/Request/{EMailAddress, AcceptableResponseSchema} in
// the outlook requestschema/2006 namespace. Response: Autodiscover (the
// responseschema/2006 namespace) / Response (outlook responseschema/2006a)
// / Account with AccountType "email", Action "settings" and one Protocol
// each for IMAP and SMTP: the implicit-TLS port where there is one (SSL
// "on"), otherwise the STARTTLS port (SSL "on" plus Encryption "TLS",
// which Outlook 2010 and later read). Outlook uses the first IMAP or POP3
// Protocol it finds, so only IMAP is offered. The login is the address.
// Errors use the POX Error element: 600 "Invalid Request", 601 "Provider
// is not available" (a schema other than Outlook's was asked for, e.g.
// ActiveSync's mobilesync).
//
// SECURITY: the request body is untrusted and already bounded by
// HttpLimits (64 KiB). Documents with a DTD are refused (no entity
// expansion of any kind); only the two elements above are read.
#pragma once

#include "HttpSettings.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mailstead::http {

inline constexpr QStringView outlookResponseSchema =
    u"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

struct AutodiscoverRequest {
    bool ok = false;
    QString emailAddress;
    QString acceptableResponseSchema; // empty when the request had none
    QString error;                    // when !ok: why, for the log
};

AutodiscoverRequest parseAutodiscoverRequest(QByteArrayView body);

// address: the mailbox address as the client will log in with it.
QByteArray autodiscoverResponseXml(const MailClientSettings &settings, const QString &address);

// errorCode 600 or 601; message is the POX Message text.
QByteArray autodiscoverErrorXml(int errorCode, const QString &message);

} // namespace mailstead::http
