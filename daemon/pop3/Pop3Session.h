// Pop3Session.h - one POP3 connection on an I/O thread: socket, buffers,
// the idle timer, STLS or implicit TLS, the AUTHORIZATION, TRANSACTION and
// UPDATE states
//
// RFC 1939 (the protocol; section 3 the autologout timer, section 6 the
// UPDATE state), RFC 2449 (CAPA, response codes, PIPELINING: every complete
// command in the input is executed in order), RFC 2595 (STLS; section 2.2
// plaintext logins only over TLS), RFC 8314 (implicit TLS on pop3s),
// RFC 5034 (AUTH PLAIN with and without an initial response), RFC 3206
// ([AUTH], [SYS/TEMP], [IN-USE]). Parsing is done by the pure layer
// (Pop3CommandParser, Pop3MessageEncoder); this class owns the I/O around
// it. AUTHORIZATION-state commands are in Pop3SessionCommands.cpp, the
// TRANSACTION and UPDATE states in Pop3SessionMaildrop.cpp.
//
// Locking: none. RFC 1939 section 8 lets a server lock the maildrop for a
// session; like Dovecot (pop3_lock_session = no by default) we do not,
// because IMAP sessions on the same mailbox take no lock either, and a
// phone that leaves a dead connection behind would otherwise keep every
// other client out ([IN-USE]) until the 10-minute autologout. Instead the
// maildrop is a snapshot taken at login: message numbers, sizes and
// unique-ids stay fixed for the session. A message another session
// expunged meanwhile answers RETR and TOP with -ERR; DELE of it and the
// expunge at QUIT are harmless no-ops for it.
//
// Seen: POP3 has no flags. Dovecot sets \Seen on messages a POP3 client
// RETRieved, so that an IMAP client of the same mailbox shows them read;
// we do the same, in the UPDATE state: at QUIT one store write flags the
// retrieved messages \Seen and expunges the deleted ones (as IMAP EXPUNGE
// does), and "+OK" is sent only after that write committed. A session that
// ends without QUIT changes nothing (RFC 1939 section 6).
//
// SECURITY: talks to anyone who connects. Before authentication a peer can
// reach only the authenticator (passwords are accepted only over TLS,
// unless allow_plaintext_loopback is set and the peer is loopback; failures
// are slowed down per address and cut off per session); after it, only the
// INBOX of its own mailbox. Memory per session is bounded by the socket
// read buffer, the parser's line limit and the output high-water mark
// (RETR streams the file); time by the idle timer; junk by the error
// budget.
#pragma once

#include "Pop3CommandParser.h"
#include "Pop3Maildrop.h"
#include "Pop3MessageEncoder.h"
#include "Pop3ServerState.h"

#include <memory>
#include <optional>
#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

class QSslSocket;

namespace mailstead::core {
struct AuthOutcome;
}

namespace mailstead::net {
class AcceptedConnection;
class ConnectionTicket;
} // namespace mailstead::net

namespace mailstead::store {
class MailboxReader;
}

namespace mailstead::pop3 {

// What the kernel hands us per read; the socket stops reading beyond this.
inline constexpr qint64 sessionReadBufferBytes = 64 * 1024;
// Replies the peer has not read yet; past this the session stops reading
// commands (a pipelining client that never reads) and RETR stops reading
// the message file until the peer catches up.
inline constexpr qint64 maxOutputBacklogBytes = 256 * 1024;
// One read from a message file during RETR or TOP.
inline constexpr qint64 transferChunkBytes = 64 * 1024;
// After our last reply, how long a peer may take to read it and close.
inline constexpr int closeGraceMs = 10'000;
// The same while the daemon stops.
inline constexpr int shutdownCloseGraceMs = 1'000;

class Pop3Session : public QObject {
    Q_OBJECT

public:
    // Creates the socket from the connection's descriptor in the current
    // thread (the anchor's I/O thread) and starts the session, parented to
    // anchor; pop3s connections start with the TLS handshake. The session
    // deletes itself when the connection ends.
    static void start(const std::shared_ptr<Pop3ServerState> &state,
                      net::AcceptedConnection &connection, QObject *anchor);
    ~Pop3Session() override;

    // Graceful stop: closes now when waiting for a command, otherwise after
    // the transfer or the UPDATE write in progress.
    void beginShutdown();
    // Immediate stop: closes the connection without another word.
    void abort();

private:
    enum class Mode : quint8 {
        Command,        // reading command lines
        SaslResponse,   // reading the client's line of an AUTH exchange
        AwaitingAuth,   // the authenticator has the password; input is not read
        Transfer,       // RETR or TOP: the message streams out
        AwaitingUpdate, // QUIT: the store has the UPDATE write
        TlsHandshake,   // after STLS, or at the start of pop3s
        Closing,        // the last reply is on its way
    };

    Pop3Session(const std::shared_ptr<Pop3ServerState> &state, QSslSocket *socket,
                std::unique_ptr<net::ConnectionTicket> ticket, bool implicitTls, QObject *anchor);
    void greet();

    // I/O (Pop3Session.cpp)
    void onReadyRead();
    void onBytesWritten();
    void process();
    void flushOutput();
    void armTimer();
    void onTimeout();
    void onEncrypted();
    void onSocketError();
    void ok(const QByteArray &text);
    void err(const QByteArray &text);
    // An error the peer caused: counts against the error budget.
    void refuse(const QByteArray &text);
    void closeWith(const QByteArray &line);
    void halfClose();
    void startTls();
    void closeIfStopping();

    // AUTHORIZATION state (Pop3SessionCommands.cpp)
    void execute(const Pop3Command &command);
    void executeAuthorization(const Pop3Command &command);
    void onCapa();
    void onUser(const Pop3Command &command);
    void onPass(const Pop3Command &command);
    void onAuth(const Pop3Command &command);
    void onSaslResponse(const Pop3ParseResult &result);
    void onStls();
    bool plaintextAllowed() const;
    void authenticate(const QString &user, const QString &password);
    void onAuthenticated(const core::AuthOutcome &outcome);
    void loginFailed(const QByteArray &text);

    // TRANSACTION and UPDATE states (Pop3SessionMaildrop.cpp)
    bool openMaildrop(QString *error);
    void executeTransaction(const Pop3Command &command);
    // The message for RETR, TOP, DELE, LIST n, UIDL n; answers -ERR and
    // returns false when there is none.
    bool checkMessage(qint64 number);
    void onList(const Pop3Command &command, bool uniqueIds);
    void startTransfer(qint64 number, qint64 bodyLines);
    void continueTransfer();
    void endTransfer();
    void onQuitTransaction();
    void onUpdated(bool ok, const QString &error, int expunged);

    std::shared_ptr<Pop3ServerState> m_state;
    std::shared_ptr<const Pop3Settings> m_settings;
    QSslSocket *m_socket;
    std::unique_ptr<net::ConnectionTicket> m_ticket;
    QHostAddress m_peer;
    QTimer m_timer;
    Mode m_mode = Mode::Command;

    QByteArray m_input;
    qsizetype m_consumed = 0; // of m_input
    QByteArray m_output;
    Pop3CommandParser m_parser;

    bool m_tls = false;
    bool m_implicitTls;
    int m_errors = 0;
    int m_authFailures = 0;
    bool m_shutdownRequested = false;
    bool m_outputBlocked = false;
    bool m_halfClosed = false;

    QString m_user;    // from USER, until PASS
    QString m_mailbox; // the address logged in; empty before
    bool m_holdsUserSlot = false;
    std::shared_ptr<store::MailboxReader> m_reader; // MessageStore::sharedReader
    Pop3Maildrop m_maildrop;

    // RETR or TOP in progress.
    int m_transferFd = -1;
    qint64 m_transferNumber = 0;
    bool m_transferIsRetr = false;
    qint64 m_transferBytes = 0;
    bool m_inTransferStep = false; // continueTransfer() is running
    std::optional<Pop3MessageEncoder> m_encoder;
};

} // namespace mailstead::pop3
