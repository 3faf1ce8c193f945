// fuzz_mime.cpp - libFuzzer target for the MIME parser and IMAP structure writer
//
// Parses arbitrary bytes as a message under limits chosen from the input
// (small ones make every limit reachable) and checks invariants: ranges
// lie inside the input and inside their parent, the limits hold, IMAP
// section numbers lead back to their part, ENVELOPE / BODY /
// BODYSTRUCTURE are well-formed IMAP (balanced lists, exact literals, no
// NUL, no CR or LF outside literals) in both string modes. The streaming
// decoders (quoted-printable, base64, charset, HTML) must give the same
// output whole and in chunks chosen from the input. The field parsers
// (addresses, parameters, encoded words, dates, message ids) run on the
// input as a header value.
//
// SECURITY: this is the code that reads every message from anyone
// (daemon/mime/*); see MimeParser.h for the limits that bound a MIME bomb.

#include "mime/HtmlTextExtractor.h"
#include "mime/ImapString.h"
#include "mime/ImapStructure.h"
#include "mime/MimeAddress.h"
#include "mime/MimeDate.h"
#include "mime/MimeEncodedWord.h"
#include "mime/MimeMessageId.h"
#include "mime/MimeParser.h"
#include "mime/MimeText.h"
#include "mime/MimeTransferDecoder.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mailstead::mime;

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

std::uint32_t fnv1a(const std::uint8_t *data, std::size_t size) {
    std::uint32_t hash = 2166136261u;
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= data[i];
        hash *= 16777619u;
    }
    return hash;
}

// Pieces of 1..maxChunk from a fixed LCG.
QList<qsizetype> pieces(qsizetype size, std::uint32_t state, std::uint32_t maxChunk) {
    QList<qsizetype> out;
    for (qsizetype at = 0; at < size;) {
        state = state * 1103515245u + 12345u;
        const qsizetype length = std::min<qsizetype>(1 + (state >> 16) % maxChunk, size - at);
        out.append(length);
        at += length;
    }
    return out;
}

// A minimal reader of the IMAP grammar ENVELOPE and BODYSTRUCTURE use:
// "(" ... ")", NIL, numbers, quoted strings, literals.
class ImapSyntax {
public:
    explicit ImapSyntax(QByteArrayView text)
        : m_text(text) {}

    bool wellFormed() {
        if (!value())
            return false;
        return m_at == m_text.size();
    }

private:
    bool value() {
        if (m_at >= m_text.size() || ++m_depth > 200)
            return false;
        const char c = m_text[m_at];
        bool ok = false;
        if (c == '(') {
            ++m_at;
            ok = true;
            bool first = true;
            while (ok && m_at < m_text.size() && m_text[m_at] != ')') {
                if (!first && m_text[m_at] == ' ')
                    ++m_at;
                ok = value();
                first = false;
            }
            ok = ok && m_at < m_text.size() && m_text[m_at++] == ')';
        } else if (c == '"') {
            ++m_at;
            while (m_at < m_text.size() && m_text[m_at] != '"') {
                const char d = m_text[m_at];
                if (d == '\r' || d == '\n' || d == '\0')
                    return false;
                m_at += d == '\\' ? 2 : 1;
            }
            ok = m_at < m_text.size() && m_text[m_at++] == '"';
        } else if (c == '{') {
            const qsizetype close = m_text.indexOf('}', m_at);
            if (close < 0 || close + 2 >= m_text.size() + 1)
                return false;
            bool number = false;
            const qsizetype length = m_text.sliced(m_at + 1, close - m_at - 1).toLongLong(&number);
            const qsizetype start = close + 3;
            ok = number && length >= 0 && m_text.sliced(close + 1).startsWith("\r\n") &&
                 start + length <= m_text.size() && !m_text.sliced(start, length).contains('\0');
            m_at = start + length;
        } else if (m_text.sliced(m_at).startsWith("NIL")) {
            m_at += 3;
            ok = true;
        } else {
            const qsizetype start = m_at;
            while (m_at < m_text.size() && m_text[m_at] >= '0' && m_text[m_at] <= '9')
                ++m_at;
            ok = m_at > start;
        }
        --m_depth;
        return ok;
    }

    QByteArrayView m_text;
    qsizetype m_at = 0;
    int m_depth = 0;
};

void checkRange(const MimeRange &range, qsizetype inputSize) {
    require(range.offset >= 0 && range.size >= 0 && range.end() <= inputSize);
    require(range.lines >= 0 && range.lines <= range.size);
    require(range.bareLineFeeds >= 0 && range.bareLineFeeds <= range.lines);
}

void checkStructure(QByteArrayView input, const MimeMessage &message, const MimeLimits &limits) {
    require(!message.parts.isEmpty() && message.parts.size() <= limits.maxParts);
    MimeIssues all;
    for (qsizetype i = 0; i < message.parts.size(); ++i) {
        const MimePart &part = message.parts.at(i);
        all |= part.issues;
        checkRange(part.header, input.size());
        checkRange(part.body, input.size());
        require(part.header.end() == part.body.offset);
        require(part.depth <= limits.maxNestingDepth);
        require((i == 0) == (part.parent < 0));
        require(part.envelope.has_value() ==
                (i == 0 || message.parts.at(part.parent).kind == MimePart::Kind::Message));
        if (part.kind == MimePart::Kind::Message)
            require(part.children.size() == 1);
        if (part.kind == MimePart::Kind::Leaf)
            require(part.children.isEmpty());
        for (const int child : part.children) {
            require(child > i && child < message.parts.size());
            const MimePart &c = message.parts.at(child);
            require(c.parent == i && c.depth == part.depth + 1);
            require(c.header.offset >= part.body.offset && c.body.end() <= part.body.end());
        }
        // Every body part is reachable by its IMAP section number.
        QList<int> section;
        for (int at = int(i); message.parts.at(at).parent >= 0; at = message.parts.at(at).parent) {
            const int up = message.parts.at(at).parent;
            const MimePart &parent = message.parts.at(up);
            if (parent.kind == MimePart::Kind::Multipart) {
                section.prepend(int(parent.children.indexOf(at)) + 1);
                continue;
            }
            // through a message/rfc822: a non-multipart message is part 1 of
            // it, and a top-level message/rfc822 message is itself part 1
            if (message.parts.at(at).kind != MimePart::Kind::Multipart)
                section.prepend(1);
            if (parent.parent < 0)
                section.prepend(1);
        }
        if (part.parent >= 0 && message.parts.at(part.parent).kind == MimePart::Kind::Multipart)
            require(message.partForSection(section) == int(i));
    }
    require(all == message.issues);
}

void checkImap(const MimeMessage &message) {
    for (const bool utf8 : {false, true}) {
        ImapStructureOptions options;
        options.utf8 = utf8;
        options.messageGlobal = utf8;
        require(ImapSyntax(imapEnvelope(*message.root().envelope, options)).wellFormed());
        require(ImapSyntax(imapBody(message, 0, options)).wellFormed());
        const QByteArray structure = imapBodyStructure(message, 0, options);
        require(ImapSyntax(structure).wellFormed());
        if (message.parts.size() > 1)
            require(ImapSyntax(imapBodyStructure(message, int(message.parts.size() - 1), options))
                        .wellFormed());
    }
}

void checkTransferDecoders(QByteArrayView input, std::uint32_t state) {
    for (const char *encoding : {"quoted-printable", "base64", "7bit"}) {
        const QByteArray whole = decodeTransferEncoding(input, encoding);
        MimeTransferDecoder decoder{QByteArrayView(encoding)};
        QByteArray chunked;
        qsizetype at = 0;
        for (const qsizetype length : pieces(input.size(), state, 1 + (state >> 24) % 16)) {
            decoder.feed(input.sliced(at, length), chunked);
            at += length;
        }
        decoder.finish(chunked);
        require(chunked == whole);
        require(whole.size() <= input.size());
    }
}

void checkHtml(QByteArrayView input, std::uint32_t state) {
    const QString html = QString::fromLatin1(input);
    QString whole;
    HtmlTextExtractor one;
    one.feed(html, whole);
    one.finish(whole);
    QString chunked;
    HtmlTextExtractor many;
    qsizetype at = 0;
    for (const qsizetype length : pieces(html.size(), state, 1 + (state >> 20) % 32)) {
        many.feed(QStringView(html).sliced(at, length), chunked);
        at += length;
    }
    many.finish(chunked);
    require(chunked == whole);
}

void checkCharsets(QByteArrayView input, std::uint32_t state) {
    static const char *const charsets[] = {"utf-8",  "shift_jis",    "iso-2022-jp",
                                           "gb2312", "windows-1252", "x-unknown"};
    const char *charset = charsets[state % 6];
    const QString whole = decodeCharset(input, charset).text;
    CharsetDecoder decoder(charset);
    QString chunked;
    qsizetype at = 0;
    for (const qsizetype length : pieces(input.size(), state, 1 + (state >> 12) % 8)) {
        decoder.decode(input.sliced(at, length), chunked);
        at += length;
    }
    // Decoders may resynchronise differently after invalid bytes (how many
    // U+FFFD); single-byte charsets and valid UTF-8 must agree exactly.
    if (charset == charsets[4] || charset == charsets[5] ||
        (charset == charsets[0] && isValidUtf8(input)))
        require(chunked == whole);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::uint32_t state = fnv1a(data, size);

    MimeLimits limits;
    if (state & 1) {
        limits.maxNestingDepth = 1 + (state >> 1) % 4;
        limits.maxParts = 1 + (state >> 3) % 8;
        limits.maxHeaderBytes = 16 + (state >> 6) % 200;
        limits.maxHeaderFields = 1 + (state >> 9) % 6;
        limits.maxDecodedText = 1 + (state >> 12) % 300;
    }
    const MimeMessage message = parseMessage(input, limits);
    checkStructure(input, message, limits);
    checkImap(message);
    const MessageText text = extractText(input, message, limits);
    require(text.body.size() <= limits.maxDecodedText);

    const QByteArrayView field = input.first(std::min<qsizetype>(input.size(), 4096));
    parseAddressList(field);
    parseContentType(field);
    parseContentDisposition(field);
    decodeEncodedWords(field);
    parseDateTime(field);
    parseMessageIds(field);

    checkTransferDecoders(field, state);
    checkHtml(field, state);
    checkCharsets(field, state);
    return 0;
}
