// SubmissionLimits.h - the named limits of authenticated submission
// (the submission and submissions listeners), in one place
//
// RFC 6409 (message submission), RFC 4954 (AUTH), RFC 8314 (implicit TLS
// on 465). The SMTP limits (SmtpLimits.h) apply as on port 25; these come
// on top. Rate limits count per mailbox and per domain of the logged-in
// mailbox; 0 means unlimited. The defaults are those of a careful admin of
// a small server: far above what a person sends by hand, far below what a
// stolen password would be used for.
//
// SECURITY: the rate limits bound what one stolen password can send
// before an admin notices; the AUTH failure limit bounds guesses per
// connection (the authenticator's growing delay bounds them per address).
#pragma once

#include <QtGlobal>

namespace mailstead::smtp {

// Header sections larger than this are refused after DATA (552 5.3.4):
// the From check and the Date/Message-ID additions need the whole header.
// The same size as mime::MimeLimits::maxHeaderBytes.
inline constexpr qsizetype maxSubmissionHeaderBytes = 256 * 1024;

struct SubmissionRateLimits {
    int mailboxMessagesPerHour = 200;
    int mailboxRecipientsPerDay = 2000;
    int domainMessagesPerHour = 2000;
    int domainRecipientsPerDay = 20000;
};

struct SubmissionLimits {
    // Failed AUTH exchanges (wrong credentials, malformed or cancelled
    // exchanges) a session may have before 421 4.7.0 closes it.
    int maxAuthFailures = 3;
    SubmissionRateLimits rates;
};

} // namespace mailstead::smtp
