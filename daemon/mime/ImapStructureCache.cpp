// ImapStructureCache.cpp - the cached ENVELOPE / BODYSTRUCTURE columns and
// BODY derived from BODYSTRUCTURE
//
// RFC 9051 sections 7.5.2 and 9, RFC 3501 section 7.4.2, RFC 6855
// section 3.
//
// SECURITY: a column is read with every length checked against its size;
// the BODYSTRUCTURE scan is bounded by kMaxScanDepth.

#include "ImapStructureCache.h"

#include <array>
#include <QList>

namespace mailstead::mime {

namespace {

// Session variants in column order (ImapStructureCache.h).
constexpr std::array<ImapStructureOptions, 3> kVariants = {ImapStructureOptions{false, false},
                                                           ImapStructureOptions{true, false},
                                                           ImapStructureOptions{true, true}};
constexpr int kLengthOctets = 4;
// Lists nested deeper than this are not something the writer made:
// MimeLimits::maxNestingDepth bounds the parts, and each part adds at most
// a few levels (body, envelope, address list, address).
constexpr int kMaxScanDepth = 512;
// Fields of a BODYSTRUCTURE part that BODY leaves out (RFC 9051 section 9,
// body-ext-1part and body-ext-mpart as the writer always sends them).
constexpr qsizetype kExtensionFields = 4;
// Fields of a single part before its extension data: basic, text (plus
// lines), message (plus envelope, body, lines). Field 8 of a message part
// is the encapsulated body.
constexpr qsizetype kBasicFields = 7;
constexpr qsizetype kTextFields = 8;
constexpr qsizetype kMessageFields = 10;
constexpr qsizetype kEncapsulatedBodyField = 8;

QByteArray columnOf(const std::array<QByteArray, 3> &values) {
    for (const QByteArray &value : values)
        if (value.isEmpty())
            return {};
    if (values[0] == values[1] && values[1] == values[2])
        return values[0];
    QByteArray out(1, kVariantsMarker);
    for (const QByteArray &value : values) {
        const auto size = quint32(value.size());
        for (int shift = 8 * (kLengthOctets - 1); shift >= 0; shift -= 8)
            out += char((size >> shift) & 0xff);
        out += value;
    }
    return out;
}

int variantOf(const ImapStructureOptions &options) {
    for (size_t i = 0; i < kVariants.size(); ++i) {
        if (kVariants[i].utf8 == options.utf8 &&
            kVariants[i].messageGlobal == options.messageGlobal)
            return int(i);
    }
    return -1;
}

struct Span {
    qsizetype begin = 0;
    qsizetype end = 0;
};

class BodyScanner {
public:
    explicit BodyScanner(QByteArrayView bytes)
        : m_bytes(bytes) {}

    // Writes BODY for the BODYSTRUCTURE part starting at `pos`; the end of
    // that part in *end. False when the bytes are not the writer's.
    bool body(QByteArray &out, qsizetype pos, qsizetype *end, int depth) const;

private:
    qsizetype skipValue(qsizetype pos, int depth) const;
    bool splitList(qsizetype pos, QList<Span> *elements, qsizetype *end, int depth) const;
    char at(qsizetype pos) const { return pos < m_bytes.size() ? m_bytes[pos] : '\0'; }

    QByteArrayView m_bytes;
};

// The end of one value (list, quoted string, literal, NIL or number), or -1.
qsizetype BodyScanner::skipValue(qsizetype pos, int depth) const {
    const qsizetype size = m_bytes.size();
    if (pos >= size)
        return -1;
    const char first = m_bytes[pos];
    if (first == '(') {
        QList<Span> ignored;
        qsizetype end = -1;
        return splitList(pos, &ignored, &end, depth) ? end : -1;
    }
    if (first == '"') {
        for (qsizetype i = pos + 1; i < size; ++i) {
            if (m_bytes[i] == '\\')
                ++i;
            else if (m_bytes[i] == '"')
                return i + 1;
        }
        return -1;
    }
    if (first == '{') {
        qsizetype i = pos + 1;
        qint64 length = 0;
        while (i < size && m_bytes[i] >= '0' && m_bytes[i] <= '9' && length <= size) {
            length = length * 10 + (m_bytes[i] - '0');
            ++i;
        }
        if (i == pos + 1 || at(i) != '}' || at(i + 1) != '\r' || at(i + 2) != '\n')
            return -1;
        const qsizetype dataStart = i + 3;
        return length <= size - dataStart ? dataStart + qsizetype(length) : -1;
    }
    qsizetype i = pos;
    while (i < size && m_bytes[i] != ' ' && m_bytes[i] != ')' && m_bytes[i] != '(')
        ++i;
    return i > pos ? i : -1;
}

// The elements of the list starting at `pos` ("(" value [SP] value ... ")";
// the writer puts no space between the parts of a multipart).
bool BodyScanner::splitList(qsizetype pos, QList<Span> *elements, qsizetype *end, int depth) const {
    if (depth > kMaxScanDepth || at(pos) != '(')
        return false;
    qsizetype i = pos + 1;
    while (at(i) != ')') {
        const qsizetype after = skipValue(i, depth + 1);
        if (after < 0)
            return false;
        elements->append({i, after});
        i = after;
        if (at(i) == ' ')
            ++i;
    }
    *end = i + 1;
    return true;
}

bool BodyScanner::body(QByteArray &out, qsizetype pos, qsizetype *end, int depth) const {
    QList<Span> fields;
    if (!splitList(pos, &fields, end, depth))
        return false;
    qsizetype children = 0;
    while (children < fields.size() && m_bytes[fields.at(children).begin] == '(')
        ++children;
    out += '(';
    if (children > 0) {
        // Multipart: the parts, the subtype, then the extension data.
        if (fields.size() != children + 1 + kExtensionFields)
            return false;
        for (qsizetype i = 0; i < children; ++i) {
            qsizetype childEnd = 0;
            if (!body(out, fields.at(i).begin, &childEnd, depth + 1))
                return false;
        }
        const Span subtype = fields.at(children);
        out += ' ';
        out += m_bytes.sliced(subtype.begin, subtype.end - subtype.begin);
        out += ')';
        return true;
    }
    const qsizetype kept = fields.size() - kExtensionFields;
    if (kept != kBasicFields && kept != kTextFields && kept != kMessageFields)
        return false;
    for (qsizetype i = 0; i < kept; ++i) {
        if (i > 0)
            out += ' ';
        const Span field = fields.at(i);
        if (kept == kMessageFields && i == kEncapsulatedBodyField) {
            qsizetype innerEnd = 0;
            if (!body(out, field.begin, &innerEnd, depth + 1))
                return false;
        } else {
            out += m_bytes.sliced(field.begin, field.end - field.begin);
        }
    }
    out += ')';
    return true;
}

} // namespace

ImapCachedStructure imapCachedStructure(const MimeMessage &message) {
    if (message.parts.isEmpty())
        return {};
    const Envelope envelope = message.root().envelope.value_or(Envelope());
    std::array<QByteArray, 3> envelopes;
    std::array<QByteArray, 3> structures;
    for (size_t i = 0; i < kVariants.size(); ++i) {
        // ENVELOPE does not depend on messageGlobal.
        envelopes[i] = i > 0 && kVariants[i].utf8 == kVariants[i - 1].utf8
                           ? envelopes[i - 1]
                           : imapEnvelope(envelope, kVariants[i]);
        structures[i] = imapBodyStructure(message, 0, kVariants[i]);
    }
    return {columnOf(envelopes), columnOf(structures)};
}

QByteArray imapCachedValue(QByteArrayView column, const ImapStructureOptions &options) {
    if (column.isEmpty())
        return {};
    if (column.front() == '(')
        return column.toByteArray();
    const int variant = variantOf(options);
    if (column.front() != kVariantsMarker || variant < 0)
        return {};
    qsizetype pos = 1;
    for (int i = 0; i <= variant; ++i) {
        if (column.size() - pos < kLengthOctets)
            return {};
        quint32 length = 0;
        for (int octet = 0; octet < kLengthOctets; ++octet)
            length = (length << 8) | quint8(column[pos + octet]);
        pos += kLengthOctets;
        if (length == 0 || qint64(length) > column.size() - pos)
            return {};
        if (i == variant)
            return column.sliced(pos, length).toByteArray();
        pos += length;
    }
    return {};
}

QByteArray imapBodyFromBodyStructure(QByteArrayView bodyStructure) {
    QByteArray out;
    out.reserve(bodyStructure.size());
    qsizetype end = 0;
    if (!BodyScanner(bodyStructure).body(out, 0, &end, 0) || end != bodyStructure.size())
        return {};
    return out;
}

} // namespace mailstead::mime
