// ImapHeaderCache.h - the header blocks of messages recently fetched for
// their headers, shared by every IMAP session of the process
//
// Mail clients build their message lists with FETCH of header fields
// (BODY.PEEK[HEADER.FIELDS (...)], ENVELOPE), and fetch them again on every
// resync. Reading the file for each message costs an open, a read and a
// close; Dovecot answers from its cache file instead. This cache keeps the
// message's own header block (RFC 5322 section 2.1: up to and including
// the blank line) in memory, so a repeated header fetch touches no file.
// ENVELOPE itself comes from the index row when its cached column is
// filled (ImapFetchResponder.h); this cache computes it only for older rows.
//
// Correctness: a UID names one message, whose content never changes, for
// as long as the folder's UIDVALIDITY stays (RFC 9051 section 2.3.1.1).
// The key is (mailbox, folder id, UIDVALIDITY, UID), so a folder deleted
// and created again (new UIDVALIDITY) never sees an old entry. Entries of
// expunged messages are never asked for again by a new session; a session
// that still shows one may answer from here, which RFC 9051 section 7.5.2
// allows (a server may return data for a message expunged meanwhile).
// Mailboxes are told apart by an id handed out per mailbox directory, not
// by a hash of its path, so one user can never see another's headers.
//
// Memory: at most headerCacheBytes of header bytes in all, each entry at
// most maxCachedHeaderBytes. Two generations give an approximate LRU:
// inserts go to the current one; when it holds half the budget it becomes
// the previous one (the older previous one is dropped); a hit in the
// previous generation moves the entry back to the current one.
// Thread safe (one mutex; I/O threads take it once per message).
#pragma once

#include <mutex>
#include <QByteArray>
#include <QHash>
#include <QString>

namespace mailstead::imap {

// Header bytes kept in all (both generations together).
inline constexpr qsizetype headerCacheBytes = 32 * 1024 * 1024;
// A larger header block is read from the file every time.
inline constexpr qsizetype maxCachedHeaderBytes = 16 * 1024;

class ImapHeaderCache {
public:
    struct Key {
        quint64 mailbox = 0;
        qint64 folder = 0;
        quint32 uidValidity = 0;
        quint32 uid = 0;
        friend bool operator==(const Key &, const Key &) = default;
    };

    explicit ImapHeaderCache(qsizetype budgetBytes = headerCacheBytes);

    // The id of a mailbox directory, the same for every session of it.
    quint64 mailboxId(const QString &mailboxDir);
    // The cached header block, or a null QByteArray.
    QByteArray find(const Key &key);
    // Keeps `header` unless it is larger than maxCachedHeaderBytes.
    void insert(const Key &key, const QByteArray &header);
    qsizetype bytes() const;

private:
    void insertLocked(const Key &key, const QByteArray &header);

    const qsizetype m_budget;
    mutable std::mutex m_mutex;
    QHash<QString, quint64> m_mailboxes;
    QHash<Key, QByteArray> m_current;
    QHash<Key, QByteArray> m_previous;
    qsizetype m_currentBytes = 0;
    qsizetype m_previousBytes = 0;
};

size_t qHash(const ImapHeaderCache::Key &key, size_t seed = 0) noexcept;

} // namespace mailstead::imap
