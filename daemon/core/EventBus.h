// EventBus.h - daemon-wide events for IPC subscribers
//
// Modules publish named events ("event.config", "event.health", "event.log");
// the admin server forwards them as JSON-RPC notifications to subscribed
// clients. Lives in the main thread; publish() is thread-safe (queued).
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace mailstead::core {

class EventBus : public QObject
{
    Q_OBJECT
public:
    explicit EventBus(QObject *parent = nullptr);

    void publish(const QString &event, const QJsonObject &params);

Q_SIGNALS:
    void published(const QString &event, const QJsonObject &params);
};

} // namespace mailstead::core
