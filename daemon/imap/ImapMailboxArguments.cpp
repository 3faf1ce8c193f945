// ImapMailboxArguments.cpp - SELECT/EXAMINE, CREATE, LIST/LSUB, STATUS,
// APPEND arguments
//
// RFC 9051 section 6.3, RFC 3501 section 6.3.9, RFC 7162 sections 3.1.8 and
// 3.2.5, RFC 6154 section 3, RFC 5258 section 3, RFC 5819, RFC 7889,
// RFC 8438, RFC 6855 section 4; see ImapMailboxArguments.h.
//
// SECURITY: untrusted peer text through ImapScanner; linear.

#include "ImapMailboxArguments.h"

#include "ImapScanner.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

struct StatusName {
    QByteArrayView name;
    ImapStatusItem item;
};

constexpr StatusName statusNames[] = {
    {"MESSAGES", ImapStatusItem::Messages},       {"UIDNEXT", ImapStatusItem::UidNext},
    {"UIDVALIDITY", ImapStatusItem::UidValidity}, {"UNSEEN", ImapStatusItem::Unseen},
    {"DELETED", ImapStatusItem::Deleted},         {"SIZE", ImapStatusItem::Size},
    {"RECENT", ImapStatusItem::Recent},           {"HIGHESTMODSEQ", ImapStatusItem::HighestModSeq},
    {"APPENDLIMIT", ImapStatusItem::AppendLimit},
};

// RFC 6154 section 2 attributes, canonical spelling.
constexpr QByteArrayView useAttributes[] = {
    "\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash",
};

// Reads "(" item *(SP item) ")" calling item() for each; allowEmpty: "()".
template <typename Item>
bool parenthesizedList(ImapScanner &s, QByteArrayView what, bool allowEmpty, Item item) {
    if (!s.expect('(', "\"(\" to start "_ba + what.toByteArray()))
        return false;
    if (s.consume(')'))
        return allowEmpty || s.fail("Empty "_ba + what.toByteArray());
    while (true) {
        if (!item())
            return false;
        if (s.consume(')'))
            return true;
        if (!s.space())
            return false;
    }
}

// select-param = "CONDSTORE" / "QRESYNC" SP "(" uidvalidity SP
//   mod-sequence-value [SP known-uids] [SP seq-match-data] ")"
bool qresyncParameters(ImapScanner &s, ImapSelectArguments *out) {
    if (!s.options().qresync)
        return s.fail("QRESYNC needs ENABLE QRESYNC first");
    if (!s.expect('(', "\"(\" after QRESYNC") || !s.nzNumber(&out->uidValidity, "UIDVALIDITY") ||
        !s.space() || !s.number64(&out->modSeq, "Mod-sequence"))
        return false;
    if (out->modSeq == 0)
        return s.fail("Mod-sequence must not be 0");
    out->qresync = true;
    if (s.consume(')'))
        return true;
    if (!s.space())
        return false;
    if (s.peek() != '(') {
        if (!s.sequenceSet(&out->knownUids, false))
            return false;
        for (const ImapSequenceRange &range : out->knownUids.ranges) {
            if (range.first == sequenceStar || range.last == sequenceStar)
                return s.fail("\"*\" is not allowed in known UIDs");
        }
        if (s.consume(')'))
            return true;
        if (!s.space())
            return false;
    }
    // seq-match-data = "(" known-sequence-set SP known-uid-set ")"
    if (!s.expect('(', "\"(\" to start the sequence match data") ||
        !s.sequenceSet(&out->knownSequenceNumbers, false) || !s.space() ||
        !s.sequenceSet(&out->knownSequenceUids, false) || !s.expect(')', "\")\"") ||
        !s.expect(')', "\")\" to end the QRESYNC parameters"))
        return false;
    return true;
}

bool listReturnOptions(ImapScanner &s, ImapListArguments *out) {
    return parenthesizedList(s, "the return options", true, [&] {
        const QByteArray option = s.peekAtomUpper();
        ImapListReturn value;
        if (option == "SUBSCRIBED")
            value = ImapListReturn::Subscribed;
        else if (option == "CHILDREN")
            value = ImapListReturn::Children;
        else if (option == "SPECIAL-USE")
            value = ImapListReturn::SpecialUse;
        else if (option == "STATUS")
            value = ImapListReturn::Status;
        else
            return s.fail("Unknown LIST return option");
        s.atomChars();
        out->returns |= value;
        if (value == ImapListReturn::Status)
            return s.space() && parseStatusItems(s, &out->statusItems);
        return true;
    });
}

} // namespace

bool parseStatusItems(ImapScanner &s, ImapStatusItems *out) {
    return parenthesizedList(s, "the status items", false, [&] {
        const QByteArray name = s.peekAtomUpper();
        for (const StatusName &entry : statusNames) {
            if (name == entry.name) {
                s.atomChars();
                *out |= entry.item;
                return true;
            }
        }
        return s.fail("Unknown STATUS item");
    });
}

QByteArrayList statusItemNames(ImapStatusItems items) {
    QByteArrayList names;
    for (const StatusName &entry : statusNames) {
        if (items.testFlag(entry.item))
            names.append(entry.name.toByteArray());
    }
    return names;
}

bool parseSelectArguments(ImapScanner &s, ImapSelectArguments *out) {
    if (!s.mailbox(&out->mailbox))
        return false;
    if (!s.spaceBeforeMore())
        return s.end();
    bool seen = false;
    const bool ok = parenthesizedList(s, "the SELECT parameters", false, [&] {
        const QByteArray name = s.peekAtomUpper();
        s.atomChars();
        if (name == "CONDSTORE") {
            if (out->condStore)
                return s.fail("Duplicate CONDSTORE parameter");
            out->condStore = true;
            return true;
        }
        if (name == "QRESYNC") {
            if (seen)
                return s.fail("Duplicate QRESYNC parameter");
            seen = true;
            return s.space() && qresyncParameters(s, out);
        }
        return s.fail("Unknown SELECT parameter");
    });
    return ok && s.end();
}

bool parseCreateArguments(ImapScanner &s, ImapCreateArguments *out) {
    if (!s.mailbox(&out->mailbox))
        return false;
    if (!s.spaceBeforeMore())
        return s.end();
    bool seenUse = false;
    const bool ok = parenthesizedList(s, "the CREATE parameters", false, [&] {
        if (s.peekAtomUpper() != "USE")
            return s.fail("Unknown CREATE parameter");
        if (seenUse)
            return s.fail("Duplicate USE parameter");
        seenUse = true;
        s.atomChars();
        if (!s.space())
            return false;
        return parenthesizedList(s, "the USE attributes", true, [&] {
            if (!s.expect('\\', "a special-use attribute like \\Sent"))
                return false;
            QByteArray name;
            if (!s.atom(&name, "a special-use attribute"))
                return false;
            QByteArray attribute = '\\' + name;
            for (const QByteArrayView known : useAttributes) {
                if (known.compare(attribute, Qt::CaseInsensitive) == 0)
                    attribute = known.toByteArray();
            }
            out->specialUse.append(attribute);
            return true;
        });
    });
    return ok && s.end();
}

// list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat
//        [SP list-return-opts]
bool parseListArguments(ImapScanner &s, ImapListArguments *out) {
    if (s.peek() == '(') {
        out->extended = true;
        const bool ok = parenthesizedList(s, "the selection options", true, [&] {
            const QByteArray option = s.peekAtomUpper();
            if (option == "SUBSCRIBED")
                out->selection |= ImapListSelection::Subscribed;
            else if (option == "REMOTE")
                out->selection |= ImapListSelection::Remote;
            else if (option == "RECURSIVEMATCH")
                out->selection |= ImapListSelection::RecursiveMatch;
            else if (option == "SPECIAL-USE")
                out->selection |= ImapListSelection::SpecialUse;
            else
                return s.fail("Unknown LIST selection option");
            s.atomChars();
            return true;
        });
        if (!ok || !s.space())
            return false;
        // RFC 5258 section 3.1: RECURSIVEMATCH needs an option that selects
        // mailboxes by a property; alone or with REMOTE only it is BAD.
        if (out->selection.testFlag(ImapListSelection::RecursiveMatch) &&
            !out->selection.testFlag(ImapListSelection::Subscribed) &&
            !out->selection.testFlag(ImapListSelection::SpecialUse))
            return s.fail("RECURSIVEMATCH needs another selection option");
    }
    if (!s.mailbox(&out->reference) || !s.space())
        return false;
    if (s.peek() == '(') {
        out->extended = true;
        if (!parenthesizedList(s, "the patterns", false, [&] {
                QString pattern;
                if (!s.listMailbox(&pattern))
                    return false;
                out->patterns.append(pattern);
                return true;
            }))
            return false;
    } else {
        QString pattern;
        if (!s.listMailbox(&pattern))
            return false;
        out->patterns.append(pattern);
    }
    if (!s.spaceBeforeMore())
        return s.end();
    if (s.peekAtomUpper() != "RETURN")
        return s.fail("Expected RETURN options or the end of the command");
    s.atomChars();
    out->extended = true;
    return s.space() && listReturnOptions(s, out) && s.end();
}

bool parseLsubArguments(ImapScanner &s, ImapListArguments *out) {
    out->lsub = true;
    QString pattern;
    if (!s.mailbox(&out->reference) || !s.space() || !s.listMailbox(&pattern))
        return false;
    out->patterns.append(pattern);
    return s.end();
}

bool parseStatusArguments(ImapScanner &s, ImapStatusArguments *out) {
    return s.mailbox(&out->mailbox) && s.space() && parseStatusItems(s, &out->items) && s.end();
}

// append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal
// append-data =/ "UTF8" SP "(" literal8 ")"   (RFC 6855 section 4)
bool parseAppendArguments(ImapScanner &s, ImapAppendArguments *out) {
    if (!s.mailbox(&out->mailbox) || !s.space())
        return false;
    if (s.peek() == '(') {
        if (!s.flagList(&out->flags) || !s.space())
            return false;
    }
    if (s.peek() == '"') {
        QDateTime date;
        if (!s.dateTime(&date) || !s.space())
            return false;
        out->internalDate = date;
    }
    bool isMessage = false;
    if (s.peekAtomUpper() == "UTF8") {
        if (!s.options().utf8Accept)
            return s.fail("APPEND UTF8 needs ENABLE UTF8=ACCEPT first");
        s.atomChars();
        if (!s.space() || !s.expect('(', "\"(\" after UTF8"))
            return false;
        bool binary = false;
        if (!s.literal(&out->message, true, &binary, &isMessage))
            return false;
        if (!binary)
            return s.fail("APPEND UTF8 needs a literal8 (~{n})");
        out->utf8Data = true;
        if (s.raw().headerOnly && isMessage)
            return true;
        if (!s.expect(')', "\")\" after the UTF8 message"))
            return false;
    } else {
        if (s.peek() == '~')
            return s.fail("APPEND with literal8 needs BINARY, which is not supported");
        if (s.peek() != '{')
            return s.fail("Expected the message as a literal");
        if (!s.literal(&out->message, false, nullptr, &isMessage))
            return false;
    }
    out->messageSize = isMessage ? s.raw().messageSize : out->message.size();
    out->messageStreamed = isMessage && s.raw().messageStreamed;
    if (s.raw().headerOnly && isMessage)
        return true;
    if (s.spaceBeforeMore())
        return s.fail("MULTIAPPEND and CATENATE are not supported");
    return s.end();
}

} // namespace mailstead::imap
