// SmtpRecipientPolicy.cpp - RCPT TO decisions
//
// RFC 5321 sections 3.6.1 and 4.1.1.3, RFC 3463, RFC 6531, RFC 1870,
// RFC 9208; see SmtpRecipientPolicy.h for the table of answers.
//
// SECURITY: peer addresses; read-only lookups in memory and quota usage.
#include "SmtpRecipientPolicy.h"

#include "store/MessageStore.h"

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

RecipientDecision refuse(int code, QByteArrayView status, const QByteArray &text, bool peerError) {
    RecipientDecision decision;
    decision.reply = makeReply(code, status, text);
    decision.peerError = peerError;
    return decision;
}

RecipientDecision relayDenied() {
    return refuse(554, "5.7.1", "Relay access denied", true);
}

// RFC 1870 section 6.1: a declared size that would not fit is refused at
// RCPT; without SIZE, a mailbox that is already full is.
RecipientDecision checkQuota(const QList<core::MailboxTarget> &mailboxes, qint64 declaredSize,
                             store::MessageStore *messages) {
    const qint64 incoming = qMax<qint64>(declaredSize, 1);
    for (const core::MailboxTarget &mailbox : mailboxes) {
        if (mailbox.quotaBytes > 0) {
            const store::Usage used =
                messages->usage(mailbox.domain, mailbox.localPart).value_or(store::Usage{});
            if (used.bytes + incoming > mailbox.quotaBytes) {
                return refuse(452, "4.2.2",
                              "Mailbox full: " + mailbox.address().toUtf8() +
                                  " is over its storage quota",
                              false);
            }
        }
        if (mailbox.domainQuotaBytes > 0) {
            const store::Usage used = messages->domainUsage(mailbox.domain);
            if (used.bytes + incoming > mailbox.domainQuotaBytes) {
                return refuse(452, "4.2.2",
                              "Mailbox full: the domain " + mailbox.domain.toUtf8() +
                                  " is over its storage quota",
                              false);
            }
        }
    }
    return {};
}

} // namespace

RecipientDecision decideRecipient(const SmtpPath &path, bool smtpUtf8, qint64 declaredSize,
                                  const SmtpServices &services, const SmtpSettings &settings,
                                  bool relayAllowed) {
    if (path.utf8 && !smtpUtf8) {
        // RFC 6531 section 3.5.
        return refuse(553, "5.6.7",
                      "The address contains non-ASCII characters; use MAIL FROM with SMTPUTF8",
                      true);
    }

    QString address;
    if (path.isPostmaster()) {
        // RFC 5321 section 4.1.1.3: must be accepted when there is anyone to
        // read it; "postmaster" of our first domain is that someone.
        if (settings.postmasterDomain.isEmpty())
            return refuse(550, "5.1.1", "No postmaster mailbox here", true);
        address = u"postmaster@"_s + settings.postmasterDomain;
    } else {
        // Sender-specified routing, whatever the domain: a catch-all must
        // not turn "user%other.example@here" into a relay either.
        if (path.hasPercentHack || path.hasBangPath || path.localPartHasAt || path.domainIsLiteral)
            return relayDenied();
        address = path.address();
    }

    const core::Resolution resolution =
        services.directory->resolve(address, settings.recipientDelimiter);
    switch (resolution.status) {
    case core::Resolution::Status::Local:
        break;
    case core::Resolution::Status::UnknownUser:
        return refuse(550, "5.1.1", "Recipient address rejected: user unknown", true);
    case core::Resolution::Status::Disabled:
        return refuse(550, "5.2.1", "Recipient address rejected: mailbox disabled", true);
    case core::Resolution::Status::NotLocal:
        if (!relayAllowed)
            return relayDenied();
        {
            // RFC 6409 section 3.3: submission relays for its users.
            RecipientDecision remote;
            remote.reply = makeReply(250, "2.1.5", "Ok");
            return remote;
        }
    case core::Resolution::Status::InvalidAddress:
        return refuse(501, "5.1.3", "Bad recipient address syntax", true);
    case core::Resolution::Status::TooManyTargets:
        return refuse(451, "4.3.0", "Temporary failure: alias expansion is too large", false);
    }

    if (!resolution.external.isEmpty() && !services.queue) {
        // Every target or none: forwarding needs the outbound queue.
        return refuse(451, "4.3.0", "Forwarding to external addresses is not available", false);
    }
    // External targets are looked up again at the end of the data
    // (SmtpSessionDelivery.cpp) and go to the outbound queue.
    if (resolution.mailboxes.isEmpty() && resolution.external.isEmpty())
        return refuse(550, "5.1.1", "Recipient address rejected: user unknown", true);

    if (services.messages) {
        RecipientDecision quota = checkQuota(resolution.mailboxes, declaredSize, services.messages);
        if (!quota.reply.isNull())
            return quota;
    }

    RecipientDecision accepted;
    accepted.reply = makeReply(250, "2.1.5", "Ok");
    accepted.mailboxes = resolution.mailboxes;
    return accepted;
}

} // namespace mailstead::smtp
