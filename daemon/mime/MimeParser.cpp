// MimeParser.cpp - recursive descent over entities, one forward scan
//
// RFC 5322 section 2.1; RFC 2045 sections 3-9; RFC 2046 sections 5.1,
// 5.1.1, 5.1.5, 5.2.1; RFC 6532 section 3.5.
//
// SECURITY: untrusted input; recursion is bounded by maxNestingDepth, the
// boundary stack by the same, boundaries by maxBoundaryLength.

#include "MimeParser.h"

#include "MimeHeader.h"
#include "MimeLineIndex.h"

#include <cstring>

namespace mailstead::mime {

namespace {

// RFC 2046 section 5.1.1 allows 70; longer ones are accepted up to this.
constexpr qsizetype maxBoundaryLength = 256;
// Each level is a few stack frames: whatever the caller's limit, the
// recursion stays well inside a thread's stack.
constexpr int hardMaxNestingDepth = 256;

class StructureParser {
public:
    StructureParser(QByteArrayView input, const MimeLimits &limits, MimeMessage &out)
        : m_input(input)
        , m_limits(limits)
        , m_out(out)
        , m_lines(input) {}

    void run();

private:
    // Parses the entity starting at `from` (a line start) as a child of
    // `parent`; returns the offset of the delimiter line that ended it, or
    // the end of the input.
    qsizetype parseEntity(qsizetype from, int parent, int depth, bool inDigest);
    int addPart(int parent, int depth);
    // Keeps every part inside its parent's body (see run()).
    void nestRanges();
    void readContentHeaders(MimePart &part, const HeaderBlock &header, bool inDigest);
    qsizetype parseMultipart(int index, qsizetype bodyStart, const QByteArray &boundary);
    // The first delimiter line at or after `from` (a line start).
    qsizetype nextDelimiter(qsizetype from, qsizetype *stackIndex, bool *close) const;
    qsizetype matchDelimiter(QByteArrayView line, bool *close) const;
    qsizetype afterLine(qsizetype lineStart) const;
    void flag(int index, MimeIssue issue) { m_out.parts[index].issues |= issue; }

    QByteArrayView m_input;
    const MimeLimits &m_limits;
    MimeMessage &m_out;
    MimeLineIndex m_lines;
    QList<QByteArray> m_boundaries; // innermost last
};

qsizetype StructureParser::afterLine(qsizetype lineStart) const {
    const void *lf =
        std::memchr(m_input.data() + lineStart, '\n', size_t(m_input.size() - lineStart));
    return lf ? static_cast<const char *>(lf) - m_input.data() + 1 : m_input.size();
}

qsizetype StructureParser::matchDelimiter(QByteArrayView line, bool *close) const {
    if (line.endsWith('\r'))
        line.chop(1);
    for (qsizetype i = m_boundaries.size() - 1; i >= 0; --i) {
        const QByteArray &boundary = m_boundaries.at(i);
        if (line.size() < 2 + boundary.size() || !line.sliced(2).startsWith(boundary))
            continue;
        QByteArrayView rest = line.sliced(2 + boundary.size());
        *close = rest.startsWith("--");
        if (*close)
            rest = rest.sliced(2);
        bool padding = true; // RFC 2046 section 5.1.1 transport padding
        for (const char c : rest)
            padding = padding && (c == ' ' || c == '\t');
        if (padding)
            return i;
    }
    return -1;
}

qsizetype StructureParser::nextDelimiter(qsizetype from, qsizetype *stackIndex, bool *close) const {
    if (m_boundaries.isEmpty())
        return m_input.size();
    const char *data = m_input.data();
    qsizetype at = from;
    while (at < m_input.size()) {
        if (data[at] == '-' && at + 1 < m_input.size() && data[at + 1] == '-') {
            const qsizetype next = afterLine(at);
            QByteArrayView line = m_input.sliced(at, next - at);
            if (line.endsWith('\n'))
                line.chop(1);
            *stackIndex = matchDelimiter(line, close);
            if (*stackIndex >= 0)
                return at;
            at = next;
            continue;
        }
        at = afterLine(at);
    }
    return m_input.size();
}

void StructureParser::readContentHeaders(MimePart &part, const HeaderBlock &header, bool inDigest) {
    if (const HeaderField *field = header.find("Content-Type")) {
        part.contentType = parseContentType(unfoldValue(field->value));
        if (!part.contentType.valid)
            part.issues |= MimeIssue::InvalidContentType;
    } else if (inDigest) {
        part.contentType.type = "message"; // RFC 2046 section 5.1.5
        part.contentType.subtype = "rfc822";
    }
    part.transferEncoding = parseTransferEncoding(headerValue(header, "Content-Transfer-Encoding"));
    part.contentId = headerValue(header, "Content-ID");
    part.description = headerValue(header, "Content-Description");
    part.md5 = headerValue(header, "Content-MD5");
    part.location = headerValue(header, "Content-Location");
    if (const HeaderField *field = header.find("Content-Disposition"))
        part.disposition = parseContentDisposition(unfoldValue(field->value));
    if (const HeaderField *field = header.find("Content-Language"))
        part.languages = parseLanguageList(unfoldValue(field->value));
}

int StructureParser::addPart(int parent, int depth) {
    const int index = int(m_out.parts.size());
    m_out.parts.append(MimePart());
    MimePart &part = m_out.parts.back();
    part.parent = parent;
    part.depth = depth;
    if (parent >= 0)
        m_out.parts[parent].children.append(index);
    return index;
}

qsizetype StructureParser::parseEntity(qsizetype from, int parent, int depth, bool inDigest) {
    const int index = addPart(parent, depth);
    const HeaderBlock header =
        parseHeaderBlock(m_input, from, m_limits, [this](QByteArrayView line) {
            bool close = false;
            return matchDelimiter(line, &close) >= 0;
        });
    {
        MimePart &part = m_out.parts[index];
        part.header.offset = from;
        if (header.truncated)
            part.issues |= MimeIssue::HeaderTruncated;
        if (!header.blankLine)
            part.issues |= MimeIssue::NoBlankLine;
        readContentHeaders(part, header, inDigest);
        // The message itself and encapsulated messages carry an envelope.
        if (parent < 0 || m_out.parts.at(parent).kind == MimePart::Kind::Message)
            part.envelope = parseEnvelope(header);
    }

    const qsizetype bodyStart = header.end;
    const ContentType type = m_out.parts.at(index).contentType;
    const bool deeper = depth < m_limits.maxNestingDepth;
    const bool room = m_out.parts.size() < m_limits.maxParts;
    qsizetype end = -1;
    qsizetype ignored = 0;
    bool close = false;
    if (type.is("multipart")) {
        const MimeParameter *boundary = findParameter(type.parameters, "boundary");
        if (!boundary || boundary->value.isEmpty() || boundary->value.size() > maxBoundaryLength) {
            m_out.parts[index].kind = MimePart::Kind::Multipart; // with no body parts
            flag(index, MimeIssue::MissingBoundary);
        } else if (!deeper) {
            flag(index, MimeIssue::NestingLimit);
        } else {
            m_out.parts[index].kind = MimePart::Kind::Multipart;
            end = parseMultipart(index, bodyStart, boundary->value);
        }
    } else if (type.is("message", "rfc822") || type.is("message", "global")) {
        if (!deeper) {
            flag(index, MimeIssue::NestingLimit);
        } else if (!room) {
            flag(index, MimeIssue::PartLimit);
        } else {
            m_out.parts[index].kind = MimePart::Kind::Message;
            end = parseEntity(bodyStart, index, depth + 1, false);
        }
    }
    if (end < 0)
        end = nextDelimiter(bodyStart, &ignored, &close);

    // The line ending before a delimiter belongs to the delimiter (RFC
    // 2046 section 5.1.1), even when it is a header's blank line.
    qsizetype entityEnd = end;
    if (end < m_input.size()) {
        if (entityEnd > from && m_input[entityEnd - 1] == '\n')
            --entityEnd;
        if (entityEnd > from && m_input[entityEnd - 1] == '\r')
            --entityEnd;
    }
    const qsizetype headerEnd = qMin(header.end, entityEnd);
    MimePart &part = m_out.parts[index];
    part.header.size = headerEnd - from;
    part.body.offset = headerEnd;
    part.body.size = entityEnd - headerEnd;
    return end;
}

qsizetype StructureParser::parseMultipart(int index, qsizetype bodyStart,
                                          const QByteArray &boundary) {
    m_boundaries.append(boundary);
    const qsizetype own = m_boundaries.size() - 1;
    const int depth = m_out.parts.at(index).depth;
    const bool digest = m_out.parts.at(index).contentType.is("multipart", "digest");
    qsizetype at = bodyStart;
    qsizetype end = m_input.size();
    bool closed = false;
    while (true) {
        qsizetype which = -1;
        bool close = false;
        const qsizetype line = nextDelimiter(at, &which, &close);
        if (line >= m_input.size())
            break;
        if (which != own) { // an enclosing multipart's delimiter ends this one too
            end = line;
            break;
        }
        if (close) {
            closed = true;
            m_boundaries.removeLast();
            qsizetype ignored = 0;
            return nextDelimiter(afterLine(line), &ignored, &close); // past the epilogue
        }
        const qsizetype partStart = afterLine(line);
        if (m_out.parts.size() >= m_limits.maxParts) {
            flag(index, MimeIssue::PartLimit); // left in this multipart's body
            at = partStart;
            continue;
        }
        at = parseEntity(partStart, index, depth + 1, digest);
    }
    m_boundaries.removeLast();
    if (!closed)
        flag(index, MimeIssue::MissingCloseDelimiter);
    return end;
}

// An entity whose header's blank line was its delimiter's line ending
// ends before its children start; move them (all empty) to its end.
// Parents come before their children, so one pass in order suffices.
void StructureParser::nestRanges() {
    for (MimePart &part : m_out.parts) {
        if (part.parent < 0)
            continue;
        const MimeRange &outer = m_out.parts.at(part.parent).body;
        const auto clamp = [&](qsizetype at) { return qBound(outer.offset, at, outer.end()); };
        const qsizetype headerEnd = clamp(part.header.end());
        const qsizetype bodyEnd = clamp(part.body.end());
        part.header.offset = clamp(part.header.offset);
        part.header.size = headerEnd - part.header.offset;
        part.body.offset = headerEnd;
        part.body.size = bodyEnd - headerEnd;
    }
}

void StructureParser::run() {
    parseEntity(0, -1, 0, false);
    nestRanges();
    for (MimePart &part : m_out.parts) {
        m_lines.count(part.header.offset, part.header.end(), &part.header.lines,
                      &part.header.bareLineFeeds);
        m_lines.count(part.body.offset, part.body.end(), &part.body.lines,
                      &part.body.bareLineFeeds);
        m_out.issues |= part.issues;
    }
}

} // namespace

MimeMessage parseMessage(QByteArrayView input, const MimeLimits &limits) {
    MimeMessage message;
    MimeLimits effective = limits;
    effective.maxParts = qMax(effective.maxParts, 1);
    effective.maxNestingDepth = qBound(0, effective.maxNestingDepth, hardMaxNestingDepth);
    StructureParser(input, effective, message).run();
    return message;
}

} // namespace mailstead::mime
