// IpcEditDialog.h - base of the editor dialogs that save through one IPC call
//
// OK builds the request (a subclass checks what it can and fills in the
// method and parameters), sends it and waits without blocking: the dialog
// closes only when the daemon accepts. An error reply stays in the dialog,
// beside the field it concerns (FieldErrors), so the person can fix it and
// press OK again. result() holds what the daemon returned.
#pragma once

#include "FieldErrors.h"

#include <optional>
#include <QDialog>
#include <QJsonObject>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace mailstead::ipc {
class IpcClient;
}

namespace mailstead::app {

class IpcEditDialog : public QDialog {
    Q_OBJECT
public:
    explicit IpcEditDialog(ipc::IpcClient *client, QWidget *parent = nullptr);

    QJsonObject result() const { return m_result; }
    // An error message currently shown for a request parameter.
    QString errorFor(const QString &field) const { return m_fieldErrors.errorFor(field); }

    void accept() override;

protected:
    struct Request {
        QString method;
        QJsonObject params;
    };
    // Checks the inputs and returns the request, or nothing after showing
    // what is wrong through fieldErrors().
    virtual std::optional<Request> buildRequest() = 0;

    QFormLayout *form() const { return m_form; }
    FieldErrors &fieldErrors() { return m_fieldErrors; }
    // A row "label: input" with the error label of field below the input.
    void addFieldRow(const QString &labelText, QWidget *input, const QString &field,
                     const QString &objectNamePrefix);
    // Adds the general error label and the OK/Cancel buttons; call last.
    void finishLayout(const QString &okText);

    // A quota input ("2G", "500M"; empty for unlimited).
    QLineEdit *createQuotaLineEdit(const QString &objectName);
    // The quota in bytes (0: unlimited), or nothing after showing an error.
    std::optional<qint64> readQuota(QLineEdit *input, const QString &field);

private:
    ipc::IpcClient *m_client = nullptr;
    QFormLayout *m_form = nullptr;
    QDialogButtonBox *m_buttonBox = nullptr;
    QLabel *m_generalErrorLabel = nullptr;
    FieldErrors m_fieldErrors;
    QJsonObject m_result;
    bool m_busy = false;
};

} // namespace mailstead::app
