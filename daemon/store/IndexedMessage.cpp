// IndexedMessage.cpp - one parse for the full-text row and the cached
// IMAP structure
//
// RFC 9051 sections 6.4.4 and 7.5.2.

#include "IndexedMessage.h"

#include "mime/ImapStructureCache.h"
#include "mime/MimeParser.h"
#include "PosixFile.h"

namespace mailstead::store {

IndexedMessage indexMessage(QByteArrayView message) {
    // Default limits, as ImapMessageView parses the file for FETCH; the
    // text's own limit applies only to the extraction.
    const mime::MimeMessage parsed = mime::parseMessage(message);
    IndexedMessage out;
    out.text = extractIndexedText(message, parsed);
    mime::ImapCachedStructure structure = mime::imapCachedStructure(parsed);
    out.envelope = std::move(structure.envelope);
    out.bodyStructure = std::move(structure.bodyStructure);
    return out;
}

IndexedMessage indexMessageFile(const QString &path) {
    const std::optional<QByteArray> bytes = PosixFile::readFile(path);
    return bytes ? indexMessage(*bytes) : IndexedMessage();
}

} // namespace mailstead::store
