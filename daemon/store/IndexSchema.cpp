// IndexSchema.cpp - index.db schema steps
//
// Append new steps at the end; never edit a released one (existing
// mailboxes have already run it).
#include "IndexSchema.h"

#include "Sqlite.h"

using namespace Qt::StringLiterals;

namespace mailstead::store::IndexSchema {

namespace {

constexpr const char *kVersion1 = R"sql(
CREATE TABLE meta(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE folders(
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    dir           TEXT NOT NULL UNIQUE,
    special_use   TEXT NOT NULL DEFAULT '',
    subscribed    INTEGER NOT NULL DEFAULT 1,
    uidvalidity   INTEGER NOT NULL,
    uidnext       INTEGER NOT NULL DEFAULT 1,
    highestmodseq INTEGER NOT NULL DEFAULT 1,
    messages      INTEGER NOT NULL DEFAULT 0,
    bytes         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE messages(
    folder_id     INTEGER NOT NULL,
    uid           INTEGER NOT NULL,
    modseq        INTEGER NOT NULL,
    flags         INTEGER NOT NULL DEFAULT 0,
    keywords      TEXT NOT NULL DEFAULT '',
    size          INTEGER NOT NULL,
    vsize         INTEGER NOT NULL,
    internaldate  INTEGER NOT NULL,
    filename      TEXT NOT NULL,
    envelope      BLOB,
    bodystructure BLOB,
    PRIMARY KEY(folder_id, uid)
) WITHOUT ROWID;
CREATE INDEX messages_modseq ON messages(folder_id, modseq);

CREATE TABLE expunged(
    folder_id INTEGER NOT NULL,
    uid       INTEGER NOT NULL,
    modseq    INTEGER NOT NULL,
    basename  TEXT,
    PRIMARY KEY(folder_id, uid)
) WITHOUT ROWID;
CREATE INDEX expunged_modseq ON expunged(folder_id, modseq);

CREATE TABLE keywords(
    folder_id INTEGER NOT NULL,
    keyword   TEXT NOT NULL,
    PRIMARY KEY(folder_id, keyword)
) WITHOUT ROWID;

CREATE TABLE usage(
    id       INTEGER PRIMARY KEY CHECK(id = 1),
    bytes    INTEGER NOT NULL,
    messages INTEGER NOT NULL
);
INSERT INTO usage(id, bytes, messages) VALUES(1, 0, 0);
)sql";

// Full-text search (FullTextIndex.h): decoded text per message, rowid
// (folder_id << 32) | uid. MailboxIndex::fillTextIndex indexes the messages
// an upgraded index already holds and then sets text_index to 'complete'.
constexpr const char *kVersion2 = R"sql(
CREATE VIRTUAL TABLE message_text USING fts5(
    subject, sender, recipients_to, cc, bcc, headers, body,
    tokenize = 'trigram'
);
INSERT OR REPLACE INTO meta(key, value) VALUES('text_index', 'filling');
)sql";

constexpr const char *kSteps[] = {kVersion1, kVersion2};
static_assert(std::size(kSteps) == kCurrentVersion);

int storedVersion(SqliteDb &db) {
    SqliteStatement exists(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'");
    if (!exists.next())
        return 0;
    SqliteStatement version(db, "SELECT value FROM meta WHERE key='schema_version'");
    return version.next() ? int(version.text(0).toInt()) : 0;
}

} // namespace

bool migrate(SqliteDb &db, QString *error) {
    SqliteTransaction transaction(db);
    if (!transaction.isActive()) {
        if (error)
            *error = u"cannot lock index: "_s + db.lastError();
        return false;
    }
    const int version = storedVersion(db);
    if (version > kCurrentVersion) {
        if (error)
            *error = u"index schema version "_s + QString::number(version) +
                     u" is newer than this mailsteadd ("_s + QString::number(kCurrentVersion) +
                     u')';
        return false;
    }
    if (version == kCurrentVersion)
        return transaction.commit(error);
    for (int step = version; step < kCurrentVersion; ++step) {
        if (!db.exec(kSteps[step], error))
            return false;
    }
    SqliteStatement setVersion(
        db, "INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)");
    setVersion.bind(1, QString::number(kCurrentVersion));
    if (!setVersion.run()) {
        if (error)
            *error = db.lastError();
        return false;
    }
    return transaction.commit(error);
}

} // namespace mailstead::store::IndexSchema
