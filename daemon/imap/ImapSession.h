// ImapSession.h - one IMAP connection on an I/O thread: socket, TLS,
// timers, the command loop and the session state
//
// RFC 9051 (IMAP4rev2) and RFC 3501 (IMAP4rev1: the client chooses with
// ENABLE IMAP4rev2), section 3 (states: not authenticated, authenticated,
// selected, logout), section 5.4 (autologout timer), section 5.5 (several
// commands in flight: they are executed in order, one at a time), RFC 8314
// (implicit TLS), RFC 2595 / RFC 9051 section 6.2.1 (STARTTLS). Framing
// and parsing are the pure layer's (ImapCommandReader, parseCommand); this
// class owns the I/O around it. The commands are split by family:
// ImapSessionAuth.cpp (not authenticated state, CAPABILITY, ENABLE, ID,
// NAMESPACE), ImapSessionMailboxes.cpp (CREATE ... STATUS, LIST, QUOTA),
// ImapSessionAppend.cpp (APPEND), ImapSessionSelected.cpp (SELECT,
// EXAMINE, CLOSE, UNSELECT, EXPUNGE, NOOP, CHECK, IDLE and the untagged
// updates), ImapSessionMessages.cpp (FETCH, SEARCH, STORE, COPY, MOVE).
//
// Flow: input is consumed in place by the reader; each complete command
// runs to its tagged response before the next is looked at. A command
// that waits (a login check, a store write) sets Mode::Waiting: nothing
// more is read until its callback writes the response and calls resume().
// A long FETCH writes its responses in slices while the socket drains
// (Mode::Streaming), so memory stays bounded by maxOutputBacklogBytes.
//
// SECURITY: talks to anyone who connects. Before login it reaches only the
// authenticator (LOGIN/AUTHENTICATE, refused without TLS unless the
// connection is loopback and allow_plaintext_loopback is set); after login
// only the logged-in user's own mailbox through the store. Memory is
// bounded by the reader's limits, the output backlog and, for APPEND, a
// spool file of at most APPENDLIMIT octets; time by the pre-auth and idle
// timeouts; junk by the bad command budget.
#pragma once

#include "core/RecipientDirectory.h"
#include "ImapCommand.h"
#include "ImapCommandReader.h"
#include "ImapResponse.h"
#include "ImapScanner.h"
#include "ImapSelectedMailbox.h"
#include "ImapServerState.h"

#include <functional>
#include <memory>
#include <optional>
#include <QByteArray>
#include <QFile>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTimer>

class QSslSocket;

namespace mailstead::net {
class AcceptedConnection;
class ConnectionTicket;
} // namespace mailstead::net

namespace mailstead::store {
class MailboxIndex;
class MailboxReader;
} // namespace mailstead::store

namespace mailstead::core {
struct AuthOutcome;
}

namespace mailstead::imap {

// What the kernel hands us per read; the socket stops reading beyond this.
inline constexpr qint64 sessionReadBufferBytes = 256 * 1024;
// Responses the peer has not read yet; past this the session stops reading
// commands (and a FETCH stops producing) until they drain.
inline constexpr qint64 maxOutputBacklogBytes = 1024 * 1024;
// After our last response, how long a peer may take to close.
inline constexpr int closeGraceMs = 10'000;
inline constexpr int shutdownCloseGraceMs = 1'000;
// An implicit-TLS or STARTTLS handshake must finish within this.
inline constexpr int tlsHandshakeTimeoutMs = 30'000;

class ImapSession : public QObject {
    Q_OBJECT
    friend struct ImapSessionCommands; // the command table (ImapSession.cpp)

public:
    // Creates the socket from the connection's descriptor in the current
    // thread and starts the session, parented to anchor; it deletes itself
    // when the connection ends.
    static void start(const std::shared_ptr<ImapServerState> &state,
                      net::AcceptedConnection &connection, QObject *anchor);
    ~ImapSession() override;

    // Graceful stop: "* BYE [UNAVAILABLE]" now, or once the running
    // command's store write has been answered.
    void beginShutdown();
    // Immediate stop without another word.
    void abort();
    // MessageStore::mailboxChanged, relayed into this thread.
    void mailboxChanged(const QString &domain, const QString &localPart, const QString &folder);

private:
    enum class State : quint8 { NotAuthenticated, Authenticated, Selected, Logout };
    enum class Mode : quint8 {
        Command,      // reading commands
        SaslResponse, // AUTHENTICATE waits for the client's response line
        Idle,         // IDLE until DONE
        Waiting,      // a login check or store write is running
        Streaming,    // a FETCH writes its responses as the socket drains
        TlsHandshake, // STARTTLS or implicit TLS, until encrypted()
        Closing,      // the last response is on its way
    };
    using Handler = void (ImapSession::*)(const ImapCommand &);

    // A FETCH being written in slices.
    struct FetchJob {
        QByteArray tag;
        ImapCommand command;
        QList<qsizetype> indices;
        qsizetype next = 0;
        QByteArray failureCode;     // from the responder (UNKNOWN-CTE)
        QSet<quint32> flagsChanged; // \Seen set by this FETCH: FLAGS goes along
    };

    // An APPEND whose message is being streamed to the spool.
    struct AppendJob {
        QByteArray tag;
        QString folder;
        QString spoolPath;
        std::unique_ptr<QFile> file;
        qint64 size = 0;
        qint64 bareLineFeeds = 0;
        bool lastWasCr = false;
        bool failed = false;
    };

    ImapSession(const std::shared_ptr<ImapServerState> &state, QSslSocket *socket,
                std::unique_ptr<net::ConnectionTicket> ticket, bool implicitTls, QObject *anchor);

    // I/O (ImapSession.cpp)
    void greet();
    void onReadyRead();
    void readSocket();
    void process();
    void handleReaderResult(const ImapCommandReader::Result &result);
    void execute(const ImapRawCommand &raw);
    void flushOutput();
    void armTimer();
    void onTimeout();
    void onEncrypted();
    void onSocketError();
    void onBytesWritten();
    void startTls();
    // Writes bye (then trailer: LOGOUT's tagged OK) and closes.
    void closeWith(const ImapStatusResponse &bye, const QByteArray &trailer = {});
    void halfClose();
    void wait();
    void resume();
    void write(const QByteArray &data) { m_output += data; }
    void respond(const QByteArray &tag, const ImapStatusResponse &response);
    // A BAD the client earned: counts against the budget.
    void refuse(const QByteArray &tag, const ImapStatusResponse &response);
    bool isLoopback() const;
    ImapParserOptions parserOptions() const;
    // store::MessageStore::runWrite for this user, with the session paused
    // until done runs (on this thread).
    void runWrite(std::function<QStringList(store::MailboxIndex &)> job,
                  std::function<void(bool ok)> done);
    QString userAddress() const;

    // Not authenticated state and any state (ImapSessionAuth.cpp)
    QByteArrayList capabilities() const;
    bool loginAllowed() const;
    void onCapability(const ImapCommand &command);
    void onNoop(const ImapCommand &command);
    void onLogout(const ImapCommand &command);
    void onStartTls(const ImapCommand &command);
    void onLogin(const ImapCommand &command);
    void onAuthenticate(const ImapCommand &command);
    void onSaslResponse(const ImapRawCommand &raw);
    void authenticatePlain(const QByteArray &tag, const QByteArray &message);
    void checkLogin(const QByteArray &tag, const QString &user, const QString &password);
    void loggedIn(const QByteArray &tag, const core::AuthOutcome &outcome);
    void onEnable(const ImapCommand &command);
    void onId(const ImapCommand &command);
    void onNamespace(const ImapCommand &command);

    // Mailboxes (ImapSessionMailboxes.cpp)
    void onCreate(const ImapCommand &command);
    void onDelete(const ImapCommand &command);
    void onRename(const ImapCommand &command);
    void onSubscribe(const ImapCommand &command);
    void onList(const ImapCommand &command);
    void onStatus(const ImapCommand &command);
    void onGetQuota(const ImapCommand &command);
    void onGetQuotaRoot(const ImapCommand &command);
    QByteArray statusResponse(const store::FolderInfo &folder, ImapStatusItems items);
    QByteArray quotaResponse();
    std::optional<store::FolderInfo> findFolder(const QString &name);

    // APPEND (ImapSessionAppend.cpp)
    void onAppendLiteral();
    void onAppendData(QByteArrayView data);
    void onAppend(const ImapCommand &command);
    void discardAppend();
    void appended(const QByteArray &tag, const store::DeliveryResult &result, qint64 size);

    // Selected state (ImapSessionSelected.cpp)
    void onSelect(const ImapCommand &command);
    void onClose(const ImapCommand &command);
    void onUnselect(const ImapCommand &command);
    void onExpunge(const ImapCommand &command);
    void onIdle(const ImapCommand &command);
    void endIdle(const ImapRawCommand &raw);
    void sendQresyncChanges(const ImapSelectArguments &select);
    // Reads the store's changes to the selected folder; false when the
    // folder is gone (the session has said BYE).
    bool refreshSelected();
    void writeUpdates(bool allowExpunge);
    ImapUpdateOptions updateOptions(bool allowExpunge) const;
    void selectedFolderGone();

    // Messages (ImapSessionMessages.cpp)
    void onFetch(const ImapCommand &command);
    // Writes the next slice; resumeAfter: the FETCH was started from an
    // event (socket drained, store answered), so reading resumes at its end.
    void continueFetch(bool resumeAfter);
    void onSearch(const ImapCommand &command);
    void onStore(const ImapCommand &command);
    void onCopy(const ImapCommand &command);
    bool resolve(const ImapCommand &command, const ImapSequenceSet &set, QList<qsizetype> *indices);
    QByteArray flagFetch(qsizetype index, bool uid) const;
    // Takes the session's own stored change into the selected state (new
    // flags, mod-sequence and file name); the message's index, -1 when it
    // is gone. changedNow: its mod-sequence differs from the one known.
    qsizetype applyOwnFlagChange(const store::FlagChange &change, bool *changedNow = nullptr);
    // `bytes` more fit the user's mailbox and domain quota (RFC 9208).
    bool quotaAllows(qint64 bytes) const;

    std::shared_ptr<ImapServerState> m_state;
    std::shared_ptr<const ImapSettings> m_settings;
    QSslSocket *m_socket;
    std::unique_ptr<net::ConnectionTicket> m_ticket;
    QHostAddress m_peer;
    QTimer m_timer;
    State m_sessionState = State::NotAuthenticated;
    Mode m_mode = Mode::Command;
    bool m_implicitTls = false;
    bool m_tls = false;

    ImapCommandReader m_reader;
    QByteArray m_input;
    qsizetype m_consumed = 0;
    QByteArray m_output;
    int m_badCommands = 0;
    bool m_shutdownRequested = false;
    bool m_halfClosed = false;
    bool m_drainQueued = false; // onBytesWritten() posted its continuation

    // Enabled extensions (RFC 5161)
    bool m_imap4rev2 = false;
    bool m_utf8Accept = false;
    bool m_condstore = false;
    bool m_qresync = false;

    QByteArray m_saslTag; // AUTHENTICATE waiting for its response
    core::MailboxTarget m_user;
    bool m_userCounted = false;
    QString m_storeDomain; // store::VmailPath key of the user's mailbox
    QString m_storeLocalPart;
    // Shared with this I/O thread's other sessions of the same mailbox
    // (MessageStore::sharedReader).
    std::shared_ptr<store::MailboxReader> m_mailbox;
    quint64 m_headerCacheMailbox = 0; // ImapHeaderCache::mailboxId, on the first use

    ImapSelectedMailbox m_selected;
    QByteArray m_idleTag;
    QList<quint32> m_savedUids; // SEARCHRES (RFC 5182)
    std::unique_ptr<FetchJob> m_fetch;
    std::unique_ptr<AppendJob> m_append;
};

} // namespace mailstead::imap
