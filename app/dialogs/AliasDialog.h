// AliasDialog.h - add an alias or catch-all, or change an alias's targets
//
// The source is a local part and a domain, or, with "Catch-all" checked,
// the whole domain ("@domain": every address without a mailbox or alias of
// its own). Targets are addresses, one per line (commas work too). Saves
// with alias.add or alias.update (docs/ipc.md).
#pragma once

#include "IpcEditDialog.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;

namespace mailstead::app {

class AliasDialog : public IpcEditDialog {
    Q_OBJECT
public:
    // Adds an alias in one of domains (A-label names), preselected first.
    AliasDialog(ipc::IpcClient *client, const QStringList &domains, const QString &preselected,
                QWidget *parent = nullptr);
    // Edits alias (an Alias object of alias.list).
    AliasDialog(ipc::IpcClient *client, const QJsonObject &alias, QWidget *parent = nullptr);

    // Addresses in text, split at line breaks, commas, semicolons and spaces.
    static QStringList parseTargets(const QString &text);

protected:
    std::optional<Request> buildRequest() override;

private:
    void addCommonRows(const QJsonObject &alias);

    QString m_editedSource; // empty when adding
    QCheckBox *m_catchAllCheckBox = nullptr;
    QLineEdit *m_localPartLineEdit = nullptr;
    QComboBox *m_domainComboBox = nullptr;
    QPlainTextEdit *m_targetsPlainTextEdit = nullptr;
    QCheckBox *m_activeCheckBox = nullptr;
};

} // namespace mailstead::app
