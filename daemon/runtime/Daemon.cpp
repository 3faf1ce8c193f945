// Daemon.cpp - mailsteadd's lifecycle: start, reload, stop
#include "Daemon.h"

#include "admin/AdminServer.h"
#include "core/ConfigStore.h"
#include "core/EventBus.h"
#include "core/Log.h"
#include "core/MailAuthenticator.h"
#include "core/RecipientDirectory.h"
#include "net/IoThreadPool.h"
#include "net/ListenerSet.h"
#include "SignalHandler.h"
#include "smtp/SmtpServer.h"
#include "store/MessageStore.h"
#include "SystemdNotifier.h"
#include "tls/CertificateStore.h"
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

// Where "RCPT TO:<Postmaster>" goes (RFC 5321 section 4.1.1.3): the domain
// the hostname belongs to when it is ours ("mail.example.test" ->
// "example.test"), otherwise the first active domain by name.
QString postmasterDomain(const QList<core::Domain> &domains, const QString &hostname) {
    QString first;
    for (const core::Domain &domain : domains) {
        if (!domain.active)
            continue;
        if (hostname == domain.name || hostname.endsWith(u'.' + domain.name))
            return domain.name;
        if (first.isEmpty())
            first = domain.name;
    }
    return first;
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

    if (!startMail(error) || !m_listeners->apply(m_config, error))
        return false;

    admin::AdminContext context;
    context.store = m_store.get();
    context.events = m_events;
    context.messages = m_messages.get();
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

bool Daemon::startMail(QString *error) {
    m_messages = std::make_unique<store::MessageStore>();
    QString storeError;
    if (!m_messages->open(m_config.dataDir, &storeError)) {
        *error = u"cannot open the message store: "_s + storeError;
        return false;
    }
    m_directory = std::make_unique<core::RecipientDirectory>();
    m_directory->reload(*m_store);
    m_authenticator = std::make_unique<core::MailAuthenticator>(m_directory.get());
    connect(m_events, &core::EventBus::published, this,
            [this](const QString &event, const QJsonObject &) { onEvent(event); });

    m_certificates = new tls::CertificateStore(m_config.dataDir + u"/tls"_s, this);
    loadCertificates();

    m_ioThreads = std::make_unique<net::IoThreadPool>(net::defaultIoThreadCount, u"io"_s);
    smtp::SmtpServices services;
    services.messages = m_messages.get();
    services.directory = m_directory.get();
    services.certificates = m_tlsReady ? m_certificates : nullptr;
    services.events = m_events;
    m_smtp = new smtp::SmtpServer(services, m_ioThreads.get(), this);
    applySmtpConfig();
    m_listeners->setHandler(core::Service::Smtp, m_smtp);
    return true;
}

void Daemon::loadCertificates() {
    QString error;
    const bool loaded = m_certificates->load({m_config.hostname}, &error);
    if (!loaded)
        qCWarning(core::lcRuntime).noquote()
            << "no TLS certificate" << (m_tlsReady ? "update" : "- STARTTLS is off:") << error;
    m_tlsReady = m_tlsReady || loaded;
}

smtp::SmtpSettings Daemon::smtpSettings() const {
    const core::SmtpConfig &config = m_config.smtp;
    smtp::SmtpSettings settings;
    settings.hostname = m_config.hostname;
    settings.limits.maxMessageSize = config.maxMessageSize;
    settings.limits.maxRecipients = config.maxRecipients;
    settings.limits.maxDataLine = config.maxLineLength + 2; // + CRLF
    settings.limits.errorBudget = config.maxErrors;
    settings.limits.commandTimeout = std::chrono::seconds(config.commandTimeoutSeconds);
    settings.limits.dataTimeout = std::chrono::seconds(config.dataTimeoutSeconds);
    settings.limits.maxConnections = config.maxConnections;
    settings.limits.maxConnectionsPerIp = config.maxConnectionsPerIp;
    settings.recipientDelimiter = config.recipientDelimiter;
    settings.postmasterDomain = postmasterDomain(m_store->domains(), m_config.hostname);
    return settings;
}

void Daemon::applySmtpConfig() {
    if (!m_smtp)
        return;
    m_smtp->setSettings(smtpSettings());
    m_listeners->setServiceLimits(
        core::Service::Smtp, {m_config.smtp.maxConnectionsPerIp, m_config.smtp.maxConnections});
}

void Daemon::onEvent(const QString &event) {
    // Every change to domains, mailboxes and aliases: SMTP sessions must
    // see it at their next RCPT (RecipientDirectory is rebuilt here, in the
    // main thread, and swapped in atomically).
    if (event != u"event.config"_s || !m_directory || !m_store)
        return;
    m_directory->reload(*m_store);
    if (m_smtp)
        m_smtp->setSettings(smtpSettings()); // the postmaster domain may have changed
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
    m_listeners->setHandler(core::Service::Smtp, nullptr);
    // Every delivery already queued completes (and is answered, if its
    // session is still there) before the store closes; then the I/O threads
    // end and take their sessions along.
    if (m_messages)
        m_messages->close();
    if (m_ioThreads)
        m_ioThreads->stop();
    delete m_smtp;
    m_smtp = nullptr;
    if (m_admin) {
        m_admin->close();
        delete m_admin;
        m_admin = nullptr;
    }
    m_ioThreads.reset();
    m_messages.reset();
    m_authenticator.reset();
    m_directory.reset();
    m_store.reset();
    m_lock.release();
}

void Daemon::stop() {
    if (!m_running || m_stopping)
        return;
    m_stopping = true;
    qCInfo(core::lcRuntime) << "stopping";
    m_notifier->stopping();
    // Stop accepting first; the admin socket stays up while mail drains.
    m_listeners->close();
    if (!m_smtp) {
        finishStop();
        return;
    }
    m_smtp->shutdown(smtp::defaultShutdownGrace, [this] { finishStop(); });
}

void Daemon::finishStop() {
    m_running = false;
    shutDown();
    QCoreApplication::exit(0);
}

void Daemon::reload() {
    if (!m_running || m_stopping)
        return;
    m_notifier->reloading();
    qCInfo(core::lcRuntime) << "reloading (SIGHUP)";

    if (m_choice.source != ConfigSource::File) {
        loadCertificates();
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
    applySmtpConfig();
    loadCertificates();
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
        {u"counters"_s, QJsonObject{{u"smtp"_s, m_smtp ? m_smtp->countersJson() : QJsonObject()}}},
    };
}

} // namespace mailstead::runtime
