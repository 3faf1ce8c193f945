// MimeText.cpp - transfer decoding, charset decoding and HTML to text, chunked
//
// RFC 2045 section 6, RFC 2046 section 4.1.2, RFC 2047, RFC 9051 section
// 6.4.4.
//
// SECURITY: untrusted mail; bounded output, linear work.

#include "MimeText.h"

#include "HtmlTextExtractor.h"
#include "MimeEncodedWord.h"
#include "MimeHeader.h"
#include "MimeTransferDecoder.h"

namespace mailstead::mime {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype chunkSize = 64 * 1024;

bool isSearchableText(const MimePart &part) {
    return part.kind == MimePart::Kind::Leaf &&
           (part.contentType.is("text", "plain") || part.contentType.is("text", "html"));
}

void appendHeaderText(QByteArrayView input, const MimePart &part, const MimeLimits &limits,
                      QString &out) {
    const HeaderBlock block =
        parseHeaderBlock(input.first(part.header.end()), part.header.offset, limits);
    for (const HeaderField &field : block.fields) {
        out += QString::fromLatin1(field.name) + u": "_s + decodeHeaderValue(field.value) + u'\n';
    }
}

} // namespace

QString decodeHeaderValue(QByteArrayView rawValue) {
    return decodeEncodedWords(unfoldValue(rawValue)).text;
}

DecodedText decodePartText(QByteArrayView input, const MimePart &part, qsizetype maxChars) {
    DecodedText result;
    MimeTransferDecoder transfer(part.transferEncoding);
    const MimeParameter *charset = findParameter(part.contentType.parameters, "charset");
    CharsetDecoder decoder(charset ? QByteArrayView(charset->value) : QByteArrayView("us-ascii"));
    result.unknownCharset = !decoder.isKnown();
    const bool html = part.contentType.is("text", "html");
    HtmlTextExtractor extractor;

    const QByteArrayView body = input.sliced(part.body.offset, part.body.size);
    QByteArray bytes;
    QString text;
    const auto consume = [&] {
        decoder.decode(bytes, text);
        bytes.clear();
        if (html) {
            extractor.feed(text, result.text);
            text.clear();
        } else {
            result.text += text;
            text.clear();
        }
    };
    for (qsizetype at = 0; at < body.size(); at += chunkSize) {
        transfer.feed(body.sliced(at, qMin(chunkSize, body.size() - at)), bytes);
        consume();
        if (maxChars > 0 && result.text.size() >= maxChars)
            break;
    }
    transfer.finish(bytes);
    consume();
    if (html)
        extractor.finish(result.text);
    if (maxChars > 0 && result.text.size() > maxChars)
        result.text.truncate(maxChars);
    return result;
}

MessageText extractText(QByteArrayView input, const MimeMessage &message,
                        const MimeLimits &limits) {
    MessageText result;
    for (const MimePart &part : message.parts) {
        if (part.envelope)
            appendHeaderText(input, part, limits, result.headers);
        if (!isSearchableText(part))
            continue;
        const qsizetype room = limits.maxDecodedText - result.body.size();
        if (room <= 0) {
            result.truncated = true;
            break;
        }
        const DecodedText text = decodePartText(input, part, room);
        if (!result.body.isEmpty() && !text.text.isEmpty())
            result.body += u"\n\n"_s;
        result.body += text.text;
        result.unknownCharset = result.unknownCharset || text.unknownCharset;
        if (result.body.size() >= limits.maxDecodedText)
            result.truncated = true;
    }
    if (result.body.size() > limits.maxDecodedText)
        result.body.truncate(limits.maxDecodedText);
    return result;
}

} // namespace mailstead::mime
