// ImapHeaderCache.cpp - two-generation cache of message header blocks
//
// RFC 9051 sections 2.3.1.1 and 7.5.2; see ImapHeaderCache.h.
//
// SECURITY: the bytes are untrusted mail, stored and handed back as they
// are; keys hold no peer input beyond UIDs the session resolved.
#include "ImapHeaderCache.h"

namespace mailstead::imap {

size_t qHash(const ImapHeaderCache::Key &key, size_t seed) noexcept {
    return qHashMulti(seed, key.mailbox, key.folder, key.uidValidity, key.uid);
}

ImapHeaderCache::ImapHeaderCache(qsizetype budgetBytes)
    : m_budget(budgetBytes) {}

quint64 ImapHeaderCache::mailboxId(const QString &mailboxDir) {
    std::lock_guard guard(m_mutex);
    const auto it = m_mailboxes.constFind(mailboxDir);
    if (it != m_mailboxes.cend())
        return *it;
    const quint64 id = quint64(m_mailboxes.size()) + 1;
    m_mailboxes.insert(mailboxDir, id);
    return id;
}

QByteArray ImapHeaderCache::find(const Key &key) {
    std::lock_guard guard(m_mutex);
    const auto current = m_current.constFind(key);
    if (current != m_current.cend())
        return *current;
    const auto previous = m_previous.find(key);
    if (previous == m_previous.end())
        return {};
    // Still in use: back into the current generation.
    const QByteArray header = *previous;
    m_previousBytes -= header.size();
    m_previous.erase(previous);
    insertLocked(key, header);
    return header;
}

void ImapHeaderCache::insert(const Key &key, const QByteArray &header) {
    if (header.size() > maxCachedHeaderBytes || header.size() > m_budget / 2)
        return;
    std::lock_guard guard(m_mutex);
    if (m_current.contains(key))
        return;
    insertLocked(key, header);
}

void ImapHeaderCache::insertLocked(const Key &key, const QByteArray &header) {
    if (m_currentBytes + header.size() > m_budget / 2) {
        m_previous = std::move(m_current);
        m_previousBytes = m_currentBytes;
        m_current = {};
        m_currentBytes = 0;
    }
    m_current.insert(key, header);
    m_currentBytes += header.size();
}

qsizetype ImapHeaderCache::bytes() const {
    std::lock_guard guard(m_mutex);
    return m_currentBytes + m_previousBytes;
}

} // namespace mailstead::imap
