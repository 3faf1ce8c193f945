// PasswordHash.h - password hashing and verification through libxcrypt
//
// New hashes are yescrypt ("$y$"). Verification accepts every scheme
// libxcrypt knows, in particular those of Dovecot and mailcow: bcrypt
// ("$2y$", "$2b$", "$2a$"), SHA512-CRYPT ("$6$"), SHA256-CRYPT ("$5$"),
// yescrypt, optionally behind Dovecot's "{SCHEME}" prefix
// ({BLF-CRYPT}, {SHA512-CRYPT}, {SHA256-CRYPT}, {CRYPT}, {YESCRYPT}).
//
// SECURITY: passwords are untrusted input; comparison is done by crypt_r
// output compared in constant time. Hashing is CPU-heavy: callers on an I/O
// thread must hand it to the worker pool.
#pragma once

#include <QByteArray>
#include <QString>

namespace mailstead::core {

inline constexpr int minPasswordLength = 8;
inline constexpr int maxPasswordBytes = 511; // libxcrypt refuses longer phrases

namespace PasswordHash {

// Returns a yescrypt hash, or an empty string if hashing failed.
QString hash(const QString &password);

// True when password matches storedHash (any supported scheme, with or
// without a {SCHEME} prefix). False for malformed or unknown hashes.
bool verify(const QString &password, const QString &storedHash);

// Strips a known {SCHEME} prefix and checks that the rest is a crypt hash
// libxcrypt can verify. Returns the normalized hash (prefix removed) or an
// empty string with *error set.
QString normalizeImported(const QString &storedHash, QString *error);

// "yescrypt", "bcrypt", "sha512-crypt", "sha256-crypt", or "unknown".
QString schemeName(const QString &storedHash);

// Why a new password is refused, or empty when acceptable.
QString checkNewPassword(const QString &password);

} // namespace PasswordHash
} // namespace mailstead::core
