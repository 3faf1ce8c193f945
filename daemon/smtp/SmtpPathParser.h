// SmtpPathParser.h - reverse-path and forward-path syntax of MAIL and RCPT
//
// RFC 5321 section 4.1.2 (Path, A-d-l source routes, Mailbox, address
// literals), section 4.1.3 (address literals), section 4.1.1.3 and
// appendix C (source routes are accepted and ignored), section 4.5.3.1.3
// (256 octets a path), RFC 6531 section 3.3 (UTF-8 mailboxes).
//
// SECURITY: input is peer text from a MAIL or RCPT line. The parser checks
// syntax only and never decides where mail goes: it strips a source route
// and reports %-hack, "!" and quoted "@" local parts for the session's
// relay checks.
#pragma once

#include "SmtpCommand.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mailstead::smtp {

enum class PathRole : quint8 {
    ReversePath, // MAIL FROM: may be "<>", may not be "<Postmaster>"
    ForwardPath, // RCPT TO: may be "<Postmaster>", may not be "<>"
};

struct SmtpPathParse {
    SmtpPath path;
    qsizetype consumed = 0; // octets up to and including '>'
    QByteArray error;       // why the path was refused; empty when it parsed
};

// text starts at the '<' of the path; what follows the '>' is not looked at.
SmtpPathParse parsePath(QByteArrayView text, PathRole role);

// "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321 section 4.1.3). Returns
// the canonical form, or an empty string when text is not a valid IPv4 or
// IPv6 literal (general address literals have no registered tags we know).
QString parseAddressLiteral(QStringView text);

// True when text is valid UTF-8 (no overlong forms, no surrogates, nothing
// past U+10FFFF); peer bytes must pass this before they become a QString.
bool isValidUtf8(QByteArrayView text);

} // namespace mailstead::smtp
