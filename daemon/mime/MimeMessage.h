// MimeMessage.h - the parsed structure of one message
//
// RFC 2045-2046 (entities, multipart, message/rfc822), RFC 2183
// (Content-Disposition), RFC 3282 (Content-Language), RFC 2557
// (Content-Location), RFC 1864 (Content-MD5); section numbers as RFC 9051
// section 6.4.5 defines them (BODY[1.2], BODY[2.HEADER]).
//
// Parts are held flat, in depth-first order: parts[0] is the message. A
// multipart lists its body parts as children; a message/rfc822 (or
// message/global) part has exactly one child, the encapsulated message.
// Every part knows the byte ranges of its header block and body in the
// parsed input, so the IMAP layer can serve BODY[n.MIME], BODY[n],
// BODY[n.HEADER] and BODY[n.TEXT] as slices without copying.
//
// SECURITY: every value here came from untrusted mail; ranges are within
// the input the message was parsed from.
#pragma once

#include "MimeEnvelope.h"
#include "MimeParameters.h"

#include <QFlags>

namespace mailstead::mime {

enum class MimeIssue : quint32 {
    HeaderTruncated = 1u << 0,       // fields dropped by maxHeaderBytes or maxHeaderFields
    NoBlankLine = 1u << 1,           // the header block had no blank line after it
    InvalidContentType = 1u << 2,    // Content-Type unreadable; text/plain assumed
    MissingBoundary = 1u << 3,       // multipart without a usable boundary parameter
    MissingCloseDelimiter = 1u << 4, // multipart ended without its "--boundary--"
    NestingLimit = 1u << 5,          // not descended: maxNestingDepth
    PartLimit = 1u << 6,             // body parts not parsed: maxParts
};
Q_DECLARE_FLAGS(MimeIssues, MimeIssue)
Q_DECLARE_OPERATORS_FOR_FLAGS(MimeIssues)

// A byte range of the input, with its line structure.
struct MimeRange {
    qsizetype offset = 0;
    qsizetype size = 0;
    qsizetype lines = 0;         // LF bytes in the range
    qsizetype bareLineFeeds = 0; // LF bytes not preceded by CR

    qsizetype end() const { return offset + size; }
    // The size once every bare LF is sent as CRLF, as IMAP requires.
    qsizetype crlfSize() const { return size + bareLineFeeds; }
};

struct MimePart {
    enum class Kind : quint8 {
        Leaf,      // a body (also a multipart or message kept opaque by a limit)
        Multipart, // children are its body parts
        Message,   // message/rfc822 or message/global: one child, the encapsulated message
    };
    Kind kind = Kind::Leaf;
    int parent = -1;
    int depth = 0;
    QList<int> children;

    // For parts[0] and encapsulated messages, the RFC 5322 header; for
    // body parts, the MIME header. Includes the blank line.
    MimeRange header;
    MimeRange body;

    ContentType contentType;     // defaults applied (text/plain; message/rfc822 in digests)
    QByteArray transferEncoding; // as written; empty when absent (7bit)
    QByteArray contentId;        // raw, unfolded; empty when absent
    QByteArray description;      // raw, encoded words kept
    QByteArray md5;
    QByteArray location;
    std::optional<ContentDisposition> disposition;
    QList<QByteArray> languages;
    // Set on parts[0] and encapsulated messages.
    std::optional<Envelope> envelope;
    MimeIssues issues;
};

struct MimeMessage {
    QList<MimePart> parts; // never empty after parsing
    MimeIssues issues;     // every part's issues together

    const MimePart &root() const { return parts.front(); }
    // The part an IMAP section number names (RFC 9051 section 6.4.5):
    // {} is the message, {2, 1} the first part of the second part, and a
    // message/rfc822 part's numbers continue into its message. -1 if none.
    int partForSection(const QList<int> &section) const;
};

} // namespace mailstead::mime
