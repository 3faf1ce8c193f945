// MailboxPage.cpp - the first mailbox through mailbox.add; see MailboxPage.h
#include "MailboxPage.h"

#include "ipc/IpcClient.h"
#include "SetupWizard.h"
#include "validation/Address.h"
#include "widgets/PasswordField.h"
#include "widgets/PasswordStrength.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

const QString localPartKey = u"mailbox_local_part"_s;
const QString nameKey = u"mailbox_name"_s;
const QString addedMailboxKey = u"added_mailbox"_s;

} // namespace

MailboxPage::MailboxPage(SetupWizard *wizard)
    : SetupWizardPage(wizard) {
    setObjectName(u"mailboxWizardPage"_s);
    setTitle(tr("Your first mailbox"));
    setSubTitle(tr("The address you will read mail at, and the password your mail programs "
                   "log in with."));

    m_localPartLineEdit = new QLineEdit(progress().value(localPartKey), this);
    m_localPartLineEdit->setObjectName(u"localPartLineEdit"_s);
    m_localPartLineEdit->setPlaceholderText(tr("for example alice"));
    m_domainLabel = new QLabel(this);
    m_domainLabel->setObjectName(u"mailboxDomainLabel"_s);
    m_nameLineEdit = new QLineEdit(progress().value(nameKey), this);
    m_nameLineEdit->setObjectName(u"nameLineEdit"_s);
    m_nameLineEdit->setPlaceholderText(tr("for example Alice Baker"));
    m_passwordField = new PasswordField(this);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *addressRow = new QHBoxLayout;
    addressRow->setSpacing(4);
    addressRow->addWidget(m_localPartLineEdit, 1);
    addressRow->addWidget(m_domainLabel);
    auto *addressColumn = new QVBoxLayout;
    addressColumn->setSpacing(2);
    addressColumn->addLayout(addressRow);
    addressColumn->addWidget(
        m_fieldErrors.addFieldLabel(u"address"_s, m_localPartLineEdit, u"address"_s));
    auto *addressLabel = new QLabel(tr("&Address:"), this);
    addressLabel->setBuddy(m_localPartLineEdit);
    form->addRow(addressLabel, addressColumn);
    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_nameLineEdit);
    form->addRow(nameLabel, m_fieldErrors.addField(u"name"_s, m_nameLineEdit, u"name"_s));
    auto *passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_passwordField->lineEdit());
    form->addRow(passwordLabel,
                 m_fieldErrors.addField(u"password"_s, m_passwordField, u"password"_s));
    m_generalErrorLabel = createErrorLabel(u"mailboxGeneralErrorLabel"_s, this);
    m_fieldErrors.setGeneralLabel(m_generalErrorLabel);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_generalErrorLabel);
    layout->addSpacing(12);
    auto *hint = new QLabel(tr("Your mail programs ask for this password once. Keep it in your "
                               "password manager: Mailstead stores only a hash of it and cannot "
                               "show it again. More mailboxes and aliases can be added later "
                               "in the main window."),
                            this);
    hint->setObjectName(u"mailboxHintLabel"_s);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addStretch(1);

    setCommittedKey(progress().value(addedMailboxKey));
    connect(m_localPartLineEdit, &QLineEdit::textChanged, this, [this] {
        m_fieldErrors.clear();
        Q_EMIT completeChanged();
    });
    connect(m_passwordField, &PasswordField::passwordChanged, this, [this] {
        m_fieldErrors.clear();
        Q_EMIT completeChanged();
    });
}

void MailboxPage::initializePage() {
    m_domainLabel->setText(u"@"_s + progress().value(u"domain"_s));
}

bool MailboxPage::isComplete() const {
    if (isBusy() || m_localPartLineEdit->text().trimmed().isEmpty())
        return false;
    // A mailbox added in an earlier run needs no password again.
    return !m_passwordField->password().isEmpty() || !committedKey().isEmpty();
}

bool MailboxPage::validatePage() {
    const QString domain = progress().value(u"added_domain"_s);
    const MailAddress address = parseAddress(m_localPartLineEdit->text().trimmed() + u'@' + domain);
    if (!address.ok) {
        m_fieldErrors.showForField(u"address"_s, address.error);
        return false;
    }
    progress().setValue(localPartKey, m_localPartLineEdit->text().trimmed());
    progress().setValue(nameKey, m_nameLineEdit->text().trimmed());
    if (committedKey() == address.toString())
        return true;

    const QString password = m_passwordField->password();
    const PasswordStrengthLevel level = estimatePasswordStrength(password).level;
    if (level == PasswordStrengthLevel::TooShort || level == PasswordStrengthLevel::Empty) {
        m_fieldErrors.showForField(
            u"password"_s,
            tr("The password needs at least %1 characters.").arg(minimumPasswordLength));
        return false;
    }
    if (level == PasswordStrengthLevel::Weak) {
        m_fieldErrors.showForField(
            u"password"_s, tr("This password is easy to guess. Make it longer, mix in other "
                              "kinds of characters, or press Generate."));
        return false;
    }
    QJsonObject params{{u"address"_s, address.toString()}, {u"password"_s, password}};
    if (!m_nameLineEdit->text().trimmed().isEmpty())
        params.insert(u"name"_s, m_nameLineEdit->text().trimmed());
    return commitThenNext(
        address.toString(), u"mailbox.add"_s, params, [this](const ipc::Reply &reply) {
            if (!reply.ok) {
                m_fieldErrors.show(reply.error);
                return false;
            }
            const QString added = reply.result.toObject().value(u"address"_s).toString();
            progress().setValue(addedMailboxKey, added);
            return true;
        });
}

} // namespace mailstead::app
