// SummaryPage.h - setup wizard page 7: what to type into mail programs
//
// Server name, ports and security for Thunderbird, Outlook and phones, taken
// from the listeners system.status reports (real ports: local mode and
// port 0 included). When an http listener runs, the page fetches the
// Thunderbird autoconfig document from it and says whether clients will
// find their settings alone. "Send a test message" delivers a message to
// the new mailbox through the server's smtp listener (SmtpTestClient) and
// waits until mailbox.get counts it.
#pragma once

#include "SetupWizardPage.h"

#include <QJsonArray>

class QLabel;
class QNetworkAccessManager;
class QPushButton;
class QTableWidget;
class QTimer;

namespace mailstead::app {

class SmtpTestClient;

class SummaryPage : public SetupWizardPage {
    Q_OBJECT
public:
    explicit SummaryPage(SetupWizard *wizard);

    void initializePage() override;
    void sendTestMessage();

Q_SIGNALS:
    // The test ended: arrived, or failed with the reason shown.
    void testMessageFinished(bool arrived);
    void autoconfigChecked(bool ok);

private:
    void showStatus(const QJsonObject &status);
    void checkAutoconfig(const QString &host, quint16 port);
    void onSent(bool ok, const QString &reply);
    void pollArrival();
    void endTest(bool arrived, const QString &message);

    QLabel *m_introLabel = nullptr;
    QTableWidget *m_settingsTableWidget = nullptr;
    QLabel *m_autoconfigLabel = nullptr;
    QPushButton *m_sendTestButton = nullptr;
    QLabel *m_testResultLabel = nullptr;
    SmtpTestClient *m_smtp = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_pollTimer = nullptr;
    QString m_address;
    QString m_smtpHost;
    quint16 m_smtpPort = 0;
    qint64 m_messagesBefore = 0;
    int m_pollsLeft = 0;
};

} // namespace mailstead::app
