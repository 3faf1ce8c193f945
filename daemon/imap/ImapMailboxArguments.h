// ImapMailboxArguments.h - arguments of the mailbox commands: SELECT and
// EXAMINE, CREATE, LIST and LSUB, STATUS, APPEND
//
// RFC 9051 sections 6.3.2-6.3.12 (SELECT, EXAMINE, CREATE, LIST, STATUS,
// APPEND), RFC 3501 section 6.3.9 (LSUB), RFC 7162 section 3.1.8 and 3.2.5
// (SELECT parameters CONDSTORE and QRESYNC), RFC 6154 section 3 (CREATE USE,
// LIST SPECIAL-USE), RFC 5258 section 3 (LIST-EXTENDED selection and return
// options), RFC 5819 (LIST RETURN STATUS), RFC 7889 (STATUS APPENDLIMIT),
// RFC 8438 (STATUS SIZE), RFC 6855 section 4 (APPEND UTF8 data).
//
// SECURITY: peer-controlled values that passed the syntax checks; mailbox
// names are decoded and free of control characters, nothing has been
// checked against the store or the user's rights.
#pragma once

#include "ImapSequenceSet.h"

#include <optional>
#include <QByteArrayList>
#include <QDateTime>
#include <QFlags>
#include <QString>
#include <QStringList>

namespace mailstead::imap {

class ImapScanner;

struct ImapSelectArguments {
    QString mailbox;
    bool condStore = false; // (CONDSTORE), RFC 7162 section 3.1.8
    // (QRESYNC (uidvalidity modseq [known-uids] [(seqs uids)])), RFC 7162
    // section 3.2.5; allowed only after ENABLE QRESYNC.
    bool qresync = false;
    quint32 uidValidity = 0;
    quint64 modSeq = 0;
    ImapSequenceSet knownUids;            // empty: not given
    ImapSequenceSet knownSequenceNumbers; // seq-match-data; empty: not given
    ImapSequenceSet knownSequenceUids;
};

struct ImapCreateArguments {
    QString mailbox;
    // (USE (\Sent ...)), RFC 6154 section 3: known attributes canonical
    // ("\Sent"), unknown ones as sent (the session answers NO [USEATTR]).
    QByteArrayList specialUse;
};

enum class ImapStatusItem : quint16 {
    Messages = 0x1,
    UidNext = 0x2,
    UidValidity = 0x4,
    Unseen = 0x8,
    Deleted = 0x10,       // RFC 9051
    Size = 0x20,          // RFC 9051, RFC 8438
    Recent = 0x40,        // IMAP4rev1 only
    HighestModSeq = 0x80, // RFC 7162 section 3.1.6
    AppendLimit = 0x100,  // RFC 7889
};
Q_DECLARE_FLAGS(ImapStatusItems, ImapStatusItem)
Q_DECLARE_OPERATORS_FOR_FLAGS(ImapStatusItems)

struct ImapStatusArguments {
    QString mailbox;
    ImapStatusItems items;
};

enum class ImapListSelection : quint8 {
    Subscribed = 0x1,
    Remote = 0x2,
    RecursiveMatch = 0x4,
    SpecialUse = 0x8,
};
Q_DECLARE_FLAGS(ImapListSelections, ImapListSelection)
Q_DECLARE_OPERATORS_FOR_FLAGS(ImapListSelections)

enum class ImapListReturn : quint8 {
    Subscribed = 0x1,
    Children = 0x2,
    SpecialUse = 0x4,
    Status = 0x8,
};
Q_DECLARE_FLAGS(ImapListReturns, ImapListReturn)
Q_DECLARE_OPERATORS_FOR_FLAGS(ImapListReturns)

struct ImapListArguments {
    bool lsub = false;     // LSUB (RFC 3501 section 6.3.9)
    bool extended = false; // selection options, several patterns or RETURN were used
    ImapListSelections selection;
    QString reference;
    QStringList patterns; // at least one; "" asks for the hierarchy delimiter
    ImapListReturns returns;
    ImapStatusItems statusItems; // RETURN (STATUS (...)), RFC 5819
};

struct ImapAppendArguments {
    QString mailbox;
    QByteArrayList flags;
    std::optional<QDateTime> internalDate;
    qint64 messageSize = 0;
    QByteArray message;           // empty when streamed (or headerOnly)
    bool messageStreamed = false; // the octets went to the session as MessageData
    bool utf8Data = false;        // UTF8 (~{n}): RFC 6855 section 4
};

// Each parses the arguments after the command name and its space, up to the
// end of the command; on false the scanner holds the error.
bool parseSelectArguments(ImapScanner &s, ImapSelectArguments *out);
bool parseCreateArguments(ImapScanner &s, ImapCreateArguments *out);
bool parseListArguments(ImapScanner &s, ImapListArguments *out);
bool parseLsubArguments(ImapScanner &s, ImapListArguments *out);
bool parseStatusArguments(ImapScanner &s, ImapStatusArguments *out);
bool parseAppendArguments(ImapScanner &s, ImapAppendArguments *out);

// "(" status-att *(SP status-att) ")"
bool parseStatusItems(ImapScanner &s, ImapStatusItems *out);
// "MESSAGES", "UIDNEXT", ... for the STATUS response; in a fixed order.
QByteArrayList statusItemNames(ImapStatusItems items);

} // namespace mailstead::imap
