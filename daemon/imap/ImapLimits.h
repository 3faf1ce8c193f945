// ImapLimits.h - the named limits of the IMAP server, in one place
//
// RFC 9051 section 4 (a server should accept command lines of at least 8192
// octets), section 4.3 and RFC 7888 (literals, LITERAL+ and LITERAL-:
// non-synchronizing literals of at most 4096 octets), RFC 7889 (APPENDLIMIT),
// RFC 9051 section 5.4 (the autologout timer: at least 30 minutes). Sessions
// read them; the pure reader and parser take the ones they enforce as an
// argument.
//
// SECURITY: these numbers bound the memory and time an unauthenticated peer
// can make the server spend on one connection; lowering them is always safe,
// raising them trades that bound for interoperability.
#pragma once

#include <chrono>
#include <QtGlobal>

namespace mailstead::imap {

// RFC 7888 section 4: with LITERAL-, non-synchronizing literals are allowed
// up to this size only.
inline constexpr qint64 literalMinusMaxOctets = 4096;

struct ImapLimits {
    // The text of one command, all its lines together, without literal
    // contents (Dovecot's imap_max_line_length). Longer is fatal: the reader
    // cannot know what the dropped part announced, so the session sends
    // "* BYE" and closes.
    qsizetype maxCommandLine = 64 * 1024;
    // Text plus literal contents of one command, the APPEND message excluded.
    qsizetype maxCommandSize = 1024 * 1024;
    // The APPEND message literal, announced as APPENDLIMIT (RFC 7889).
    qint64 maxLiteralSize = qint64(50) * 1024 * 1024;
    // Any other literal (a LOGIN password, a SEARCH string, a mailbox name).
    qint64 maxNonAppendLiteral = 64 * 1024;
    // A refused non-synchronizing literal up to this size is read and thrown
    // away so the session can go on (RFC 7888 section 4); a bigger one makes
    // the session close the connection instead of reading it.
    qint64 maxDiscardedLiteral = qint64(100) * 1024 * 1024;
    // Literals in one command (each costs a continuation round trip or, with
    // LITERAL+, a bookkeeping entry).
    int maxLiteralsPerCommand = 1000;
    // Ranges and numbers in one sequence set ("1:3,5,7:*" is three).
    int maxSequenceSetRanges = 16384;
    // Nesting of SEARCH keys: parentheses, NOT and OR each add a level.
    int maxSearchDepth = 32;
    // Search keys in one SEARCH program, nested ones included.
    int maxSearchKeys = 1000;
    // tag = 1*<any ASTRING-CHAR except "+"> (RFC 9051 section 9).
    qsizetype maxTagLength = 64;
    // Octets of a mailbox name after decoding to UTF-8.
    qsizetype maxMailboxNameOctets = 1024;

    // Session limits (read by ImapSession, not by the pure layer).
    std::chrono::seconds idleTimeout{30 * 60}; // RFC 9051 section 5.4
    std::chrono::seconds preAuthTimeout{60};   // before LOGIN/AUTHENTICATE
    int maxBadCommands = 20;                   // then "* BYE" and close
    int maxConnections = 2000;
    int maxConnectionsPerIp = 20;
    int maxConnectionsPerUser = 20;
};

} // namespace mailstead::imap
