// SignalHandler.h - SIGTERM, SIGINT and SIGHUP as Qt signals
//
// The classic self-pipe: the C handler only writes the signal number into a
// socketpair; a QSocketNotifier reads it in the event loop, where anything
// may be done. SIGPIPE is ignored so a peer that goes away mid-write is an
// error return, not a dead daemon. One instance per process.
#pragma once

#include <QObject>
#include <QString>

class QSocketNotifier;

namespace mailstead::runtime {

class SignalHandler : public QObject {
    Q_OBJECT
public:
    explicit SignalHandler(QObject *parent = nullptr);
    ~SignalHandler() override; // restores the default dispositions

    bool install(QString *error);

Q_SIGNALS:
    void terminateRequested(int signalNumber); // SIGTERM, SIGINT
    void reloadRequested();                    // SIGHUP

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
    int m_readFd = -1;
};

} // namespace mailstead::runtime
