// OutboundContent.cpp - Return-Path removal, 8-bit checks, quoted-printable
// conversion and dot-stuffing for outbound messages
//
// RFC 5321 sections 4.4 and 4.5.2, RFC 6152 section 3, RFC 2045 sections
// 6.1 and 6.7, RFC 6531 section 3.2.
//
// SECURITY: message bytes from any sender; see OutboundContent.h.
#include "OutboundContent.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

namespace {

// RFC 2045 section 6.7 rule 5: at most 76 characters an encoded line.
constexpr int maxEncodedLine = 76;

// Offset of the body: after the first empty line (CRLF CRLF or LF LF);
// the message's size when there is none.
qsizetype bodyOffset(QByteArrayView message) {
    if (message.startsWith("\r\n"))
        return 2;
    if (message.startsWith("\n"))
        return 1;
    for (qsizetype i = 0; i + 1 < message.size(); ++i) {
        if (message[i] != '\n')
            continue;
        if (message[i + 1] == '\n')
            return i + 2;
        if (message[i + 1] == '\r' && i + 2 < message.size() && message[i + 2] == '\n')
            return i + 3;
    }
    return message.size();
}

bool hasEightBit(QByteArrayView bytes) {
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) > 127)
            return true;
    }
    return false;
}

// The name of the header field starting at `line`, lower-cased.
QByteArray fieldName(QByteArrayView line) {
    const qsizetype colon = line.indexOf(':');
    return colon < 0 ? QByteArray() : line.first(colon).trimmed().toByteArray().toLower();
}

// Header fields as [start, end) ranges including their folded lines.
struct Field {
    qsizetype start = 0;
    qsizetype end = 0;
};

QList<Field> headerFields(QByteArrayView headers) {
    QList<Field> fields;
    qsizetype at = 0;
    while (at < headers.size()) {
        qsizetype end = headers.indexOf('\n', at);
        end = end < 0 ? headers.size() : end + 1;
        const char first = headers[at];
        if ((first == ' ' || first == '\t') && !fields.isEmpty())
            fields.last().end = end;
        else if (first != '\r' && first != '\n')
            fields.append({at, end});
        at = end;
    }
    return fields;
}

char hexDigit(int value) {
    return "0123456789ABCDEF"[value & 15];
}

} // namespace

QByteArray withoutReturnPath(QByteArrayView message) {
    const QList<Field> fields = headerFields(message.first(bodyOffset(message)));
    if (fields.isEmpty() || fields.first().start != 0 ||
        fieldName(message.sliced(0, fields.first().end)) != "return-path")
        return message.toByteArray();
    return message.sliced(fields.first().end).toByteArray();
}

bool hasEightBitBody(QByteArrayView message) {
    return hasEightBit(message.sliced(bodyOffset(message)));
}

bool hasEightBitHeaders(QByteArrayView message) {
    return hasEightBit(message.first(bodyOffset(message)));
}

QByteArray headerBlock(QByteArrayView message, qsizetype maxOctets) {
    return message.first(qMin(bodyOffset(message), maxOctets)).toByteArray();
}

QByteArray quotedPrintable(QByteArrayView body) {
    QByteArray out;
    out.reserve(body.size() + body.size() / 8);
    qsizetype lineStart = 0;
    while (lineStart < body.size()) {
        qsizetype end = body.indexOf('\n', lineStart);
        const bool hasBreak = end >= 0;
        if (!hasBreak)
            end = body.size();
        QByteArrayView line = body.sliced(lineStart, end - lineStart);
        if (line.endsWith('\r'))
            line.chop(1);
        lineStart = hasBreak ? end + 1 : end;

        int column = 0;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const auto c = static_cast<unsigned char>(line[i]);
            const bool lastOfLine = i + 1 == line.size();
            // Rule 3: white space at the end of a line is encoded; rule 1:
            // "=" and everything outside printable ASCII is. A "." or
            // "From " at a line start stays literal: dot-stuffing handles
            // the one, nobody reads mbox from SMTP for the other.
            const bool literal =
                (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !lastOfLine);
            const int width = literal ? 1 : 3;
            if (column + width > maxEncodedLine - 1) {
                out += "=\r\n"; // rule 5: soft line break
                column = 0;
            }
            if (literal) {
                out += char(c);
            } else {
                out += '=';
                out += hexDigit(c >> 4);
                out += hexDigit(c);
            }
            column += width;
        }
        if (hasBreak)
            out += "\r\n";
    }
    return out;
}

SevenBitConversion convertToSevenBit(QByteArrayView message) {
    SevenBitConversion result;
    const qsizetype bodyAt = bodyOffset(message);
    const QByteArrayView headers = message.first(bodyAt);
    if (hasEightBit(headers)) {
        result.error = u"the header contains 8-bit characters"_s;
        return result;
    }
    QByteArray rebuilt;
    bool hasEncoding = false;
    for (const Field &field : headerFields(headers)) {
        const QByteArrayView text = headers.sliced(field.start, field.end - field.start);
        const QByteArray name = fieldName(text);
        if (name == "content-type" && text.toByteArray().toLower().contains("multipart/")) {
            result.error = u"a multipart message with 8-bit parts cannot be converted"_s;
            return result;
        }
        if (name == "content-transfer-encoding") {
            hasEncoding = true;
            const QByteArray value = text.sliced(text.indexOf(':') + 1).trimmed().toByteArray();
            if (value.toLower() != "8bit" && value.toLower() != "7bit") {
                // RFC 2045 section 6.4: base64 and quoted-printable are 7-bit
                // already; binary or unknown encodings are not ours to undo.
                result.error = u"the body is declared as "_s + QString::fromLatin1(value);
                return result;
            }
            rebuilt += "Content-Transfer-Encoding: quoted-printable\r\n";
            continue;
        }
        rebuilt += text;
    }
    if (!hasEncoding) {
        // RFC 2045 section 6.1: without the field the body claimed 7bit.
        rebuilt += "Content-Transfer-Encoding: quoted-printable\r\n";
    }
    rebuilt += "\r\n";
    rebuilt += quotedPrintable(message.sliced(bodyAt));
    result.ok = true;
    result.message = rebuilt;
    return result;
}

QByteArray dotStuffed(QByteArrayView message) {
    QByteArray out;
    out.reserve(message.size() + message.size() / 64 + 5);
    bool lineStart = true;
    for (qsizetype i = 0; i < message.size(); ++i) {
        const char c = message[i];
        if (lineStart && c == '.')
            out += '.';
        if (c == '\n' && (i == 0 || message[i - 1] != '\r'))
            out += '\r';
        if (c == '\r' && (i + 1 >= message.size() || message[i + 1] != '\n')) {
            out += "\r\n"; // a lone CR becomes a line end, never a bare CR
            lineStart = true;
            continue;
        }
        out += c;
        lineStart = c == '\n';
    }
    if (!out.isEmpty() && !out.endsWith("\r\n"))
        out += "\r\n";
    out += ".\r\n";
    return out;
}

} // namespace mailstead::queue
