// DomainDialog.h - add a domain, or edit a domain's description, quota and limits
//
// Saves with domain.add or domain.update (docs/ipc.md); the name can only be
// chosen when adding. Quota and limits of 0 mean unlimited.
#pragma once

#include "IpcEditDialog.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace mailstead::app {

class DomainDialog : public IpcEditDialog {
    Q_OBJECT
public:
    // Adds a new domain.
    explicit DomainDialog(ipc::IpcClient *client, QWidget *parent = nullptr);
    // Edits domain (a Domain object of domain.list).
    DomainDialog(ipc::IpcClient *client, const QJsonObject &domain, QWidget *parent = nullptr);

protected:
    std::optional<Request> buildRequest() override;

private:
    void createForm(const QJsonObject &domain);

    QString m_editedName; // empty when adding
    QLineEdit *m_nameLineEdit = nullptr;
    QLineEdit *m_descriptionLineEdit = nullptr;
    QLineEdit *m_quotaLineEdit = nullptr;
    QSpinBox *m_maxMailboxesSpinBox = nullptr;
    QSpinBox *m_maxAliasesSpinBox = nullptr;
    QCheckBox *m_activeCheckBox = nullptr;
};

// A spin box for a count limit where 0 reads "Unlimited".
QSpinBox *createLimitSpinBox(const QString &objectName, QWidget *parent);

} // namespace mailstead::app
