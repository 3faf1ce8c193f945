// SetupWizard.cpp - pages, progress and resume; see SetupWizard.h
#include "SetupWizard.h"

#include "CertificatePage.h"
#include "DnsRecordsPage.h"
#include "DomainPage.h"
#include "HostnamePage.h"
#include "MailboxPage.h"
#include "SummaryPage.h"
#include "WelcomePage.h"

#include <QAbstractButton>

using namespace Qt::StringLiterals;

namespace mailstead::app {

SetupWizard::SetupWizard(DaemonConnection *connection, QWidget *parent)
    : QWizard(parent)
    , m_connection(connection) {
    setObjectName(u"setupWizard"_s);
    setWindowTitle(tr("Set up Mailstead"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    button(QWizard::NextButton)->setObjectName(u"nextPushButton"_s);
    button(QWizard::BackButton)->setObjectName(u"backPushButton"_s);
    button(QWizard::FinishButton)->setObjectName(u"finishPushButton"_s);
    button(QWizard::CancelButton)->setObjectName(u"cancelPushButton"_s);
    button(QWizard::CancelButton)
        ->setToolTip(tr("Close the wizard; it starts again on this page next time."));
    resize(860, 640);

    setPage(WelcomePageId, new WelcomePage(this));
    setPage(HostnamePageId, new HostnamePage(this));
    setPage(DomainPageId, new DomainPage(this));
    setPage(DnsRecordsPageId, new DnsRecordsPage(this));
    setPage(CertificatePageId, new CertificatePage(this));
    setPage(MailboxPageId, new MailboxPage(this));
    setPage(SummaryPageId, new SummaryPage(this));

    const int saved = m_progress.page();
    if (saved > WelcomePageId && saved <= SummaryPageId) {
        m_resumedFrom = saved;
        setStartId(saved);
    }
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id >= 0)
            m_progress.setPage(id);
    });
}

void SetupWizard::done(int result) {
    if (result == QDialog::Accepted) {
        m_progress.clear();
        m_progress.setFinished(true);
    }
    QWizard::done(result);
}

} // namespace mailstead::app
