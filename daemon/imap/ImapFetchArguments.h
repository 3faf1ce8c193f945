// ImapFetchArguments.h - the FETCH argument grammar: data items, sections,
// partial ranges, modifiers
//
// RFC 9051 section 6.4.5 (FETCH, the macros ALL/FAST/FULL, BODY[section]
// <partial>, BODY.PEEK, BINARY, BINARY.PEEK, BINARY.SIZE), section 9
// (fetch-att, section, section-spec, section-part, section-text,
// header-list, partial), RFC 3501 section 6.4.5 (RFC822, RFC822.HEADER,
// RFC822.TEXT), RFC 3516 (BINARY), RFC 7162 section 3.1.4 (MODSEQ item,
// CHANGEDSINCE modifier) and section 3.2.6 (VANISHED modifier: UID FETCH
// with CHANGEDSINCE only, after ENABLE QRESYNC).
//
// SECURITY: peer-controlled values that passed the syntax checks; part
// numbers and partial ranges are unchecked against any message.
#pragma once

#include "ImapSequenceSet.h"

#include <optional>
#include <QByteArray>
#include <QByteArrayList>
#include <QList>

namespace mailstead::imap {

class ImapScanner;

struct ImapSection {
    enum class Text : quint8 {
        None,            // BODY[] or BODY[1.2]: the whole message or part
        Header,          // HEADER
        HeaderFields,    // HEADER.FIELDS (...)
        HeaderFieldsNot, // HEADER.FIELDS.NOT (...)
        Text,            // TEXT
        Mime,            // MIME (only after a part number)
    };
    QList<quint32> part; // "1.2.3" -> {1, 2, 3}; empty: the message itself
    Text text = Text::None;
    QByteArrayList fields; // header field names as sent, for HEADER.FIELDS[.NOT]

    bool operator==(const ImapSection &) const = default;
};

struct ImapFetchItem {
    enum class Kind : quint8 {
        Flags,
        InternalDate,
        Rfc822Size,
        Envelope,
        Body, // BODY without section: the non-extensible BODYSTRUCTURE
        BodyStructure,
        BodySection, // BODY[section]<partial> and BODY.PEEK[...]
        Binary,      // BINARY[part]<partial> and BINARY.PEEK[...]
        BinarySize,  // BINARY.SIZE[part]
        Uid,
        ModSeq,
        Rfc822,       // = BODY[], sets \Seen
        Rfc822Header, // = BODY.PEEK[HEADER]
        Rfc822Text,   // = BODY[TEXT], sets \Seen
    };
    Kind kind = Kind::Flags;
    bool peek = false; // BODY.PEEK / BINARY.PEEK: do not set \Seen
    ImapSection section;
    qint64 partialOffset = -1; // <offset.length>; -1: whole
    qint64 partialLength = 0;

    bool operator==(const ImapFetchItem &) const = default;
};

struct ImapFetchArguments {
    ImapSequenceSet set;
    QList<ImapFetchItem> items;          // macros expanded; in the order sent
    std::optional<quint64> changedSince; // (CHANGEDSINCE n)
    bool vanished = false;               // (VANISHED)
};

// After "FETCH SP" up to the end of the command.
bool parseFetchArguments(ImapScanner &s, bool uid, ImapFetchArguments *out);

// The item name as the FETCH response echoes it (RFC 9051 section 7.5.2):
// "BODY[HEADER.FIELDS (SUBJECT)]<0>" (the partial origin only), never PEEK.
QByteArray fetchResponseName(const ImapFetchItem &item);

} // namespace mailstead::imap
