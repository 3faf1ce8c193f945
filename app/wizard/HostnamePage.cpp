// HostnamePage.cpp - host name, addresses and their DNS; see HostnamePage.h
#include "HostnamePage.h"

#include "dialogs/FieldErrors.h"
#include "DnsStatus.h"
#include "ipc/IpcClient.h"
#include "SetupWizard.h"
#include "validation/Address.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkInterface>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

const QString hostnameKey = u"hostname"_s;
// RFC 1918 and RFC 4193 addresses: not reachable from the internet.
bool isPrivateAddress(const QHostAddress &address) {
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return address.isUniqueLocalUnicast() || address.isSiteLocal();
    for (const char *subnet : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"}) {
        if (address.isInSubnet(QHostAddress::parseSubnet(QString::fromLatin1(subnet))))
            return true;
    }
    return false;
}

enum Column { StatusColumn, NameColumn, TypeColumn, ExpectedColumn, ColumnCount };

} // namespace

HostnamePage::HostnamePage(SetupWizard *wizard)
    : SetupWizardPage(wizard) {
    setObjectName(u"hostnameWizardPage"_s);
    setTitle(tr("Host name"));
    setSubTitle(tr("The full name of this server on the internet, such as mail.example.com. "
                   "Other mail servers and your mail programs connect to it."));

    m_hostnameLineEdit = new QLineEdit(this);
    m_hostnameLineEdit->setObjectName(u"hostnameLineEdit"_s);
    m_hostnameLineEdit->setPlaceholderText(tr("for example mail.example.com"));
    m_hostnameErrorLabel = createErrorLabel(u"hostnameErrorLabel"_s, this);
    m_configNoteLabel = new QLabel(this);
    m_configNoteLabel->setObjectName(u"hostnameConfigNoteLabel"_s);
    m_configNoteLabel->setWordWrap(true);
    m_configNoteLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_configNoteLabel->hide();

    m_addressesListWidget = new QListWidget(this);
    m_addressesListWidget->setObjectName(u"machineAddressesListWidget"_s);
    m_addressesListWidget->setMaximumHeight(90);
    m_checkButton = new QPushButton(tr("&Check DNS"), this);
    m_checkButton->setObjectName(u"checkHostnamePushButton"_s);
    m_checkStateLabel = new QLabel(this);
    m_checkStateLabel->setObjectName(u"hostnameCheckStateLabel"_s);
    m_checkStateLabel->setWordWrap(true);
    m_checkTableWidget = new QTableWidget(0, ColumnCount, this);
    m_checkTableWidget->setObjectName(u"hostnameCheckTableWidget"_s);
    m_checkTableWidget->setHorizontalHeaderLabels(
        {tr("Status"), tr("Name"), tr("Type"), tr("Should be")});
    m_checkTableWidget->horizontalHeader()->setStretchLastSection(true);
    m_checkTableWidget->verticalHeader()->hide();
    m_checkTableWidget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_checkTableWidget->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *hostnameLabel = new QLabel(tr("&Host name:"), this);
    hostnameLabel->setBuddy(m_hostnameLineEdit);
    auto *hostnameColumn = new QVBoxLayout;
    hostnameColumn->setSpacing(2);
    hostnameColumn->addWidget(m_hostnameLineEdit);
    hostnameColumn->addWidget(m_hostnameErrorLabel);
    hostnameColumn->addWidget(m_configNoteLabel);
    form->addRow(hostnameLabel, hostnameColumn);
    auto *addressesLabel = new QLabel(tr("This machine's &addresses:"), this);
    addressesLabel->setBuddy(m_addressesListWidget);
    form->addRow(addressesLabel, m_addressesListWidget);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto *checkRow = new QHBoxLayout;
    checkRow->addWidget(m_checkButton);
    checkRow->addWidget(m_checkStateLabel, 1);
    layout->addLayout(checkRow);
    layout->addWidget(m_checkTableWidget, 1);
    layout->addStretch(1); // while the table is hidden

    const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : addresses) {
        if (address.isLoopback() || address.isLinkLocal())
            continue;
        QString text = address.toString();
        if (isPrivateAddress(address))
            text = tr("%1 (private: reachable only in your network)").arg(text);
        else if (address.isGlobal())
            text = tr("%1 (public)").arg(text);
        m_addressesListWidget->addItem(text);
    }
    if (m_addressesListWidget->count() == 0)
        m_addressesListWidget->addItem(tr("No address besides the loopback address."));

    m_hostnameLineEdit->setText(progress().value(hostnameKey));
    registerField(u"hostname*"_s, m_hostnameLineEdit);
    connect(m_hostnameLineEdit, &QLineEdit::textChanged, this, &HostnamePage::onHostnameEdited);
    m_checkTableWidget->hide(); // until there are results
    m_checkStateLabel->setText(tr("Check whether the name points to this server (A/AAAA) and "
                                  "each address points back to the name (PTR)."));
    onHostnameEdited();
    connect(m_checkButton, &QPushButton::clicked, this, &HostnamePage::check);
}

QString HostnamePage::hostnameError(const QString &hostname) {
    const QString text = hostname.trimmed();
    if (text.isEmpty())
        return tr("Enter the server's host name.");
    const DomainName name = parseDomain(text);
    if (!name.ok)
        return tr("\"%1\" is not a valid host name: %2").arg(text, name.error);
    if (name.ace == u"localhost"_s || name.ace.endsWith(u".localhost"_s))
        return tr("Other servers cannot reach \"%1\"; enter the name this machine has on the "
                  "internet.")
            .arg(text);
    return {};
}

void HostnamePage::initializePage() {
    QPointer<HostnamePage> self(this);
    client()->call(u"system.status"_s, {}, [self](const ipc::Reply &reply) {
        if (!self || !reply.ok)
            return;
        self->m_daemonHostname = reply.result.toObject().value(u"hostname"_s).toString();
        if (self->m_hostnameLineEdit->text().isEmpty())
            self->m_hostnameLineEdit->setText(self->m_daemonHostname);
        self->updateConfigNote();
    });
}

void HostnamePage::onHostnameEdited() {
    const QString error = hostnameError(m_hostnameLineEdit->text());
    // Not while the person is still typing the first letters.
    m_hostnameErrorLabel->setText(error);
    m_hostnameErrorLabel->setVisible(!error.isEmpty() && !m_hostnameLineEdit->text().isEmpty());
    updateConfigNote();
    Q_EMIT completeChanged();
}

void HostnamePage::updateConfigNote() {
    const DomainName name = parseDomain(m_hostnameLineEdit->text().trimmed());
    const bool differs = name.ok && !m_daemonHostname.isEmpty() && name.ace != m_daemonHostname;
    m_configNoteLabel->setText(
        tr("The server currently calls itself %1. To change that, set \"hostname = %2\" in the "
           "[general] section of its configuration file and restart it.")
            .arg(m_daemonHostname, name.ace));
    m_configNoteLabel->setVisible(differs);
}

bool HostnamePage::isComplete() const {
    return hostnameError(m_hostnameLineEdit->text()).isEmpty();
}

bool HostnamePage::validatePage() {
    const QString error = hostnameError(m_hostnameLineEdit->text());
    if (!error.isEmpty()) {
        m_hostnameErrorLabel->setText(error);
        m_hostnameErrorLabel->show();
        return false;
    }
    progress().setValue(hostnameKey, parseDomain(m_hostnameLineEdit->text().trimmed()).ace);
    return true;
}

void HostnamePage::check() {
    if (m_checking)
        return;
    m_checking = true;
    m_checkButton->setEnabled(false);
    m_checkStateLabel->setText(tr("Looking up the host name's records…"));
    QPointer<HostnamePage> self(this);
    auto finish = [self](const QString &message) {
        if (!self)
            return;
        self->m_checking = false;
        self->m_checkButton->setEnabled(true);
        self->m_checkStateLabel->setText(message);
    };
    // Without a domain dns.check returns only the server's own rows, so this
    // works before the first domain exists.
    client()->call(u"dns.check"_s, {}, [self, finish](const ipc::Reply &checked) {
        if (!self)
            return;
        if (!checked.ok)
            return finish(checked.error.message);
        self->showCheck(checked.result.toObject());
        finish(tr("Checked the records of %1.")
                   .arg(checked.result.toObject().value(u"hostname"_s).toString()));
    });
}

void HostnamePage::showCheck(const QJsonObject &result) {
    m_checkTableWidget->setRowCount(0);
    const QJsonArray records = result.value(u"records"_s).toArray();
    for (const QJsonValue &value : records) {
        const QJsonObject record = value.toObject();
        const QString role = record.value(u"role"_s).toString();
        if (role != u"address"_s && role != u"ptr"_s)
            continue;
        const int row = m_checkTableWidget->rowCount();
        m_checkTableWidget->insertRow(row);
        const QString status = record.value(u"status"_s).toString();
        auto *statusItem = new QTableWidgetItem(dnsStatusIcon(status), dnsStatusText(status));
        statusItem->setToolTip(dnsStatusToolTip(record));
        m_checkTableWidget->setItem(row, StatusColumn, statusItem);
        m_checkTableWidget->setItem(row, NameColumn,
                                    new QTableWidgetItem(record.value(u"name"_s).toString()));
        m_checkTableWidget->setItem(row, TypeColumn,
                                    new QTableWidgetItem(record.value(u"type"_s).toString()));
        const QString expected = record.value(u"value"_s).toString();
        m_checkTableWidget->setItem(row, ExpectedColumn,
                                    new QTableWidgetItem(expected.isEmpty()
                                                             ? record.value(u"note"_s).toString()
                                                             : expected));
    }
    m_checkTableWidget->resizeColumnsToContents();
    const bool results = m_checkTableWidget->rowCount() > 0;
    m_checkTableWidget->setVisible(results);
    // The stretch below the table takes the room only while it is hidden.
    if (auto *box = qobject_cast<QVBoxLayout *>(layout()))
        box->setStretch(box->count() - 1, results ? 0 : 1);
}

} // namespace mailstead::app
