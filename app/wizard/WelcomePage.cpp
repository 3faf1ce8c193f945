// WelcomePage.cpp - local mode or the installed service; see WelcomePage.h
#include "WelcomePage.h"

#include "ipc/IpcClient.h"
#include "settings/AppSettings.h"
#include "SetupWizard.h"
#include "supervision/DaemonConnection.h"

#include <QButtonGroup>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

const QString modeKey = u"mode"_s;
const QString localMode = u"local"_s;
const QString serviceMode = u"service"_s;

bool installedSocketExists() {
    return QFileInfo::exists(ipc::installedSocketPath());
}

} // namespace

WelcomePage::WelcomePage(SetupWizard *wizard)
    : SetupWizardPage(wizard) {
    setObjectName(u"welcomeWizardPage"_s);
    setTitle(tr("Welcome to Mailstead"));
    setSubTitle(tr("A few questions, and this computer runs a mail server for your domain. "
                   "First: where should the server run?"));

    m_localRadioButton = new QRadioButton(tr("&Here, started by this app (local mode)"), this);
    m_localRadioButton->setObjectName(u"localModeRadioButton"_s);
    m_serviceRadioButton =
        new QRadioButton(tr("The &installed service on this machine (systemd)"), this);
    m_serviceRadioButton->setObjectName(u"serviceModeRadioButton"_s);
    auto *group = new QButtonGroup(this);
    group->addButton(m_localRadioButton);
    group->addButton(m_serviceRadioButton);

    m_explanationLabel = new QLabel(this);
    m_explanationLabel->setObjectName(u"modeExplanationLabel"_s);
    m_explanationLabel->setWordWrap(true);
    m_explanationLabel->setMargin(6);

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    m_connectionLabel->setWordWrap(true);
    m_connectionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_startButton = new QPushButton(tr("&Start the local server"), this);
    m_startButton->setObjectName(u"startDaemonPushButton"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_localRadioButton);
    layout->addWidget(m_serviceRadioButton);
    layout->addWidget(m_explanationLabel);
    layout->addSpacing(12);
    layout->addWidget(m_connectionLabel);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_startButton);
    buttonRow->addStretch(1);
    layout->addLayout(buttonRow);
    layout->addSpacing(12);
    auto *steps = new QLabel(
        tr("Then the wizard asks for the server's host name and your mail domain, shows the DNS "
           "records to publish, sets up a certificate and your first mailbox, and ends with the "
           "settings for your mail programs and a test message. You can close it at any time "
           "and continue where you left off."),
        this);
    steps->setObjectName(u"wizardStepsLabel"_s);
    steps->setWordWrap(true);
    layout->addWidget(steps);
    layout->addStretch(1);

    // Resumed: the earlier answer; else whichever daemon the app talks to.
    const QString mode = progress().value(modeKey);
    if (mode == serviceMode ||
        (mode.isEmpty() && wizard->connection()->socketPath() == ipc::installedSocketPath()))
        m_serviceRadioButton->setChecked(true);
    else
        m_localRadioButton->setChecked(true);

    connect(m_localRadioButton, &QRadioButton::toggled, this, &WelcomePage::onModeToggled);
    connect(m_startButton, &QPushButton::clicked, this, [this] {
        setupWizard()->connection()->startDaemon();
        updateState();
    });
    connect(wizard->connection(), &DaemonConnection::stateChanged, this, &WelcomePage::updateState);
    connect(wizard->connection(), &DaemonConnection::childRunningChanged, this,
            &WelcomePage::updateState);
    updateState();
}

// The choice selects the daemon at once: the installed service when its
// socket exists (a local child is stopped), else back to local mode.
void WelcomePage::onModeToggled() {
    DaemonConnection *connection = setupWizard()->connection();
    if (m_serviceRadioButton->isChecked()) {
        if (installedSocketExists())
            connection->useInstalledService();
    } else if (connection->usesInstalledService() ||
               connection->socketPath() == ipc::installedSocketPath()) {
        connection->useLocalMode();
    }
    updateState();
}

void WelcomePage::updateState() {
    const bool local = m_localRadioButton->isChecked();
    m_explanationLabel->setText(
        local ? tr("The app starts the mail server for you and stops it when you quit. Its "
                   "data stays in your home folder and it listens on the usual ports plus "
                   "10000 (10025 for SMTP, 10993 for IMAP), so it needs no administrator "
                   "rights. Good for trying Mailstead out; other servers reach it only if "
                   "you forward the standard ports to it.")
              : tr("The mailsteadd service installed on this machine runs without the app, "
                   "starts at boot and listens on the standard ports (25, 587, 465, 993, "
                   "995). Choose this for a real mail server. Start it with \"sudo systemctl "
                   "start mailsteadd\" if it is not running yet."));

    DaemonConnection *connection = setupWizard()->connection();
    const bool connected = connection->state() == DaemonConnection::State::Connected;
    const bool owns = connection->ownsDaemon();
    const bool atService = connection->socketPath() == ipc::installedSocketPath();
    if (!local && !installedSocketExists())
        m_connectionLabel->setText(
            tr("There is no installed service here: %1 does not exist. Install Mailstead's "
               "mailsteadd service and start it, or choose local mode.")
                .arg(ipc::installedSocketPath()));
    else if (!local && !atService)
        m_connectionLabel->setText(
            tr("Connecting to the installed service at %1…").arg(ipc::installedSocketPath()));
    else if (connected && owns)
        m_connectionLabel->setText(
            tr("Connected to the server this app started (%1).").arg(connection->socketPath()));
    else if (connected)
        m_connectionLabel->setText(tr("Connected to the server at %1; the wizard sets up this one.")
                                       .arg(connection->socketPath()));
    else if (owns)
        m_connectionLabel->setText(tr("Waiting for the local server to start…"));
    else
        m_connectionLabel->setText(
            local ? tr("No server is running yet. Start the local one to continue.")
                  : tr("The installed service does not answer at %1. Start it, then wait here.")
                        .arg(connection->socketPath()));
    m_startButton->setVisible(local && !connected);
    m_startButton->setEnabled(!owns);
    Q_EMIT completeChanged();
}

bool WelcomePage::isComplete() const {
    const DaemonConnection *connection = setupWizard()->connection();
    if (connection->state() != DaemonConnection::State::Connected)
        return false;
    if (m_serviceRadioButton->isChecked())
        return installedSocketExists() && connection->socketPath() == ipc::installedSocketPath();
    return true;
}

bool WelcomePage::validatePage() {
    if (!isComplete())
        return false;
    const bool local = m_localRadioButton->isChecked();
    progress().setValue(modeKey, local ? localMode : serviceMode);
    // The app talks to the same daemon on its next start.
    AppSettings().setDaemonMode(local ? AppSettings::DaemonMode::Local
                                      : AppSettings::DaemonMode::Service);
    return true;
}

} // namespace mailstead::app
