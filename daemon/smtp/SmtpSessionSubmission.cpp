// SmtpSessionSubmission.cpp - MAIL, RCPT and the end of the data on the
// submission listeners, for a logged-in mailbox
//
// RFC 6409: section 4.2 (530 5.7.0 before authentication), 4.3 and 6.1
// (the server may refuse senders the user is not authorized to use: 553
// 5.7.1 at MAIL, 550 5.7.1 for the header From after the data), 8.2 and
// 8.3 (Date and Message-ID added when missing), 3.3 (relaying for
// authenticated users); RFC 4954 section 6 (530 5.7.0 "Authentication
// required"); RFC 3463 X.7.1 (delivery not authorized), 4.7.1 for a rate
// limit (as Postfix's anvil and policyd-rate-limit answer 450 4.7.1).
//
// Senders: the envelope sender (null "<>" allowed, for vacation replies and
// receipts) and every address in every From field must be the mailbox's own
// (+extension included), an alias that delivers to it, or a send-as grant
// (core::RecipientDirectory::senderOwnership). A From field that cannot be
// read, or a message without From, is refused.
//
// Every recipient, local or not, goes to the outbound queue as one entry
// with origin "submission" (the queue delivers local ones straight to the
// store and signs the rest); 250 only once the queue has it durably.
//
// SECURITY: the user is authenticated; addresses and headers are still
// untrusted input. The rate limiter is charged before the message is
// queued, so a queue failure costs budget rather than letting a retry
// loop send unlimited mail.
#include "core/Log.h"
#include "core/RecipientDirectory.h"
#include "queue/DeliveryQueue.h"
#include "SmtpRecipientPolicy.h"
#include "SmtpSession.h"
#include "SubmissionHeaders.h"

#include <QDateTime>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

SmtpReply rateLimited(SubmissionRateLimiter::Verdict verdict, const SubmissionRateLimits &limits) {
    return makeReply(450, "4.7.1",
                     "Rate limit reached: " + SubmissionRateLimiter::describe(verdict, limits) +
                         "; try again later");
}

} // namespace

bool SmtpSession::checkSubmissionMail(const SmtpCommand &command) {
    if (!m_tls) {
        refuse(makeReply(530, "5.7.0", "Must issue a STARTTLS command first"));
        return false;
    }
    if (!m_authenticated) {
        refuse(makeReply(530, "5.7.0", "Authentication required"));
        return false;
    }
    if (!m_state->services().queue) {
        reply(makeReply(451, "4.3.0", "Submission is not available: no outbound queue"));
        return false;
    }
    const core::RecipientDirectory *directory = m_state->services().directory;
    if (!command.path.isNull() && directory->senderOwnership(m_user, command.path.address(),
                                                             m_settings->recipientDelimiter) ==
                                      core::SenderOwnership::NotOwned) {
        qCInfo(core::lcSmtp).noquote()
            << m_user.address() << "may not send as" << command.path.address() << "(MAIL FROM)";
        refuse(
            makeReply(553, "5.7.1",
                      "Sender address rejected: not owned by user " + m_user.address().toUtf8()));
        return false;
    }
    const SubmissionRateLimits &limits = m_settings->submission.rates;
    const auto verdict = m_state->rateLimiter.check(m_user.address(), m_user.domain, 0, limits,
                                                    QDateTime::currentMSecsSinceEpoch());
    if (verdict != SubmissionRateLimiter::Verdict::Allowed) {
        ++m_state->counters.rateLimited;
        qCInfo(core::lcSmtp).noquote()
            << m_user.address()
            << "rate limited at MAIL:" << SubmissionRateLimiter::describe(verdict, limits);
        reply(rateLimited(verdict, limits));
        return false;
    }
    return true;
}

void SmtpSession::onSubmissionRcpt(const SmtpCommand &command) {
    SmtpCounters &counters = m_state->counters;
    const SubmissionRateLimits &limits = m_settings->submission.rates;
    const auto verdict = m_state->rateLimiter.check(m_user.address(), m_user.domain,
                                                    int(m_transaction.recipients.size()) + 1,
                                                    limits, QDateTime::currentMSecsSinceEpoch());
    if (verdict != SubmissionRateLimiter::Verdict::Allowed) {
        ++counters.recipientsRejected;
        ++counters.rateLimited;
        reply(rateLimited(verdict, limits));
        return;
    }
    const RecipientDecision decision =
        decideRecipient(command.path, m_transaction.mail.smtpUtf8, m_transaction.mail.size,
                        m_state->services(), *m_settings, true);
    if (!decision.accepted()) {
        ++counters.recipientsRejected;
        if (decision.peerError)
            refuse(decision.reply);
        else
            reply(decision.reply);
        return;
    }
    ++counters.recipientsAccepted;
    const QString address = command.path.isPostmaster()
                                ? u"postmaster@"_s + m_settings->postmasterDomain
                                : command.path.address();
    // The same address twice is one queue recipient (RFC 5321 section 3.3).
    if (!m_transaction.recipients.contains(address, Qt::CaseInsensitive))
        m_transaction.addRecipient(address, {});
    reply(decision.reply);
}

void SmtpSession::submit() {
    const SubmissionHeaderFacts facts =
        inspectSubmissionHeader(m_headerCapture, m_contentBytes == m_headerCapture.size());
    SmtpReply refusal;
    if (!facts.complete) {
        refusal = makeReply(552, "5.3.4",
                            "Message header exceeds the limit of " +
                                QByteArray::number(maxSubmissionHeaderBytes) + " octets");
    } else if (facts.fromAddresses.isEmpty() && !facts.fromMalformed) {
        refusal = makeReply(550, "5.6.0", "The message has no From header field");
    } else if (facts.fromMalformed) {
        refusal = makeReply(550, "5.7.1", "The From header field names no usable address");
    } else {
        const core::RecipientDirectory *directory = m_state->services().directory;
        for (const QString &from : facts.fromAddresses) {
            if (directory->senderOwnership(m_user, from, m_settings->recipientDelimiter) ==
                core::SenderOwnership::NotOwned) {
                qCInfo(core::lcSmtp).noquote()
                    << m_user.address() << "may not send as" << from << "(header From)";
                refusal = makeReply(550, "5.7.1",
                                    "From address " + from.toUtf8() + " not owned by user " +
                                        m_user.address().toUtf8());
                break;
            }
        }
    }
    if (!refusal.isNull()) {
        refuse(refusal);
        resetTransaction();
        return;
    }
    const SubmissionRateLimits &limits = m_settings->submission.rates;
    const auto verdict = m_state->rateLimiter.admit(m_user.address(), m_user.domain,
                                                    int(m_transaction.recipients.size()), limits,
                                                    QDateTime::currentMSecsSinceEpoch());
    if (verdict != SubmissionRateLimiter::Verdict::Allowed) {
        ++m_state->counters.rateLimited;
        reply(rateLimited(verdict, limits));
        resetTransaction();
        return;
    }

    // RFC 6409 sections 8.2 and 8.3, below our Received line.
    const QString idLeft = m_transaction.queueId + u'.' +
                           QString::number(QRandomGenerator::system()->generate64(), 36).toUpper();
    const QByteArray additions = submissionHeaderAdditions(facts, m_settings->hostname, idLeft,
                                                           QDateTime::currentDateTime());
    store::MessageData message;
    bool taken = false;
    if (additions.isEmpty()) {
        taken = m_spool.take(&message);
    } else {
        QList<store::MessageData> copies;
        taken = m_spool.takeCopies(m_traceHeadLength, {additions}, &copies) && !copies.isEmpty();
        if (taken)
            message = std::move(copies.first());
    }
    if (!taken) {
        qCWarning(core::lcSmtp).noquote()
            << m_transaction.queueId << "cannot be spooled:" << m_spool.error();
        reply(makeReply(451, "4.3.0", "Temporary failure: the message could not be stored"));
        resetTransaction();
        return;
    }

    queue::QueueSubmission submission;
    submission.sender = m_transaction.sender.address();
    for (const QString &recipient : std::as_const(m_transaction.recipients))
        submission.recipients.append({recipient, recipient});
    submission.smtpUtf8 = m_transaction.mail.smtpUtf8;
    submission.origin = u"submission"_s;
    submission.message = std::move(message);
    const qint64 size = submission.message.virtualSize >= 0
                            ? submission.message.virtualSize
                            : qint64(submission.message.bytes.size());

    m_mode = Mode::AwaitingDelivery;
    flushOutput();
    armTimer();
    ++m_state->pendingDeliveries;
    const QString sessionId = m_transaction.queueId;
    const QString user = m_user.address();
    const QString sender = submission.sender;
    const QStringList recipients = m_transaction.recipients;
    m_state->services().queue->enqueue(
        std::move(submission), parent(),
        [state = m_state, session = QPointer<SmtpSession>(this), sessionId, user, sender,
         recipients, size](bool ok, const QString &idOrError) {
            --state->pendingDeliveries;
            if (ok) {
                ++state->counters.messagesAccepted;
                ++state->counters.messagesSubmitted;
                state->counters.bytesAccepted += size;
                qCInfo(core::lcSmtp).noquote()
                    << sessionId << "submitted by" << user << u"from <"_s + sender + u'>' << "to"
                    << recipients.join(u", "_s) << "as queue entry" << idOrError;
            } else {
                qCWarning(core::lcSmtp).noquote()
                    << sessionId << "from" << user << "cannot be queued:" << idOrError;
            }
            if (session)
                session->onSubmitted(ok, idOrError);
        });
}

void SmtpSession::onSubmitted(bool ok, const QString &idOrError) {
    if (m_mode != Mode::AwaitingDelivery)
        return; // closed meanwhile
    m_mode = Mode::Command;
    resetTransaction();
    if (ok)
        reply(makeReply(250, "2.0.0", "Ok: queued as " + idOrError.toUtf8()));
    else
        reply(makeReply(451, "4.3.0", "Temporary failure: the message could not be queued"));
    readSocket();
    process();
}

} // namespace mailstead::smtp
