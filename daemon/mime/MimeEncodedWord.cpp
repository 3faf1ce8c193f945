// MimeEncodedWord.cpp - RFC 2047 decoding
//
// RFC 2047 sections 2, 4.1 (B), 4.2 (Q), 5, 6.2; RFC 2231 section 5.
//
// SECURITY: untrusted input; bounded, linear.

#include "MimeEncodedWord.h"

#include "codec/Digits.h"

namespace mailstead::mime {

namespace {

QByteArray decodeQ(QByteArrayView text) {
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            out.append(' ');
        } else if (c == '=' && i + 2 < text.size() && hexDigitValue(text[i + 1]) >= 0 &&
                   hexDigitValue(text[i + 2]) >= 0) {
            out.append(char(hexDigitValue(text[i + 1]) * 16 + hexDigitValue(text[i + 2])));
            i += 2;
        } else {
            out.append(c);
        }
    }
    return out;
}

QByteArray decodeB(QByteArrayView text) {
    QByteArray out;
    out.reserve(text.size() * 3 / 4);
    quint32 bits = 0;
    int count = 0;
    for (const char c : text) {
        const int v = base64DigitValue(c);
        if (v < 0)
            continue; // padding or garbage
        bits = (bits << 6) | quint32(v);
        if (++count == 4) {
            out.append(char(bits >> 16));
            out.append(char(bits >> 8));
            out.append(char(bits));
            bits = 0;
            count = 0;
        }
    }
    if (count == 2) {
        out.append(char(bits >> 4));
    } else if (count == 3) {
        out.append(char(bits >> 10));
        out.append(char(bits >> 2));
    }
    return out;
}

struct EncodedWord {
    QByteArrayView charset;
    QByteArray bytes;
    qsizetype length = 0; // of the whole "=?...?=" in the input
};

// An encoded word at `at` ("=?" already seen), or length 0.
EncodedWord parseWord(QByteArrayView text, qsizetype at) {
    EncodedWord word;
    const qsizetype q1 = text.indexOf('?', at + 2);
    if (q1 < 0 || q1 + 3 >= text.size() || text[q1 + 2] != '?')
        return word;
    const char encoding = text[q1 + 1];
    if (encoding != 'B' && encoding != 'b' && encoding != 'Q' && encoding != 'q')
        return word;
    const qsizetype textStart = q1 + 3;
    qsizetype end = textStart;
    // encoded-text has no whitespace or '?' (RFC 2047 section 2)
    while (end < text.size() && text[end] != '?' && text[end] != ' ' && text[end] != '\t')
        ++end;
    if (end + 1 >= text.size() || text[end] != '?' || text[end + 1] != '=')
        return word;
    QByteArrayView charset = text.sliced(at + 2, q1 - at - 2);
    if (const qsizetype star = charset.indexOf('*'); star >= 0)
        charset = charset.first(star); // RFC 2231 section 5 language
    if (charset.isEmpty())
        return word;
    const QByteArrayView encoded = text.sliced(textStart, end - textStart);
    word.charset = charset;
    word.bytes = (encoding == 'B' || encoding == 'b') ? decodeB(encoded) : decodeQ(encoded);
    word.length = end + 2 - at;
    return word;
}

} // namespace

DecodedText decodeEncodedWords(QByteArrayView text) {
    DecodedText result;
    QByteArray pendingBytes; // of adjacent words in pendingCharset
    QByteArrayView pendingCharset;
    qsizetype plainStart = 0;

    const auto flushWords = [&] {
        if (pendingCharset.isEmpty())
            return;
        const DecodedText decoded = decodeCharset(pendingBytes, pendingCharset);
        result.text += decoded.text;
        result.unknownCharset = result.unknownCharset || decoded.unknownCharset;
        pendingBytes.clear();
        pendingCharset = {};
    };

    qsizetype at = 0;
    while (at < text.size()) {
        const qsizetype start = text.indexOf("=?", at);
        if (start < 0)
            break;
        const EncodedWord word = parseWord(text, start);
        if (word.length == 0) {
            at = start + 2;
            continue;
        }
        QByteArrayView between = text.sliced(plainStart, start - plainStart);
        bool onlySpace = !pendingCharset.isEmpty();
        for (const char c : between) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                onlySpace = false;
        }
        if (!onlySpace) {
            flushWords();
            result.text += decodeRawHeaderBytes(between);
        }
        // Whitespace between encoded words is dropped (section 6.2).
        if (!pendingCharset.isEmpty() &&
            pendingCharset.compare(word.charset, Qt::CaseInsensitive) != 0)
            flushWords();
        pendingCharset = word.charset;
        pendingBytes += word.bytes;
        at = start + word.length;
        plainStart = at;
    }
    flushWords();
    result.text += decodeRawHeaderBytes(text.sliced(plainStart));
    return result;
}

} // namespace mailstead::mime
