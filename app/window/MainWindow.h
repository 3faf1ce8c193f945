// MainWindow.h - the Mailstead desktop app's main window
//
// A sidebar of pages (Status, Domains, Mailboxes, Aliases, Log) beside the
// page shown, and above them the connection state with buttons to start,
// stop and restart the daemon: the app's child in local mode, the system
// service through systemctl in installed mode (DaemonControls decides; a
// failure shows the tool's error below the buttons). Ctrl+1 to Ctrl+5 switch
// pages. Closing the window hides it when the tray icon is shown and the
// settings say so; otherwise it quits.
#pragma once

#include "supervision/DaemonConnection.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace mailstead::app {

class AliasesPage;
class DaemonControls;
class DomainsPage;
class LogPage;
class MailboxesPage;
class SetupWizard;
class StatusPage;
class TrayController;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Page { Status, Domains, Mailboxes, Aliases, Log };
    Q_ENUM(Page)

    explicit MainWindow(DaemonConnection *connection, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setRefreshInterval(int intervalMs);
    void showPage(Page page);
    Page currentPage() const;
    // "status", "domains", ... as on the command line; nothing for other names.
    static std::optional<Page> pageFromName(const QString &name);

    // Opens the setup wizard (or raises it when open).
    void openSetupWizard();
    // Opens the wizard once connected when the daemon has no domain yet and
    // the wizard never ran to its end (or was left half way). Off unless
    // asked for, so that tests constructing a window get no wizard.
    void setOfferSetupWizard(bool offer) { m_offerSetupWizard = offer; }
    SetupWizard *setupWizard() const;

    // The tray that keeps the app running when the window is closed.
    void setTrayController(TrayController *tray) { m_tray = tray; }

    StatusPage *statusPage() const { return m_statusPage; }
    DomainsPage *domainsPage() const { return m_domainsPage; }
    MailboxesPage *mailboxesPage() const { return m_mailboxesPage; }
    AliasesPage *aliasesPage() const { return m_aliasesPage; }
    LogPage *logPage() const { return m_logPage; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void addPage(QWidget *page, const QString &title, const QString &iconName);
    void updateConnectionState();
    void showDaemonError(const QString &title, const QString &message);
    void openSettings();
    void offerSetupWizard();

    DaemonConnection *m_connection = nullptr;
    TrayController *m_tray = nullptr;
    DaemonControls *m_daemonControls = nullptr;
    QLabel *m_connectionStatusLabel = nullptr;
    QLabel *m_daemonErrorLabel = nullptr;
    QPushButton *m_startDaemonButton = nullptr;
    QPushButton *m_stopDaemonButton = nullptr;
    QPushButton *m_restartDaemonButton = nullptr;
    QListWidget *m_pageList = nullptr;
    QStackedWidget *m_pageStack = nullptr;
    StatusPage *m_statusPage = nullptr;
    DomainsPage *m_domainsPage = nullptr;
    MailboxesPage *m_mailboxesPage = nullptr;
    AliasesPage *m_aliasesPage = nullptr;
    LogPage *m_logPage = nullptr;
    QPointer<SetupWizard> m_setupWizard;
    bool m_offerSetupWizard = false;
    bool m_setupWizardOffered = false;
};

} // namespace mailstead::app
