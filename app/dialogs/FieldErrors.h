// FieldErrors.h - daemon errors shown beside the field they concern
//
// The daemon names the parameter an error concerns (JSON-RPC data.field,
// docs/ipc.md "Errors"). A dialog registers each input under its parameter
// name together with a label below it; show() puts the message there and
// moves the focus to the input. Errors without a known field go to a
// general label at the bottom of the dialog.
#pragma once

#include <QHash>
#include <QPointer>
#include <QString>

class QBoxLayout;
class QLabel;
class QWidget;

namespace mailstead::ipc {
struct RpcError;
}

namespace mailstead::app {

class FieldErrors {
public:
    // The label for errors that concern no registered field.
    void setGeneralLabel(QLabel *label);
    // Creates the error label for field (objectName "<objectNamePrefix>ErrorLabel") and
    // returns a layout holding input above it, for a form row.
    QBoxLayout *addField(const QString &field, QWidget *input, const QString &objectNamePrefix);
    // An error label for a field whose input lives in its own layout.
    QLabel *addFieldLabel(const QString &field, QWidget *input, const QString &objectNamePrefix);
    // Another parameter name whose errors belong to an already registered field.
    void addAlias(const QString &field, const QString &registeredField);

    void show(const ipc::RpcError &error);
    void showForField(const QString &field, const QString &message);
    void clear();
    QString errorFor(const QString &field) const;

private:
    struct Entry {
        QPointer<QWidget> input;
        QPointer<QLabel> label;
    };
    QHash<QString, Entry> m_fields;
    QHash<QString, QString> m_aliases;
    QPointer<QLabel> m_generalLabel;
};

// A red, word-wrapped, initially hidden label for error messages.
QLabel *createErrorLabel(const QString &objectName, QWidget *parent);

} // namespace mailstead::app
