// FullTextIndex.cpp - extracting, storing and searching decoded text
//
// RFC 9051 section 6.4.4, RFC 2045-2047. SQLite FTS5 with the trigram
// tokenizer (SQLite 3.34 and later).
//
// SECURITY: search text is bound as a parameter and quoted as one FTS5
// phrase (a '"' inside is doubled), so a client cannot write FTS5 query
// syntax; message text is bounded by maxIndexedTextChars.

#include "FullTextIndex.h"

#include "mime/MimeHeader.h"
#include "mime/MimeParser.h"
#include "mime/MimeText.h"
#include "Sqlite.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mailstead::store {

namespace {

// Trigram lookups need this many characters; shorter strings are scanned.
constexpr qsizetype kTrigram = 3;

// Columns of message_text in TextField order; Text is headers and body.
constexpr const char *kColumns[] = {"subject", "sender",  "recipients_to", "cc",
                                    "bcc",     "headers", "body"};

QString fieldValues(const mime::HeaderBlock &header, QByteArrayView name) {
    QString out;
    for (const mime::HeaderField &field : header.fields) {
        if (field.name.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (!out.isEmpty())
            out += u'\n';
        out += mime::decodeHeaderValue(field.value);
    }
    return out;
}

QByteArray matchExpression(TextField field, const QString &text) {
    QString phrase = text;
    phrase.replace(u'"', u"\"\""_s);
    const QByteArray columns =
        field == TextField::Text ? "headers body"_ba : QByteArray(kColumns[int(field)]);
    return '{' + columns + "} : \"" + phrase.toUtf8() + '"';
}

bool failWith(SqliteDb &db, QString *error) {
    if (error)
        *error = u"full-text index: "_s + db.lastError();
    return false;
}

} // namespace

IndexedText extractIndexedText(QByteArrayView message) {
    return extractIndexedText(message, mime::parseMessage(message));
}

IndexedText extractIndexedText(QByteArrayView message, const mime::MimeMessage &parsed) {
    mime::MimeLimits limits;
    limits.maxDecodedText = maxIndexedTextChars;
    const mime::MessageText text = mime::extractText(message, parsed, limits);
    const mime::HeaderBlock header =
        mime::parseHeaderBlock(message.first(parsed.root().header.end()), 0, limits);
    IndexedText out;
    out.subject = fieldValues(header, "Subject");
    out.from = fieldValues(header, "From");
    out.to = fieldValues(header, "To");
    out.cc = fieldValues(header, "Cc");
    out.bcc = fieldValues(header, "Bcc");
    out.headers = text.headers;
    out.body = text.body;
    if (out.headers.size() + out.body.size() > maxIndexedTextChars)
        out.body.truncate(qMax<qsizetype>(0, maxIndexedTextChars - out.headers.size()));
    if (out.headers.size() > maxIndexedTextChars)
        out.headers.truncate(maxIndexedTextChars);
    return out;
}

namespace FullTextIndex {

qint64 rowIdOf(qint64 folderId, quint32 uid) {
    return (folderId << 32) | qint64(uid);
}

const char insertSql[] = "INSERT OR REPLACE INTO message_text(rowid, subject, sender,"
                         " recipients_to, cc, bcc, headers, body)"
                         " VALUES(?, ?, ?, ?, ?, ?, ?, ?)";

bool insert(SqliteStatement &statement, SqliteDb &db, qint64 folderId, quint32 uid,
            const IndexedText &text, QString *error) {
    statement.bind(1, rowIdOf(folderId, uid));
    statement.bind(2, text.subject);
    statement.bind(3, text.from);
    statement.bind(4, text.to);
    statement.bind(5, text.cc);
    statement.bind(6, text.bcc);
    statement.bind(7, text.headers);
    statement.bind(8, text.body);
    return statement.run() || failWith(db, error);
}

bool remove(SqliteDb &db, qint64 folderId, quint32 uid, QString *error) {
    SqliteStatement statement(db, "DELETE FROM message_text WHERE rowid=?");
    statement.bind(1, rowIdOf(folderId, uid));
    return statement.run() || failWith(db, error);
}

bool removeFolder(SqliteDb &db, qint64 folderId, QString *error) {
    SqliteStatement statement(db, "DELETE FROM message_text WHERE rowid BETWEEN ? AND ?");
    statement.bind(1, rowIdOf(folderId, 0));
    statement.bind(2, rowIdOf(folderId, 0xffffffffu));
    return statement.run() || failWith(db, error);
}

bool copy(SqliteDb &db, qint64 fromFolder, quint32 fromUid, qint64 toFolder, quint32 toUid,
          QString *error) {
    SqliteStatement statement(db, "INSERT OR REPLACE INTO message_text(rowid, subject, sender,"
                                  " recipients_to, cc, bcc, headers, body)"
                                  " SELECT ?, subject, sender, recipients_to, cc, bcc, headers,"
                                  " body FROM message_text WHERE rowid=?");
    statement.bind(1, rowIdOf(toFolder, toUid));
    statement.bind(2, rowIdOf(fromFolder, fromUid));
    return statement.run() || failWith(db, error);
}

std::optional<QSet<quint32>> search(SqliteDb &db, qint64 folderId, TextField field,
                                    const QString &text) {
    if (text.size() > maxSearchTextChars)
        return std::nullopt;
    QSet<quint32> uids;
    const qint64 first = rowIdOf(folderId, 0);
    const qint64 last = rowIdOf(folderId, 0xffffffffu);
    if (text.isEmpty()) {
        // Every message contains the empty string.
        SqliteStatement all(db, "SELECT uid FROM messages WHERE folder_id=?");
        all.bind(1, folderId);
        while (all.next())
            uids.insert(quint32(all.int64(0)));
        return all.ok() ? std::optional(uids) : std::nullopt;
    }
    if (text.size() >= kTrigram) {
        SqliteStatement query(db, "SELECT rowid FROM message_text WHERE message_text MATCH ?"
                                  " AND rowid BETWEEN ? AND ?");
        query.bind(1, QString::fromUtf8(matchExpression(field, text)));
        query.bind(2, first);
        query.bind(3, last);
        while (query.next())
            uids.insert(quint32(query.int64(0) & 0xffffffff));
        return query.ok() ? std::optional(uids) : std::nullopt;
    }
    // One or two characters: no trigram to look up; scan the stored text.
    // ASCII is left to SQLite's LIKE (ASCII case folding, done in C over
    // the stored UTF-8); anything else is folded by Qt here.
    const QByteArray columns =
        field == TextField::Text ? "headers, body"_ba : QByteArray(kColumns[int(field)]);
    const bool ascii =
        std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
    if (ascii) {
        QString pattern = text;
        pattern.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        pattern = u'%' + pattern + u'%';
        const QByteArray where =
            field == TextField::Text
                ? "(headers LIKE ?3 ESCAPE '\\' OR body LIKE ?3 ESCAPE '\\')"_ba
                : columns + " LIKE ?3 ESCAPE '\\'";
        const QByteArray sql =
            "SELECT rowid FROM message_text WHERE rowid BETWEEN ?1 AND ?2 AND " + where;
        SqliteStatement like(db, sql.constData());
        like.bind(1, first);
        like.bind(2, last);
        like.bind(3, pattern);
        while (like.next())
            uids.insert(quint32(like.int64(0) & 0xffffffff));
        return like.ok() ? std::optional(uids) : std::nullopt;
    }
    const QByteArray sql =
        "SELECT rowid, " + columns + " FROM message_text WHERE rowid BETWEEN ? AND ?";
    SqliteStatement scan(db, sql.constData());
    scan.bind(1, first);
    scan.bind(2, last);
    while (scan.next()) {
        if (scan.text(1).contains(text, Qt::CaseInsensitive) ||
            (field == TextField::Text && scan.text(2).contains(text, Qt::CaseInsensitive)))
            uids.insert(quint32(scan.int64(0) & 0xffffffff));
    }
    return scan.ok() ? std::optional(uids) : std::nullopt;
}

} // namespace FullTextIndex

} // namespace mailstead::store
