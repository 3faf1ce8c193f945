// Daemon.cpp - mailsteadd's lifecycle: start, reload, stop
#include "Daemon.h"

#include "admin/AdminServer.h"
#include "core/ConfigStore.h"
#include "core/EventBus.h"
#include "core/Log.h"
#include "net/ListenerSet.h"
#include "SignalHandler.h"
#include "SystemdNotifier.h"
#include "Version.h"

#include <cerrno>
#include <cstring>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace mailstead::runtime {

namespace {

constexpr mode_t dataDirMode = 0750;

bool ensureDataDir(const QString &path, QString *error) {
    const QFileInfo info(path);
    if (info.isDir())
        return true;
    if (info.exists()) {
        *error = u"data_dir "_s + path + u" exists but is not a directory"_s;
        return false;
    }
    const QString parent = info.absolutePath();
    if (!QDir().mkpath(parent)) {
        *error = u"cannot create "_s + parent + u" (parent of data_dir)"_s;
        return false;
    }
    const QByteArray nativePath = QFile::encodeName(path);
    if (::mkdir(nativePath.constData(), dataDirMode) != 0 && errno != EEXIST) {
        *error = u"cannot create data directory "_s + path + u": "_s +
                 QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    // mkdir(2) is subject to the umask; the mode is part of the contract.
    ::chmod(nativePath.constData(), dataDirMode);
    return true;
}

} // namespace

Daemon::Daemon(const ConfigChoice &choice, QObject *parent)
    : QObject(parent)
    , m_choice(choice)
    , m_events(new core::EventBus(this))
    , m_listeners(new net::ListenerSet(this))
    , m_signals(new SignalHandler(this))
    , m_notifier(new SystemdNotifier(this)) {
    connect(m_signals, &SignalHandler::terminateRequested, this, [this](int signalNumber) {
        qCInfo(core::lcRuntime).noquote()
            << "received" << QString::fromLocal8Bit(::strsignal(signalNumber));
        stop();
    });
    connect(m_signals, &SignalHandler::reloadRequested, this, [this] { reload(); });
}

Daemon::~Daemon() {
    shutDown();
}

bool Daemon::start(QString *error) {
    const core::LoadedConfig loaded = m_choice.load();
    if (!loaded.ok()) {
        QStringList lines;
        for (const core::ConfigIssue &issue : loaded.issues)
            lines << u"config: "_s + issue.toString();
        *error = lines.join(u'\n');
        return false;
    }
    m_config = loaded.config;
    core::Log::install(m_config.logLevel);
    qCInfo(core::lcRuntime).noquote() << "starting mailsteadd" << QString::fromLatin1(versionString)
                                      << "with" << m_choice.describe();

    m_started = QDateTime::currentDateTimeUtc();
    m_uptime.start();
    if (!m_signals->install(error) || !startServices(error)) {
        shutDown();
        return false;
    }
    m_running = true;
    announceReady();
    return true;
}

bool Daemon::startServices(QString *error) {
    if (!ensureDataDir(m_config.dataDir, error) || !m_lock.acquire(m_config.dataDir, error))
        return false;

    const QString databasePath = m_config.dataDir + u"/config.db"_s;
    m_store = std::make_unique<core::ConfigStore>(databasePath);
    if (!m_store->isOpen()) {
        *error = u"cannot open "_s + databasePath + u": "_s + m_store->error();
        return false;
    }
    core::Log::setEventBus(m_events);

    if (!m_listeners->apply(m_config, error))
        return false;

    admin::AdminContext context;
    context.store = m_store.get();
    context.events = m_events;
    context.status = [this] { return status(); };
    m_admin = new admin::AdminServer(context, this);
    m_admin->setAdminGroup(m_config.adminGroup);
    QString adminError;
    if (!m_admin->listen(m_config.adminSocket, &adminError)) {
        // AdminServer's messages usually name the path already.
        *error = adminError.contains(m_config.adminSocket)
                     ? adminError
                     : u"admin socket "_s + m_config.adminSocket + u": "_s + adminError;
        return false;
    }
    return true;
}

void Daemon::announceReady() {
    const QList<net::ListenerInfo> listeners = m_listeners->listeners();
    for (const net::ListenerInfo &listener : listeners)
        printOutputLine(u"mailsteadd: listening "_s + listener.toString());
    printOutputLine(u"mailsteadd: admin socket "_s + m_admin->socketPath());
    printOutputLine(u"mailsteadd: ready"_s);

    const QString summary = u"ready: "_s + QString::number(listeners.size()) +
                            u" listeners, admin socket "_s + m_admin->socketPath();
    qCInfo(core::lcRuntime).noquote() << summary;
    m_notifier->ready(summary);
}

void Daemon::shutDown() {
    core::Log::setEventBus(nullptr);
    m_listeners->close();
    if (m_admin) {
        m_admin->close();
        delete m_admin;
        m_admin = nullptr;
    }
    m_store.reset();
    m_lock.release();
}

void Daemon::stop() {
    if (!m_running)
        return;
    m_running = false;
    qCInfo(core::lcRuntime) << "stopping";
    m_notifier->stopping();
    shutDown();
    QCoreApplication::exit(0);
}

void Daemon::reload() {
    if (!m_running)
        return;
    m_notifier->reloading();
    qCInfo(core::lcRuntime) << "reloading (SIGHUP)";

    if (m_choice.source != ConfigSource::File) {
        // Certificates will be re-read here once TLS exists.
        qCInfo(core::lcRuntime).noquote()
            << "running on" << m_choice.describe() << "- no config file to reload";
        setHealth(m_health, u"reloaded (no config file)"_s);
        m_notifier->ready(u"reloaded"_s);
        return;
    }

    const core::LoadedConfig loaded = m_choice.load();
    if (!loaded.ok()) {
        for (const core::ConfigIssue &issue : loaded.issues)
            qCWarning(core::lcRuntime).noquote() << "config:" << issue.toString();
        const QString message = m_choice.path + u" has "_s + QString::number(loaded.issues.size()) +
                                u" issue(s); keeping the running configuration"_s;
        qCWarning(core::lcRuntime).noquote() << message;
        setHealth(u"warning"_s, message);
        m_notifier->ready(message);
        return;
    }

    core::DaemonConfig next = loaded.config;
    if (next.dataDir != m_config.dataDir) {
        qCWarning(core::lcRuntime).noquote()
            << "data_dir changed to" << next.dataDir << "- restart mailsteadd to use it";
        next.dataDir = m_config.dataDir;
    }
    if (next.adminSocket != m_config.adminSocket) {
        qCWarning(core::lcRuntime).noquote()
            << "admin socket changed to" << next.adminSocket << "- restart mailsteadd to use it";
        next.adminSocket = m_config.adminSocket;
    }
    core::Log::setLevel(next.logLevel);
    m_admin->setAdminGroup(next.adminGroup);

    QString health = u"ok"_s;
    QString message = u"configuration reloaded"_s;
    QString listenError;
    if (!m_listeners->apply(next, &listenError)) {
        for (int i = 0; i < core::serviceCount; ++i)
            next.listen[i] = m_config.listen[i];
        next.hostname = m_config.hostname;
        health = u"warning"_s;
        message = listenError + u"; keeping the previous listeners"_s;
        qCWarning(core::lcRuntime).noquote() << message;
    }
    m_config = next;
    qCInfo(core::lcRuntime).noquote() << message;
    setHealth(health, message);
    m_notifier->ready(message);
}

void Daemon::setHealth(const QString &health, const QString &message) {
    m_health = health;
    m_healthMessage = message;
    m_events->publish(u"event.health"_s,
                      QJsonObject{{u"health"_s, health}, {u"message"_s, message}});
}

QJsonObject Daemon::status() const {
    QJsonObject counts;
    if (m_store) {
        const core::StoreCounts storeCounts = m_store->counts();
        counts = QJsonObject{
            {u"domains"_s, storeCounts.domains},
            {u"alias_domains"_s, storeCounts.aliasDomains},
            {u"mailboxes"_s, storeCounts.mailboxes},
            {u"aliases"_s, storeCounts.aliases},
        };
    }
    return QJsonObject{
        {u"version"_s, QString::fromLatin1(versionString)},
        {u"pid"_s, QCoreApplication::applicationPid()},
        {u"hostname"_s, m_config.hostname},
        {u"local_mode"_s, m_config.localMode},
        {u"config_file"_s, m_config.configFile},
        {u"data_dir"_s, m_config.dataDir},
        {u"socket"_s, m_admin ? m_admin->socketPath() : m_config.adminSocket},
        {u"started"_s, m_started.toString(Qt::ISODate)},
        {u"uptime_seconds"_s, m_uptime.isValid() ? m_uptime.elapsed() / 1000 : 0},
        {u"health"_s, m_health},
        {u"listeners"_s, m_listeners->statusJson()},
        {u"counts"_s, counts},
    };
}

} // namespace mailstead::runtime
