// IoThreadPool.cpp - see IoThreadPool.h
#include "IoThreadPool.h"

#include <QObject>
#include <QThread>

using namespace Qt::StringLiterals;

namespace mailstead::net {

IoThreadPool::IoThreadPool(int threads, const QString &name) {
    const int count = qMax(1, threads);
    for (int i = 0; i < count; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(name + u'-' + QString::number(i + 1));
        auto *anchor = new QObject;
        anchor->setObjectName(thread->objectName() + u"-anchor"_s);
        anchor->moveToThread(thread);
        // Emitted in the thread itself; the deferred delete runs before the
        // thread ends and takes every session parented to the anchor along.
        QObject::connect(thread, &QThread::finished, anchor, &QObject::deleteLater);
        thread->start();
        m_threads.append(thread);
        m_anchors.append(anchor);
    }
}

IoThreadPool::~IoThreadPool() {
    stop();
}

QObject *IoThreadPool::nextAnchor() {
    if (m_anchors.isEmpty())
        return nullptr;
    const quint32 index = m_next.fetch_add(1, std::memory_order_relaxed);
    return m_anchors.at(qsizetype(index % quint32(m_anchors.size())));
}

void IoThreadPool::stop() {
    const QList<QThread *> threads = std::exchange(m_threads, {});
    m_anchors.clear();
    for (QThread *thread : threads)
        thread->quit();
    for (QThread *thread : threads) {
        thread->wait();
        delete thread;
    }
}

} // namespace mailstead::net
