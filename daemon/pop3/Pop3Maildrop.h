// Pop3Maildrop.h - the maildrop a POP3 session sees: the INBOX as it was at
// login, numbered 1..n, with the session's deletion marks
//
// RFC 1939 section 5 (TRANSACTION state: message numbers are fixed for the
// session, a message marked deleted is not counted by STAT or listed by
// LIST/UIDL, RSET unmarks them all), section 7 (UIDL: a unique-id of 1 to
// 70 characters in 0x21..0x7E that never changes for a message and is
// never reused in the maildrop). The unique-id is "<UIDVALIDITY>.<UID>" of
// the IMAP INBOX: both are kept by the index for as long as the message
// exists, and a new UIDVALIDITY (a rebuilt folder) changes every id, so a
// client downloads again rather than missing mail. Sizes are the message's
// size with CRLF line ends (the index's virtual size), what RETR sends
// before dot-stuffing.
//
// SECURITY: message numbers come from the authenticated peer; every lookup
// is range checked. No I/O here.
#pragma once

#include "store/StoreTypes.h"

#include <QByteArray>
#include <QList>

namespace mailstead::pop3 {

class Pop3Maildrop {
public:
    enum class Lookup : quint8 { Found, NoSuchMessage, Deleted };

    Pop3Maildrop() = default;
    Pop3Maildrop(const store::FolderInfo &inbox, const QList<store::MessageInfo> &messages);

    const store::FolderInfo &folder() const { return m_folder; }
    // Messages in the snapshot, deleted ones included: numbers are 1..size().
    qsizetype size() const { return m_messages.size(); }
    // STAT: the messages not marked deleted, and their octets.
    qsizetype visibleCount() const;
    qint64 visibleOctets() const;

    Lookup lookup(qint64 number) const;
    // Valid for Found and Deleted numbers.
    const store::MessageInfo &message(qint64 number) const;
    bool isDeleted(qint64 number) const;
    QByteArray uniqueId(qint64 number) const;

    // DELE and RSET.
    void markDeleted(qint64 number);
    void undeleteAll();
    // RETR: the message gets \Seen at the end of the session.
    void markRetrieved(qint64 number);

    // For the UPDATE state: UIDs to expunge, and UIDs to flag \Seen
    // (retrieved, not deleted, not yet seen).
    QList<quint32> deletedUids() const;
    QList<quint32> newlySeenUids() const;

private:
    struct Entry {
        store::MessageInfo info;
        bool deleted = false;
        bool retrieved = false;
    };

    store::FolderInfo m_folder;
    QList<Entry> m_messages;
};

} // namespace mailstead::pop3
