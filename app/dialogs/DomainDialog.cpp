// DomainDialog.cpp - add or edit a domain; see DomainDialog.h
#include "DomainDialog.h"

#include "validation/Address.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

constexpr int maxLimit = 1000000;

} // namespace

QSpinBox *createLimitSpinBox(const QString &objectName, QWidget *parent) {
    auto *spinBox = new QSpinBox(parent);
    spinBox->setObjectName(objectName);
    spinBox->setRange(0, maxLimit);
    spinBox->setSpecialValueText(DomainDialog::tr("Unlimited"));
    spinBox->setAccelerated(true);
    return spinBox;
}

DomainDialog::DomainDialog(ipc::IpcClient *client, QWidget *parent)
    : IpcEditDialog(client, parent) {
    setObjectName(u"domainDialog"_s);
    setWindowTitle(tr("Add domain"));
    createForm({});
    finishLayout(tr("&Add"));
}

DomainDialog::DomainDialog(ipc::IpcClient *client, const QJsonObject &domain, QWidget *parent)
    : IpcEditDialog(client, parent)
    , m_editedName(domain.value(u"name"_s).toString()) {
    setObjectName(u"domainDialog"_s);
    setWindowTitle(
        tr("Edit domain %1").arg(domain.value(u"name_unicode"_s).toString(m_editedName)));
    createForm(domain);
    finishLayout(tr("&Save"));
}

void DomainDialog::createForm(const QJsonObject &domain) {
    const bool adding = m_editedName.isEmpty();
    m_nameLineEdit = new QLineEdit(this);
    m_nameLineEdit->setObjectName(u"nameLineEdit"_s);
    m_nameLineEdit->setPlaceholderText(tr("example.com"));
    if (!adding) {
        m_nameLineEdit->setText(domain.value(u"name_unicode"_s).toString(m_editedName));
        m_nameLineEdit->setReadOnly(true);
    }
    m_descriptionLineEdit = new QLineEdit(domain.value(u"description"_s).toString(), this);
    m_descriptionLineEdit->setObjectName(u"descriptionLineEdit"_s);
    m_quotaLineEdit = createQuotaLineEdit(u"quotaLineEdit"_s);
    const qint64 quota = domain.value(u"quota"_s).toInteger();
    if (quota > 0)
        m_quotaLineEdit->setText(formatByteSize(quota));
    m_quotaLineEdit->setToolTip(tr("Total storage of all mailboxes of the domain. Sizes count "
                                   "in powers of 1024; empty or 0 means unlimited."));
    m_maxMailboxesSpinBox = createLimitSpinBox(u"maxMailboxesSpinBox"_s, this);
    m_maxMailboxesSpinBox->setValue(int(domain.value(u"max_mailboxes"_s).toInteger()));
    m_maxAliasesSpinBox = createLimitSpinBox(u"maxAliasesSpinBox"_s, this);
    m_maxAliasesSpinBox->setValue(int(domain.value(u"max_aliases"_s).toInteger()));
    m_activeCheckBox = new QCheckBox(tr("&Receive mail for this domain"), this);
    m_activeCheckBox->setObjectName(u"activeCheckBox"_s);
    m_activeCheckBox->setChecked(domain.value(u"active"_s).toBool(true));

    addFieldRow(tr("&Domain name:"), m_nameLineEdit, u"name"_s, u"name"_s);
    addFieldRow(tr("D&escription:"), m_descriptionLineEdit, u"description"_s, u"description"_s);
    addFieldRow(tr("&Quota:"), m_quotaLineEdit, u"quota"_s, u"quota"_s);
    addFieldRow(tr("&Mailboxes at most:"), m_maxMailboxesSpinBox, u"max_mailboxes"_s,
                u"maxMailboxes"_s);
    addFieldRow(tr("A&liases at most:"), m_maxAliasesSpinBox, u"max_aliases"_s, u"maxAliases"_s);
    addFieldRow(QString(), m_activeCheckBox, u"active"_s, u"active"_s);
    (adding ? m_nameLineEdit : m_descriptionLineEdit)->setFocus();
}

std::optional<IpcEditDialog::Request> DomainDialog::buildRequest() {
    const std::optional<qint64> quota = readQuota(m_quotaLineEdit, u"quota"_s);
    if (!quota)
        return std::nullopt;
    const bool adding = m_editedName.isEmpty();
    const QString name = adding ? m_nameLineEdit->text().trimmed() : m_editedName;
    if (name.isEmpty()) {
        fieldErrors().showForField(u"name"_s, tr("Enter the domain name, such as example.com."));
        return std::nullopt;
    }
    QJsonObject params{
        {u"name"_s, name},
        {u"description"_s, m_descriptionLineEdit->text().trimmed()},
        {u"quota"_s, *quota},
        {u"max_mailboxes"_s, m_maxMailboxesSpinBox->value()},
        {u"max_aliases"_s, m_maxAliasesSpinBox->value()},
        {u"active"_s, m_activeCheckBox->isChecked()},
    };
    return Request{adding ? u"domain.add"_s : u"domain.update"_s, params};
}

} // namespace mailstead::app
