// ResetPasswordDialog.h - give a mailbox a new password
//
// Typed or generated (PasswordField), saved with mailbox.update
// {address, password}; the daemon hashes it and checks its length.
#pragma once

#include "IpcEditDialog.h"

namespace mailstead::app {

class PasswordField;

class ResetPasswordDialog : public IpcEditDialog {
    Q_OBJECT
public:
    // address: as stored; shownAddress: for the title (Unicode domain).
    ResetPasswordDialog(ipc::IpcClient *client, const QString &address, const QString &shownAddress,
                        QWidget *parent = nullptr);

    PasswordField *passwordField() const { return m_passwordField; }

protected:
    std::optional<Request> buildRequest() override;

private:
    QString m_address;
    PasswordField *m_passwordField = nullptr;
};

} // namespace mailstead::app
