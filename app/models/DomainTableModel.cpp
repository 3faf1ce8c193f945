// DomainTableModel.cpp - domains as a table; see DomainTableModel.h
#include "DomainTableModel.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

// "3 of 10", or just "3" without a limit.
QString countOfLimit(qint64 count, qint64 limit) {
    if (limit <= 0)
        return QString::number(count);
    return DomainTableModel::tr("%1 of %2").arg(count).arg(limit);
}

} // namespace

DomainTableModel::DomainTableModel(QObject *parent)
    : JsonTableModel(u"name"_s, parent) {}

int DomainTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DomainTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid())
        return {};
    const QJsonObject domain = objectAt(index.row());
    if (role == KeyRole)
        return keyOf(domain);
    const qint64 quota = domain.value(u"quota"_s).toInteger();
    const qint64 used = domain.value(u"usage"_s).toObject().value(u"bytes"_s).toInteger();
    const bool active = domain.value(u"active"_s).toBool(true);
    QStringList aliasDomains;
    const QJsonArray aliasDomainArray = domain.value(u"alias_domains"_s).toArray();
    for (const QJsonValue &value : aliasDomainArray)
        aliasDomains.append(value.toString());

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return domain.value(u"name_unicode"_s).toString(domain.value(u"name"_s).toString());
        case DescriptionColumn:
            return domain.value(u"description"_s).toString();
        case MailboxesColumn:
            return countOfLimit(domain.value(u"mailboxes"_s).toInteger(),
                                domain.value(u"max_mailboxes"_s).toInteger());
        case AliasesColumn:
            return countOfLimit(domain.value(u"aliases"_s).toInteger(),
                                domain.value(u"max_aliases"_s).toInteger());
        case QuotaColumn:
            return displayQuota(quota);
        case UsageColumn:
            return displaySize(used);
        case AliasDomainsColumn:
            return aliasDomains.join(u", "_s);
        case StateColumn:
            return active ? tr("Active") : tr("Disabled");
        }
        break;
    case SortRole:
        switch (index.column()) {
        case MailboxesColumn:
            return domain.value(u"mailboxes"_s).toInteger();
        case AliasesColumn:
            return domain.value(u"aliases"_s).toInteger();
        case QuotaColumn:
            return quota;
        case UsageColumn:
            return used;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    case UsageFractionRole:
        if (index.column() == UsageColumn)
            return usageFraction(used, quota);
        break;
    case Qt::ToolTipRole:
        if (index.column() == NameColumn &&
            domain.value(u"name_unicode"_s).toString() != domain.value(u"name"_s).toString())
            return domain.value(u"name"_s).toString();
        if (index.column() == UsageColumn)
            return tr("%n message(s)", nullptr,
                      int(domain.value(u"usage"_s).toObject().value(u"messages"_s).toInteger()));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == MailboxesColumn || index.column() == AliasesColumn ||
            index.column() == QuotaColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant DomainTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Domain");
    case DescriptionColumn:
        return tr("Description");
    case MailboxesColumn:
        return tr("Mailboxes");
    case AliasesColumn:
        return tr("Aliases");
    case QuotaColumn:
        return tr("Quota");
    case UsageColumn:
        return tr("Used");
    case AliasDomainsColumn:
        return tr("Alias domains");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace mailstead::app
