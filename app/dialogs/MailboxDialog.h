// MailboxDialog.h - add a mailbox, or edit a mailbox's name, quota and state
//
// Adding asks for the local part, the domain, a password (typed or
// generated, with a strength meter), the display name and the quota and
// saves with mailbox.add; editing saves with mailbox.update. Passwords are
// reset in ResetPasswordDialog.
#pragma once

#include "IpcEditDialog.h"

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace mailstead::app {

class PasswordField;

class MailboxDialog : public IpcEditDialog {
    Q_OBJECT
public:
    // Adds a mailbox in one of domains (A-label names), preselected first.
    MailboxDialog(ipc::IpcClient *client, const QStringList &domains, const QString &preselected,
                  QWidget *parent = nullptr);
    // Edits mailbox (a Mailbox object of mailbox.list).
    MailboxDialog(ipc::IpcClient *client, const QJsonObject &mailbox, QWidget *parent = nullptr);

    PasswordField *passwordField() const { return m_passwordField; }

protected:
    std::optional<Request> buildRequest() override;

private:
    void addCommonRows(const QJsonObject &mailbox);

    QString m_editedAddress; // empty when adding
    QLineEdit *m_localPartLineEdit = nullptr;
    QComboBox *m_domainComboBox = nullptr;
    QLineEdit *m_nameLineEdit = nullptr;
    PasswordField *m_passwordField = nullptr;
    QLineEdit *m_quotaLineEdit = nullptr;
    QCheckBox *m_activeCheckBox = nullptr;
};

} // namespace mailstead::app
