// AliasDomainTableModel.cpp - alias domains as a table; see AliasDomainTableModel.h
#include "AliasDomainTableModel.h"

using namespace Qt::StringLiterals;

namespace mailstead::app {

AliasDomainTableModel::AliasDomainTableModel(QObject *parent)
    : JsonTableModel(u"name"_s, parent) {}

int AliasDomainTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AliasDomainTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid())
        return {};
    const QJsonObject aliasDomain = objectAt(index.row());
    if (role == KeyRole)
        return keyOf(aliasDomain);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return aliasDomain.value(u"name_unicode"_s)
            .toString(aliasDomain.value(u"name"_s).toString());
    case AliasForColumn:
        return aliasDomain.value(u"alias_for"_s).toString();
    case StateColumn:
        return aliasDomain.value(u"active"_s).toBool(true) ? tr("Active") : tr("Disabled");
    }
    return {};
}

QVariant AliasDomainTableModel::headerData(int section, Qt::Orientation orientation,
                                           int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Alias domain");
    case AliasForColumn:
        return tr("Delivers to domain");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace mailstead::app
