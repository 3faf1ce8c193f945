// ImapSessionSelected.cpp - SELECT and EXAMINE, CLOSE, UNSELECT, EXPUNGE
// and UID EXPUNGE, IDLE, and the untagged updates of the selected mailbox
//
// RFC 9051 sections 6.3.2-6.3.3 (SELECT/EXAMINE responses: FLAGS, EXISTS,
// PERMANENTFLAGS, UIDVALIDITY, UIDNEXT, LIST for IMAP4rev2; READ-WRITE or
// READ-ONLY), 6.4.1 (CLOSE expunges silently), 6.4.3 (EXPUNGE), 6.3.13
// (IDLE), sections 5.2 and 7.5.1 (when changes may be announced), RFC 3501
// sections 6.3.1 and 7.3.2 (IMAP4rev1: RECENT, UNSEEN), RFC 3691
// (UNSELECT), RFC 4315 section 2.1 (UID EXPUNGE), RFC 7162 sections 3.1.2
// (HIGHESTMODSEQ), 3.2.5 (SELECT QRESYNC: VANISHED (EARLIER) and FETCH of
// what changed since the client's mod-sequence) and 3.2.11 (CLOSED), RFC
// 2177 (IDLE: a delivery shows up at once through the store's change
// notice).
//
// SECURITY: only the logged-in user's folders; the QRESYNC data is the
// peer's, bounded by the parser, and used only to filter what is sent.
#include "ImapCommandParser.h"
#include "ImapFlags.h"
#include "ImapLog.h"
#include "ImapResponseFormat.h"
#include "ImapSession.h"
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap {

ImapUpdateOptions ImapSession::updateOptions(bool allowExpunge) const {
    ImapUpdateOptions options;
    options.allowExpunge = allowExpunge;
    options.condstore = m_condstore;
    options.qresync = m_qresync;
    options.imap4rev2 = m_imap4rev2;
    return options;
}

bool ImapSession::refreshSelected() {
    const store::FolderInfo known = m_selected.folder();
    m_mailbox->beginSnapshot();
    const std::optional<store::FolderInfo> folder = m_mailbox->folder(known.name);
    if (!folder || folder->uidValidity != known.uidValidity) {
        m_mailbox->endSnapshot();
        selectedFolderGone();
        return false;
    }
    if (folder->highestModSeq != known.highestModSeq) {
        const QList<store::MessageInfo> changed =
            m_mailbox->changedSince(known.name, known.highestModSeq);
        const QList<store::ExpungedInfo> expunged =
            m_mailbox->expungedSince(known.name, known.highestModSeq);
        m_selected.apply(*folder, changed, expunged);
    }
    m_mailbox->endSnapshot();
    return true;
}

void ImapSession::writeUpdates(bool allowExpunge) {
    if (m_sessionState != State::Selected || m_mode == Mode::Closing)
        return;
    // Every command looks (one indexed read of the folder row when nothing
    // changed), so another session's change is seen at the next command
    // even when its notice is still on its way.
    if (!refreshSelected())
        return;
    write(m_selected.takeUpdates(updateOptions(allowExpunge)));
}

void ImapSession::selectedFolderGone() {
    qCInfo(lcImap).noquote() << "selected folder of" << userAddress() << "is gone";
    closeWith(ImapStatusResponse::bye("The selected mailbox was deleted or renamed",
                                      responsecode::unavailable()));
}

void ImapSession::mailboxChanged(const QString &domain, const QString &localPart,
                                 const QString &folder) {
    if (m_sessionState != State::Selected || domain != m_storeDomain ||
        localPart != m_storeLocalPart || folder != m_selected.folder().name)
        return;
    if (m_mode != Mode::Idle)
        return; // the next command's refresh announces it
    writeUpdates(true);
    flushOutput();
}

void ImapSession::onSelect(const ImapCommand &command) {
    const ImapSelectArguments *args = command.as<ImapSelectArguments>();
    const bool readOnly = command.name == ImapCommandName::Examine;
    if (m_sessionState == State::Selected) {
        m_selected.close();
        m_sessionState = State::Authenticated;
        // RFC 7162 section 3.2.11 and RFC 9051 section 7.1: the end of the
        // previous mailbox's responses.
        if (m_qresync || m_imap4rev2)
            write(
                ImapStatusResponse::ok("Previous mailbox closed", responsecode::closed()).toWire());
    }
    m_savedUids.clear();
    if (args->condStore || args->qresync)
        m_condstore = true;
    m_mailbox->beginSnapshot();
    const std::optional<store::FolderInfo> folder = m_mailbox->folder(args->mailbox);
    QList<store::MessageInfo> messages;
    QStringList keywords;
    if (folder) {
        messages = m_mailbox->messages(folder->name);
        keywords = m_mailbox->keywords(folder->name);
    }
    m_mailbox->endSnapshot();
    if (!folder) {
        respond(command.tag,
                ImapStatusResponse::no("No such mailbox", responsecode::nonExistent()));
        return;
    }
    m_selected.open(*folder, messages, keywords, readOnly);
    m_sessionState = State::Selected;

    write(m_selected.flagsResponses());
    write("* "_ba + QByteArray::number(messages.size()) + " EXISTS\r\n"_ba);
    if (!m_imap4rev2) {
        write("* 0 RECENT\r\n"_ba);
        for (qsizetype i = 0; i < messages.size(); ++i) {
            if (!messages.at(i).flags.testFlag(store::MessageFlag::Seen)) {
                write(ImapStatusResponse::ok("First unseen", responsecode::unseen(quint32(i + 1)))
                          .toWire());
                break;
            }
        }
    }
    write(ImapStatusResponse::ok("UIDs valid", responsecode::uidValidity(folder->uidValidity))
              .toWire());
    write(ImapStatusResponse::ok("Predicted next UID", responsecode::uidNext(folder->uidNext))
              .toWire());
    write(ImapStatusResponse::ok("Highest", responsecode::highestModSeq(folder->highestModSeq))
              .toWire());
    if (m_imap4rev2) {
        ImapStringOptions options;
        options.utf8 = true;
        write("* LIST () \"/\" "_ba + imapMailbox(folder->name, options) + "\r\n"_ba);
    }
    if (args->qresync && args->uidValidity == folder->uidValidity)
        sendQresyncChanges(*args);
    respond(command.tag, ImapStatusResponse::ok(
                             readOnly ? "EXAMINE completed"_ba : "SELECT completed"_ba,
                             readOnly ? responsecode::readOnly() : responsecode::readWrite()));
}

void ImapSession::sendQresyncChanges(const ImapSelectArguments &select) {
    const QString name = m_selected.folder().name;
    // Known UIDs limit what the client asks about; "*" cannot appear.
    const ImapSequenceSet known =
        select.knownUids.isEmpty()
            ? ImapSequenceSet()
            : resolveSequenceSet(select.knownUids, 0xffffffffu, ImapNumberKind::Uid).set;
    QList<quint32> vanished;
    const QList<store::ExpungedInfo> expunged = m_mailbox->expungedSince(name, select.modSeq);
    for (const store::ExpungedInfo &gone : expunged) {
        if (known.isEmpty() || known.contains(gone.uid))
            vanished.append(gone.uid);
    }
    if (!vanished.isEmpty())
        write("* VANISHED (EARLIER) "_ba + formatSequenceSet(sequenceSetFromValues(vanished)) +
              "\r\n"_ba);
    const QList<store::MessageInfo> changed = m_mailbox->changedSince(name, select.modSeq);
    for (const store::MessageInfo &message : changed) {
        const qsizetype index = m_selected.indexOfUid(message.uid);
        if (index < 0)
            continue;
        const store::MessageInfo &current = m_selected.messages().at(index);
        write("* "_ba + QByteArray::number(index + 1) + " FETCH (UID "_ba +
              QByteArray::number(current.uid) + " FLAGS "_ba +
              imapFlagList(current.flags, current.keywords) + " MODSEQ ("_ba +
              QByteArray::number(current.modSeq) + "))\r\n"_ba);
    }
}

void ImapSession::onClose(const ImapCommand &command) {
    QList<quint32> deleted;
    if (!m_selected.readOnly()) {
        for (qsizetype i = 0; i < m_selected.count(); ++i) {
            const store::MessageInfo &message = m_selected.messages().at(i);
            if (!m_selected.isExpunged(i) && message.flags.testFlag(store::MessageFlag::Deleted))
                deleted.append(message.uid);
        }
    }
    const QString folder = m_selected.folder().name;
    m_selected.close();
    m_sessionState = State::Authenticated;
    if (deleted.isEmpty()) {
        respond(command.tag, ImapStatusResponse::ok("CLOSE completed"));
        return;
    }
    // RFC 9051 section 6.4.1: expunged without untagged EXPUNGE responses.
    const QByteArray tag = command.tag;
    runWrite(
        [folder, deleted](store::MailboxIndex &index) {
            if (!index.expunge(folder, deleted, nullptr, nullptr))
                return QStringList();
            return QStringList{folder};
        },
        [this, tag](bool ok) {
            respond(tag, ok ? ImapStatusResponse::ok("CLOSE completed")
                            : ImapStatusResponse::no("CLOSE: the deleted messages remain",
                                                     responsecode::serverBug()));
            resume();
        });
}

void ImapSession::onUnselect(const ImapCommand &command) {
    m_selected.close();
    m_sessionState = State::Authenticated;
    respond(command.tag, ImapStatusResponse::ok("UNSELECT completed"));
}

void ImapSession::onExpunge(const ImapCommand &command) {
    if (m_selected.readOnly()) {
        respond(command.tag, ImapStatusResponse::no("The mailbox is read-only (EXAMINE)",
                                                    responsecode::readOnly()));
        return;
    }
    ImapSequenceSet limit;
    if (command.uid) {
        QList<qsizetype> indices;
        QByteArray error;
        if (!m_selected.resolve(command.as<ImapUidExpungeArguments>()->uids, true, m_savedUids,
                                &indices, &error)) {
            refuse(command.tag, ImapStatusResponse::bad(error));
            return;
        }
        QList<quint32> uids;
        for (const qsizetype index : std::as_const(indices))
            uids.append(m_selected.messages().at(index).uid);
        limit = sequenceSetFromValues(uids);
    }
    QList<quint32> deleted;
    for (qsizetype i = 0; i < m_selected.count(); ++i) {
        const store::MessageInfo &message = m_selected.messages().at(i);
        if (m_selected.isExpunged(i) || !message.flags.testFlag(store::MessageFlag::Deleted))
            continue;
        if (!command.uid || limit.contains(message.uid))
            deleted.append(message.uid);
    }
    const QByteArray tag = command.tag;
    if (deleted.isEmpty()) {
        writeUpdates(true);
        respond(tag, ImapStatusResponse::ok("EXPUNGE completed"));
        return;
    }
    const QString folder = m_selected.folder().name;
    runWrite(
        [folder, deleted](store::MailboxIndex &index) {
            if (!index.expunge(folder, deleted, nullptr, nullptr))
                return QStringList();
            return QStringList{folder};
        },
        [this, tag](bool ok) {
            writeUpdates(true);
            respond(tag, ok ? ImapStatusResponse::ok("EXPUNGE completed")
                            : ImapStatusResponse::no("EXPUNGE failed", responsecode::serverBug()));
            resume();
        });
}

void ImapSession::onIdle(const ImapCommand &command) {
    writeUpdates(true);
    if (m_mode == Mode::Closing)
        return;
    write(imapContinuation("idling"));
    m_idleTag = command.tag;
    m_mode = Mode::Idle;
    ++m_state->counters.idleSessions;
}

void ImapSession::endIdle(const ImapRawCommand &raw) {
    --m_state->counters.idleSessions;
    m_mode = Mode::Command;
    const QByteArray tag = std::exchange(m_idleTag, {});
    if (!isIdleDone(raw)) {
        refuse(tag, ImapStatusResponse::bad("Expected DONE to end IDLE"));
        return;
    }
    writeUpdates(true);
    respond(tag, ImapStatusResponse::ok("IDLE terminated"));
}

} // namespace mailstead::imap
