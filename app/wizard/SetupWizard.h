// SetupWizard.h - the first-run setup wizard of the desktop app
//
// Seven pages, one class each: where the server runs, its host name, the
// first domain, the DNS records to publish, the certificate, the first
// mailbox and a summary with the settings for mail clients and a test
// message. Every page checks its input before Next; what the daemon must
// accept (domain, certificate, mailbox) is sent on Next and the wizard only
// moves on once the daemon agreed, with its errors beside the field they
// concern. The page reached and the values entered (never the password)
// are kept in WizardProgress, so a wizard closed half way resumes there.
// The mailbox password goes to the daemon (which stores only its hash) and
// nowhere else: nothing after the mailbox page needs it, so it is kept
// neither in the settings nor in the keychain.
#pragma once

#include "WizardProgress.h"

#include <QWizard>

namespace mailstead::app {

class DaemonConnection;

class SetupWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId {
        WelcomePageId,
        HostnamePageId,
        DomainPageId,
        DnsRecordsPageId,
        CertificatePageId,
        MailboxPageId,
        SummaryPageId
    };
    Q_ENUM(PageId)

    explicit SetupWizard(DaemonConnection *connection, QWidget *parent = nullptr);

    DaemonConnection *connection() const { return m_connection; }
    WizardProgress &progress() { return m_progress; }

    // The page saved by an earlier run, or -1.
    int resumedFrom() const { return m_resumedFrom; }

    void done(int result) override;

private:
    DaemonConnection *m_connection = nullptr;
    WizardProgress m_progress;
    int m_resumedFrom = -1;
};

} // namespace mailstead::app
