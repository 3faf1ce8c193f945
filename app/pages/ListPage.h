// ListPage.h - base of the pages that show one IPC list in a table
//
// Fetches the list (domain.list, mailbox.list, alias.list) when the
// connection comes up, after every event.config about the objects it shows
// and after its own changes; keeps the selected row across refreshes; sorts
// and filters through a proxy. Subclasses add the buttons and dialogs.
// Removals ask first, in a window-modal message box that tests and
// keyboard users drive like any other.
#pragma once

#include <functional>
#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QMessageBox;
class QSortFilterProxyModel;
class QTableView;
class QVBoxLayout;

namespace mailstead::app {

class DaemonConnection;
class IpcEditDialog;
class JsonTableModel;

class ListPage : public QWidget {
    Q_OBJECT
public:
    // configObjects: the event.config "object" values that trigger a refresh;
    // objectNamePrefix: names the table ("<prefix>TableView") and the
    // message label ("<prefix>MessageLabel").
    ListPage(DaemonConnection *connection, JsonTableModel *model, const QString &listMethod,
             const QStringList &configObjects, const QString &objectNamePrefix,
             QWidget *parent = nullptr);

    QTableView *tableView() const { return m_tableView; }
    JsonTableModel *model() const { return m_model; }
    // Selected row's object (of the model), empty when nothing is selected.
    QJsonObject selectedObject() const;
    QString selectedKey() const;
    // Selects the row whose key is key; false when there is none.
    bool selectKey(const QString &key);

    void refresh();
    // Also refresh after each event.delivery (for usage columns).
    void setRefreshOnDelivery(bool refresh);

Q_SIGNALS:
    // After every list reply that filled the table.
    void refreshed();

protected:
    // Puts the list result into the model(s).
    virtual void applyResult(const QJsonObject &result) = 0;
    // Called when the selection or the connection changes.
    virtual void updateActions() = 0;
    // The object to edit after a double click or Enter.
    virtual void editSelected() = 0;

    DaemonConnection *connection() const { return m_connection; }
    bool isConnected() const;
    QHBoxLayout *buttonLayout() const { return m_buttonLayout; }
    QVBoxLayout *pageLayout() const { return m_pageLayout; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    void showMessage(const QString &message);
    // Runs method with params; success refreshes and selects selectAfter, an
    // error is shown above the table.
    void runAction(const QString &method, const QJsonObject &params,
                   const QString &selectAfter = {});
    // Calls done with the primary domain names (A-labels), or shows an error.
    void fetchDomainNames(std::function<void(const QStringList &)> done);
    // Asks text in a window-modal Yes/No box named objectName; onYes runs on Yes.
    QMessageBox *confirm(const QString &objectName, const QString &title, const QString &text,
                         std::function<void()> onYes);
    // Opens dialog window-modal; after it is accepted the page refreshes
    // and selects the key of the dialog's result (keyMember).
    void openEditor(IpcEditDialog *dialog, const QString &keyMember);

private:
    void onNotification(const QString &method, const QJsonObject &params);

    DaemonConnection *m_connection = nullptr;
    JsonTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_tableView = nullptr;
    QVBoxLayout *m_pageLayout = nullptr;
    QHBoxLayout *m_buttonLayout = nullptr;
    QLabel *m_messageLabel = nullptr;
    QString m_listMethod;
    QStringList m_configObjects;
    QString m_pendingSelection;
    bool m_listPending = false;
    bool m_refreshQueued = false;
    bool m_refreshOnDelivery = false;
};

// A table view set up like every table of the app.
QTableView *createTableView(const QString &objectName, QWidget *parent);

} // namespace mailstead::app
