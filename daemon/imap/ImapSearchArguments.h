// ImapSearchArguments.h - the SEARCH argument grammar: search keys as a
// tree, CHARSET, RETURN options
//
// RFC 9051 section 6.4.4 (SEARCH and every search key), section 9
// (search-key, search-program, search-return-opts), RFC 3501 section 6.4.4
// (IMAP4rev1 keys: NEW, OLD, RECENT), RFC 4731 and RFC 9051 section 7.3.4
// (ESEARCH: RETURN (MIN MAX ALL COUNT SAVE)), RFC 5182 (SEARCHRES: SAVE and
// "$"), RFC 7162 section 3.1.5 (MODSEQ key), RFC 6855 section 3 (no CHARSET
// after ENABLE UTF8=ACCEPT).
//
// Strings are decoded to text: the charset must be US-ASCII or UTF-8
// (RFC 9051 section 6.4.4 requires both); any other gets NO [BADCHARSET
// (US-ASCII UTF-8)], as the RFC asks (not BAD).
//
// SECURITY: peer-controlled values that passed the syntax checks. The tree
// is bounded by maxSearchDepth and maxSearchKeys, so evaluating or
// destroying it recurses at most that deep.
#pragma once

#include "ImapSequenceSet.h"

#include <QByteArray>
#include <QDate>
#include <QFlags>
#include <QString>
#include <vector>

namespace mailstead::imap {

class ImapScanner;

struct ImapSearchKey {
    enum class Kind : quint8 {
        And, // a parenthesized list, and the whole program: every child matches
        Or,  // two children
        Not, // one child
        All,
        Answered,
        Deleted,
        Draft,
        Flagged,
        New,    // IMAP4rev1
        Old,    // IMAP4rev1
        Recent, // IMAP4rev1
        Seen,
        Unanswered,
        Undeleted,
        Undraft,
        Unflagged,
        Unseen,
        Keyword,   // flag
        Unkeyword, // flag
        Bcc,       // text
        Body,
        Cc,
        From,
        Subject,
        Text,
        To,
        Header, // field and text
        Before, // date: internal date, ignoring time and zone
        On,
        Since,
        SentBefore, // date: the Date: header
        SentOn,
        SentSince,
        Larger,      // number: RFC822.SIZE
        Smaller,     // number
        Uid,         // set of UIDs
        SequenceSet, // set of message sequence numbers
        ModSeq,      // number (and entry name/type when given)
    };

    Kind kind = Kind::All;
    QString text;         // BCC ... TO, HEADER value
    QByteArray field;     // HEADER field name; KEYWORD/UNKEYWORD flag; MODSEQ entry name
    QByteArray entryType; // MODSEQ: "priv", "shared" or "all" (lower case); empty: none
    QDate date;
    quint64 number = 0;
    ImapSequenceSet set;
    std::vector<ImapSearchKey> children;
};

enum class ImapSearchReturn : quint8 {
    Min = 0x1,
    Max = 0x2,
    All = 0x4,
    Count = 0x8,
    Save = 0x10,
};
Q_DECLARE_FLAGS(ImapSearchReturns, ImapSearchReturn)
Q_DECLARE_OPERATORS_FOR_FLAGS(ImapSearchReturns)

struct ImapSearchArguments {
    // RETURN (...) was given: answer with ESEARCH (RFC 4731 / RFC 9051).
    // "RETURN ()" means RETURN (ALL).
    bool extended = false;
    ImapSearchReturns returns;
    QByteArray charset;      // upper case as sent; empty: not given
    ImapSearchKey program;   // Kind::And of the top-level keys
    bool usesModSeq = false; // a MODSEQ key appears (RFC 7162 section 3.1.5)
};

// After "SEARCH SP" up to the end of the command.
bool parseSearchArguments(ImapScanner &s, ImapSearchArguments *out);

} // namespace mailstead::imap
