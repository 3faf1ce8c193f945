// MailboxesPage.cpp - mailboxes and their editors; see MailboxesPage.h
#include "MailboxesPage.h"

#include "dialogs/MailboxDialog.h"
#include "dialogs/ResetPasswordDialog.h"
#include "models/MailboxTableModel.h"
#include "supervision/DaemonConnection.h"
#include "widgets/UsageBarDelegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace mailstead::app {

MailboxesPage::MailboxesPage(DaemonConnection *connection, QWidget *parent)
    : ListPage(connection, new MailboxTableModel, u"mailbox.list"_s,
               {u"domain"_s, u"alias_domain"_s, u"mailbox"_s}, u"mailbox"_s, parent) {
    setObjectName(u"mailboxesPage"_s);

    m_searchLineEdit = new QLineEdit(this);
    m_searchLineEdit->setObjectName(u"mailboxSearchLineEdit"_s);
    m_searchLineEdit->setPlaceholderText(tr("Search addresses and names"));
    m_searchLineEdit->setClearButtonEnabled(true);
    auto *searchLabel = new QLabel(tr("&Search:"), this);
    searchLabel->setObjectName(u"mailboxSearchLabel"_s);
    searchLabel->setBuddy(m_searchLineEdit);
    m_addButton = new QPushButton(tr("&Add mailbox…"), this);
    m_addButton->setObjectName(u"addMailboxPushButton"_s);
    m_editButton = new QPushButton(tr("&Edit…"), this);
    m_editButton->setObjectName(u"editMailboxPushButton"_s);
    m_passwordButton = new QPushButton(tr("New &password…"), this);
    m_passwordButton->setObjectName(u"resetPasswordPushButton"_s);
    m_toggleActiveButton = new QPushButton(tr("&Disable"), this);
    m_toggleActiveButton->setObjectName(u"toggleActivePushButton"_s);
    m_removeButton = new QPushButton(tr("&Remove…"), this);
    m_removeButton->setObjectName(u"removeMailboxPushButton"_s);
    buttonLayout()->addWidget(searchLabel);
    buttonLayout()->addWidget(m_searchLineEdit, 1);
    buttonLayout()->addSpacing(12);
    buttonLayout()->addWidget(m_addButton);
    buttonLayout()->addWidget(m_editButton);
    buttonLayout()->addWidget(m_passwordButton);
    buttonLayout()->addWidget(m_toggleActiveButton);
    buttonLayout()->addWidget(m_removeButton);

    tableView()->setItemDelegateForColumn(MailboxTableModel::UsageColumn,
                                          new UsageBarDelegate(tableView()));
    QHeaderView *header = tableView()->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(MailboxTableModel::NameColumn, QHeaderView::Stretch);
    setTabOrder(m_searchLineEdit, m_addButton);

    connect(m_searchLineEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        proxy()->setFilterFixedString(text.trimmed());
        updateActions();
    });
    connect(m_addButton, &QPushButton::clicked, this, &MailboxesPage::addMailbox);
    connect(m_editButton, &QPushButton::clicked, this, &MailboxesPage::editSelected);
    connect(m_passwordButton, &QPushButton::clicked, this, &MailboxesPage::resetPassword);
    connect(m_toggleActiveButton, &QPushButton::clicked, this, &MailboxesPage::toggleActive);
    connect(m_removeButton, &QPushButton::clicked, this, &MailboxesPage::removeSelected);
    auto *removeShortcut = new QShortcut(QKeySequence::Delete, tableView());
    removeShortcut->setContext(Qt::WidgetShortcut);
    connect(removeShortcut, &QShortcut::activated, this, &MailboxesPage::removeSelected);
    setRefreshOnDelivery(true);
    updateActions();
}

void MailboxesPage::applyResult(const QJsonObject &result) {
    model()->setObjects(result.value(u"mailboxes"_s).toArray());
}

void MailboxesPage::updateActions() {
    const bool connected = isConnected();
    const QJsonObject mailbox = selectedObject();
    const bool selected = !mailbox.isEmpty();
    m_addButton->setEnabled(connected);
    m_editButton->setEnabled(connected && selected);
    m_passwordButton->setEnabled(connected && selected);
    m_toggleActiveButton->setEnabled(connected && selected);
    m_removeButton->setEnabled(connected && selected);
    const bool active = mailbox.value(u"active"_s).toBool(true);
    m_toggleActiveButton->setText(active ? tr("&Disable") : tr("E&nable"));
    m_toggleActiveButton->setToolTip(active ? tr("Refuse mail and logins for this mailbox; "
                                                 "its mail is kept.")
                                            : tr("Accept mail and logins for this mailbox again."));
}

void MailboxesPage::addMailbox() {
    if (!isConnected())
        return;
    const QString address = selectedObject().value(u"domain"_s).toString();
    fetchDomainNames([this, address](const QStringList &domains) {
        QStringList sorted = domains;
        sorted.sort();
        openEditor(new MailboxDialog(connection()->client(), sorted, address, this), u"address"_s);
    });
}

void MailboxesPage::editSelected() {
    const QJsonObject mailbox = selectedObject();
    if (mailbox.isEmpty() || !isConnected())
        return;
    openEditor(new MailboxDialog(connection()->client(), mailbox, this), u"address"_s);
}

void MailboxesPage::resetPassword() {
    const QJsonObject mailbox = selectedObject();
    if (mailbox.isEmpty() || !isConnected())
        return;
    const QString address = mailbox.value(u"address"_s).toString();
    openEditor(new ResetPasswordDialog(connection()->client(), address,
                                       mailbox.value(u"address_unicode"_s).toString(address), this),
               u"address"_s);
}

void MailboxesPage::toggleActive() {
    const QJsonObject mailbox = selectedObject();
    if (mailbox.isEmpty() || !isConnected())
        return;
    const QString address = mailbox.value(u"address"_s).toString();
    runAction(u"mailbox.update"_s,
              QJsonObject{{u"address"_s, address},
                          {u"active"_s, !mailbox.value(u"active"_s).toBool(true)}},
              address);
}

void MailboxesPage::removeSelected() {
    const QJsonObject mailbox = selectedObject();
    if (mailbox.isEmpty() || !isConnected())
        return;
    const QString address = mailbox.value(u"address"_s).toString();
    const qint64 messages = mailbox.value(u"usage"_s).toObject().value(u"messages"_s).toInteger();
    confirm(u"removeMailboxMessageBox"_s, tr("Remove mailbox"),
            tr("Remove the mailbox %1 and delete its %n message(s)? This cannot be undone.",
               nullptr, int(messages))
                .arg(mailbox.value(u"address_unicode"_s).toString(address)),
            [this, address] {
                runAction(u"mailbox.remove"_s, QJsonObject{{u"address"_s, address}});
            });
}

} // namespace mailstead::app
