// DomainTableModel.h - the domains of domain.list as a table
//
// One row per primary domain (docs/ipc.md "Domain"): name, description,
// mailbox and alias counts against their limits, quota and usage (with
// UsageFractionRole for the usage bar), alias domains and state.
#pragma once

#include "JsonTableModel.h"

namespace mailstead::app {

class DomainTableModel : public JsonTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        DescriptionColumn,
        MailboxesColumn,
        AliasesColumn,
        QuotaColumn,
        UsageColumn,
        AliasDomainsColumn,
        StateColumn,
        ColumnCount
    };

    explicit DomainTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace mailstead::app
