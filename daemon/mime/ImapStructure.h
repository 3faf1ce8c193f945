// ImapStructure.h - ENVELOPE, BODY and BODYSTRUCTURE as IMAP sends them
//
// RFC 9051 section 7.5.2 and RFC 3501 section 7.4.2 (FETCH response:
// ENVELOPE, BODY, BODYSTRUCTURE and their extension data), RFC 9051
// section 9 / RFC 3501 section 9 (the "envelope" and "body" grammar).
//
// The output is the complete parenthesized value, ready to follow
// "ENVELOPE " or "BODYSTRUCTURE " in a FETCH response; strings are quoted
// or literals (ImapString.h), so it may contain CRLF inside literals.
// Decisions where the RFCs leave room (tests/daemon/mime/tst_imapstructure
// compares with Dovecot 2.3 and lists where the two differ):
// - Strings are quoted when they can be, literals otherwise; whether
//   UTF-8 may be quoted is the caller's choice (ImapStructureOptions::utf8:
//   IMAP4rev2, or UTF8=ACCEPT enabled), so the output for a session is
//   final and can be cached per mode.
// - Sizes count bare LF as CRLF (RFC 9051 section 2.3.4: the message as
//   sent over IMAP has CRLF lines); lines are the LF bytes of the body.
// - Values are raw header text (encoded words and 8-bit bytes kept);
//   type, subtype and parameter names keep their written case; a missing
//   transfer encoding is "7bit"; text parts without a charset get
//   ("charset" "us-ascii") (RFC 2046 section 4.1.2).
// - RFC 2231 parameters are joined ("name*0", "name*1" -> "name"); an
//   extended one is sent as "name*" with, under utf8, the decoded UTF-8
//   value (RFC 9051), otherwise charset'language'%XX re-encoded from the
//   joined bytes (RFC 3501 has no rule; this is valid RFC 2231).
// - A multipart without body parts (no boundary found) gets one empty
//   text/plain part, as the grammar needs at least one. A multipart or
//   message part a limit kept opaque is sent as application/octet-stream.
// - message/global is described like message/rfc822 only when
//   messageGlobal is set (IMAP4rev2 grammar); otherwise as a basic part.
// - Addresses missing their local part or domain get "MISSING_MAILBOX"
//   or "MISSING_DOMAIN" (as Dovecot): NIL there would mean a group marker.
//
// SECURITY: everything written comes from untrusted mail and passes
// through appendImapString; recursion follows the parsed structure, whose
// depth MimeLimits::maxNestingDepth bounds.
#pragma once

#include "MimeMessage.h"

#include <QByteArray>

namespace mailstead::mime {

struct ImapStructureOptions {
    // IMAP4rev2 or UTF8=ACCEPT (RFC 9051, RFC 6855): UTF-8 in quoted
    // strings, RFC 2231 values decoded to UTF-8.
    bool utf8 = false;
    // IMAP4rev2: message/global has an envelope and body like message/rfc822.
    bool messageGlobal = false;
};

QByteArray imapEnvelope(const Envelope &envelope, const ImapStructureOptions &options = {});
// BODYSTRUCTURE of a part (0: the message), with extension data.
QByteArray imapBodyStructure(const MimeMessage &message, int part = 0,
                             const ImapStructureOptions &options = {});
// BODY: the same without extension data.
QByteArray imapBody(const MimeMessage &message, int part = 0,
                    const ImapStructureOptions &options = {});

} // namespace mailstead::mime
