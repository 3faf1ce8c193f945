// SetupWizardPage.cpp - shared behaviour of the wizard pages; see SetupWizardPage.h
#include "SetupWizardPage.h"

#include "ipc/IpcClient.h"
#include "SetupWizard.h"
#include "supervision/DaemonConnection.h"

#include <QPointer>

namespace mailstead::app {

SetupWizardPage::SetupWizardPage(SetupWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard) {}

ipc::IpcClient *SetupWizardPage::client() const {
    return m_wizard->connection()->client();
}

WizardProgress &SetupWizardPage::progress() const {
    return m_wizard->progress();
}

bool SetupWizardPage::commitThenNext(const QString &key, const QString &method,
                                     const QJsonObject &params,
                                     std::function<bool(const ipc::Reply &)> handle) {
    if (!m_committedKey.isEmpty() && key == m_committedKey)
        return true;
    if (m_busy)
        return false;
    m_busy = true;
    Q_EMIT completeChanged();
    QPointer<SetupWizardPage> self(this);
    client()->call(method, params, [self, key, handle](const ipc::Reply &reply) {
        if (!self)
            return;
        self->m_busy = false;
        Q_EMIT self->completeChanged();
        if (!handle(reply))
            return;
        self->m_committedKey = key;
        if (self->wizard()->currentPage() == self)
            self->wizard()->next();
    });
    return false;
}

} // namespace mailstead::app
