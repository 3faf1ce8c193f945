// DkimSignerTable.cpp - a mutex-guarded map of shared signers
//
// See DkimSignerTable.h.
#include "DkimSignerTable.h"

#include <QMutexLocker>

namespace mailstead::dkim {

void DkimSignerTable::replace(DkimSigners signers) {
    QMutexLocker lock(&m_mutex);
    m_signers.swap(signers);
    // The old signers go with the parameter, after the lock is released.
}

std::shared_ptr<const DkimSigner> DkimSignerTable::find(const QString &domain) const {
    QMutexLocker lock(&m_mutex);
    return m_signers.value(domain.toLower());
}

qsizetype DkimSignerTable::size() const {
    QMutexLocker lock(&m_mutex);
    return m_signers.size();
}

} // namespace mailstead::dkim
