// SmtpCommandParser.h - one SMTP command line in, a command or an error
// reply out
//
// RFC 5321 section 4.1.1 (command syntax), 2.4 (verbs are case-insensitive),
// 4.5.3.1.4 (line length), 4.2.2-4.2.3 and RFC 3463 (the codes sent back),
// RFC 3030 section 2 (BDAT), RFC 4954 section 4 (AUTH), RFC 3207 (STARTTLS);
// paths in SmtpPathParser.h, MAIL/RCPT parameters in SmtpParameters.h.
// Pure: no I/O; the session owns the socket, the state machine and the
// policy. Feed it lines from SmtpLineSplitter.
//
// Tolerance: verbs in any case; several blanks (space or tab) between words
// and trailing blanks; a space after "FROM:"/"TO:" (as Postfix and most
// servers accept). Strict: addresses must be in angle brackets (Postfix's
// strict_rfc821_envelopes); no control characters anywhere in the line;
// commands without arguments refuse them; unknown MAIL/RCPT parameters are
// refused (555 5.5.4) instead of ignored.
//
// SECURITY: input is one line from an unauthenticated peer (CRLF removed).
// Work is linear in its length; nothing is looked up or stored.
#pragma once

#include "SmtpCommand.h"
#include "SmtpLimits.h"
#include "SmtpReply.h"

#include <QByteArrayView>

namespace mailstead::smtp {

struct SmtpCommandResult {
    // The verb is set whenever it was recognised, also on error, so the
    // session can count or log per command.
    SmtpCommand command;
    // Null when the command parsed; otherwise the reply to send.
    SmtpReply error;
    // The line is another protocol talking to us (an HTTP request line, a
    // browser-driven cross-protocol attack): send the error and close.
    bool disconnect = false;

    bool ok() const { return error.isNull(); }
};

// line: one command without its CRLF. Error replies:
//   500 5.5.2  line too long (RFC 5321 section 4.5.3.1.10), empty line,
//              control characters (NUL, bare CR, ...) in the line
//   500 5.5.1  unknown verb
//   501 5.5.4  arguments missing, present where none are allowed, or malformed
//   501 5.1.7  bad MAIL FROM path;  501 5.1.3  bad RCPT TO path
//   501 5.5.2  AUTH initial response is not base64 (RFC 4954 section 4)
//   555 5.5.4  unknown MAIL/RCPT parameter;  501 5.5.4  bad parameter value
SmtpCommandResult parseCommand(QByteArrayView line, const SmtpLimits &limits = {});

} // namespace mailstead::smtp
