// SmtpTestClient.h - a minimal SMTP client for in-process server tests
//
// Real QSslSocket over 127.0.0.1 (plain until startTls()). The server's
// listener accepts in this (the main) thread, so every wait runs the event
// loop instead of blocking in waitFor*().
#pragma once

#include <QByteArray>
#include <QList>
#include <QSslSocket>

namespace mailstead::smtp::test {

class SmtpTestClient {
public:
    explicit SmtpTestClient(quint16 port);

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QSslSocket &socket() { return m_socket; }

    void send(const QByteArray &bytes);
    // One complete reply (all its lines), or "" after the timeout or when
    // the server closed without one.
    QByteArray reply(int timeoutMs = 10000);
    QList<QByteArray> replies(int count, int timeoutMs = 10000);
    // send(line + CRLF) then reply().
    QByteArray command(const QByteArray &line, int timeoutMs = 10000);
    // The handshake after "220" to STARTTLS; the self-signed certificate
    // is accepted.
    bool startTls(int timeoutMs = 10000);
    bool waitForClose(int timeoutMs = 10000);
    // Bytes received and not yet returned by reply().
    QByteArray pending() const { return m_buffer; }

private:
    qsizetype completeReplyLength() const;

    QSslSocket m_socket;
    QByteArray m_buffer;
};

// The first three characters as a number: 250, 554, ...
int replyCode(const QByteArray &reply);

} // namespace mailstead::smtp::test
