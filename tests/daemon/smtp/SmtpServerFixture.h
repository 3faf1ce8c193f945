// SmtpServerFixture.h - a real SMTP server in process, for the session and
// delivery tests
//
// A real SmtpServer behind a real ListenerSet on 127.0.0.1 port 0, two I/O
// threads, a real MessageStore, ConfigStore and self-signed certificate in a
// temporary directory. Test classes inherit it and call startServer() in
// init() and stopServer() in cleanup(). The directory holds example.test
// with alice, bob, carol (quota 4000 bytes), dave (disabled) and postmaster;
// aliases team@ (alice, bob), forward@ (alice and an external address) and
// a catch-all for other.example (bob).
#pragma once

#include "core/ConfigStore.h"
#include "core/EventBus.h"
#include "core/RecipientDirectory.h"
#include "net/IoThreadPool.h"
#include "net/ListenerSet.h"
#include "smtp/SmtpServer.h"
#include "SmtpTestClient.h"
#include "store/MessageStore.h"
#include "tls/CertificateStore.h"

#include <memory>
#include <QTemporaryDir>

namespace mailstead::smtp::test {

inline const QString fixtureDomain = QStringLiteral("example.test");

// A message with CRLF line ends and the given subject.
QByteArray message(const QByteArray &subject, const QByteArray &body = "Hello.\r\n");

class SmtpServerFixture {
protected:
    bool startServer(QString *error);
    // The daemon's order: stop accepting, drain, close the store, stop the
    // threads.
    bool stopServer();

    bool addMailbox(const QString &localPart, qint64 quota = 0, bool active = true);
    bool addAlias(const QString &source, const QStringList &targets);
    // hostname mx.example.test, postmaster domain example.test, defaults.
    static SmtpSettings settings();
    quint16 port() const;
    // The INBOX of localPart@example.test, by UID.
    QList<QByteArray> messagesOf(const QString &localPart);
    // EHLO, MAIL, RCPT to each, DATA and content (already dot-stuffed,
    // without the final "."); the reply to the end of data, or what failed.
    QByteArray sendMessage(SmtpTestClient &client, const QList<QByteArray> &recipients,
                           const QByteArray &content);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<core::ConfigStore> m_config;
    std::unique_ptr<core::RecipientDirectory> m_directory;
    std::unique_ptr<store::MessageStore> m_messages;
    std::unique_ptr<tls::CertificateStore> m_certificates;
    std::unique_ptr<core::EventBus> m_events;
    std::unique_ptr<net::IoThreadPool> m_pool;
    std::unique_ptr<SmtpServer> m_server;
    std::unique_ptr<net::ListenerSet> m_listeners;
};

} // namespace mailstead::smtp::test
