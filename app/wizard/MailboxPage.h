// MailboxPage.h - setup wizard page 6: the first mailbox
//
// An address in the new domain, a display name and a password: typed (the
// strength meter must show at least "fair") or generated. Next sends
// mailbox.add; the daemon's errors appear beside the address or password.
// The password goes to the daemon only; it is never written to the settings.
#pragma once

#include "dialogs/FieldErrors.h"
#include "SetupWizardPage.h"

class QLabel;
class QLineEdit;

namespace mailstead::app {

class PasswordField;

class MailboxPage : public SetupWizardPage {
    Q_OBJECT
public:
    explicit MailboxPage(SetupWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    QString errorFor(const QString &field) const { return m_fieldErrors.errorFor(field); }
    PasswordField *passwordField() const { return m_passwordField; }

private:
    QLineEdit *m_localPartLineEdit = nullptr;
    QLabel *m_domainLabel = nullptr;
    QLineEdit *m_nameLineEdit = nullptr;
    PasswordField *m_passwordField = nullptr;
    QLabel *m_generalErrorLabel = nullptr;
    FieldErrors m_fieldErrors;
};

} // namespace mailstead::app
