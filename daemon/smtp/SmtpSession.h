// SmtpSession.h - one SMTP connection on an I/O thread: socket, buffers,
// timers, STARTTLS, the state machine and delivery
//
// RFC 5321 (the protocol; section 4.5.3.2 timeouts, 3.8 closing with 421),
// RFC 2920 (PIPELINING: every complete command in the input is executed and
// the replies are written together), RFC 3207 (STARTTLS), RFC 3030
// (CHUNKING), RFC 1870 (SIZE). Parsing is done by the pure layer
// (SmtpLineSplitter, parseCommand, SmtpDataDecoder, SmtpBdatDecoder); this
// class owns the I/O around it. The commands themselves are in
// SmtpSessionCommands.cpp, the way from the end of data to the reply in
// SmtpSessionDelivery.cpp.
//
// Flow: the input buffer is consumed in place by whichever reader the mode
// selects: command lines, DATA content or a BDAT chunk; DATA and BDAT switch
// the reader on the same buffer, so pipelined content is never copied
// twice. At the end of the data the message goes to the store and the
// session stops reading (mode AwaitingDelivery) until the store reports
// every copy durable; only then is 250 written and the rest of the input
// read, so commands are never executed out of order with the reply.
//
// SECURITY: talks to anyone who connects, before any authentication. It
// reaches the recipient directory, quota usage and delivery into local
// mailboxes (nothing else: no relaying, no AUTH on port 25). In submission
// mode, credentials go to the MailAuthenticator and only a logged-in
// session reaches the outbound queue. Memory per session is bounded by the
// socket read buffer, the line limit, the spool's memory limit, the header
// capture (maxSubmissionHeaderBytes) and the output backlog limit; time by
// the command and data timeouts; junk by the error budget and, for logins,
// the AUTH failure limit.
#pragma once

#include "SmtpAuthExchange.h"
#include "SmtpBdatDecoder.h"
#include "SmtpCommand.h"
#include "SmtpDataDecoder.h"
#include "SmtpLineSplitter.h"
#include "SmtpMessageSpool.h"
#include "SmtpReply.h"
#include "SmtpServerState.h"
#include "SmtpTransaction.h"

#include <memory>
#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class QHostInfo;
class QSslSocket;

namespace mailstead::core {
struct AuthOutcome;
}

namespace mailstead::net {
class AcceptedConnection;
class ConnectionTicket;
} // namespace mailstead::net

namespace mailstead::smtp {

// What the kernel hands us per read while a session is busy: the socket
// stops reading (and TCP pushes back) beyond this.
inline constexpr qint64 sessionReadBufferBytes = 256 * 1024;
// Replies the peer has not read yet; past this the session stops reading
// commands until they drain (a pipelining client that never reads).
inline constexpr qint64 maxOutputBacklogBytes = 256 * 1024;
// After our last reply, how long a peer may take to read it and close. We
// close our side first (FIN) and read until the peer closes too, so a peer
// that still had commands in flight gets our last reply rather than a reset.
inline constexpr int closeGraceMs = 10'000;
// The same while the daemon stops: a peer that keeps the connection open
// after our 421 must not hold up the shutdown (or systemd's stop timeout).
inline constexpr int shutdownCloseGraceMs = 1'000;

class SmtpSession : public QObject {
    Q_OBJECT

public:
    // Creates the socket from the connection's descriptor in the current
    // thread (the anchor's I/O thread) and starts the session, parented to
    // anchor. The session deletes itself when the connection ends.
    static void start(const std::shared_ptr<SmtpServerState> &state,
                      net::AcceptedConnection &connection, QObject *anchor);
    ~SmtpSession() override;

    // Graceful stop: closes with 421 now when idle, otherwise after the
    // current transaction ends.
    void beginShutdown();
    // Immediate stop: closes the connection without another word.
    void abort();

private:
    // One message on its way to the store, as one request per copy; the
    // callbacks all run on the session's I/O thread.
    struct PendingDelivery {
        std::shared_ptr<SmtpServerState> state;
        QPointer<SmtpSession> session;
        QObject *anchor = nullptr; // the I/O thread's anchor: the store's callback context
        QString queueId;
        QString sender;
        QList<core::MailboxTarget> targets;
        QStringList mailboxes;
        QList<qint64> sizes;
        QList<store::DeliveryResult> results;
        QList<bool> takenBack; // expunged again after a partial failure
        int remaining = 0;
        void complete();
        void rollBack();
        void finish();
    };

    enum class Mode : quint8 {
        Command,          // reading command lines
        Data,             // reading DATA content
        Bdat,             // reading a BDAT chunk into the message
        BdatDiscard,      // reading a refused BDAT chunk to throw it away
        AwaitingDelivery, // the store has the message; input is not read
        AuthResponse,     // reading a client line of a SASL exchange
        AwaitingAuth,     // the authenticator checks a password; input is not read
        TlsHandshake,     // after STARTTLS (or on submissions), until encrypted()
        Closing,          // the last reply is on its way
    };

    SmtpSession(const std::shared_ptr<SmtpServerState> &state, QSslSocket *socket,
                std::unique_ptr<net::ConnectionTicket> ticket, bool submission, bool implicitTls,
                QObject *anchor);
    void greet();

    // I/O (SmtpSession.cpp)
    void onReadyRead();
    void readSocket();
    void process();
    void processCommandInput(QByteArrayView input);
    void flushOutput();
    void armTimer();
    void onTimeout();
    void onEncrypted();
    void onSocketError();
    void onReverseLookup(const QHostInfo &info);
    void onForwardLookup(const QHostInfo &info);
    void reply(const SmtpReply &reply);
    // A refusal the peer caused: counts against the error budget.
    void refuse(const SmtpReply &reply);
    void closeWith(const SmtpReply &reply);
    void halfClose();
    void startTls();
    // DATA and BDAT content: to the spool and, in submission mode, the
    // start of it to m_headerCapture.
    void takeContent(QByteArrayView content);

    // Commands (SmtpSessionCommands.cpp; deliver and onDelivered in
    // SmtpSessionDelivery.cpp)
    void executeLine(const QByteArray &line);
    void execute(const SmtpCommand &command);
    void onHelo(const SmtpCommand &command);
    void onMail(const SmtpCommand &command);
    void onRcpt(const SmtpCommand &command);
    void onData();
    void onBdat(const SmtpCommand &command);
    void onStartTls();
    void discardChunk(qint64 size);
    void startMessage();
    void endOfData();
    void endOfChunk();
    void deliver();
    void onDelivered(const QList<store::DeliveryResult> &results, const QString &queueId);
    void resetTransaction();
    SmtpReply ehloReply() const;

    // Submission (SmtpSessionAuth.cpp)
    void onAuth(const SmtpCommand &command);
    void processAuthInput(QByteArrayView input);
    void handleAuthStep(const SmtpAuthStep &step);
    void onAuthenticated(const core::AuthOutcome &outcome);
    void authFailed(const SmtpReply &reply);
    // Submission (SmtpSessionSubmission.cpp): false when MAIL was answered.
    bool checkSubmissionMail(const SmtpCommand &command);
    void onSubmissionRcpt(const SmtpCommand &command);
    void submit();
    void onSubmitted(bool ok, const QString &idOrError);

    std::shared_ptr<SmtpServerState> m_state;
    std::shared_ptr<const SmtpSettings> m_settings;
    QSslSocket *m_socket;
    std::unique_ptr<net::ConnectionTicket> m_ticket;
    QHostAddress m_peer;
    QString m_peerName; // forward-confirmed reverse DNS, or empty
    QString m_reverseName;
    int m_lookupId = -1; // the host lookup in progress
    QTimer m_timer;
    Mode m_mode = Mode::Command;

    QByteArray m_input;
    qsizetype m_consumed = 0; // of m_input
    QByteArray m_output;
    SmtpLineSplitter m_lines;
    SmtpDataDecoder m_data;
    SmtpBdatDecoder m_bdat;
    qint64 m_discardRemaining = 0;
    bool m_chunkIsLast = false;
    qint64 m_chunkSize = 0;

    bool m_greeted = false; // EHLO or HELO seen (since the last STARTTLS)
    bool m_esmtp = false;
    QString m_heloName;
    bool m_tls = false;
    QString m_tlsProtocol;
    QString m_tlsCipher;
    int m_errors = 0;
    bool m_shutdownRequested = false;
    bool m_outputBlocked = false;
    bool m_halfClosed = false;

    SmtpTransaction m_transaction;
    SmtpMessageSpool m_spool;
    qsizetype m_deliveredToOffset = 0; // where a per-copy Delivered-To goes
    qsizetype m_traceHeadLength = 0;   // our trace headers: Date/Message-ID go after them

    // Submission mode (the submission and submissions listeners).
    const bool m_submission;
    bool m_implicitTls; // submissions, until the handshake is done
    SmtpAuthExchange m_auth;
    bool m_authenticated = false;
    core::MailboxTarget m_user; // the logged-in mailbox
    int m_authFailures = 0;
    QByteArray m_headerCapture; // the first maxSubmissionHeaderBytes of the content
    qint64 m_contentBytes = 0;
};

} // namespace mailstead::smtp
