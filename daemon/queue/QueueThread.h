// QueueThread.h - the outbound queue as the daemon runs it: its own thread
// with the DeliveryQueue, MX lookups through the daemon's resolver (it
// answers in the queue's thread), local delivery into the store and the
// system clock
//
// DESIGN.md "Threads": no blocking call on an I/O thread. The queue's
// fsyncs and SQLite commits, its timers and its SMTP client sessions run in
// this thread; SMTP sessions hand messages over with enqueue() and the
// admin methods reach it through DeliveryQueue::run().
// stop() ends the attempts in progress (their recipients are due again at
// the next start: at least once) and closes queue.db; the destructor ends
// the thread.
//
// SECURITY: see DeliveryQueue.h; this file only wires it.
#pragma once

#include "QueueLimits.h"

#include <memory>
#include <QJsonObject>
#include <QStringList>

class QObject;
class QThread;

namespace mailstead::core {
class EventBus;
class RecipientDirectory;
} // namespace mailstead::core

namespace mailstead::store {
class MessageStore;
}

namespace mailstead::dns {
class DnsResolver;
} // namespace mailstead::dns

namespace mailstead::dkim {
class DkimSignerTable;
}

namespace mailstead::queue {

class DeliveryQueue;
class DnsMxRouter;
class StoreLocalDelivery;
class SystemQueueClock;

struct QueueEnvironment {
    QString dataDir;
    store::MessageStore *messages = nullptr;
    core::RecipientDirectory *directory = nullptr;
    QString recipientDelimiter;
    core::EventBus *events = nullptr;
};

class QueueThread {
public:
    QueueThread();
    ~QueueThread();
    QueueThread(const QueueThread &) = delete;
    QueueThread &operator=(const QueueThread &) = delete;

    // resolver: not owned; must outlive this object (or its stop()).
    bool start(const QueueEnvironment &environment, const QueueSettings &settings,
               dns::DnsResolver *resolver, QString *error);
    // Closes the queue: attempts end, enqueue() answers "not open". The
    // queue object stays until destruction, so SMTP sessions still holding
    // its pointer are safe.
    void stop();
    void setSettings(const QueueSettings &settings);

    DeliveryQueue *queue() const { return m_queue; }
    // The DKIM signers the queue signs with; the owner of the keys replaces
    // them at start and after every key change (any thread).
    dkim::DkimSignerTable *signers() const { return m_signers.get(); }
    // The system.status "counters.queue" object; {} when not running.
    QJsonObject countersJson() const;

private:
    void tearDown();

    QThread *m_thread = nullptr;
    QObject *m_anchor = nullptr; // lives in m_thread: runs the set-up and tear-down
    DeliveryQueue *m_queue = nullptr;
    std::unique_ptr<DnsMxRouter> m_router;
    std::unique_ptr<StoreLocalDelivery> m_local;
    std::unique_ptr<SystemQueueClock> m_clock;
    std::unique_ptr<dkim::DkimSignerTable> m_signers;
};

} // namespace mailstead::queue
