// DnsLimits.h - the named limits of the DNS module, in one place
//
// Wire limits come from RFC 1035 section 2.3.4 (255 octets a name, 63 a
// label, 255 a character-string) and section 4.1.4 (compression pointers).
// The resolver limits bound what one slow or hostile name server can make
// the daemon hold; mailsteadd.conf's [dns] section can change the defaults.
//
// SECURITY: record data comes from whatever name server answers; these
// numbers bound the work and memory one answer can cost.
#pragma once

#include <QtGlobal>

namespace mailstead::dns {

// RFC 1035 section 2.3.4.
inline constexpr qsizetype maxNameOctets = 255;
inline constexpr qsizetype maxLabelOctets = 63;
inline constexpr qsizetype maxCharacterStringOctets = 255;
// Every pointer must lead somewhere new; a name of 255 octets has at most
// 127 labels, so more jumps than that can only be a loop.
inline constexpr int maxCompressionPointers = 127;

// Resolver defaults ([dns] timeout, max_answers, max_concurrent_queries).
inline constexpr int defaultQueryTimeoutSeconds = 8;
// Records parsed from one answer; the rest are dropped and the answer is
// marked truncated. 64 covers any sane MX, TXT or PTR set.
inline constexpr int defaultMaxAnswers = 64;
// Queries in flight at once; more wait in a queue of maxWaitingQueries,
// and beyond that fail at once with "resolver busy".
inline constexpr int defaultMaxConcurrentQueries = 256;
inline constexpr int maxWaitingQueries = 4096;

} // namespace mailstead::dns
