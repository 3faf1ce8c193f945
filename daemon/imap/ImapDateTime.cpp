// ImapDateTime.cpp - IMAP date and date-time
//
// RFC 9051 section 9 (date, date-time, zone).
//
// SECURITY: untrusted peer text; fixed-size parsing.

#include "ImapDateTime.h"

namespace mailstead::imap {

namespace {

constexpr const char *monthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// Reads exactly count digits at text[at].
std::optional<int> digits(QByteArrayView text, qsizetype at, int count) {
    if (at + count > text.size())
        return std::nullopt;
    int value = 0;
    for (int k = 0; k < count; ++k) {
        if (!isDigit(text[at + k]))
            return std::nullopt;
        value = value * 10 + (text[at + k] - '0');
    }
    return value;
}

int monthFromName(QByteArrayView name) {
    for (int m = 0; m < 12; ++m) {
        if (name.compare(QByteArrayView(monthNames[m]), Qt::CaseInsensitive) == 0)
            return m + 1;
    }
    return 0;
}

// "dd-Mon-yyyy" starting at at, where the day has dayDigits digits.
// Returns the date and sets *end to the octet after the year.
std::optional<QDate> dateText(QByteArrayView text, qsizetype at, int dayDigits, qsizetype *end) {
    const std::optional<int> day = digits(text, at, dayDigits);
    if (!day)
        return std::nullopt;
    at += dayDigits;
    if (at + 5 > text.size() || text[at] != '-' || text[at + 4] != '-')
        return std::nullopt;
    const int month = monthFromName(text.sliced(at + 1, 3));
    if (month == 0)
        return std::nullopt;
    const std::optional<int> year = digits(text, at + 5, 4);
    if (!year)
        return std::nullopt;
    const QDate date(*year, month, *day);
    if (!date.isValid())
        return std::nullopt;
    *end = at + 9;
    return date;
}

} // namespace

std::optional<QDate> parseImapDate(QByteArrayView text) {
    // date-day = 1*2DIGIT
    const int dayDigits = text.size() >= 2 && isDigit(text[1]) ? 2 : 1;
    qsizetype end = 0;
    const std::optional<QDate> date = dateText(text, 0, dayDigits, &end);
    if (!date || end != text.size())
        return std::nullopt;
    return date;
}

std::optional<QDateTime> parseImapDateTime(QByteArrayView text) {
    // date-day-fixed = (SP DIGIT) / 2DIGIT; tolerated: one digit alone.
    qsizetype at = 0;
    int dayDigits = 2;
    if (!text.isEmpty() && text[0] == ' ') {
        at = 1;
        dayDigits = 1;
    } else if (text.size() >= 2 && !isDigit(text[1])) {
        dayDigits = 1;
    }
    qsizetype end = 0;
    const std::optional<QDate> date = dateText(text, at, dayDigits, &end);
    // SP time SP zone: " hh:mm:ss +hhmm"
    if (!date || end + 15 != text.size() || text[end] != ' ' || text[end + 3] != ':' ||
        text[end + 6] != ':' || text[end + 9] != ' ')
        return std::nullopt;
    const std::optional<int> hour = digits(text, end + 1, 2);
    const std::optional<int> minute = digits(text, end + 4, 2);
    std::optional<int> second = digits(text, end + 7, 2);
    const char sign = text[end + 10];
    const std::optional<int> zoneHours = digits(text, end + 11, 2);
    const std::optional<int> zoneMinutes = digits(text, end + 13, 2);
    if (!hour || !minute || !second || !zoneHours || !zoneMinutes || (sign != '+' && sign != '-'))
        return std::nullopt;
    if (*second == 60)
        second = 59;
    if (*hour > 23 || *minute > 59 || *second > 59 || *zoneHours > 23 || *zoneMinutes > 59)
        return std::nullopt;
    const int offset = (sign == '-' ? -1 : 1) * (*zoneHours * 3600 + *zoneMinutes * 60);
    const QDateTime result(*date, QTime(*hour, *minute, *second), Qt::OffsetFromUTC, offset);
    if (!result.isValid())
        return std::nullopt;
    return result;
}

QByteArray formatImapDate(QDate date) {
    if (!date.isValid())
        return {};
    return QByteArray::number(date.day()) + '-' + monthNames[date.month() - 1] + '-' +
           QByteArray::number(date.year()).rightJustified(4, '0');
}

QByteArray formatImapDateTime(const QDateTime &dateTime) {
    if (!dateTime.isValid())
        return {};
    const QDateTime value = dateTime.timeSpec() == Qt::LocalTime ? dateTime.toUTC() : dateTime;
    const QDate date = value.date();
    const QTime time = value.time();
    const int offset = value.offsetFromUtc();
    const int absolute = offset < 0 ? -offset : offset;
    QByteArray out = QByteArray::number(date.day()).rightJustified(2, ' ');
    out += '-';
    out += monthNames[date.month() - 1];
    out += '-';
    out += QByteArray::number(date.year()).rightJustified(4, '0');
    out += ' ';
    out += QByteArray::number(time.hour()).rightJustified(2, '0');
    out += ':';
    out += QByteArray::number(time.minute()).rightJustified(2, '0');
    out += ':';
    out += QByteArray::number(time.second()).rightJustified(2, '0');
    out += offset < 0 ? " -" : " +";
    out += QByteArray::number(absolute / 3600).rightJustified(2, '0');
    out += QByteArray::number(absolute % 3600 / 60).rightJustified(2, '0');
    return out;
}

} // namespace mailstead::imap
