// WelcomePage.h - setup wizard page 1: where the mail server runs
//
// Either here in local mode (the app starts mailsteadd for this user, data
// in the user's home, every port + 10000, stops with the app) or the
// installed service of this machine (systemd's mailsteadd, the standard
// ports, runs without the app). Choosing one switches the app's connection
// to it (DaemonConnection::useInstalledService/useLocalMode) and Next keeps
// it for later starts (AppSettings::daemonMode). The service needs its
// socket (ipc::installedSocketPath()); without it the page says so and Next
// stays off. The page shows which daemon the app is connected to; Next
// needs a connection.
#pragma once

#include "SetupWizardPage.h"

class QLabel;
class QPushButton;
class QRadioButton;

namespace mailstead::app {

class WelcomePage : public SetupWizardPage {
    Q_OBJECT
public:
    explicit WelcomePage(SetupWizard *wizard);

    bool isComplete() const override;
    bool validatePage() override;

private:
    void onModeToggled();
    void updateState();

    QRadioButton *m_localRadioButton = nullptr;
    QRadioButton *m_serviceRadioButton = nullptr;
    QLabel *m_explanationLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QPushButton *m_startButton = nullptr;
};

} // namespace mailstead::app
