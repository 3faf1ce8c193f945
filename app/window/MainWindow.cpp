// MainWindow.cpp - status page of the desktop app; see MainWindow.h
#include "MainWindow.h"

#include "ipc/IpcClient.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

constexpr int defaultRefreshIntervalMs = 5000;
constexpr int maxLogLines = 5000;
const QString configEvent = u"event.config"_s;

QString placeholder() {
    return QString(QChar(0x2013)); // en dash: value not known
}

QLabel *valueLabel(const QString &objectName, QWidget *parent) {
    auto *label = new QLabel(placeholder(), parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

MainWindow::MainWindow(DaemonConnection *connection, QWidget *parent)
    : QMainWindow(parent)
    , m_connection(connection)
    , m_refreshTimer(new QTimer(this)) {
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Mailstead"));
    resize(980, 720);

    auto *central = new QWidget(this);
    central->setObjectName(u"centralWidget"_s);
    auto *layout = new QVBoxLayout(central);

    auto *topLayout = new QHBoxLayout;
    m_connectionStatusLabel = new QLabel(central);
    m_connectionStatusLabel->setObjectName(u"connectionStatusLabel"_s);
    m_connectionStatusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_startDaemonButton = new QPushButton(tr("Start daemon"), central);
    m_startDaemonButton->setObjectName(u"startDaemonPushButton"_s);
    m_stopDaemonButton = new QPushButton(tr("Stop daemon"), central);
    m_stopDaemonButton->setObjectName(u"stopDaemonPushButton"_s);
    topLayout->addWidget(m_connectionStatusLabel, 1);
    topLayout->addWidget(m_startDaemonButton);
    topLayout->addWidget(m_stopDaemonButton);
    layout->addLayout(topLayout);

    auto *splitter = new QSplitter(Qt::Vertical, central);
    splitter->setObjectName(u"mainSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(createStatusPanel());

    auto *logGroup = new QGroupBox(tr("Daemon output"), splitter);
    logGroup->setObjectName(u"daemonLogGroupBox"_s);
    auto *logLayout = new QVBoxLayout(logGroup);
    m_daemonLog = new QPlainTextEdit(logGroup);
    m_daemonLog->setObjectName(u"daemonLogPlainTextEdit"_s);
    m_daemonLog->setReadOnly(true);
    m_daemonLog->setMaximumBlockCount(maxLogLines);
    m_daemonLog->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_daemonLog->setFont(QFont(u"monospace"_s));
    m_daemonLog->setPlaceholderText(tr("Output of a daemon started by Mailstead appears here."));
    logLayout->addWidget(m_daemonLog);
    splitter->addWidget(logGroup);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);
    statusBar()->setObjectName(u"mainStatusBar"_s);

    connect(m_startDaemonButton, &QPushButton::clicked, this, [this] {
        m_connection->startDaemon();
        updateConnectionState();
    });
    connect(m_stopDaemonButton, &QPushButton::clicked, this, [this] {
        m_connection->stopDaemon();
        updateConnectionState();
    });
    connect(m_connection, &DaemonConnection::stateChanged, this, [this] {
        updateConnectionState();
        if (m_connection->state() == DaemonConnection::State::Connected)
            requestStatus();
        else
            clearStatus();
    });
    connect(m_connection, &DaemonConnection::childRunningChanged, this,
            &MainWindow::updateConnectionState);
    connect(m_connection, &DaemonConnection::logLine, this, &MainWindow::appendLog);
    connect(m_connection->client(), &ipc::IpcClient::notificationReceived, this,
            &MainWindow::onNotification);

    m_refreshTimer->setInterval(defaultRefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &MainWindow::requestStatus);
    m_refreshTimer->start();

    // Remembered by the client and renewed after every reconnect.
    m_connection->client()->subscribe({configEvent});
    updateConnectionState();
    if (m_connection->state() == DaemonConnection::State::Connected)
        requestStatus();
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::createStatusPanel() {
    auto *panel = new QWidget(this);
    panel->setObjectName(u"statusPanelWidget"_s);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *topRow = new QHBoxLayout;
    auto *daemonGroup = new QGroupBox(tr("Daemon"), panel);
    daemonGroup->setObjectName(u"daemonGroupBox"_s);
    auto *daemonForm = new QFormLayout(daemonGroup);
    m_versionLabel = valueLabel(u"versionLabel"_s, daemonGroup);
    m_hostnameLabel = valueLabel(u"hostnameLabel"_s, daemonGroup);
    m_modeLabel = valueLabel(u"modeLabel"_s, daemonGroup);
    m_dataDirLabel = valueLabel(u"dataDirLabel"_s, daemonGroup);
    m_socketLabel = valueLabel(u"socketLabel"_s, daemonGroup);
    m_uptimeLabel = valueLabel(u"uptimeLabel"_s, daemonGroup);
    m_healthLabel = valueLabel(u"healthLabel"_s, daemonGroup);
    daemonForm->addRow(tr("Version:"), m_versionLabel);
    daemonForm->addRow(tr("Hostname:"), m_hostnameLabel);
    daemonForm->addRow(tr("Mode:"), m_modeLabel);
    daemonForm->addRow(tr("Data directory:"), m_dataDirLabel);
    daemonForm->addRow(tr("Socket:"), m_socketLabel);
    daemonForm->addRow(tr("Uptime:"), m_uptimeLabel);
    daemonForm->addRow(tr("Health:"), m_healthLabel);
    topRow->addWidget(daemonGroup, 3);

    auto *countsGroup = new QGroupBox(tr("Configuration"), panel);
    countsGroup->setObjectName(u"countsGroupBox"_s);
    auto *countsForm = new QFormLayout(countsGroup);
    m_domainsLabel = valueLabel(u"domainsLabel"_s, countsGroup);
    m_aliasDomainsLabel = valueLabel(u"aliasDomainsLabel"_s, countsGroup);
    m_mailboxesLabel = valueLabel(u"mailboxesLabel"_s, countsGroup);
    m_aliasesLabel = valueLabel(u"aliasesLabel"_s, countsGroup);
    countsForm->addRow(tr("Domains:"), m_domainsLabel);
    countsForm->addRow(tr("Alias domains:"), m_aliasDomainsLabel);
    countsForm->addRow(tr("Mailboxes:"), m_mailboxesLabel);
    countsForm->addRow(tr("Aliases:"), m_aliasesLabel);
    topRow->addWidget(countsGroup, 1);
    layout->addLayout(topRow);

    auto *listenersGroup = new QGroupBox(tr("Listeners"), panel);
    listenersGroup->setObjectName(u"listenersGroupBox"_s);
    auto *listenersLayout = new QVBoxLayout(listenersGroup);
    m_listenersTable = new QTableWidget(0, 3, listenersGroup);
    m_listenersTable->setObjectName(u"listenersTableWidget"_s);
    m_listenersTable->setHorizontalHeaderLabels({tr("Service"), tr("Address"), tr("Port")});
    m_listenersTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_listenersTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_listenersTable->setAlternatingRowColors(true);
    m_listenersTable->setShowGrid(false);
    m_listenersTable->verticalHeader()->setVisible(false);
    m_listenersTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    QHeaderView *header = m_listenersTable->horizontalHeader();
    header->setSectionResizeMode(0, QHeaderView::Stretch);
    header->setSectionResizeMode(1, QHeaderView::Stretch);
    header->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    listenersLayout->addWidget(m_listenersTable);
    layout->addWidget(listenersGroup, 1);
    return panel;
}

void MainWindow::setRefreshInterval(int intervalMs) {
    m_refreshTimer->setInterval(intervalMs);
}

void MainWindow::requestStatus() {
    if (m_connection->state() != DaemonConnection::State::Connected)
        return;
    if (m_statusPending) {
        m_refreshQueued = true;
        return;
    }
    m_statusPending = true;
    QPointer<MainWindow> self(this);
    m_connection->client()->call(u"system.status"_s, {}, [self](const ipc::Reply &reply) {
        if (!self)
            return;
        self->m_statusPending = false;
        if (reply.ok) {
            self->showStatus(reply.result.toObject());
            self->statusBar()->clearMessage();
        } else {
            self->statusBar()->showMessage(
                tr("Could not read the daemon status: %1").arg(reply.error.message));
        }
        if (self->m_refreshQueued) {
            self->m_refreshQueued = false;
            self->requestStatus();
        }
    });
}

namespace {

QString formatUptime(qint64 seconds) {
    const qint64 days = seconds / 86400;
    const qint64 hours = seconds / 3600 % 24;
    const qint64 minutes = seconds / 60 % 60;
    if (days > 0)
        return MainWindow::tr("%1 d %2 h %3 min").arg(days).arg(hours).arg(minutes);
    if (hours > 0)
        return MainWindow::tr("%1 h %2 min").arg(hours).arg(minutes);
    if (minutes > 0)
        return MainWindow::tr("%1 min").arg(minutes);
    return MainWindow::tr("%1 s").arg(seconds);
}

QString serviceName(const QString &service) {
    if (service == u"smtp"_s)
        return MainWindow::tr("SMTP (incoming mail)");
    if (service == u"submission"_s)
        return MainWindow::tr("Submission (STARTTLS)");
    if (service == u"submissions"_s)
        return MainWindow::tr("Submission (TLS)");
    if (service == u"imap"_s)
        return MainWindow::tr("IMAP (STARTTLS)");
    if (service == u"imaps"_s)
        return MainWindow::tr("IMAP (TLS)");
    if (service == u"pop3"_s)
        return MainWindow::tr("POP3 (STARTTLS)");
    if (service == u"pop3s"_s)
        return MainWindow::tr("POP3 (TLS)");
    if (service == u"http"_s)
        return MainWindow::tr("HTTP");
    if (service == u"https"_s)
        return MainWindow::tr("HTTPS");
    return service;
}

QString healthText(const QString &health) {
    if (health == u"ok"_s)
        return MainWindow::tr("OK");
    if (health == u"warning"_s)
        return MainWindow::tr("Warning");
    if (health == u"error"_s)
        return MainWindow::tr("Error");
    return health;
}

QString count(const QJsonObject &counts, const QString &key) {
    return QString::number(counts.value(key).toInteger());
}

} // namespace

void MainWindow::showStatus(const QJsonObject &status) {
    m_versionLabel->setText(status.value(u"version"_s).toString());
    m_hostnameLabel->setText(status.value(u"hostname"_s).toString());
    m_modeLabel->setText(status.value(u"local_mode"_s).toBool()
                             ? tr("Local (started for this user)")
                             : tr("Installed (system service)"));
    m_dataDirLabel->setText(status.value(u"data_dir"_s).toString());
    m_socketLabel->setText(status.value(u"socket"_s).toString());
    m_uptimeLabel->setText(formatUptime(status.value(u"uptime_seconds"_s).toInteger()));

    const QString health = status.value(u"health"_s).toString();
    m_healthLabel->setText(healthText(health));
    QString color;
    if (health == u"warning"_s)
        color = u"#b36b00"_s;
    else if (health == u"error"_s)
        color = u"#c0392b"_s;
    else if (health == u"ok"_s)
        color = u"#1e8449"_s;
    m_healthLabel->setStyleSheet(
        color.isEmpty() ? QString() : u"QLabel { color: "_s + color + u"; font-weight: bold; }"_s);

    const QJsonArray listeners = status.value(u"listeners"_s).toArray();
    m_listenersTable->setRowCount(int(listeners.size()));
    for (int row = 0; row < listeners.size(); ++row) {
        const QJsonObject listener = listeners.at(row).toObject();
        const QString service = listener.value(u"service"_s).toString();
        auto *serviceItem = new QTableWidgetItem(serviceName(service));
        serviceItem->setData(Qt::UserRole, service);
        serviceItem->setToolTip(service);
        auto *addressItem = new QTableWidgetItem(listener.value(u"address"_s).toString());
        auto *portItem =
            new QTableWidgetItem(QString::number(listener.value(u"port"_s).toInteger()));
        portItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_listenersTable->setItem(row, 0, serviceItem);
        m_listenersTable->setItem(row, 1, addressItem);
        m_listenersTable->setItem(row, 2, portItem);
    }

    const QJsonObject counts = status.value(u"counts"_s).toObject();
    m_domainsLabel->setText(count(counts, u"domains"_s));
    m_aliasDomainsLabel->setText(count(counts, u"alias_domains"_s));
    m_mailboxesLabel->setText(count(counts, u"mailboxes"_s));
    m_aliasesLabel->setText(count(counts, u"aliases"_s));
}

void MainWindow::clearStatus() {
    const QList<QLabel *> labels = {m_versionLabel,   m_hostnameLabel, m_modeLabel,
                                    m_dataDirLabel,   m_socketLabel,   m_uptimeLabel,
                                    m_healthLabel,    m_domainsLabel,  m_aliasDomainsLabel,
                                    m_mailboxesLabel, m_aliasesLabel};
    for (QLabel *label : labels)
        label->setText(placeholder());
    m_healthLabel->setStyleSheet({});
    m_listenersTable->setRowCount(0);
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
}

void MainWindow::onNotification(const QString &method, const QJsonObject &params) {
    Q_UNUSED(params)
    if (method == configEvent)
        requestStatus();
}

void MainWindow::appendLog(const QString &line) {
    m_daemonLog->appendPlainText(line);
}

} // namespace mailstead::app
