// QuitSignalWatcher.cpp - SIGINT/SIGTERM/SIGHUP -> QCoreApplication::quit()
#include "QuitSignalWatcher.h"

#include <csignal>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <sys/socket.h>
#include <unistd.h>

namespace mailstead::app {

namespace {

int signalFds[2] = {-1, -1}; // [0] written by the handler, [1] read by the event loop
constexpr int watchedSignals[] = {SIGINT, SIGTERM, SIGHUP};

void handleSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalFds[0], &byte, 1);
}

} // namespace

QuitSignalWatcher::QuitSignalWatcher(QObject *parent)
    : QObject(parent) {
    if (signalFds[0] >= 0) // one watcher per process
        return;
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, signalFds) != 0)
        return;
    m_notifier = new QSocketNotifier(signalFds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitSignalWatcher::onSignal);

    struct sigaction action {};
    action.sa_handler = handleSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signalNumber : watchedSignals)
        ::sigaction(signalNumber, &action, nullptr);
}

QuitSignalWatcher::~QuitSignalWatcher() {
    if (!m_notifier)
        return;
    struct sigaction action {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    for (const int signalNumber : watchedSignals)
        ::sigaction(signalNumber, &action, nullptr);
    ::close(signalFds[0]);
    ::close(signalFds[1]);
    signalFds[0] = signalFds[1] = -1;
}

void QuitSignalWatcher::onSignal() {
    char buffer[16];
    while (::read(signalFds[1], buffer, sizeof buffer) > 0) {
    }
    QCoreApplication::quit();
}

} // namespace mailstead::app
