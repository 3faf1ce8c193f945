// ImapSelectedMailbox.h - what a session knows of its selected folder:
// sequence numbers and UIDs, each message's flags and mod-sequence as last
// announced, and the changes the client has not been told yet
//
// RFC 9051 section 2.3.1.2 (sequence numbers: 1..n in UID order, shifting
// down on every EXPUNGE), section 5.2 (the server tells the client of
// changes with untagged EXISTS, EXPUNGE and FETCH), section 7.5.1 / 7.4.1
// (EXISTS, EXPUNGE) and section 5.5 / 7.5.1 (an EXPUNGE must not be sent
// while a FETCH, STORE or SEARCH (not UID ...) runs, nor when no command
// is in progress: the client would misnumber; such expunges wait, the
// message keeps its sequence number, and EXISTS never shrinks without
// them), RFC 7162 section 3.1.4 and 3.2.10 (MODSEQ in unsolicited FETCH
// once CONDSTORE is on; VANISHED instead of EXPUNGE after ENABLE QRESYNC,
// and UID in every unsolicited FETCH).
//
// Pure: it takes what the session read from the store (MailboxReader:
// changedSince and expungedSince over one snapshot) and gives back the
// response text; no I/O, so every rule is unit-testable.
//
// SECURITY: no peer input; sequence sets are resolved against it only
// after the parser and ImapSequenceSet have bounded them.
#pragma once

#include "ImapSequenceSet.h"
#include "store/StoreTypes.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QStringList>

namespace mailstead::imap {

struct ImapUpdateOptions {
    bool allowExpunge = true; // false during FETCH, STORE, SEARCH (not UID)
    bool condstore = false;   // MODSEQ (and UID) in flag FETCHes
    bool qresync = false;     // VANISHED instead of EXPUNGE, UID in FETCH
    bool imap4rev2 = false;   // no RECENT
};

class ImapSelectedMailbox {
public:
    void open(const store::FolderInfo &folder, QList<store::MessageInfo> messages,
              const QStringList &keywords, bool readOnly);
    void close();
    bool isOpen() const { return m_open; }

    const store::FolderInfo &folder() const { return m_folder; }
    bool readOnly() const { return m_readOnly; }
    // Index = sequence number - 1; includes expunged messages the client
    // has not been told about yet.
    const QList<store::MessageInfo> &messages() const { return m_messages; }
    qsizetype count() const { return m_messages.size(); }
    // The mod-sequence up to which the store's changes are known.
    quint64 highestModSeq() const { return m_folder.highestModSeq; }
    QStringList keywords() const { return m_keywords; }

    // -1 when the UID is not (or no longer) in the list.
    qsizetype indexOfUid(quint32 uid) const;
    bool isExpunged(qsizetype index) const;
    quint32 largestUid() const;

    // Indices (ascending) of the messages a set names; "$" is savedUids.
    // False with a BAD reason for a sequence number out of range.
    bool resolve(const ImapSequenceSet &set, bool uid, const QList<quint32> &savedUids,
                 QList<qsizetype> *indices, QByteArray *error) const;

    // The store's changes over one snapshot: `folder` as now, the messages
    // with a mod-sequence above highestModSeq() (new ones included), the
    // UIDs expunged since. Flag changes whose mod-sequence the session
    // already knows (its own STORE) are not announced again.
    void apply(const store::FolderInfo &folder, const QList<store::MessageInfo> &changed,
               const QList<store::ExpungedInfo> &expunged);
    // The session's own change (STORE, implicit \Seen), already answered.
    void updateMessage(const store::MessageInfo &info);
    // After the session's own flag update (every change given to
    // updateMessage): when the store was at the mod-sequence the session
    // knew, all up to `update.modSeqAfter` are that update's, so they are
    // known now and the next refresh does not read them back.
    void adoptOwnUpdate(const store::FlagUpdate &update);
    // Expunges the client has not been told of yet.
    bool hasPendingExpunges() const { return !m_pendingExpunges.isEmpty(); }

    // Untagged responses for everything not yet announced, in the order
    // RFC 9051 section 7.5.1 allows: FLAGS (new keywords), FETCH of known
    // messages, EXPUNGE / VANISHED (when allowed), EXISTS (and RECENT for
    // IMAP4rev1). Afterwards the client's view equals this object's.
    QByteArray takeUpdates(const ImapUpdateOptions &options);
    // Forgets pending expunges without a response (CLOSE).
    void dropExpunged();

    // "* FLAGS (...)" and "* OK [PERMANENTFLAGS (...)]" for SELECT and for
    // new keywords.
    QByteArray flagsResponses() const;

private:
    bool m_open = false;
    bool m_readOnly = false;
    store::FolderInfo m_folder;
    QList<store::MessageInfo> m_messages;
    QList<bool> m_expunged; // parallel to m_messages
    QSet<quint32> m_pendingExpunges;
    QSet<quint32> m_flagChanges; // UIDs whose FLAGS the client has not seen
    QStringList m_keywords;      // as last announced in FLAGS
    bool m_keywordsChanged = false;
    qsizetype m_announced = 0; // EXISTS as the client knows it
};

} // namespace mailstead::imap
