// SmtpDataOutcome.h - how the content of a DATA or BDAT transfer ended, and
// the reply each outcome gets
//
// RFC 5321 sections 2.3.8 and 4.1.1.4 (CRLF line endings, the end of data),
// 4.5.3.1.6 (text line length), RFC 1870 section 6 and RFC 3463 X.3.4
// (message too big), RFC 3463 X.6.0 (media error).
//
// SECURITY: no input; these are the fixed replies the session sends once
// the (untrusted) content has been read to its end.
#pragma once

#include "SmtpLimits.h"
#include "SmtpReply.h"

namespace mailstead::smtp {

enum class SmtpDataOutcome : quint8 {
    Ok,
    // A CR or LF that is not part of a CRLF pair. SMTP smuggling
    // (CVE-2023-51764/5/6) relies on servers that end DATA at "\n.\n" or
    // "\r.\r"; we end only at CRLF.CRLF and refuse the whole message, so a
    // smuggled second message can never be accepted, by us or a next hop.
    BareLineEnding,
    // A line over SmtpLimits::maxDataLine (RFC 5322 section 2.1.1: 998).
    LineTooLong,
    // More content than SmtpLimits::maxMessageSize.
    TooBig,
};

// The reply after the end of data (or after the BDAT chunk where the
// outcome became known); a null reply for Ok, where the session answers
// 250 only once the message is durable.
//   BareLineEnding  554 5.6.0  (Postfix's smtpd_forbid_bare_newline answers
//                              521 and hangs up; we refuse the message but
//                              keep the session: the real terminator was
//                              found, so the stream is still in sync)
//   LineTooLong     554 5.6.0
//   TooBig          552 5.3.4  (RFC 1870 section 6.3)
SmtpReply replyForDataOutcome(SmtpDataOutcome outcome, const SmtpLimits &limits);

} // namespace mailstead::smtp
