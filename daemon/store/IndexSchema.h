// IndexSchema.h - the schema of a mailbox's index.db and its migrations
//
// One index.db per mailbox owner holds every folder (DESIGN.md, Storage):
//   meta(key, value)          schema_version, state ("open" while a writer
//                             has it; "closed" after a clean close)
//   folders                   per IMAP mailbox: Maildir++ dir, RFC 6154
//                             special-use, subscription, UIDVALIDITY, UIDNEXT,
//                             HIGHESTMODSEQ (RFC 7162), message count, bytes
//   messages                  per message: uid, modseq, system flags (bit
//                             mask, StoreTypes.h), keywords (space separated
//                             atoms), size, vsize, internal date (unix secs),
//                             file name relative to the folder dir, cached
//                             envelope/bodystructure blobs for IMAP FETCH
//                             (IndexedMessage.h; format in
//                             mime/ImapStructureCache.h; NULL in rows
//                             written before they were filled: FETCH then
//                             computes them from the file)
//   expunged                  expunge log for QRESYNC (RFC 7162 section 3.2.5:
//                             uid + modseq of the expunge) and the file's base
//                             name so recovery never revives an expunged file
//   keywords                  keywords ever used in a folder (PERMANENTFLAGS)
//   usage                     one row: bytes and messages over all folders,
//                             changed in the same transaction as the rows
//   message_text              (version 2) FTS5 trigram table of decoded text
//                             per message for SEARCH (FullTextIndex.h);
//                             meta text_index says whether every message has
//                             its row ('complete') or an upgrade is filling it
// Migrations run in one transaction, in order; a database newer than this
// code is refused rather than guessed at.
#pragma once

#include <QString>

namespace mailstead::store {

class SqliteDb;

namespace IndexSchema {

inline constexpr int kCurrentVersion = 2;

// Creates or upgrades the schema. Returns false with *error on failure or
// when the database is newer than kCurrentVersion.
bool migrate(SqliteDb &db, QString *error);

} // namespace IndexSchema

} // namespace mailstead::store
