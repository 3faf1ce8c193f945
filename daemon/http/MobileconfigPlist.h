// MobileconfigPlist.h - an Apple configuration profile (.mobileconfig)
// that sets up one mail account on iOS, iPadOS and macOS
//
// An unsigned XML property list: a "Configuration" profile holding one
// com.apple.mail.managed payload with the IMAP (incoming) and SMTP
// (outgoing) settings, password authentication with the full address as
// user name, and the same password for both. The incoming side is IMAP with
// implicit TLS where offered, otherwise IMAP with STARTTLS (both
// "UseSSL"); the outgoing side likewise submissions, then submission.
// PayloadUUIDs are name-based (UUID version 5 of the address and the
// hostname), so downloading the profile again replaces the installed one
// instead of adding a second account, and tests are exact. Served as
// application/x-apple-aspen-config.
//
// SECURITY: the address is one of our domains by the time it gets here
// (HttpEndpoints checks); the writer escapes it. No secret goes into the
// profile: the device asks for the password.
#pragma once

#include "HttpSettings.h"

#include <QByteArray>
#include <QString>

namespace mailstead::http {

// address: "local@domain" (A-label domain); displayDomain: U-label form for
// the descriptions the device shows.
QByteArray mobileconfigPlist(const MailClientSettings &settings, const QString &address,
                             const QString &displayDomain);

} // namespace mailstead::http
