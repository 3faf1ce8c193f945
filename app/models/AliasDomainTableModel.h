// AliasDomainTableModel.h - the alias domains of domain.list as a table
//
// One row per alias domain (docs/ipc.md "AliasDomain"): its name, the
// primary domain it stands for, and its state.
#pragma once

#include "JsonTableModel.h"

namespace mailstead::app {

class AliasDomainTableModel : public JsonTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, AliasForColumn, StateColumn, ColumnCount };

    explicit AliasDomainTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace mailstead::app
