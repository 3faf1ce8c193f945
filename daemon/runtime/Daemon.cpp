// Daemon.cpp - mailsteadd's lifecycle: start, reload, stop
#include "Daemon.h"

#include "admin/AdminServer.h"
#include "core/ConfigStore.h"
#include "core/EventBus.h"
#include "core/Log.h"
#include "core/MailAuthenticator.h"
#include "core/RecipientDirectory.h"
#include "dkim/DkimKeyStore.h"
#include "dns/DnsResolver.h"
#include "http/HttpServer.h"
#include "http/MtaStsPolicy.h"
#include "imap/ImapServer.h"
#include "net/IoThreadPool.h"
#include "net/ListenerSet.h"
#include "OpenFileLimit.h"
#include "pop3/Pop3Server.h"
#include "queue/DeliveryQueue.h"
#include "queue/QueueThread.h"
#include "SignalHandler.h"
#include "smtp/SmtpServer.h"
#include "store/MessageStore.h"
#include "SystemdNotifier.h"
#include "tls/AcmeChallengeTable.h"
#include "tls/CertificateIssuer.h"
#include "tls/CertificateStore.h"
#include "Version.h"

#include <cerrno>
#include <cstring>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTimer>
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

dns::DnsResolverSettings dnsResolverSettings(const core::DaemonConfig &config) {
    dns::DnsResolverSettings settings;
    settings.servers = config.dnsServers;
    settings.queryTimeoutSeconds = config.dns.queryTimeoutSeconds;
    settings.maxAnswers = config.dns.maxAnswers;
    settings.maxConcurrentQueries = config.dns.maxConcurrentQueries;
    settings.trustAnchorFile = config.dns.trustAnchor;
    return settings;
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
    applyConnectionLimits();
    if (!m_signals->install(error) || !startServices(error)) {
        shutDown();
        return false;
    }
    m_running = true;
    announceReady();
    return true;
}

void Daemon::applyConnectionLimits() {
    m_listeners->setLimits({m_config.maxConnectionsPerIp, m_config.maxConnections});
    QString warning;
    const OpenFileLimit limit =
        raiseOpenFileLimit(quint64(m_config.maxConnections) + openFilesBesideConnections, &warning);
    if (!warning.isEmpty())
        qCWarning(core::lcRuntime).noquote() << warning;
    else if (limit.now != limit.before)
        qCDebug(core::lcRuntime) << "open-file limit raised from" << limit.before << "to"
                                 << limit.now;
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
    applyHttpConfig(); // announces the ports the listeners got

    admin::AdminContext context;
    context.store = m_store.get();
    context.events = m_events;
    context.messages = m_messages.get();
    m_dkimKeys = std::make_unique<dkim::DkimKeyStore>(m_config.dataDir + u"/dkim"_s, m_store.get());
    context.dkimKeys = m_dkimKeys.get();
    if (m_queue)
        m_queue->signers()->replace(m_dkimKeys->signingTable());
    context.certificates = m_certificates;
    context.certificateNames = [this] { return certificateNames(); };
    context.issuer = m_issuer;
    context.queue = m_queue ? m_queue->queue() : nullptr;
    context.status = [this] { return status(); };
    context.resolver = m_resolver;
    context.dnsFacts = [this] { return dnsFacts(); };
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
            [this](const QString &event, const QJsonObject &payload) { onEvent(event, payload); });

    m_certificates = new tls::CertificateStore(m_config.dataDir + u"/tls"_s, this);
    loadCertificates();
    m_certificateTimer = new QTimer(this);
    m_certificateTimer->setInterval(std::chrono::seconds(m_config.acmeRenewalCheckSeconds));
    connect(m_certificateTimer, &QTimer::timeout, this, &Daemon::checkCertificates);
    m_certificateTimer->start();
    // An imported certificate close to expiry is reported right after start.
    QTimer::singleShot(0, this, &Daemon::checkCertificates);

    m_ioThreads = std::make_unique<net::IoThreadPool>(net::defaultIoThreadCount, u"io"_s);
    queue::QueueEnvironment queueEnvironment;
    queueEnvironment.dataDir = m_config.dataDir;
    queueEnvironment.messages = m_messages.get();
    queueEnvironment.directory = m_directory.get();
    queueEnvironment.recipientDelimiter = m_config.smtp.recipientDelimiter;
    queueEnvironment.events = m_events;
    // One resolver for the queue's MX lookups and dns.* (answers go to the
    // thread of whoever asks).
    m_resolver = new dns::DnsResolver(dnsResolverSettings(m_config), this);
    m_queue = std::make_unique<queue::QueueThread>();
    QString queueError;
    if (!m_queue->start(queueEnvironment, queueSettings(), m_resolver, &queueError)) {
        *error = u"cannot open the outbound queue: "_s + queueError;
        return false;
    }
    scheduleQueueHealthCheck(); // messages left from before a restart count too

    smtp::SmtpServices services;
    services.queue = m_queue->queue();
    services.messages = m_messages.get();
    services.directory = m_directory.get();
    services.certificates = m_tlsReady ? m_certificates : nullptr;
    services.events = m_events;
    services.authenticator = m_authenticator.get();
    m_smtp = new smtp::SmtpServer(services, m_ioThreads.get(), this);
    applySmtpConfig();
    // One server for MX and submission: each session takes its mode from
    // the listener it came from.
    m_listeners->setHandler(core::Service::Smtp, m_smtp);
    m_listeners->setHandler(core::Service::Submission, m_smtp);
    m_listeners->setHandler(core::Service::Submissions, m_smtp);

    m_acmeChallenges = std::make_shared<tls::AcmeChallengeTable>();
    m_issuer = new tls::CertificateIssuer(
        m_certificates, m_acmeChallenges.get(), [this] { return certificateNames(); }, this);
    m_issuer->setSettings(acmeSettings());
    connect(m_issuer, &tls::CertificateIssuer::progress, this, [this](const QString &step) {
        m_events->publish(u"event.cert"_s, {{u"state"_s, u"running"_s}, {u"step"_s, step}});
    });
    connect(m_issuer, &tls::CertificateIssuer::finished, this,
            [this](bool ok, const QString &failure) {
                QJsonObject event{{u"state"_s, ok ? u"issued"_s : u"failed"_s}};
                if (!ok) {
                    event.insert(u"error"_s, failure);
                    setHealth(u"warning"_s, u"certificate request failed: "_s + failure);
                }
                m_events->publish(u"event.cert"_s, event);
            });
    m_http = new http::HttpServer({m_certificates, m_acmeChallenges}, this);
    m_listeners->setHandler(core::Service::Http, m_http);
    m_listeners->setHandler(core::Service::Https, m_http);

    pop3::Pop3Services pop3Services;
    pop3Services.messages = m_messages.get();
    pop3Services.authenticator = m_authenticator.get();
    pop3Services.certificates = m_tlsReady ? m_certificates : nullptr;
    m_pop3 = new pop3::Pop3Server(pop3Services, m_ioThreads.get(), this);
    applyPop3Config();
    m_listeners->setHandler(core::Service::Pop3, m_pop3);
    m_listeners->setHandler(core::Service::Pop3s, m_pop3);

    imap::ImapServices imapServices;
    imapServices.messages = m_messages.get();
    imapServices.authenticator = m_authenticator.get();
    imapServices.certificates = m_tlsReady ? m_certificates : nullptr;
    m_imap = new imap::ImapServer(imapServices, m_ioThreads.get(), this);
    applyImapConfig();
    m_listeners->setHandler(core::Service::Imap, m_imap);
    m_listeners->setHandler(core::Service::Imaps, m_imap);
    return true;
}

void Daemon::onEvent(const QString &event, const QJsonObject &payload) {
    if (event == QString::fromUtf16(queue::queueEventName)) {
        scheduleQueueHealthCheck();
        return;
    }
    // Every change to domains, mailboxes and aliases: SMTP sessions must
    // see it at their next RCPT (RecipientDirectory is rebuilt here, in the
    // main thread, and swapped in atomically).
    if (event != u"event.config"_s || !m_directory || !m_store)
        return;
    m_directory->reload(*m_store);
    if (m_smtp)
        m_smtp->setSettings(smtpSettings()); // the postmaster domain may have changed
    if (m_http)
        m_http->setSettings(httpSettings()); // domains served by autoconfig, MTA-STS
    // A self-signed certificate follows the domains (autoconfig. names...).
    if (payload.value(u"object"_s).toString() == u"domain"_s && m_certificates)
        loadCertificates();
    // The queue signs with the keys as they are now (a new or removed key,
    // or a domain removed with its keys).
    const QString object = payload.value(u"object"_s).toString();
    if ((object == u"dkim_key"_s || object == u"domain"_s) && m_queue && m_dkimKeys)
        m_queue->signers()->replace(m_dkimKeys->signingTable());
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
    m_listeners->setHandler(core::Service::Submission, nullptr);
    m_listeners->setHandler(core::Service::Submissions, nullptr);
    m_listeners->setHandler(core::Service::Http, nullptr);
    m_listeners->setHandler(core::Service::Https, nullptr);
    // HTTP requests are small and never touch the store: cut, not drained.
    if (m_http)
        m_http->stop();
    delete m_http;
    m_http = nullptr;
    m_listeners->setHandler(core::Service::Pop3, nullptr);
    m_listeners->setHandler(core::Service::Pop3s, nullptr);
    m_listeners->setHandler(core::Service::Imap, nullptr);
    m_listeners->setHandler(core::Service::Imaps, nullptr);
    // Every delivery already queued completes (and is answered, if its
    // session is still there) before the store closes; then the I/O threads
    // end and take their sessions along.
    // The queue first: its attempts end (and are retried at the next
    // start) before the store they may deliver bounces to closes.
    if (m_queue)
        m_queue->stop();
    if (m_messages)
        m_messages->close();
    if (m_ioThreads)
        m_ioThreads->stop();
    delete m_smtp;
    m_smtp = nullptr;
    delete m_pop3;
    m_pop3 = nullptr;
    delete m_imap;
    m_imap = nullptr;
    if (m_admin) {
        m_admin->close();
        delete m_admin;
        m_admin = nullptr;
    }
    m_ioThreads.reset();
    m_queue.reset();
    // After the queue, whose router used it; pending dns.check go with it.
    delete m_resolver;
    m_resolver = nullptr;
    m_messages.reset();
    m_authenticator.reset();
    m_directory.reset();
    m_dkimKeys.reset();
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
    // The protocol servers drain in parallel; the last one done finishes.
    auto draining = std::make_shared<int>(int(m_smtp != nullptr) + int(m_pop3 != nullptr) +
                                          int(m_imap != nullptr));
    if (*draining == 0) {
        finishStop();
        return;
    }
    const auto drained = [this, draining] {
        if (--*draining == 0)
            finishStop();
    };
    if (m_smtp)
        m_smtp->shutdown(smtp::defaultShutdownGrace, drained);
    if (m_pop3)
        m_pop3->shutdown(pop3::defaultShutdownGrace, drained);
    if (m_imap)
        m_imap->shutdown(imap::defaultShutdownGrace, drained);
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
    QString dnsError;
    if (m_resolver && !m_resolver->reconfigure(dnsResolverSettings(next), &dnsError)) {
        qCWarning(core::lcRuntime).noquote() << "[dns] not applied:" << dnsError;
        next.dnsServers = m_config.dnsServers;
        next.dns = m_config.dns;
    }

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
    applyConnectionLimits();
    applySmtpConfig();
    applyPop3Config();
    applyImapConfig();
    applyHttpConfig();
    loadCertificates();
    m_certificateTimer->setInterval(std::chrono::seconds(m_config.acmeRenewalCheckSeconds));
    qCInfo(core::lcRuntime).noquote() << message;
    setHealth(health, message);
    m_notifier->ready(message);
}

void Daemon::scheduleQueueHealthCheck() {
    // A relay burst publishes thousands of queue events a second: one
    // count per queueHealthDelay is enough, and each count is a round trip
    // to the queue thread.
    if (m_queueCheckScheduled)
        return;
    m_queueCheckScheduled = true;
    QTimer::singleShot(queueHealthDelay, this, &Daemon::checkQueueHealth);
}

void Daemon::checkQueueHealth() {
    m_queueCheckScheduled = false;
    if (!m_queue || m_stopping)
        return;
    const qint64 waiting = m_queue->countersJson().value(u"messages"_s).toInteger();
    const int limit = m_config.queue.warnMessages;
    if (limit > 0 && waiting > limit) {
        if (!m_queueWarning) {
            setHealth(u"warning"_s,
                      u"the outbound queue is growing: %1 messages waiting (warn_messages = %2)"_s
                          .arg(waiting)
                          .arg(limit));
            m_queueWarning = true;
        }
    } else if (m_queueWarning) {
        // Only the queue's own warning is lifted; another one replaced it
        // otherwise (setHealth clears m_queueWarning).
        setHealth(u"ok"_s, u"the outbound queue is down to %1 messages"_s.arg(waiting));
    }
}

void Daemon::setHealth(const QString &health, const QString &message) {
    m_queueWarning = false;
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
        {u"counters"_s,
         QJsonObject{
             {u"smtp"_s, m_smtp ? m_smtp->countersJson() : QJsonObject()},
             {u"pop3"_s, m_pop3 ? m_pop3->countersJson() : QJsonObject()},
             {u"imap"_s, m_imap ? m_imap->countersJson() : QJsonObject()},
             {u"queue"_s, m_queue ? m_queue->countersJson() : QJsonObject()},
         }},
    };
}

} // namespace mailstead::runtime
