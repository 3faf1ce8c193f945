// SmtpLimits.h - the named limits of the SMTP server, in one place
//
// Defaults follow RFC 5321 section 4.5.3.1 (size limits and minimums) and
// section 4.5.3.2 (timeouts), RFC 5322 section 2.1.1 (998 octets a line) and
// RFC 1870 (SIZE). Sessions read them; the pure parsers and decoders take the
// ones they enforce as arguments. A value of 0 means "no limit" where noted.
//
// SECURITY: these numbers bound the memory and time an unauthenticated peer
// can make the server spend; lowering them is always safe, raising them past
// the RFC minimums trades that bound for interoperability.
#pragma once

#include <chrono>
#include <QtGlobal>

namespace mailstead::smtp {

// RFC 5321 section 4.5.3.1.4: 512 octets including the verb and CRLF.
inline constexpr qsizetype rfcCommandLineOctets = 512;
// MAIL and RCPT carry extension parameters that RFC 1870 (SIZE, +26),
// RFC 3461 (DSN, +100 for MAIL, +500 for RCPT), RFC 4954 (AUTH=, +500) and
// RFC 6531 (UTF-8 addresses) add to the 512 octets; 2048 covers their sum
// with room to spare and matches Postfix's line_length_limit.
inline constexpr qsizetype rfcExtendedCommandLineOctets = 2048;
// RFC 5321 section 4.5.3.1.6 and RFC 5322 section 2.1.1: 998 + CRLF.
inline constexpr qsizetype rfcDataLineOctets = 1000;

struct SmtpLimits {
    // Every command except MAIL and RCPT; longer lines get 500 5.5.2.
    qsizetype maxCommandLine = rfcCommandLineOctets;
    // MAIL and RCPT with their parameters; also what the line splitter
    // buffers at most before discarding to the next CRLF.
    qsizetype maxExtendedCommandLine = rfcExtendedCommandLineOctets;
    // One message line including CRLF, not counting a stuffed dot
    // (RFC 5321 section 4.5.3.1.6). 0: no limit.
    qsizetype maxDataLine = rfcDataLineOctets;
    // Message content in octets after dot-unstuffing, announced in the EHLO
    // SIZE keyword (RFC 1870); bigger messages get 552 5.3.4. 0: no limit.
    qint64 maxMessageSize = qint64(50) * 1024 * 1024;
    // RFC 5321 section 4.5.3.1.8 asks for at least 100; more get 452 4.5.3.
    int maxRecipients = 100;
    // Failed commands a session may send before it gets 421 4.7.0 and is
    // closed (Postfix's smtpd_hard_error_limit, lowered).
    int errorBudget = 10;
    // RFC 5321 section 4.5.3.2.7: 5 minutes waiting for a command.
    std::chrono::seconds commandTimeout{300};
    // Silence allowed while reading DATA or BDAT content. RFC 5321 section
    // 4.5.3.2 gives clients 3 minutes per data block (4.5.3.2.5) and 10
    // minutes for the termination (4.5.3.2.6); we are as patient as the
    // latter, so slow but working clients are never cut off.
    std::chrono::seconds dataTimeout{600};
    // Concurrent sessions on all SMTP listeners together, and per peer
    // address. 50 per address as Postfix's smtpd_client_connection_count_limit:
    // a sending Postfix opens up to 20 (smtp_destination_concurrency_limit)
    // and reconnects faster than a closed session is counted out.
    int maxConnections = 1000;
    int maxConnectionsPerIp = 50;
};

} // namespace mailstead::smtp
