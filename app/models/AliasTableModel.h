// AliasTableModel.h - the aliases of alias.list as a table
//
// One row per alias (docs/ipc.md "Alias"): the source ("@domain" for a
// catch-all), its targets, and its state. The key is the source as stored.
#pragma once

#include "JsonTableModel.h"

namespace mailstead::app {

class AliasTableModel : public JsonTableModel {
    Q_OBJECT
public:
    enum Column { SourceColumn, TargetsColumn, StateColumn, ColumnCount };

    explicit AliasTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace mailstead::app
