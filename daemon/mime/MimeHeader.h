// MimeHeader.h - header blocks: fields, folding, the blank line
//
// RFC 5322 section 2.2 (header fields, folding), 2.2.3 (unfolding), 3.6
// and 4.1/4.5 (obsolete syntax: whitespace before the colon, empty
// continuation lines); RFC 2045 section 3 (MIME headers in body parts);
// RFC 6532 (8-bit field values).
//
// Lines end with LF, CRLF or bare LF alike (LF-only mail files). A line
// that is not a field (no colon, or a name with spaces or control bytes)
// is skipped, as is a continuation with no field to continue. A block
// ends after the first empty line, at a line the caller names as a
// boundary (a body part without its blank line), or at the end of input.
//
// SECURITY: input is untrusted. Fields are views into the input (nothing is
// copied); fields past MimeLimits::maxHeaderBytes or beyond
// maxHeaderFields are not stored, but the block is still read to its end
// so offsets stay right. Time is linear in the block's size.
#pragma once

#include "MimeLimits.h"

#include <functional>
#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace mailstead::mime {

struct HeaderField {
    QByteArrayView name;  // as written, without whitespace before the colon
    QByteArrayView value; // after the colon up to the final line ending; folding kept
    qsizetype offset = 0; // of the field's first byte in the input
};

struct HeaderBlock {
    QList<HeaderField> fields;
    qsizetype end = 0;      // offset just past the block (its blank line included)
    bool blankLine = false; // the block ended with an empty line
    bool truncated = false; // fields were dropped by a limit

    // The first field of that name (case-insensitive), or nullptr.
    const HeaderField *find(QByteArrayView name) const;
};

// Called with a line (without its line ending) that starts with "--";
// true ends the block before that line.
using BoundaryTest = std::function<bool(QByteArrayView line)>;

HeaderBlock parseHeaderBlock(QByteArrayView input, qsizetype from, const MimeLimits &limits,
                             const BoundaryTest &isBoundary = {});

// RFC 5322 section 2.2.3: the value with its line breaks removed and
// surrounding whitespace trimmed (inner whitespace kept as written).
QByteArray unfoldValue(QByteArrayView rawValue);

// The first field's unfolded value; a null QByteArray when absent.
QByteArray headerValue(const HeaderBlock &block, QByteArrayView name);

} // namespace mailstead::mime
