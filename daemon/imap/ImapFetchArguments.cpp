// ImapFetchArguments.cpp - FETCH data items and modifiers
//
// RFC 9051 sections 6.4.5 and 9, RFC 3501 section 6.4.5, RFC 3516, RFC 7162
// sections 3.1.4 and 3.2.6; see ImapFetchArguments.h.
//
// SECURITY: untrusted peer text through ImapScanner; linear.

#include "ImapFetchArguments.h"

#include "ImapScanner.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

using Kind = ImapFetchItem::Kind;

struct SimpleItem {
    QByteArrayView name;
    Kind kind;
};

constexpr SimpleItem simpleItems[] = {
    {"FLAGS", Kind::Flags},
    {"INTERNALDATE", Kind::InternalDate},
    {"RFC822.SIZE", Kind::Rfc822Size},
    {"ENVELOPE", Kind::Envelope},
    {"BODYSTRUCTURE", Kind::BodyStructure},
    {"UID", Kind::Uid},
    {"MODSEQ", Kind::ModSeq},
    {"RFC822", Kind::Rfc822},
    {"RFC822.HEADER", Kind::Rfc822Header},
    {"RFC822.TEXT", Kind::Rfc822Text},
};

ImapFetchItem item(Kind kind) {
    ImapFetchItem value;
    value.kind = kind;
    return value;
}

// The name of a data item, a section text or a modifier: atom characters
// up to "[" or "<" (both are ATOM-CHARs): "BODY.PEEK", "HEADER.FIELDS".
QByteArray itemName(ImapScanner &s) {
    QByteArray name;
    while (isAtomChar(s.peek()) && s.peek() != '[' && s.peek() != '<') {
        name += s.peek();
        s.setPosition(s.position() + 1);
    }
    return name.toUpper();
}

// section-part = nz-number *("." nz-number); *dotted tells whether a "."
// follows the last number (then a section-text comes next).
bool sectionPart(ImapScanner &s, QList<quint32> *part, bool *dotted) {
    *dotted = false;
    while (s.peek() >= '0' && s.peek() <= '9') {
        quint32 number = 0;
        if (!s.nzNumber(&number, "Part number"))
            return false;
        part->append(number);
        *dotted = s.consume('.');
        if (!*dotted)
            return true;
    }
    return true;
}

// header-list = "(" header-fld-name *(SP header-fld-name) ")"
bool headerList(ImapScanner &s, QByteArrayList *fields) {
    if (!s.space() || !s.expect('(', "\"(\" to start the header field names"))
        return false;
    while (true) {
        QByteArray name;
        if (!s.astring(&name))
            return false;
        if (name.isEmpty())
            return s.fail("Empty header field name");
        // field-name = 1*ftext (RFC 5322 section 3.6.8): printable, no ":"
        for (const char c : name) {
            const auto u = static_cast<unsigned char>(c);
            if (u <= 32 || u >= 127 || c == ':')
                return s.fail("Invalid header field name");
        }
        fields->append(name);
        if (s.consume(')'))
            return true;
        if (!s.space())
            return false;
    }
}

// section = "[" [section-spec] "]"; section-binary = "[" [section-part] "]"
bool section(ImapScanner &s, ImapSection *out, bool binary) {
    if (!s.expect('[', "\"[\""))
        return false;
    if (s.consume(']'))
        return true;
    bool dotted = false;
    if (!sectionPart(s, &out->part, &dotted))
        return false;
    if (binary) {
        if (dotted || out->part.isEmpty())
            return s.fail("BINARY takes only part numbers");
        return s.expect(']', "\"]\" (BINARY takes only part numbers)");
    }
    if (!out->part.isEmpty() && !dotted)
        return s.expect(']', "\"]\" to end the section");
    const QByteArray name = itemName(s);
    if (name == "HEADER") {
        out->text = ImapSection::Text::Header;
    } else if (name == "HEADER.FIELDS" || name == "HEADER.FIELDS.NOT") {
        out->text = name == "HEADER.FIELDS" ? ImapSection::Text::HeaderFields
                                            : ImapSection::Text::HeaderFieldsNot;
        if (!headerList(s, &out->fields))
            return false;
    } else if (name == "TEXT") {
        out->text = ImapSection::Text::Text;
    } else if (name == "MIME") {
        if (out->part.isEmpty())
            return s.fail("MIME needs a part number (e.g. 1.MIME)");
        out->text = ImapSection::Text::Mime;
    } else {
        return s.fail("Invalid section specification");
    }
    return s.expect(']', "\"]\" to end the section");
}

// partial = "<" number64 "." nz-number64 ">"
bool partial(ImapScanner &s, ImapFetchItem *out) {
    if (!s.consume('<'))
        return true;
    quint64 offset = 0;
    quint64 length = 0;
    if (!s.number64(&offset, "Partial offset") || !s.expect('.', "\".\" in the partial range") ||
        !s.number64(&length, "Partial length") || !s.expect('>', "\">\" after the partial range"))
        return false;
    if (length == 0)
        return s.fail("Partial length must not be 0");
    out->partialOffset = qint64(offset);
    out->partialLength = qint64(length);
    return true;
}

bool fetchAttribute(ImapScanner &s, QList<ImapFetchItem> *items) {
    const QByteArray name = itemName(s);
    if (name.isEmpty())
        return s.fail("Expected a FETCH data item");
    for (const SimpleItem &simple : simpleItems) {
        if (name == simple.name) {
            items->append(item(simple.kind));
            return true;
        }
    }
    const bool body = name == "BODY" || name == "BODY.PEEK";
    const bool binary = name == "BINARY" || name == "BINARY.PEEK";
    if (name == "BODY" && s.peek() != '[') {
        items->append(item(Kind::Body));
        return true;
    }
    if (name == "BINARY.SIZE") {
        ImapFetchItem value = item(Kind::BinarySize);
        if (!section(s, &value.section, true))
            return false;
        items->append(value);
        return true;
    }
    if (!body && !binary)
        return s.fail("Unknown FETCH data item");
    ImapFetchItem value = item(body ? Kind::BodySection : Kind::Binary);
    value.peek = name.endsWith(".PEEK");
    if (!section(s, &value.section, binary) || !partial(s, &value))
        return false;
    items->append(value);
    return true;
}

// fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"
bool modifiers(ImapScanner &s, bool uid, ImapFetchArguments *out) {
    if (!s.expect('(', "\"(\" to start the FETCH modifiers"))
        return false;
    while (true) {
        const QByteArray name = itemName(s);
        if (name == "CHANGEDSINCE") {
            quint64 modSeq = 0;
            if (out->changedSince)
                return s.fail("Duplicate CHANGEDSINCE");
            if (!s.space() || !s.number64(&modSeq, "CHANGEDSINCE"))
                return false;
            out->changedSince = modSeq;
        } else if (name == "VANISHED") {
            if (out->vanished)
                return s.fail("Duplicate VANISHED");
            out->vanished = true;
        } else {
            return s.fail("Unknown FETCH modifier");
        }
        if (s.consume(')'))
            break;
        if (!s.space())
            return false;
    }
    // RFC 7162 section 3.2.6: VANISHED only in UID FETCH with CHANGEDSINCE,
    // after ENABLE QRESYNC; otherwise BAD.
    if (out->vanished) {
        if (!s.options().qresync)
            return s.fail("VANISHED needs ENABLE QRESYNC first");
        if (!uid)
            return s.fail("VANISHED is only allowed in UID FETCH");
        if (!out->changedSince)
            return s.fail("VANISHED needs CHANGEDSINCE");
    }
    return true;
}

void appendPart(QByteArray &out, const QList<quint32> &part) {
    for (qsizetype i = 0; i < part.size(); ++i) {
        if (i > 0)
            out += '.';
        out += QByteArray::number(part[i]);
    }
}

} // namespace

bool parseFetchArguments(ImapScanner &s, bool uid, ImapFetchArguments *out) {
    if (!s.sequenceSet(&out->set) || !s.space())
        return false;
    if (s.consume('(')) {
        while (true) {
            if (!fetchAttribute(s, &out->items))
                return false;
            if (s.consume(')'))
                break;
            if (!s.space())
                return false;
        }
    } else {
        const QByteArray macro = s.peekAtomUpper();
        if (macro == "ALL" || macro == "FAST" || macro == "FULL") {
            s.atomChars();
            out->items = {item(Kind::Flags), item(Kind::InternalDate), item(Kind::Rfc822Size)};
            if (macro != "FAST")
                out->items.append(item(Kind::Envelope));
            if (macro == "FULL")
                out->items.append(item(Kind::Body));
        } else if (!fetchAttribute(s, &out->items)) {
            return false;
        }
    }
    if (s.spaceBeforeMore()) {
        if (!modifiers(s, uid, out))
            return false;
    }
    return s.end();
}

QByteArray fetchResponseName(const ImapFetchItem &item) {
    for (const SimpleItem &simple : simpleItems) {
        if (item.kind == simple.kind)
            return simple.name.toByteArray();
    }
    QByteArray out;
    switch (item.kind) {
    case Kind::Body:
        return "BODY"_ba;
    case Kind::BinarySize:
        out = "BINARY.SIZE["_ba;
        break;
    case Kind::Binary:
        out = "BINARY["_ba;
        break;
    default:
        out = "BODY["_ba;
        break;
    }
    const ImapSection &section = item.section;
    appendPart(out, section.part);
    const bool dot = !section.part.isEmpty() && section.text != ImapSection::Text::None;
    if (dot)
        out += '.';
    switch (section.text) {
    case ImapSection::Text::None:
        break;
    case ImapSection::Text::Header:
        out += "HEADER"_ba;
        break;
    case ImapSection::Text::HeaderFields:
    case ImapSection::Text::HeaderFieldsNot:
        out += section.text == ImapSection::Text::HeaderFields ? "HEADER.FIELDS ("_ba
                                                               : "HEADER.FIELDS.NOT ("_ba;
        out += section.fields.join(' ');
        out += ')';
        break;
    case ImapSection::Text::Text:
        out += "TEXT"_ba;
        break;
    case ImapSection::Text::Mime:
        out += "MIME"_ba;
        break;
    }
    out += ']';
    // RFC 9051 section 7.5.2: the response gives the origin octet only.
    if (item.partialOffset >= 0)
        out += '<' + QByteArray::number(item.partialOffset) + '>';
    return out;
}

} // namespace mailstead::imap
