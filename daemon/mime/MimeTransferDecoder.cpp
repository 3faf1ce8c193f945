// MimeTransferDecoder.cpp - quoted-printable and base64, chunk by chunk
//
// RFC 2045 sections 6, 6.7, 6.8.
//
// SECURITY: untrusted body; linear, constant state (see the header).

#include "MimeTransferDecoder.h"

#include "codec/Digits.h"

namespace mailstead::mime {

namespace {

bool isWsp(char c) {
    return c == ' ' || c == '\t';
}

} // namespace

MimeTransferDecoder::MimeTransferDecoder(QByteArrayView transferEncoding) {
    const QByteArrayView name = transferEncoding.trimmed();
    if (name.compare("quoted-printable", Qt::CaseInsensitive) == 0) {
        m_encoding = Encoding::QuotedPrintable;
    } else if (name.compare("base64", Qt::CaseInsensitive) == 0) {
        m_encoding = Encoding::Base64;
    } else {
        m_known = name.isEmpty() || name.compare("7bit", Qt::CaseInsensitive) == 0 ||
                  name.compare("8bit", Qt::CaseInsensitive) == 0 ||
                  name.compare("binary", Qt::CaseInsensitive) == 0;
    }
}

void MimeTransferDecoder::feed(QByteArrayView input, QByteArray &out) {
    switch (m_encoding) {
    case Encoding::Identity:
        out.append(input);
        break;
    case Encoding::QuotedPrintable:
        feedQuotedPrintable(input, out);
        break;
    case Encoding::Base64:
        feedBase64(input, out);
        break;
    }
}

void MimeTransferDecoder::finish(QByteArray &out) {
    switch (m_encoding) {
    case Encoding::Identity:
        break;
    case Encoding::QuotedPrintable:
        // "=X" at the end is kept as written; a lone "=" is a soft break,
        // trailing whitespace is dropped (RFC 2045 section 6.7, rule 3).
        if (m_pending.size() == 2 && hexDigitValue(m_pending.at(1)) >= 0)
            out.append(m_pending);
        m_pending.clear();
        m_afterCr = false;
        break;
    case Encoding::Base64:
        flushBase64(out);
        break;
    }
}

void MimeTransferDecoder::feedQuotedPrintable(QByteArrayView input, QByteArray &out) {
    const auto normal = [&](char c) {
        if (c == '=' || isWsp(c))
            m_pending.append(c);
        else
            out.append(c);
    };
    const qsizetype size = input.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = input[i];
        if (m_afterCr) { // soft break "=" CR: its LF
            m_afterCr = false;
            if (c == '\n')
                continue;
        }
        if (m_pending.isEmpty()) {
            if (c == '=' || isWsp(c)) {
                m_pending.append(c);
                continue;
            }
            // plain text: copy the run up to the next special byte at once
            qsizetype j = i;
            while (j < size && input[j] != '=' && !isWsp(input[j]))
                ++j;
            out.append(input.sliced(i, j - i));
            i = j - 1;
            continue;
        }
        if (m_pending.front() == '=') {
            const bool hexHalf = m_pending.size() == 2 && hexDigitValue(m_pending.at(1)) >= 0;
            if (m_pending.size() == 1 && hexDigitValue(c) >= 0) {
                m_pending.append(c);
            } else if (hexHalf && hexDigitValue(c) >= 0) {
                out.append(char(hexDigitValue(m_pending.at(1)) * 16 + hexDigitValue(c)));
                m_pending.clear();
            } else if (!hexHalf && isWsp(c)) {
                m_pending.append(c); // "=" then padding before the line break
            } else if (!hexHalf && (c == '\r' || c == '\n')) {
                m_pending.clear(); // soft line break
                m_afterCr = c == '\r';
            } else {
                out.append(m_pending); // not an escape: kept as written
                m_pending.clear();
                normal(c);
            }
            continue;
        }
        // a run of whitespace: dropped before a line break, kept otherwise
        if (isWsp(c)) {
            m_pending.append(c);
            continue;
        }
        if (c != '\r' && c != '\n')
            out.append(m_pending);
        m_pending.clear();
        normal(c);
    }
}

void MimeTransferDecoder::flushBase64(QByteArray &out) {
    if (m_count == 2) {
        out.append(char(m_bits >> 4));
    } else if (m_count == 3) {
        out.append(char(m_bits >> 10));
        out.append(char(m_bits >> 2));
    }
    m_bits = 0;
    m_count = 0;
}

void MimeTransferDecoder::feedBase64(QByteArrayView input, QByteArray &out) {
    for (const char c : input) {
        const int value = base64DigitValue(c);
        if (value < 0) {
            if (c == '=')
                flushBase64(out); // end of a group; another block may follow
            continue;
        }
        m_bits = (m_bits << 6) | quint32(value);
        if (++m_count == 4) {
            out.append(char(m_bits >> 16));
            out.append(char(m_bits >> 8));
            out.append(char(m_bits));
            m_bits = 0;
            m_count = 0;
        }
    }
}

QByteArray decodeTransferEncoding(QByteArrayView body, QByteArrayView transferEncoding) {
    MimeTransferDecoder decoder(transferEncoding);
    QByteArray out;
    decoder.feed(body, out);
    decoder.finish(out);
    return out;
}

} // namespace mailstead::mime
