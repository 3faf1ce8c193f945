// SmtpSessionDelivery.cpp - from the end of the data to the reply: the
// message goes to the store, and 250 is written only once every copy is
// durable
//
// RFC 5321 section 4.1.1.4 (the reply to the end of data says whether the
// message was accepted; one reply for all recipients), section 6.1 (once
// 250 is sent the server is responsible for the message), DESIGN.md
// "Durability" (250 after the file and its directory are fsynced and the
// index row is committed), RFC 5321 section 4.4 (Delivered-To per copy).
// While the store works, the session reads nothing (Mode::AwaitingDelivery),
// so pipelined commands never run ahead of this reply.
//
// Several mailboxes: one file each, with its own Delivered-To. If some copies
// fail, the ones already stored are expunged again before a 4xx (see
// SmtpTransaction.h for why).
//
// Aliases that lead outside: their external targets are looked up again
// here and one more copy goes to the outbound queue, first; the local
// copies follow once the queue entry is durable, and the entry is deleted
// again when they fail (the 4xx makes the client send everything again).
// So 250 means: every local copy and the queue entry are durable.
//
// SECURITY: the message is peer content bound for local mailboxes and the
// outside targets of our own aliases (SmtpRecipientPolicy); the store
// validates every name again.
#include "core/EventBus.h"
#include "core/Log.h"
#include "queue/DeliveryQueue.h"
#include "SmtpSession.h"
#include "SmtpTraceHeaders.h"
#include "store/MailboxIndex.h"
#include "store/MessageStore.h"

#include <algorithm>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

void SmtpSession::deliver() {
    if (m_submission) {
        submit(); // SmtpSessionSubmission.cpp: everything goes to the outbound queue
        return;
    }
    store::MessageStore *messages = m_state->services().messages;
    queue::DeliveryQueue *outbound = m_state->services().queue;
    const QList<core::MailboxTarget> &targets = m_transaction.mailboxes;
    // The outside targets of the accepted recipients' aliases, once each.
    QList<queue::QueueRecipientInput> external;
    if (outbound) {
        QSet<QString> seen;
        for (const QString &address : std::as_const(m_transaction.recipients)) {
            const core::Resolution resolution =
                m_state->services().directory->resolve(address, m_settings->recipientDelimiter);
            for (const QString &target : resolution.external) {
                if (!seen.contains(target.toLower())) {
                    seen.insert(target.toLower());
                    external.append({target, address});
                }
            }
        }
    }
    // One file for one mailbox. For several, one file each: Delivered-To
    // names the mailbox of each copy (as Postfix's virtual(8) does), which a
    // shared hard-linked file could not. The queue's copy has no
    // Delivered-To and comes last.
    QList<store::MessageData> copies;
    bool taken = false;
    if (messages && targets.size() == 1 && external.isEmpty()) {
        store::MessageData message;
        taken = m_spool.take(&message);
        copies.append(std::move(message));
    } else if (messages) {
        QList<QByteArray> deliveredTo;
        for (const core::MailboxTarget &target : targets)
            deliveredTo.append(deliveredToHeader(target.address(), m_transaction.mail.smtpUtf8));
        if (!external.isEmpty())
            deliveredTo.append(QByteArray());
        taken = m_spool.takeCopies(m_deliveredToOffset, deliveredTo, &copies);
    }
    if (!taken) {
        qCWarning(core::lcSmtp).noquote()
            << m_transaction.queueId
            << "cannot be stored:" << (messages ? m_spool.error() : u"no store"_s);
        reply(makeReply(451, "4.3.0", "Temporary failure: the message could not be stored"));
        resetTransaction();
        return;
    }
    store::MessageData queueCopy;
    if (!external.isEmpty())
        queueCopy = copies.takeLast();

    auto delivery = std::make_shared<PendingDelivery>();
    delivery->state = m_state;
    delivery->session = this;
    delivery->anchor = parent();
    delivery->targets = targets;
    delivery->queueId = m_transaction.queueId;
    delivery->sender = m_transaction.sender.address();
    delivery->results.resize(targets.size());
    delivery->remaining = int(copies.size());
    for (qsizetype i = 0; i < targets.size(); ++i) {
        delivery->mailboxes.append(targets.at(i).address());
        delivery->sizes.append(copies.at(copies.size() == 1 ? 0 : i).virtualSize);
    }
    store::DeliveryRequest all = m_transaction.deliveryRequest({});

    // Nothing more is read or answered until the store says "durable".
    m_mode = Mode::AwaitingDelivery;
    flushOutput();
    armTimer();
    ++m_state->pendingDeliveries;

    // The local copies; queuedId: the queue entry to delete again when
    // they fail (empty: none).
    auto storeCopies = [messages, delivery, all, copies = std::move(copies),
                        outbound](const QString &queuedId) mutable {
        for (qsizetype i = 0; i < copies.size(); ++i) {
            store::DeliveryRequest request = all;
            if (copies.size() > 1)
                request.recipients = {all.recipients.at(i)};
            request.message = std::move(copies[i]);
            const qsizetype first = copies.size() > 1 ? i : 0;
            // The callbacks run on this thread's anchor, which outlives the
            // session: a client that hangs up meanwhile still gets its
            // counters and events, and the copies all report to one place.
            messages->deliver(
                std::move(request), delivery->anchor,
                [delivery, first, queuedId, outbound](QList<store::DeliveryResult> results) {
                    for (qsizetype r = 0; r < results.size(); ++r)
                        delivery->results[first + r] = results.at(r);
                    if (--delivery->remaining > 0)
                        return;
                    const bool stored = std::all_of(
                        delivery->results.cbegin(), delivery->results.cend(),
                        [](const store::DeliveryResult &result) { return result.ok(); });
                    if (!stored && !queuedId.isEmpty()) {
                        // The client sends the message again after the 4xx.
                        QMetaObject::invokeMethod(
                            outbound, [outbound, queuedId] { outbound->remove(queuedId); });
                    }
                    delivery->complete();
                });
        }
    };
    if (external.isEmpty()) {
        storeCopies(QString());
        return;
    }

    queue::QueueSubmission submission;
    submission.sender = m_transaction.sender.address();
    submission.recipients = external;
    submission.smtpUtf8 = m_transaction.mail.smtpUtf8;
    submission.origin = u"forward"_s;
    submission.message = std::move(queueCopy);
    const qint64 size = submission.message.virtualSize;
    const QStringList forwardedTo = [&] {
        QStringList list;
        for (const queue::QueueRecipientInput &input : std::as_const(external))
            list.append(input.address);
        return list;
    }();
    outbound->enqueue(
        std::move(submission), delivery->anchor,
        [delivery, storeCopies, size, forwardedTo](bool ok, const QString &idOrError) mutable {
            if (!ok) {
                qCWarning(core::lcSmtp).noquote() << delivery->queueId << "cannot be queued for"
                                                  << forwardedTo.join(u", "_s) << ":" << idOrError;
                // The local copies are spooled but never stored: drop them.
                for (qsizetype i = 0; i < delivery->results.size(); ++i)
                    delivery->results[i].error = u"not queued for forwarding"_s;
                --delivery->state->pendingDeliveries;
                if (delivery->session)
                    delivery->session->onDelivered({store::DeliveryResult()}, delivery->queueId);
                return;
            }
            qCInfo(core::lcSmtp).noquote()
                << delivery->queueId << "forwarded to" << forwardedTo.join(u", "_s)
                << "as queue entry" << idOrError;
            if (delivery->targets.isEmpty()) {
                // Only outside targets: the queue entry is the whole delivery.
                --delivery->state->pendingDeliveries;
                ++delivery->state->counters.messagesAccepted;
                delivery->state->counters.bytesAccepted += size;
                store::DeliveryResult queued;
                queued.status = store::DeliveryStatus::Ok;
                if (delivery->session)
                    delivery->session->onDelivered({queued}, delivery->queueId);
                return;
            }
            storeCopies(idOrError);
        });
}

void SmtpSession::PendingDelivery::complete() {
    const bool any = std::any_of(results.cbegin(), results.cend(),
                                 [](const store::DeliveryResult &r) { return r.ok(); });
    const bool all = std::all_of(results.cbegin(), results.cend(),
                                 [](const store::DeliveryResult &r) { return r.ok(); });
    if (any && !all) {
        rollBack();
        return;
    }
    finish();
}

// Some copies are durable, some failed (a mailbox over quota, an I/O
// error). After DATA, SMTP has one reply for all: 4xx makes the client send
// the message to every recipient again, so the stored copies are expunged
// first; otherwise each retry would leave one more duplicate. If an expunge
// fails the copy stays: a duplicate, never a loss.
void SmtpSession::PendingDelivery::rollBack() {
    store::MessageStore *messages = state->services().messages;
    auto self = std::make_shared<PendingDelivery>(*this);
    self->takenBack = QList<bool>(results.size(), false);
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (!results.at(i).ok())
            continue;
        ++self->remaining;
        const QString folder = results.at(i).folder;
        const quint32 uid = results.at(i).uid;
        auto jobError = std::make_shared<QString>();
        messages->runWrite(
            targets.at(i).domain, targets.at(i).localPart,
            [folder, uid, jobError](store::MailboxIndex &index) -> QStringList {
                QList<store::ExpungedInfo> expunged;
                if (!index.expunge(folder, {uid}, &expunged, jobError.get()))
                    return {};
                return {folder};
            },
            anchor,
            [self, i, jobError](bool ok, const QString &error) {
                const QString problem = !ok ? error : *jobError;
                if (problem.isEmpty()) {
                    self->takenBack[i] = true;
                    self->results[i].status = store::DeliveryStatus::IoError;
                    self->results[i].error = u"taken back: another copy failed"_s;
                } else {
                    qCWarning(core::lcSmtp).noquote()
                        << self->queueId << "copy for" << self->mailboxes.value(i)
                        << "could not be taken back and may be duplicated:" << problem;
                }
                if (--self->remaining == 0)
                    self->finish();
            });
    }
}

void SmtpSession::PendingDelivery::finish() {
    --state->pendingDeliveries;
    bool all = !results.isEmpty();
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (!results.at(i).ok()) {
            all = false;
            qCWarning(core::lcSmtp).noquote() << queueId << "not delivered to" << mailboxes.value(i)
                                              << ":" << results.at(i).error;
        }
    }
    if (all) {
        for (qsizetype i = 0; i < results.size(); ++i) {
            if (core::EventBus *events = state->services().events) {
                events->publish(QString::fromUtf16(deliveryEventName),
                                QJsonObject{{u"mailbox"_s, mailboxes.value(i)},
                                            {u"folder"_s, results.at(i).folder},
                                            {u"uid"_s, qint64(results.at(i).uid)},
                                            {u"size"_s, sizes.value(i)}});
            }
        }
        ++state->counters.messagesAccepted;
        state->counters.bytesAccepted += sizes.value(0);
        qCInfo(core::lcSmtp).noquote()
            << queueId << u"from <"_s + sender + u'>' << "size" << sizes.value(0) << "delivered to"
            << mailboxes.join(u", "_s);
    }
    if (!session)
        return;
    // The reply is about the copies that failed; those taken back follow
    // their fate.
    QList<store::DeliveryResult> outcome;
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (!takenBack.value(i))
            outcome.append(results.at(i));
    }
    session->onDelivered(outcome, queueId);
}

void SmtpSession::onDelivered(const QList<store::DeliveryResult> &results, const QString &queueId) {
    if (m_mode != Mode::AwaitingDelivery)
        return; // closed meanwhile (timeout of a shutdown, abort)
    m_mode = Mode::Command;
    resetTransaction();
    reply(replyForDelivery(results, queueId));
    readSocket();
    process();
}

} // namespace mailstead::smtp
