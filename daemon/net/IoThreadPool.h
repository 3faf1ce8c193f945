// IoThreadPool.h - the fixed set of I/O threads that serve connections
//
// DESIGN.md "Threads": connections are spread over a small fixed set of
// I/O threads, each with its own event loop; a connection lives in one
// thread. Each thread has an anchor QObject living in it: protocol servers
// post the creation of a session to an anchor (QMetaObject::invokeMethod)
// and parent the session to it, so whatever is left at stop() is deleted in
// its own thread when the loop ends. Threads are taken round robin: sessions
// are short and similar, so that spreads them as well as counting would.
//
// SECURITY: no input; it only runs event loops.
#pragma once

#include <atomic>
#include <QList>
#include <QString>

class QObject;
class QThread;

namespace mailstead::net {

// One I/O thread per core of the small machines Mailstead targets; more
// threads only add context switches while the store's writers and the
// fsyncs do the waiting.
inline constexpr int defaultIoThreadCount = 2;

class IoThreadPool {
public:
    // Starts the threads; they are named "<name>-<n>" (visible in top -H).
    explicit IoThreadPool(int threads = defaultIoThreadCount,
                          const QString &name = QStringLiteral("io"));
    ~IoThreadPool();
    IoThreadPool(const IoThreadPool &) = delete;
    IoThreadPool &operator=(const IoThreadPool &) = delete;

    int size() const { return int(m_threads.size()); }
    bool isRunning() const { return !m_threads.isEmpty(); }

    // The anchor of the next thread (round robin). nullptr after stop().
    // Like anchors() and stop(), call it from the thread that owns the pool.
    QObject *nextAnchor();
    // Every anchor, for broadcasts (e.g. a graceful stop).
    QList<QObject *> anchors() const { return m_anchors; }

    // Quits every event loop and waits for the threads; objects parented to
    // the anchors are deleted in their own thread.
    void stop();

private:
    QList<QThread *> m_threads;
    QList<QObject *> m_anchors;
    std::atomic<quint32> m_next{0};
};

} // namespace mailstead::net
