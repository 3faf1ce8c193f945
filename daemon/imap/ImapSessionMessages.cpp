// ImapSessionMessages.cpp - the message commands of the selected state:
// FETCH, SEARCH, STORE, COPY and MOVE, with and without UID
//
// RFC 9051 sections 6.4.4 (SEARCH; IMAP4rev2 answers with ESEARCH), 6.4.5
// (FETCH; BODY[] without PEEK sets \Seen), 6.4.6 (STORE), 6.4.7 (COPY),
// 6.4.8 (MOVE, RFC 6851: COPYUID in an untagged OK, then EXPUNGE), 6.4.9
// (UID), section 7.5.1 (no EXPUNGE during FETCH, STORE, SEARCH without
// UID), RFC 4731 (ESEARCH: MIN MAX ALL COUNT), RFC 5182 (SEARCHRES: SAVE
// and "$"), RFC 4315 (COPYUID), RFC 7162 sections 3.1.3 (UNCHANGEDSINCE,
// MODIFIED), 3.1.4 (FETCH CHANGEDSINCE, MODSEQ), 3.1.5 (SEARCH MODSEQ),
// 3.2.6 (UID FETCH VANISHED), RFC 9208 (COPY over quota: NO [OVERQUOTA]).
// The FETCH data and the SEARCH evaluation come from ImapFetchResponder
// and ImapSearchEngine; this file resolves the sets, applies the implicit
// \Seen through the store first, and writes FETCH results in slices.
//
// SECURITY: sequence sets and search programs are the peer's, bounded by
// the parser; they only select among the user's own messages.
#include "ImapFetchResponder.h"
#include "ImapFlags.h"
#include "ImapLog.h"
#include "ImapMessageView.h"
#include "ImapSearchEngine.h"
#include "ImapSession.h"
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"

#include <QSet>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

// A FETCH writes at most this much before it hands the octets to the
// socket; beyond maxOutputBacklogBytes it waits for the socket to drain.
constexpr qsizetype fetchFlushBytes = 256 * 1024;

bool hasItem(const QList<ImapFetchItem> &items, ImapFetchItem::Kind kind) {
    for (const ImapFetchItem &item : items) {
        if (item.kind == kind)
            return true;
    }
    return false;
}

} // namespace

bool ImapSession::resolve(const ImapCommand &command, const ImapSequenceSet &set,
                          QList<qsizetype> *indices) {
    QByteArray error;
    if (m_selected.resolve(set, command.uid, m_savedUids, indices, &error))
        return true;
    refuse(command.tag, ImapStatusResponse::bad(error));
    return false;
}

QByteArray ImapSession::flagFetch(qsizetype index, bool uid) const {
    const store::MessageInfo &message = m_selected.messages().at(index);
    QByteArray out = "* "_ba + QByteArray::number(index + 1) + " FETCH (FLAGS "_ba +
                     imapFlagList(message.flags, message.keywords);
    if (uid || m_condstore || m_qresync)
        out += " UID "_ba + QByteArray::number(message.uid);
    if (m_condstore)
        out += " MODSEQ ("_ba + QByteArray::number(message.modSeq) + ')';
    return out + ")\r\n"_ba;
}

void ImapSession::onFetch(const ImapCommand &command) {
    const ImapFetchArguments *args = command.as<ImapFetchArguments>();
    writeUpdates(command.uid);
    if (m_mode == Mode::Closing)
        return;
    QList<qsizetype> indices;
    if (!resolve(command, args->set, &indices))
        return;
    if (args->changedSince || hasItem(args->items, ImapFetchItem::Kind::ModSeq))
        m_condstore = true;
    if (args->changedSince) {
        QList<qsizetype> changed;
        for (const qsizetype index : std::as_const(indices)) {
            if (m_selected.messages().at(index).modSeq > *args->changedSince)
                changed.append(index);
        }
        indices = changed;
    }
    if (args->vanished && args->changedSince) {
        // RFC 7162 section 3.2.6: UIDs in the set expunged since then.
        const ImapSequenceSet asked =
            resolveSequenceSet(args->set, qMax(m_selected.folder().uidNext, 1u) - 1,
                               ImapNumberKind::Uid, sequenceSetFromValues(m_savedUids))
                .set;
        QList<quint32> vanished;
        const QList<store::ExpungedInfo> expunged =
            m_mailbox->expungedSince(m_selected.folder().name, *args->changedSince);
        for (const store::ExpungedInfo &gone : expunged) {
            if (asked.contains(gone.uid) && m_selected.indexOfUid(gone.uid) < 0)
                vanished.append(gone.uid);
        }
        if (!vanished.isEmpty())
            write("* VANISHED (EARLIER) "_ba + formatSequenceSet(sequenceSetFromValues(vanished)) +
                  "\r\n"_ba);
    }

    auto job = std::make_unique<FetchJob>();
    job->tag = command.tag;
    job->command = command;
    job->indices = indices;
    QList<quint32> unseen;
    if (fetchSetsSeen(args->items) && !m_selected.readOnly()) {
        for (const qsizetype index : std::as_const(indices)) {
            const store::MessageInfo &message = m_selected.messages().at(index);
            if (!m_selected.isExpunged(index) && !message.flags.testFlag(store::MessageFlag::Seen))
                unseen.append(message.uid);
        }
    }
    m_fetch = std::move(job);
    if (unseen.isEmpty()) {
        continueFetch(false);
        return;
    }
    // RFC 9051 section 6.4.5: the \Seen flag is set before the data is
    // returned; the responses then carry the new FLAGS.
    auto update = std::make_shared<store::FlagUpdate>();
    const QString folder = m_selected.folder().name;
    runWrite(
        [folder, unseen, update](store::MailboxIndex &index) {
            if (!index.storeFlags(folder, unseen, store::FlagMode::Add, store::MessageFlag::Seen,
                                  {}, 0, update.get(), nullptr))
                return QStringList();
            return QStringList{folder};
        },
        [this, update](bool) {
            if (!m_fetch) {
                resume();
                return;
            }
            for (const store::FlagChange &change : std::as_const(update->changes)) {
                if (applyOwnFlagChange(change) >= 0)
                    m_fetch->flagsChanged.insert(change.uid);
            }
            m_selected.adoptOwnUpdate(*update);
            continueFetch(true);
        });
}

void ImapSession::continueFetch(bool resumeAfter) {
    FetchJob *job = m_fetch.get();
    if (!job)
        return;
    m_mode = Mode::Streaming;
    const ImapFetchArguments *args = job->command.as<ImapFetchArguments>();
    ImapFetchContext context;
    context.imap4rev2 = m_imap4rev2;
    context.utf8Accept = m_utf8Accept;
    context.condstore = m_condstore;
    context.uid = job->command.uid;
    // Header fetches (message lists) are answered from the shared header
    // cache when they can; a miss reads the file and fills it.
    const bool headerOnly = fetchNeedsOnlyHeader(args->items);
    ImapHeaderCache &cache = m_state->headerCache;
    ImapHeaderCache::Key key;
    if (headerOnly) {
        if (!m_headerCacheMailbox)
            m_headerCacheMailbox = cache.mailboxId(m_mailbox->mailboxDir());
        key.mailbox = m_headerCacheMailbox;
        key.folder = m_selected.folder().id;
        key.uidValidity = m_selected.folder().uidValidity;
    }
    while (job->next < job->indices.size()) {
        if (m_output.size() + m_socket->bytesToWrite() > maxOutputBacklogBytes) {
            flushOutput();
            armTimer();
            return; // onBytesWritten() continues
        }
        const qsizetype index = job->indices.at(job->next++);
        const store::MessageInfo &info = m_selected.messages().at(index);
        context.flags = job->flagsChanged.contains(info.uid);
        QByteArray code;
        if (headerOnly) {
            key.uid = info.uid;
            const QByteArray header = cache.find(key);
            if (!header.isNull()) {
                ImapMessageView view(header, *m_mailbox, m_selected.folder(), info,
                                     quint32(index + 1));
                write(imapFetchResponse(view, args->items, context, &code));
            } else {
                ImapMessageView view(*m_mailbox, m_selected.folder(), info, quint32(index + 1));
                write(imapFetchResponse(view, args->items, context, &code));
                // Not loaded: the index answered (ENVELOPE), no file was read.
                if (view.isLoaded() && view.headerEnd() <= maxCachedHeaderBytes)
                    cache.insert(key, view.bytes().first(view.headerEnd()).toByteArray());
            }
        } else {
            ImapMessageView view(*m_mailbox, m_selected.folder(), info, quint32(index + 1));
            write(imapFetchResponse(view, args->items, context, &code));
        }
        if (!code.isEmpty())
            job->failureCode = code;
        if (m_output.size() > fetchFlushBytes)
            flushOutput();
    }
    m_mode = Mode::Command;
    const QByteArray tag = job->tag;
    const QByteArray failure = job->failureCode;
    const bool uid = job->command.uid;
    m_fetch.reset();
    writeUpdates(uid);
    if (m_mode == Mode::Closing)
        return;
    if (!failure.isEmpty())
        respond(tag, ImapStatusResponse::no("Some parts could not be decoded", failure));
    else
        respond(tag, ImapStatusResponse::ok("FETCH completed"));
    if (resumeAfter)
        resume();
}

void ImapSession::onSearch(const ImapCommand &command) {
    const ImapSearchArguments *args = command.as<ImapSearchArguments>();
    writeUpdates(command.uid);
    if (m_mode == Mode::Closing)
        return;
    if (args->usesModSeq)
        m_condstore = true;
    ImapSearchInput input;
    input.program = &args->program;
    input.messages = &m_selected.messages();
    input.savedUids = m_savedUids;
    input.imap4rev2 = m_imap4rev2;
    const ImapSearchOutput output = imapSearch(input, *m_mailbox, m_selected.folder());
    const bool save = args->returns.testFlag(ImapSearchReturn::Save);
    if (!output.ok) {
        if (save)
            m_savedUids.clear(); // RFC 5182 section 2.1
        if (output.failure.kind == ImapStatusResponse::Kind::Bad)
            refuse(command.tag, output.failure);
        else
            respond(command.tag, output.failure);
        return;
    }
    QList<quint32> numbers;
    QList<quint32> uids;
    for (const int index : output.matches) {
        const store::MessageInfo &message = m_selected.messages().at(index);
        uids.append(message.uid);
        numbers.append(command.uid ? message.uid : quint32(index + 1));
    }
    const bool modSeq = args->usesModSeq && !numbers.isEmpty();

    // Plain SEARCH under IMAP4rev2 answers ESEARCH ALL (RFC 9051 section
    // 6.4.4); "RETURN ()" means ALL too.
    ImapSearchReturns returns = args->returns;
    if (!args->extended || (returns == ImapSearchReturns() && !save))
        returns |= ImapSearchReturn::All;
    const bool minOrMaxOnly =
        (returns.testFlag(ImapSearchReturn::Min) || returns.testFlag(ImapSearchReturn::Max)) &&
        !returns.testFlag(ImapSearchReturn::All) && !returns.testFlag(ImapSearchReturn::Count);
    if (save) {
        // RFC 5182 section 2.4: with MIN and/or MAX alone only those are saved.
        if (minOrMaxOnly && !uids.isEmpty()) {
            QList<quint32> kept;
            if (returns.testFlag(ImapSearchReturn::Min))
                kept.append(uids.constFirst());
            if (returns.testFlag(ImapSearchReturn::Max) && uids.constLast() != uids.constFirst())
                kept.append(uids.constLast());
            m_savedUids = kept;
        } else {
            m_savedUids = uids;
        }
    }

    if (!args->extended && !m_imap4rev2) {
        QByteArray line = "* SEARCH"_ba;
        for (const quint32 number : std::as_const(numbers))
            line += ' ' + QByteArray::number(number);
        if (modSeq)
            line += " (MODSEQ "_ba + QByteArray::number(output.highestModSeq) + ')';
        write(line + "\r\n"_ba);
    } else if (returns != ImapSearchReturns(ImapSearchReturn::Save)) {
        // SAVE alone answers nothing but the tagged OK (RFC 5182 section 2.4).
        QByteArray line = "* ESEARCH (TAG \""_ba + command.tag + "\")"_ba;
        if (command.uid)
            line += " UID"_ba;
        if (!numbers.isEmpty()) {
            if (returns.testFlag(ImapSearchReturn::Min))
                line += " MIN "_ba + QByteArray::number(numbers.constFirst());
            if (returns.testFlag(ImapSearchReturn::Max))
                line += " MAX "_ba + QByteArray::number(numbers.constLast());
            if (returns.testFlag(ImapSearchReturn::All))
                line += " ALL "_ba + formatSequenceSet(sequenceSetFromValues(numbers));
        }
        if (returns.testFlag(ImapSearchReturn::Count))
            line += " COUNT "_ba + QByteArray::number(numbers.size());
        if (modSeq)
            line += " MODSEQ "_ba + QByteArray::number(output.highestModSeq);
        write(line + "\r\n"_ba);
    }
    respond(command.tag, ImapStatusResponse::ok("SEARCH completed"));
}

qsizetype ImapSession::applyOwnFlagChange(const store::FlagChange &change, bool *changedNow) {
    const qsizetype index = m_selected.indexOfUid(change.uid);
    if (index < 0)
        return -1;
    store::MessageInfo info = m_selected.messages().at(index);
    if (changedNow)
        *changedNow = info.modSeq != change.modSeq;
    info.flags = change.flags;
    info.keywords = change.keywords;
    info.modSeq = change.modSeq;
    info.fileName = change.fileName;
    m_selected.updateMessage(info);
    return index;
}

void ImapSession::onStore(const ImapCommand &command) {
    const ImapStoreArguments *args = command.as<ImapStoreArguments>();
    writeUpdates(command.uid);
    if (m_mode == Mode::Closing)
        return;
    if (m_selected.readOnly()) {
        respond(command.tag, ImapStatusResponse::no("The mailbox is read-only (EXAMINE)",
                                                    responsecode::readOnly()));
        return;
    }
    QList<qsizetype> indices;
    if (!resolve(command, args->set, &indices))
        return;
    store::MessageFlags flags;
    QStringList keywords;
    if (!imapParseFlags(args->flags, &flags, &keywords)) {
        refuse(command.tag, ImapStatusResponse::bad("Invalid flag"));
        return;
    }
    if (args->unchangedSince)
        m_condstore = true;
    QList<quint32> uids;
    QList<quint32> modified;
    for (const qsizetype index : std::as_const(indices)) {
        if (m_selected.isExpunged(index))
            continue;
        const store::MessageInfo &message = m_selected.messages().at(index);
        // UNCHANGEDSINCE 0 fails for every message (RFC 7162 section 3.1.3).
        if (args->unchangedSince && *args->unchangedSince == 0)
            modified.append(command.uid ? message.uid : quint32(index + 1));
        else
            uids.append(message.uid);
    }
    store::FlagMode mode = store::FlagMode::Replace;
    if (args->operation == ImapStoreArguments::Operation::Add)
        mode = store::FlagMode::Add;
    else if (args->operation == ImapStoreArguments::Operation::Remove)
        mode = store::FlagMode::Remove;
    const quint64 unchangedSince = args->unchangedSince.value_or(0);
    const QString folder = m_selected.folder().name;
    const QByteArray tag = command.tag;
    const bool uid = command.uid;
    const bool silent = args->silent;
    auto update = std::make_shared<store::FlagUpdate>();
    auto finish = [this, tag, uid, silent, update, modified](bool ok) mutable {
        QList<quint32> failed = modified;
        for (const store::FlagChange &change : std::as_const(update->changes)) {
            if (change.modified) {
                const qsizetype index = m_selected.indexOfUid(change.uid);
                if (index >= 0)
                    failed.append(uid ? change.uid : quint32(index + 1));
                continue;
            }
            bool changedNow = false;
            const qsizetype index = applyOwnFlagChange(change, &changedNow);
            // .SILENT still reports a new MODSEQ under CONDSTORE (RFC 7162
            // section 3.1.3), so the client's cache stays exact.
            if (index >= 0 && (!silent || (m_condstore && changedNow)))
                write(flagFetch(index, uid));
        }
        m_selected.adoptOwnUpdate(*update);
        writeUpdates(uid);
        if (!ok)
            respond(tag, ImapStatusResponse::no("STORE failed", responsecode::serverBug()));
        else if (!failed.isEmpty())
            respond(tag,
                    ImapStatusResponse::ok("Conditional STORE failed for some messages",
                                           responsecode::modified(sequenceSetFromValues(failed))));
        else
            respond(tag, ImapStatusResponse::ok("STORE completed"));
    };
    if (uids.isEmpty()) {
        finish(true);
        return;
    }
    runWrite(
        [folder, uids, mode, flags, keywords, unchangedSince, update](store::MailboxIndex &index) {
            if (!index.storeFlags(folder, uids, mode, flags, keywords, unchangedSince, update.get(),
                                  nullptr))
                return QStringList();
            return QStringList{folder};
        },
        [this, finish](bool ok) mutable {
            finish(ok);
            resume();
        });
}

void ImapSession::onCopy(const ImapCommand &command) {
    const ImapCopyArguments *args = command.as<ImapCopyArguments>();
    const bool move = command.name == ImapCommandName::Move;
    writeUpdates(command.uid);
    if (m_mode == Mode::Closing)
        return;
    QList<qsizetype> indices;
    if (!resolve(command, args->set, &indices))
        return;
    if (move && m_selected.readOnly()) {
        respond(command.tag, ImapStatusResponse::no("The mailbox is read-only (EXAMINE)",
                                                    responsecode::readOnly()));
        return;
    }
    const std::optional<store::FolderInfo> target = findFolder(args->mailbox);
    if (!target) {
        respond(command.tag, ImapStatusResponse::no("No such mailbox", responsecode::tryCreate()));
        return;
    }
    QList<quint32> uids;
    qint64 bytes = 0;
    for (const qsizetype index : std::as_const(indices)) {
        if (m_selected.isExpunged(index))
            continue;
        uids.append(m_selected.messages().at(index).uid);
        bytes += m_selected.messages().at(index).size;
    }
    const QByteArray name = move ? "MOVE"_ba : "COPY"_ba;
    if (uids.isEmpty()) {
        writeUpdates(command.uid);
        respond(command.tag, ImapStatusResponse::ok(name + " completed (nothing to copy)"));
        return;
    }
    // A MOVE does not grow the mailbox; a COPY must fit (RFC 9208 section 4.3).
    if (!move && !quotaAllows(bytes)) {
        respond(command.tag, ImapStatusResponse::no("Quota exceeded", responsecode::overQuota()));
        return;
    }
    struct CopyOutcome {
        QList<quint32> copied;
        QList<store::MailboxIndex::Assigned> assigned;
        bool expunged = false;
    };
    auto outcome = std::make_shared<CopyOutcome>();
    const QString from = m_selected.folder().name;
    const QString to = target->name;
    const QByteArray tag = command.tag;
    const bool uid = command.uid;
    runWrite(
        [from, to, uids, move, outcome](store::MailboxIndex &index) {
            QString error;
            if (!index.copyMessages(from, uids, to, &outcome->copied, &outcome->assigned, &error)) {
                qCWarning(lcImap).noquote() << "copy failed:" << error;
                return QStringList();
            }
            if (move)
                outcome->expunged = index.expunge(from, outcome->copied, nullptr, &error);
            return move ? QStringList{to, from} : QStringList{to};
        },
        [this, tag, uid, move, name, outcome](bool ok) {
            const bool copiedAll = ok && outcome->copied.size() == outcome->assigned.size();
            QByteArray code;
            if (copiedAll && !outcome->assigned.isEmpty()) {
                QList<quint32> destination;
                for (const store::MailboxIndex::Assigned &slot : std::as_const(outcome->assigned))
                    destination.append(slot.uid);
                code = responsecode::copyUid(outcome->assigned.constFirst().uidValidity,
                                             outcome->copied, destination);
            }
            if (!copiedAll || (move && !outcome->expunged)) {
                writeUpdates(uid);
                respond(tag, ImapStatusResponse::no(name + " failed", responsecode::serverBug()));
                resume();
                return;
            }
            if (move) {
                // RFC 6851 section 4.3: COPYUID comes in an untagged OK before
                // the EXPUNGE responses.
                if (!code.isEmpty())
                    write(ImapStatusResponse::ok("Moved", code).toWire());
                writeUpdates(true);
                respond(tag, ImapStatusResponse::ok("MOVE completed"));
            } else {
                writeUpdates(uid);
                respond(tag, ImapStatusResponse::ok("COPY completed", code));
            }
            resume();
        });
}

} // namespace mailstead::imap
