// Address.h - mail address and domain validation shared by daemon, ctl and app
//
// Implements the syntax of RFC 5321 section 4.1.2 (Mailbox, Local-part,
// Dot-string, Quoted-string), RFC 6531 section 3.3 (UTF-8 local parts) and
// IDNA2008-style domain conversion (via QUrl's UTS #46 processing) with the
// length limits of RFC 5321 section 4.5.3.1.
//
// SECURITY: input is untrusted text from IPC clients and later from SMTP
// peers; every function is pure and total (no I/O, no exceptions).
#pragma once

#include <QString>

namespace mailstead {

// Named limits, RFC 5321 section 4.5.3.1.
inline constexpr int maxLocalPartOctets = 64;
inline constexpr int maxDomainOctets = 255;
inline constexpr int maxDomainLabelOctets = 63;
inline constexpr int maxPathOctets = 256; // "<" + address + ">"

struct DomainName {
    bool ok = false;
    QString ace;     // lower-case A-label form ("xn--bcher-kva.example"), what is stored
    QString unicode; // U-label form for display ("bücher.example")
    QString error;   // human message when !ok
};

// Validates and normalizes a domain given as U-labels or A-labels.
// Rejects address literals, single-label names are allowed only when
// allowSingleLabel is set (e.g. "localhost" for tests).
DomainName parseDomain(const QString &input, bool allowSingleLabel = false);

struct MailAddress {
    bool ok = false;
    QString localPart;   // as written, quotes removed and quoted-pairs resolved
    QString domain;      // ace form, lower case
    QString domainUnicode;
    bool utf8LocalPart = false; // needs SMTPUTF8 (RFC 6531)
    QString error;

    // "local@ace-domain"; the local part is re-quoted when it needs quotes.
    QString toString() const;
    // Same, with the domain in U-label form, for display.
    QString toDisplayString() const;
    // Key for case-insensitive lookup: local part folded to lower case.
    QString lookupKey() const;
};

// Parses "local@domain" (no angle brackets, no display name).
MailAddress parseAddress(const QString &input);

// Alias sources may also be "@domain" (catch-all). Returns ok with an empty
// localPart for a catch-all.
MailAddress parseAliasSource(const QString &input);

// Quotes a local part when it is not a valid Dot-string.
QString quoteLocalPartIfNeeded(const QString &localPart);

// Sizes like "10G", "512M", "2048", "1.5G", "0" (unlimited) in bytes,
// powers of 1024. Returns -1 on error.
qint64 parseByteSize(const QString &text);
QString formatByteSize(qint64 bytes);

} // namespace mailstead
