// DkimSignerTable.h - the signers of every domain with a DKIM key, shared
// between the thread that manages keys and the threads that sign
//
// The key store (DkimKeyStore.h) lives in the main thread with config.db;
// the outbound queue signs in its own thread and on a worker pool. The main
// thread builds a complete table (DkimKeyStore::signingTable()) at start
// and after every key change and swaps it in here; signers look up a
// domain and keep the shared signer for as long as they sign with it, so
// a swap never pulls a key from under a signature in progress.
//
// Thread safe: replace() and find() may run in any thread.
//
// SECURITY: holds private keys in memory (as the signer needs them); the
// table is never serialized or logged.
#pragma once

#include "DkimSigner.h"

#include <memory>
#include <QHash>
#include <QMutex>
#include <QString>

namespace mailstead::dkim {

using DkimSigners = QHash<QString, std::shared_ptr<const DkimSigner>>; // by A-label

class DkimSignerTable {
public:
    void replace(DkimSigners signers);
    // domain: an A-label, any case. Null when the domain has no key.
    std::shared_ptr<const DkimSigner> find(const QString &domain) const;
    qsizetype size() const;

private:
    mutable QMutex m_mutex;
    DkimSigners m_signers;
};

} // namespace mailstead::dkim
