// AutoconfigXml.h - the Thunderbird autoconfig document (config-v1.1.xml)
//
// The "clientConfig" format of Mozilla's ISP database, version 1.1, as
// fetched from https://autoconfig.<domain>/mail/config-v1.1.xml and
// https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml. One
// emailProvider for the domain; incoming servers in order of preference
// (IMAP with implicit TLS, IMAP with STARTTLS, POP3 with implicit TLS),
// outgoing servers likewise (submissions, then submission with STARTTLS).
// The login is always the full address: the client fills in
// %EMAILADDRESS%.
//
// SECURITY: the domain comes from the client's query but is one of ours by
// the time it gets here (HttpEndpoints checks); the writer escapes it.
#pragma once

#include "HttpSettings.h"

#include <QByteArray>
#include <QString>

namespace mailstead::http {

// domain: A-label; displayName: what the client shows (the U-label form).
QByteArray autoconfigXml(const MailClientSettings &settings, const QString &domain,
                         const QString &displayName);

} // namespace mailstead::http
