// HostnamePage.h - setup wizard page 2: the server's host name
//
// The fully qualified name other servers and mail clients reach this
// machine by (mail.example.com). It must be a valid FQDN (two labels at
// least, RFC 1035 syntax, IDNs allowed). The page lists this machine's own
// addresses (QNetworkInterface) and, through dns.check, whether the name's
// A/AAAA records point to the server and whether each address has a PTR
// record leading back (forward-confirmed reverse DNS). dns.check without a
// domain checks just these rows, so this works before any domain exists.
// The daemon takes its host name from its configuration file ([general]
// hostname); when the name entered differs, the page shows the line to put
// there.
#pragma once

#include "SetupWizardPage.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace mailstead::app {

class HostnamePage : public SetupWizardPage {
    Q_OBJECT
public:
    explicit HostnamePage(SetupWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // The error for the name entered, or an empty string when it is a valid FQDN.
    static QString hostnameError(const QString &hostname);

private:
    void onHostnameEdited();
    void updateConfigNote();
    void check();
    void showCheck(const QJsonObject &result);

    QLineEdit *m_hostnameLineEdit = nullptr;
    QLabel *m_hostnameErrorLabel = nullptr;
    QLabel *m_configNoteLabel = nullptr;
    QListWidget *m_addressesListWidget = nullptr;
    QPushButton *m_checkButton = nullptr;
    QLabel *m_checkStateLabel = nullptr;
    QTableWidget *m_checkTableWidget = nullptr;
    QString m_daemonHostname;
    bool m_checking = false;
};

} // namespace mailstead::app
