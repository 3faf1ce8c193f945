// ImapSelectedMailbox.cpp - sequence numbers, pending changes and the
// untagged responses that announce them
//
// RFC 9051 sections 2.3.1.2, 5.2, 5.5, 7.5.1; RFC 7162 sections 3.1.4 and
// 3.2.10; see ImapSelectedMailbox.h.
//
// SECURITY: no peer input beyond parsed, bounded sequence sets.
#include "ImapSelectedMailbox.h"

#include "ImapFlags.h"
#include "ImapResponse.h"
#include "ImapResponseFormat.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

bool sameFlags(const store::MessageInfo &a, const store::MessageInfo &b) {
    if (a.flags != b.flags)
        return false;
    QStringList left = a.keywords;
    QStringList right = b.keywords;
    left.sort();
    right.sort();
    return left == right;
}

} // namespace

void ImapSelectedMailbox::open(const store::FolderInfo &folder, QList<store::MessageInfo> messages,
                               const QStringList &keywords, bool readOnly) {
    m_open = true;
    m_readOnly = readOnly;
    m_folder = folder;
    m_messages = std::move(messages);
    m_expunged = QList<bool>(m_messages.size(), false);
    m_pendingExpunges.clear();
    m_flagChanges.clear();
    m_keywords = keywords;
    m_keywordsChanged = false;
    m_announced = m_messages.size();
}

void ImapSelectedMailbox::close() {
    *this = ImapSelectedMailbox();
}

qsizetype ImapSelectedMailbox::indexOfUid(quint32 uid) const {
    const auto it = std::lower_bound(
        m_messages.cbegin(), m_messages.cend(), uid,
        [](const store::MessageInfo &message, quint32 value) { return message.uid < value; });
    if (it == m_messages.cend() || it->uid != uid)
        return -1;
    return it - m_messages.cbegin();
}

bool ImapSelectedMailbox::isExpunged(qsizetype index) const {
    return index >= 0 && index < m_expunged.size() && m_expunged.at(index);
}

quint32 ImapSelectedMailbox::largestUid() const {
    return m_messages.isEmpty() ? 0 : m_messages.constLast().uid;
}

bool ImapSelectedMailbox::resolve(const ImapSequenceSet &set, bool uid,
                                  const QList<quint32> &savedUids, QList<qsizetype> *indices,
                                  QByteArray *error) const {
    indices->clear();
    if (!uid) {
        QList<quint32> savedNumbers;
        for (const quint32 saved : savedUids) {
            const qsizetype index = indexOfUid(saved);
            if (index >= 0)
                savedNumbers.append(quint32(index + 1));
        }
        const ImapSequenceResolution resolution =
            resolveSequenceSet(set, quint32(m_messages.size()), ImapNumberKind::SequenceNumber,
                               sequenceSetFromValues(savedNumbers));
        if (!resolution.ok()) {
            *error = resolution.error;
            return false;
        }
        for (const ImapSequenceRange &range : resolution.set.ranges) {
            for (quint64 n = range.first; n <= range.last; ++n)
                indices->append(qsizetype(n - 1));
        }
        return true;
    }
    const ImapSequenceResolution resolution = resolveSequenceSet(
        set, largestUid(), ImapNumberKind::Uid, sequenceSetFromValues(savedUids));
    if (!resolution.ok()) {
        *error = resolution.error;
        return false;
    }
    for (const ImapSequenceRange &range : resolution.set.ranges) {
        auto it = std::lower_bound(
            m_messages.cbegin(), m_messages.cend(), range.first,
            [](const store::MessageInfo &message, quint32 value) { return message.uid < value; });
        for (; it != m_messages.cend() && it->uid <= range.last; ++it)
            indices->append(it - m_messages.cbegin());
    }
    return true;
}

void ImapSelectedMailbox::apply(const store::FolderInfo &folder,
                                const QList<store::MessageInfo> &changed,
                                const QList<store::ExpungedInfo> &expunged) {
    if (!m_open)
        return;
    m_folder = folder;
    for (const store::ExpungedInfo &gone : expunged) {
        const qsizetype index = indexOfUid(gone.uid);
        if (index < 0 || m_expunged.at(index))
            continue;
        m_expunged[index] = true;
        m_pendingExpunges.insert(gone.uid);
        m_flagChanges.remove(gone.uid);
    }
    for (const store::MessageInfo &message : changed) {
        for (const QString &keyword : message.keywords) {
            if (!m_keywords.contains(keyword)) {
                m_keywords.append(keyword);
                m_keywordsChanged = true;
            }
        }
        const qsizetype index = indexOfUid(message.uid);
        if (index < 0) {
            if (message.uid > largestUid()) {
                m_messages.append(message);
                m_expunged.append(false);
            }
            continue;
        }
        if (m_expunged.at(index) || m_messages.at(index).modSeq == message.modSeq)
            continue;
        const bool flagsDiffer = !sameFlags(m_messages.at(index), message);
        m_messages[index] = message;
        if (flagsDiffer)
            m_flagChanges.insert(message.uid);
    }
}

void ImapSelectedMailbox::updateMessage(const store::MessageInfo &info) {
    const qsizetype index = indexOfUid(info.uid);
    if (index < 0 || m_expunged.at(index))
        return;
    for (const QString &keyword : info.keywords) {
        if (!m_keywords.contains(keyword)) {
            m_keywords.append(keyword);
            m_keywordsChanged = true;
        }
    }
    m_messages[index] = info;
    m_flagChanges.remove(info.uid);
}

void ImapSelectedMailbox::adoptOwnUpdate(const store::FlagUpdate &update) {
    if (m_open && update.modSeqBefore == m_folder.highestModSeq)
        m_folder.highestModSeq = std::max(m_folder.highestModSeq, update.modSeqAfter);
}

void ImapSelectedMailbox::dropExpunged() {
    for (qsizetype i = m_messages.size() - 1; i >= 0; --i) {
        if (!m_expunged.at(i))
            continue;
        m_messages.removeAt(i);
        m_expunged.removeAt(i);
        if (i < m_announced)
            --m_announced;
    }
    m_pendingExpunges.clear();
}

QByteArray ImapSelectedMailbox::flagsResponses() const {
    QByteArrayList permanent = imapPermanentFlags(m_keywords);
    QByteArrayList flags = permanent;
    flags.removeAll("\\*"_ba);
    QByteArray out = "* FLAGS "_ba + imapFlagList(flags) + "\r\n"_ba;
    if (m_readOnly)
        permanent.clear();
    out += ImapStatusResponse::ok(m_readOnly ? "No permanent flags in a read-only mailbox"_ba
                                             : "Flags allowed"_ba,
                                  responsecode::permanentFlags(permanent))
               .toWire();
    return out;
}

QByteArray ImapSelectedMailbox::takeUpdates(const ImapUpdateOptions &options) {
    QByteArray out;
    if (!m_open)
        return out;
    if (m_keywordsChanged) {
        out += flagsResponses();
        m_keywordsChanged = false;
    }

    // FETCH for messages the client knows, with their current numbers.
    QList<qsizetype> changed;
    for (const quint32 uid : std::as_const(m_flagChanges)) {
        const qsizetype index = indexOfUid(uid);
        if (index >= 0 && index < m_announced && !m_expunged.at(index))
            changed.append(index);
    }
    m_flagChanges.clear();
    std::sort(changed.begin(), changed.end());
    for (const qsizetype index : std::as_const(changed)) {
        const store::MessageInfo &message = m_messages.at(index);
        out += "* "_ba + QByteArray::number(index + 1) + " FETCH (FLAGS "_ba +
               imapFlagList(message.flags, message.keywords);
        if (options.condstore || options.qresync)
            out += " UID "_ba + QByteArray::number(message.uid);
        if (options.condstore || options.qresync)
            out += " MODSEQ ("_ba + QByteArray::number(message.modSeq) + ')';
        out += ")\r\n"_ba;
    }

    // Messages that came and went before the client heard of them leave
    // without a word: no announced number changes.
    for (qsizetype i = m_messages.size() - 1; i >= m_announced; --i) {
        if (m_expunged.at(i)) {
            m_pendingExpunges.remove(m_messages.at(i).uid);
            m_messages.removeAt(i);
            m_expunged.removeAt(i);
        }
    }

    if (options.allowExpunge && !m_pendingExpunges.isEmpty()) {
        QList<quint32> vanished;
        for (qsizetype i = m_announced - 1; i >= 0; --i) {
            if (!m_expunged.at(i))
                continue;
            if (options.qresync)
                vanished.append(m_messages.at(i).uid);
            else
                out += "* "_ba + QByteArray::number(i + 1) + " EXPUNGE\r\n"_ba;
            m_messages.removeAt(i);
            m_expunged.removeAt(i);
            --m_announced;
        }
        if (!vanished.isEmpty())
            out +=
                "* VANISHED "_ba + formatSequenceSet(sequenceSetFromValues(vanished)) + "\r\n"_ba;
        m_pendingExpunges.clear();
    }

    if (m_messages.size() != m_announced) {
        out += "* "_ba + QByteArray::number(m_messages.size()) + " EXISTS\r\n"_ba;
        if (!options.imap4rev2)
            out += "* 0 RECENT\r\n"_ba;
        m_announced = m_messages.size();
    }
    return out;
}

} // namespace mailstead::imap
