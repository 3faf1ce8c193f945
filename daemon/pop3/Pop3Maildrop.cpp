// Pop3Maildrop.cpp - numbering, deletion marks and unique-ids of a session
//
// RFC 1939 sections 5 and 7; see Pop3Maildrop.h.
//
// SECURITY: message numbers are range checked before any use.
#include "Pop3Maildrop.h"

namespace mailstead::pop3 {

Pop3Maildrop::Pop3Maildrop(const store::FolderInfo &inbox,
                           const QList<store::MessageInfo> &messages)
    : m_folder(inbox) {
    m_messages.reserve(messages.size());
    for (const store::MessageInfo &info : messages)
        m_messages.append(Entry{info, false, false});
}

qsizetype Pop3Maildrop::visibleCount() const {
    qsizetype count = 0;
    for (const Entry &entry : m_messages)
        count += entry.deleted ? 0 : 1;
    return count;
}

qint64 Pop3Maildrop::visibleOctets() const {
    qint64 octets = 0;
    for (const Entry &entry : m_messages)
        octets += entry.deleted ? 0 : entry.info.virtualSize;
    return octets;
}

Pop3Maildrop::Lookup Pop3Maildrop::lookup(qint64 number) const {
    if (number < 1 || number > m_messages.size())
        return Lookup::NoSuchMessage;
    return m_messages.at(number - 1).deleted ? Lookup::Deleted : Lookup::Found;
}

const store::MessageInfo &Pop3Maildrop::message(qint64 number) const {
    return m_messages.at(number - 1).info;
}

bool Pop3Maildrop::isDeleted(qint64 number) const {
    return m_messages.at(number - 1).deleted;
}

QByteArray Pop3Maildrop::uniqueId(qint64 number) const {
    return QByteArray::number(m_folder.uidValidity) + '.' +
           QByteArray::number(m_messages.at(number - 1).info.uid);
}

void Pop3Maildrop::markDeleted(qint64 number) {
    m_messages[number - 1].deleted = true;
}

void Pop3Maildrop::undeleteAll() {
    for (Entry &entry : m_messages)
        entry.deleted = false;
}

void Pop3Maildrop::markRetrieved(qint64 number) {
    m_messages[number - 1].retrieved = true;
}

QList<quint32> Pop3Maildrop::deletedUids() const {
    QList<quint32> uids;
    for (const Entry &entry : m_messages) {
        if (entry.deleted)
            uids.append(entry.info.uid);
    }
    return uids;
}

QList<quint32> Pop3Maildrop::newlySeenUids() const {
    QList<quint32> uids;
    for (const Entry &entry : m_messages) {
        if (entry.retrieved && !entry.deleted &&
            !entry.info.flags.testFlag(store::MessageFlag::Seen))
            uids.append(entry.info.uid);
    }
    return uids;
}

} // namespace mailstead::pop3
