// DeliveryQueueRun.cpp - attempts: what is due, grouping by domain,
// concurrency, local or remote delivery, recording the outcome, bounces
//
// RFC 5321 section 4.5.4.1 (retries, concurrency per destination),
// section 6.1 (a 250 is recorded before anything else: see QueueStore.h),
// section 4.5.5 and RFC 3464 (bounces, never for a null sender), RFC 7505
// section 4.3 (null MX: 556 5.1.10), RFC 3463 (4.4.7: delivery time
// expired; 5.1.2: bad destination system; 4.4.3: routing server failure).
//
// SECURITY: see DeliveryQueue.h.
#include "DeliveryQueue.h"
#include "DeliveryQueueAttempt.h"
#include "DsnComposer.h"
#include "LocalDelivery.h"
#include "OutboundContent.h"
#include "OutboundSigning.h"
#include "QueueLog.h"
#include "RemoteDelivery.h"

#include <QDateTime>
#include <QHostInfo>
#include <QMap>
#include <QSslCertificate>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

namespace {

// The timer never sleeps longer, so a clock jump is noticed within this.
constexpr qint64 maxTimerSleepMs = 60 * 1000;

bool isAsciiText(const QString &text) {
    for (const QChar c : text) {
        if (c.unicode() > 127)
            return false;
    }
    return true;
}

} // namespace

void DeliveryQueue::cancelAttempt(Attempt &attempt) {
    attempt.cancelled = true;
    if (attempt.remote) {
        attempt.remote->abort();
        delete attempt.remote.data();
    }
}

void DeliveryQueue::wake() {
    dispatch();
}

void DeliveryQueue::dispatch() {
    if (!m_open)
        return;
    const qint64 now = m_services.clock->nowMs();
    QHash<QString, int> perDomain;
    for (const std::shared_ptr<Attempt> &attempt : std::as_const(m_attempts))
        ++perDomain[attempt->domain];

    for (const QueuedMessage &message : std::as_const(m_messages)) {
        if (m_attempts.size() >= m_settings.maxConcurrency)
            break;
        // Due recipients by domain, in the order they were given.
        QMap<QString, QList<qint64>> due;
        for (const QueueRecipient &recipient : message.recipients) {
            const bool waiting = recipient.state == RecipientState::Pending ||
                                 recipient.state == RecipientState::Deferred;
            if (waiting && recipient.nextAttemptMs <= now && !m_busy.contains(recipient.id))
                due[recipient.domain()].append(recipient.id);
        }
        for (auto it = due.cbegin(); it != due.cend(); ++it) {
            if (m_attempts.size() >= m_settings.maxConcurrency)
                break;
            if (perDomain.value(it.key()) >= m_settings.maxConcurrencyPerDomain ||
                m_attempts.contains(message.id + u'/' + it.key()))
                continue;
            ++perDomain[it.key()];
            startAttempt(message.id, it.key(), it.value().mid(0, maxRecipientsPerTransaction));
        }
    }
    scheduleTimer();
}

void DeliveryQueue::scheduleTimer() {
    qint64 next = -1;
    for (const QueuedMessage &message : std::as_const(m_messages)) {
        for (const QueueRecipient &recipient : message.recipients) {
            const bool waiting = recipient.state == RecipientState::Pending ||
                                 recipient.state == RecipientState::Deferred;
            if (waiting && !m_busy.contains(recipient.id) &&
                (next < 0 || recipient.nextAttemptMs < next))
                next = recipient.nextAttemptMs;
        }
    }
    if (next < 0) {
        m_timer->stop();
        return;
    }
    // A due recipient still waiting is held back by the concurrency
    // limits; finishing attempts dispatch again.
    const qint64 wait = next - m_services.clock->nowMs();
    if (wait <= 0 && !m_attempts.isEmpty()) {
        m_timer->stop();
        return;
    }
    m_timer->start(int(qBound<qint64>(0, wait, maxTimerSleepMs)));
}

void DeliveryQueue::startAttempt(const QString &messageId, const QString &domain,
                                 const QList<qint64> &ids) {
    const QueuedMessage *message = find(messageId);
    auto attempt = std::make_shared<Attempt>();
    attempt->key = messageId + u'/' + domain;
    attempt->messageId = messageId;
    attempt->domain = domain;
    attempt->recipientIds = ids;
    attempt->sender = message->sender;
    for (const qint64 id : ids) {
        for (const QueueRecipient &recipient : message->recipients) {
            if (recipient.id == id)
                attempt->addresses.append(recipient.address);
        }
        m_busy.insert(id);
    }
    m_attempts.insert(attempt->key, attempt);
    ++m_counters.attempts;

    QString error;
    const QByteArray bytes = m_store.readMessage(messageId, &error);
    if (!error.isEmpty()) {
        ClientSessionResult result;
        result.replies = QList<smtp::SmtpReply>(
            ids.size(), smtp::makeReply(451, "4.3.0", "queue file unreadable: " + error.toUtf8()));
        result.fromPeer = QList<bool>(ids.size(), false);
        finishAttempt(attempt, result);
        return;
    }
    attempt->message = withoutReturnPath(bytes);
    attempt->smtpUtf8 = message->smtpUtf8 || hasEightBitHeaders(attempt->message) ||
                        !isAsciiText(message->sender) ||
                        !isAsciiText(attempt->addresses.join(QString()));
    if (m_services.local && m_services.local->isLocalDomain(domain))
        deliverLocally(attempt);
    else
        deliverRemotely(attempt);
}

void DeliveryQueue::deliverLocally(const std::shared_ptr<Attempt> &attempt) {
    attempt->localReplies = QList<smtp::SmtpReply>(attempt->addresses.size());
    attempt->localWaiting = int(attempt->addresses.size());
    for (qsizetype i = 0; i < attempt->addresses.size(); ++i) {
        m_services.local->deliver(attempt->sender, attempt->addresses.at(i), attempt->message, this,
                                  [this, attempt, i](const smtp::SmtpReply &reply) {
                                      attempt->localReplies[i] = reply;
                                      if (--attempt->localWaiting > 0 || attempt->cancelled)
                                          return;
                                      ClientSessionResult result;
                                      result.replies = attempt->localReplies;
                                      result.fromPeer = QList<bool>(result.replies.size(), false);
                                      result.tls = u"local"_s;
                                      finishAttempt(attempt, result);
                                  });
    }
}

// With a smarthost for this sender, the route is the smarthost's own
// addresses (no MX lookup, RFC 5321 section 5.1 does not apply to a
// configured relay); else the recipients' domain's MX hosts.
void DeliveryQueue::routeAttempt(const std::shared_ptr<Attempt> &attempt,
                                 const std::function<void(const MxRoute &)> &done) {
    const SmarthostSettings &relay = m_settings.smarthost;
    if (!relay.appliesTo(attempt->sender)) {
        m_services.router->route(attempt->domain, this, done);
        return;
    }
    attempt->viaSmarthost = true;
    const QHostAddress literal(relay.host);
    if (!literal.isNull()) {
        MxRoute route;
        route.status = MxRoute::Status::Ok;
        route.hosts = {{relay.host, 0, {literal}}};
        QMetaObject::invokeMethod(
            this, [done, route] { done(route); }, Qt::QueuedConnection);
        return;
    }
    // The system resolver, asynchronously (Qt runs it on its own threads).
    QHostInfo::lookupHost(relay.host, this, [done, host = relay.host](const QHostInfo &info) {
        MxRoute route;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            route.status = MxRoute::Status::TempFail;
            route.error = u"smarthost "_s + host + u": "_s + info.errorString();
        } else {
            route.status = MxRoute::Status::Ok;
            route.hosts = {{host, 0, info.addresses()}};
        }
        done(route);
    });
}

SmtpClientOptions DeliveryQueue::clientOptions(bool viaSmarthost) const {
    SmtpClientOptions options;
    options.heloName = m_settings.hostname;
    options.timeouts = m_settings.timeouts;
    if (!viaSmarthost)
        return options;
    const SmarthostSettings &relay = m_settings.smarthost;
    options.requireTls = true;
    options.implicitTls = relay.implicitTls;
    options.authUser = relay.user;
    options.authPassword = relay.password;
    if (!relay.caFile.isEmpty())
        options.caCertificates = QSslCertificate::fromPath(relay.caFile);
    return options;
}

void DeliveryQueue::deliverRemotely(const std::shared_ptr<Attempt> &attempt) {
    routeAttempt(attempt, [this, attempt](const MxRoute &route) {
        if (attempt->cancelled)
            return;
        ClientSessionResult result;
        const qsizetype count = attempt->addresses.size();
        result.fromPeer = QList<bool>(count, false);
        switch (route.status) {
        case MxRoute::Status::Ok: {
            const quint16 port =
                attempt->viaSmarthost ? m_settings.smarthost.port : m_settings.remotePort;
            auto *remote = new RemoteDelivery(clientOptions(attempt->viaSmarthost), port, this);
            attempt->remote = remote;
            ClientEnvelope envelope;
            envelope.sender = attempt->sender;
            envelope.recipients = attempt->addresses;
            envelope.smtpUtf8 = attempt->smtpUtf8;
            envelope.message = attempt->message;
            remote->start(route, envelope, [this, attempt](const ClientSessionResult &done) {
                if (attempt->remote)
                    attempt->remote->deleteLater();
                if (!attempt->cancelled)
                    finishAttempt(attempt, done);
            });
            return;
        }
        case MxRoute::Status::NullMx:
            result.replies = QList<smtp::SmtpReply>(
                count, smtp::makeReply(556, "5.1.10",
                                       "the domain " + attempt->domain.toUtf8() +
                                           " accepts no mail (null MX, RFC 7505)"));
            break;
        case MxRoute::Status::NoHost:
            result.replies = QList<smtp::SmtpReply>(
                count, smtp::makeReply(550, "5.1.2",
                                       "cannot find a mail server for " + attempt->domain.toUtf8() +
                                           ": " + route.error.toUtf8()));
            break;
        case MxRoute::Status::TempFail:
            result.replies = QList<smtp::SmtpReply>(
                count, smtp::makeReply(451, "4.4.3",
                                       "DNS lookup for " + attempt->domain.toUtf8() +
                                           " failed: " + route.error.toUtf8()));
            break;
        }
        finishAttempt(attempt, result);
    });
}

void DeliveryQueue::finishAttempt(const std::shared_ptr<Attempt> &attempt,
                                  const ClientSessionResult &result) {
    m_attempts.remove(attempt->key);
    for (const qint64 id : std::as_const(attempt->recipientIds))
        m_busy.remove(id);
    QueuedMessage *message = find(attempt->messageId);
    if (!message || !m_open) {
        dispatch();
        return; // deleted meanwhile
    }
    const qint64 now = m_services.clock->nowMs();
    const bool expired = now - message->createdMs >= qint64(m_settings.maxAge.count()) * 1000;
    QList<QueueRecipient> updated;
    QList<QueueAttempt> log;
    for (qsizetype i = 0; i < attempt->recipientIds.size(); ++i) {
        QueueRecipient *recipient = nullptr;
        for (QueueRecipient &r : message->recipients) {
            if (r.id == attempt->recipientIds.at(i))
                recipient = &r;
        }
        if (!recipient || recipient->isFinal())
            continue;
        QueueRecipient next = *recipient;
        const smtp::SmtpReply reply = result.replies.value(i);
        const bool fromPeer = result.fromPeer.value(i);
        next.attempts += 1;
        next.lastAnswer = replyText(reply);
        next.lastStatus = statusForReply(reply.code, reply.enhancedStatus);
        next.lastHost = fromPeer ? result.serverName : QString();
        next.lastAttemptMs = now;
        if (reply.isPositive()) {
            next.state = RecipientState::Delivered;
        } else if (reply.isPermanentFailure()) {
            next.state = RecipientState::Failed;
        } else if (expired) {
            // RFC 3463: 4.4.7, the message stayed in the queue too long;
            // the last answer goes along as the diagnostic.
            next.state = RecipientState::Failed;
            next.lastStatus = "4.4.7";
        } else {
            next.state = next.state == RecipientState::Held ? RecipientState::Held
                                                            : RecipientState::Deferred;
            next.nextAttemptMs = now + retryDelayMs(m_settings, next.attempts, *m_services.clock);
        }
        updated.append(next);
        QueueAttempt entry;
        entry.timeMs = now;
        entry.recipient = next.address;
        entry.host = result.server;
        entry.answer = next.lastAnswer;
        entry.tls = result.tls;
        entry.outcome = next.state;
        log.append(entry);
    }
    QString error;
    // A message whose last recipients were just delivered (nothing to
    // bounce) goes in one commit: removing its rows records the 250s. Else
    // the 250 and the state "delivered" are committed together, first.
    QueuedMessage after = *message;
    for (const QueueRecipient &u : std::as_const(updated)) {
        for (QueueRecipient &r : after.recipients) {
            if (r.id == u.id)
                r = u;
        }
    }
    const bool allDelivered =
        std::all_of(after.recipients.cbegin(), after.recipients.cend(),
                    [](const QueueRecipient &r) { return r.state == RecipientState::Delivered; });
    // Delivered messages are removed in a group commit (flushRemovals): the
    // sessions that finish while this thread commits go in the next one. A
    // crash before it sends them again (at least once, as above).
    const bool recorded = allDelivered || m_store.update(message->id, updated, log, &error);
    if (allDelivered) {
        m_pendingRemovals.append(message->id);
        if (!m_removalScheduled) {
            m_removalScheduled = true;
            QMetaObject::invokeMethod(this, &DeliveryQueue::flushRemovals, Qt::QueuedConnection);
        }
    }
    if (!recorded) {
        qCWarning(lcQueue).noquote() << message->id << "attempt outcome not recorded:" << error;
        dispatch();
        return;
    }
    for (const QueueRecipient &u : std::as_const(updated)) {
        for (QueueRecipient &r : message->recipients) {
            if (r.id == u.id)
                r = u;
        }
        const char *what = u.state == RecipientState::Delivered ? "delivered"
                           : u.state == RecipientState::Failed  ? "failed"
                                                                : "deferred";
        if (u.state == RecipientState::Delivered)
            ++m_counters.delivered;
        else if (u.state == RecipientState::Failed)
            ++m_counters.failed;
        else
            ++m_counters.deferred;
        qCInfo(lcQueue).noquote() << message->id << u"to <"_s + u.address + u'>' << what << "via"
                                  << (result.server.isEmpty() ? u"-"_s : result.server) << "tls"
                                  << (result.tls.isEmpty() ? u"-"_s : result.tls) << ":"
                                  << QString::fromLatin1(u.lastAnswer);
    }
    notify(message->id, u"attempt"_s, QJsonObject{{u"domain"_s, attempt->domain}});
    if (allDelivered) {
        const QString id = message->id;
        m_messages.removeIf([&](const QueuedMessage &m) { return m.id == id; });
        notify(id, u"removed"_s);
    } else if (message->isDone()) {
        finishMessage(message->id);
    } else
        maybeQueueDelayNotice(message->id);
    dispatch();
}

void DeliveryQueue::flushRemovals() {
    m_removalScheduled = false;
    const QStringList ids = std::exchange(m_pendingRemovals, {});
    if (ids.isEmpty() || !m_open)
        return; // closed: delivered again after the restart (at least once)
    QString error;
    if (!m_store.removeMany(ids, &error))
        qCWarning(lcQueue).noquote() << ids.size() << "delivered message(s) not removed:" << error;
}

// Every recipient is final: the bounce (if one is owed) replaces the
// message in one commit, else the message goes.
void DeliveryQueue::finishMessage(const QString &messageId) {
    const QueuedMessage *message = find(messageId);
    if (!message || !message->isDone())
        return;
    bool anyFailed = false;
    for (const QueueRecipient &recipient : message->recipients)
        anyFailed = anyFailed || recipient.state == RecipientState::Failed;
    QString error;
    if (anyFailed && !message->sender.isEmpty()) {
        if (!queueBounce(*message, &error)) {
            qCWarning(lcQueue).noquote() << messageId << "bounce not queued:" << error;
            return; // retried at the next start
        }
    } else {
        if (anyFailed)
            qCInfo(lcQueue).noquote() << messageId << "failed; no bounce for the null sender";
        if (!m_store.remove(messageId, &error)) {
            qCWarning(lcQueue).noquote() << messageId << "cannot be removed:" << error;
            return;
        }
    }
    m_messages.removeIf([&](const QueuedMessage &m) { return m.id == messageId; });
    notify(messageId, u"removed"_s);
}

} // namespace mailstead::queue
