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
#include "QueueLog.h"

#include <QJsonArray>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

DeliveryQueue::DeliveryQueue(const QueueServices &services, const QueueSettings &settings,
                             QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_settings(settings)
    , m_timer(new QTimer(this)) {
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
    m_open = false;
    m_timer->stop();
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
    auto answer = [context, done](bool ok, const QString &text) {
        if (!context) {
            done(ok, text);
            return;
        }
        QMetaObject::invokeMethod(
            context, [done, ok, text] { done(ok, text); }, Qt::QueuedConnection);
    };
    if (!m_open) {
        answer(false, u"the queue is not open"_s);
        return;
    }
    if (submission.recipients.isEmpty()) {
        answer(false, u"no recipients"_s);
        return;
    }
    QueuedMessage message;
    message.id = m_store.newId();
    message.sender = submission.sender;
    message.origin = submission.origin;
    message.smtpUtf8 = submission.smtpUtf8;
    message.createdMs = m_services.clock->nowMs();
    for (const QueueRecipientInput &input : std::as_const(submission.recipients)) {
        QueueRecipient recipient;
        recipient.address = input.address;
        recipient.originalAddress = input.originalAddress;
        recipient.state = RecipientState::Pending;
        recipient.nextAttemptMs = message.createdMs;
        message.recipients.append(recipient);
    }
    QString error;
    if (!m_store.add(&message, std::move(submission.message), &error)) {
        qCWarning(lcQueue).noquote()
            << "cannot queue a message from" << message.sender << ":" << error;
        answer(false, error);
        return;
    }
    ++m_counters.enqueued;
    m_messages.append(message);
    QStringList to;
    for (const QueueRecipient &recipient : std::as_const(message.recipients))
        to.append(recipient.address);
    qCInfo(lcQueue).noquote() << message.id << u"queued from <"_s + message.sender + u'>' << "size"
                              << message.size << "to" << to.join(u", "_s);
    notify(message.id, u"queued"_s);
    answer(true, message.id);
    dispatch();
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
    };
}

} // namespace mailstead::queue
