// EventBus.cpp - daemon-wide events for IPC subscribers
//
// publish() from the bus's own thread emits at once; from any other thread it
// posts the emission to the bus's thread, so slots (the admin server) always
// run in the main thread.
#include "EventBus.h"

#include <QThread>

namespace mailstead::core {

EventBus::EventBus(QObject *parent)
    : QObject(parent) {}

void EventBus::publish(const QString &event, const QJsonObject &params) {
    if (QThread::currentThread() == thread()) {
        Q_EMIT published(event, params);
        return;
    }
    QMetaObject::invokeMethod(
        this, [this, event, params] { Q_EMIT published(event, params); }, Qt::QueuedConnection);
}

} // namespace mailstead::core
