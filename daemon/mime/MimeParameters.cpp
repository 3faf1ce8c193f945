// MimeParameters.cpp - RFC 2045 / RFC 2231 parameter parsing
//
// RFC 2045 sections 5.1, 5.2, 6.1; RFC 2183 section 2; RFC 2231 sections
// 3, 4, 7; RFC 3282 section 2.
//
// SECURITY: untrusted input; linear apart from sorting one parameter's
// sections.

#include "MimeParameters.h"

#include "codec/Digits.h"
#include "MimeCharset.h"
#include "MimeEncodedWord.h"
#include "MimeLexer.h"

#include <algorithm>
#include <cstring>
#include <QHash>

namespace mailstead::mime {

namespace {

struct RawParameter {
    QByteArrayView attribute;
    QByteArray value;
};

bool isUnquotedValueChar(uchar c) {
    return c > 32 && c != 127 && c != ';' && c != '(' && c != '"';
}

// "; attribute=value" pairs up to the end of the value.
QList<RawParameter> readParameters(MimeLexer &lexer) {
    QList<RawParameter> out;
    while (true) {
        lexer.skipCfws();
        if (lexer.atEnd())
            break;
        if (lexer.peek() != ';') {
            // junk: skip to the next ';' (quoted strings skipped whole)
            if (lexer.peek() == '"')
                lexer.readQuotedString();
            else
                lexer.advance();
            continue;
        }
        lexer.advance();
        lexer.skipCfws();
        const QByteArrayView attribute = lexer.readWhile(isTokenChar);
        lexer.skipCfws();
        if (attribute.isEmpty() || lexer.peek() != '=')
            continue;
        lexer.advance();
        lexer.skipCfws();
        QByteArray value = lexer.peek() == '"' ? lexer.readQuotedString()
                                               : lexer.readWhile(isUnquotedValueChar).toByteArray();
        out.append({attribute, std::move(value)});
    }
    return out;
}

QByteArray percentDecode(QByteArrayView text) {
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hexDigitValue(text[i + 1]) >= 0 &&
            hexDigitValue(text[i + 2]) >= 0) {
            out.append(char(hexDigitValue(text[i + 1]) * 16 + hexDigitValue(text[i + 2])));
            i += 2;
        } else {
            out.append(text[i]);
        }
    }
    return out;
}

// One RFC 2231 section of a parameter.
struct Section {
    qint64 number = 0; // -1: unnumbered
    bool extended = false;
    QByteArrayView name; // as written, suffixes removed
    QByteArray value;
};

Section splitAttribute(const RawParameter &raw) {
    Section section;
    QByteArrayView name = raw.attribute;
    if (name.endsWith('*')) {
        section.extended = true;
        name.chop(1);
    }
    section.number = -1;
    const qsizetype star = name.lastIndexOf('*');
    if (star > 0 && star + 1 < name.size()) {
        const QByteArrayView digits = name.sliced(star + 1);
        bool allDigits = digits.size() <= 9;
        for (const char c : digits)
            allDigits = allDigits && c >= '0' && c <= '9';
        if (allDigits) {
            section.number = digits.toLongLong();
            name = name.first(star);
        }
    }
    section.name = name;
    section.value = raw.value;
    return section;
}

// RFC 2231 sections 3 and 4: joins the sections of one parameter.
MimeParameter assemble(QList<Section> sections) {
    std::stable_sort(sections.begin(), sections.end(),
                     [](const Section &a, const Section &b) { return a.number < b.number; });
    MimeParameter parameter;
    parameter.name = sections.front().name.toByteArray();
    parameter.extended = sections.front().extended;
    qint64 previous = -2;
    for (qsizetype i = 0; i < sections.size(); ++i) {
        const Section &section = sections.at(i);
        if (section.number == previous)
            continue; // a repeated section: the first one counts
        previous = section.number;
        QByteArrayView value = section.value;
        if (i == 0 && parameter.extended) {
            // charset'language'value; without both quotes it is all value
            const qsizetype q1 = value.indexOf('\'');
            const qsizetype q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
            if (q2 >= 0) {
                parameter.charset = value.first(q1).toByteArray();
                parameter.language = value.sliced(q1 + 1, q2 - q1 - 1).toByteArray();
                value = value.sliced(q2 + 1);
            }
        }
        parameter.value += section.extended ? percentDecode(value) : value.toByteArray();
    }
    if (parameter.extended) {
        const DecodedText decoded = decodeCharset(
            parameter.value, parameter.charset.isEmpty() ? QByteArrayView("us-ascii")
                                                         : QByteArrayView(parameter.charset));
        parameter.text = decoded.text;
        parameter.unknownCharset = decoded.unknownCharset;
    } else {
        const DecodedText decoded = decodeEncodedWords(parameter.value);
        parameter.text = decoded.text;
        parameter.unknownCharset = decoded.unknownCharset;
    }
    return parameter;
}

QList<MimeParameter> assembleParameters(const QList<RawParameter> &raw) {
    // Plain "name" and RFC 2231 "name*..." are different parameters; each
    // keeps the place of its first appearance.
    QHash<QByteArray, qsizetype> keys; // to the group's index: no quadratic lookups
    QList<QList<Section>> groups;
    for (const RawParameter &parameter : raw) {
        Section section = splitAttribute(parameter);
        const bool plain = section.number < 0 && !section.extended;
        const QByteArray key = (plain ? "p:" : "x:") + section.name.toByteArray().toLower();
        const auto found = keys.constFind(key);
        if (found == keys.constEnd()) {
            keys.insert(key, groups.size());
            groups.append({std::move(section)});
        } else if (!plain) {
            groups[*found].append(std::move(section));
        }
    }
    QList<MimeParameter> out;
    out.reserve(groups.size());
    for (const QList<Section> &group : groups)
        out.append(assemble(group));
    return out;
}

} // namespace

bool ContentType::is(QByteArrayView wantedType) const {
    return type.compare(wantedType, Qt::CaseInsensitive) == 0;
}

bool ContentType::is(QByteArrayView wantedType, QByteArrayView wantedSubtype) const {
    return is(wantedType) && subtype.compare(wantedSubtype, Qt::CaseInsensitive) == 0;
}

ContentType parseContentType(QByteArrayView value) {
    ContentType result;
    MimeLexer lexer(value);
    lexer.skipCfws();
    const QByteArrayView type = lexer.readWhile(isTokenChar);
    lexer.skipCfws();
    if (type.isEmpty() || lexer.peek() != '/')
        return result;
    lexer.advance();
    lexer.skipCfws();
    const QByteArrayView subtype = lexer.readWhile(isTokenChar);
    if (subtype.isEmpty())
        return result;
    result.type = type.toByteArray();
    result.subtype = subtype.toByteArray();
    result.valid = true;
    result.parameters = assembleParameters(readParameters(lexer));
    return result;
}

std::optional<ContentDisposition> parseContentDisposition(QByteArrayView value) {
    MimeLexer lexer(value);
    lexer.skipCfws();
    const QByteArrayView type = lexer.readWhile(isTokenChar);
    if (type.isEmpty())
        return std::nullopt;
    ContentDisposition result;
    result.type = type.toByteArray();
    result.parameters = assembleParameters(readParameters(lexer));
    return result;
}

const MimeParameter *findParameter(const QList<MimeParameter> &parameters, QByteArrayView name) {
    for (const MimeParameter &parameter : parameters) {
        if (parameter.name.compare(name, Qt::CaseInsensitive) == 0)
            return &parameter;
    }
    return nullptr;
}

QList<QByteArray> parseLanguageList(QByteArrayView value) {
    QList<QByteArray> out;
    MimeLexer lexer(value);
    while (true) {
        lexer.skipCfws();
        if (lexer.atEnd())
            break;
        const QByteArrayView tag = lexer.readWhile(isTokenChar);
        if (!tag.isEmpty())
            out.append(tag.toByteArray());
        lexer.skipCfws();
        while (!lexer.atEnd() && lexer.peek() != ',') // junk up to the next tag
            lexer.advance();
        if (!lexer.atEnd())
            lexer.advance();
    }
    return out;
}

QByteArray parseTransferEncoding(QByteArrayView value) {
    MimeLexer lexer(value);
    lexer.skipCfws();
    return lexer.readWhile(isTokenChar).toByteArray();
}

QByteArray percentEncode(QByteArrayView bytes) {
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size());
    for (const char c : bytes) {
        const auto u = static_cast<uchar>(c);
        // attribute-char: CHAR except SPACE, CTLs, "*", "'", "%", tspecials
        const bool plain = u > 32 && u < 127 && !std::strchr("*'%()<>@,;:\\\"/[]?=", c);
        if (plain) {
            out.append(c);
        } else {
            out.append('%');
            out.append(hex[u >> 4]);
            out.append(hex[u & 15]);
        }
    }
    return out;
}

} // namespace mailstead::mime
