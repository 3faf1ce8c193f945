// MailboxDialog.cpp - add or edit a mailbox; see MailboxDialog.h
#include "MailboxDialog.h"

#include "validation/Address.h"
#include "widgets/PasswordField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace mailstead::app {

MailboxDialog::MailboxDialog(ipc::IpcClient *client, const QStringList &domains,
                             const QString &preselected, QWidget *parent)
    : IpcEditDialog(client, parent) {
    setObjectName(u"mailboxDialog"_s);
    setWindowTitle(tr("Add mailbox"));

    auto *addressWidget = new QWidget(this);
    addressWidget->setObjectName(u"addressWidget"_s);
    auto *addressLayout = new QHBoxLayout(addressWidget);
    addressLayout->setContentsMargins(0, 0, 0, 0);
    m_localPartLineEdit = new QLineEdit(addressWidget);
    m_localPartLineEdit->setObjectName(u"localPartLineEdit"_s);
    m_localPartLineEdit->setPlaceholderText(tr("alice"));
    auto *at = new QLabel(u"@"_s, addressWidget);
    at->setObjectName(u"atLabel"_s);
    m_domainComboBox = new QComboBox(addressWidget);
    m_domainComboBox->setObjectName(u"domainComboBox"_s);
    m_domainComboBox->addItems(domains);
    if (domains.contains(preselected))
        m_domainComboBox->setCurrentText(preselected);
    addressLayout->addWidget(m_localPartLineEdit, 1);
    addressLayout->addWidget(at);
    addressLayout->addWidget(m_domainComboBox, 1);
    addressWidget->setFocusProxy(m_localPartLineEdit);
    addFieldRow(tr("A&ddress:"), addressWidget, u"address"_s, u"address"_s);

    m_passwordField = new PasswordField(this);
    addFieldRow(tr("&Password:"), m_passwordField, u"password"_s, u"password"_s);
    fieldErrors().addAlias(u"password_hash"_s, u"password"_s);
    addCommonRows({});
    finishLayout(tr("&Add"));
    setTabOrder(m_localPartLineEdit, m_domainComboBox);
    m_localPartLineEdit->setFocus();
}

MailboxDialog::MailboxDialog(ipc::IpcClient *client, const QJsonObject &mailbox, QWidget *parent)
    : IpcEditDialog(client, parent)
    , m_editedAddress(mailbox.value(u"address"_s).toString()) {
    setObjectName(u"mailboxDialog"_s);
    const QString shown = mailbox.value(u"address_unicode"_s).toString(m_editedAddress);
    setWindowTitle(tr("Edit mailbox %1").arg(shown));
    auto *address = new QLabel(shown, this);
    address->setObjectName(u"addressValueLabel"_s);
    address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form()->addRow(tr("Address:"), address);
    addCommonRows(mailbox);
    finishLayout(tr("&Save"));
    m_nameLineEdit->setFocus();
}

void MailboxDialog::addCommonRows(const QJsonObject &mailbox) {
    m_nameLineEdit = new QLineEdit(mailbox.value(u"name"_s).toString(), this);
    m_nameLineEdit->setObjectName(u"nameLineEdit"_s);
    m_nameLineEdit->setPlaceholderText(tr("Alice Example"));
    m_quotaLineEdit = createQuotaLineEdit(u"quotaLineEdit"_s);
    const qint64 quota = mailbox.value(u"quota"_s).toInteger();
    if (quota > 0)
        m_quotaLineEdit->setText(formatByteSize(quota));
    m_activeCheckBox = new QCheckBox(tr("&Enabled: receives mail and may log in"), this);
    m_activeCheckBox->setObjectName(u"activeCheckBox"_s);
    m_activeCheckBox->setChecked(mailbox.value(u"active"_s).toBool(true));
    addFieldRow(tr("&Name:"), m_nameLineEdit, u"name"_s, u"name"_s);
    addFieldRow(tr("&Quota:"), m_quotaLineEdit, u"quota"_s, u"quota"_s);
    addFieldRow(QString(), m_activeCheckBox, u"active"_s, u"active"_s);
}

std::optional<IpcEditDialog::Request> MailboxDialog::buildRequest() {
    const std::optional<qint64> quota = readQuota(m_quotaLineEdit, u"quota"_s);
    if (!quota)
        return std::nullopt;
    QJsonObject params{
        {u"name"_s, m_nameLineEdit->text().trimmed()},
        {u"quota"_s, *quota},
        {u"active"_s, m_activeCheckBox->isChecked()},
    };
    if (!m_editedAddress.isEmpty()) {
        params.insert(u"address"_s, m_editedAddress);
        return Request{u"mailbox.update"_s, params};
    }
    const QString localPart = m_localPartLineEdit->text().trimmed();
    if (localPart.isEmpty()) {
        fieldErrors().showForField(u"address"_s, tr("Enter the part of the address before the @."));
        return std::nullopt;
    }
    if (m_domainComboBox->currentText().isEmpty()) {
        fieldErrors().showForField(u"address"_s, tr("Add a domain first."));
        return std::nullopt;
    }
    if (m_passwordField->password().isEmpty()) {
        fieldErrors().showForField(u"password"_s, tr("Enter a password or generate one."));
        return std::nullopt;
    }
    const QString address = localPart + u'@' + m_domainComboBox->currentText();
    params.insert(u"address"_s, address);
    params.insert(u"password"_s, m_passwordField->password());
    return Request{u"mailbox.add"_s, params};
}

} // namespace mailstead::app
