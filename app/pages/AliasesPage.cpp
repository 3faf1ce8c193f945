// AliasesPage.cpp - aliases and catch-alls; see AliasesPage.h
#include "AliasesPage.h"

#include "dialogs/AliasDialog.h"
#include "models/AliasTableModel.h"
#include "supervision/DaemonConnection.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace mailstead::app {

AliasesPage::AliasesPage(DaemonConnection *connection, QWidget *parent)
    : ListPage(connection, new AliasTableModel, u"alias.list"_s, {u"domain"_s, u"alias"_s},
               u"alias"_s, parent) {
    setObjectName(u"aliasesPage"_s);
    m_addButton = new QPushButton(tr("&Add alias…"), this);
    m_addButton->setObjectName(u"addAliasPushButton"_s);
    m_editButton = new QPushButton(tr("&Edit…"), this);
    m_editButton->setObjectName(u"editAliasPushButton"_s);
    m_toggleActiveButton = new QPushButton(tr("&Disable"), this);
    m_toggleActiveButton->setObjectName(u"toggleActivePushButton"_s);
    m_removeButton = new QPushButton(tr("&Remove…"), this);
    m_removeButton->setObjectName(u"removeAliasPushButton"_s);
    buttonLayout()->addWidget(m_addButton);
    buttonLayout()->addWidget(m_editButton);
    buttonLayout()->addWidget(m_toggleActiveButton);
    buttonLayout()->addWidget(m_removeButton);
    buttonLayout()->addStretch(1);

    QHeaderView *header = tableView()->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AliasTableModel::TargetsColumn, QHeaderView::Stretch);

    connect(m_addButton, &QPushButton::clicked, this, &AliasesPage::addAlias);
    connect(m_editButton, &QPushButton::clicked, this, &AliasesPage::editSelected);
    connect(m_toggleActiveButton, &QPushButton::clicked, this, &AliasesPage::toggleActive);
    connect(m_removeButton, &QPushButton::clicked, this, &AliasesPage::removeSelected);
    auto *removeShortcut = new QShortcut(QKeySequence::Delete, tableView());
    removeShortcut->setContext(Qt::WidgetShortcut);
    connect(removeShortcut, &QShortcut::activated, this, &AliasesPage::removeSelected);
    updateActions();
}

void AliasesPage::applyResult(const QJsonObject &result) {
    model()->setObjects(result.value(u"aliases"_s).toArray());
}

void AliasesPage::updateActions() {
    const bool connected = isConnected();
    const QJsonObject alias = selectedObject();
    const bool selected = !alias.isEmpty();
    m_addButton->setEnabled(connected);
    m_editButton->setEnabled(connected && selected);
    m_toggleActiveButton->setEnabled(connected && selected);
    m_removeButton->setEnabled(connected && selected);
    m_toggleActiveButton->setText(alias.value(u"active"_s).toBool(true) ? tr("&Disable")
                                                                        : tr("E&nable"));
}

void AliasesPage::addAlias() {
    if (!isConnected())
        return;
    const QString domain = selectedObject().value(u"domain"_s).toString();
    fetchDomainNames([this, domain](const QStringList &domains) {
        QStringList sorted = domains;
        sorted.sort();
        openEditor(new AliasDialog(connection()->client(), sorted, domain, this), u"source"_s);
    });
}

void AliasesPage::editSelected() {
    const QJsonObject alias = selectedObject();
    if (alias.isEmpty() || !isConnected())
        return;
    openEditor(new AliasDialog(connection()->client(), alias, this), u"source"_s);
}

void AliasesPage::toggleActive() {
    const QJsonObject alias = selectedObject();
    if (alias.isEmpty() || !isConnected())
        return;
    const QString source = alias.value(u"source"_s).toString();
    runAction(
        u"alias.update"_s,
        QJsonObject{{u"source"_s, source}, {u"active"_s, !alias.value(u"active"_s).toBool(true)}},
        source);
}

void AliasesPage::removeSelected() {
    const QJsonObject alias = selectedObject();
    if (alias.isEmpty() || !isConnected())
        return;
    const QString source = alias.value(u"source"_s).toString();
    const QString text =
        alias.value(u"catch_all"_s).toBool()
            ? tr("Remove the catch-all of %1? Mail to unknown addresses of the domain will be "
                 "refused.")
                  .arg(alias.value(u"domain"_s).toString())
            : tr("Remove the alias %1?").arg(source);
    confirm(u"removeAliasMessageBox"_s, tr("Remove alias"), text, [this, source] {
        runAction(u"alias.remove"_s, QJsonObject{{u"source"_s, source}});
    });
}

} // namespace mailstead::app
