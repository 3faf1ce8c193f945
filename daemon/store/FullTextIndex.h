// FullTextIndex.h - the full-text index of index.db: decoded message text
// for IMAP SEARCH
//
// RFC 9051 section 6.4.4 (SEARCH BODY, TEXT, SUBJECT, FROM, TO, CC, BCC:
// case-insensitive substring matches; TEXT is header or body), RFC 2047
// (encoded words are decoded before indexing), RFC 2045/2046 (bodies are
// decoded from their transfer encoding and charset; HTML becomes text).
//
// Schema (IndexSchema step 2): an FTS5 table message_text(subject, sender,
// recipients_to, cc, bcc, headers, body) with the trigram tokenizer, so
// any substring of three or more characters is an index lookup, case-
// insensitively. Its rowid is (folder_id << 32) | uid, so one message's row
// is found and removed without a mapping table, and a folder's rows are one
// rowid range. Rows are written in the same transaction as the message
// rows (append, copy, expunge, folder delete, recovery). Strings shorter
// than three characters cannot use trigrams: they are matched by a scan
// over the folder's stored text (still no message file is read).
//
// Text is extracted from the message bytes before the writer lock is
// taken (extractIndexedText is pure), so the group commit only inserts.
//
// SECURITY: messages are untrusted mail; extraction runs inside
// MimeLimits and stops at maxIndexedTextChars. Search strings come from
// IMAP clients: they are bound as parameters (never spliced into SQL),
// quoted as one FTS5 phrase, and capped at maxSearchTextChars.
#pragma once

#include <optional>
#include <QByteArrayView>
#include <QList>
#include <QSet>
#include <QString>

namespace mailstead::mime {
struct MimeMessage;
}

namespace mailstead::store {

class SqliteDb;
class SqliteStatement;

// Characters of decoded text kept per message, headers and body together;
// a longer body is indexed up to this point only.
inline constexpr qsizetype maxIndexedTextChars = 1024 * 1024;
// Characters of one search string; longer searches are refused.
inline constexpr qsizetype maxSearchTextChars = 1024;
// Messages whose text a v1 -> v2 upgrade extracts from their files before
// it stops (logged); later messages are found by the session's file scan.
inline constexpr int maxMigrationMessages = 200000;

enum class TextField : quint8 { Subject, From, To, Cc, Bcc, Headers, Body, Text };

struct IndexedText {
    QString subject;
    QString from;
    QString to;
    QString cc;
    QString bcc;
    QString headers; // every field as "Name: value" lines, encoded words decoded
    QString body;    // text parts, HTML as text
};

// Pure: the searchable text of one message as stored.
IndexedText extractIndexedText(QByteArrayView message);
// The same from a parse of it the caller made (IndexedMessage.h); the
// parse's limits do not change the text (only maxDecodedText would, and
// the extraction applies its own).
IndexedText extractIndexedText(QByteArrayView message, const mime::MimeMessage &parsed);

namespace FullTextIndex {

qint64 rowIdOf(qint64 folderId, quint32 uid);

// Each runs inside the caller's transaction.
// The statement insert() runs: prepare it once per connection.
extern const char insertSql[];
bool insert(SqliteStatement &prepared, SqliteDb &db, qint64 folderId, quint32 uid,
            const IndexedText &text, QString *error);
bool remove(SqliteDb &db, qint64 folderId, quint32 uid, QString *error);
bool removeFolder(SqliteDb &db, qint64 folderId, QString *error);
bool copy(SqliteDb &db, qint64 fromFolder, quint32 fromUid, qint64 toFolder, quint32 toUid,
          QString *error);

// UIDs in the folder whose field contains `text` (case-insensitive);
// nullopt when the index cannot answer (text too long, database error).
std::optional<QSet<quint32>> search(SqliteDb &db, qint64 folderId, TextField field,
                                    const QString &text);

} // namespace FullTextIndex

} // namespace mailstead::store
