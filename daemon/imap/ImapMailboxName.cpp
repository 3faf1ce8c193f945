// ImapMailboxName.cpp - modified UTF-7 and mailbox name rules
//
// RFC 3501 / RFC 9051 section 5.1.3, RFC 9051 section 5.1, RFC 6855 section 3.
//
// SECURITY: untrusted peer text; strict, linear.

#include "ImapMailboxName.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

bool isPrintableAscii(char16_t c) {
    return c >= 0x20 && c <= 0x7e;
}

// Modified BASE64 (RFC 3501 section 5.1.3): RFC 4648 BASE64 with "," for "/".
int base64Value(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == ',')
        return 63;
    return -1;
}

constexpr char base64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

// Decodes one BASE64 run (between "&" and "-") into out; returns an error or "".
QByteArray decodeRun(QByteArrayView run, QString *out) {
    quint32 bits = 0;
    int bitCount = 0;
    char16_t pendingHigh = 0;
    for (const char c : run) {
        const int value = base64Value(c);
        if (value < 0)
            return "invalid character in a modified BASE64 run"_ba;
        bits = (bits << 6) | quint32(value);
        bitCount += 6;
        if (bitCount < 16)
            continue;
        bitCount -= 16;
        const auto unit = char16_t((bits >> bitCount) & 0xffff);
        bits &= (1u << bitCount) - 1;
        if (QChar::isHighSurrogate(unit)) {
            if (pendingHigh)
                return "unpaired UTF-16 surrogate"_ba;
            pendingHigh = unit;
            continue;
        }
        if (QChar::isLowSurrogate(unit)) {
            if (!pendingHigh)
                return "unpaired UTF-16 surrogate"_ba;
            out->append(QChar(pendingHigh));
            out->append(QChar(unit));
            pendingHigh = 0;
            continue;
        }
        if (pendingHigh)
            return "unpaired UTF-16 surrogate"_ba;
        if (isPrintableAscii(unit))
            return "printable US-ASCII encoded in BASE64 (it must stand for itself)"_ba;
        out->append(QChar(unit));
    }
    if (pendingHigh)
        return "unpaired UTF-16 surrogate"_ba;
    // The last character may carry up to 4 (or 2) padding bits, which must
    // be zero; 6 or more left over is a character too many.
    if (bitCount >= 6 || bits != 0)
        return "BASE64 run does not end on a UTF-16 character"_ba;
    return {};
}

bool isControl(char32_t c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

QByteArray controlOrLengthError(const QString &name, qsizetype maxOctets) {
    for (const char32_t c : name.toUcs4()) {
        if (isControl(c))
            return "Mailbox names cannot contain control characters"_ba;
    }
    if (maxOctets > 0 && name.toUtf8().size() > maxOctets)
        return "Mailbox name is too long"_ba;
    return {};
}

} // namespace

ImapMailboxNameDecode decodeModifiedUtf7(QByteArrayView encoded) {
    ImapMailboxNameDecode result;
    QString &out = result.name;
    out.reserve(encoded.size());
    qsizetype i = 0;
    bool previousWasRun = false; // the last thing read was "&...-" with content
    while (i < encoded.size()) {
        const char c = encoded[i];
        if (c != '&') {
            if (!isPrintableAscii(static_cast<unsigned char>(c))) {
                result.error = "not valid modified UTF-7: octets outside printable US-ASCII"_ba;
                return result;
            }
            out.append(QLatin1Char(c));
            previousWasRun = false;
            ++i;
            continue;
        }
        const qsizetype end = encoded.indexOf('-', i + 1);
        if (end < 0) {
            result.error = "not valid modified UTF-7: \"&\" without its closing \"-\""_ba;
            return result;
        }
        const QByteArrayView run = encoded.sliced(i + 1, end - i - 1);
        if (run.isEmpty()) {
            out.append(u'&');
            previousWasRun = false;
        } else {
            if (previousWasRun) {
                result.error = "not valid modified UTF-7: adjacent BASE64 runs (\"-&\")"_ba;
                return result;
            }
            const QByteArray error = decodeRun(run, &out);
            if (!error.isEmpty()) {
                result.error = "not valid modified UTF-7: "_ba + error;
                return result;
            }
            previousWasRun = true;
        }
        i = end + 1;
    }
    return result;
}

QByteArray encodeModifiedUtf7(const QString &name) {
    QByteArray out;
    out.reserve(name.size() + 8);
    qsizetype i = 0;
    while (i < name.size()) {
        const char16_t c = name.at(i).unicode();
        if (isPrintableAscii(c)) {
            out += char(c);
            if (c == u'&')
                out += '-';
            ++i;
            continue;
        }
        out += '&';
        quint32 bits = 0;
        int bitCount = 0;
        while (i < name.size() && !isPrintableAscii(name.at(i).unicode())) {
            bits = (bits << 16) | name.at(i).unicode();
            bitCount += 16;
            while (bitCount >= 6) {
                bitCount -= 6;
                out += base64Alphabet[(bits >> bitCount) & 0x3f];
            }
            bits &= (1u << bitCount) - 1;
            ++i;
        }
        if (bitCount > 0)
            out += base64Alphabet[(bits << (6 - bitCount)) & 0x3f];
        out += '-';
    }
    return out;
}

bool isValidUtf8(QByteArrayView text) {
    qsizetype i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        char32_t value = 0;
        char32_t minimum = 0;
        if ((c & 0xe0) == 0xc0) {
            length = 2;
            value = c & 0x1f;
            minimum = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            length = 3;
            value = c & 0x0f;
            minimum = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            length = 4;
            value = c & 0x07;
            minimum = 0x10000;
        } else {
            return false;
        }
        if (i + length > text.size())
            return false;
        for (int k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80)
                return false;
            value = (value << 6) | (next & 0x3f);
        }
        if (value < minimum || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
            return false;
        i += length;
    }
    return true;
}

bool isInbox(const QString &name) {
    return name.compare(u"INBOX"_s, Qt::CaseInsensitive) == 0;
}

ImapMailboxNameDecode decodeMailboxName(QByteArrayView wire, bool utf8, qsizetype maxOctets) {
    ImapMailboxNameDecode result;
    if (utf8) {
        if (!isValidUtf8(wire)) {
            result.error = "Mailbox name is not valid UTF-8"_ba;
            return result;
        }
        result.name = QString::fromUtf8(wire);
    } else {
        result = decodeModifiedUtf7(wire);
        if (!result.ok()) {
            result.error = "Mailbox name is "_ba + result.error;
            return result;
        }
    }
    result.error = controlOrLengthError(result.name, maxOctets);
    if (!result.ok())
        return result;
    if (isInbox(result.name))
        result.name = u"INBOX"_s;
    return result;
}

QByteArray encodeMailboxName(const QString &name, bool utf8) {
    return utf8 ? name.toUtf8() : encodeModifiedUtf7(name);
}

} // namespace mailstead::imap
