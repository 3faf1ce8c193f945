// MailboxIndex.cpp - opening, appending and expunges for one mailbox (flag
// changes: MailboxFlags.cpp)
#include "MailboxIndex.h"

#include "core/Log.h"
#include "FullTextIndex.h"
#include "IndexSchema.h"
#include "MaildirName.h"
#include "PosixFile.h"

#include <algorithm>
#include <atomic>
#include <QDateTime>
#include <QSet>

using namespace Qt::StringLiterals;

namespace mailstead::store {

namespace {

struct StandardFolder {
    const char16_t *name;
    const char16_t *dir;
    const char16_t *specialUse; // RFC 6154 section 2
};

constexpr StandardFolder kStandardFolders[] = {
    {u"INBOX", u"", u""},
    {u"Sent", u".Sent", u"\\Sent"},
    {u"Drafts", u".Drafts", u"\\Drafts"},
    {u"Junk", u".Junk", u"\\Junk"},
    {u"Trash", u".Trash", u"\\Trash"},
    {u"Archive", u".Archive", u"\\Archive"},
};

std::atomic<quint32> s_lastUidValidity{0};

} // namespace

QString MailboxIndex::joinKeywords(QStringList keywords) {
    keywords.removeDuplicates();
    keywords.sort();
    return keywords.join(u' ');
}

QStringList MailboxIndex::splitKeywords(const QString &text) {
    return text.split(u' ', Qt::SkipEmptyParts);
}

quint32 MailboxIndex::nextUidValidity() {
    const auto now = quint32(QDateTime::currentSecsSinceEpoch());
    quint32 last = s_lastUidValidity.load();
    quint32 next = 0;
    do {
        next = std::max(now, last + 1);
    } while (!s_lastUidValidity.compare_exchange_weak(last, next));
    return next;
}

MailboxIndex::MailboxIndex(QString mailboxDir)
    : m_dir(std::move(mailboxDir)) {}

MailboxIndex::~MailboxIndex() {
    close();
}

bool MailboxIndex::ensureFolderDirs(const QString &folderDir, bool isSubfolder, QString *error) {
    bool created = false;
    if (isSubfolder) {
        if (!PosixFile::makeDir(folderDir, &created, error))
            return false;
        if (created && !PosixFile::syncDir(m_dir, error))
            return false;
    }
    bool anyCreated = false;
    for (const char16_t *sub : {u"cur", u"new", u"tmp"}) {
        if (!PosixFile::makeDir(folderDir + u'/' + QStringView(sub), &created, error))
            return false;
        anyCreated = anyCreated || created;
    }
    if (isSubfolder && anyCreated) {
        // Maildir++: marks a subfolder for tools (Courier, Dovecot).
        const QString marker = folderDir + u"/maildirfolder"_s;
        const int fd = PosixFile::createExclusive(marker, nullptr);
        PosixFile::closeFd(fd);
    }
    return !anyCreated || PosixFile::syncDir(folderDir, error);
}

bool MailboxIndex::createLayout(QString *error) {
    // vmail/<domain>/<local>: each new name is durable once its parent is synced.
    const QString domainDir = m_dir.section(u'/', 0, -2);
    const QString vmailDir = domainDir.section(u'/', 0, -2);
    bool created = false;
    if (!PosixFile::makeDir(vmailDir, &created, error))
        return false;
    if (!PosixFile::makeDir(domainDir, &created, error))
        return false;
    if (created && !PosixFile::syncDir(vmailDir, error))
        return false;
    if (!PosixFile::makeDir(m_dir, &created, error))
        return false;
    if (created && !PosixFile::syncDir(domainDir, error))
        return false;
    for (const StandardFolder &folder : kStandardFolders) {
        const QString dir = QString::fromUtf16(folder.dir);
        if (!ensureFolderDirs(dir.isEmpty() ? m_dir : m_dir + u'/' + dir, !dir.isEmpty(), error))
            return false;
    }
    return true;
}

bool MailboxIndex::open(bool create, QString *error) {
    close();
    const QString indexPath = m_dir + u"/index.db"_s;
    PosixFile::FileStat info;
    const bool existed = PosixFile::stat(indexPath, &info);
    if (!existed && !create) {
        if (error)
            *error = u"no mailbox at "_s + m_dir;
        return false;
    }
    if (create && !createLayout(error))
        return false;
    if (!m_db.open(indexPath, SqliteDb::Mode::Writer, error) ||
        !IndexSchema::migrate(m_db, error)) {
        discard();
        return false;
    }
    m_insertMessage.prepare(m_db, "INSERT INTO messages(folder_id, uid, modseq, flags, keywords,"
                                  " size, vsize, internaldate, filename, envelope, bodystructure)"
                                  " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    m_updateFolder.prepare(m_db, "UPDATE folders SET uidnext=?, highestmodseq=?, messages=?,"
                                 " bytes=? WHERE id=?");
    m_updateUsage.prepare(m_db, "UPDATE usage SET bytes=?, messages=? WHERE id=1");
    m_insertKeyword.prepare(m_db,
                            "INSERT OR IGNORE INTO keywords(folder_id, keyword) VALUES(?, ?)");
    m_insertText.prepare(m_db, FullTextIndex::insertSql);

    SqliteStatement readState(m_db, "SELECT value FROM meta WHERE key='state'");
    const QString previousState = readState.next() ? readState.text(0) : QString();
    readState = SqliteStatement();

    if (!loadState(error)) {
        discard();
        return false;
    }
    if (m_folders.isEmpty() && (!createStandardFolders(error) || !loadState(error))) {
        discard();
        return false;
    }
    if (!setState("open", error)) {
        discard();
        return false;
    }
    if (!existed && !PosixFile::syncDir(m_dir, error)) {
        discard();
        return false;
    }
    for (const FolderInfo &folder : std::as_const(m_folders)) {
        if (!ensureFolderDirs(folderPath(folder), !folder.dirName.isEmpty(), error)) {
            discard();
            return false;
        }
    }
    cleanTmp();
    m_lastRecovery = {};
    if (previousState != u"closed"_s) {
        if (existed)
            qCInfo(core::lcStore) << "index" << indexPath << "was not closed cleanly; recovering";
        if (!recover(&m_lastRecovery, error)) {
            discard();
            return false;
        }
    }
    if (!fillTextIndex(error)) {
        discard();
        return false;
    }
    return true;
}

void MailboxIndex::close() {
    if (!m_db.isOpen())
        return;
    setState("closed", nullptr);
    discard();
}

void MailboxIndex::discard() {
    m_insertMessage = SqliteStatement();
    m_updateFolder = SqliteStatement();
    m_updateUsage = SqliteStatement();
    m_insertKeyword = SqliteStatement();
    m_insertText = SqliteStatement();
    m_db.close();
}

bool MailboxIndex::createStandardFolders(QString *error) {
    SqliteTransaction transaction(m_db);
    SqliteStatement insert(m_db, "INSERT INTO folders(name, dir, special_use, uidvalidity)"
                                 " VALUES(?, ?, ?, ?)");
    for (const StandardFolder &folder : kStandardFolders) {
        insert.bind(1, QString::fromUtf16(folder.name));
        insert.bind(2, QString::fromUtf16(folder.dir));
        insert.bind(3, QString::fromUtf16(folder.specialUse));
        insert.bind(4, qint64(nextUidValidity()));
        if (!insert.run()) {
            if (error)
                *error = u"cannot create folders: "_s + m_db.lastError();
            return false;
        }
    }
    return transaction.commit(error);
}

bool MailboxIndex::setState(const char *state, QString *error) {
    SqliteStatement update(m_db, "INSERT OR REPLACE INTO meta(key, value) VALUES('state', ?)");
    update.bind(1, QString::fromLatin1(state));
    if (!update.run()) {
        if (error)
            *error =
                u"cannot mark index "_s + QString::fromLatin1(state) + u": "_s + m_db.lastError();
        return false;
    }
    return true;
}

bool MailboxIndex::loadState(QString *error) {
    m_folders.clear();
    SqliteStatement folders(m_db, "SELECT id, name, dir, special_use, subscribed, uidvalidity,"
                                  " uidnext, highestmodseq, messages, bytes FROM folders"
                                  " ORDER BY id");
    while (folders.next()) {
        FolderInfo folder;
        folder.id = folders.int64(0);
        folder.name = folders.text(1);
        folder.dirName = folders.text(2);
        folder.specialUse = folders.text(3);
        folder.subscribed = folders.int64(4) != 0;
        folder.uidValidity = quint32(folders.int64(5));
        folder.uidNext = quint32(folders.int64(6));
        folder.highestModSeq = quint64(folders.int64(7));
        folder.messages = folders.int64(8);
        folder.bytes = folders.int64(9);
        m_folders.append(folder);
    }
    SqliteStatement usage(m_db, "SELECT bytes, messages FROM usage WHERE id=1");
    if (!folders.ok() || !usage.next()) {
        if (error)
            *error = u"cannot read index "_s + m_dir + u": "_s + m_db.lastError();
        return false;
    }
    m_usage = {usage.int64(0), usage.int64(1)};
    return true;
}

void MailboxIndex::cleanTmp() {
    for (const FolderInfo &folder : std::as_const(m_folders)) {
        const QString tmp = folderPath(folder) + u"/tmp"_s;
        const QStringList leftovers = PosixFile::listFiles(tmp);
        for (const QString &name : leftovers)
            PosixFile::remove(tmp + u'/' + name);
        if (!leftovers.isEmpty())
            qCInfo(core::lcStore) << "removed" << leftovers.size() << "leftover files from" << tmp;
    }
}

const FolderInfo *MailboxIndex::folder(const QString &name) const {
    // IMAP: INBOX is case-insensitive, every other name is exact (RFC 9051 5.1).
    const bool inbox = name.compare(u"INBOX"_s, Qt::CaseInsensitive) == 0;
    for (const FolderInfo &candidate : m_folders) {
        if (inbox ? candidate.dirName.isEmpty() : candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

FolderInfo *MailboxIndex::mutableFolder(const QString &name) {
    return const_cast<FolderInfo *>(folder(name));
}

QString MailboxIndex::folderPath(const FolderInfo &info) const {
    return info.dirName.isEmpty() ? m_dir : m_dir + u'/' + info.dirName;
}

bool MailboxIndex::writeFolder(const FolderInfo &info) {
    m_updateFolder.bind(1, qint64(info.uidNext));
    m_updateFolder.bind(2, qint64(info.highestModSeq));
    m_updateFolder.bind(3, info.messages);
    m_updateFolder.bind(4, info.bytes);
    m_updateFolder.bind(5, info.id);
    return m_updateFolder.run();
}

bool MailboxIndex::writeUsage(const Usage &usage) {
    m_updateUsage.bind(1, usage.bytes);
    m_updateUsage.bind(2, usage.messages);
    return m_updateUsage.run();
}

bool MailboxIndex::addKeywords(qint64 folderId, const QStringList &keywords) {
    for (const QString &keyword : keywords) {
        m_insertKeyword.bind(1, folderId);
        m_insertKeyword.bind(2, keyword);
        if (!m_insertKeyword.run())
            return false;
    }
    return true;
}

bool MailboxIndex::appendMessages(const QList<NewMessage> &messages, QList<Assigned> *assigned,
                                  QString *error) {
    // Work on copies: the in-memory state changes only once the commit did.
    QList<FolderInfo> folders = m_folders;
    Usage usage = m_usage;
    QList<Assigned> result;
    result.reserve(messages.size());
    QSet<qint64> touched;

    SqliteTransaction transaction(m_db);
    bool ok = transaction.isActive();
    for (const NewMessage &given : messages) {
        if (!ok)
            break;
        const FolderInfo *known = folder(given.folder);
        const qint64 folderId = known ? known->id : -1;
        auto folderIt = std::find_if(folders.begin(), folders.end(),
                                     [folderId](const FolderInfo &f) { return f.id == folderId; });
        if (folderIt == folders.end()) {
            ok = false;
            break;
        }
        FolderInfo &target = *folderIt;
        const NewMessage message = withFileContent(target, given);
        const Assigned slot{target.uidNext, target.uidValidity, target.highestModSeq + 1};
        m_insertMessage.bind(1, target.id);
        m_insertMessage.bind(2, qint64(slot.uid));
        m_insertMessage.bind(3, qint64(slot.modSeq));
        m_insertMessage.bind(4, qint64(message.flags.toInt()));
        m_insertMessage.bind(5, joinKeywords(message.keywords));
        m_insertMessage.bind(6, message.size);
        m_insertMessage.bind(7, message.virtualSize);
        m_insertMessage.bind(8, message.internalDate);
        m_insertMessage.bind(9, message.fileName);
        bindStructure(message);
        ok = m_insertMessage.run() && addKeywords(target.id, message.keywords) &&
             insertText(target, slot.uid, message);
        target.uidNext += 1;
        target.highestModSeq = slot.modSeq;
        target.messages += 1;
        target.bytes += message.size;
        usage.bytes += message.size;
        usage.messages += 1;
        touched.insert(target.id);
        result.append(slot);
    }
    for (const FolderInfo &info : std::as_const(folders)) {
        if (ok && touched.contains(info.id))
            ok = writeFolder(info);
    }
    ok = ok && writeUsage(usage);
    if (!ok || !transaction.commit(error)) {
        if (error && error->isEmpty())
            *error = u"index update failed: "_s + m_db.lastError();
        return false;
    }
    m_folders = folders;
    m_usage = usage;
    if (assigned)
        *assigned = result;
    return true;
}

bool MailboxIndex::expunge(const QString &folderName, const QList<quint32> &uids,
                           QList<ExpungedInfo> *expunged, QString *error) {
    const FolderInfo *current = folder(folderName);
    if (!current) {
        if (error)
            *error = u"no folder "_s + folderName;
        return false;
    }
    FolderInfo target = *current;
    Usage usage = m_usage;
    const QString dir = folderPath(target);
    QStringList files;
    QList<ExpungedInfo> result;

    SqliteTransaction transaction(m_db);
    SqliteStatement select(m_db, "SELECT size, filename FROM messages WHERE folder_id=? AND uid=?");
    SqliteStatement remove(m_db, "DELETE FROM messages WHERE folder_id=? AND uid=?");
    SqliteStatement log(m_db, "INSERT OR REPLACE INTO expunged(folder_id, uid, modseq, basename)"
                              " VALUES(?, ?, ?, ?)");
    bool ok = transaction.isActive();
    for (const quint32 uid : uids) {
        if (!ok)
            break;
        select.bind(1, target.id);
        select.bind(2, qint64(uid));
        if (!select.next()) {
            ok = select.ok();
            select.reset();
            continue;
        }
        const qint64 size = select.int64(0);
        const QString fileName = select.text(1);
        select.reset();
        const ExpungedInfo info{uid, ++target.highestModSeq};
        remove.bind(1, target.id);
        remove.bind(2, qint64(uid));
        log.bind(1, target.id);
        log.bind(2, qint64(uid));
        log.bind(3, qint64(info.modSeq));
        log.bind(4, MaildirName::parse(fileName.mid(4)).baseName);
        ok = remove.run() && log.run() && FullTextIndex::remove(m_db, target.id, uid, error);
        target.messages -= 1;
        target.bytes -= size;
        usage.messages -= 1;
        usage.bytes -= size;
        files.append(dir + u'/' + fileName);
        result.append(info);
    }
    ok = ok && writeFolder(target) && writeUsage(usage);
    select = SqliteStatement();
    remove = SqliteStatement();
    log = SqliteStatement();
    if (!ok || !transaction.commit(error)) {
        if (error && error->isEmpty())
            *error = u"expunge failed: "_s + m_db.lastError();
        return false;
    }
    *mutableFolder(folderName) = target;
    m_usage = usage;
    for (const QString &file : std::as_const(files)) {
        QString removeError;
        if (!PosixFile::remove(file, &removeError))
            qCWarning(core::lcStore) << removeError;
    }
    if (expunged)
        *expunged = result;
    return true;
}

} // namespace mailstead::store
