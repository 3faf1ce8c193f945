// SessionServerState.h - what every session of one protocol server shares,
// across I/O threads: the services it uses, the current settings and the
// flag of a graceful stop
//
// Settings are replaced as a whole (setSettings, main thread, on SIGHUP)
// and read as an immutable snapshot by each new session, so a reload never
// changes the rules in the middle of a conversation. Each protocol's state
// (smtp/SmtpServerState.h, imap/ImapServerState.h, pop3/Pop3ServerState.h)
// derives from this and adds its counters and the work a graceful stop
// waits for. A template only because Services and Settings are the
// protocol's own structs; there is nothing else in it.
//
// SECURITY: no peer input. The services are what the protocol's sessions
// can reach; each protocol's state says what that is.
#pragma once

#include <atomic>
#include <memory>
#include <QMutex>
#include <QMutexLocker>

namespace mailstead::net {

template <typename ServicesType, typename SettingsType> class SessionServerState {
public:
    using Services = ServicesType;
    using Settings = SettingsType;

    explicit SessionServerState(const Services &services)
        : m_services(services)
        , m_settings(std::make_shared<const Settings>()) {}

    const Services &services() const { return m_services; }

    std::shared_ptr<const Settings> settings() const {
        QMutexLocker locker(&m_mutex);
        return m_settings;
    }

    void setSettings(const Settings &settings) {
        auto next = std::make_shared<const Settings>(settings);
        QMutexLocker locker(&m_mutex);
        m_settings = std::move(next);
    }

    // Set by a graceful stop: new sessions are turned away with the
    // protocol's "shutting down" line.
    std::atomic<bool> draining{false};

private:
    const Services m_services;
    mutable QMutex m_mutex;
    std::shared_ptr<const Settings> m_settings;
};

} // namespace mailstead::net
