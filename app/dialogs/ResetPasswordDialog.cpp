// ResetPasswordDialog.cpp - a new password for a mailbox; see ResetPasswordDialog.h
#include "ResetPasswordDialog.h"

#include "widgets/PasswordField.h"

using namespace Qt::StringLiterals;

namespace mailstead::app {

ResetPasswordDialog::ResetPasswordDialog(ipc::IpcClient *client, const QString &address,
                                         const QString &shownAddress, QWidget *parent)
    : IpcEditDialog(client, parent)
    , m_address(address) {
    setObjectName(u"resetPasswordDialog"_s);
    setWindowTitle(tr("New password for %1").arg(shownAddress));
    m_passwordField = new PasswordField(this);
    addFieldRow(tr("New &password:"), m_passwordField, u"password"_s, u"password"_s);
    finishLayout(tr("&Set password"));
    m_passwordField->setFocus();
}

std::optional<IpcEditDialog::Request> ResetPasswordDialog::buildRequest() {
    if (m_passwordField->password().isEmpty()) {
        fieldErrors().showForField(u"password"_s, tr("Enter a password or generate one."));
        return std::nullopt;
    }
    return Request{u"mailbox.update"_s, QJsonObject{{u"address"_s, m_address},
                                                    {u"password"_s, m_passwordField->password()}}};
}

} // namespace mailstead::app
