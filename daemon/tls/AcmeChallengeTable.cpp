// AcmeChallengeTable.cpp - see AcmeChallengeTable.h
//
// RFC 8555 sections 8.1 (key authorizations) and 8.3 (HTTP-01).
//
// SECURITY: tokens are validated before every use; see the header.
#include "AcmeChallengeTable.h"

namespace mailstead::tls {

bool AcmeChallengeTable::isValidToken(QStringView token) {
    if (token.isEmpty() || token.size() > maxTokenLength)
        return false;
    for (const QChar c : token) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') ||
                        (u >= u'0' && u <= u'9') || u == u'-' || u == u'_';
        if (!ok)
            return false;
    }
    return true;
}

bool AcmeChallengeTable::put(const QString &token, const QByteArray &keyAuthorization) {
    if (!isValidToken(token))
        return false;
    QMutexLocker locker(&m_mutex);
    if (!m_entries.contains(token) && m_entries.size() >= maxEntries)
        return false;
    m_entries.insert(token, keyAuthorization);
    return true;
}

void AcmeChallengeTable::remove(const QString &token) {
    QMutexLocker locker(&m_mutex);
    m_entries.remove(token);
}

std::optional<QByteArray> AcmeChallengeTable::lookup(QStringView token) const {
    if (!isValidToken(token))
        return std::nullopt;
    QMutexLocker locker(&m_mutex);
    const auto found = m_entries.constFind(token.toString());
    if (found == m_entries.constEnd())
        return std::nullopt;
    return *found;
}

qsizetype AcmeChallengeTable::size() const {
    QMutexLocker locker(&m_mutex);
    return m_entries.size();
}

} // namespace mailstead::tls
