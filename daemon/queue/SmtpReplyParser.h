// SmtpReplyParser.h - reads the replies of a remote SMTP server (the client
// side): multi-line replies, enhanced status codes, EHLO capabilities
//
// RFC 5321 section 4.2 (Reply-line = *( Reply-code "-" [ textstring ] CRLF )
// Reply-code [ SP textstring ] CRLF; every line of one reply has the same
// code; a client must not depend on the text), section 4.2.1 (the code
// ranges), RFC 3463 and RFC 2034 section 3 (an enhanced status code,
// class.subject.detail, leads the text of every line when the server
// announced ENHANCEDSTATUSCODES), RFC 5321 section 4.1.1.1 (the EHLO reply:
// one keyword with parameters per line after the first).
// Pure: bytes in, {Ok | Incomplete | Error, reply, consumed} out. Bare LF
// line ends are accepted (a client should be liberal in what it reads).
//
// SECURITY: every byte comes from a remote server chosen by DNS. Lines and
// line counts are bounded (QueueLimits.h); a malformed reply is an error
// value that ends the session, never an assertion.
#pragma once

#include "QueueLimits.h"
#include "smtp/SmtpReply.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mailstead::queue {

struct ReplyParse {
    enum class Status { Ok, Incomplete, Error };
    Status status = Status::Incomplete;
    smtp::SmtpReply reply;  // Ok: code, enhanced status (may be empty), text lines
    qsizetype consumed = 0; // Ok: octets of this reply; Error/Incomplete: 0
    QString error;          // Error: what was wrong, for the attempt log
};

ReplyParse parseSmtpReply(QByteArrayView input, qsizetype maxLine = maxReplyLineOctets,
                          int maxLines = maxReplyLines);

// One line for logs, the attempt log and DSN Diagnostic-Code fields:
// "550 5.1.1 first line / second line" (RFC 3464 section 2.3.6 "smtp;" form
// without the prefix).
QByteArray replyText(const smtp::SmtpReply &reply);

// What a server's EHLO reply offers (RFC 5321 section 4.1.1.1).
struct EhloCapabilities {
    bool pipelining = false;          // RFC 2920
    bool startTls = false;            // RFC 3207
    bool eightBitMime = false;        // RFC 6152
    bool smtpUtf8 = false;            // RFC 6531
    bool enhancedStatusCodes = false; // RFC 2034
    bool dsn = false;                 // RFC 3461
    bool hasSize = false;             // RFC 1870
    qint64 maxSize = 0;               // SIZE parameter; 0: announced without a limit
    bool authPlain = false;           // RFC 4954 AUTH with PLAIN (RFC 4616)
    bool authLogin = false;           // AUTH with LOGIN (draft-murchison-sasl-login)
};

EhloCapabilities parseEhloCapabilities(const smtp::SmtpReply &reply);

} // namespace mailstead::queue
