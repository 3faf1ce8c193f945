// MainWindow.cpp - sidebar, pages and daemon controls; see MainWindow.h
#include "MainWindow.h"

#include "ipc/IpcClient.h"
#include "pages/AliasesPage.h"
#include "pages/DomainsPage.h"
#include "pages/LogPage.h"
#include "pages/MailboxesPage.h"
#include "pages/StatusPage.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "supervision/DaemonControls.h"
#include "supervision/ServiceController.h"
#include "tray/TrayController.h"
#include "wizard/SetupWizard.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

const QStringList pageNames = {u"status"_s, u"domains"_s, u"mailboxes"_s, u"aliases"_s, u"log"_s};
constexpr int sidebarWidth = 170;

} // namespace

MainWindow::MainWindow(DaemonConnection *connection, QWidget *parent)
    : QMainWindow(parent)
    , m_connection(connection)
    , m_daemonControls(DaemonControls::of(connection)) {
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Mailstead"));
    resize(1040, 720);

    auto *central = new QWidget(this);
    central->setObjectName(u"centralWidget"_s);
    auto *layout = new QVBoxLayout(central);

    auto *topLayout = new QHBoxLayout;
    m_connectionStatusLabel = new QLabel(central);
    m_connectionStatusLabel->setObjectName(u"connectionStatusLabel"_s);
    m_connectionStatusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connectionStatusLabel->setWordWrap(true);
    m_startDaemonButton = new QPushButton(tr("Start daemon"), central);
    m_startDaemonButton->setObjectName(u"startDaemonPushButton"_s);
    m_stopDaemonButton = new QPushButton(tr("Stop daemon"), central);
    m_stopDaemonButton->setObjectName(u"stopDaemonPushButton"_s);
    m_restartDaemonButton = new QPushButton(tr("Restart daemon"), central);
    m_restartDaemonButton->setObjectName(u"restartDaemonPushButton"_s);
    topLayout->addWidget(m_connectionStatusLabel, 1);
    topLayout->addWidget(m_startDaemonButton);
    topLayout->addWidget(m_stopDaemonButton);
    topLayout->addWidget(m_restartDaemonButton);
    layout->addLayout(topLayout);
    m_daemonErrorLabel = new QLabel(central);
    m_daemonErrorLabel->setObjectName(u"daemonErrorLabel"_s);
    m_daemonErrorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_daemonErrorLabel->setTextFormat(Qt::PlainText);
    m_daemonErrorLabel->setWordWrap(true);
    m_daemonErrorLabel->setStyleSheet(u"QLabel { color: #c0392b; }"_s);
    m_daemonErrorLabel->hide();
    layout->addWidget(m_daemonErrorLabel);

    auto *splitter = new QSplitter(Qt::Horizontal, central);
    splitter->setObjectName(u"mainSplitter"_s);
    splitter->setChildrenCollapsible(false);
    m_pageList = new QListWidget(splitter);
    m_pageList->setObjectName(u"pageListWidget"_s);
    m_pageList->setAccessibleName(tr("Pages"));
    m_pageList->setIconSize(QSize(24, 24));
    m_pageList->setSpacing(2);
    m_pageList->setMinimumWidth(sidebarWidth * 3 / 4);
    m_pageStack = new QStackedWidget(splitter);
    m_pageStack->setObjectName(u"pageStackedWidget"_s);
    splitter->addWidget(m_pageList);
    splitter->addWidget(m_pageStack);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({sidebarWidth, 1040 - sidebarWidth});
    layout->addWidget(splitter, 1);
    setCentralWidget(central);
    statusBar()->setObjectName(u"mainStatusBar"_s);

    m_statusPage = new StatusPage(m_connection, m_pageStack);
    m_domainsPage = new DomainsPage(m_connection, m_pageStack);
    m_mailboxesPage = new MailboxesPage(m_connection, m_pageStack);
    m_aliasesPage = new AliasesPage(m_connection, m_pageStack);
    m_logPage = new LogPage(m_connection, m_pageStack);
    addPage(m_statusPage, tr("Status"), u"status"_s);
    addPage(m_domainsPage, tr("Domains"), u"domains"_s);
    addPage(m_mailboxesPage, tr("Mailboxes"), u"mailboxes"_s);
    addPage(m_aliasesPage, tr("Aliases"), u"aliases"_s);
    addPage(m_logPage, tr("Log"), u"log"_s);
    connect(m_pageList, &QListWidget::currentRowChanged, m_pageStack,
            &QStackedWidget::setCurrentIndex);
    m_pageList->setCurrentRow(0);
    createMenus();

    connect(m_startDaemonButton, &QPushButton::clicked, this, [this] {
        m_daemonErrorLabel->hide();
        m_daemonControls->start();
        updateConnectionState();
    });
    connect(m_stopDaemonButton, &QPushButton::clicked, this, [this] {
        m_daemonErrorLabel->hide();
        m_daemonControls->stop();
        updateConnectionState();
    });
    connect(m_restartDaemonButton, &QPushButton::clicked, this, [this] {
        m_daemonErrorLabel->hide();
        m_daemonControls->restart();
        updateConnectionState();
    });
    connect(m_daemonControls, &DaemonControls::changed, this, &MainWindow::updateConnectionState);
    connect(m_daemonControls, &DaemonControls::actionFailed, this, &MainWindow::showDaemonError);
    connect(m_connection, &DaemonConnection::stateChanged, this,
            &MainWindow::updateConnectionState);
    connect(m_connection, &DaemonConnection::stateChanged, this, &MainWindow::offerSetupWizard);
    connect(m_connection, &DaemonConnection::childRunningChanged, this,
            &MainWindow::updateConnectionState);
    updateConnectionState();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(QWidget *page, const QString &title, const QString &iconName) {
    auto *item =
        new QListWidgetItem(QIcon(u":/icons/page-"_s + iconName + u".svg"_s), title, m_pageList);
    item->setData(Qt::UserRole, iconName);
    item->setSizeHint(QSize(sidebarWidth - 10, 36));
    m_pageStack->addWidget(page);
}

void MainWindow::createMenus() {
    menuBar()->setObjectName(u"mainMenuBar"_s);
    QMenu *fileMenu = menuBar()->addMenu(tr("&Mailstead"));
    fileMenu->setObjectName(u"mailsteadMenu"_s);
    QAction *settingsAction =
        fileMenu->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settingsAction->setObjectName(u"settingsAction"_s);
    settingsAction->setShortcut(QKeySequence::Preferences);
    QAction *wizardAction =
        fileMenu->addAction(tr("Run setup &wizard…"), this, &MainWindow::openSetupWizard);
    wizardAction->setObjectName(u"setupWizardAction"_s);
    fileMenu->addSeparator();
    QAction *quitAction =
        fileMenu->addAction(tr("&Quit"), QCoreApplication::instance(), &QCoreApplication::quit);
    quitAction->setObjectName(u"quitAction"_s);
    quitAction->setShortcut(QKeySequence::Quit);

    QMenu *goMenu = menuBar()->addMenu(tr("&Go"));
    goMenu->setObjectName(u"goMenu"_s);
    for (int row = 0; row < m_pageList->count(); ++row) {
        QAction *action = goMenu->addAction(m_pageList->item(row)->text(), this,
                                            [this, row] { m_pageList->setCurrentRow(row); });
        action->setObjectName(pageNames.at(row) + u"PageAction"_s);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + row)));
    }
}

void MainWindow::setRefreshInterval(int intervalMs) {
    m_statusPage->setRefreshInterval(intervalMs);
}

void MainWindow::showPage(Page page) {
    m_pageList->setCurrentRow(int(page));
}

MainWindow::Page MainWindow::currentPage() const {
    return Page(m_pageStack->currentIndex());
}

std::optional<MainWindow::Page> MainWindow::pageFromName(const QString &name) {
    const qsizetype index = pageNames.indexOf(name.toLower());
    if (index < 0)
        return std::nullopt;
    return Page(index);
}

void MainWindow::openSettings() {
    auto *dialog = new SettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

SetupWizard *MainWindow::setupWizard() const {
    return m_setupWizard;
}

void MainWindow::openSetupWizard() {
    if (!m_setupWizard) {
        m_setupWizard = new SetupWizard(m_connection, this);
        m_setupWizard->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_setupWizard->show();
    m_setupWizard->raise();
    m_setupWizard->activateWindow();
}

void MainWindow::offerSetupWizard() {
    if (!m_offerSetupWizard || m_setupWizardOffered ||
        m_connection->state() != DaemonConnection::State::Connected)
        return;
    m_setupWizardOffered = true;
    const WizardProgress progress;
    if (progress.finished() && progress.page() < 0)
        return;
    QPointer<MainWindow> self(this);
    m_connection->client()->call(u"domain.list"_s, {}, [self](const ipc::Reply &reply) {
        if (!self || !reply.ok)
            return;
        const bool noDomain = reply.result.toObject().value(u"domains"_s).toArray().isEmpty();
        if (noDomain || WizardProgress().page() > SetupWizard::WelcomePageId)
            self->openSetupWizard();
    });
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (m_tray && m_tray->trayIcon()->isVisible() && AppSettings().keepRunningInTray()) {
        hide();
        event->ignore();
        return;
    }
    event->accept();
}

void MainWindow::updateConnectionState() {
    const bool owns = m_connection->ownsDaemon();
    const QString socket = m_connection->socketPath();
    switch (m_connection->state()) {
    case DaemonConnection::State::Idle:
        m_connectionStatusLabel->setText(tr("Not connected."));
        break;
    case DaemonConnection::State::Connecting:
        m_connectionStatusLabel->setText(owns ? tr("Waiting for the local daemon to start…")
                                              : tr("Connecting to %1…").arg(socket));
        break;
    case DaemonConnection::State::Connected:
        m_connectionStatusLabel->setText(
            owns ? tr("Connected to the daemon started by Mailstead (%1).").arg(socket)
                 : tr("Connected to %1.").arg(socket));
        break;
    case DaemonConnection::State::Disconnected:
        m_connectionStatusLabel->setText(
            tr("Not connected to a daemon at %1; retrying.").arg(socket));
        break;
    }

    const bool installed = m_daemonControls->mode() == DaemonControls::Mode::Installed;
    if (installed)
        m_connectionStatusLabel->setText(m_connectionStatusLabel->text() + u'\n' +
                                         m_daemonControls->serviceSummary());
    m_startDaemonButton->setEnabled(m_daemonControls->canStart());
    m_stopDaemonButton->setEnabled(m_daemonControls->canStop());
    m_restartDaemonButton->setEnabled(m_daemonControls->canRestart());
    if (installed) {
        const QString unit = m_daemonControls->service()->unit();
        m_startDaemonButton->setText(tr("Start service"));
        m_stopDaemonButton->setText(tr("Stop service"));
        m_restartDaemonButton->setText(tr("Restart service"));
        m_startDaemonButton->setToolTip(
            tr("Start the system service %1 (asks for an administrator's password).").arg(unit));
        m_stopDaemonButton->setToolTip(
            tr("Stop the system service %1 (asks for an administrator's password).").arg(unit));
        m_restartDaemonButton->setToolTip(
            tr("Restart the system service %1 (asks for an administrator's password).").arg(unit));
        return;
    }
    const bool connected = m_connection->state() == DaemonConnection::State::Connected;
    m_startDaemonButton->setText(tr("Start daemon"));
    m_stopDaemonButton->setText(tr("Stop daemon"));
    m_restartDaemonButton->setText(tr("Restart daemon"));
    m_startDaemonButton->setToolTip(
        connected && !owns ? tr("A daemon that Mailstead did not start is already running.")
                           : tr("Start a local mailsteadd for this user."));
    m_stopDaemonButton->setToolTip(owns ? tr("Stop the daemon that Mailstead started.")
                                        : tr("Only a daemon started by Mailstead can be "
                                             "stopped here."));
    m_restartDaemonButton->setToolTip(
        owns ? tr("Stop the daemon that Mailstead started and start it again.")
             : tr("Only a daemon started by Mailstead can be restarted here."));
}

void MainWindow::showDaemonError(const QString &title, const QString &message) {
    m_daemonErrorLabel->setText(message.isEmpty() ? title : title + u":\n"_s + message);
    m_daemonErrorLabel->show();
}

} // namespace mailstead::app
