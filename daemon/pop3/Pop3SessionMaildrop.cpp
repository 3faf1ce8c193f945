// Pop3SessionMaildrop.cpp - the TRANSACTION and UPDATE states of a POP3
// session: STAT, LIST, UIDL, RETR, TOP, DELE, RSET, NOOP, QUIT
//
// RFC 1939 section 5 (TRANSACTION: message numbers of the snapshot, deleted
// messages are not counted or listed, "-ERR" for them), section 6 (UPDATE:
// the deletions happen only at QUIT, "+OK" after they did, "-ERR" when some
// could not be removed), section 7 (TOP, UIDL), RFC 2449 section 6.6
// (pipelined commands, answered in order; a RETR streams before the next
// command is read). Locking, \Seen and the snapshot: see Pop3Session.h.
//
// SECURITY: the peer is authenticated and reaches only the INBOX of its own
// mailbox through m_reader; message numbers are checked by Pop3Maildrop.
// RETR streams the file in transferChunkBytes pieces, no faster than the
// peer reads.
#include "Pop3Session.h"
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"
#include "store/MessageStore.h"
#include "store/PosixFile.h"

#include <cerrno>
#include <QPointer>
#include <QSslSocket>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::pop3 {

namespace {

const QString inboxName = u"INBOX"_s;

} // namespace

bool Pop3Session::openMaildrop(QString *error) {
    store::MessageStore *messages = m_state->services().messages;
    const qsizetype at = m_mailbox.lastIndexOf(u'@');
    if (!messages || at <= 0) {
        *error = u"no message store"_s;
        return false;
    }
    const QString localPart = m_mailbox.left(at);
    const QString domain = m_mailbox.mid(at + 1);
    if (!messages->mailboxExists(domain, localPart) &&
        !messages->ensureMailbox(domain, localPart, error))
        return false;
    m_reader = messages->sharedReader(domain, localPart, error);
    if (!m_reader)
        return false;
    // One read transaction: the folder row and its messages agree.
    m_reader->beginSnapshot();
    const std::optional<store::FolderInfo> inbox = m_reader->folder(inboxName);
    const QList<store::MessageInfo> list =
        inbox ? m_reader->messages(inboxName) : QList<store::MessageInfo>();
    m_reader->endSnapshot();
    if (!inbox) {
        *error = u"the mailbox has no INBOX"_s;
        m_reader.reset();
        return false;
    }
    m_maildrop = Pop3Maildrop(*inbox, list);
    return true;
}

void Pop3Session::executeTransaction(const Pop3Command &command) {
    switch (command.verb) {
    case Pop3Verb::Stat:
        ok(QByteArray::number(m_maildrop.visibleCount()) + ' ' +
           QByteArray::number(m_maildrop.visibleOctets()));
        return;
    case Pop3Verb::List:
        onList(command, false);
        return;
    case Pop3Verb::Uidl:
        onList(command, true);
        return;
    case Pop3Verb::Retr:
        if (checkMessage(command.message))
            startTransfer(command.message, -1);
        return;
    case Pop3Verb::Top:
        if (checkMessage(command.message))
            startTransfer(command.message, command.lines);
        return;
    case Pop3Verb::Dele:
        if (!checkMessage(command.message))
            return;
        m_maildrop.markDeleted(command.message);
        ok("Message " + QByteArray::number(command.message) + " deleted");
        return;
    case Pop3Verb::Rset:
        m_maildrop.undeleteAll();
        ok("Maildrop has " + QByteArray::number(m_maildrop.visibleCount()) + " messages (" +
           QByteArray::number(m_maildrop.visibleOctets()) + " octets)");
        return;
    case Pop3Verb::Noop:
        ok({});
        return;
    case Pop3Verb::Quit:
        onQuitTransaction();
        return;
    case Pop3Verb::Capa:
        onCapa();
        return;
    case Pop3Verb::User:
    case Pop3Verb::Pass:
    case Pop3Verb::Auth:
        refuse("Already logged in");
        return;
    case Pop3Verb::Stls:
        // RFC 2595 section 4: only in the AUTHORIZATION state.
        refuse("STLS is only available before logging in");
        return;
    case Pop3Verb::Unknown:
        break;
    }
    refuse("Unknown command");
}

bool Pop3Session::checkMessage(qint64 number) {
    switch (m_maildrop.lookup(number)) {
    case Pop3Maildrop::Lookup::Found:
        return true;
    case Pop3Maildrop::Lookup::NoSuchMessage:
        err("No such message");
        return false;
    case Pop3Maildrop::Lookup::Deleted:
        err("Message " + QByteArray::number(number) + " is deleted");
        return false;
    }
    return false;
}

void Pop3Session::onList(const Pop3Command &command, bool uniqueIds) {
    const auto line = [this, uniqueIds](qint64 number) -> QByteArray {
        return QByteArray::number(number) + ' ' +
               (uniqueIds ? m_maildrop.uniqueId(number)
                          : QByteArray::number(m_maildrop.message(number).virtualSize));
    };
    if (command.message > 0) {
        if (checkMessage(command.message))
            ok(line(command.message));
        return;
    }
    QByteArray listing =
        uniqueIds ? QByteArray("+OK Unique-ids follow\r\n")
                  : "+OK " + QByteArray::number(m_maildrop.visibleCount()) + " messages (" +
                        QByteArray::number(m_maildrop.visibleOctets()) + " octets)\r\n";
    for (qint64 number = 1; number <= m_maildrop.size(); ++number) {
        if (!m_maildrop.isDeleted(number))
            listing += line(number) + "\r\n";
    }
    listing += ".\r\n";
    m_output += listing;
}

void Pop3Session::startTransfer(qint64 number, qint64 bodyLines) {
    const int fd = m_reader->openMessage(m_maildrop.folder(), m_maildrop.message(number));
    if (fd < 0) {
        // Expunged by another session since the snapshot (no lock, see
        // Pop3Session.h); the session goes on.
        err("Message " + QByteArray::number(number) + " was removed by another session");
        return;
    }
    m_transferFd = fd;
    m_transferNumber = number;
    m_transferIsRetr = bodyLines < 0;
    m_transferBytes = 0;
    m_encoder.emplace(bodyLines);
    if (m_transferIsRetr)
        ok(QByteArray::number(m_maildrop.message(number).virtualSize) + " octets");
    else
        ok("Top of message follows");
    m_mode = Mode::Transfer;
    continueTransfer();
}

void Pop3Session::continueTransfer() {
    // flushOutput() may emit bytesWritten at once (QSslSocket does), which
    // calls back here: the loop below rechecks the backlog itself.
    if (m_mode != Mode::Transfer || m_inTransferStep)
        return;
    m_inTransferStep = true;
    QByteArray chunk(transferChunkBytes, Qt::Uninitialized);
    bool endOfFile = false;
    while (m_encoder->wantsMore() && !endOfFile &&
           m_output.size() + m_socket->bytesToWrite() < maxOutputBacklogBytes) {
        const ssize_t got = ::read(m_transferFd, chunk.data(), size_t(chunk.size()));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            // Mid-response there is no way to say -ERR: cut the
            // connection, so the client sees the response incomplete.
            qCWarning(lcPop3).noquote()
                << "cannot read message" << m_maildrop.message(m_transferNumber).uid << "of"
                << m_mailbox << ":" << store::PosixFile::errorString(errno);
            m_inTransferStep = false;
            abort();
            return;
        }
        if (got == 0) {
            endOfFile = true;
            break;
        }
        const qsizetype before = m_output.size();
        m_encoder->feed(QByteArrayView(chunk.constData(), qsizetype(got)), &m_output);
        m_transferBytes += m_output.size() - before;
        flushOutput();
    }
    m_inTransferStep = false;
    armTimer();
    if (m_encoder->wantsMore() && !endOfFile)
        return; // the peer has not caught up: resumed by bytesWritten
    endTransfer();
}

void Pop3Session::endTransfer() {
    const qsizetype before = m_output.size();
    m_encoder->finish(&m_output);
    m_transferBytes += m_output.size() - before;
    m_encoder.reset();
    store::PosixFile::closeFd(m_transferFd);
    m_transferFd = -1;
    m_state->counters.bytesRetrieved += m_transferBytes;
    if (m_transferIsRetr) {
        m_maildrop.markRetrieved(m_transferNumber);
        ++m_state->counters.messagesRetrieved;
    }
    m_mode = Mode::Command;
    flushOutput();
    // Commands pipelined behind RETR or TOP.
    onReadyRead();
}

void Pop3Session::onQuitTransaction() {
    const QList<quint32> deleted = m_maildrop.deletedUids();
    const QList<quint32> seen = m_maildrop.newlySeenUids();
    if (deleted.isEmpty() && seen.isEmpty()) {
        closeWith("+OK " + m_settings->hostname.toUtf8() + " signing off");
        return;
    }
    const qsizetype at = m_mailbox.lastIndexOf(u'@');
    auto expunged = std::make_shared<int>(0);
    store::MessageStore::WriteJob job = [deleted, seen,
                                         expunged](store::MailboxIndex &index) -> QStringList {
        QString error;
        if (!seen.isEmpty() && !index.storeFlags(inboxName, seen, store::FlagMode::Add,
                                                 store::MessageFlag::Seen, {}, 0, nullptr, &error))
            qCWarning(lcPop3).noquote() << "cannot flag retrieved messages \\Seen:" << error;
        QList<store::ExpungedInfo> removed;
        if (!deleted.isEmpty() && !index.expunge(inboxName, deleted, &removed, &error)) {
            qCWarning(lcPop3).noquote() << "cannot expunge deleted messages:" << error;
            *expunged = -1;
            return {inboxName};
        }
        *expunged = int(removed.size());
        return {inboxName};
    };
    m_mode = Mode::AwaitingUpdate;
    ++m_state->pendingUpdates;
    armTimer();
    // Answered on the writer thread, not through `this`: the count of
    // pending writes must drop even when the client has gone meanwhile.
    QObject *anchor = parent();
    QPointer<Pop3Session> session(this);
    m_state->services().messages->runWrite(
        m_mailbox.mid(at + 1), m_mailbox.left(at), std::move(job), nullptr,
        [state = m_state, anchor, session, expunged](bool ok, QString error) {
            const int count = std::max(0, *expunged);
            state->counters.messagesDeleted += count;
            const bool complete = ok && *expunged >= 0;
            QMetaObject::invokeMethod(
                anchor,
                [session, complete, error, count] {
                    if (session)
                        session->onUpdated(complete, error, count);
                },
                Qt::QueuedConnection);
            --state->pendingUpdates;
        });
}

void Pop3Session::onUpdated(bool ok, const QString &error, int expunged) {
    if (!ok) {
        qCWarning(lcPop3).noquote() << "UPDATE of" << m_mailbox << "failed:" << error;
        // RFC 1939 section 6: -ERR when some deleted messages were not removed.
        closeWith("-ERR [SYS/TEMP] Some deleted messages were not removed; try again");
        return;
    }
    qCInfo(lcPop3).noquote() << m_mailbox << "logged out," << expunged << "messages deleted";
    closeWith("+OK " + m_settings->hostname.toUtf8() + " signing off (" +
              QByteArray::number(expunged) + " messages deleted)");
}

} // namespace mailstead::pop3
