// MimeDate.cpp - RFC 5322 date-time parser, obsolete forms included
//
// RFC 5322 sections 3.3, 4.3.
//
// SECURITY: untrusted input; numbers longer than 9 digits are rejected.

#include "MimeDate.h"

#include <QList>

namespace mailstead::mime {

namespace {

struct DateToken {
    enum class Type : quint8 { Number, Word, Zone, Colon };
    Type type = Type::Number;
    int value = 0;  // Number: value; Zone: offset in seconds
    int digits = 0; // Number
    QByteArrayView word;
};

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

QList<DateToken> tokenize(QByteArrayView value) {
    QList<DateToken> tokens;
    qsizetype i = 0;
    while (i < value.size() && tokens.size() < 32) {
        const char c = value[i];
        if (c == '(') { // comment, nested
            int depth = 0;
            for (; i < value.size(); ++i) {
                if (value[i] == '\\') {
                    ++i;
                } else if (value[i] == '(') {
                    ++depth;
                } else if (value[i] == ')' && --depth == 0) {
                    ++i;
                    break;
                }
            }
            continue;
        }
        DateToken token;
        if (isDigit(c) ||
            ((c == '+' || c == '-') && i + 1 < value.size() && isDigit(value[i + 1]))) {
            const bool zone = !isDigit(c);
            qsizetype j = zone ? i + 1 : i;
            const qsizetype start = j;
            while (j < value.size() && isDigit(value[j]))
                ++j;
            const qsizetype digits = j - start;
            if (digits > 9)
                return {};
            const int number = value.sliced(start, digits).toInt();
            if (zone) {
                if (digits != 4 || number % 100 > 59 || number / 100 > 23)
                    return {};
                token.type = DateToken::Type::Zone;
                token.value = (c == '-' ? -1 : 1) * ((number / 100) * 3600 + (number % 100) * 60);
            } else {
                token.value = number;
                token.digits = int(digits);
            }
            i = j;
        } else if (isAlpha(c)) {
            qsizetype j = i;
            while (j < value.size() && isAlpha(value[j]))
                ++j;
            token.type = DateToken::Type::Word;
            token.word = value.sliced(i, j - i);
            i = j;
        } else if (c == ':') {
            token.type = DateToken::Type::Colon;
            ++i;
        } else {
            ++i; // whitespace, ',', '.', junk
            continue;
        }
        tokens.append(token);
    }
    return tokens;
}

int monthNumber(QByteArrayView word) {
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    if (word.size() < 3)
        return 0;
    for (int m = 0; m < 12; ++m) {
        if (word.first(3).compare(QByteArrayView(months[m]), Qt::CaseInsensitive) == 0)
            return m + 1;
    }
    return 0;
}

// RFC 5322 section 4.3 zone names; military letters are -0000.
bool namedZone(QByteArrayView word, int *offset) {
    static const struct {
        const char *name;
        int hours;
    } zones[] = {{"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4},
                 {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    for (const auto &zone : zones) {
        if (word.compare(QByteArrayView(zone.name), Qt::CaseInsensitive) == 0) {
            *offset = zone.hours * 3600;
            return true;
        }
    }
    if (word.size() == 1) {
        *offset = 0;
        return true;
    }
    return false;
}

class DateReader {
public:
    explicit DateReader(const QList<DateToken> &tokens)
        : m_tokens(tokens) {}

    bool number(int *value, int *digits = nullptr) {
        if (m_at >= m_tokens.size() || m_tokens.at(m_at).type != DateToken::Type::Number)
            return false;
        *value = m_tokens.at(m_at).value;
        if (digits)
            *digits = m_tokens.at(m_at).digits;
        ++m_at;
        return true;
    }
    bool month(int *value) {
        if (m_at >= m_tokens.size() || m_tokens.at(m_at).type != DateToken::Type::Word)
            return false;
        *value = monthNumber(m_tokens.at(m_at).word);
        ++m_at;
        return *value != 0;
    }
    bool skipDayName() {
        if (m_at < m_tokens.size() && m_tokens.at(m_at).type == DateToken::Type::Word &&
            monthNumber(m_tokens.at(m_at).word) == 0) {
            ++m_at;
            return true;
        }
        return false;
    }
    bool peekMonth() const {
        return m_at < m_tokens.size() && m_tokens.at(m_at).type == DateToken::Type::Word &&
               monthNumber(m_tokens.at(m_at).word) != 0;
    }
    bool time(QTime *result) {
        int hour = 0;
        int minute = 0;
        int second = 0;
        if (!number(&hour) || !colon() || !number(&minute))
            return false;
        const qsizetype save = m_at;
        if (!colon() || !number(&second)) {
            m_at = save;
            second = 0;
        }
        if (hour > 23 || minute > 59 || second > 60)
            return false;
        *result = QTime(hour, minute, qMin(second, 59));
        return true;
    }
    // A zone when one follows; +0000 otherwise.
    int zone() {
        int offset = 0;
        if (m_at < m_tokens.size()) {
            const DateToken &token = m_tokens.at(m_at);
            if (token.type == DateToken::Type::Zone)
                offset = token.value;
            else if (token.type == DateToken::Type::Word)
                namedZone(token.word, &offset);
            else
                return 0;
            ++m_at;
        }
        return offset;
    }

private:
    bool colon() {
        if (m_at < m_tokens.size() && m_tokens.at(m_at).type == DateToken::Type::Colon) {
            ++m_at;
            return true;
        }
        return false;
    }

    const QList<DateToken> &m_tokens;
    qsizetype m_at = 0;
};

// RFC 5322 section 4.3: two digits 00-49 are 20xx, 50-99 19xx; three are +1900.
int fullYear(int year, int digits) {
    if (digits <= 2)
        return year < 50 ? 2000 + year : 1900 + year;
    if (digits == 3)
        return 1900 + year;
    return year;
}

} // namespace

QDateTime parseDateTime(QByteArrayView value) {
    const QList<DateToken> tokens = tokenize(value);
    DateReader reader(tokens);
    reader.skipDayName();
    int day = 0;
    int month = 0;
    int year = 0;
    int yearDigits = 0;
    QTime time;
    int offset = 0;
    if (reader.peekMonth()) {
        // asctime: "Mar 12 10:15:00 2024" (day name already skipped)
        if (!reader.month(&month) || !reader.number(&day) || !reader.time(&time) ||
            !reader.number(&year, &yearDigits))
            return {};
        offset = reader.zone();
    } else {
        if (!reader.number(&day) || !reader.month(&month) || !reader.number(&year, &yearDigits) ||
            !reader.time(&time))
            return {};
        offset = reader.zone();
    }
    const QDate date(fullYear(year, yearDigits), month, day);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::OffsetFromUTC, offset);
}

} // namespace mailstead::mime
