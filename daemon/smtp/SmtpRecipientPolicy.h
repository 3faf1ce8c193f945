// SmtpRecipientPolicy.h - may mail for this RCPT TO path be accepted, and
// for which mailboxes
//
// RFC 5321 section 3.6.1 (no open relay), 4.1.1.3 (RCPT, <Postmaster>),
// section 4.2.2/4.2.3 and RFC 3463 (the codes), RFC 6531 section 3.4 (UTF-8
// addresses need SMTPUTF8), RFC 1870 section 6.1 (SIZE against the space
// left), RFC 9208 (quota). Recipients are resolved with RecipientDirectory
// (aliases, catch-all, alias domains, plus-addressing); this file only
// decides what to answer:
//   250 2.1.5  local mailboxes, all with room for the message
//   553 5.6.7  non-ASCII address without the SMTPUTF8 parameter
//   554 5.7.1  relaying: a domain that is not ours, an address literal, or
//              sender-specified routing inside a local part ("%", "!", a
//              quoted "@"), which must never route anywhere (as Postfix's
//              allow_untrusted_routing = no)
//   550 5.1.1  unknown user (also <Postmaster> when there is no postmaster)
//   550 5.2.1  mailbox or domain disabled
//   501 5.1.3  not a valid address
//   451 4.3.0  an alias leads outside and there is no outbound queue, or
//              alias expansion is too large (a configuration problem)
//   452 4.2.2  a mailbox or its domain is over quota (with SIZE: would be)
// A recipient is refused whole when any of its mailboxes is refused: an
// alias cannot be delivered in part after DATA.
//
// SECURITY: the path is peer input that passed the parser's syntax checks.
// Reaches the in-memory recipient directory and the store's quota usage
// (no SQLite once a mailbox was opened), before any authentication.
#pragma once

#include "core/RecipientDirectory.h"
#include "SmtpCommand.h"
#include "SmtpReply.h"
#include "SmtpServerState.h"

#include <QList>

namespace mailstead::smtp {

struct RecipientDecision {
    SmtpReply reply; // 250 2.1.5 when accepted
    QList<core::MailboxTarget> mailboxes;
    // A refusal the peer caused (unknown user, relaying, syntax): counts
    // against the error budget. Temporary refusals on our side do not.
    bool peerError = false;

    bool accepted() const { return reply.isPositive(); }
};

// smtpUtf8: the transaction's MAIL had SMTPUTF8. declaredSize: its SIZE
// parameter, -1 when absent. messages may be null (no quota check).
// relayAllowed: an authenticated submission session, for which a domain
// that is not ours is 250 2.1.5 with no mailboxes (the outbound queue
// takes it); sender-specified routing is still refused.
RecipientDecision decideRecipient(const SmtpPath &path, bool smtpUtf8, qint64 declaredSize,
                                  const SmtpServices &services, const SmtpSettings &settings,
                                  bool relayAllowed = false);

} // namespace mailstead::smtp
