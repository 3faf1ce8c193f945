// SmtpTestClient.h - sends one message over plain SMTP, for the wizard's test
//
// A small RFC 5321 client: greeting, EHLO, MAIL FROM, RCPT TO, DATA, the
// message (RFC 5322, dot-stuffed as section 4.5.2 requires), QUIT. It
// delivers the setup wizard's test message to the daemon's own smtp
// (MX) listener, the way mail from another server arrives; no
// authentication, no STARTTLS. finished() carries the server's last reply
// as it was sent, or the socket's error.
//
// SECURITY: talks only to the host and port the caller gives (the local
// daemon). Replies are untrusted text: at most maxReplyLineBytes per line,
// shown to the person as text, never interpreted beyond the reply code.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QTcpSocket;
class QTimer;

namespace mailstead::app {

inline constexpr int smtpTestTimeoutMs = 30 * 1000;
inline constexpr qsizetype maxReplyLineBytes = 4096;

class SmtpTestClient : public QObject {
    Q_OBJECT
public:
    struct Message {
        QString from;
        QString to;
        QString subject;
        QString body;
    };

    explicit SmtpTestClient(QObject *parent = nullptr);

    void send(const QString &host, quint16 port, const Message &message);
    bool isRunning() const { return m_stage != Stage::Idle; }
    // Every line sent and received, "C: " and "S: " in front.
    QStringList transcript() const { return m_transcript; }

    // The message as sent after DATA, without dot-stuffing; for tests.
    static QByteArray formatMessage(const Message &message, const QString &messageIdDomain);

Q_SIGNALS:
    void finished(bool ok, const QString &reply);

private:
    enum class Stage { Idle, Greeting, Ehlo, MailFrom, RcptTo, Data, Body, Quit };

    void onReadyRead();
    void onReply(int code, const QString &text);
    void sendLine(const QByteArray &line);
    void finish(bool ok, const QString &reply);

    QTcpSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    Stage m_stage = Stage::Idle;
    Message m_message;
    QByteArray m_buffer;
    QStringList m_replyLines;
    QStringList m_transcript;
    bool m_eightBitMime = false;
};

} // namespace mailstead::app
