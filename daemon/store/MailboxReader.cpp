// MailboxReader.cpp - queries over index.db and access to message files
#include "MailboxReader.h"

#include "MaildirName.h"
#include "PosixFile.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace mailstead::store {

namespace {

constexpr const char *kMessageColumns =
    "SELECT uid, modseq, flags, keywords, size, vsize, internaldate, filename FROM messages ";

QByteArray messageQuery(const char *where) {
    return QByteArray(kMessageColumns) + where;
}

} // namespace

MailboxReader::MailboxReader(QString mailboxDir)
    : m_dir(std::move(mailboxDir)) {}

MailboxReader::~MailboxReader() = default;

bool MailboxReader::open(QString *error) {
    return m_db.open(m_dir + u"/index.db"_s, SqliteDb::Mode::Reader, error);
}

bool MailboxReader::beginSnapshot() {
    return m_db.exec("BEGIN");
}

void MailboxReader::endSnapshot() {
    m_db.exec("COMMIT");
}

QList<FolderInfo> MailboxReader::folders() {
    QList<FolderInfo> result;
    SqliteStatement query(m_db,
                          "SELECT id, name, dir, special_use, subscribed, uidvalidity,"
                          " uidnext, highestmodseq, messages, bytes FROM folders ORDER BY id");
    while (query.next()) {
        FolderInfo folder;
        folder.id = query.int64(0);
        folder.name = query.text(1);
        folder.dirName = query.text(2);
        folder.specialUse = query.text(3);
        folder.subscribed = query.int64(4) != 0;
        folder.uidValidity = quint32(query.int64(5));
        folder.uidNext = quint32(query.int64(6));
        folder.highestModSeq = quint64(query.int64(7));
        folder.messages = query.int64(8);
        folder.bytes = query.int64(9);
        result.append(folder);
    }
    return result;
}

std::optional<FolderInfo> MailboxReader::folder(const QString &name) {
    const bool inbox = name.compare(u"INBOX"_s, Qt::CaseInsensitive) == 0;
    const QList<FolderInfo> all = folders();
    for (const FolderInfo &candidate : all) {
        if (inbox ? candidate.dirName.isEmpty() : candidate.name == name)
            return candidate;
    }
    return std::nullopt;
}

std::optional<qint64> MailboxReader::folderId(const QString &name) {
    const std::optional<FolderInfo> info = folder(name);
    return info ? std::optional<qint64>(info->id) : std::nullopt;
}

QList<MessageInfo> MailboxReader::queryMessages(SqliteStatement &statement) {
    QList<MessageInfo> result;
    while (statement.next()) {
        MessageInfo message;
        message.uid = quint32(statement.int64(0));
        message.modSeq = quint64(statement.int64(1));
        message.flags = MessageFlags::fromInt(int(statement.int64(2)));
        message.keywords = statement.text(3).split(u' ', Qt::SkipEmptyParts);
        message.size = statement.int64(4);
        message.virtualSize = statement.int64(5);
        message.internalDate = QDateTime::fromSecsSinceEpoch(statement.int64(6), Qt::UTC);
        message.fileName = statement.text(7);
        result.append(message);
    }
    return result;
}

QList<MessageInfo> MailboxReader::messages(const QString &folderName, quint32 fromUid) {
    const std::optional<qint64> id = folderId(folderName);
    if (!id)
        return {};
    SqliteStatement query(m_db,
                          messageQuery("WHERE folder_id=? AND uid>=? ORDER BY uid").constData());
    query.bind(1, *id);
    query.bind(2, qint64(fromUid));
    return queryMessages(query);
}

std::optional<MessageInfo> MailboxReader::message(const QString &folderName, quint32 uid) {
    const std::optional<qint64> id = folderId(folderName);
    if (!id)
        return std::nullopt;
    SqliteStatement query(m_db, messageQuery("WHERE folder_id=? AND uid=?").constData());
    query.bind(1, *id);
    query.bind(2, qint64(uid));
    const QList<MessageInfo> found = queryMessages(query);
    return found.isEmpty() ? std::nullopt : std::optional<MessageInfo>(found.first());
}

MailboxReader::CachedStructure MailboxReader::cachedStructure(const FolderInfo &folder,
                                                              quint32 uid) {
    if (!m_selectStructure.isValid() &&
        !m_selectStructure.prepare(m_db, "SELECT envelope, bodystructure FROM messages"
                                         " WHERE folder_id=? AND uid=?"))
        return {};
    m_selectStructure.bind(1, folder.id);
    m_selectStructure.bind(2, qint64(uid));
    CachedStructure found;
    if (m_selectStructure.next()) {
        found.envelope = m_selectStructure.blob(0);
        found.bodyStructure = m_selectStructure.blob(1);
    }
    // Reset at once: a statement left on its row would hold the read
    // transaction (and keep the WAL from being checkpointed).
    m_selectStructure.reset();
    return found;
}

QList<MessageInfo> MailboxReader::changedSince(const QString &folderName, quint64 modSeq) {
    const std::optional<qint64> id = folderId(folderName);
    if (!id)
        return {};
    SqliteStatement query(m_db,
                          messageQuery("WHERE folder_id=? AND modseq>? ORDER BY uid").constData());
    query.bind(1, *id);
    query.bind(2, qint64(modSeq));
    return queryMessages(query);
}

QList<ExpungedInfo> MailboxReader::expungedSince(const QString &folderName, quint64 modSeq) {
    QList<ExpungedInfo> result;
    const std::optional<qint64> id = folderId(folderName);
    if (!id)
        return result;
    SqliteStatement query(m_db, "SELECT uid, modseq FROM expunged WHERE folder_id=? AND modseq>?"
                                " ORDER BY uid");
    query.bind(1, *id);
    query.bind(2, qint64(modSeq));
    while (query.next())
        result.append({quint32(query.int64(0)), quint64(query.int64(1))});
    return result;
}

QStringList MailboxReader::keywords(const QString &folderName) {
    QStringList result;
    const std::optional<qint64> id = folderId(folderName);
    if (!id)
        return result;
    SqliteStatement query(m_db, "SELECT keyword FROM keywords WHERE folder_id=? ORDER BY keyword");
    query.bind(1, *id);
    while (query.next())
        result.append(query.text(0));
    return result;
}

qint64 MailboxReader::unseenCount(const QString &folderName) {
    const std::optional<qint64> id = folderId(folderName);
    if (!id)
        return 0;
    SqliteStatement query(m_db,
                          "SELECT COUNT(*) FROM messages WHERE folder_id=? AND (flags & ?)=0");
    query.bind(1, *id);
    query.bind(2, qint64(MessageFlags(MessageFlag::Seen).toInt()));
    return query.next() ? query.int64(0) : 0;
}

Usage MailboxReader::usage() {
    SqliteStatement query(m_db, "SELECT bytes, messages FROM usage WHERE id=1");
    return query.next() ? Usage{query.int64(0), query.int64(1)} : Usage{};
}

std::optional<QSet<quint32>> MailboxReader::searchText(const QString &folderName, TextField field,
                                                       const QString &text) {
    // Until an upgraded index has every message's text, only files can answer.
    SqliteStatement state(m_db, "SELECT value FROM meta WHERE key='text_index'");
    if (!state.next() || state.text(0) != u"complete"_s)
        return std::nullopt;
    const std::optional<qint64> id = folderId(folderName);
    if (!id)
        return QSet<quint32>();
    return FullTextIndex::search(m_db, *id, field, text);
}

QString MailboxReader::messagePath(const FolderInfo &folder, const MessageInfo &message) const {
    const QString dir = folder.dirName.isEmpty() ? m_dir : m_dir + u'/' + folder.dirName;
    return dir + u'/' + message.fileName;
}

int MailboxReader::openMessage(const FolderInfo &folder, const MessageInfo &message) {
    int fd = PosixFile::openRead(messagePath(folder, message), nullptr);
    if (fd >= 0)
        return fd;
    // Renamed since we read the row (flags changed, new/ -> cur/): the row
    // now has the new name; if it is gone the message was expunged.
    const std::optional<MessageInfo> current = this->message(folder.name, message.uid);
    if (!current)
        return -1;
    if (current->fileName != message.fileName) {
        fd = PosixFile::openRead(messagePath(folder, *current), nullptr);
        if (fd >= 0)
            return fd;
    }
    // A STORE in progress renames files beside its uncommitted row updates
    // (MailboxFlags.cpp): the file is under its base name with other flags.
    const QString base = MaildirName::parse(current->fileName.mid(4)).baseName;
    if (base.isEmpty())
        return -1;
    const QString dir = folder.dirName.isEmpty() ? m_dir : m_dir + u'/' + folder.dirName;
    for (const QString sub : {u"cur"_s, u"new"_s}) {
        const QStringList names = PosixFile::listFiles(dir + u'/' + sub);
        for (const QString &name : names) {
            if (name == base || (name.startsWith(base) && name.at(base.size()) == u':'))
                return PosixFile::openRead(dir + u'/' + sub + u'/' + name, nullptr);
        }
    }
    return -1;
}

std::optional<QByteArray> MailboxReader::readMessage(const FolderInfo &folder,
                                                     const MessageInfo &message) {
    const int fd = openMessage(folder, message);
    if (fd < 0)
        return std::nullopt;
    PosixFile::FileStat info;
    bool ok = PosixFile::fstat(fd, &info);
    QByteArray bytes = ok ? PosixFile::readAll(fd, info.size, &ok) : QByteArray();
    PosixFile::closeFd(fd);
    return ok ? std::optional<QByteArray>(bytes) : std::nullopt;
}

} // namespace mailstead::store
