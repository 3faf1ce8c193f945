// SmtpClientSession.h - one outbound SMTP connection: deliver one message
// to some recipients at one address of a remote MX
//
// RFC 5321 section 3 and 4.1 (greeting, EHLO with HELO fallback, MAIL,
// RCPT, DATA, QUIT), section 4.5.2 (dot-stuffing), section 4.5.3.2 (the
// timeouts in QueueLimits.h), RFC 2920 (PIPELINING: MAIL, every RCPT and
// DATA in one write, DATA last), RFC 3207 and RFC 7435 (opportunistic
// STARTTLS: used whenever offered, the certificate is not verified, a
// failed handshake makes the caller retry the host without TLS), RFC 1870
// (SIZE: a message bigger than the peer's limit is refused before MAIL),
// RFC 6152 (BODY=8BITMIME, or a 7-bit conversion when the peer lacks it),
// RFC 6531 (SMTPUTF8 required for UTF-8 envelopes and headers).
// Towards a smarthost (SmtpClientOptions::requireTls): TLS is required
// (STARTTLS, RFC 3207, or implicit TLS, RFC 8314 section 3.3), the
// certificate is verified, and with credentials the session
// authenticates (RFC 4954 with PLAIN, RFC 4616, or LOGIN when only that is
// offered) before MAIL; credentials are never sent in plain text. A
// refused AUTH defers the recipients (a configuration problem is not the
// message's fault; Postfix's smtp_sasl_auth_soft_bounce does the same),
// with the server's answer in the reply text.
// The result has one reply per recipient: the server's, or one made here
// for our own reasons (timeouts, lost connections, checks before MAIL).
//
// SECURITY: talks to a host named by DNS; everything it reads is untrusted
// and goes through parseSmtpReply() with bounded lines. Nothing read is
// ever written back. The message is sent only after every check passed.
#pragma once

#include "QueueLimits.h"
#include "SmtpReplyParser.h"

#include <functional>
#include <QHostAddress>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>

class QSslSocket;
class QTimer;

namespace mailstead::queue {

struct ClientEnvelope {
    QString sender; // empty: the null reverse-path
    QStringList recipients;
    bool smtpUtf8 = false; // the message needs SMTPUTF8 on the way
    QByteArray message;    // as it will be sent, before dot-stuffing
};

struct ClientSessionResult {
    // One reply per recipient, in envelope order.
    QList<smtp::SmtpReply> replies;
    // Per reply: it came from the server (Remote-MTA and Diagnostic-Code of
    // a DSN), not from here.
    QList<bool> fromPeer;
    // The address gave no usable session (no connection, a refusing
    // greeting, a lost connection before MAIL): try the next one.
    bool tryNextAddress = false;
    // The STARTTLS handshake failed: try this address again without TLS.
    bool tlsFailed = false;
    QString tls;        // "TLSv1.3 TLS_AES_256_GCM_SHA384", "none (not offered)", ...
    QString server;     // "mx.example.test [192.0.2.1]:25", for logs
    QString serverName; // "mx.example.test", for a DSN's Remote-MTA
};

struct SmtpClientOptions {
    QString heloName;
    SmtpClientTimeouts timeouts;
    bool useTls = true; // false: never STARTTLS (the retry after a failed handshake)
    // Smarthost mode: no session without TLS, the certificate verified
    // against the system's CAs plus caCertificates, implicit TLS or STARTTLS.
    bool requireTls = false;
    bool implicitTls = false;
    QList<QSslCertificate> caCertificates;
    QString authUser; // empty: no AUTH
    QString authPassword;
};

class SmtpClientSession : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ClientSessionResult &result)>;

    SmtpClientSession(const SmtpClientOptions &options, QObject *parent = nullptr);
    ~SmtpClientSession() override;

    // Connects and runs the whole session; done runs once, later.
    void start(const QHostAddress &address, quint16 port, const QString &hostName,
               const ClientEnvelope &envelope, Callback done);

private:
    enum class Step {
        Connecting,
        Greeting,
        Ehlo,
        Helo,
        StartTls,
        Handshake,
        Auth,
        Envelope,
        Content,
        Quit,
        Finished
    };
    enum class Command { Mail, Rcpt, Data };

    void onConnected();
    void onReadyRead();
    void onEncrypted();
    void onSocketError();
    void onTimeout();
    void handleReply(const smtp::SmtpReply &reply);
    void handleEnvelopeReply(const smtp::SmtpReply &reply);
    void afterEhlo();
    bool checkPeer();
    void authenticate();
    void handleAuthReply(const smtp::SmtpReply &reply);
    void refuseWithoutTls(const QByteArray &why);
    void sendEnvelope();
    void sendNextCommand();
    void sendContent();
    void sendLine(const QByteArray &line, std::chrono::milliseconds timeout);
    void quit();
    void failUnanswered(int code, const QByteArray &status, const QByteArray &text, bool fromPeer);
    void failAll(const smtp::SmtpReply &reply, bool fromPeer);
    void answerAccepted(const smtp::SmtpReply &reply);
    void finish();
    void arm(std::chrono::milliseconds timeout);

    SmtpClientOptions m_options;
    QSslSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    Callback m_done;
    ClientEnvelope m_envelope;
    ClientSessionResult m_result;
    QByteArray m_input;
    Step m_step = Step::Connecting;
    EhloCapabilities m_caps;
    bool m_encrypted = false;
    bool m_greeted = false;
    int m_authStep = 0; // LOGIN: 1 after "AUTH LOGIN", 2 after the user name
    QByteArray m_body8BitParameter;
    // The envelope commands in order, how many were written, answered.
    QList<QPair<Command, int>> m_commands;
    qsizetype m_written = 0;
    qsizetype m_answered = 0;
    bool m_mailFailed = false;
    int m_accepted = 0;
    QList<bool> m_recipientAccepted;
    QList<bool> m_final; // the recipient's reply is its outcome
};

} // namespace mailstead::queue
