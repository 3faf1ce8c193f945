// MimeLimits.h - named limits of the MIME parser
//
// RFC 2045-2049 set no limits on nesting, part count or header size; these
// bound what one message can cost. Beyond a limit the parser stops
// descending, keeps the rest as opaque bytes of the enclosing part and
// flags it (MimeIssue), so byte ranges stay exact.
//
// SECURITY: the message is untrusted mail from anyone; with these limits a
// MIME bomb (deep nesting, 100k parts, huge headers) costs time linear in
// its size and memory bounded by its size.
#pragma once

#include <QtGlobal>

namespace mailstead::mime {

struct MimeLimits {
    // multipart and message/rfc822 levels below the message (root: 0)
    int maxNestingDepth = 32;
    // every part counted, the message itself and encapsulated messages included
    int maxParts = 1000;
    // fields ending further than this into a header block are not stored
    qsizetype maxHeaderBytes = 256 * 1024;
    // fields stored per header block
    int maxHeaderFields = 1000;
    // characters of decoded text per message handed to search
    qsizetype maxDecodedText = 16 * 1024 * 1024;
};

} // namespace mailstead::mime
