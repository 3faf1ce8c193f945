// MimeDate.h - the Date field as a point in time
//
// RFC 5322 section 3.3 (date-time), section 4.3 (obsolete: two- and
// three-digit years, named zones UT/GMT/EST..PDT, military zones read as
// -0000, CFWS between every token). Also accepted: a missing day-of-week
// comma or seconds, a missing zone (read as +0000), and the asctime order
// "Tue Mar 12 10:15:00 2024".
//
// For SEARCH SENTBEFORE/SENTON/SENTSINCE (RFC 9051 section 6.4.4) and
// sorting; ENVELOPE carries the field raw.
//
// SECURITY: input is an untrusted header value; one pass over a bounded
// token list, every number range-checked before use.
#pragma once

#include <QByteArrayView>
#include <QDateTime>

namespace mailstead::mime {

// The time with the zone offset as written; invalid when unreadable.
QDateTime parseDateTime(QByteArrayView value);

} // namespace mailstead::mime
