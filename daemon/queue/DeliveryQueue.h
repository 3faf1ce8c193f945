// DeliveryQueue.h - the persistent outbound queue: takes messages, delivers
// them to local mailboxes or remote MX hosts with retries, bounces what
// cannot be delivered
//
// RFC 5321 section 4.5.4.1 (retry strategy: per-destination sessions,
// backoff, giving up after days), section 6.1 (a message once accepted is
// delivered or reported, never lost), section 4.5.5 and RFC 3464 (bounces
// to the envelope sender with the null reverse-path; a message with a null
// sender is never bounced), RFC 7505 (null MX: fail at once).
// Recipients of a message are grouped by domain; one attempt delivers to
// one domain's recipients in one SMTP transaction (at most
// maxRecipientsPerTransaction). At most maxConcurrency attempts run at
// once, maxConcurrencyPerDomain per domain. Durability and "none twice":
// see QueueStore.h. After a crash, the recipients of an attempt that was
// running are due again at once (at least once).
//
// Threads: the queue lives in one thread (the daemon gives it its own),
// where its database, timers and SMTP sessions live. enqueue() may be
// called from any thread; run() executes a job in the queue's thread and
// waits for it (the admin methods use it). Time and randomness come from a
// QueueClock; after moving a test clock, call wake().
//
// SECURITY: queued content and envelopes come from SMTP peers (forwarded
// through aliases) and local senders; only addresses of our own mailboxes
// are delivered locally, everything else goes to the MX hosts DNS names.
#pragma once

#include "QueueClock.h"
#include "QueueLimits.h"
#include "QueueStore.h"
#include "QueueTypes.h"

#include <functional>
#include <optional>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

class QThreadPool;
class QTimer;

namespace mailstead::core {
class EventBus;
}

namespace mailstead::dkim {
class DkimSignerTable;
}

namespace mailstead::queue {

class LocalDelivery;
class MxRouter;
class RemoteDelivery;
struct ClientSessionResult;
struct MxRoute;
struct SmtpClientOptions;

// Published on every change: {id, change, ...} (docs/ipc.md).
inline constexpr char16_t queueEventName[] = u"event.queue";

struct QueueServices {
    MxRouter *router = nullptr;
    LocalDelivery *local = nullptr; // null: every domain is remote
    QueueClock *clock = nullptr;
    core::EventBus *events = nullptr; // null: no event.queue
    // Null or empty: nothing is signed. Which messages are signed with
    // which key: OutboundSigning.h.
    const dkim::DkimSignerTable *signers = nullptr;
};

struct QueueCounters {
    qint64 enqueued = 0;
    qint64 delivered = 0; // recipients
    qint64 deferred = 0;  // temporary failures (attempts)
    qint64 failed = 0;    // recipients given up on
    qint64 bounces = 0;   // DSNs queued
    qint64 attempts = 0;
    qint64 signedMessages = 0; // DKIM signatures added at enqueue or to DSNs
    qint64 delayNotices = 0;
};

class DeliveryQueue : public QObject {
    Q_OBJECT
public:
    using EnqueueCallback = std::function<void(bool ok, const QString &idOrError)>;

    DeliveryQueue(const QueueServices &services, const QueueSettings &settings,
                  QObject *parent = nullptr);
    ~DeliveryQueue() override;

    // <dataDir>/queue; loads what was queued before and schedules it.
    bool open(const QString &dataDir, QString *error);
    // Stops every attempt in progress (their recipients stay due) and
    // closes the database. Call in the queue's thread.
    void close();
    void setSettings(const QueueSettings &settings);

    // Thread-safe. The callback runs in context's thread (directly in the
    // queue's thread when context is null) once the message is durable
    // (ok, its id) or could not be queued (false, why).
    void enqueue(QueueSubmission submission, QObject *context, EnqueueCallback done);
    // Runs job in the queue's thread and returns when it has run.
    void run(const std::function<void()> &job);
    // Re-reads the clock and starts whatever is due (queue's thread).
    void wake();

    // In the queue's thread (through run() from elsewhere):
    QList<QueuedMessage> messages() const;
    std::optional<QueuedMessage> message(const QString &id) const;
    QList<QueueAttempt> attempts(const QString &id);
    // Each returns the ids it changed; an unknown id changes nothing.
    QStringList retry(const QString &id); // empty id: every message
    QStringList hold(const QString &id);
    QStringList release(const QString &id);
    QStringList remove(const QString &id);
    QStringList bounce(const QString &id);
    int activeAttempts() const { return int(m_attempts.size()); }
    // The system.status "counters.queue" object (queue's thread).
    QJsonObject countersJson() const;

Q_SIGNALS:
    // After every change of a message's state (tests wait on it).
    void changed(const QString &id, const QString &change);

private:
    struct Attempt;

    void doEnqueue(QueueSubmission submission, QObject *context, EnqueueCallback done);
    // After signing (or without it): the message waits for the next group
    // commit (flushStores), which writes it and its rows.
    void storeSubmission(QueueSubmission submission, const EnqueueCallback &answer);
    void flushStores();
    struct StoreGroup;
    void commitStores(const std::shared_ptr<StoreGroup> &group);
    void failStores(StoreGroup &group, const QString &error);
    void flushRemovals();
    void dispatch();
    void scheduleTimer();
    void startAttempt(const QString &messageId, const QString &domain, const QList<qint64> &ids);
    void deliverLocally(const std::shared_ptr<Attempt> &attempt);
    void deliverRemotely(const std::shared_ptr<Attempt> &attempt);
    void routeAttempt(const std::shared_ptr<Attempt> &attempt,
                      const std::function<void(const MxRoute &)> &done);
    SmtpClientOptions clientOptions(bool viaSmarthost) const;
    void finishAttempt(const std::shared_ptr<Attempt> &attempt, const ClientSessionResult &result);
    void finishMessage(const QString &messageId);
    static void cancelAttempt(Attempt &attempt);
    bool queueBounce(const QueuedMessage &message, QString *error);
    // A bounce (failed recipients) or a delay notice (deferred ones).
    bool queueNotice(const QueuedMessage &message, bool delayed, QString *error);
    void maybeQueueDelayNotice(const QString &messageId);
    QStringList changeRecipients(const QString &id, const QString &change,
                                 const std::function<bool(QueueRecipient &)> &edit);
    void notify(const QString &id, const QString &change, const QJsonObject &extra = {});
    QueuedMessage *find(const QString &id);

    QueueServices m_services;
    QueueSettings m_settings;
    QueueStore m_store;
    QTimer *m_timer = nullptr;
    // DKIM signing off the queue's thread (OutboundSigning.h).
    QThreadPool *m_signingPool = nullptr;
    // Message files of a group commit, written in parallel
    // (QueueStore::writeMany), and the one thread that waits for them while
    // this thread goes on delivering.
    QThreadPool *m_filePool = nullptr;
    QThreadPool *m_writerPool = nullptr;
    QList<QueuedMessage> m_messages;                     // in arrival order
    QHash<QString, std::shared_ptr<Attempt>> m_attempts; // by "<message>/<domain>"
    QSet<qint64> m_busy;                                 // recipient ids in an attempt
    QueueCounters m_counters;
    bool m_open = false;
    struct PendingStore {
        QueuedMessage message;
        store::MessageData data;
        EnqueueCallback answer;
    };
    QList<PendingStore> m_pendingStores; // for the next group commit
    bool m_flushScheduled = false;
    struct StoreGroup {
        QList<PendingStore> pending;
        QList<QueueStore::NewMessage> batch; // points into pending
    };
    // The group whose files are being written (one at a time).
    std::shared_ptr<StoreGroup> m_writing;
    QStringList m_pendingRemovals; // delivered, for the next group commit
    bool m_removalScheduled = false;
};

} // namespace mailstead::queue
