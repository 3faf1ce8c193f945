// QuitSignalWatcher.h - quit the app cleanly on SIGINT, SIGTERM and SIGHUP
//
// Ctrl-C in a terminal or a session manager's SIGTERM would otherwise end the
// app without running QCoreApplication::aboutToQuit, so a child daemon would
// lose its log pipe in the middle of shutting down. The handler only writes
// one byte to a socket pair (async-signal-safe); the event loop reads it and
// calls QCoreApplication::quit().
#pragma once

#include <QObject>

class QSocketNotifier;

namespace mailstead::app {

class QuitSignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit QuitSignalWatcher(QObject *parent = nullptr);
    ~QuitSignalWatcher() override;

    bool isActive() const { return m_notifier != nullptr; }

private:
    void onSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace mailstead::app
