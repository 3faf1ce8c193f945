// SmtpTestClient.cpp - one SMTP transaction; see SmtpTestClient.h
#include "SmtpTestClient.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

// RFC 2047 encoded-word for a header text that is not plain ASCII.
QByteArray headerText(const QString &text) {
    const QByteArray utf8 = text.toUtf8();
    bool ascii = true;
    for (const char c : utf8)
        ascii = ascii && uchar(c) < 0x80;
    if (ascii)
        return utf8;
    return "=?UTF-8?B?" + utf8.toBase64() + "?=";
}

QByteArray dotStuffed(const QByteArray &message) {
    QByteArray out;
    const QList<QByteArray> lines = message.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        if (i == lines.size() - 1 && line.isEmpty())
            break;
        if (line.startsWith('.'))
            out += '.';
        out += line + "\r\n";
    }
    return out;
}

} // namespace

SmtpTestClient::SmtpTestClient(QObject *parent)
    : QObject(parent)
    , m_socket(new QTcpSocket(this))
    , m_timer(new QTimer(this)) {
    m_timer->setSingleShot(true);
    m_timer->setInterval(smtpTestTimeoutMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        finish(false,
               tr("The server did not answer within %1 seconds.").arg(smtpTestTimeoutMs / 1000));
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &SmtpTestClient::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_stage != Stage::Idle && m_stage != Stage::Quit)
            finish(false, m_socket->errorString());
    });
}

QByteArray SmtpTestClient::formatMessage(const Message &message, const QString &messageIdDomain) {
    const QByteArray id = QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    QByteArray out;
    out += "From: " + message.from.toUtf8() + "\r\n";
    out += "To: " + message.to.toUtf8() + "\r\n";
    out += "Subject: " + headerText(message.subject) + "\r\n";
    out += "Date: " + QDateTime::currentDateTime().toString(Qt::RFC2822Date).toLatin1() + "\r\n";
    out += "Message-ID: <" + id + ".setup@" + messageIdDomain.toUtf8() + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=utf-8\r\n";
    out += "Content-Transfer-Encoding: 8bit\r\n";
    out += "\r\n";
    out += message.body.toUtf8();
    if (!out.endsWith('\n'))
        out += "\r\n";
    return out;
}

void SmtpTestClient::send(const QString &host, quint16 port, const Message &message) {
    if (isRunning())
        return;
    m_message = message;
    m_buffer.clear();
    m_replyLines.clear();
    m_transcript.clear();
    m_eightBitMime = false;
    m_stage = Stage::Greeting;
    m_timer->start();
    m_socket->abort();
    m_socket->connectToHost(host, port);
}

void SmtpTestClient::sendLine(const QByteArray &line) {
    m_transcript.append(u"C: "_s + QString::fromUtf8(line));
    m_socket->write(line + "\r\n");
}

void SmtpTestClient::onReadyRead() {
    m_buffer += m_socket->readAll();
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        const QString text = QString::fromUtf8(line.left(maxReplyLineBytes));
        m_transcript.append(u"S: "_s + text);
        // RFC 5321 section 4.2.1: "250-" continues a reply, "250 " ends it.
        bool ok = false;
        const int code = text.left(3).toInt(&ok);
        if (!ok || text.size() < 3) {
            finish(false, tr("The server sent something that is not an SMTP reply: %1").arg(text));
            return;
        }
        m_replyLines.append(text);
        if (text.size() > 3 && text.at(3) == u'-')
            continue;
        const QString reply = m_replyLines.join(u'\n');
        m_replyLines.clear();
        onReply(code, reply);
        if (m_stage == Stage::Idle)
            return;
    }
    if (m_buffer.size() > maxReplyLineBytes)
        finish(false, tr("The server sent a line longer than %1 bytes.").arg(maxReplyLineBytes));
}

void SmtpTestClient::onReply(int code, const QString &text) {
    m_timer->start();
    switch (m_stage) {
    case Stage::Idle:
        return;
    case Stage::Greeting:
        if (code != 220)
            return finish(false, text);
        m_stage = Stage::Ehlo;
        sendLine("EHLO mailstead-setup.localhost");
        return;
    case Stage::Ehlo: {
        if (code != 250)
            return finish(false, text);
        m_eightBitMime = text.contains(u"8BITMIME"_s, Qt::CaseInsensitive);
        m_stage = Stage::MailFrom;
        QByteArray command = "MAIL FROM:<" + m_message.from.toUtf8() + ">";
        if (m_eightBitMime)
            command += " BODY=8BITMIME";
        sendLine(command);
        return;
    }
    case Stage::MailFrom:
        if (code != 250)
            return finish(false, text);
        m_stage = Stage::RcptTo;
        sendLine("RCPT TO:<" + m_message.to.toUtf8() + ">");
        return;
    case Stage::RcptTo:
        if (code != 250 && code != 251)
            return finish(false, text);
        m_stage = Stage::Data;
        sendLine("DATA");
        return;
    case Stage::Data: {
        if (code != 354)
            return finish(false, text);
        m_stage = Stage::Body;
        const QString domain = m_message.from.section(u'@', -1);
        const QByteArray body = dotStuffed(formatMessage(m_message, domain));
        m_transcript.append(u"C: (%1 bytes of message)"_s.arg(body.size()));
        m_socket->write(body);
        sendLine(".");
        return;
    }
    case Stage::Body:
        if (code != 250)
            return finish(false, text);
        m_stage = Stage::Quit;
        m_replyLines.clear();
        sendLine("QUIT");
        // The message is accepted; the answer to QUIT changes nothing.
        finish(true, text);
        return;
    case Stage::Quit:
        return;
    }
}

void SmtpTestClient::finish(bool ok, const QString &reply) {
    const bool quitting = m_stage == Stage::Quit;
    m_stage = Stage::Idle;
    m_timer->stop();
    if (quitting)
        m_socket->disconnectFromHost();
    else
        m_socket->abort();
    Q_EMIT finished(ok, reply);
}

} // namespace mailstead::app
