// SystemdNotifier.cpp - readiness, reload and watchdog for systemd Type=notify
#include "SystemdNotifier.h"

#include <ctime>
#include <QTimer>
#include <systemd/sd-daemon.h>

namespace mailstead::runtime {

namespace {

QByteArray statusLine(const QString &status) {
    QByteArray text = status.toUtf8();
    text.replace('\n', ' ');
    return "STATUS=" + text;
}

} // namespace

SystemdNotifier::SystemdNotifier(QObject *parent)
    : QObject(parent) {}

void SystemdNotifier::notify(const QByteArray &state) {
    // 0 = keep $NOTIFY_SOCKET for later calls; a missing socket is not an error.
    ::sd_notify(0, state.constData());
}

void SystemdNotifier::ready(const QString &status) {
    notify("READY=1\n" + statusLine(status));
    if (m_watchdog)
        return;
    uint64_t intervalUsec = 0;
    if (::sd_watchdog_enabled(0, &intervalUsec) <= 0 || intervalUsec == 0)
        return;
    m_watchdog = new QTimer(this);
    m_watchdog->setInterval(int(qMax<uint64_t>(intervalUsec / 2000, 1)));
    connect(m_watchdog, &QTimer::timeout, this, [this] { notify("WATCHDOG=1"); });
    m_watchdog->start();
    notify("WATCHDOG=1");
}

void SystemdNotifier::reloading() {
    // MONOTONIC_USEC lets systemd >= 253 (Type=notify-reload) match the
    // reload to this message; older versions ignore it.
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const quint64 usec = quint64(now.tv_sec) * 1000000u + quint64(now.tv_nsec) / 1000u;
    notify("RELOADING=1\nMONOTONIC_USEC=" + QByteArray::number(usec));
}

void SystemdNotifier::stopping() {
    notify("STOPPING=1");
}

void SystemdNotifier::setStatus(const QString &status) {
    notify(statusLine(status));
}

} // namespace mailstead::runtime
