// MtaStsPolicy.h - the MTA-STS policy file (/.well-known/mta-sts.txt)
//
// RFC 8461 section 3.2: "key: value" lines ending in CRLF, in the order
// version, mode, mx (one line per MX host), max_age. The mode is the
// configured one (section 5: enforce, testing, none); the mx patterns are
// the names our MX records point to (the hostname). Served as text/plain
// for Host mta-sts.<domain> of each domain that receives mail.
//
// SECURITY: no input; the values come from the config file.
#pragma once

#include "core/DaemonConfig.h"

#include <QByteArray>
#include <QStringList>

namespace mailstead::http {

QByteArray mtaStsPolicyText(core::MtaStsMode mode, const QStringList &mxHosts,
                            qint64 maxAgeSeconds);

} // namespace mailstead::http
