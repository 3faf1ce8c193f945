// MailboxTableModel.cpp - mailboxes as a table; see MailboxTableModel.h
#include "MailboxTableModel.h"

using namespace Qt::StringLiterals;

namespace mailstead::app {

MailboxTableModel::MailboxTableModel(QObject *parent)
    : JsonTableModel(u"address"_s, parent) {}

int MailboxTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MailboxTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid())
        return {};
    const QJsonObject mailbox = objectAt(index.row());
    if (role == KeyRole)
        return keyOf(mailbox);
    const qint64 quota = mailbox.value(u"quota"_s).toInteger();
    const QJsonObject usage = mailbox.value(u"usage"_s).toObject();
    const qint64 used = usage.value(u"bytes"_s).toInteger();
    const qint64 messages = usage.value(u"messages"_s).toInteger();

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case AddressColumn:
            return mailbox.value(u"address_unicode"_s)
                .toString(mailbox.value(u"address"_s).toString());
        case NameColumn:
            return mailbox.value(u"name"_s).toString();
        case QuotaColumn:
            return displayQuota(quota);
        case UsageColumn:
            return displaySize(used);
        case MessagesColumn:
            return QString::number(messages);
        case StateColumn:
            return mailbox.value(u"active"_s).toBool(true) ? tr("Active") : tr("Disabled");
        }
        break;
    case SortRole:
        switch (index.column()) {
        case QuotaColumn:
            return quota;
        case UsageColumn:
            return used;
        case MessagesColumn:
            return messages;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case UsageFractionRole:
        if (index.column() == UsageColumn)
            return usageFraction(used, quota);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == QuotaColumn || index.column() == MessagesColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant MailboxTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case AddressColumn:
        return tr("Address");
    case NameColumn:
        return tr("Name");
    case QuotaColumn:
        return tr("Quota");
    case UsageColumn:
        return tr("Used");
    case MessagesColumn:
        return tr("Messages");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace mailstead::app
