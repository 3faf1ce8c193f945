// MailboxFolders.cpp - folders: create, delete, rename, subscribe, copy messages between
//
// RFC 9051 sections 6.3.4 (CREATE), 6.3.5 (DELETE), 6.3.6 (RENAME),
// 6.3.7-8 (SUBSCRIBE), 6.4.7 (COPY);
// RFC 6154 section 3 (CREATE-SPECIAL-USE). Hierarchy rules (\Noselect
// parents, RENAME of subtrees) are the IMAP layer's: here a folder is a name.
//
// Durability: CREATE makes and syncs the directories before the row is
// committed, so a committed folder always has its directories. DELETE moves
// the directory away (synced) before the commit: a crash in between leaves
// an empty folder that the next open repairs, never rows pointing into a
// half-deleted directory. RENAME moves the directories first (synced)
// and then commits the rows; a crash in between leaves the rows pointing
// at the old, now missing directories: recovery empties those folders
// while the renamed directories stay on disk untouched (nothing is
// deleted, an administrator can move them back).
#include "core/Log.h"
#include "MailboxIndex.h"
#include "MaildirName.h"
#include "PosixFile.h"

#include <QDateTime>
#include <QDir>
#include <QSet>

using namespace Qt::StringLiterals;

namespace mailstead::store {

namespace {

// A path component of an IMAP name may not be empty, and no name may hold
// control characters (RFC 9051 section 5.1 leaves them to the server).
bool isValidFolderName(const QString &name) {
    if (name.isEmpty() || name.startsWith(u'/') || name.endsWith(u'/') || name.contains(u"//"_s))
        return false;
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    }
    return name.compare(u"INBOX"_s, Qt::CaseInsensitive) != 0;
}

} // namespace

QString MailboxIndex::folderDirName(const QString &name) {
    if (!isValidFolderName(name))
        return {};
    static constexpr char kHex[] = "0123456789ABCDEF";
    QByteArray dir = ".";
    const QByteArray utf8 = name.toUtf8();
    for (const char c : utf8) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '=' || c == '-';
        if (plain) {
            dir.append(c);
        } else if (c == '/') {
            dir.append('.');
        } else {
            const auto byte = static_cast<unsigned char>(c);
            dir.append('%').append(kHex[byte >> 4]).append(kHex[byte & 0x0f]);
        }
    }
    // NAME_MAX; IMAP names that long are not worth a special case.
    return dir.size() <= 255 ? QString::fromLatin1(dir) : QString();
}

bool MailboxIndex::createFolder(const QString &name, const QString &specialUse, QString *error) {
    const QString dirName = folderDirName(name);
    if (dirName.isEmpty() || folder(name)) {
        if (error)
            *error = dirName.isEmpty() ? u"invalid folder name"_s : u"folder exists"_s;
        return false;
    }
    const QString path = m_dir + u'/' + dirName;
    // Leftovers of an interrupted DELETE would otherwise be indexed into the
    // new folder by the next recovery.
    if (QFileInfo::exists(path) && !QDir(path).removeRecursively()) {
        if (error)
            *error = u"cannot clear old directory "_s + path;
        return false;
    }
    if (!ensureFolderDirs(path, true, error))
        return false;
    SqliteTransaction transaction(m_db);
    SqliteStatement insert(m_db, "INSERT INTO folders(name, dir, special_use, uidvalidity)"
                                 " VALUES(?, ?, ?, ?)");
    insert.bind(1, name);
    insert.bind(2, dirName);
    insert.bind(3, specialUse);
    insert.bind(4, qint64(nextUidValidity()));
    const bool ok = insert.run();
    insert = SqliteStatement();
    if (!ok || !transaction.commit(error)) {
        if (error && error->isEmpty())
            *error = u"cannot create folder: "_s + m_db.lastError();
        return false;
    }
    return loadState(error);
}

bool MailboxIndex::deleteFolder(const QString &name, QString *error) {
    const FolderInfo *existing = folder(name);
    if (!existing || existing->dirName.isEmpty()) {
        if (error)
            *error = existing ? u"INBOX cannot be deleted"_s : u"no such folder"_s;
        return false;
    }
    const FolderInfo target = *existing;
    const QString vmailDir = m_dir.section(u'/', 0, -3);
    const QString graveyard = vmailDir + u"/.removed/"_s + m_dir.section(u'/', -1) + u'.' +
                              target.dirName.mid(1) + u'.' +
                              QString::number(QDateTime::currentMSecsSinceEpoch());
    if (!PosixFile::rename(folderPath(target), graveyard, error) ||
        !PosixFile::syncDir(m_dir, error))
        return false;

    Usage usage = m_usage;
    usage.bytes -= target.bytes;
    usage.messages -= target.messages;
    SqliteTransaction transaction(m_db);
    SqliteStatement messages(m_db, "DELETE FROM messages WHERE folder_id=?");
    SqliteStatement expunged(m_db, "DELETE FROM expunged WHERE folder_id=?");
    SqliteStatement keywords(m_db, "DELETE FROM keywords WHERE folder_id=?");
    SqliteStatement row(m_db, "DELETE FROM folders WHERE id=?");
    bool ok = transaction.isActive();
    for (SqliteStatement *statement : {&messages, &expunged, &keywords, &row}) {
        statement->bind(1, target.id);
        ok = ok && statement->run();
    }
    ok = ok && FullTextIndex::removeFolder(m_db, target.id, error) && writeUsage(usage);
    messages = SqliteStatement();
    expunged = SqliteStatement();
    keywords = SqliteStatement();
    row = SqliteStatement();
    if (!ok || !transaction.commit(error)) {
        if (error && error->isEmpty())
            *error = u"cannot delete folder: "_s + m_db.lastError();
        // Put the directory back: the folder still exists in the index.
        PosixFile::rename(graveyard, folderPath(target), nullptr);
        return false;
    }
    m_usage = usage;
    if (!loadState(error))
        return false;
    QDir(graveyard).removeRecursively();
    return true;
}

bool MailboxIndex::renameFolder(const QString &from, const QString &to, QString *error) {
    const FolderInfo *source = folder(from);
    if (!source || source->dirName.isEmpty()) {
        if (error)
            *error = source ? u"INBOX cannot be renamed here"_s : u"no such folder"_s;
        return false;
    }
    struct Move {
        qint64 id = 0;
        QString name;
        QString oldPath;
        QString newPath;
        QString newDir;
    };
    const QString sourceName = source->name;
    const QString prefix = sourceName + u'/';
    QList<Move> moves;
    for (const FolderInfo &info : std::as_const(m_folders)) {
        if (info.name != sourceName && !info.name.startsWith(prefix))
            continue;
        Move move;
        move.id = info.id;
        move.name = to + info.name.mid(sourceName.size());
        move.newDir = folderDirName(move.name);
        move.oldPath = folderPath(info);
        move.newPath = m_dir + u'/' + move.newDir;
        if (move.newDir.isEmpty() || folder(move.name) || QFileInfo::exists(move.newPath)) {
            if (error)
                *error = move.newDir.isEmpty() ? u"invalid folder name "_s + move.name
                                               : u"folder exists: "_s + move.name;
            return false;
        }
        moves.append(move);
    }
    QList<Move> renamed;
    auto undo = [&renamed]() {
        for (const Move &move : std::as_const(renamed))
            PosixFile::rename(move.newPath, move.oldPath, nullptr);
    };
    for (const Move &move : std::as_const(moves)) {
        if (!PosixFile::rename(move.oldPath, move.newPath, error)) {
            undo();
            return false;
        }
        renamed.append(move);
    }
    if (!PosixFile::syncDir(m_dir, error)) {
        undo();
        return false;
    }
    SqliteTransaction transaction(m_db);
    SqliteStatement update(m_db, "UPDATE folders SET name=?, dir=? WHERE id=?");
    bool ok = transaction.isActive();
    for (const Move &move : std::as_const(moves)) {
        update.bind(1, move.name);
        update.bind(2, move.newDir);
        update.bind(3, move.id);
        ok = ok && update.run();
    }
    update = SqliteStatement();
    if (!ok || !transaction.commit(error)) {
        if (error && error->isEmpty())
            *error = u"cannot rename folder: "_s + m_db.lastError();
        undo();
        PosixFile::syncDir(m_dir, nullptr);
        return false;
    }
    return loadState(error);
}

bool MailboxIndex::setSubscribed(const QString &name, bool subscribed, QString *error) {
    const FolderInfo *existing = folder(name);
    if (!existing) {
        if (error)
            *error = u"no such folder"_s;
        return false;
    }
    SqliteStatement update(m_db, "UPDATE folders SET subscribed=? WHERE id=?");
    update.bind(1, qint64(subscribed ? 1 : 0));
    update.bind(2, existing->id);
    if (!update.run()) {
        if (error)
            *error = u"cannot update subscription: "_s + m_db.lastError();
        return false;
    }
    mutableFolder(name)->subscribed = subscribed;
    return true;
}

bool MailboxIndex::copyMessages(const QString &from, const QList<quint32> &uids, const QString &to,
                                QList<quint32> *copied, QList<Assigned> *assigned, QString *error) {
    const FolderInfo *source = folder(from);
    const FolderInfo *target = folder(to);
    if (!source || !target) {
        if (error)
            *error = u"no such folder"_s;
        return false;
    }
    const QString sourceDir = folderPath(*source);
    const QString targetDir = folderPath(*target);
    QList<NewMessage> rows;
    QList<quint32> found;
    QStringList linked;
    QSet<QString> dirs;
    bool ok = true;
    SqliteStatement select(m_db, "SELECT flags, keywords, size, vsize, internaldate, filename,"
                                 " envelope, bodystructure FROM messages"
                                 " WHERE folder_id=? AND uid=?");
    for (const quint32 uid : uids) {
        select.bind(1, source->id);
        select.bind(2, qint64(uid));
        if (!select.next()) {
            ok = select.ok();
            select.reset();
            if (!ok)
                break;
            continue; // expunged meanwhile
        }
        NewMessage row;
        row.folder = target->name;
        row.flags = MessageFlags::fromInt(int(select.int64(0)));
        row.keywords = select.text(1).split(u' ', Qt::SkipEmptyParts);
        row.size = select.int64(2);
        row.virtualSize = select.int64(3);
        row.internalDate = select.int64(4);
        row.textFromFolder = source->id;
        row.textFromUid = uid;
        const QString sourceName = select.text(5);
        // The cached structure travels with the row (NULL stays NULL).
        row.envelope = select.blob(6);
        row.bodyStructure = select.blob(7);
        select.reset();
        const QString sub = (row.flags || !row.keywords.isEmpty()) ? u"cur"_s : u"new"_s;
        const QString base = MaildirName::uniqueBaseName(row.size, row.virtualSize);
        row.fileName =
            sub + u'/' + (sub == u"cur"_s ? MaildirName::withInfo(base, row.flags) : base);
        const int rc =
            PosixFile::link(sourceDir + u'/' + sourceName, targetDir + u'/' + row.fileName);
        if (rc != 0) {
            if (error)
                *error = u"cannot copy "_s + sourceName + u": "_s + PosixFile::errorString(rc);
            ok = false;
            break;
        }
        linked.append(targetDir + u'/' + row.fileName);
        dirs.insert(targetDir + u'/' + sub);
        rows.append(row);
        found.append(uid);
    }
    select = SqliteStatement();
    for (const QString &dir : std::as_const(dirs))
        ok = ok && PosixFile::syncDir(dir, error);
    QList<Assigned> result;
    ok = ok && (rows.isEmpty() || appendMessages(rows, &result, error));
    if (!ok) {
        for (const QString &path : std::as_const(linked))
            PosixFile::remove(path);
        return false;
    }
    if (copied)
        *copied = found;
    if (assigned)
        *assigned = result;
    return true;
}

} // namespace mailstead::store
