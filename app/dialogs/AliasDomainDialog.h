// AliasDomainDialog.h - add an alias domain: mail to user@alias goes to user@domain
//
// Saves with domain.add {name, alias_for} (docs/ipc.md). The target is
// chosen from the primary domains the page knows.
#pragma once

#include "IpcEditDialog.h"

class QComboBox;
class QLineEdit;

namespace mailstead::app {

class AliasDomainDialog : public IpcEditDialog {
    Q_OBJECT
public:
    // domains: the primary domains (A-label names) that can be targets;
    // preselected is chosen first when it is one of them.
    AliasDomainDialog(ipc::IpcClient *client, const QStringList &domains,
                      const QString &preselected, QWidget *parent = nullptr);

protected:
    std::optional<Request> buildRequest() override;

private:
    QLineEdit *m_nameLineEdit = nullptr;
    QComboBox *m_aliasForComboBox = nullptr;
};

} // namespace mailstead::app
