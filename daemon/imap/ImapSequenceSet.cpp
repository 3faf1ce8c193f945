// ImapSequenceSet.cpp - sequence set parsing, resolving and formatting
//
// RFC 9051 sections 6.4.9 and 9, RFC 5182, RFC 4315 section 3.
//
// SECURITY: untrusted peer text; linear parse with a range cap.

#include "ImapSequenceSet.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// seq-number = nz-number / "*"; nz-number = digit-nz *DIGIT, up to 2^32-1.
// Returns the octets used, 0 when there is no number, -1 on an invalid one.
qsizetype parseSeqNumber(QByteArrayView text, qsizetype at, quint32 *value, QByteArray *error) {
    if (at < text.size() && text[at] == '*') {
        *value = sequenceStar;
        return 1;
    }
    qsizetype i = at;
    quint64 number = 0;
    while (i < text.size() && isDigit(text[i])) {
        number = number * 10 + quint64(text[i] - '0');
        if (number > 0xffffffffu) {
            *error = "Number in sequence set is too large"_ba;
            return -1;
        }
        ++i;
    }
    if (i == at)
        return 0;
    if (text[at] == '0') {
        *error = number == 0 ? "0 is not a valid message number or UID"_ba
                             : "Numbers in a sequence set have no leading zeros"_ba;
        return -1;
    }
    *value = quint32(number);
    return i - at;
}

} // namespace

qint64 ImapSequenceSet::count() const {
    qint64 total = 0;
    for (const ImapSequenceRange &range : ranges)
        total += qint64(range.last) - qint64(range.first) + 1;
    return total;
}

bool ImapSequenceSet::contains(quint32 value) const {
    auto it =
        std::lower_bound(ranges.cbegin(), ranges.cend(), value,
                         [](const ImapSequenceRange &range, quint32 v) { return range.last < v; });
    return it != ranges.cend() && it->first <= value;
}

QList<quint32> ImapSequenceSet::values() const {
    QList<quint32> out;
    for (const ImapSequenceRange &range : ranges) {
        for (quint64 v = range.first; v <= range.last; ++v)
            out.append(quint32(v));
    }
    return out;
}

ImapSequenceSetParse parseSequenceSet(QByteArrayView text, int maxRanges, bool allowSaved) {
    ImapSequenceSetParse result;
    qsizetype at = 0;
    while (true) {
        if (at < text.size() && text[at] == '$') {
            if (!allowSaved) {
                result.error = "\"$\" is not allowed here"_ba;
                return result;
            }
            result.set.savedResult = true;
            ++at;
        } else {
            ImapSequenceRange range;
            const qsizetype used = parseSeqNumber(text, at, &range.first, &result.error);
            if (used < 0)
                return result;
            if (used == 0) {
                result.error = "Expected a sequence set"_ba;
                return result;
            }
            at += used;
            range.last = range.first;
            if (at < text.size() && text[at] == ':') {
                const qsizetype more = parseSeqNumber(text, at + 1, &range.last, &result.error);
                if (more < 0)
                    return result;
                if (more == 0) {
                    result.error = "Incomplete range in sequence set"_ba;
                    return result;
                }
                at += 1 + more;
            }
            if (result.set.ranges.size() >= maxRanges) {
                result.error = "Too many ranges in sequence set"_ba;
                return result;
            }
            result.set.ranges.append(range);
        }
        if (at < text.size() && text[at] == ',') {
            ++at;
            continue;
        }
        break;
    }
    result.consumed = at;
    return result;
}

ImapSequenceSet normalizeSequenceSet(QList<ImapSequenceRange> ranges) {
    for (ImapSequenceRange &range : ranges) {
        if (range.first > range.last)
            std::swap(range.first, range.last);
    }
    std::sort(
        ranges.begin(), ranges.end(),
        [](const ImapSequenceRange &a, const ImapSequenceRange &b) { return a.first < b.first; });
    ImapSequenceSet out;
    for (const ImapSequenceRange &range : ranges) {
        if (!out.ranges.isEmpty() && quint64(range.first) <= quint64(out.ranges.last().last) + 1) {
            out.ranges.last().last = std::max(out.ranges.last().last, range.last);
            continue;
        }
        out.ranges.append(range);
    }
    return out;
}

ImapSequenceSet sequenceSetFromValues(QList<quint32> values) {
    QList<ImapSequenceRange> ranges;
    ranges.reserve(values.size());
    for (const quint32 v : values)
        ranges.append({v, v});
    return normalizeSequenceSet(std::move(ranges));
}

ImapSequenceResolution resolveSequenceSet(const ImapSequenceSet &set, quint32 largest,
                                          ImapNumberKind kind, const ImapSequenceSet &saved) {
    ImapSequenceResolution result;
    QList<ImapSequenceRange> ranges;
    ranges.reserve(set.ranges.size() + (set.savedResult ? saved.ranges.size() : 0));
    for (ImapSequenceRange range : set.ranges) {
        const bool starFirst = range.first == sequenceStar;
        const bool starLast = range.last == sequenceStar;
        if (starFirst)
            range.first = largest;
        if (starLast)
            range.last = largest;
        if (largest == 0) {
            // Empty mailbox: "*" names no message. A range that also names
            // a number is an error for sequence numbers (below).
            if (starFirst && starLast)
                continue;
            if (starFirst || starLast) {
                if (kind == ImapNumberKind::Uid)
                    continue;
                result.error = "Message sequence number out of range (the mailbox is empty)"_ba;
                return result;
            }
        }
        if (range.first > range.last)
            std::swap(range.first, range.last);
        if (kind == ImapNumberKind::SequenceNumber) {
            if (range.last > largest) {
                result.error = "Message sequence number out of range"_ba;
                return result;
            }
        } else {
            if (range.first > largest)
                continue;
            range.last = std::min(range.last, largest);
        }
        ranges.append(range);
    }
    if (set.savedResult) {
        for (ImapSequenceRange range : saved.ranges) {
            if (range.first > largest)
                continue;
            range.last = std::min(range.last, largest);
            ranges.append(range);
        }
    }
    result.set = normalizeSequenceSet(std::move(ranges));
    return result;
}

QByteArray formatSequenceSet(const ImapSequenceSet &set) {
    QByteArray out;
    auto number = [&out](quint32 v) {
        if (v == sequenceStar)
            out += '*';
        else
            out += QByteArray::number(v);
    };
    for (const ImapSequenceRange &range : set.ranges) {
        if (!out.isEmpty())
            out += ',';
        number(range.first);
        if (range.last != range.first) {
            out += ':';
            number(range.last);
        }
    }
    if (set.savedResult) {
        if (!out.isEmpty())
            out += ',';
        out += '$';
    }
    return out;
}

QByteArray formatSequenceValues(const QList<quint32> &values) {
    QByteArray out;
    qsizetype i = 0;
    while (i < values.size()) {
        qsizetype j = i;
        while (j + 1 < values.size() && values[j] != 0xffffffffu && values[j + 1] == values[j] + 1)
            ++j;
        if (!out.isEmpty())
            out += ',';
        out += QByteArray::number(values[i]);
        if (j > i)
            out += ':' + QByteArray::number(values[j]);
        i = j + 1;
    }
    return out;
}

} // namespace mailstead::imap
