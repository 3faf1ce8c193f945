// DomainsPage.cpp - domains and alias domains; see DomainsPage.h
#include "DomainsPage.h"

#include "dialogs/AliasDomainDialog.h"
#include "dialogs/DomainDialog.h"
#include "models/AliasDomainTableModel.h"
#include "models/DomainTableModel.h"
#include "supervision/DaemonConnection.h"
#include "widgets/UsageBarDelegate.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

DomainsPage::DomainsPage(DaemonConnection *connection, QWidget *parent)
    : ListPage(connection, new DomainTableModel, u"domain.list"_s,
               {u"domain"_s, u"alias_domain"_s, u"mailbox"_s, u"alias"_s}, u"domain"_s, parent)
    , m_aliasDomainModel(new AliasDomainTableModel(this)) {
    setObjectName(u"domainsPage"_s);

    m_addButton = new QPushButton(tr("&Add domain…"), this);
    m_addButton->setObjectName(u"addDomainPushButton"_s);
    m_editButton = new QPushButton(tr("&Edit…"), this);
    m_editButton->setObjectName(u"editDomainPushButton"_s);
    m_removeButton = new QPushButton(tr("&Remove…"), this);
    m_removeButton->setObjectName(u"removeDomainPushButton"_s);
    buttonLayout()->addWidget(m_addButton);
    buttonLayout()->addWidget(m_editButton);
    buttonLayout()->addWidget(m_removeButton);
    buttonLayout()->addStretch(1);

    tableView()->setItemDelegateForColumn(DomainTableModel::UsageColumn,
                                          new UsageBarDelegate(tableView()));
    QHeaderView *header = tableView()->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DomainTableModel::DescriptionColumn, QHeaderView::Stretch);

    auto *aliasGroup = new QGroupBox(tr("Alias domains"), this);
    aliasGroup->setObjectName(u"aliasDomainsGroupBox"_s);
    auto *aliasLayout = new QVBoxLayout(aliasGroup);
    auto *aliasButtons = new QHBoxLayout;
    m_addAliasDomainButton = new QPushButton(tr("Add a&lias domain…"), aliasGroup);
    m_addAliasDomainButton->setObjectName(u"addAliasDomainPushButton"_s);
    m_removeAliasDomainButton = new QPushButton(tr("Remo&ve alias domain…"), aliasGroup);
    m_removeAliasDomainButton->setObjectName(u"removeAliasDomainPushButton"_s);
    aliasButtons->addWidget(m_addAliasDomainButton);
    aliasButtons->addWidget(m_removeAliasDomainButton);
    aliasButtons->addStretch(1);
    aliasLayout->addLayout(aliasButtons);
    auto *aliasProxy = new QSortFilterProxyModel(this);
    aliasProxy->setSourceModel(m_aliasDomainModel);
    m_aliasDomainTableView = createTableView(u"aliasDomainTableView"_s, aliasGroup);
    m_aliasDomainTableView->setModel(aliasProxy);
    m_aliasDomainTableView->sortByColumn(0, Qt::AscendingOrder);
    m_aliasDomainTableView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    aliasLayout->addWidget(m_aliasDomainTableView);
    pageLayout()->addWidget(aliasGroup);
    pageLayout()->setStretchFactor(tableView(), 3);
    pageLayout()->setStretchFactor(aliasGroup, 1);

    connect(m_addButton, &QPushButton::clicked, this, &DomainsPage::addDomain);
    connect(m_editButton, &QPushButton::clicked, this, &DomainsPage::editSelected);
    connect(m_removeButton, &QPushButton::clicked, this, &DomainsPage::removeSelected);
    connect(m_addAliasDomainButton, &QPushButton::clicked, this, &DomainsPage::addAliasDomain);
    connect(m_removeAliasDomainButton, &QPushButton::clicked, this,
            &DomainsPage::removeSelectedAliasDomain);
    connect(m_aliasDomainTableView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DomainsPage::updateActions);
    auto *removeShortcut = new QShortcut(QKeySequence::Delete, tableView());
    removeShortcut->setContext(Qt::WidgetShortcut);
    connect(removeShortcut, &QShortcut::activated, this, &DomainsPage::removeSelected);
    auto *removeAliasShortcut = new QShortcut(QKeySequence::Delete, m_aliasDomainTableView);
    removeAliasShortcut->setContext(Qt::WidgetShortcut);
    connect(removeAliasShortcut, &QShortcut::activated, this,
            &DomainsPage::removeSelectedAliasDomain);
    setRefreshOnDelivery(true);
    updateActions();
}

void DomainsPage::applyResult(const QJsonObject &result) {
    model()->setObjects(result.value(u"domains"_s).toArray());
    m_aliasDomainModel->setObjects(result.value(u"alias_domains"_s).toArray());
}

void DomainsPage::updateActions() {
    const bool connected = isConnected();
    const bool selected = !selectedObject().isEmpty();
    m_addButton->setEnabled(connected);
    m_editButton->setEnabled(connected && selected);
    m_removeButton->setEnabled(connected && selected);
    m_addAliasDomainButton->setEnabled(connected && model()->rowCount() > 0);
    m_removeAliasDomainButton->setEnabled(connected && !selectedAliasDomain().isEmpty());
}

QJsonObject DomainsPage::selectedAliasDomain() const {
    const QModelIndexList rows = m_aliasDomainTableView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    const auto *aliasProxy = static_cast<QSortFilterProxyModel *>(m_aliasDomainTableView->model());
    return m_aliasDomainModel->objectAt(aliasProxy->mapToSource(rows.first()).row());
}

void DomainsPage::addDomain() {
    if (!isConnected())
        return;
    openEditor(new DomainDialog(connection()->client(), this), u"name"_s);
}

void DomainsPage::editSelected() {
    const QJsonObject domain = selectedObject();
    if (domain.isEmpty() || !isConnected())
        return;
    openEditor(new DomainDialog(connection()->client(), domain, this), u"name"_s);
}

void DomainsPage::removeSelected() {
    const QJsonObject domain = selectedObject();
    if (domain.isEmpty() || !isConnected())
        return;
    const QString name = domain.value(u"name"_s).toString();
    const QString shown = domain.value(u"name_unicode"_s).toString(name);
    const qint64 mailboxes = domain.value(u"mailboxes"_s).toInteger();
    QString text = tr("Remove the domain %1? Mail to its addresses will be refused.").arg(shown);
    if (mailboxes > 0)
        text += u"\n\n"_s + tr("Its %n mailbox(es) and all the mail in them will be deleted "
                               "too, as will its aliases and alias domains.",
                               nullptr, int(mailboxes));
    confirm(u"removeDomainMessageBox"_s, tr("Remove domain"), text, [this, name, mailboxes] {
        runAction(u"domain.remove"_s, QJsonObject{{u"name"_s, name}, {u"force"_s, mailboxes > 0}});
    });
}

void DomainsPage::addAliasDomain() {
    if (!isConnected() || model()->rowCount() == 0)
        return;
    QStringList names;
    for (int row = 0; row < model()->rowCount(); ++row)
        names.append(model()->objectAt(row).value(u"name"_s).toString());
    names.sort();
    auto *dialog = new AliasDomainDialog(connection()->client(), names,
                                         selectedObject().value(u"name"_s).toString(), this);
    openEditor(dialog, u"alias_for"_s);
}

void DomainsPage::removeSelectedAliasDomain() {
    const QJsonObject aliasDomain = selectedAliasDomain();
    if (aliasDomain.isEmpty() || !isConnected())
        return;
    const QString name = aliasDomain.value(u"name"_s).toString();
    confirm(u"removeAliasDomainMessageBox"_s, tr("Remove alias domain"),
            tr("Remove the alias domain %1? Mail to its addresses will no longer reach %2.")
                .arg(aliasDomain.value(u"name_unicode"_s).toString(name),
                     aliasDomain.value(u"alias_for"_s).toString()),
            [this, name] {
                runAction(u"domain.remove"_s, QJsonObject{{u"name"_s, name}});
            });
}

} // namespace mailstead::app
