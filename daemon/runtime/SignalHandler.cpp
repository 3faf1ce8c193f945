// SignalHandler.cpp - SIGTERM, SIGINT and SIGHUP as Qt signals
#include "SignalHandler.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <QSocketNotifier>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::runtime {

namespace {

volatile sig_atomic_t s_writeFd = -1;
constexpr int handledSignals[] = {SIGTERM, SIGINT, SIGHUP};

// Async-signal-safe: write(2) only, errno preserved.
void onSignal(int signalNumber) {
    const int savedErrno = errno;
    const auto byte = static_cast<unsigned char>(signalNumber);
    if (::write(s_writeFd, &byte, 1) < 0) {
        // The pipe is full: a signal of this burst is already queued.
    }
    errno = savedErrno;
}

} // namespace

SignalHandler::SignalHandler(QObject *parent)
    : QObject(parent) {}

SignalHandler::~SignalHandler() {
    if (m_readFd < 0)
        return;
    for (int signalNumber : handledSignals)
        ::signal(signalNumber, SIG_DFL);
    ::close(s_writeFd);
    s_writeFd = -1;
    ::close(m_readFd);
}

bool SignalHandler::install(QString *error) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) != 0) {
        *error = u"cannot create the signal socket pair: "_s +
                 QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    m_readFd = fds[1];
    s_writeFd = fds[0];
    m_notifier = new QSocketNotifier(m_readFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] { onReadable(); });

    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signalNumber : handledSignals) {
        if (::sigaction(signalNumber, &action, nullptr) != 0) {
            *error = u"cannot install a signal handler: "_s +
                     QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
    }
    ::signal(SIGPIPE, SIG_IGN);
    return true;
}

void SignalHandler::onReadable() {
    unsigned char buffer[16];
    ssize_t got = 0;
    while ((got = ::read(m_readFd, buffer, sizeof buffer)) > 0) {
        for (ssize_t i = 0; i < got; ++i) {
            const int signalNumber = buffer[i];
            if (signalNumber == SIGHUP)
                Q_EMIT reloadRequested();
            else
                Q_EMIT terminateRequested(signalNumber);
        }
    }
}

} // namespace mailstead::runtime
