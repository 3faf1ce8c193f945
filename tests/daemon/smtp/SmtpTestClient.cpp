// SmtpTestClient.cpp - see SmtpTestClient.h
#include "SmtpTestClient.h"

#include <QDeadlineTimer>
#include <QTest>

namespace mailstead::smtp::test {

SmtpTestClient::SmtpTestClient(quint16 port) {
    m_socket.setPeerVerifyMode(QSslSocket::VerifyNone);
    QObject::connect(&m_socket, &QIODevice::readyRead, &m_socket,
                     [this] { m_buffer += m_socket.readAll(); });
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    QDeadlineTimer deadline(10000);
    while (m_socket.state() != QAbstractSocket::ConnectedState && !deadline.hasExpired() &&
           m_socket.state() != QAbstractSocket::UnconnectedState)
        QTest::qWait(2);
}

void SmtpTestClient::send(const QByteArray &bytes) {
    m_socket.write(bytes);
    m_socket.flush();
}

qsizetype SmtpTestClient::completeReplyLength() const {
    qsizetype from = 0;
    while (true) {
        const qsizetype end = m_buffer.indexOf("\r\n", from);
        if (end < 0)
            return 0;
        // "250-..." continues, "250 ..." or "250" ends.
        const qsizetype length = end - from;
        if (length < 4 || m_buffer.at(from + 3) != '-')
            return end + 2;
        from = end + 2;
    }
}

QByteArray SmtpTestClient::reply(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (completeReplyLength() == 0 && !deadline.hasExpired()) {
        if (m_socket.state() == QAbstractSocket::UnconnectedState) {
            m_buffer += m_socket.readAll();
            break;
        }
        QTest::qWait(1);
    }
    const qsizetype length = completeReplyLength();
    const QByteArray result = m_buffer.left(length);
    m_buffer.remove(0, length);
    return result;
}

QList<QByteArray> SmtpTestClient::replies(int count, int timeoutMs) {
    QList<QByteArray> result;
    for (int i = 0; i < count; ++i)
        result.append(reply(timeoutMs));
    return result;
}

QByteArray SmtpTestClient::command(const QByteArray &line, int timeoutMs) {
    send(line + "\r\n");
    return reply(timeoutMs);
}

bool SmtpTestClient::startTls(int timeoutMs) {
    m_socket.startClientEncryption();
    QDeadlineTimer deadline(timeoutMs);
    while (!m_socket.isEncrypted() && !deadline.hasExpired() &&
           m_socket.state() == QAbstractSocket::ConnectedState)
        QTest::qWait(2);
    return m_socket.isEncrypted();
}

bool SmtpTestClient::waitForClose(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired())
        QTest::qWait(2);
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

int replyCode(const QByteArray &reply) {
    return reply.left(3).toInt();
}

} // namespace mailstead::smtp::test
