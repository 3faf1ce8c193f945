// ImapDateTime.h - IMAP date and date-time: parsing and formatting
//
// RFC 9051 section 9 (date = date-text / DQUOTE date-text DQUOTE,
// date-text = date-day "-" date-month "-" date-year; date-time = DQUOTE
// date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE), used
// by SEARCH (BEFORE, ON, SINCE, SENT*), APPEND and INTERNALDATE.
//
// Tolerance: month names in any case (RFC 9051 section 9 says ABNF strings
// are case-insensitive); in a date-time a one-digit day without its leading
// space, as some clients send. Strict: calendar validity (no 31-Feb), hours
// 0-23, minutes and seconds 0-59 (a leap second 60 becomes 59), zone minutes
// 0-59.
//
// SECURITY: input is peer text of bounded, tiny length; pure functions.
#pragma once

#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QDateTime>

namespace mailstead::imap {

// "1-Feb-1994" (date-text, without quotes).
std::optional<QDate> parseImapDate(QByteArrayView text);
// "17-Jul-1996 02:44:25 -0700" (the inside of the quotes); the result
// carries the zone as a fixed UTC offset.
std::optional<QDateTime> parseImapDateTime(QByteArrayView text);

// "1-Feb-1994"
QByteArray formatImapDate(QDate date);
// " 7-Jul-1996 02:44:25 -0700" (date-day-fixed; without quotes), in the
// offset the value carries (UTC for a UTC or local value converted to UTC).
QByteArray formatImapDateTime(const QDateTime &dateTime);

} // namespace mailstead::imap
