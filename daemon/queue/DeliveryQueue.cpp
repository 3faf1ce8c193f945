// DeliveryQueue.cpp - the queue's life and its administration: open,
// enqueue, close, retry/hold/release/delete/bounce, counters, events
//
// RFC 5321 section 6.1 (responsibility once accepted); attempts and
// bounces are in DeliveryQueueRun.cpp.
//
// SECURITY: enqueue() takes envelopes that passed SMTP's checks or that
// the queue built itself (bounces); see DeliveryQueue.h.
#include "DeliveryQueue.h"

#include "core/EventBus.h"
#include "DeliveryQueueAttempt.h"
#include "dkim/DkimSignerTable.h"
#include "OutboundSigning.h"
#include "QueueLog.h"

#include <QFile>
#include <QJsonArray>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

DeliveryQueue::DeliveryQueue(const QueueServices &services, const QueueSettings &settings,
                             QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_settings(settings)
    , m_timer(new QTimer(this))
    , m_signingPool(new QThreadPool(this))
    , m_filePool(new QThreadPool(this))
    , m_writerPool(new QThreadPool(this)) {
    m_signingPool->setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    m_filePool->setMaxThreadCount(maxParallelFileWrites);
    m_writerPool->setMaxThreadCount(1);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &DeliveryQueue::dispatch);
}

DeliveryQueue::~DeliveryQueue() {
    close();
}

bool DeliveryQueue::open(const QString &dataDir, QString *error) {
    if (!m_store.open(dataDir + u"/queue"_s, error))
        return false;
    QString loadError;
    m_messages = m_store.loadMessages(&loadError);
    if (!loadError.isEmpty()) {
        *error = u"cannot read queue.db: "_s + loadError;
        m_store.close();
        return false;
    }
    m_open = true;
    qCInfo(lcQueue).noquote() << m_messages.size() << "message(s) in the queue";
    // Messages whose recipients all reached a final state before a crash
    // still owe their bounce or removal.
    QStringList done;
    for (const QueuedMessage &message : std::as_const(m_messages)) {
        if (message.isDone())
            done.append(message.id);
    }
    for (const QString &id : std::as_const(done))
        finishMessage(id);
    QMetaObject::invokeMethod(this, &DeliveryQueue::dispatch, Qt::QueuedConnection);
    return true;
}

void DeliveryQueue::close() {
    if (!m_open)
        return;
    flushRemovals(); // delivered messages leave queue.db before it closes
    m_open = false;
    m_timer->stop();
    // Signatures in progress come back to a closed queue and are answered
    // "not open"; waiting here keeps them from outliving this object.
    m_signingPool->waitForDone();
    // Messages waiting for the group commit were never acknowledged; the
    // files of the group being written are removed again.
    m_writerPool->waitForDone();
    if (const std::shared_ptr<StoreGroup> group = std::exchange(m_writing, nullptr)) {
        for (const QueueStore::NewMessage &entry : std::as_const(group->batch)) {
            if (entry.ok)
                QFile::remove(m_store.messagePath(entry.message->id));
        }
        failStores(*group, u"the queue is not open"_s);
    }
    const QList<PendingStore> pending = std::exchange(m_pendingStores, {});
    for (const PendingStore &entry : pending)
        entry.answer(false, u"the queue is not open"_s);
    // The recipients of unfinished attempts keep their state in queue.db
    // and are due again at the next start.
    for (const std::shared_ptr<Attempt> &attempt : std::as_const(m_attempts))
        cancelAttempt(*attempt);
    m_attempts.clear();
    m_busy.clear();
    m_store.close();
}

void DeliveryQueue::setSettings(const QueueSettings &settings) {
    m_settings = settings;
}

void DeliveryQueue::enqueue(QueueSubmission submission, QObject *context, EnqueueCallback done) {
    QMetaObject::invokeMethod(
        this,
        [this, submission = std::move(submission), context = QPointer<QObject>(context),
         hasContext = context != nullptr, done = std::move(done)]() mutable {
            if (hasContext && !context) {
                // The caller is gone; the message is still queued.
                doEnqueue(std::move(submission), nullptr, [](bool, const QString &) {});
                return;
            }
            doEnqueue(std::move(submission), context.data(), std::move(done));
        },
        Qt::QueuedConnection);
}

void DeliveryQueue::doEnqueue(QueueSubmission submission, QObject *context, EnqueueCallback done) {
    EnqueueCallback answer = [context = QPointer<QObject>(context), hasContext = context != nullptr,
                              done](bool ok, const QString &text) {
        if (!hasContext) {
            done(ok, text);
            return;
        }
        if (!context)
            return; // the caller is gone; the outcome is logged
        QMetaObject::invokeMethod(
            context.data(), [done, ok, text] { done(ok, text); }, Qt::QueuedConnection);
    };
    if (!m_open) {
        answer(false, u"the queue is not open"_s);
        return;
    }
    if (submission.recipients.isEmpty()) {
        answer(false, u"no recipients"_s);
        return;
    }
    const dkim::DkimSignerTable *signers = m_services.signers;
    if (!signers || signers->size() == 0 || !isSignedOrigin(submission.origin)) {
        storeSubmission(std::move(submission), answer);
        return;
    }
    // Signed once, before the message is durable: every retry sends these
    // bytes. The worker only reads the message and the signer table.
    const qint64 signingTime = m_services.clock->nowMs() / 1000;
    auto shared = std::make_shared<QueueSubmission>(std::move(submission));
    m_signingPool->start([this, signers, shared, signingTime, answer] {
        auto outcome = std::make_shared<SigningOutcome>(signForQueue(
            *signers, shared->origin, shared->recipients, shared->message, signingTime));
        QMetaObject::invokeMethod(
            this,
            [this, shared, outcome, answer] {
                if (!outcome->signedNow) {
                    qCDebug(lcQueue).noquote() << u"mail from <"_s + shared->sender + u'>'
                                               << "sent unsigned:" << outcome->note;
                    storeSubmission(std::move(*shared), answer);
                    return;
                }
                ++m_counters.signedMessages;
                const QString spool = shared->message.spoolPath;
                shared->message = store::MessageData::fromBytes(std::move(outcome->message));
                storeSubmission(std::move(*shared), answer);
                // The signed copy replaced the spool file the queue would
                // have taken over.
                if (!spool.isEmpty())
                    QFile::remove(spool);
            },
            Qt::QueuedConnection);
    });
}

void DeliveryQueue::storeSubmission(QueueSubmission submission, const EnqueueCallback &answer) {
    if (!m_open) {
        answer(false, u"the queue is not open"_s);
        return;
    }
    PendingStore pending;
    pending.message.id = m_store.newId();
    pending.message.sender = submission.sender;
    pending.message.origin = submission.origin;
    pending.message.smtpUtf8 = submission.smtpUtf8;
    pending.message.createdMs = m_services.clock->nowMs();
    for (const QueueRecipientInput &input : std::as_const(submission.recipients)) {
        QueueRecipient recipient;
        recipient.address = input.address;
        recipient.originalAddress = input.originalAddress;
        recipient.state = RecipientState::Pending;
        recipient.nextAttemptMs = pending.message.createdMs;
        pending.message.recipients.append(recipient);
    }
    pending.data = std::move(submission.message);
    pending.answer = answer;
    m_pendingStores.append(std::move(pending));
    // Group commit: what arrives while this thread is busy (in the events
    // already posted) is stored with it, in one directory sync and one
    // commit.
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &DeliveryQueue::flushStores, Qt::QueuedConnection);
    }
}

void DeliveryQueue::flushStores() {
    m_flushScheduled = false;
    if (m_writing || m_pendingStores.isEmpty())
        return; // commitStores() flushes again when the group in writing is done
    auto group = std::make_shared<StoreGroup>();
    group->pending.swap(m_pendingStores);
    if (!m_open) {
        failStores(*group, u"the queue is not open"_s);
        return;
    }
    group->batch.reserve(group->pending.size());
    for (PendingStore &entry : group->pending)
        group->batch.append({&entry.message, std::move(entry.data), false, QString()});
    // The files are written and synced off this thread, which meanwhile
    // goes on with deliveries and collects the next group; the rows are
    // committed here once every file (and messages/) is durable.
    m_writing = group;
    m_writerPool->start([this, group] {
        m_store.writeMany(group->batch, m_filePool);
        QMetaObject::invokeMethod(
            this, [this, group] { commitStores(group); }, Qt::QueuedConnection);
    });
}

void DeliveryQueue::commitStores(const std::shared_ptr<StoreGroup> &group) {
    if (m_writing != group)
        return; // close() answered it
    m_writing.reset();
    m_store.commitMany(group->batch);
    for (qsizetype i = 0; i < group->pending.size(); ++i) {
        const QueuedMessage &message = group->pending.at(i).message;
        const QueueStore::NewMessage &entry = group->batch.at(i);
        if (!entry.ok) {
            qCWarning(lcQueue).noquote()
                << "cannot queue a message from" << message.sender << ":" << entry.error;
            group->pending.at(i).answer(false, entry.error);
            continue;
        }
        ++m_counters.enqueued;
        m_messages.append(message);
        QStringList to;
        for (const QueueRecipient &recipient : message.recipients)
            to.append(recipient.address);
        qCInfo(lcQueue).noquote() << message.id << u"queued from <"_s + message.sender + u'>'
                                  << "size" << message.size << "to" << to.join(u", "_s);
        notify(message.id, u"queued"_s);
        group->pending.at(i).answer(true, message.id);
    }
    flushStores();
    dispatch();
}

void DeliveryQueue::failStores(StoreGroup &group, const QString &error) {
    for (const PendingStore &entry : std::as_const(group.pending))
        entry.answer(false, error);
}

void DeliveryQueue::run(const std::function<void()> &job) {
    if (QThread::currentThread() == thread())
        job();
    else
        QMetaObject::invokeMethod(this, job, Qt::BlockingQueuedConnection);
}

QueuedMessage *DeliveryQueue::find(const QString &id) {
    for (QueuedMessage &message : m_messages) {
        if (message.id == id)
            return &message;
    }
    return nullptr;
}

QList<QueuedMessage> DeliveryQueue::messages() const {
    return m_messages;
}

std::optional<QueuedMessage> DeliveryQueue::message(const QString &id) const {
    for (const QueuedMessage &message : m_messages) {
        if (message.id == id)
            return message;
    }
    return std::nullopt;
}

QList<QueueAttempt> DeliveryQueue::attempts(const QString &id) {
    return m_open ? m_store.attempts(id) : QList<QueueAttempt>();
}

QStringList DeliveryQueue::changeRecipients(const QString &id, const QString &change,
                                            const std::function<bool(QueueRecipient &)> &edit) {
    QStringList changed;
    const QList<QueuedMessage> snapshot = m_messages;
    for (const QueuedMessage &original : snapshot) {
        if (!id.isEmpty() && original.id != id)
            continue;
        QList<QueueRecipient> updated;
        for (QueueRecipient recipient : original.recipients) {
            if (recipient.isFinal() || m_busy.contains(recipient.id))
                continue;
            if (edit(recipient))
                updated.append(recipient);
        }
        if (updated.isEmpty())
            continue;
        QString error;
        if (!m_store.update(original.id, updated, {}, &error)) {
            qCWarning(lcQueue).noquote() << original.id << change << "failed:" << error;
            continue;
        }
        QueuedMessage *message = find(original.id);
        for (QueueRecipient &recipient : message->recipients) {
            for (const QueueRecipient &u : std::as_const(updated)) {
                if (u.id == recipient.id)
                    recipient = u;
            }
        }
        changed.append(original.id);
        notify(original.id, change);
    }
    return changed;
}

QStringList DeliveryQueue::retry(const QString &id) {
    const qint64 now = m_services.clock->nowMs();
    const QStringList changed = changeRecipients(id, u"retry"_s, [now](QueueRecipient &recipient) {
        if (recipient.state == RecipientState::Held)
            return false;
        recipient.nextAttemptMs = now;
        return true;
    });
    dispatch();
    return changed;
}

QStringList DeliveryQueue::hold(const QString &id) {
    return changeRecipients(id, u"held"_s, [](QueueRecipient &recipient) {
        if (recipient.state == RecipientState::Held)
            return false;
        recipient.state = RecipientState::Held;
        return true;
    });
}

QStringList DeliveryQueue::release(const QString &id) {
    const qint64 now = m_services.clock->nowMs();
    const QStringList changed =
        changeRecipients(id, u"released"_s, [now](QueueRecipient &recipient) {
            if (recipient.state != RecipientState::Held)
                return false;
            recipient.state = RecipientState::Pending;
            recipient.nextAttemptMs = now;
            return true;
        });
    dispatch();
    return changed;
}

QStringList DeliveryQueue::bounce(const QString &id) {
    const qint64 now = m_services.clock->nowMs();
    const QStringList changed =
        changeRecipients(id, u"bounced"_s, [now](QueueRecipient &recipient) {
            recipient.state = RecipientState::Failed;
            recipient.lastAnswer = "5.0.0 returned to the sender by the administrator";
            recipient.lastStatus = "5.0.0";
            recipient.lastHost.clear();
            recipient.lastAttemptMs = now;
            return true;
        });
    for (const QString &messageId : changed)
        finishMessage(messageId);
    dispatch(); // the bounces
    return changed;
}

QStringList DeliveryQueue::remove(const QString &id) {
    QStringList removed;
    const QList<QueuedMessage> snapshot = m_messages;
    for (const QueuedMessage &message : snapshot) {
        if (message.id != id)
            continue;
        QString error;
        if (!m_store.remove(message.id, &error)) {
            qCWarning(lcQueue).noquote() << message.id << "cannot be deleted:" << error;
            continue;
        }
        m_messages.removeIf([&](const QueuedMessage &m) { return m.id == message.id; });
        qCInfo(lcQueue).noquote() << message.id << "deleted by the administrator";
        removed.append(message.id);
        notify(message.id, u"removed"_s);
    }
    return removed;
}

void DeliveryQueue::notify(const QString &id, const QString &change, const QJsonObject &extra) {
    QJsonObject params = extra;
    params.insert(u"id"_s, id);
    params.insert(u"change"_s, change);
    if (m_services.events)
        m_services.events->publish(QString::fromUtf16(queueEventName), params);
    Q_EMIT changed(id, change);
}

QJsonObject DeliveryQueue::countersJson() const {
    qint64 byState[5] = {};
    for (const QueuedMessage &message : m_messages) {
        for (const QueueRecipient &recipient : message.recipients)
            ++byState[int(recipient.state)];
    }
    return QJsonObject{
        {u"messages"_s, qint64(m_messages.size())},
        {u"pending"_s, byState[int(RecipientState::Pending)]},
        {u"deferred"_s, byState[int(RecipientState::Deferred)]},
        {u"held"_s, byState[int(RecipientState::Held)]},
        {u"active_attempts"_s, qint64(m_attempts.size())},
        {u"enqueued_total"_s, m_counters.enqueued},
        {u"delivered_total"_s, m_counters.delivered},
        {u"deferred_total"_s, m_counters.deferred},
        {u"failed_total"_s, m_counters.failed},
        {u"bounces_total"_s, m_counters.bounces},
        {u"attempts_total"_s, m_counters.attempts},
        {u"signed_total"_s, m_counters.signedMessages},
        {u"delay_notices_total"_s, m_counters.delayNotices},
    };
}

} // namespace mailstead::queue
