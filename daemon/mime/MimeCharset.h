// MimeCharset.h - bytes in a named charset to Unicode
//
// RFC 2045 section 5.1 and RFC 2046 section 4.1.2 (charset parameter),
// RFC 2047 section 2 and RFC 2231 section 4 (charsets in headers),
// RFC 6532 section 3.2 (raw UTF-8 in header fields).
//
// Any charset Qt's QStringDecoder knows (with ICU: iso-8859-*,
// windows-125x, koi8-r, gbk, big5, shift_jis, euc-jp, iso-2022-jp, ...).
// Common labels are mapped to what senders mean: gb2312 to gb18030 (its
// superset), iso-8859-1 and us-ascii to windows-1252 and UTF-8 (both
// supersets seen in practice). An unknown charset decodes as Latin-1
// (every byte kept, one character each) and is reported.
//
// SECURITY: charset names and bytes come from untrusted mail; names are
// checked (length, characters) before they reach Qt/ICU.
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

namespace mailstead::mime {

// Decoded text and whether the charset was one we could not decode.
struct DecodedText {
    QString text;
    bool unknownCharset = false;
};

// Streaming decoder: state carries over between calls, so a multibyte
// character may be split between chunks.
class CharsetDecoder {
public:
    explicit CharsetDecoder(QByteArrayView charset);

    bool isKnown() const { return m_known; }
    void decode(QByteArrayView bytes, QString &out);

private:
    QStringDecoder m_decoder;
    bool m_known = false;
};

DecodedText decodeCharset(QByteArrayView bytes, QByteArrayView charset);

// Header bytes outside encoded words: UTF-8 when valid (RFC 6532),
// otherwise windows-1252 (legacy 8-bit headers).
QString decodeRawHeaderBytes(QByteArrayView bytes);

} // namespace mailstead::mime
