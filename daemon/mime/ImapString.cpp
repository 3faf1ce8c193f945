// ImapString.cpp - IMAP quoted strings and literals
//
// RFC 9051 section 4.3, RFC 3501 section 4.3, RFC 6855 section 3,
// RFC 3629 section 4 (UTF-8 syntax).
//
// SECURITY: untrusted values are escaped or length-counted.

#include "ImapString.h"

namespace mailstead::mime {

bool isValidUtf8(QByteArrayView bytes) {
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        const uchar c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int length = 0;
        char32_t value = 0;
        char32_t minimum = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
            value = c & 0x1F;
            minimum = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            value = c & 0x0F;
            minimum = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            value = c & 0x07;
            minimum = 0x10000;
        } else {
            return false;
        }
        if (end - p < length)
            return false;
        for (int i = 1; i < length; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            value = (value << 6) | (p[i] & 0x3F);
        }
        if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            return false;
        p += length;
    }
    return true;
}

void appendImapString(QByteArray &out, QByteArrayView value, bool utf8) {
    QByteArray clean;
    if (value.contains('\0')) {
        clean = value.toByteArray().replace(QByteArrayView("\0", 1), "\xEF\xBF\xBD");
        value = clean;
    }
    bool quotable = value.size() <= 4096;
    bool eightBit = false;
    for (const char c : value) {
        const auto u = static_cast<uchar>(c);
        if (c == '\r' || c == '\n')
            quotable = false;
        if (u >= 0x80)
            eightBit = true;
    }
    if (eightBit && !(utf8 && isValidUtf8(value)))
        quotable = false;
    if (!quotable) {
        out += '{';
        out += QByteArray::number(value.size());
        out += "}\r\n";
        out += value;
        return;
    }
    out += '"';
    for (const char c : value) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
}

void appendImapNString(QByteArray &out, const QByteArray &value, bool utf8) {
    if (value.isNull())
        out += "NIL";
    else
        appendImapString(out, value, utf8);
}

} // namespace mailstead::mime
