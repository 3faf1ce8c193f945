// MainWindow.h - the Mailstead desktop app's main window
//
// A sidebar of pages (Status, Domains, Mailboxes, Aliases, Log) beside the
// page shown, and above them the connection state with buttons to start,
// stop and restart a daemon the app supervises. Ctrl+1 to Ctrl+5 switch
// pages. Closing the window hides it when the tray icon is shown and the
// settings say so; otherwise it quits.
#pragma once

#include "supervision/DaemonConnection.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace mailstead::app {

class AliasesPage;
class DomainsPage;
class LogPage;
class MailboxesPage;
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
    void openSettings();

    DaemonConnection *m_connection = nullptr;
    TrayController *m_tray = nullptr;
    QLabel *m_connectionStatusLabel = nullptr;
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
};

} // namespace mailstead::app
