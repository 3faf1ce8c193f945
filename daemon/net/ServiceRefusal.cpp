// ServiceRefusal.cpp - the standard "not available" answer of each protocol
//
// RFC 5321 section 3.1: a server that refuses service greets with 554 and
// then MUST wait for QUIT, answering other commands with 503.
//
// SECURITY: untrusted peers, no authentication. Input is bounded by the
// limits below and by a timer; nothing read is echoed back.
#include "ServiceRefusal.h"

#include "core/Log.h"

#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mailstead::net {

namespace {

// RFC 5321 section 4.5.3.1.4 allows 512 octets per command line; anything
// longer is not a client we need to be polite to.
constexpr qsizetype maxSmtpLineBytes = 512;
constexpr int maxSmtpCommands = 20;
constexpr int smtpQuitTimeoutMs = 30'000;
// A peer that does not read our last reply is cut off after this long.
constexpr int closeTimeoutMs = 10'000;

void closeAfterWrite(QTcpSocket *socket) {
    QTimer::singleShot(closeTimeoutMs, socket, [socket] { socket->abort(); });
    socket->disconnectFromHost();
}

class SmtpRefusal : public QObject {
public:
    SmtpRefusal(QTcpSocket *socket, const QString &hostname)
        : QObject(socket)
        , m_socket(socket) {
        connect(socket, &QIODevice::readyRead, this, [this] { onReadyRead(); });
        // A unilateral close is announced with 421 (RFC 5321 section 3.8).
        QTimer::singleShot(smtpQuitTimeoutMs, this,
                           [this] { finish("421 4.4.2 Timeout, closing connection\r\n"); });
        socket->write(QByteArray("554 5.3.2 " + hostname.toUtf8() + " Service not available\r\n"));
    }

private:
    void onReadyRead() {
        if (m_finished) {
            m_socket->readAll();
            return;
        }
        m_buffer += m_socket->readAll();
        qsizetype newline = 0;
        while (!m_finished && (newline = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(newline).trimmed();
            m_buffer.remove(0, newline + 1);
            const qsizetype space = line.indexOf(' ');
            const QByteArray verb = (space < 0 ? line : line.left(space)).toUpper();
            if (verb == "QUIT")
                finish("221 2.0.0 Bye\r\n");
            else if (++m_commands >= maxSmtpCommands)
                finish("421 4.7.0 Too many commands, closing connection\r\n");
            else
                m_socket->write("503 5.5.1 Bad sequence of commands\r\n");
        }
        if (!m_finished && m_buffer.size() > maxSmtpLineBytes)
            finish("500 5.5.2 Line too long\r\n");
    }

    void finish(const QByteArray &reply) {
        if (m_finished)
            return;
        m_finished = true;
        m_socket->write(reply);
        closeAfterWrite(m_socket);
    }

    QTcpSocket *m_socket;
    QByteArray m_buffer;
    int m_commands = 0;
    bool m_finished = false;
};

} // namespace

void refuseConnection(core::Service service, QTcpSocket *socket, const QString &hostname) {
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    qCDebug(core::lcNet).noquote() << "refusing" << core::serviceName(service) << "connection from"
                                   << socket->peerAddress().toString() << "(no handler)";
    switch (service) {
    case core::Service::Smtp:
    case core::Service::Submission:
        // Served by smtp/SmtpServer; only a connection accepted while no
        // handler is set ends up here.
        new SmtpRefusal(socket, hostname);
        return;
    case core::Service::Submissions:
        // Implicit TLS: without a handler there is nothing to say.
        closeAfterWrite(socket);
        return;
    case core::Service::Imap:
    case core::Service::Imaps:
        // Served by imap/ImapServer, which answers its own refusals; only
        // a connection accepted while no handler is set ends up here.
        closeAfterWrite(socket);
        return;
    case core::Service::Http:
    case core::Service::Https:
        // Served by http/HttpServer, which is set as the handler before the
        // listeners open; only a connection accepted while none is set
        // ends up here.
        closeAfterWrite(socket);
        return;
    case core::Service::Pop3:
    case core::Service::Pop3s:
        // Served by pop3/Pop3Server, which answers its own refusals; only
        // a connection accepted while no handler is set ends up here.
        closeAfterWrite(socket);
        return;
    }
}

} // namespace mailstead::net
