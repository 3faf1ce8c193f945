// DomainPage.h - setup wizard page 3: the first mail domain
//
// The domain that addresses end in (example.com for alice@example.com).
// Next sends domain.add; the daemon's error (invalid name, already there)
// appears beside the field. A domain this wizard added before (also in an
// earlier run) is not added again.
#pragma once

#include "dialogs/FieldErrors.h"
#include "SetupWizardPage.h"

class QLabel;
class QLineEdit;

namespace mailstead::app {

class DomainPage : public SetupWizardPage {
    Q_OBJECT
public:
    explicit DomainPage(SetupWizard *wizard);

    bool isComplete() const override;
    bool validatePage() override;
    QString errorFor(const QString &field) const { return m_fieldErrors.errorFor(field); }

private:
    QLineEdit *m_domainLineEdit = nullptr;
    QLabel *m_generalErrorLabel = nullptr;
    FieldErrors m_fieldErrors;
};

} // namespace mailstead::app
