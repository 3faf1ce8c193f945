// ImapSequenceSet.h - sequence sets: parsing, resolving against a mailbox,
// formatting
//
// RFC 9051 section 9 (sequence-set, seq-range, seq-number, "*") and section
// 6.4.9 ("*" in UID ranges: "559:*" always includes the largest UID), RFC
// 5182 (SEARCHRES: "$" names the result of the last SEARCH ... SAVE), RFC
// 4315 section 3 (uid-set in COPYUID/APPENDUID), RFC 7162 (known-uids).
//
// A parsed set keeps what the client wrote ("*" is 0, ranges as given); a
// resolved set is normalized: sorted, non-overlapping, adjacent ranges
// merged, first <= last, no "*", no "$".
//
// SECURITY: input is peer text; parsing is linear and the number of ranges
// is capped by the caller's limit; resolving is O(n log n) in that number.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace mailstead::imap {

// In a parsed set, 0 stands for "*" (0 is never a valid number, RFC 9051
// section 9: nz-number).
inline constexpr quint32 sequenceStar = 0;

struct ImapSequenceRange {
    quint32 first = 0;
    quint32 last = 0;
    bool operator==(const ImapSequenceRange &) const = default;
};

struct ImapSequenceSet {
    QList<ImapSequenceRange> ranges;
    // "$" appeared as an element (RFC 5182): resolve() adds the saved result.
    bool savedResult = false;

    bool isEmpty() const { return ranges.isEmpty() && !savedResult; }
    // Number of values; for resolved sets only.
    qint64 count() const;
    // Binary search; for resolved sets only.
    bool contains(quint32 value) const;
    // Values in order; for resolved sets only, and only when count() is small.
    QList<quint32> values() const;

    bool operator==(const ImapSequenceSet &) const = default;
};

struct ImapSequenceSetParse {
    ImapSequenceSet set;
    qsizetype consumed = 0; // octets of the set; the caller checks what follows
    QByteArray error;       // empty when the set parsed
};

// Parses the longest sequence set at the start of text. allowSaved: "$" is
// accepted (SEARCHRES); maxRanges caps elements (then an error).
ImapSequenceSetParse parseSequenceSet(QByteArrayView text, int maxRanges, bool allowSaved = true);

enum class ImapNumberKind : quint8 {
    // Message sequence numbers: a number above the message count is an
    // error, "*" is the count (RFC 9051 section 9: seq-number).
    SequenceNumber,
    // UIDs: numbers above the largest UID are not errors, they just match
    // nothing; "*" is the largest UID; "n:*" with n above it is that UID.
    Uid,
};

struct ImapSequenceResolution {
    ImapSequenceSet set; // normalized, empty when nothing matches
    QByteArray error;    // empty on success; otherwise a BAD reason
    bool ok() const { return error.isEmpty(); }
};

// largest: the message count (SequenceNumber) or the largest UID in use
// (Uid); 0 for an empty mailbox. saved: the normalized SEARCHRES result, for
// "$" (an empty set when nothing was saved: RFC 5182 section 2.1).
ImapSequenceResolution resolveSequenceSet(const ImapSequenceSet &set, quint32 largest,
                                          ImapNumberKind kind, const ImapSequenceSet &saved = {});

// Sorts, merges and drops "*"-free duplicates: the normalized form of a set
// that holds no "*" and no "$".
ImapSequenceSet normalizeSequenceSet(QList<ImapSequenceRange> ranges);
ImapSequenceSet sequenceSetFromValues(QList<quint32> values);

// "1:3,5,*" as parsed ("$" last when set); "" for an empty set.
QByteArray formatSequenceSet(const ImapSequenceSet &set);
// Values in the given order, runs of consecutive ascending values written as
// ranges: {1,2,3,5,9,8} -> "1:3,5,9,8". For COPYUID, where order matters.
QByteArray formatSequenceValues(const QList<quint32> &values);

} // namespace mailstead::imap
