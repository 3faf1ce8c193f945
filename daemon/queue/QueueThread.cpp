// QueueThread.cpp - the queue's thread and services
//
// DESIGN.md "Threads"; see QueueThread.h.
#include "QueueThread.h"

#include "DeliveryQueue.h"
#include "dkim/DkimSignerTable.h"
#include "dns/DnsResolver.h"
#include "DnsMxRouter.h"
#include "LocalDelivery.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

QueueThread::QueueThread()
    : m_signers(std::make_unique<dkim::DkimSignerTable>()) {}

QueueThread::~QueueThread() {
    tearDown();
}

bool QueueThread::start(const QueueEnvironment &environment, const QueueSettings &settings,
                        dns::DnsResolver *resolver, QString *error) {
    m_thread = new QThread;
    m_thread->setObjectName(u"queue"_s);
    m_local = std::make_unique<StoreLocalDelivery>(environment.messages, environment.directory,
                                                   environment.recipientDelimiter);
    m_clock = std::make_unique<SystemQueueClock>();
    // The queue (its timers and sockets) is created in the thread it lives
    // in; the resolver answers there because the router asks with a context
    // object of this thread.
    m_anchor = new QObject;
    m_anchor->moveToThread(m_thread);
    m_thread->start();
    bool opened = false;
    QMetaObject::invokeMethod(
        m_anchor,
        [&] {
            m_router = std::make_unique<DnsMxRouter>(resolver);
            QueueServices services;
            services.router = m_router.get();
            services.local = m_local.get();
            services.clock = m_clock.get();
            services.events = environment.events;
            services.signers = m_signers.get();
            m_queue = new DeliveryQueue(services, settings);
            opened = m_queue->open(environment.dataDir, error);
        },
        Qt::BlockingQueuedConnection);
    if (!opened) {
        tearDown();
        return false;
    }
    return true;
}

void QueueThread::stop() {
    if (m_queue)
        m_queue->run([this] { m_queue->close(); });
}

void QueueThread::tearDown() {
    if (!m_thread)
        return;
    DeliveryQueue *queue = m_queue;
    QObject *anchor = m_anchor;
    // Destroyed in their own thread, before it ends.
    QMetaObject::invokeMethod(
        anchor,
        [queue, anchor] {
            if (queue)
                queue->close();
            delete queue;
            delete anchor;
        },
        Qt::BlockingQueuedConnection);
    m_anchor = nullptr;
    m_queue = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_router.reset();
    m_local.reset();
    m_clock.reset();
}

void QueueThread::setSettings(const QueueSettings &settings) {
    if (m_queue)
        m_queue->run([this, settings] { m_queue->setSettings(settings); });
}

QJsonObject QueueThread::countersJson() const {
    QJsonObject counters;
    if (m_queue)
        m_queue->run([&] { counters = m_queue->countersJson(); });
    return counters;
}

} // namespace mailstead::queue
