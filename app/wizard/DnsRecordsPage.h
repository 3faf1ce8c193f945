// DnsRecordsPage.h - setup wizard page 4: the DNS records to publish
//
// The rows of dns.records for the new domain (MX, SPF, DKIM, DMARC,
// MTA-STS, TLS-RPT, SRV, the host name's A/AAAA and PTR), each with a
// button that copies its value, and an export of the whole set as a BIND
// zone-file snippet (dns.records with zone: true). "Check again" runs
// dns.check and puts a status icon in front of every row. Publishing takes
// time, so Next only needs the records to be shown, not published.
#pragma once

#include "SetupWizardPage.h"

#include <QJsonArray>

class QLabel;
class QPushButton;
class QTableWidget;

namespace mailstead::app {

class DnsRecordsPage : public SetupWizardPage {
    Q_OBJECT
public:
    explicit DnsRecordsPage(SetupWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

    // Writes the zone-file snippet to path; zoneExported() tells the outcome.
    void exportZoneTo(const QString &path);
    void checkAgain();

Q_SIGNALS:
    void zoneExported(const QString &path, const QString &error);
    void checkFinished();

private:
    void load();
    void showRecords(const QJsonArray &records, bool checked);
    void chooseExportFile();

    QLabel *m_stateLabel = nullptr;
    QTableWidget *m_recordsTableWidget = nullptr;
    QPushButton *m_checkButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QString m_domain;
    bool m_loaded = false;
};

} // namespace mailstead::app
