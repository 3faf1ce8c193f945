// Pop3CommandParser.h - the POP3 command stream in, one command (or SASL
// response, or error) at a time out
//
// RFC 1939 section 3 (commands are a case-insensitive keyword, arguments
// separated by a single space, lines ending in CRLF), RFC 2449 section 4
// (255 octets a command line), RFC 5034 section 4 (AUTH, the "*" that
// cancels an exchange, base64 responses without the line limit). Pure:
// bytes in, {status, command, error, consumed} out, in the manner of
// Dovecot's parsers (command / need more / error); the session owns the
// socket and the state machine.
//
// Framing: a line ends at LF, a CR before it is removed. A bare LF is taken
// as a line end (POP3 clients send no message data, so unlike SMTP there is
// nothing to smuggle). An over-long line is dropped as it arrives and
// reported once its end is seen, so replies stay in step with pipelined
// commands (RFC 2449 section 6.6).
//
// Tolerance: keywords in any case; several spaces between arguments and
// trailing spaces (but PASS takes the rest of the line verbatim). Strict:
// control characters (NUL, CR inside the line, ...) make the line an error;
// commands without arguments refuse them; message numbers are plain
// decimal digits.
//
// SECURITY: input is raw bytes from an unauthenticated peer. Memory is
// bounded by Pop3Limits::maxSaslLine; work is linear in the input.
#pragma once

#include "Pop3Command.h"
#include "Pop3Limits.h"

#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::pop3 {

struct Pop3ParseResult {
    enum class Status : quint8 {
        NeedMore,     // all input consumed, no complete line yet
        Command,      // command holds a parsed command
        SaslResponse, // a line in an AUTH exchange: saslData or saslCancelled
        Error,        // error holds the text for "-ERR <text>"
    };
    Status status = Status::NeedMore;
    Pop3Command command; // the verb is set also on errors, when it was known
    QByteArray saslData; // decoded base64
    bool saslCancelled = false;
    QByteArray error;
    qsizetype consumed = 0; // bytes of input used, including the line end
};

// One complete line (without its line end) parsed as a command. limits:
// maxCommandLine for every verb but AUTH, maxSaslLine for AUTH.
Pop3ParseResult parseCommandLine(QByteArrayView line, const Pop3Limits &limits = {});
// One line of an AUTH exchange: "*" cancels, anything else must be base64
// (RFC 5034 section 4; an empty line is an empty response).
Pop3ParseResult parseSaslResponse(QByteArrayView line);

class Pop3CommandParser {
public:
    enum class Expect : quint8 { Command, SaslResponse };

    explicit Pop3CommandParser(const Pop3Limits &limits = {});

    // Call with the unconsumed input until it is used up; bytes after a
    // returned line are left for the next call (RFC 2449 PIPELINING) or to
    // be thrown away after STLS.
    Pop3ParseResult next(QByteArrayView input, Expect expect = Expect::Command);

    // Forgets a partial line (after STLS: RFC 2595 section 4, plaintext
    // sent behind it must never be executed).
    void reset();

private:
    Pop3Limits m_limits;
    QByteArray m_partial;
    bool m_discarding = false;
};

} // namespace mailstead::pop3
