// MainWindow.cpp - sidebar, pages and daemon controls; see MainWindow.h
#include "MainWindow.h"

#include "pages/AliasesPage.h"
#include "pages/DomainsPage.h"
#include "pages/LogPage.h"
#include "pages/MailboxesPage.h"
#include "pages/StatusPage.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "tray/TrayController.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QHBoxLayout>
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
    , m_connection(connection) {
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
        m_connection->startDaemon();
        updateConnectionState();
    });
    connect(m_stopDaemonButton, &QPushButton::clicked, this, [this] {
        m_connection->stopDaemon();
        updateConnectionState();
    });
    connect(m_restartDaemonButton, &QPushButton::clicked, this, [this] {
        m_connection->restartDaemon();
        updateConnectionState();
    });
    connect(m_connection, &DaemonConnection::stateChanged, this,
            &MainWindow::updateConnectionState);
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

    const bool connected = m_connection->state() == DaemonConnection::State::Connected;
    m_startDaemonButton->setEnabled(!owns && !connected);
    m_startDaemonButton->setToolTip(
        connected && !owns ? tr("A daemon that Mailstead did not start is already running.")
                           : tr("Start a local mailsteadd for this user."));
    m_stopDaemonButton->setEnabled(owns);
    m_stopDaemonButton->setToolTip(
        owns ? tr("Stop the daemon that Mailstead started.")
             : tr("Only a daemon started by Mailstead can be stopped here; "
                  "stop a system service with systemctl."));
    m_restartDaemonButton->setEnabled(owns);
    m_restartDaemonButton->setToolTip(
        owns ? tr("Stop the daemon that Mailstead started and start it again.")
             : tr("Only a daemon started by Mailstead can be restarted here; "
                  "restart a system service with systemctl."));
}

} // namespace mailstead::app
