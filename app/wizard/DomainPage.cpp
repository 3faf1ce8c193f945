// DomainPage.cpp - the first domain through domain.add; see DomainPage.h
#include "DomainPage.h"

#include "ipc/IpcClient.h"
#include "SetupWizard.h"
#include "validation/Address.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

const QString domainKey = u"domain"_s;
const QString addedDomainKey = u"added_domain"_s;

} // namespace

DomainPage::DomainPage(SetupWizard *wizard)
    : SetupWizardPage(wizard) {
    setObjectName(u"domainWizardPage"_s);
    setTitle(tr("Your mail domain"));
    setSubTitle(tr("The part after the @ in your addresses: for alice@example.com that is "
                   "example.com. You need to own it and manage its DNS records."));

    m_domainLineEdit = new QLineEdit(this);
    m_domainLineEdit->setObjectName(u"domainLineEdit"_s);
    m_domainLineEdit->setPlaceholderText(tr("for example example.com"));
    auto *label = new QLabel(tr("&Domain:"), this);
    label->setBuddy(m_domainLineEdit);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(label, m_fieldErrors.addField(u"name"_s, m_domainLineEdit, u"domain"_s));
    m_generalErrorLabel = createErrorLabel(u"domainGeneralErrorLabel"_s, this);
    m_fieldErrors.setGeneralLabel(m_generalErrorLabel);

    auto *hint = new QLabel(
        tr("You need a domain registered in your name and access to its DNS settings at your "
           "registrar or DNS provider: the next page lists the records to enter there. A "
           "domain whose mail is handled elsewhere today keeps going there until you change "
           "its MX record.\n\nMore domains, quotas and limits can be added later on the "
           "Domains page of the main window."),
        this);
    hint->setObjectName(u"domainHintLabel"_s);
    hint->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_generalErrorLabel);
    layout->addSpacing(12);
    layout->addWidget(hint);
    layout->addStretch(1);

    m_domainLineEdit->setText(progress().value(domainKey));
    setCommittedKey(progress().value(addedDomainKey));
    registerField(u"domain*"_s, m_domainLineEdit);
    connect(m_domainLineEdit, &QLineEdit::textChanged, this, [this] {
        m_fieldErrors.clear();
        Q_EMIT completeChanged();
    });
}

bool DomainPage::isComplete() const {
    return !isBusy() && !m_domainLineEdit->text().trimmed().isEmpty();
}

bool DomainPage::validatePage() {
    const DomainName name = parseDomain(m_domainLineEdit->text().trimmed());
    if (!name.ok) {
        m_fieldErrors.showForField(u"name"_s,
                                   tr("\"%1\" is not a domain name: %2")
                                       .arg(m_domainLineEdit->text().trimmed(), name.error));
        return false;
    }
    progress().setValue(domainKey, name.unicode);
    m_fieldErrors.clear();
    return commitThenNext(name.ace, u"domain.add"_s, {{u"name"_s, name.ace}},
                          [this, ace = name.ace](const ipc::Reply &reply) {
                              if (!reply.ok) {
                                  m_fieldErrors.show(reply.error);
                                  return false;
                              }
                              progress().setValue(addedDomainKey, ace);
                              return true;
                          });
}

} // namespace mailstead::app
