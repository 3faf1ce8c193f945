// IpcEditDialog.cpp - editor dialogs saving through IPC; see IpcEditDialog.h
#include "IpcEditDialog.h"

#include "ipc/IpcClient.h"
#include "validation/Address.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

IpcEditDialog::IpcEditDialog(ipc::IpcClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client) {
    auto *layout = new QVBoxLayout(this);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(m_form);
}

void IpcEditDialog::addFieldRow(const QString &labelText, QWidget *input, const QString &field,
                                const QString &objectNamePrefix) {
    auto *label = new QLabel(labelText, this);
    label->setObjectName(objectNamePrefix + u"Label"_s);
    label->setBuddy(input);
    m_form->addRow(label, m_fieldErrors.addField(field, input, objectNamePrefix));
}

void IpcEditDialog::finishLayout(const QString &okText) {
    auto *layout = qobject_cast<QVBoxLayout *>(this->layout());
    m_generalErrorLabel = createErrorLabel(u"generalErrorLabel"_s, this);
    m_fieldErrors.setGeneralLabel(m_generalErrorLabel);
    layout->addWidget(m_generalErrorLabel);
    layout->addStretch(1);
    m_buttonBox = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttonBox->setObjectName(u"dialogButtonBox"_s);
    QPushButton *ok = m_buttonBox->button(QDialogButtonBox::Ok);
    ok->setObjectName(u"okPushButton"_s);
    ok->setText(okText);
    ok->setDefault(true);
    m_buttonBox->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelPushButton"_s);
    connect(m_buttonBox, &QDialogButtonBox::accepted, this, &IpcEditDialog::accept);
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &IpcEditDialog::reject);
    layout->addWidget(m_buttonBox);
}

QLineEdit *IpcEditDialog::createQuotaLineEdit(const QString &objectName) {
    auto *input = new QLineEdit(this);
    input->setObjectName(objectName);
    input->setPlaceholderText(tr("Unlimited (or a size such as 500M, 2G)"));
    input->setToolTip(tr("Sizes count in powers of 1024: 1G is 1024 MiB. Empty or 0 means "
                         "unlimited."));
    return input;
}

std::optional<qint64> IpcEditDialog::readQuota(QLineEdit *input, const QString &field) {
    const QString text = input->text().trimmed();
    if (text.isEmpty())
        return 0;
    const qint64 bytes = parseByteSize(text);
    if (bytes < 0) {
        m_fieldErrors.showForField(
            field, tr("\"%1\" is not a size; write a number with an optional unit, such as "
                      "500M or 2G.")
                       .arg(text));
        return std::nullopt;
    }
    return bytes;
}

void IpcEditDialog::accept() {
    if (m_busy)
        return;
    m_fieldErrors.clear();
    const std::optional<Request> request = buildRequest();
    if (!request)
        return;
    m_busy = true;
    m_buttonBox->button(QDialogButtonBox::Ok)->setEnabled(false);
    QPointer<IpcEditDialog> self(this);
    m_client->call(request->method, request->params, [self](const ipc::Reply &reply) {
        if (!self)
            return;
        self->m_busy = false;
        self->m_buttonBox->button(QDialogButtonBox::Ok)->setEnabled(true);
        if (!reply.ok) {
            self->m_fieldErrors.show(reply.error);
            return;
        }
        self->m_result = reply.result.toObject();
        self->QDialog::accept();
    });
}

} // namespace mailstead::app
