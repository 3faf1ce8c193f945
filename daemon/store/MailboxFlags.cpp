// MailboxFlags.cpp - STORE: flag and keyword changes, and the Maildir
// renames that carry the flags in the file names
//
// RFC 9051 section 6.4.6 (STORE), RFC 7162 section 3.1.3 (UNCHANGEDSINCE:
// a message changed since then is reported, not touched), Maildir's
// "base:2,FLAGS" info (MaildirName). The index is the authority for flags;
// the file names follow it so the Maildir stays readable by other tools.
//
// Speed: in a directory of thousands of files a rename costs several times
// a row update, so a large STORE hands each rename to a second thread as
// soon as the row is read, and reads, writes and commits the rows while
// the renames run. A crash between the renames and the
// commit leaves names whose flags the index does not have: the index wins
// and recovery finds files by their base name (MaildirName), so nothing is
// lost and the unacknowledged STORE simply did not happen. A commit that
// fails renames the files back.
#include "core/Log.h"
#include "MailboxIndex.h"
#include "MaildirName.h"
#include "PosixFile.h"

#include <condition_variable>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace mailstead::store {

namespace {

// A STORE of at least this many messages renames on a second thread;
// below it the thread costs more than it saves.
constexpr qsizetype parallelRenameThreshold = 64;

struct Rename {
    QString from;
    QString to;
};

struct RowUpdate {
    quint32 uid = 0;
    quint64 modSeq = 0;
    MessageFlags flags;
    QString keywords;
    QString fileName;
};

// dirFd: the folder's directory (openDirectory), or -1 for full paths. A
// failure is logged and skipped (the index stays the authority).
void renameAll(int dirFd, const QString &dir, const QList<Rename> &renames, bool backwards) {
    for (const Rename &rename : renames) {
        const QString &from = backwards ? rename.to : rename.from;
        const QString &to = backwards ? rename.from : rename.to;
        QString error;
        const bool renamed = dirFd >= 0
                                 ? PosixFile::renameAt(dirFd, from, to, &error)
                                 : PosixFile::rename(dir + u'/' + from, dir + u'/' + to, &error);
        if (!renamed)
            qCWarning(core::lcStore) << error;
    }
}

// Renames handed over one by one while the rows are still being read; the
// renaming thread takes whatever has arrived, in order, until closed.
class RenameQueue {
public:
    // dirFd: the folder's directory (openDirectory), -1 for full paths.
    RenameQueue(int dirFd, const QString &dir)
        : m_dirFd(dirFd)
        , m_dir(dir) {}

    void push(const Rename &rename) {
        std::lock_guard lock(m_mutex);
        m_items.append(rename);
        if (m_waiting)
            m_wake.notify_one();
    }
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_wake.notify_one();
    }
    void run() {
        qsizetype next = 0;
        for (;;) {
            QList<Rename> batch;
            {
                std::unique_lock lock(m_mutex);
                m_waiting = true;
                m_wake.wait(lock, [&] { return m_closed || next < m_items.size(); });
                m_waiting = false;
                if (next == m_items.size())
                    return; // closed and done
                batch = m_items.mid(next);
                next = m_items.size();
            }
            renameAll(m_dirFd, m_dir, batch, false);
        }
    }

private:
    const int m_dirFd;
    const QString m_dir;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    QList<Rename> m_items; // guarded by m_mutex
    bool m_waiting = false;
    bool m_closed = false;
};

} // namespace

bool MailboxIndex::storeFlags(const QString &folderName, const QList<quint32> &uids, FlagMode mode,
                              MessageFlags flags, const QStringList &keywords,
                              quint64 unchangedSince, FlagUpdate *update, QString *error) {
    const FolderInfo *current = folder(folderName);
    if (!current) {
        if (error)
            *error = u"no folder "_s + folderName;
        return false;
    }
    FolderInfo target = *current;
    const quint64 modSeqBefore = current->highestModSeq;
    const QString dir = folderPath(target);
    QList<Rename> renames;
    QList<RowUpdate> rows;
    QList<FlagChange> result;
    result.reserve(uids.size());

    // Names relative to the folder: one path resolution for all renames.
    const int dirFd = uids.isEmpty() ? -1 : PosixFile::openDirectory(dir);
    RenameQueue queue(dirFd, dir);
    std::jthread renamer;
    const bool parallel = uids.size() >= parallelRenameThreshold;
    if (parallel)
        renamer = std::jthread([&queue] { queue.run(); });

    SqliteTransaction transaction(m_db);
    bool ok = transaction.isActive();
    // First the rows as they are, and what each becomes.
    SqliteStatement select(m_db, "SELECT modseq, flags, keywords, filename FROM messages"
                                 " WHERE folder_id=? AND uid=?");
    for (const quint32 uid : uids) {
        if (!ok)
            break;
        select.bind(1, target.id);
        select.bind(2, qint64(uid));
        if (!select.next()) {
            ok = select.ok();
            select.reset();
            continue; // expunged meanwhile: nothing to report
        }
        FlagChange change;
        change.uid = uid;
        change.modSeq = quint64(select.int64(0));
        const MessageFlags oldFlags = MessageFlags::fromInt(int(select.int64(1)));
        const QString oldKeywords = select.text(2);
        const QString oldName = select.text(3);
        select.reset();
        change.fileName = oldName;
        if (unchangedSince > 0 && change.modSeq > unchangedSince) {
            change.modified = true;
            change.flags = oldFlags;
            change.keywords = splitKeywords(oldKeywords);
            result.append(change);
            continue;
        }
        QStringList newKeywords = splitKeywords(oldKeywords);
        switch (mode) {
        case FlagMode::Add:
            change.flags = oldFlags | flags;
            newKeywords += keywords;
            break;
        case FlagMode::Remove:
            change.flags = oldFlags & ~flags;
            for (const QString &keyword : keywords)
                newKeywords.removeAll(keyword);
            break;
        case FlagMode::Replace:
            change.flags = flags;
            newKeywords = keywords;
            break;
        }
        const QString joined = joinKeywords(newKeywords);
        change.keywords = splitKeywords(joined);
        if (change.flags == oldFlags && joined == joinKeywords(splitKeywords(oldKeywords))) {
            result.append(change); // nothing changed: keep the modseq
            continue;
        }
        change.modSeq = ++target.highestModSeq;
        change.fileName =
            u"cur/"_s +
            MaildirName::withInfo(MaildirName::parse(oldName.mid(4)).baseName, change.flags);
        if (change.fileName != oldName) {
            renames.append({oldName, change.fileName});
            if (parallel)
                queue.push(renames.constLast());
        }
        rows.append({uid, change.modSeq, change.flags, joined, change.fileName});
        result.append(change);
    }
    select = SqliteStatement();

    if (parallel)
        queue.close();
    // Then the row updates and the commit, while the renames go on.
    {
        SqliteStatement updateRow(m_db, "UPDATE messages SET modseq=?, flags=?, keywords=?,"
                                        " filename=? WHERE folder_id=? AND uid=?");
        for (const RowUpdate &row : std::as_const(rows)) {
            if (!ok)
                break;
            updateRow.bind(1, qint64(row.modSeq));
            updateRow.bind(2, qint64(row.flags.toInt()));
            updateRow.bind(3, row.keywords);
            updateRow.bind(4, row.fileName);
            updateRow.bind(5, target.id);
            updateRow.bind(6, qint64(row.uid));
            ok = updateRow.run();
        }
    }
    const bool changed = target.highestModSeq != modSeqBefore;
    // Only the keywords this STORE sets can be new to the folder.
    ok = ok && (!changed || mode == FlagMode::Remove || addKeywords(target.id, keywords));
    ok = ok && (!changed || writeFolder(target));
    ok = ok && transaction.commit(error);
    if (parallel)
        renamer.join();
    if (!ok) {
        if (parallel)
            renameAll(dirFd, dir, renames, true);
        PosixFile::closeFd(dirFd);
        if (error && error->isEmpty())
            *error = u"flag update failed: "_s + m_db.lastError();
        return false;
    }
    *mutableFolder(folderName) = target;
    if (!parallel && !renames.isEmpty())
        renameAll(dirFd, dir, renames, false);
    PosixFile::closeFd(dirFd);
    if (update) {
        update->changes = std::move(result);
        update->modSeqBefore = modSeqBefore;
        update->modSeqAfter = target.highestModSeq;
    }
    return true;
}

} // namespace mailstead::store
