// ImapSessionMailboxes.cpp - the mailbox commands: CREATE, DELETE, RENAME,
// SUBSCRIBE, UNSUBSCRIBE, LIST, LSUB, STATUS, GETQUOTA, GETQUOTAROOT
//
// RFC 9051 sections 6.3.4-6.3.11 (CREATE creates missing superior levels;
// DELETE keeps inferior names; RENAME moves inferiors along, and RENAME
// INBOX moves its messages into a new folder and leaves INBOX empty),
// RFC 3501 section 6.3.9 (LSUB), RFC 5258 and RFC 5819 (LIST-EXTENDED,
// LIST-STATUS), RFC 6154 (SPECIAL-USE, CREATE-SPECIAL-USE with USEATTR),
// RFC 8438 (STATUS SIZE), RFC 7162 section 3.1.6 (STATUS HIGHESTMODSEQ),
// RFC 7889 (STATUS APPENDLIMIT), RFC 9208 (QUOTA: one quota root "" per
// user, STORAGE in units of 1024 octets).
//
// Decisions: the store keeps subscriptions on folders, so SUBSCRIBE to a
// name that does not exist answers NO [NONEXISTENT]; DELETE and RENAME of
// the mailbox this session has selected answer NO [INUSE] (the client
// closes it first); a folder has at most one special-use attribute.
//
// SECURITY: names are the peer's, decoded and bounded by the parser, and
// checked again by the store (MailboxIndex::folderDirName) before they
// become paths; only the logged-in user's mailbox is touched.
#include "ImapLog.h"
#include "ImapMailboxList.h"
#include "ImapMailboxName.h"
#include "ImapResponseFormat.h"
#include "ImapSession.h"
#include "store/MailboxIndex.h"
#include "store/MailboxReader.h"
#include "store/MessageStore.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

constexpr QByteArrayView knownUseAttributes[] = {
    "\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash",
};

// "a/b/c" -> {"a", "a/b"}
QStringList superiorNames(const QString &name) {
    QStringList names;
    qsizetype cut = name.indexOf(hierarchyDelimiter);
    while (cut > 0) {
        names.append(name.first(cut));
        cut = name.indexOf(hierarchyDelimiter, cut + 1);
    }
    return names;
}

// Creates the missing superiors of `name` (RFC 9051 section 6.3.4).
bool createSuperiors(store::MailboxIndex &index, const QString &name, QStringList *changed,
                     QString *error) {
    for (const QString &superior : superiorNames(name)) {
        if (index.folder(superior))
            continue;
        if (!index.createFolder(superior, {}, error))
            return false;
        changed->append(superior);
    }
    return true;
}

struct WriteOutcome {
    QString error;
};

} // namespace

std::optional<store::FolderInfo> ImapSession::findFolder(const QString &name) {
    return m_mailbox->folder(name);
}

void ImapSession::onCreate(const ImapCommand &command) {
    const ImapCreateArguments *args = command.as<ImapCreateArguments>();
    QString name = args->mailbox;
    // A trailing delimiter says "this will hold mailboxes"; the name is
    // created without it (RFC 9051 section 6.3.4).
    while (name.endsWith(hierarchyDelimiter))
        name.chop(1);
    if (isInbox(name) || findFolder(name)) {
        respond(command.tag,
                ImapStatusResponse::no("Mailbox already exists", responsecode::alreadyExists()));
        return;
    }
    if (store::MailboxIndex::folderDirName(name).isEmpty()) {
        respond(command.tag,
                ImapStatusResponse::no("Invalid mailbox name", responsecode::cannot()));
        return;
    }
    QString specialUse;
    for (const QByteArray &attribute : args->specialUse) {
        bool known = false;
        for (const QByteArrayView candidate : knownUseAttributes)
            known = known || candidate == attribute;
        if (!known || !specialUse.isEmpty()) {
            respond(command.tag,
                    ImapStatusResponse::no(known ? "Only one special-use attribute per mailbox"
                                                 : "Unknown special-use attribute",
                                           responsecode::useAttr()));
            return;
        }
        specialUse = QString::fromLatin1(attribute);
    }
    auto outcome = std::make_shared<WriteOutcome>();
    const QByteArray tag = command.tag;
    runWrite(
        [name, specialUse, outcome](store::MailboxIndex &index) {
            QStringList changed;
            if (createSuperiors(index, name, &changed, &outcome->error) &&
                index.createFolder(name, specialUse, &outcome->error))
                changed.append(name);
            else if (outcome->error.isEmpty())
                outcome->error = u"cannot create"_s;
            return changed;
        },
        [this, tag, outcome](bool ok) {
            writeUpdates(true);
            if (ok && outcome->error.isEmpty())
                respond(tag, ImapStatusResponse::ok("CREATE completed"));
            else
                respond(tag, ImapStatusResponse::no("Cannot create the mailbox",
                                                    responsecode::cannot()));
            resume();
        });
}

void ImapSession::onDelete(const ImapCommand &command) {
    const QString name = command.as<ImapMailboxArgument>()->mailbox;
    if (isInbox(name)) {
        respond(command.tag,
                ImapStatusResponse::no("INBOX cannot be deleted", responsecode::cannot()));
        return;
    }
    const std::optional<store::FolderInfo> folder = findFolder(name);
    if (!folder) {
        respond(command.tag,
                ImapStatusResponse::no("No such mailbox", responsecode::nonExistent()));
        return;
    }
    if (m_sessionState == State::Selected && m_selected.folder().id == folder->id) {
        respond(command.tag, ImapStatusResponse::no("The mailbox is selected; close it first",
                                                    responsecode::inUse()));
        return;
    }
    auto outcome = std::make_shared<WriteOutcome>();
    const QByteArray tag = command.tag;
    runWrite(
        [name, outcome](store::MailboxIndex &index) {
            if (!index.deleteFolder(name, &outcome->error))
                return QStringList();
            return QStringList{name};
        },
        [this, tag, outcome](bool ok) {
            writeUpdates(true);
            if (ok && outcome->error.isEmpty())
                respond(tag, ImapStatusResponse::ok("DELETE completed"));
            else
                respond(tag, ImapStatusResponse::no("Cannot delete the mailbox",
                                                    responsecode::serverBug()));
            resume();
        });
}

void ImapSession::onRename(const ImapCommand &command) {
    const ImapRenameArguments *args = command.as<ImapRenameArguments>();
    const QString from = args->from;
    QString to = args->to;
    while (to.endsWith(hierarchyDelimiter))
        to.chop(1);
    const std::optional<store::FolderInfo> source = findFolder(from);
    if (!source) {
        respond(command.tag,
                ImapStatusResponse::no("No such mailbox", responsecode::nonExistent()));
        return;
    }
    if (isInbox(to) || findFolder(to)) {
        respond(command.tag, ImapStatusResponse::no("The new name already exists",
                                                    responsecode::alreadyExists()));
        return;
    }
    if (store::MailboxIndex::folderDirName(to).isEmpty() ||
        (!isInbox(from) && to.startsWith(source->name + hierarchyDelimiter))) {
        respond(command.tag,
                ImapStatusResponse::no("Invalid new mailbox name", responsecode::cannot()));
        return;
    }
    if (m_sessionState == State::Selected && m_selected.folder().id == source->id) {
        respond(command.tag, ImapStatusResponse::no("The mailbox is selected; close it first",
                                                    responsecode::inUse()));
        return;
    }
    const bool inbox = isInbox(from);
    const QString sourceName = source->name;
    auto outcome = std::make_shared<WriteOutcome>();
    const QByteArray tag = command.tag;
    runWrite(
        [sourceName, to, inbox, outcome](store::MailboxIndex &index) {
            QStringList changed;
            if (!createSuperiors(index, to, &changed, &outcome->error))
                return changed;
            if (!inbox) {
                const QList<store::FolderInfo> before = index.folders();
                if (!index.renameFolder(sourceName, to, &outcome->error))
                    return changed;
                for (const store::FolderInfo &folder : before) {
                    if (folder.name == sourceName ||
                        folder.name.startsWith(sourceName + hierarchyDelimiter))
                        changed.append(folder.name);
                }
                changed.append(to);
                return changed;
            }
            // RFC 9051 section 6.3.6: RENAME INBOX moves its messages to
            // the new name; INBOX stays, empty. Each step is durable; a
            // crash between copy and expunge leaves copies, never a loss.
            if (!index.createFolder(to, {}, &outcome->error))
                return changed;
            changed << to << u"INBOX"_s;
            // Every UID below UIDNEXT: copyMessages skips the ones not there.
            const store::FolderInfo *inboxFolder = index.folder(u"INBOX"_s);
            QList<quint32> uids;
            for (quint32 uid = 1; inboxFolder && uid < inboxFolder->uidNext; ++uid)
                uids.append(uid);
            QList<quint32> copied;
            if (!index.copyMessages(u"INBOX"_s, uids, to, &copied, nullptr, &outcome->error) ||
                !index.expunge(u"INBOX"_s, copied, nullptr, &outcome->error))
                return changed;
            return changed;
        },
        [this, tag, outcome](bool ok) {
            writeUpdates(true);
            if (ok && outcome->error.isEmpty())
                respond(tag, ImapStatusResponse::ok("RENAME completed"));
            else
                respond(tag, ImapStatusResponse::no("Cannot rename the mailbox",
                                                    responsecode::cannot()));
            resume();
        });
}

void ImapSession::onSubscribe(const ImapCommand &command) {
    const QString name = command.as<ImapMailboxArgument>()->mailbox;
    const bool subscribe = command.name == ImapCommandName::Subscribe;
    const std::optional<store::FolderInfo> folder = findFolder(name);
    if (!folder) {
        respond(command.tag,
                ImapStatusResponse::no("No such mailbox", responsecode::nonExistent()));
        return;
    }
    auto outcome = std::make_shared<WriteOutcome>();
    const QByteArray tag = command.tag;
    const QString folderName = folder->name;
    runWrite(
        [folderName, subscribe, outcome](store::MailboxIndex &index) {
            index.setSubscribed(folderName, subscribe, &outcome->error);
            return QStringList();
        },
        [this, tag, subscribe, outcome](bool ok) {
            writeUpdates(true);
            const QByteArray verb = subscribe ? "SUBSCRIBE"_ba : "UNSUBSCRIBE"_ba;
            if (ok && outcome->error.isEmpty())
                respond(tag, ImapStatusResponse::ok(verb + " completed"));
            else
                respond(tag, ImapStatusResponse::no(verb + " failed", responsecode::serverBug()));
            resume();
        });
}

void ImapSession::onList(const ImapCommand &command) {
    const ImapListArguments *args = command.as<ImapListArguments>();
    const QList<store::FolderInfo> folders = m_mailbox->folders();
    QList<ImapListFolder> listed;
    for (const store::FolderInfo &folder : folders)
        listed.append({folder.name, folder.specialUse, folder.subscribed});
    ImapListOptions options;
    options.imap4rev2 = m_imap4rev2;
    const bool utf8 = m_imap4rev2 || m_utf8Accept;
    const QList<ImapListEntry> entries = imapListMailboxes(listed, *args, options);
    const bool withStatus = args->returns.testFlag(ImapListReturn::Status);
    for (const ImapListEntry &entry : entries) {
        write(imapListLine(entry, args->lsub, utf8));
        if (!withStatus || !entry.selectable)
            continue;
        for (const store::FolderInfo &folder : folders) {
            if (folder.name == entry.name)
                write(statusResponse(folder, args->statusItems));
        }
    }
    writeUpdates(true);
    respond(command.tag,
            ImapStatusResponse::ok(args->lsub ? "LSUB completed"_ba : "LIST completed"_ba));
}

QByteArray ImapSession::statusResponse(const store::FolderInfo &folder, ImapStatusItems items) {
    QByteArrayList pairs;
    for (const QByteArray &name : statusItemNames(items)) {
        qint64 value = 0;
        if (name == "MESSAGES") {
            value = folder.messages;
        } else if (name == "UIDNEXT") {
            value = folder.uidNext;
        } else if (name == "UIDVALIDITY") {
            value = folder.uidValidity;
        } else if (name == "UNSEEN") {
            value = m_mailbox->unseenCount(folder.name);
        } else if (name == "DELETED") {
            const QList<store::MessageInfo> messages = m_mailbox->messages(folder.name);
            for (const store::MessageInfo &message : messages)
                value += message.flags.testFlag(store::MessageFlag::Deleted) ? 1 : 0;
        } else if (name == "SIZE") {
            value = folder.bytes;
        } else if (name == "RECENT") {
            value = 0; // the store keeps no \Recent (StoreTypes.h)
        } else if (name == "HIGHESTMODSEQ") {
            value = qint64(folder.highestModSeq);
        } else if (name == "APPENDLIMIT") {
            value = m_settings->limits.maxLiteralSize;
        }
        pairs.append(name + ' ' + QByteArray::number(value));
    }
    ImapStringOptions options;
    options.utf8 = m_imap4rev2 || m_utf8Accept;
    return "* STATUS "_ba + imapMailbox(folder.name, options) + " ("_ba + pairs.join(' ') +
           ")\r\n"_ba;
}

void ImapSession::onStatus(const ImapCommand &command) {
    const ImapStatusArguments *args = command.as<ImapStatusArguments>();
    const std::optional<store::FolderInfo> folder = findFolder(args->mailbox);
    if (!folder) {
        respond(command.tag,
                ImapStatusResponse::no("No such mailbox", responsecode::nonExistent()));
        return;
    }
    if (args->items.testFlag(ImapStatusItem::HighestModSeq))
        m_condstore = true; // a CONDSTORE enabling command (RFC 7162 section 3.1)
    write(statusResponse(*folder, args->items));
    writeUpdates(true);
    respond(command.tag, ImapStatusResponse::ok("STATUS completed"));
}

QByteArray ImapSession::quotaResponse() {
    if (m_user.quotaBytes <= 0)
        return "* QUOTA \"\" ()\r\n"_ba;
    const store::Usage usage = m_mailbox->usage();
    // RFC 9208 section 5.1: STORAGE in units of 1024 octets.
    const qint64 used = (usage.bytes + 1023) / 1024;
    const qint64 limit = m_user.quotaBytes / 1024;
    return "* QUOTA \"\" (STORAGE "_ba + QByteArray::number(used) + ' ' +
           QByteArray::number(limit) + ")\r\n"_ba;
}

void ImapSession::onGetQuota(const ImapCommand &command) {
    if (!command.as<ImapQuotaRootArgument>()->root.isEmpty()) {
        respond(command.tag,
                ImapStatusResponse::no("No such quota root", responsecode::nonExistent()));
        return;
    }
    write(quotaResponse());
    respond(command.tag, ImapStatusResponse::ok("GETQUOTA completed"));
}

void ImapSession::onGetQuotaRoot(const ImapCommand &command) {
    const QString name = command.as<ImapMailboxArgument>()->mailbox;
    const std::optional<store::FolderInfo> folder = findFolder(name);
    if (!folder) {
        respond(command.tag,
                ImapStatusResponse::no("No such mailbox", responsecode::nonExistent()));
        return;
    }
    ImapStringOptions options;
    options.utf8 = m_imap4rev2 || m_utf8Accept;
    write("* QUOTAROOT "_ba + imapMailbox(folder->name, options) + " \"\"\r\n"_ba);
    write(quotaResponse());
    respond(command.tag, ImapStatusResponse::ok("GETQUOTAROOT completed"));
}

} // namespace mailstead::imap
