// ImapFetchResponder.cpp - FETCH data items for one message
//
// RFC 9051 sections 6.4.5 and 7.5.2, RFC 3501 section 7.4.2, RFC 3516
// sections 4.2-4.3, RFC 7162 section 3.1.4.
//
// SECURITY: message content is untrusted; section data is counted into
// literals, structure and envelope go through the IMAP string writers.

#include "ImapFetchResponder.h"

#include "ImapDateTime.h"
#include "ImapFlags.h"
#include "ImapMessageView.h"
#include "mime/ImapStructure.h"
#include "mime/ImapStructureCache.h"
#include "mime/MimeHeader.h"
#include "mime/MimeTransferDecoder.h"

#include <algorithm>
#include <cstring>
#include <QVarLengthArray>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

// Room a FETCH response starts with: the flags and a header-fields
// literal of a typical message list fit without growing.
constexpr qsizetype fetchResponseReserve = 512;

using Kind = ImapFetchItem::Kind;
using Text = ImapSection::Text;

// Section data before line ends are rewritten: a view of the stored bytes
// (with how many bare LFs it holds) or bytes built here.
struct SectionData {
    QByteArrayView view;
    qsizetype bareLineFeeds = 0;
    QByteArray built; // when not a plain slice of the file
    bool failed = false;
};

SectionData sliceOf(QByteArrayView bytes, const mime::MimeRange &range) {
    SectionData data;
    data.view = bytes.sliced(range.offset, range.size);
    data.bareLineFeeds = range.bareLineFeeds;
    return data;
}

SectionData builtData(QByteArray bytes) {
    SectionData data;
    data.built = std::move(bytes);
    data.view = data.built;
    return data;
}

qsizetype countBareLineFeeds(QByteArrayView bytes) {
    qsizetype count = 0;
    const char *begin = bytes.data();
    const char *end = begin + bytes.size();
    for (const char *p = begin; (p = static_cast<const char *>(std::memchr(p, '\n', end - p)));
         ++p) {
        if (p == begin || p[-1] != '\r')
            ++count;
    }
    return count;
}

// Appends bytes with every bare LF written as CRLF (RFC 9051 section 2.3.4).
void appendCrlf(QByteArray &out, QByteArrayView bytes, qsizetype bareLineFeeds) {
    if (bareLineFeeds == 0) {
        out += bytes;
        return;
    }
    out.reserve(out.size() + bytes.size() + bareLineFeeds);
    qsizetype start = 0;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
            out += bytes.sliced(start, i - start);
            out += "\r\n";
            start = i + 1;
        }
    }
    out += bytes.sliced(start);
}

// A header block with only the fields named (or all but those), as
// HEADER.FIELDS and HEADER.FIELDS.NOT return it: each field as written,
// then the blank line (RFC 9051 section 6.4.5).
QByteArray headerFields(QByteArrayView bytes, const mime::MimeRange &header,
                        const QByteArrayList &names, bool exclude) {
    const QByteArrayView block = bytes.first(header.end());
    const mime::HeaderBlock parsed = mime::parseHeaderBlock(block, header.offset, {});
    QByteArray out;
    out.reserve(header.size + 2);
    for (const mime::HeaderField &field : parsed.fields) {
        bool named = false;
        for (const QByteArray &name : names) {
            if (field.name.compare(name, Qt::CaseInsensitive) == 0) {
                named = true;
                break;
            }
        }
        if (named == exclude)
            continue;
        const qsizetype valueEnd = field.value.data() + field.value.size() - bytes.data();
        QByteArrayView raw = bytes.sliced(field.offset, valueEnd - field.offset);
        appendCrlf(out, raw, countBareLineFeeds(raw));
        out += "\r\n";
    }
    out += "\r\n";
    return out;
}

// The part whose header and text "n.HEADER", "n.TEXT" and
// "n.HEADER.FIELDS" name: the message inside the message/rfc822 part n;
// -1 if part n is something else.
int encapsulatedPart(const mime::MimeMessage &message, int part) {
    const mime::MimePart &named = message.parts.at(part);
    if (named.kind != mime::MimePart::Kind::Message || named.children.isEmpty())
        return -1;
    return named.children.front();
}

// A range of the message whose line ends are counted here (the MIME
// parser counts them for the ranges it makes).
mime::MimeRange countedRange(QByteArrayView bytes, qsizetype from, qsizetype to) {
    return {from, to - from, 0, countBareLineFeeds(bytes.sliced(from, to - from))};
}

// BODY[], BODY[HEADER], BODY[HEADER.FIELDS ...] and BODY[TEXT] of the
// message itself need only where its header ends, not its MIME structure:
// the common client fetches (headers for a message list, whole messages
// for a sync) skip the parse.
SectionData topLevelSection(ImapMessageView &view, const ImapSection &section) {
    const QByteArrayView bytes = view.bytes();
    if (section.text == Text::None)
        return sliceOf(bytes, countedRange(bytes, 0, bytes.size()));
    const qsizetype headerEnd = view.headerEnd();
    switch (section.text) {
    case Text::None:
    case Text::Mime: // needs a part number; the parser refuses it
        return {};
    case Text::Header:
        return sliceOf(bytes, countedRange(bytes, 0, headerEnd));
    case Text::Text:
        return sliceOf(bytes, countedRange(bytes, headerEnd, bytes.size()));
    case Text::HeaderFields:
    case Text::HeaderFieldsNot:
        return builtData(headerFields(bytes, {0, headerEnd, 0, 0}, section.fields,
                                      section.text == Text::HeaderFieldsNot));
    }
    return {};
}

SectionData bodySection(ImapMessageView &view, const ImapSection &section) {
    if (section.part.isEmpty())
        return topLevelSection(view, section);
    const QByteArrayView bytes = view.bytes();
    const mime::MimeMessage &message = view.mime();
    const QList<int> numbers(section.part.cbegin(), section.part.cend());
    const int part = message.partForSection(numbers);
    if (part < 0)
        return {};
    switch (section.text) {
    case Text::None:
        return sliceOf(bytes, message.parts.at(part).body);
    case Text::Mime:
        return sliceOf(bytes, message.parts.at(part).header);
    case Text::Header:
    case Text::Text:
    case Text::HeaderFields:
    case Text::HeaderFieldsNot: {
        const int inner = encapsulatedPart(message, part);
        if (inner < 0)
            return {};
        const mime::MimePart &target = message.parts.at(inner);
        if (section.text == Text::Header)
            return sliceOf(bytes, target.header);
        if (section.text == Text::Text)
            return sliceOf(bytes, target.body);
        return builtData(headerFields(bytes, target.header, section.fields,
                                      section.text == Text::HeaderFieldsNot));
    }
    }
    return {};
}

bool isIdentityEncoding(QByteArrayView encoding) {
    const QByteArray lower = encoding.trimmed().toByteArray().toLower();
    return lower.isEmpty() || lower == "7bit" || lower == "8bit" || lower == "binary";
}

// BINARY[part] (RFC 3516 section 4.2): the part's body with its transfer
// encoding removed. A multipart or message part, or BINARY[], is sent as
// it is, which needs an identity encoding.
SectionData binarySection(ImapMessageView &view, const ImapSection &section) {
    const QByteArrayView bytes = view.bytes();
    if (section.part.isEmpty())
        return sliceOf(bytes, countedRange(bytes, 0, bytes.size()));
    const mime::MimeMessage &message = view.mime();
    const QList<int> numbers(section.part.cbegin(), section.part.cend());
    const int index = message.partForSection(numbers);
    if (index < 0)
        return {};
    const mime::MimePart &part = message.parts.at(index);
    if (isIdentityEncoding(part.transferEncoding))
        return sliceOf(bytes, part.body);
    SectionData failed;
    if (part.kind != mime::MimePart::Kind::Leaf) {
        failed.failed = true;
        return failed;
    }
    mime::MimeTransferDecoder decoder(part.transferEncoding);
    if (!decoder.isKnown()) {
        failed.failed = true;
        return failed;
    }
    QByteArray decoded;
    decoded.reserve(part.body.size);
    decoder.feed(bytes.sliced(part.body.offset, part.body.size), decoded);
    decoder.finish(decoded);
    return builtData(std::move(decoded));
}

// The octets sent for data: bare LF as CRLF, then <origin.length> applied.
// Returns the size; appends only when `out` is given.
qsizetype sendSize(const SectionData &data, const ImapFetchItem &item) {
    const qsizetype full = data.view.size() + data.bareLineFeeds;
    if (item.partialOffset < 0)
        return full;
    if (item.partialOffset >= full)
        return 0;
    return qsizetype(qMin<qint64>(item.partialLength, full - item.partialOffset));
}

void appendSection(QByteArray &out, const SectionData &data, const ImapFetchItem &item,
                   bool binary) {
    const qsizetype size = sendSize(data, item);
    if (size == 0) {
        out += "\"\"";
        return;
    }
    QByteArrayView payload = data.view;
    QByteArray rewritten;
    if (data.bareLineFeeds > 0) {
        appendCrlf(rewritten, data.view, data.bareLineFeeds);
        payload = rewritten;
    }
    if (item.partialOffset >= 0)
        payload = payload.sliced(item.partialOffset, size);
    const bool hasNul = std::memchr(payload.data(), 0, size_t(payload.size())) != nullptr;
    if (hasNul && binary)
        out += '~';
    out += '{' + QByteArray::number(size) + "}\r\n";
    if (!hasNul || binary) {
        out += payload;
        return;
    }
    // A literal cannot carry NUL (RFC 9051 section 4.3: CHAR8); only
    // BINARY may use literal8. Replace, keeping the size.
    const qsizetype start = out.size();
    out += payload;
    std::replace(out.begin() + start, out.end(), '\0', ' ');
}

ImapSection sectionFor(const ImapFetchItem &item) {
    ImapSection section = item.section;
    if (item.kind == Kind::Rfc822Header)
        section.text = Text::Header;
    else if (item.kind == Kind::Rfc822Text)
        section.text = Text::Text;
    else if (item.kind == Kind::Rfc822)
        section = ImapSection();
    return section;
}

bool needsContent(Kind kind) {
    switch (kind) {
    case Kind::Flags:
    case Kind::InternalDate:
    case Kind::Rfc822Size:
    case Kind::Uid:
    case Kind::ModSeq:
        return false;
    default:
        return true;
    }
}

mime::ImapStructureOptions structureOptions(const ImapFetchContext &context) {
    mime::ImapStructureOptions options;
    options.utf8 = context.imap4rev2 || context.utf8Accept;
    options.messageGlobal = context.imap4rev2;
    return options;
}

// ENVELOPE, BODY and BODYSTRUCTURE from the index row's cached columns,
// for the items asked; a null value is computed from the file instead.
struct CachedItems {
    QByteArray envelope;
    QByteArray body;
    QByteArray bodyStructure;
};

CachedItems cachedItems(ImapMessageView &view, const QList<ImapFetchItem> &items,
                        const mime::ImapStructureOptions &options) {
    bool envelope = false;
    bool body = false;
    bool bodyStructure = false;
    for (const ImapFetchItem &item : items) {
        envelope = envelope || item.kind == Kind::Envelope;
        body = body || item.kind == Kind::Body;
        bodyStructure = bodyStructure || item.kind == Kind::BodyStructure;
    }
    CachedItems out;
    if (!envelope && !body && !bodyStructure)
        return out;
    const store::MailboxReader::CachedStructure &columns = view.cachedStructure();
    if (envelope)
        out.envelope = mime::imapCachedValue(columns.envelope, options);
    if (body || bodyStructure) {
        const QByteArray structure = mime::imapCachedValue(columns.bodyStructure, options);
        if (body && !structure.isNull())
            out.body = mime::imapBodyFromBodyStructure(structure);
        if (bodyStructure)
            out.bodyStructure = structure;
    }
    return out;
}

// The item needs the message file: it needs content and the index did not
// answer it.
bool needsFile(const ImapFetchItem &item, const CachedItems &cached) {
    switch (item.kind) {
    case Kind::Envelope:
        return cached.envelope.isNull();
    case Kind::Body:
        return cached.body.isNull();
    case Kind::BodyStructure:
        return cached.bodyStructure.isNull();
    default:
        return needsContent(item.kind);
    }
}

// Appends " NAME value" for one item; false when a BINARY part cannot be
// decoded.
bool appendItem(QByteArray &out, ImapMessageView &view, const ImapFetchItem &item,
                const ImapFetchContext &context, const CachedItems &cached) {
    const store::MessageInfo &info = view.info();
    out += fetchResponseName(item);
    out += ' ';
    switch (item.kind) {
    case Kind::Flags:
        out += imapFlagList(info.flags, info.keywords);
        break;
    case Kind::InternalDate:
        out += '"' + formatImapDateTime(info.internalDate) + '"';
        break;
    case Kind::Rfc822Size:
        out += QByteArray::number(info.virtualSize);
        break;
    case Kind::Uid:
        out += QByteArray::number(info.uid);
        break;
    case Kind::ModSeq:
        out += '(' + QByteArray::number(info.modSeq) + ')';
        break;
    case Kind::Envelope: {
        if (!cached.envelope.isNull()) {
            out += cached.envelope;
            break;
        }
        const mime::MimePart &root = view.mime().root();
        out +=
            mime::imapEnvelope(root.envelope.value_or(mime::Envelope()), structureOptions(context));
        break;
    }
    case Kind::Body:
        out += !cached.body.isNull() ? cached.body
                                     : mime::imapBody(view.mime(), 0, structureOptions(context));
        break;
    case Kind::BodyStructure:
        out += !cached.bodyStructure.isNull()
                   ? cached.bodyStructure
                   : mime::imapBodyStructure(view.mime(), 0, structureOptions(context));
        break;
    case Kind::BodySection:
    case Kind::Rfc822:
    case Kind::Rfc822Header:
    case Kind::Rfc822Text:
        appendSection(out, bodySection(view, sectionFor(item)), item, false);
        break;
    case Kind::Binary:
    case Kind::BinarySize: {
        const SectionData data = binarySection(view, item.section);
        if (data.failed)
            return false;
        if (item.kind == Kind::BinarySize)
            out += QByteArray::number(data.view.size() + data.bareLineFeeds);
        else
            appendSection(out, data, item, true);
        break;
    }
    }
    return true;
}

ImapFetchItem itemOf(Kind kind) {
    ImapFetchItem item;
    item.kind = kind;
    return item;
}

} // namespace

bool fetchNeedsContent(const QList<ImapFetchItem> &items) {
    for (const ImapFetchItem &item : items)
        if (needsContent(item.kind))
            return true;
    return false;
}

bool fetchNeedsOnlyHeader(const QList<ImapFetchItem> &items) {
    bool header = false;
    for (const ImapFetchItem &item : items) {
        switch (item.kind) {
        case Kind::Envelope:
        case Kind::Rfc822Header:
            header = true;
            break;
        case Kind::BodySection:
            if (!item.section.part.isEmpty() ||
                (item.section.text != Text::Header && item.section.text != Text::HeaderFields &&
                 item.section.text != Text::HeaderFieldsNot))
                return false;
            header = true;
            break;
        default:
            if (needsContent(item.kind))
                return false;
        }
    }
    return header;
}

bool fetchSetsSeen(const QList<ImapFetchItem> &items) {
    for (const ImapFetchItem &item : items) {
        switch (item.kind) {
        case Kind::BodySection:
        case Kind::Binary:
            if (!item.peek)
                return true;
            break;
        case Kind::Rfc822:
        case Kind::Rfc822Text:
            return true;
        default:
            break;
        }
    }
    return false;
}

QByteArray imapFetchResponse(ImapMessageView &message, const QList<ImapFetchItem> &items,
                             const ImapFetchContext &context, QByteArray *errorCode) {
    const CachedItems cached = cachedItems(message, items, structureOptions(context));
    const bool fileNeeded = std::any_of(items.cbegin(), items.cend(), [&cached](const auto &item) {
        return needsFile(item, cached);
    });
    if (fileNeeded && !message.load())
        return {};
    QList<ImapFetchItem> all;
    all.reserve(items.size() + 3);
    const auto asked = [&items](Kind kind) {
        return std::any_of(items.cbegin(), items.cend(),
                           [kind](const ImapFetchItem &item) { return item.kind == kind; });
    };
    // UID first, as clients and Dovecot expect it; FLAGS and MODSEQ the
    // server adds after what was asked.
    if (context.uid && !asked(Kind::Uid))
        all.append(itemOf(Kind::Uid));
    all += items;
    if (context.flags && !asked(Kind::Flags))
        all.append(itemOf(Kind::Flags));
    if (context.condstore && !asked(Kind::ModSeq))
        all.append(itemOf(Kind::ModSeq));

    QByteArray out;
    out.reserve(fetchResponseReserve);
    out += "* ";
    out += QByteArray::number(message.sequence());
    out += " FETCH (";
    // An item asked twice is answered once; a FETCH names a handful.
    QVarLengthArray<QByteArray, 8> written;
    bool first = true;
    for (const ImapFetchItem &item : std::as_const(all)) {
        const QByteArray name = fetchResponseName(item);
        if (std::find(written.cbegin(), written.cend(), name) != written.cend())
            continue;
        written.append(name);
        if (!first)
            out += ' ';
        first = false;
        if (!appendItem(out, message, item, context, cached)) {
            if (errorCode)
                *errorCode = "UNKNOWN-CTE"_ba;
            return {};
        }
    }
    out += ")\r\n";
    return out;
}

} // namespace mailstead::imap
