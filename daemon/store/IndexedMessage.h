// IndexedMessage.h - what index.db keeps of a message's content, from one
// MIME parse: the full-text row and the cached IMAP ENVELOPE and
// BODYSTRUCTURE
//
// RFC 9051 section 6.4.4 (SEARCH text, FullTextIndex.h) and section 7.5.2
// (ENVELOPE, BODYSTRUCTURE; the column format is mime/ImapStructureCache.h).
// The message is parsed once with the limits FETCH parses it with, so the
// cached columns are byte for byte what FETCH computes from the file.
//
// SECURITY: messages are untrusted mail; the parse is bounded by
// MimeLimits and the text by maxIndexedTextChars.
#pragma once

#include "FullTextIndex.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mailstead::store {

struct IndexedMessage {
    IndexedText text;
    QByteArray envelope;      // messages.envelope; null: not cached
    QByteArray bodyStructure; // messages.bodystructure; null: not cached
};

// Pure: the index's view of one message.
IndexedMessage indexMessage(QByteArrayView message);
// The same for a stored file; empty text and no structure when it cannot
// be read (the row still counts as indexed: recovery drops rows whose
// file is gone).
IndexedMessage indexMessageFile(const QString &path);

} // namespace mailstead::store
