// MailboxTableModel.h - the mailboxes of mailbox.list as a table
//
// One row per mailbox (docs/ipc.md "Mailbox"): address, display name,
// quota, usage (with UsageFractionRole for the usage bar), message count and
// state. The key is the address as stored.
#pragma once

#include "JsonTableModel.h"

namespace mailstead::app {

class MailboxTableModel : public JsonTableModel {
    Q_OBJECT
public:
    enum Column {
        AddressColumn,
        NameColumn,
        QuotaColumn,
        UsageColumn,
        MessagesColumn,
        StateColumn,
        ColumnCount
    };

    explicit MailboxTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
};

} // namespace mailstead::app
