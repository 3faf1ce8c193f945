// AliasTableModel.cpp - aliases as a table; see AliasTableModel.h
#include "AliasTableModel.h"

#include <QFont>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::app {

AliasTableModel::AliasTableModel(QObject *parent)
    : JsonTableModel(u"source"_s, parent) {}

int AliasTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AliasTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid())
        return {};
    const QJsonObject alias = objectAt(index.row());
    if (role == KeyRole)
        return keyOf(alias);
    const bool catchAll = alias.value(u"catch_all"_s).toBool();
    QStringList targets;
    const QJsonArray targetArray = alias.value(u"targets"_s).toArray();
    for (const QJsonValue &target : targetArray)
        targets.append(target.toString());

    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case SourceColumn:
            return alias.value(u"source"_s).toString();
        case TargetsColumn:
            return targets.join(u", "_s);
        case StateColumn:
            return alias.value(u"active"_s).toBool(true) ? tr("Active") : tr("Disabled");
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == SourceColumn && catchAll)
            return tr("Catch-all: receives mail for every address of %1 that has no mailbox "
                      "or alias of its own.")
                .arg(alias.value(u"domain"_s).toString());
        if (index.column() == TargetsColumn)
            return targets.join(u'\n');
        break;
    case Qt::FontRole:
        if (index.column() == SourceColumn && catchAll) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant AliasTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SourceColumn:
        return tr("Alias");
    case TargetsColumn:
        return tr("Delivers to");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace mailstead::app
