// TableWriter.cpp - plain-text tables for mailsteadctl; see TableWriter.h
#include "TableWriter.h"

#include <algorithm>
#include <iterator>
#include <QChar>

using namespace Qt::StringLiterals;

namespace mailstead::ctl {

namespace {

constexpr char32_t replacementCharacter = 0xFFFD;
const QString columnGap = u"  "_s;

struct Range {
    char32_t first;
    char32_t last;
};

// East Asian Wide (W) and Fullwidth (F) blocks, Unicode 15, merged where
// neighbouring; terminals draw these two columns wide.
constexpr Range wideRanges[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B},
    {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F320},
    {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
    {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
    {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
    {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

bool isWide(char32_t c) {
    const auto it =
        std::upper_bound(std::begin(wideRanges), std::end(wideRanges), c,
                         [](char32_t value, const Range &r) { return value < r.first; });
    if (it == std::begin(wideRanges))
        return false;
    return c <= std::prev(it)->last;
}

bool isZeroWidth(char32_t c) {
    if (c >= 0x1160 && c <= 0x11FF) // Hangul medial vowels and final consonants join
        return true;
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
        return true;
    default:
        return false;
    }
}

// Characters that would move the cursor, change colours or reorder text.
bool isUnsafe(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

QString padded(const QString &text, int width, TableWriter::Align align) {
    const int fill = std::max(0, width - TableWriter::displayWidth(text));
    if (align == TableWriter::Align::Right)
        return QString(fill, u' ') + text;
    return text + QString(fill, u' ');
}

} // namespace

TableWriter::TableWriter(const QStringList &headers)
    : m_headers(headers)
    , m_alignments(headers.size(), Align::Left) {}

void TableWriter::setAlignment(int column, Align align) {
    if (column >= 0 && column < m_alignments.size())
        m_alignments[column] = align;
}

void TableWriter::addRow(const QStringList &cells) {
    QStringList row;
    row.reserve(m_headers.size());
    for (qsizetype i = 0; i < m_headers.size(); ++i)
        row.append(i < cells.size() ? sanitize(cells.at(i)) : QString());
    m_rows.append(row);
}

QString TableWriter::toString() const {
    QList<int> widths;
    for (const QString &header : m_headers)
        widths.append(displayWidth(header));
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(row.at(i)));
    }

    QString out;
    auto appendLine = [&](const QStringList &cells) {
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i > 0)
                line += columnGap;
            line += padded(cells.at(i), widths.at(i), m_alignments.at(i));
        }
        while (line.endsWith(u' '))
            line.chop(1);
        out += line + u'\n';
    };
    appendLine(m_headers);
    for (const QStringList &row : m_rows)
        appendLine(row);
    return out;
}

int TableWriter::displayWidth(const QString &text) {
    int width = 0;
    const QList<uint> codePoints = text.toUcs4();
    for (const uint cp : codePoints) {
        const auto c = char32_t(cp);
        if (isUnsafe(c) || isZeroWidth(c))
            continue;
        width += isWide(c) ? 2 : 1;
    }
    return width;
}

QString TableWriter::sanitize(const QString &text) {
    const QList<uint> codePoints = text.toUcs4();
    bool clean = true;
    for (const uint cp : codePoints) {
        if (isUnsafe(char32_t(cp))) {
            clean = false;
            break;
        }
    }
    if (clean)
        return text;
    QList<uint> safe;
    safe.reserve(codePoints.size());
    for (const uint cp : codePoints)
        safe.append(isUnsafe(char32_t(cp)) ? uint(replacementCharacter) : cp);
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(safe.constData()), safe.size());
}

QString formatFields(const QList<Field> &fields) {
    int keyWidth = 0;
    for (const Field &field : fields)
        keyWidth = std::max(keyWidth, TableWriter::displayWidth(field.first) + 1);
    QString out;
    for (const Field &field : fields) {
        QString line =
            padded(TableWriter::sanitize(field.first) + u':', keyWidth, TableWriter::Align::Left) +
            u' ' + TableWriter::sanitize(field.second);
        while (line.endsWith(u' '))
            line.chop(1);
        out += line + u'\n';
    }
    return out;
}

} // namespace mailstead::ctl
