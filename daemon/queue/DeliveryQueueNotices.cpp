// DeliveryQueueNotices.cpp - the notices the queue sends to senders: the
// bounce when recipients failed, the delay notice when they wait long
//
// RFC 3464 (message/delivery-status; Action: failed or delayed, section
// 2.3.3; Will-Retry-Until for a delayed recipient, section 2.3.9), RFC
// 5321 section 4.5.5 (notices have the null reverse-path and are never
// answered with another notice), section 6.2 (no notice loops: a message
// from the null sender gets neither a bounce nor a delay notice).
// A delay notice goes once per message (queue.db remembers it), only with
// [queue] delay_warning set, when recipients are still deferred that long
// after arrival; it lists the deferred recipients with their last answer.
// Notices may be DKIM signed (OutboundSigning.h: origins "bounce" and
// "delay", the key of the host name's domain when it has one).
//
// SECURITY: see DeliveryQueue.h and DsnComposer.h (peer text is reduced to
// one printable line before it goes into a notice).
#include "DeliveryQueue.h"
#include "DsnComposer.h"
#include "OutboundContent.h"
#include "OutboundSigning.h"
#include "QueueLog.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

namespace {

QDateTime fromMs(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

bool isAsciiText(const QString &text) {
    for (const QChar c : text) {
        if (c.unicode() > 127)
            return false;
    }
    return true;
}

DsnRecipient dsnRecipient(const QueueRecipient &recipient, bool delayed) {
    DsnRecipient r;
    r.address = recipient.address;
    r.originalAddress =
        recipient.originalAddress == recipient.address ? QString() : recipient.originalAddress;
    r.delayed = delayed;
    r.status =
        recipient.lastStatus.isEmpty() ? (delayed ? "4.0.0"_ba : "5.0.0"_ba) : recipient.lastStatus;
    if (!delayed && r.status.startsWith('4'))
        r.status = "4.4.7"; // a temporary problem that outlived max_age
    r.remoteMta = recipient.lastHost;
    r.diagnostic = recipient.lastAnswer;
    if (recipient.lastAttemptMs > 0)
        r.lastAttempt = fromMs(recipient.lastAttemptMs);
    return r;
}

} // namespace

bool DeliveryQueue::queueNotice(const QueuedMessage &message, bool delayed, QString *error) {
    const QByteArray original = m_store.readMessage(message.id, error);
    if (!error->isEmpty())
        return false;
    const qint64 now = m_services.clock->nowMs();
    DsnInput input;
    input.reportingMta = m_settings.hostname;
    input.sender = message.sender;
    input.arrival = fromMs(message.createdMs);
    input.now = fromMs(now);
    input.originalHeaders = headerBlock(withoutReturnPath(original), maxBounceHeaderOctets);
    if (delayed)
        input.retryUntil = fromMs(message.createdMs + qint64(m_settings.maxAge.count()) * 1000);
    for (const QueueRecipient &recipient : message.recipients) {
        const bool wanted = delayed ? recipient.state == RecipientState::Deferred
                                    : recipient.state == RecipientState::Failed;
        if (wanted)
            input.recipients.append(dsnRecipient(recipient, delayed));
    }
    QueuedMessage notice;
    notice.id = m_store.newId();
    input.boundaryToken = notice.id;
    notice.sender = QString(); // RFC 5321 section 4.5.5: the null reverse-path
    notice.origin = delayed ? u"delay"_s : u"bounce"_s;
    notice.createdMs = now;
    notice.smtpUtf8 = !isAsciiText(message.sender);
    QueueRecipient to;
    to.address = message.sender;
    to.state = RecipientState::Pending;
    to.nextAttemptMs = notice.createdMs;
    notice.recipients.append(to);
    const QByteArray dsn = composeDsn(input);
    QByteArray dsnSigned = signComposed(m_services.signers, notice.origin, dsn, now / 1000);
    if (dsnSigned.size() != dsn.size())
        ++m_counters.signedMessages;
    // A bounce replaces its message in the same commit; a delay notice is
    // remembered with it, so it goes once even across restarts.
    if (!m_store.add(&notice, store::MessageData::fromBytes(std::move(dsnSigned)), error,
                     delayed ? QString() : message.id, delayed ? message.id : QString()))
        return false;
    if (delayed) {
        ++m_counters.delayNotices;
        if (QueuedMessage *waiting = find(message.id))
            waiting->delayNoticeSent = true;
    } else {
        ++m_counters.bounces;
    }
    qCInfo(lcQueue).noquote() << message.id
                              << (delayed ? u"delay notice to <"_s : u"bounced to <"_s) +
                                     message.sender + u'>'
                              << "as" << notice.id;
    m_messages.append(notice);
    notify(notice.id, u"queued"_s,
           QJsonObject{{delayed ? u"delay_notice_of"_s : u"bounce_of"_s, message.id}});
    return true;
}

bool DeliveryQueue::queueBounce(const QueuedMessage &message, QString *error) {
    return queueNotice(message, false, error);
}

void DeliveryQueue::maybeQueueDelayNotice(const QString &messageId) {
    const QueuedMessage *message = find(messageId);
    const qint64 warning = qint64(m_settings.delayWarning.count()) * 1000;
    if (!message || warning <= 0 || message->delayNoticeSent || message->sender.isEmpty())
        return;
    if (m_services.clock->nowMs() - message->createdMs < warning)
        return;
    const bool anyDeferred =
        std::any_of(message->recipients.cbegin(), message->recipients.cend(),
                    [](const QueueRecipient &r) { return r.state == RecipientState::Deferred; });
    if (!anyDeferred)
        return;
    QString error;
    const QueuedMessage copy = *message; // queueNotice appends to m_messages
    if (!queueNotice(copy, true, &error))
        qCWarning(lcQueue).noquote() << messageId << "delay notice not queued:" << error;
}

} // namespace mailstead::queue
