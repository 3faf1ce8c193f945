// StatusPage.cpp - what system.status reports; see StatusPage.h
#include "StatusPage.h"

#include "ipc/IpcClient.h"
#include "supervision/DaemonConnection.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPointer>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

constexpr int defaultRefreshIntervalMs = 5000;
const QString configEvent = u"event.config"_s;
const QString healthEvent = u"event.health"_s;

QString noValueText() {
    return QString(QChar(0x2013)); // en dash: value not known
}

QLabel *valueLabel(const QString &objectName, QWidget *parent) {
    auto *label = new QLabel(noValueText(), parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

StatusPage::StatusPage(DaemonConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_refreshTimer(new QTimer(this)) {
    setObjectName(u"statusPage"_s);
    auto *layout = new QVBoxLayout(this);

    auto *topRow = new QHBoxLayout;
    auto *daemonGroup = new QGroupBox(tr("Daemon"), this);
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

    auto *countsGroup = new QGroupBox(tr("Configuration"), this);
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

    auto *listenersGroup = new QGroupBox(tr("Listeners"), this);
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
    m_statusMessageLabel = new QLabel(this);
    m_statusMessageLabel->setObjectName(u"statusMessageLabel"_s);
    m_statusMessageLabel->setWordWrap(true);
    m_statusMessageLabel->hide();
    layout->addWidget(m_statusMessageLabel);

    connect(m_connection, &DaemonConnection::stateChanged, this, [this] {
        if (m_connection->state() == DaemonConnection::State::Connected)
            requestStatus();
        else
            clearStatus();
    });
    connect(m_connection->client(), &ipc::IpcClient::notificationReceived, this,
            &StatusPage::onNotification);
    m_refreshTimer->setInterval(defaultRefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &StatusPage::requestStatus);
    m_refreshTimer->start();
    // Remembered by the client and renewed after every reconnect.
    m_connection->client()->subscribe({configEvent, healthEvent});
    if (m_connection->state() == DaemonConnection::State::Connected)
        requestStatus();
}

StatusPage::~StatusPage() = default;

void StatusPage::setRefreshInterval(int intervalMs) {
    m_refreshTimer->setInterval(intervalMs);
}

void StatusPage::requestStatus() {
    if (m_connection->state() != DaemonConnection::State::Connected)
        return;
    if (m_statusPending) {
        m_refreshQueued = true;
        return;
    }
    m_statusPending = true;
    QPointer<StatusPage> self(this);
    m_connection->client()->call(u"system.status"_s, {}, [self](const ipc::Reply &reply) {
        if (!self)
            return;
        self->m_statusPending = false;
        if (reply.ok) {
            self->showStatus(reply.result.toObject());
            self->m_statusMessageLabel->hide();
        } else {
            self->m_statusMessageLabel->setText(
                tr("Could not read the daemon status: %1").arg(reply.error.message));
            self->m_statusMessageLabel->show();
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
        return StatusPage::tr("%1 d %2 h %3 min").arg(days).arg(hours).arg(minutes);
    if (hours > 0)
        return StatusPage::tr("%1 h %2 min").arg(hours).arg(minutes);
    if (minutes > 0)
        return StatusPage::tr("%1 min").arg(minutes);
    return StatusPage::tr("%1 s").arg(seconds);
}

QString serviceName(const QString &service) {
    if (service == u"smtp"_s)
        return StatusPage::tr("SMTP (incoming mail)");
    if (service == u"submission"_s)
        return StatusPage::tr("Submission (STARTTLS)");
    if (service == u"submissions"_s)
        return StatusPage::tr("Submission (TLS)");
    if (service == u"imap"_s)
        return StatusPage::tr("IMAP (STARTTLS)");
    if (service == u"imaps"_s)
        return StatusPage::tr("IMAP (TLS)");
    if (service == u"pop3"_s)
        return StatusPage::tr("POP3 (STARTTLS)");
    if (service == u"pop3s"_s)
        return StatusPage::tr("POP3 (TLS)");
    if (service == u"http"_s)
        return StatusPage::tr("HTTP");
    if (service == u"https"_s)
        return StatusPage::tr("HTTPS");
    return service;
}

QString healthText(const QString &health) {
    if (health == u"ok"_s)
        return StatusPage::tr("OK");
    if (health == u"warning"_s)
        return StatusPage::tr("Warning");
    if (health == u"error"_s)
        return StatusPage::tr("Error");
    return health;
}

QString count(const QJsonObject &counts, const QString &key) {
    return QString::number(counts.value(key).toInteger());
}

} // namespace

void StatusPage::showStatus(const QJsonObject &status) {
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
    Q_EMIT statusReceived(status);
}

void StatusPage::clearStatus() {
    const QList<QLabel *> labels = {m_versionLabel,   m_hostnameLabel, m_modeLabel,
                                    m_dataDirLabel,   m_socketLabel,   m_uptimeLabel,
                                    m_healthLabel,    m_domainsLabel,  m_aliasDomainsLabel,
                                    m_mailboxesLabel, m_aliasesLabel};
    for (QLabel *label : labels)
        label->setText(noValueText());
    m_healthLabel->setStyleSheet({});
    m_listenersTable->setRowCount(0);
    m_statusMessageLabel->hide();
}

void StatusPage::onNotification(const QString &method, const QJsonObject &params) {
    if (method == configEvent || method == healthEvent)
        requestStatus();
    if (method == healthEvent)
        Q_EMIT healthEventReceived(params.value(u"health"_s).toString(),
                                   params.value(u"message"_s).toString());
}

} // namespace mailstead::app
