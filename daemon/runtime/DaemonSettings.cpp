// DaemonSettings.cpp - what the Daemon hands each service from the
// configuration: per-protocol settings and limits (applied at start and on
// SIGHUP), the certificate names and ACME settings, the DNS facts
#include "admin/AdminServer.h"
#include "core/ConfigStore.h"
#include "core/EventBus.h"
#include "core/Log.h"
#include "core/MailAuthenticator.h"
#include "core/RecipientDirectory.h"
#include "Daemon.h"
#include "dkim/DkimKeyStore.h"
#include "dns/DnsResolver.h"
#include "http/HttpServer.h"
#include "http/MtaStsPolicy.h"
#include "imap/ImapServer.h"
#include "net/IoThreadPool.h"
#include "net/ListenerSet.h"
#include "pop3/Pop3Server.h"
#include "queue/DeliveryQueue.h"
#include "smtp/SmtpServer.h"
#include "store/MessageStore.h"
#include "tls/AcmeChallengeTable.h"
#include "tls/CertificateIssuer.h"
#include "tls/CertificateStore.h"

using namespace Qt::StringLiterals;

namespace mailstead::runtime {

namespace {

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

dns::DnsServerFacts Daemon::dnsFacts() const {
    dns::DnsServerFacts facts;
    facts.hostname = m_config.hostname;
    for (const QString &address : m_config.dns.publicAddresses)
        facts.publicAddresses << QHostAddress(address);
    for (const core::ListenAddress &address : m_config.listenFor(core::Service::Smtp))
        facts.smtpListenHosts << address.host;
    facts.submission = !m_config.listenFor(core::Service::Submission).isEmpty();
    facts.submissions = !m_config.listenFor(core::Service::Submissions).isEmpty();
    facts.imaps = !m_config.listenFor(core::Service::Imaps).isEmpty();
    facts.pop3s = !m_config.listenFor(core::Service::Pop3s).isEmpty();
    // The policy the https listener serves (HttpEndpoints.cpp), so the
    // _mta-sts id changes exactly when it does.
    facts.mtaStsPolicy = http::mtaStsPolicyText(m_config.http.mtaStsMode, {m_config.hostname},
                                                m_config.http.mtaStsMaxAgeSeconds);
    return facts;
}

QStringList Daemon::certificateNames() const {
    QStringList names{m_config.hostname};
    if (!m_store)
        return names;
    const QList<core::Domain> domains = m_store->domains();
    for (const core::Domain &domain : domains) {
        for (const QString &prefix : {u"autoconfig."_s, u"autodiscover."_s, u"mta-sts."_s})
            names.append(prefix + domain.name);
    }
    names.removeDuplicates();
    return names;
}

// What cert.request stored in config.db wins over the INI [acme] defaults.
tls::AcmeSettings Daemon::acmeSettings() const {
    tls::AcmeSettings settings{m_config.acmeDirectory, m_config.acmeEmail, m_config.acmeCaFile};
    if (m_store) {
        if (const auto email = m_store->setting(tls::acmeEmailSetting.toString()))
            settings.email = *email;
        if (const auto directory = m_store->setting(tls::acmeDirectorySetting.toString()))
            settings.directoryUrl = *directory;
    }
    return settings;
}

void Daemon::checkCertificates() {
    loadCertificates();
    if (m_issuer) {
        m_issuer->setSettings(acmeSettings());
        m_issuer->checkRenewal(QDateTime::currentDateTimeUtc());
    }
    const tls::CertificateInfo info = m_certificates->info();
    const qint64 daysLeft = QDateTime::currentDateTimeUtc().daysTo(info.notAfter);
    if (!info.selfSigned && daysLeft < certificateWarningDays)
        setHealth(u"warning"_s,
                  u"the TLS certificate (%1) expires in %2 days, on %3"_s.arg(
                      info.source, QString::number(daysLeft), info.notAfter.toString(Qt::ISODate)));
    const QList<tls::CertificateInfo> domains = m_certificates->domainInfos();
    for (const tls::CertificateInfo &domain : domains) {
        const qint64 left = QDateTime::currentDateTimeUtc().daysTo(domain.notAfter);
        if (left < certificateWarningDays)
            setHealth(u"warning"_s, u"the TLS certificate of %1 expires in %2 days, on %3"_s.arg(
                                        domain.domain, QString::number(left),
                                        domain.notAfter.toString(Qt::ISODate)));
    }
}

void Daemon::loadCertificates() {
    QString error;
    const bool loaded = m_certificates->load(certificateNames(), &error);
    if (!loaded)
        qCWarning(core::lcRuntime).noquote()
            << "no TLS certificate" << (m_tlsReady ? "update" : "- STARTTLS is off:") << error;
    m_tlsReady = m_tlsReady || loaded;
}

queue::QueueSettings Daemon::queueSettings() const {
    queue::QueueSettings settings;
    settings.hostname = m_config.hostname;
    settings.remotePort = m_config.queueRemotePort;
    const core::QueueConfig &config = m_config.queue;
    settings.maxAge = std::chrono::seconds(config.maxAgeSeconds);
    settings.retryBase = std::chrono::seconds(config.retryBaseSeconds);
    settings.retryMax = std::chrono::seconds(config.retryMaxSeconds);
    settings.maxConcurrency = config.maxConcurrency;
    settings.maxConcurrencyPerDomain = config.maxDomainConcurrency;
    settings.delayWarning = std::chrono::seconds(config.delayWarningSeconds);
    settings.smarthost.host = config.smarthostHost;
    settings.smarthost.implicitTls = config.smarthostImplicitTls;
    settings.smarthost.port =
        quint16(config.smarthostPort > 0 ? config.smarthostPort
                                         : (config.smarthostImplicitTls ? 465 : 587));
    settings.smarthost.user = config.smarthostUser;
    settings.smarthost.password = config.smarthostPassword;
    settings.smarthost.caFile = config.smarthostCaFile;
    settings.smarthost.senderDomains = config.smarthostDomains;
    return settings;
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
    const core::SubmissionConfig &submission = m_config.submission;
    settings.submission.maxAuthFailures = submission.maxAuthFailures;
    settings.submission.rates = {
        submission.mailboxMessagesPerHour, submission.mailboxRecipientsPerDay,
        submission.domainMessagesPerHour, submission.domainRecipientsPerDay};
    return settings;
}

void Daemon::applySmtpConfig() {
    if (!m_smtp)
        return;
    m_smtp->setSettings(smtpSettings());
    // [smtp] connection limits count per listener: smtp, submission and
    // submissions each allow that many.
    const net::ConnectionLimits limits{m_config.smtp.maxConnectionsPerIp,
                                       m_config.smtp.maxConnections};
    m_listeners->setServiceLimits(core::Service::Smtp, limits);
    m_listeners->setServiceLimits(core::Service::Submission, limits);
    m_listeners->setServiceLimits(core::Service::Submissions, limits);
}

pop3::Pop3Settings Daemon::pop3Settings() const {
    const core::Pop3Config &config = m_config.pop3;
    pop3::Pop3Settings settings;
    settings.hostname = m_config.hostname;
    settings.limits.idleTimeout = std::chrono::seconds(config.idleTimeoutSeconds);
    settings.limits.maxConnections = config.maxConnections;
    settings.limits.maxConnectionsPerIp = config.maxConnectionsPerIp;
    settings.limits.maxConnectionsPerUser = config.maxConnectionsPerUser;
    settings.allowPlaintextLoopback = config.allowPlaintextLoopback;
    return settings;
}

void Daemon::applyPop3Config() {
    if (!m_pop3)
        return;
    m_pop3->setSettings(pop3Settings());
    const net::ConnectionLimits limits{m_config.pop3.maxConnectionsPerIp,
                                       m_config.pop3.maxConnections};
    m_listeners->setServiceLimits(core::Service::Pop3, limits);
    m_listeners->setServiceLimits(core::Service::Pop3s, limits);
}

imap::ImapSettings Daemon::imapSettings() const {
    const core::ImapConfig &config = m_config.imap;
    imap::ImapSettings settings;
    settings.hostname = m_config.hostname;
    settings.limits.idleTimeout = std::chrono::seconds(config.idleTimeoutSeconds);
    settings.limits.maxLiteralSize = config.appendLimit;
    settings.limits.maxConnections = config.maxConnections;
    settings.limits.maxConnectionsPerIp = config.maxConnectionsPerIp;
    settings.limits.maxConnectionsPerUser = config.maxConnectionsPerUser;
    settings.allowPlaintextLoopback = config.allowPlaintextLoopback;
    return settings;
}

void Daemon::applyImapConfig() {
    if (!m_imap)
        return;
    m_imap->setSettings(imapSettings());
    // Counted per listener kind: imap and imaps each allow this many.
    const net::ConnectionLimits limits{m_config.imap.maxConnectionsPerIp,
                                       m_config.imap.maxConnections};
    m_listeners->setServiceLimits(core::Service::Imap, limits);
    m_listeners->setServiceLimits(core::Service::Imaps, limits);
}

http::HttpSettings Daemon::httpSettings() const {
    http::HttpSettings settings;
    settings.client = http::announcedClientSettings(m_config.hostname, m_listeners->listeners());
    if (m_store) {
        const QList<core::Domain> domains = m_store->domains();
        for (const core::Domain &domain : domains) {
            if (!domain.active)
                continue;
            settings.mailDomains << domain.name;
            settings.mtaStsDomains << domain.name;
        }
        const QList<core::AliasDomain> aliasDomains = m_store->aliasDomains();
        for (const core::AliasDomain &alias : aliasDomains) {
            if (alias.active)
                settings.mtaStsDomains << alias.name;
        }
    }
    settings.mtaStsMode = m_config.http.mtaStsMode;
    settings.mtaStsMaxAgeSeconds = m_config.http.mtaStsMaxAgeSeconds;
    settings.requestTimeout = std::chrono::seconds(m_config.http.requestTimeoutSeconds);
    return settings;
}

void Daemon::applyHttpConfig() {
    if (!m_http)
        return;
    m_http->setSettings(httpSettings());
    const net::ConnectionLimits limits{m_config.http.maxConnectionsPerIp,
                                       m_config.http.maxConnections};
    m_listeners->setServiceLimits(core::Service::Http, limits);
    m_listeners->setServiceLimits(core::Service::Https, limits);
}

} // namespace mailstead::runtime
