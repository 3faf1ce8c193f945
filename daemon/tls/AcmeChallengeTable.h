// AcmeChallengeTable.h - the pending ACME HTTP-01 challenges
//
// RFC 8555 section 8.3: for each HTTP-01 challenge the ACME client puts the
// token and its key authorization here; the HTTP endpoints answer
// GET /.well-known/acme-challenge/<token> with the key authorization until
// the client removes it. Written by the ACME client's thread, read by the
// HTTP thread: every method takes a lock.
//
// SECURITY: lookup() gets the token straight from an unauthenticated URL;
// only base64url tokens (RFC 8555 section 8.1, at most maxTokenLength
// characters) are ever stored or looked up, so the table cannot be used to
// probe anything but the exact tokens the client published.
#pragma once

#include <optional>
#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

namespace mailstead::tls {

class AcmeChallengeTable {
public:
    // Let's Encrypt's tokens are 43 characters (32 random octets); anything
    // much longer is not a token.
    static constexpr qsizetype maxTokenLength = 256;
    // A client with more open challenges than this is misbehaving.
    static constexpr qsizetype maxEntries = 1000;

    // True for a non-empty base64url string (RFC 4648 section 5, no '=')
    // of at most maxTokenLength characters.
    static bool isValidToken(QStringView token);

    // Stores (or replaces) the key authorization of token; false when the
    // token is not valid or the table is full.
    bool put(const QString &token, const QByteArray &keyAuthorization);
    void remove(const QString &token);
    std::optional<QByteArray> lookup(QStringView token) const;
    qsizetype size() const;

private:
    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_entries;
};

} // namespace mailstead::tls
