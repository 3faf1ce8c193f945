// MailboxText.cpp - the writer's side of the full-text index: a row for
// every message, in the transaction that adds the message; and the cached
// IMAP ENVELOPE / BODYSTRUCTURE columns (IndexedMessage.h) of a message
// whose content only its file can give (recovery, callers without text)
//
// RFC 9051 section 6.4.4 (what SEARCH matches; see FullTextIndex.h). A
// message gets its text from the delivery (extracted before the writer
// lock), from the row it was copied from, or from its file (recovery, and
// callers that had no text). An index upgraded from schema version 1 has
// no text rows: fillTextIndex() extracts them from the files on open, in
// bounded transactions, and marks the index complete when none is left;
// until then MailboxReader::searchText answers nullopt and SEARCH reads
// files, so no message is missed.
#include "core/Log.h"
#include "IndexedMessage.h"
#include "MailboxIndex.h"
#include "PosixFile.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace mailstead::store {

namespace {

// Messages whose text one fill transaction adds.
constexpr int kFillTransactionSize = 500;

// The text of a stored file; empty text when it cannot be read (the row is
// then still marked as indexed: recovery drops rows whose file is gone).
IndexedText textOfFile(const QString &path) {
    const std::optional<QByteArray> bytes = PosixFile::readFile(path);
    return bytes ? extractIndexedText(*bytes) : IndexedText();
}

void bindBlobOrNull(SqliteStatement &statement, int index, const QByteArray &value) {
    if (value.isEmpty())
        statement.bindNull(index);
    else
        statement.bindBlob(index, value);
}

} // namespace

MailboxIndex::NewMessage MailboxIndex::withFileContent(const FolderInfo &folder,
                                                       const NewMessage &message) const {
    if (message.text || message.textFromUid != 0)
        return message;
    IndexedMessage indexed = indexMessageFile(folderPath(folder) + u'/' + message.fileName);
    NewMessage out = message;
    out.text = std::make_shared<const IndexedText>(std::move(indexed.text));
    out.envelope = std::move(indexed.envelope);
    out.bodyStructure = std::move(indexed.bodyStructure);
    return out;
}

void MailboxIndex::bindStructure(const NewMessage &message) {
    bindBlobOrNull(m_insertMessage, 10, message.envelope);
    bindBlobOrNull(m_insertMessage, 11, message.bodyStructure);
}

bool MailboxIndex::insertText(const FolderInfo &folder, quint32 uid, const NewMessage &message) {
    if (message.text)
        return FullTextIndex::insert(m_insertText, m_db, folder.id, uid, *message.text, nullptr);
    if (message.textFromUid != 0)
        return FullTextIndex::copy(m_db, message.textFromFolder, message.textFromUid, folder.id,
                                   uid, nullptr);
    return FullTextIndex::insert(m_insertText, m_db, folder.id, uid,
                                 textOfFile(folderPath(folder) + u'/' + message.fileName), nullptr);
}

bool MailboxIndex::fillTextIndex(QString *error) {
    SqliteStatement state(m_db, "SELECT value FROM meta WHERE key='text_index'");
    if (state.next() && state.text(0) == u"complete"_s)
        return true;
    state = SqliteStatement();

    struct Missing {
        qint64 folderId = 0;
        quint32 uid = 0;
        QString fileName;
    };
    QList<Missing> missing;
    SqliteStatement query(m_db, "SELECT folder_id, uid, filename FROM messages m WHERE NOT EXISTS"
                                " (SELECT 1 FROM message_text t"
                                "  WHERE t.rowid = (m.folder_id << 32) | m.uid) LIMIT ?");
    query.bind(1, qint64(maxMigrationMessages) + 1);
    while (query.next())
        missing.append({query.int64(0), quint32(query.int64(1)), query.text(2)});
    if (!query.ok()) {
        if (error)
            *error = u"cannot read the full-text index: "_s + m_db.lastError();
        return false;
    }
    query = SqliteStatement();
    const bool complete = missing.size() <= maxMigrationMessages;
    if (!complete)
        missing.resize(maxMigrationMessages);
    QHash<qint64, FolderInfo> folders;
    for (const FolderInfo &folder : std::as_const(m_folders))
        folders.insert(folder.id, folder);

    if (!missing.isEmpty())
        qCInfo(core::lcStore) << "indexing the text of" << missing.size() << "messages in" << m_dir;
    for (qsizetype start = 0; start < missing.size() || start == 0; start += kFillTransactionSize) {
        SqliteTransaction transaction(m_db);
        bool ok = transaction.isActive();
        const qsizetype end = qMin(missing.size(), start + kFillTransactionSize);
        for (qsizetype i = start; ok && i < end; ++i) {
            const Missing &row = missing.at(i);
            const auto folder = folders.constFind(row.folderId);
            if (folder == folders.cend())
                continue; // a row of a deleted folder: never searched
            NewMessage message;
            message.fileName = row.fileName;
            ok = insertText(*folder, row.uid, message);
        }
        if (ok && complete && end == missing.size())
            ok = m_db.exec("INSERT OR REPLACE INTO meta(key, value) VALUES('text_index',"
                           " 'complete')");
        if (!ok || !transaction.commit(error)) {
            if (error && error->isEmpty())
                *error = u"cannot fill the full-text index: "_s + m_db.lastError();
            return false;
        }
    }
    if (!complete)
        qCWarning(core::lcStore) << "full-text index of" << m_dir << "still incomplete after"
                                 << maxMigrationMessages
                                 << "messages; SEARCH reads files until a later open finishes it";
    return true;
}

} // namespace mailstead::store
