// MailboxRecovery.cpp - make a mailbox's index agree with its Maildir files
//
// Runs when the last writer did not close the index (crash, kill -9, power
// loss) and on demand. The crash windows of a delivery and what they leave:
//   file linked into new/, directory synced, no commit  -> file without row
//   (never acknowledged: indexing it is harmless and loses nothing; Dovecot
//   does the same), and
//   rows without files only through outside damage (a deleted file), which
//   are expunged with a log line so IMAP clients learn about it (QRESYNC).
// Files whose base name is in the expunge log were expunged before a crash
// undid the unlink: they are deleted, never revived. Rows whose file was
// renamed (flag change) follow the file. Everything, including the usage
// recount, is one transaction.
#include "core/Log.h"
#include "MailboxIndex.h"
#include "MaildirName.h"
#include "PosixFile.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace mailstead::store {

namespace {

struct IndexedRow {
    quint32 uid = 0;
    QString fileName;
};

// W= is missing on files that did not come through this store (an import);
// then the only way to know RFC822.SIZE is to read the file.
qint64 virtualSizeOfFile(const QString &path, const MaildirName::Parsed &parsed, qint64 size) {
    if (parsed.virtualSize >= 0 && parsed.size == size)
        return parsed.virtualSize;
    const int fd = PosixFile::openRead(path, nullptr);
    if (fd < 0)
        return size;
    bool ok = false;
    const QByteArray bytes = PosixFile::readAll(fd, size, &ok);
    PosixFile::closeFd(fd);
    return ok ? MaildirName::virtualSizeOf(bytes) : size;
}

} // namespace

bool MailboxIndex::sumOfRows(Usage *usage) {
    SqliteStatement total(m_db, "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM messages");
    if (!total.next())
        return false;
    *usage = {total.int64(1), total.int64(0)};
    return true;
}

bool MailboxIndex::recover(RecoveryReport *report, QString *error) {
    RecoveryReport result;
    QList<FolderInfo> folders = m_folders;

    SqliteTransaction transaction(m_db);
    SqliteStatement rows(m_db, "SELECT uid, filename FROM messages WHERE folder_id=?");
    SqliteStatement expungedNames(m_db, "SELECT basename FROM expunged"
                                        " WHERE folder_id=? AND basename IS NOT NULL");
    SqliteStatement rename(m_db, "UPDATE messages SET filename=? WHERE folder_id=? AND uid=?");
    SqliteStatement drop(m_db, "DELETE FROM messages WHERE folder_id=? AND uid=?");
    SqliteStatement log(m_db, "INSERT OR REPLACE INTO expunged(folder_id, uid, modseq, basename)"
                              " VALUES(?, ?, ?, ?)");
    SqliteStatement count(m_db, "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM messages"
                                " WHERE folder_id=?");
    bool ok = transaction.isActive();
    // The stored usage must equal the rows it summarises; say so if it did not.
    Usage before;
    ok = ok && sumOfRows(&before);
    result.usageCorrected = ok && !(before == m_usage);

    for (FolderInfo &folder : folders) {
        if (!ok)
            break;
        const QString dir = folderPath(folder);
        QHash<QString, IndexedRow> byBase;
        rows.bind(1, folder.id);
        while (rows.next()) {
            const QString fileName = rows.text(1);
            byBase.insert(MaildirName::parse(fileName.mid(4)).baseName,
                          {quint32(rows.int64(0)), fileName});
        }
        ok = rows.ok();
        rows.reset();
        QSet<QString> expunged;
        expungedNames.bind(1, folder.id);
        while (expungedNames.next())
            expunged.insert(expungedNames.text(0));
        ok = ok && expungedNames.ok();
        expungedNames.reset();

        QSet<quint32> seen;
        // cur/ first: if a message shows up in both, the cur/ name is the later one.
        for (const QString &sub : {u"cur"_s, u"new"_s}) {
            QStringList files = PosixFile::listFiles(dir + u'/' + sub);
            // Names start with the delivery time: sorted, new UIDs follow arrival.
            files.sort();
            for (const QString &name : std::as_const(files)) {
                if (!ok)
                    break;
                const QString relative = sub + u'/' + name;
                const QString path = dir + u'/' + relative;
                const MaildirName::Parsed parsed = MaildirName::parse(name);
                const auto row = byBase.constFind(parsed.baseName);
                if (row != byBase.constEnd()) {
                    if (seen.contains(row->uid)) {
                        // Same message in new/ and cur/: a rename's leftover link.
                        PosixFile::remove(path);
                        continue;
                    }
                    seen.insert(row->uid);
                    if (row->fileName != relative) {
                        rename.bind(1, relative);
                        rename.bind(2, folder.id);
                        rename.bind(3, qint64(row->uid));
                        ok = rename.run();
                        ++result.renamedRows;
                    }
                    continue;
                }
                if (expunged.contains(parsed.baseName)) {
                    PosixFile::remove(path);
                    ++result.removedExpunged;
                    continue;
                }
                PosixFile::FileStat info;
                if (!PosixFile::stat(path, &info))
                    continue; // vanished while we looked
                const quint32 uid = folder.uidNext++;
                const quint64 modSeq = ++folder.highestModSeq;
                m_insertMessage.bind(1, folder.id);
                m_insertMessage.bind(2, qint64(uid));
                m_insertMessage.bind(3, qint64(modSeq));
                m_insertMessage.bind(
                    4, qint64((sub == u"cur"_s ? parsed.flags : MessageFlags()).toInt()));
                m_insertMessage.bind(5, QString());
                m_insertMessage.bind(6, info.size);
                m_insertMessage.bind(7, virtualSizeOfFile(path, parsed, info.size));
                m_insertMessage.bind(8, info.mtime);
                m_insertMessage.bind(9, relative);
                NewMessage unlisted;
                unlisted.fileName = relative;
                unlisted = withFileContent(folder, unlisted);
                bindStructure(unlisted);
                ok = m_insertMessage.run() && insertText(folder, uid, unlisted);
                seen.insert(uid);
                ++result.indexedFiles;
                qCInfo(core::lcStore) << "indexed unlisted message" << path << "as uid" << uid;
            }
        }
        for (auto row = byBase.constBegin(); ok && row != byBase.constEnd(); ++row) {
            if (seen.contains(row->uid))
                continue;
            qCWarning(core::lcStore) << "message file" << dir + u'/' + row->fileName
                                     << "is gone; expunging uid" << row->uid;
            drop.bind(1, folder.id);
            drop.bind(2, qint64(row->uid));
            log.bind(1, folder.id);
            log.bind(2, qint64(row->uid));
            log.bind(3, qint64(++folder.highestModSeq));
            log.bind(4, row.key());
            ok = drop.run() && log.run() && FullTextIndex::remove(m_db, folder.id, row->uid, error);
            ++result.droppedRows;
        }
        count.bind(1, folder.id);
        if (ok && count.next()) {
            folder.messages = count.int64(0);
            folder.bytes = count.int64(1);
        } else {
            ok = false;
        }
        count.reset();
        ok = ok && writeFolder(folder);
    }

    Usage usage;
    ok = ok && sumOfRows(&usage);
    ok = ok && writeUsage(usage);
    if (!ok || !transaction.commit(error)) {
        if (error && error->isEmpty())
            *error = u"recovery of "_s + m_dir + u" failed: "_s + m_db.lastError();
        return false;
    }
    if (result.usageCorrected)
        qCWarning(core::lcStore) << "usage of" << m_dir << "was" << m_usage.bytes
                                 << "bytes, its messages hold" << before.bytes;
    m_folders = folders;
    m_usage = usage;
    if (report)
        *report = result;
    return true;
}

} // namespace mailstead::store
