// MimeCharset.cpp - charset names to QStringDecoder, with the usual aliases
//
// RFC 2045 section 5.1, RFC 2046 section 4.1.2, RFC 2047 section 2,
// RFC 2231 section 4, RFC 6532 section 3.2.
//
// SECURITY: untrusted names are validated before use; decoding never fails,
// it replaces what it cannot read.

#include "MimeCharset.h"

namespace mailstead::mime {

namespace {

// IANA charset names are short and use a small alphabet (RFC 2978).
QByteArray canonicalName(QByteArrayView charset) {
    QByteArray name = charset.trimmed().toByteArray().toLower();
    if (name.size() >= 2 && name.startsWith('"') && name.endsWith('"'))
        name = name.sliced(1, name.size() - 2);
    if (name.isEmpty() || name.size() > 40)
        return {};
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                        c == '.' || c == ':' || c == '+';
        if (!ok)
            return {};
    }
    // Labels whose senders mean a superset (as mail clients and browsers read them).
    if (name == "us-ascii" || name == "ascii" || name == "ansi_x3.4-1968" || name == "utf8")
        return "utf-8";
    if (name == "iso-8859-1" || name == "iso8859-1" || name == "latin1" || name == "l1")
        return "windows-1252";
    if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "euc-cn" || name == "cn-gb")
        return "gb18030";
    if (name == "ks_c_5601-1987" || name == "euc-kr")
        return "windows-949";
    if (name == "x-sjis" || name == "sjis")
        return "shift_jis";
    if (name == "unknown-8bit" || name == "x-unknown" || name == "default")
        return {};
    return name;
}

} // namespace

CharsetDecoder::CharsetDecoder(QByteArrayView charset) {
    const QByteArray name = canonicalName(charset);
    if (!name.isEmpty()) {
        m_decoder = QStringDecoder(name.constData());
        m_known = m_decoder.isValid();
    }
    if (!m_known)
        m_decoder = QStringDecoder(QStringDecoder::Latin1);
}

void CharsetDecoder::decode(QByteArrayView bytes, QString &out) {
    if (!bytes.isEmpty())
        out.append(m_decoder.decode(bytes));
}

DecodedText decodeCharset(QByteArrayView bytes, QByteArrayView charset) {
    CharsetDecoder decoder(charset);
    DecodedText result;
    decoder.decode(bytes, result.text);
    result.unknownCharset = !decoder.isKnown();
    return result;
}

QString decodeRawHeaderBytes(QByteArrayView bytes) {
    bool ascii = true;
    for (const char c : bytes) {
        if (static_cast<uchar>(c) >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii)
        return QString::fromLatin1(bytes);
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return text;
    QStringDecoder legacy("windows-1252");
    if (legacy.isValid())
        return legacy.decode(bytes);
    return QString::fromLatin1(bytes);
}

} // namespace mailstead::mime
