// FieldErrors.cpp - daemon errors beside their field; see FieldErrors.h
#include "FieldErrors.h"

#include "ipc/JsonRpc.h"

#include <QLabel>
#include <QVBoxLayout>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace mailstead::app {

QLabel *createErrorLabel(const QString &objectName, QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(u"QLabel { color: #c0392b; }"_s);
    label->hide();
    return label;
}

void FieldErrors::setGeneralLabel(QLabel *label) {
    m_generalLabel = label;
}

QLabel *FieldErrors::addFieldLabel(const QString &field, QWidget *input,
                                   const QString &objectNamePrefix) {
    QLabel *label = createErrorLabel(objectNamePrefix + u"ErrorLabel"_s, input->parentWidget());
    m_fields.insert(field, Entry{input, label});
    return label;
}

QBoxLayout *FieldErrors::addField(const QString &field, QWidget *input,
                                  const QString &objectNamePrefix) {
    auto *layout = new QVBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(input);
    layout->addWidget(addFieldLabel(field, input, objectNamePrefix));
    return layout;
}

void FieldErrors::addAlias(const QString &field, const QString &registeredField) {
    m_aliases.insert(field, registeredField);
}

void FieldErrors::show(const ipc::RpcError &error) {
    showForField(error.field, error.message);
}

void FieldErrors::showForField(const QString &field, const QString &message) {
    clear();
    const QString registered = m_aliases.value(field, field);
    const auto it = m_fields.constFind(registered);
    if (it != m_fields.constEnd() && it->label) {
        it->label->setText(message);
        it->label->show();
        if (it->input)
            it->input->setFocus(Qt::OtherFocusReason);
        return;
    }
    if (m_generalLabel) {
        m_generalLabel->setText(message);
        m_generalLabel->show();
    }
}

void FieldErrors::clear() {
    for (const Entry &entry : std::as_const(m_fields)) {
        if (entry.label) {
            entry.label->clear();
            entry.label->hide();
        }
    }
    if (m_generalLabel) {
        m_generalLabel->clear();
        m_generalLabel->hide();
    }
}

QString FieldErrors::errorFor(const QString &field) const {
    const auto it = m_fields.constFind(m_aliases.value(field, field));
    return it != m_fields.constEnd() && it->label ? it->label->text() : QString();
}

} // namespace mailstead::app
