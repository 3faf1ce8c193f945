// MimeHeader.cpp - header block scanner
//
// RFC 5322 sections 2.2, 2.2.3, 3.6, 4.1, 4.5; RFC 2045 section 3.
//
// SECURITY: untrusted input; views only, limits from MimeLimits, one pass.

#include "MimeHeader.h"

#include <cstring>

namespace mailstead::mime {

namespace {

bool isWsp(char c) {
    return c == ' ' || c == '\t';
}

// RFC 5322 section 3.6.8: ftext is printable US-ASCII except ":".
bool isFieldName(QByteArrayView name) {
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const auto u = static_cast<uchar>(c);
        if (u < 33 || u > 126)
            return false;
    }
    return true;
}

// Offset just past the line starting at `at` (after its LF, or the end).
qsizetype lineEnd(QByteArrayView input, qsizetype at) {
    const void *lf = std::memchr(input.data() + at, '\n', size_t(input.size() - at));
    return lf ? static_cast<const char *>(lf) - input.data() + 1 : input.size();
}

// The line's bytes without its LF or CRLF.
QByteArrayView lineContent(QByteArrayView input, qsizetype from, qsizetype to) {
    QByteArrayView line = input.sliced(from, to - from);
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

const HeaderField *HeaderBlock::find(QByteArrayView name) const {
    for (const HeaderField &field : fields) {
        if (field.name.compare(name, Qt::CaseInsensitive) == 0)
            return &field;
    }
    return nullptr;
}

HeaderBlock parseHeaderBlock(QByteArrayView input, qsizetype from, const MimeLimits &limits,
                             const BoundaryTest &isBoundary) {
    HeaderBlock block;
    qsizetype at = from;
    // The field being read: its start, name, and where its value starts;
    // -1 when the previous line was not a field.
    qsizetype fieldStart = -1;
    QByteArrayView fieldName;
    qsizetype valueStart = 0;
    qsizetype valueEnd = 0;

    const auto finishField = [&] {
        if (fieldStart < 0)
            return;
        const bool fits = valueEnd - from <= limits.maxHeaderBytes &&
                          block.fields.size() < limits.maxHeaderFields;
        if (fits)
            block.fields.append(
                {fieldName, input.sliced(valueStart, valueEnd - valueStart), fieldStart});
        else
            block.truncated = true;
        fieldStart = -1;
    };

    while (at < input.size()) {
        const qsizetype next = lineEnd(input, at);
        const QByteArrayView line = lineContent(input, at, next);
        if (line.isEmpty() && next > at && input[next - 1] == '\n') {
            finishField();
            block.end = next;
            block.blankLine = true;
            return block;
        }
        if (isBoundary && line.startsWith("--") && isBoundary(line)) {
            finishField();
            block.end = at;
            return block;
        }
        if (isWsp(line.isEmpty() ? '\0' : line.front())) {
            // Continuation (RFC 5322 section 2.2.3); orphans are skipped.
            if (fieldStart >= 0)
                valueEnd = at + line.size();
        } else {
            finishField();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0) {
                QByteArrayView name = line.first(colon);
                while (!name.isEmpty() && isWsp(name.back())) // obs-optional, section 4.5
                    name.chop(1);
                if (isFieldName(name)) {
                    fieldStart = at;
                    fieldName = name;
                    valueStart = at + colon + 1;
                    valueEnd = at + line.size();
                }
            }
        }
        at = next;
    }
    finishField();
    block.end = input.size();
    return block;
}

QByteArray unfoldValue(QByteArrayView rawValue) {
    QByteArray out;
    out.reserve(rawValue.size());
    for (const char c : rawValue) {
        if (c != '\r' && c != '\n')
            out.append(c);
    }
    qsizetype begin = 0;
    qsizetype end = out.size();
    while (begin < end && isWsp(out.at(begin)))
        ++begin;
    while (end > begin && isWsp(out.at(end - 1)))
        --end;
    if (begin == 0 && end == out.size())
        return out.isNull() ? QByteArray("") : out;
    return out.sliced(begin, end - begin);
}

QByteArray headerValue(const HeaderBlock &block, QByteArrayView name) {
    const HeaderField *field = block.find(name);
    return field ? unfoldValue(field->value) : QByteArray();
}

} // namespace mailstead::mime
