// SmtpServerFixture.cpp - see SmtpServerFixture.h
#include "SmtpServerFixture.h"

#include "store/MailboxReader.h"

#include <QDeadlineTimer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace mailstead::smtp::test {

QByteArray message(const QByteArray &subject, const QByteArray &body) {
    return "From: sender@remote.test\r\nTo: alice@example.test\r\nSubject: " + subject +
           "\r\n\r\n" + body;
}

bool SmtpServerFixture::addMailbox(const QString &localPart, qint64 quota, bool active) {
    core::MailboxSpec spec;
    spec.address = localPart + u'@' + fixtureDomain;
    spec.passwordHash =
        u"$y$j9T$abcdefghijklmnopqrstuv$0123456789012345678901234567890123456789012"_s;
    spec.quotaBytes = quota;
    spec.active = active;
    return m_config->addMailbox(spec).ok() && m_messages->ensureMailbox(fixtureDomain, localPart);
}

bool SmtpServerFixture::addAlias(const QString &source, const QStringList &targets) {
    return m_config->addAlias({source, targets, true}).ok();
}

SmtpSettings SmtpServerFixture::settings() {
    SmtpSettings settings;
    settings.hostname = u"mx.example.test"_s;
    settings.postmasterDomain = fixtureDomain;
    return settings;
}

bool SmtpServerFixture::startServer(QString *error) {
    m_dir = std::make_unique<QTemporaryDir>();
    m_config = std::make_unique<core::ConfigStore>(m_dir->filePath(u"config.db"_s));
    m_messages = std::make_unique<store::MessageStore>();
    if (!m_dir->isValid() || !m_config->isOpen() || !m_messages->open(m_dir->path(), error))
        return false;
    const bool configured =
        m_config->addDomain({fixtureDomain, {}, 0, 0, 0, true}).ok() &&
        m_config->addDomain({u"other.example"_s, {}, 0, 0, 0, true}).ok() &&
        addMailbox(u"alice"_s) && addMailbox(u"bob"_s) && addMailbox(u"carol"_s, 4000) &&
        addMailbox(u"dave"_s, 0, false) && addMailbox(u"postmaster"_s) &&
        addAlias(u"team@example.test"_s, {u"alice@example.test"_s, u"bob@example.test"_s}) &&
        addAlias(u"forward@example.test"_s, {u"alice@example.test"_s, u"someone@remote.test"_s}) &&
        addAlias(u"@other.example"_s, {u"bob@example.test"_s});
    if (!configured) {
        *error = u"cannot set up config.db"_s;
        return false;
    }
    m_directory = std::make_unique<core::RecipientDirectory>();
    m_directory->reload(*m_config);

    m_certificates = std::make_unique<tls::CertificateStore>(m_dir->filePath(u"tls"_s));
    if (!m_certificates->load({u"mx.example.test"_s}, error))
        return false;
    m_events = std::make_unique<core::EventBus>();
    m_pool = std::make_unique<net::IoThreadPool>(2, u"test-io"_s);
    SmtpServices services;
    services.messages = m_messages.get();
    services.directory = m_directory.get();
    services.certificates = m_certificates.get();
    services.events = m_events.get();
    m_server = std::make_unique<SmtpServer>(services, m_pool.get());
    m_server->setSettings(settings());

    m_listeners = std::make_unique<net::ListenerSet>();
    m_listeners->setHandler(core::Service::Smtp, m_server.get());
    core::DaemonConfig config;
    config.hostname = u"mx.example.test"_s;
    config.listen[int(core::Service::Smtp)].append({u"127.0.0.1"_s, 0});
    return m_listeners->apply(config, error);
}

bool SmtpServerFixture::stopServer() {
    bool drained = true;
    if (m_server) {
        m_listeners->close();
        drained = false;
        m_server->shutdown(std::chrono::seconds(2), [&drained] { drained = true; });
        QDeadlineTimer deadline(10000);
        while (!drained && !deadline.hasExpired())
            QTest::qWait(5);
        m_messages->close();
        m_pool->stop();
    }
    m_listeners.reset();
    m_server.reset();
    m_pool.reset();
    m_events.reset();
    m_certificates.reset();
    m_messages.reset();
    m_directory.reset();
    m_config.reset();
    m_dir.reset();
    return drained;
}

quint16 SmtpServerFixture::port() const {
    return m_listeners->listeners().constFirst().port;
}

QList<QByteArray> SmtpServerFixture::messagesOf(const QString &localPart) {
    QList<QByteArray> result;
    std::unique_ptr<store::MailboxReader> reader = m_messages->openReader(fixtureDomain, localPart);
    if (!reader)
        return result;
    const std::optional<store::FolderInfo> inbox = reader->folder(u"INBOX"_s);
    if (!inbox)
        return result;
    for (const store::MessageInfo &info : reader->messages(u"INBOX"_s))
        result.append(reader->readMessage(*inbox, info).value_or(QByteArray()));
    return result;
}

QByteArray SmtpServerFixture::sendMessage(SmtpTestClient &client,
                                          const QList<QByteArray> &recipients,
                                          const QByteArray &content) {
    if (!client.command("EHLO client.remote.test").startsWith("250"))
        return "EHLO failed";
    const QByteArray mail = client.command("MAIL FROM:<sender@remote.test>");
    if (replyCode(mail) != 250)
        return "MAIL: " + mail;
    for (const QByteArray &recipient : recipients) {
        const QByteArray rcpt = client.command("RCPT TO:<" + recipient + ">");
        if (replyCode(rcpt) != 250)
            return "RCPT: " + rcpt;
    }
    const QByteArray data = client.command("DATA");
    if (replyCode(data) != 354)
        return "DATA: " + data;
    client.send(content + ".\r\n");
    return client.reply();
}

} // namespace mailstead::smtp::test
