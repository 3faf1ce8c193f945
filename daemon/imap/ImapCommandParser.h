// ImapCommandParser.h - one framed IMAP command in, a typed command or the
// tagged response to refuse it out
//
// RFC 9051 section 2.2.1 (tag, command name, arguments), section 6 (the
// commands), section 9 (formal syntax), section 7.1.3 (BAD for syntax
// errors, unknown commands); RFC 3501 section 6 for IMAP4rev1 and the
// extensions listed in ImapCommand.h. Pure: no I/O, no session state beyond
// what ImapParserOptions says the client has enabled; feed it what
// ImapCommandReader produces.
//
// Refusals are values: BAD with a reason for syntax errors and unknown
// commands; NO where the RFCs ask for NO on a well-formed command: an
// unsupported CHARSET (NO [BADCHARSET (US-ASCII UTF-8)]), a mailbox name that
// is not valid modified UTF-7 / UTF-8 or has control characters (NO
// [CANNOT]), SETQUOTA (NO [CANNOT]: quotas are set by the administrator).
// Which commands are allowed in which state is the session's business.
//
// SECURITY: input is one command from an unauthenticated peer (a LOGIN or
// AUTHENTICATE before authentication). Work is linear in its length, the
// SEARCH tree is bounded by the limits; nothing is looked up or stored.
#pragma once

#include "ImapCommand.h"
#include "ImapRawCommand.h"
#include "ImapResponse.h"
#include "ImapScanner.h"

#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::imap {

struct ImapParseResult {
    // Tag, name and uid are set as far as they were recognized, also on
    // error, so the session can answer with the tag and log the command.
    ImapCommand command;
    // Null when the command parsed; otherwise the response to send, tagged
    // with command.tag ("*" when that is empty).
    ImapStatusResponse error;

    bool ok() const { return error.isNull(); }
};

ImapParseResult parseCommand(const ImapRawCommand &raw, const ImapParserOptions &options = {});
// A command whose literals are all inline (tests, tools).
ImapParseResult parseCommand(QByteArrayView text, const ImapParserOptions &options = {});

// The line that ends IDLE (RFC 2177 section 3, RFC 9051 section 6.3.13):
// "DONE" in any case.
bool isIdleDone(const ImapRawCommand &raw);

// A client line during AUTHENTICATE (RFC 9051 section 6.2.2): base64 of the
// response, or "*" to cancel (answer BAD); anything else is invalid (answer
// BAD and end the exchange). An empty line is an empty response.
struct ImapSaslResponse {
    enum class Kind : quint8 { Data, Cancel, Invalid };
    Kind kind = Kind::Invalid;
    QByteArray data; // decoded
};
ImapSaslResponse parseSaslResponse(const ImapRawCommand &raw);

} // namespace mailstead::imap
