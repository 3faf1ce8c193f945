// ListPage.cpp - a page over one IPC list; see ListPage.h
#include "ListPage.h"

#include "dialogs/FieldErrors.h"
#include "dialogs/IpcEditDialog.h"
#include "ipc/IpcClient.h"
#include "models/JsonTableModel.h"
#include "supervision/DaemonConnection.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

const QString configEvent = u"event.config"_s;
const QString deliveryEvent = u"event.delivery"_s;

} // namespace

QTableView *createTableView(const QString &objectName, QWidget *parent) {
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setShowGrid(false);
    view->setSortingEnabled(true);
    view->setTabKeyNavigation(false); // Tab leaves the table, arrows move inside
    view->verticalHeader()->setVisible(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

ListPage::ListPage(DaemonConnection *connection, JsonTableModel *model, const QString &listMethod,
                   const QStringList &configObjects, const QString &objectNamePrefix,
                   QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_listMethod(listMethod)
    , m_configObjects(configObjects) {
    m_model->setParent(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(JsonTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    m_pageLayout = new QVBoxLayout(this);
    m_buttonLayout = new QHBoxLayout;
    m_pageLayout->addLayout(m_buttonLayout);
    m_messageLabel = createErrorLabel(objectNamePrefix + u"MessageLabel"_s, this);
    m_pageLayout->addWidget(m_messageLabel);
    m_tableView = createTableView(objectNamePrefix + u"TableView"_s, this);
    m_tableView->setModel(m_proxy);
    m_tableView->sortByColumn(0, Qt::AscendingOrder);
    m_pageLayout->addWidget(m_tableView, 1);

    connect(m_tableView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateActions(); });
    connect(m_tableView, &QTableView::activated, this, [this] { editSelected(); });
    connect(m_connection, &DaemonConnection::stateChanged, this, [this] {
        if (isConnected()) {
            refresh();
        } else {
            m_model->clear();
            updateActions();
        }
    });
    connect(m_connection->client(), &ipc::IpcClient::notificationReceived, this,
            &ListPage::onNotification);
    m_connection->client()->subscribe({configEvent});
    if (isConnected())
        QMetaObject::invokeMethod(this, &ListPage::refresh, Qt::QueuedConnection);
}

bool ListPage::isConnected() const {
    return m_connection->state() == DaemonConnection::State::Connected;
}

QString ListPage::selectedKey() const {
    const QModelIndexList rows = m_tableView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(JsonTableModel::KeyRole).toString();
}

QJsonObject ListPage::selectedObject() const {
    const QModelIndexList rows = m_tableView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_model->objectAt(m_proxy->mapToSource(rows.first()).row());
}

bool ListPage::selectKey(const QString &key) {
    const int row = m_model->rowOfKey(key);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_tableView->selectRow(index.row());
    m_tableView->scrollTo(index);
    return true;
}

void ListPage::refresh() {
    if (!isConnected())
        return;
    if (m_listPending) {
        m_refreshQueued = true;
        return;
    }
    m_listPending = true;
    const QString keep = m_pendingSelection.isEmpty() ? selectedKey() : m_pendingSelection;
    m_pendingSelection.clear();
    QPointer<ListPage> self(this);
    m_connection->client()->call(m_listMethod, {}, [self, keep](const ipc::Reply &reply) {
        if (!self)
            return;
        self->m_listPending = false;
        if (reply.ok) {
            self->applyResult(reply.result.toObject());
            if (!keep.isEmpty())
                self->selectKey(keep);
            self->updateActions();
            Q_EMIT self->refreshed();
        } else {
            self->showMessage(reply.error.message);
        }
        if (self->m_refreshQueued) {
            self->m_refreshQueued = false;
            self->refresh();
        }
    });
}

void ListPage::setRefreshOnDelivery(bool refreshOnDelivery) {
    m_refreshOnDelivery = refreshOnDelivery;
    if (refreshOnDelivery)
        m_connection->client()->subscribe({deliveryEvent});
}

void ListPage::onNotification(const QString &method, const QJsonObject &params) {
    // Refreshes coalesce: a burst of deliveries costs at most two list calls.
    if ((method == configEvent && m_configObjects.contains(params.value(u"object"_s).toString())) ||
        (method == deliveryEvent && m_refreshOnDelivery))
        refresh();
}

void ListPage::showMessage(const QString &message) {
    m_messageLabel->setText(message);
    m_messageLabel->setVisible(!message.isEmpty());
}

void ListPage::runAction(const QString &method, const QJsonObject &params,
                         const QString &selectAfter) {
    showMessage({});
    QPointer<ListPage> self(this);
    m_connection->client()->call(method, params, [self, selectAfter](const ipc::Reply &reply) {
        if (!self)
            return;
        if (!reply.ok) {
            self->showMessage(reply.error.message);
            return;
        }
        self->m_pendingSelection = selectAfter;
        self->refresh();
    });
}

void ListPage::fetchDomainNames(std::function<void(const QStringList &)> done) {
    QPointer<ListPage> self(this);
    m_connection->client()->call(
        u"domain.list"_s, {}, [self, done = std::move(done)](const ipc::Reply &reply) {
            if (!self)
                return;
            if (!reply.ok) {
                self->showMessage(reply.error.message);
                return;
            }
            QStringList names;
            const QJsonArray domains = reply.result.toObject().value(u"domains"_s).toArray();
            for (const QJsonValue &domain : domains)
                names.append(domain.toObject().value(u"name"_s).toString());
            done(names);
        });
}

QMessageBox *ListPage::confirm(const QString &objectName, const QString &title, const QString &text,
                               std::function<void()> onYes) {
    auto *box = new QMessageBox(QMessageBox::Question, title, text,
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setObjectName(u"yesPushButton"_s);
    box->button(QMessageBox::Cancel)->setObjectName(u"cancelPushButton"_s);
    connect(box, &QMessageBox::finished, this, [box, onYes = std::move(onYes)](int) {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            onYes();
    });
    box->open();
    return box;
}

void ListPage::openEditor(IpcEditDialog *dialog, const QString &keyMember) {
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, keyMember] {
        showMessage({});
        m_pendingSelection = dialog->result().value(keyMember).toString();
        refresh();
    });
    dialog->open();
}

} // namespace mailstead::app
