// MimeTransferDecoder.h - Content-Transfer-Encoding decoding, streaming
//
// RFC 2045 section 6 (7bit, 8bit, binary: identity), section 6.7
// (quoted-printable: "=XX", soft line breaks "=" CRLF, trailing
// whitespace on a line is dropped), section 6.8 (base64: characters
// outside the alphabet are ignored, "=" ends a group).
//
// Feed the encoded body in chunks of any size; the output is the same as
// for the whole body at once. Tolerant: lowercase hex, "=" not followed
// by hex kept as is, LF-only soft breaks, base64 with missing padding,
// line breaks or garbage, and several base64 blocks one after another.
// An unknown encoding (x-uuencode, ...) is passed through unchanged and
// reported by isKnown().
//
// SECURITY: the body is untrusted; work and memory are linear in the
// input, the only state kept between chunks is a few bytes (plus a run
// of trailing whitespace in quoted-printable, which is output).
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::mime {

class MimeTransferDecoder {
public:
    enum class Encoding : quint8 { Identity, QuotedPrintable, Base64 };

    // From a Content-Transfer-Encoding value (empty: 7bit).
    explicit MimeTransferDecoder(QByteArrayView transferEncoding);
    explicit MimeTransferDecoder(Encoding encoding)
        : m_encoding(encoding) {}

    Encoding encoding() const { return m_encoding; }
    bool isKnown() const { return m_known; }

    // Appends the decoded bytes of `input` to `out`.
    void feed(QByteArrayView input, QByteArray &out);
    // Appends what is held back at the end of the body.
    void finish(QByteArray &out);

private:
    void feedQuotedPrintable(QByteArrayView input, QByteArray &out);
    void feedBase64(QByteArrayView input, QByteArray &out);
    void flushBase64(QByteArray &out);

    Encoding m_encoding = Encoding::Identity;
    bool m_known = true;
    // quoted-printable
    QByteArray m_pending; // "=", "=X", "=" + whitespace, or line-end whitespace
    bool m_afterCr = false;
    // base64
    quint32 m_bits = 0;
    int m_count = 0;
};

// Decodes a whole body.
QByteArray decodeTransferEncoding(QByteArrayView body, QByteArrayView transferEncoding);

} // namespace mailstead::mime
