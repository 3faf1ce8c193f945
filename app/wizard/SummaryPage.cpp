// SummaryPage.cpp - client settings, autoconfig and a test message; see SummaryPage.h
#include "SummaryPage.h"

#include "ipc/IpcClient.h"
#include "SetupWizard.h"
#include "SmtpTestClient.h"

#include <QHeaderView>
#include <QHostAddress>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

constexpr int pollIntervalMs = 250;
constexpr int maxPolls = 80; // 20 s for the message to be stored
constexpr int autoconfigTimeoutMs = 10 * 1000;

enum Column { KindColumn, ServerColumn, PortColumn, SecurityColumn, ColumnCount };

// A listener bound to every address is reached through the loopback address.
QString reachableHost(const QString &address) {
    const QHostAddress host(address);
    if (host == QHostAddress::AnyIPv4 || host.isNull())
        return u"127.0.0.1"_s;
    if (host == QHostAddress::AnyIPv6)
        return u"::1"_s;
    return address;
}

} // namespace

SummaryPage::SummaryPage(SetupWizard *wizard)
    : SetupWizardPage(wizard)
    , m_smtp(new SmtpTestClient(this))
    , m_network(new QNetworkAccessManager(this))
    , m_pollTimer(new QTimer(this)) {
    setObjectName(u"summaryWizardPage"_s);
    setTitle(tr("Ready"));
    setSubTitle(tr("Your mail server is set up. Enter these settings in Thunderbird, Outlook "
                   "or your phone's mail app."));

    m_introLabel = new QLabel(this);
    m_introLabel->setObjectName(u"summaryIntroLabel"_s);
    m_introLabel->setWordWrap(true);
    m_introLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_settingsTableWidget = new QTableWidget(0, ColumnCount, this);
    m_settingsTableWidget->setObjectName(u"clientSettingsTableWidget"_s);
    m_settingsTableWidget->setHorizontalHeaderLabels(
        {tr("Connection"), tr("Server"), tr("Port"), tr("Security")});
    m_settingsTableWidget->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_settingsTableWidget->horizontalHeader()->setSectionResizeMode(SecurityColumn,
                                                                    QHeaderView::Stretch);
    m_settingsTableWidget->verticalHeader()->hide();
    m_settingsTableWidget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_settingsTableWidget->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_autoconfigLabel = new QLabel(this);
    m_autoconfigLabel->setObjectName(u"autoconfigLabel"_s);
    m_autoconfigLabel->setWordWrap(true);
    m_sendTestButton = new QPushButton(tr("Send a &test message"), this);
    m_sendTestButton->setObjectName(u"sendTestMessagePushButton"_s);
    m_testResultLabel = new QLabel(this);
    m_testResultLabel->setObjectName(u"testMessageResultLabel"_s);
    m_testResultLabel->setWordWrap(true);
    m_testResultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_introLabel);
    layout->addWidget(m_settingsTableWidget);
    layout->addWidget(m_autoconfigLabel);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_sendTestButton);
    testRow->addWidget(m_testResultLabel, 1);
    layout->addLayout(testRow);
    layout->addStretch(1);

    // The daemon is on this machine: never through a proxy from the environment.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_pollTimer->setInterval(pollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &SummaryPage::pollArrival);
    connect(m_sendTestButton, &QPushButton::clicked, this, &SummaryPage::sendTestMessage);
    connect(m_smtp, &SmtpTestClient::finished, this, &SummaryPage::onSent);
}

void SummaryPage::initializePage() {
    m_address = progress().value(u"added_mailbox"_s);
    m_sendTestButton->setEnabled(false);
    QPointer<SummaryPage> self(this);
    client()->call(u"system.status"_s, {}, [self](const ipc::Reply &reply) {
        if (!self)
            return;
        if (!reply.ok) {
            self->m_introLabel->setText(reply.error.message);
            return;
        }
        self->showStatus(reply.result.toObject());
    });
}

void SummaryPage::showStatus(const QJsonObject &status) {
    const QString hostname = status.value(u"hostname"_s).toString();
    m_introLabel->setText(tr("User name: %1\nPassword: the one you chose for this mailbox\n"
                             "Server: %2")
                              .arg(m_address, hostname));

    struct Service {
        QString name;
        QString kind;
        QString security;
    };
    const QList<Service> services = {
        {u"imaps"_s, tr("Incoming mail (IMAP)"), tr("SSL/TLS")},
        {u"imap"_s, tr("Incoming mail (IMAP)"), tr("STARTTLS")},
        {u"pop3s"_s, tr("Incoming mail (POP3)"), tr("SSL/TLS")},
        {u"pop3"_s, tr("Incoming mail (POP3)"), tr("STARTTLS")},
        {u"submissions"_s, tr("Outgoing mail (SMTP)"), tr("SSL/TLS")},
        {u"submission"_s, tr("Outgoing mail (SMTP)"), tr("STARTTLS")},
    };
    const QJsonArray listeners = status.value(u"listeners"_s).toArray();
    m_settingsTableWidget->setRowCount(0);
    m_smtpPort = 0;
    QString httpHost;
    quint16 httpPort = 0;
    for (const QJsonValue &value : listeners) {
        const QJsonObject listener = value.toObject();
        const QString service = listener.value(u"service"_s).toString();
        const auto port = quint16(listener.value(u"port"_s).toInt());
        const QString host = reachableHost(listener.value(u"address"_s).toString());
        if (service == u"smtp"_s && m_smtpPort == 0) {
            m_smtpHost = host;
            m_smtpPort = port;
        } else if (service == u"http"_s && httpPort == 0) {
            httpHost = host;
            httpPort = port;
        }
    }
    for (const Service &service : services) {
        for (const QJsonValue &value : listeners) {
            const QJsonObject listener = value.toObject();
            if (listener.value(u"service"_s).toString() != service.name)
                continue;
            const int row = m_settingsTableWidget->rowCount();
            m_settingsTableWidget->insertRow(row);
            m_settingsTableWidget->setItem(row, KindColumn, new QTableWidgetItem(service.kind));
            m_settingsTableWidget->setItem(row, ServerColumn, new QTableWidgetItem(hostname));
            m_settingsTableWidget->setItem(
                row, PortColumn,
                new QTableWidgetItem(QString::number(listener.value(u"port"_s).toInt())));
            m_settingsTableWidget->setItem(row, SecurityColumn,
                                           new QTableWidgetItem(service.security));
            break;
        }
    }
    int height = m_settingsTableWidget->horizontalHeader()->height() +
                 2 * m_settingsTableWidget->frameWidth();
    for (int row = 0; row < m_settingsTableWidget->rowCount(); ++row)
        height += m_settingsTableWidget->rowHeight(row);
    m_settingsTableWidget->setFixedHeight(height);

    m_sendTestButton->setEnabled(m_smtpPort != 0 && !m_address.isEmpty());
    if (m_smtpPort == 0)
        m_testResultLabel->setText(tr("The server has no smtp listener to receive a test "
                                      "message."));
    if (httpPort == 0) {
        m_autoconfigLabel->setText(tr("Automatic configuration: off (the server has no http "
                                      "listener). Enter the settings above by hand."));
        Q_EMIT autoconfigChecked(false);
    } else {
        checkAutoconfig(httpHost, httpPort);
    }
}

void SummaryPage::checkAutoconfig(const QString &host, quint16 port) {
    const QString domain = m_address.section(u'@', -1);
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u"/mail/config-v1.1.xml"_s);
    url.setQuery(QUrlQuery{{u"emailaddress"_s, m_address}});
    QNetworkRequest request(url);
    // As Thunderbird asks: the autoconfig name of the domain (RFC-less
    // convention of Mozilla's ISPDB lookup).
    request.setRawHeader("Host", "autoconfig." + domain.toUtf8());
    request.setTransferTimeout(autoconfigTimeoutMs);
    m_autoconfigLabel->setText(tr("Checking automatic configuration…"));
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, domain] {
        reply->deleteLater();
        const QByteArray body = reply->read(64 * 1024);
        const bool ok = reply->error() == QNetworkReply::NoError &&
                        body.contains("<clientConfig") && body.contains("<incomingServer");
        if (ok)
            m_autoconfigLabel->setText(
                tr("Automatic configuration: on. Thunderbird and other programs that ask "
                   "autoconfig.%1 fill in these settings themselves once its DNS record is "
                   "published.")
                    .arg(domain));
        else
            m_autoconfigLabel->setText(
                tr("Automatic configuration does not answer (%1); enter the settings by hand.")
                    .arg(reply->errorString()));
        Q_EMIT autoconfigChecked(ok);
    });
}

void SummaryPage::sendTestMessage() {
    if (m_smtp->isRunning() || m_pollTimer->isActive() || m_smtpPort == 0)
        return;
    m_sendTestButton->setEnabled(false);
    m_testResultLabel->setText(tr("Sending…"));
    QPointer<SummaryPage> self(this);
    client()->call(u"mailbox.get"_s, {{u"address"_s, m_address}}, [self](const ipc::Reply &reply) {
        if (!self)
            return;
        if (!reply.ok)
            return self->endTest(false, reply.error.message);
        self->m_messagesBefore =
            reply.result.toObject().value(u"usage"_s).toObject().value(u"messages"_s).toInteger();
        SmtpTestClient::Message message;
        message.from = self->m_address;
        message.to = self->m_address;
        message.subject = tr("Mailstead test message");
        message.body = tr("This message was sent by the Mailstead setup wizard to check that "
                          "your server receives mail. You can delete it.\n");
        self->m_smtp->send(self->m_smtpHost, self->m_smtpPort, message);
    });
}

void SummaryPage::onSent(bool ok, const QString &reply) {
    if (!ok)
        return endTest(false, tr("The server refused the message: %1").arg(reply));
    m_testResultLabel->setText(tr("Sent; waiting for it to arrive…"));
    m_pollsLeft = maxPolls;
    m_pollTimer->start();
}

void SummaryPage::pollArrival() {
    if (m_pollsLeft-- <= 0)
        return endTest(false, tr("The server accepted the message, but it did not arrive in "
                                 "the mailbox within %1 seconds.")
                                  .arg(maxPolls * pollIntervalMs / 1000));
    m_pollTimer->stop(); // one question at a time
    QPointer<SummaryPage> self(this);
    client()->call(u"mailbox.get"_s, {{u"address"_s, m_address}}, [self](const ipc::Reply &reply) {
        if (!self)
            return;
        if (!reply.ok)
            return self->endTest(false, reply.error.message);
        const qint64 messages =
            reply.result.toObject().value(u"usage"_s).toObject().value(u"messages"_s).toInteger();
        if (messages > self->m_messagesBefore)
            return self->endTest(
                true, tr("The test message arrived in the inbox of %1.").arg(self->m_address));
        self->m_pollTimer->start();
    });
}

void SummaryPage::endTest(bool arrived, const QString &message) {
    m_pollTimer->stop();
    m_sendTestButton->setEnabled(true);
    m_testResultLabel->setStyleSheet(arrived ? u"QLabel { color: #1e8449; }"_s
                                             : u"QLabel { color: #c0392b; }"_s);
    m_testResultLabel->setText(message);
    Q_EMIT testMessageFinished(arrived);
}

} // namespace mailstead::app
