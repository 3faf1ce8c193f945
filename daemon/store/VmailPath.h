// VmailPath.h - file system names for domains and mailbox owners
//
// Layout: <data_dir>/vmail/<domain>/<local>/ (DESIGN.md, Storage). Both names
// come from the network (RFC 5321 section 4.1.2, RFC 6531 for UTF-8 local
// parts), so they are encoded before they touch the file system:
//
// - domain: lower case; a U-label becomes its A-label (RFC 5890), so the
//   directory is what `dig` shows. Only [a-z0-9._-], no leading dot.
// - local part: NFC, then Unicode case folding (lookups are case-insensitive,
//   so "Alice" and "alice" are one directory), then every byte outside
//   [a-z0-9_+=-] and every '.' in first position becomes %XX (upper-case hex
//   of the UTF-8 byte). Plain names stay readable ("john.doe"); '/', quotes,
//   '%' and UTF-8 cannot escape or collide. Decoding is strict: only the
//   canonical encoding of some name decodes.
//
// SECURITY: inputs are untrusted envelope addresses; an encoded name never
// contains '/', never starts with '.', is never empty and fits NAME_MAX, so
// it cannot leave its parent directory or hit the store's own dot-entries
// (vmail/.spool, vmail/.removed).
#pragma once

#include <QString>

namespace mailstead::store {

// A mailbox owner in canonical form: domain as an A-label, local part folded.
struct MailboxKey {
    QString domain;
    QString localPart;

    bool isValid() const { return !domain.isEmpty() && !localPart.isEmpty(); }
    bool operator==(const MailboxKey &) const = default;
};

size_t qHash(const MailboxKey &key, size_t seed = 0) noexcept;

namespace VmailPath {

// Lower-case A-label, or an empty string when the name cannot be a domain.
QString normalizeDomain(const QString &domain);
// NFC + case folded, or empty when the local part is empty.
QString foldLocalPart(const QString &localPart);
// Directory name for a local part (folded first), or empty when invalid.
QString encodeLocalPart(const QString &localPart);
// The folded local part, or an empty string when `encoded` is not canonical.
QString decodeLocalPart(const QString &encoded);

// Canonical key, invalid (isValid() false) when either part is unusable.
MailboxKey key(const QString &domain, const QString &localPart);

// <vmail>/<domain>/<encoded local>; key must be valid.
QString mailboxDir(const QString &vmailDir, const MailboxKey &key);
QString domainDir(const QString &vmailDir, const QString &domain);

} // namespace VmailPath

} // namespace mailstead::store
