// DnsRecordsPage.cpp - records table, copy, export and check; see DnsRecordsPage.h
#include "DnsRecordsPage.h"

#include "DnsStatus.h"
#include "ipc/IpcClient.h"
#include "SetupWizard.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

enum Column { StatusColumn, NameColumn, TypeColumn, ValueColumn, CopyColumn, ColumnCount };
constexpr int maxNameColumnWidth = 260; // reverse names of IPv6 addresses are longer

} // namespace

DnsRecordsPage::DnsRecordsPage(SetupWizard *wizard)
    : SetupWizardPage(wizard) {
    setObjectName(u"dnsRecordsWizardPage"_s);
    setTitle(tr("DNS records"));
    setSubTitle(tr("Publish these records at your DNS provider so that other servers find "
                   "yours and trust its mail. Changes can take a while to show up; you can "
                   "continue now and check again later."));

    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(u"dnsStateLabel"_s);
    m_stateLabel->setWordWrap(true);
    m_recordsTableWidget = new QTableWidget(0, ColumnCount, this);
    m_recordsTableWidget->setObjectName(u"dnsRecordsTableWidget"_s);
    m_recordsTableWidget->setHorizontalHeaderLabels(
        {tr("Status"), tr("Name"), tr("Type"), tr("Value"), QString()});
    m_recordsTableWidget->verticalHeader()->hide();
    m_recordsTableWidget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recordsTableWidget->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_recordsTableWidget->setWordWrap(false);
    m_recordsTableWidget->setTextElideMode(Qt::ElideMiddle);
    m_recordsTableWidget->horizontalHeader()->setSectionResizeMode(ValueColumn,
                                                                   QHeaderView::Stretch);
    m_checkButton = new QPushButton(tr("C&heck again"), this);
    m_checkButton->setObjectName(u"dnsCheckPushButton"_s);
    m_exportButton = new QPushButton(tr("&Export BIND snippet…"), this);
    m_exportButton->setObjectName(u"exportZonePushButton"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_recordsTableWidget, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_checkButton);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_stateLabel, 1);
    layout->addLayout(buttons);

    connect(m_checkButton, &QPushButton::clicked, this, &DnsRecordsPage::checkAgain);
    connect(m_exportButton, &QPushButton::clicked, this, &DnsRecordsPage::chooseExportFile);
}

void DnsRecordsPage::initializePage() {
    m_domain = progress().value(u"added_domain"_s);
    load();
}

bool DnsRecordsPage::isComplete() const {
    return m_loaded;
}

void DnsRecordsPage::load() {
    m_loaded = false;
    Q_EMIT completeChanged();
    m_stateLabel->setText(tr("Loading the records…"));
    QPointer<DnsRecordsPage> self(this);
    client()->call(u"dns.records"_s, {{u"domain"_s, m_domain}}, [self](const ipc::Reply &reply) {
        if (!self)
            return;
        if (!reply.ok) {
            self->m_stateLabel->setText(reply.error.message);
            return;
        }
        self->showRecords(reply.result.toObject().value(u"records"_s).toArray(), false);
        self->m_stateLabel->setText(
            tr("Not checked yet. Press \"Check again\" once the records are published."));
        self->m_loaded = true;
        Q_EMIT self->completeChanged();
    });
}

void DnsRecordsPage::showRecords(const QJsonArray &records, bool checked) {
    m_recordsTableWidget->setRowCount(0);
    for (const QJsonValue &value : records) {
        const QJsonObject record = value.toObject();
        const int row = m_recordsTableWidget->rowCount();
        m_recordsTableWidget->insertRow(row);
        const QString status = checked ? record.value(u"status"_s).toString() : QString();
        // Before a check the column stays empty rather than repeating "not checked".
        auto *statusItem = new QTableWidgetItem(dnsStatusIcon(status),
                                                checked ? dnsStatusText(status) : QString());
        statusItem->setToolTip(checked ? dnsStatusToolTip(record)
                                       : record.value(u"purpose"_s).toString());
        statusItem->setData(Qt::UserRole, status);
        m_recordsTableWidget->setItem(row, StatusColumn, statusItem);
        auto *nameItem = new QTableWidgetItem(record.value(u"name"_s).toString());
        nameItem->setToolTip(record.value(u"name"_s).toString() + u'\n' +
                             record.value(u"purpose"_s).toString());
        m_recordsTableWidget->setItem(row, NameColumn, nameItem);
        m_recordsTableWidget->setItem(row, TypeColumn,
                                      new QTableWidgetItem(record.value(u"type"_s).toString()));
        const QString recordValue = record.value(u"value"_s).toString();
        const QString note = record.value(u"note"_s).toString();
        auto *valueItem = new QTableWidgetItem(recordValue.isEmpty() ? note : recordValue);
        valueItem->setToolTip(recordValue.isEmpty() ? note : recordValue);
        m_recordsTableWidget->setItem(row, ValueColumn, valueItem);
        if (recordValue.isEmpty())
            continue;
        auto *copy = new QPushButton(tr("Copy"), m_recordsTableWidget);
        copy->setObjectName(u"copyRecordPushButton"_s + QString::number(row));
        copy->setAccessibleName(
            tr("Copy the value of %1 %2")
                .arg(record.value(u"name"_s).toString(), record.value(u"type"_s).toString()));
        connect(copy, &QPushButton::clicked, this, [this, recordValue] {
            QApplication::clipboard()->setText(recordValue);
            m_stateLabel->setText(tr("Copied: %1").arg(recordValue.left(60)));
        });
        m_recordsTableWidget->setCellWidget(row, CopyColumn, copy);
    }
    m_recordsTableWidget->resizeColumnToContents(StatusColumn);
    m_recordsTableWidget->resizeColumnToContents(NameColumn);
    if (m_recordsTableWidget->columnWidth(NameColumn) > maxNameColumnWidth)
        m_recordsTableWidget->setColumnWidth(NameColumn, maxNameColumnWidth);
    m_recordsTableWidget->resizeColumnToContents(TypeColumn);
    m_recordsTableWidget->resizeColumnToContents(CopyColumn);
}

void DnsRecordsPage::checkAgain() {
    m_checkButton->setEnabled(false);
    m_stateLabel->setText(tr("Looking up every record…"));
    QPointer<DnsRecordsPage> self(this);
    client()->call(u"dns.check"_s, {{u"domain"_s, m_domain}}, [self](const ipc::Reply &reply) {
        if (!self)
            return;
        self->m_checkButton->setEnabled(true);
        if (!reply.ok) {
            self->m_stateLabel->setText(reply.error.message);
        } else {
            const QJsonObject result = reply.result.toObject();
            self->showRecords(result.value(u"records"_s).toArray(), true);
            const QJsonObject summary = result.value(u"summary"_s).toObject();
            self->m_stateLabel->setText(
                tr("%1 published, %2 missing, %3 different, %4 without answer.")
                    .arg(summary.value(u"ok"_s).toInt())
                    .arg(summary.value(u"missing"_s).toInt())
                    .arg(summary.value(u"different"_s).toInt())
                    .arg(summary.value(u"error"_s).toInt()));
        }
        Q_EMIT self->checkFinished();
    });
}

void DnsRecordsPage::chooseExportFile() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export DNS records"), QDir::home().filePath(m_domain + u".zone"_s),
        tr("Zone file snippets (*.zone *.txt);;All files (*)"));
    if (!path.isEmpty())
        exportZoneTo(path);
}

void DnsRecordsPage::exportZoneTo(const QString &path) {
    QPointer<DnsRecordsPage> self(this);
    client()->call(
        u"dns.records"_s, {{u"domain"_s, m_domain}, {u"zone"_s, true}},
        [self, path](const ipc::Reply &reply) {
            if (!self)
                return;
            QString error;
            if (!reply.ok) {
                error = reply.error.message;
            } else {
                QSaveFile file(path);
                const QByteArray zone =
                    reply.result.toObject().value(u"zone"_s).toString().toUtf8();
                if (!file.open(QIODevice::WriteOnly) || file.write(zone) < 0 || !file.commit())
                    error = file.errorString();
            }
            self->m_stateLabel->setText(error.isEmpty()
                                            ? tr("Saved the records to %1.").arg(path)
                                            : tr("Could not save %1: %2").arg(path, error));
            Q_EMIT self->zoneExported(path, error);
        });
}

} // namespace mailstead::app
