// UsageBarDelegate.h - draws a usage cell as a bar filled to its share of the quota
//
// Reads JsonTableModel::UsageFractionRole (0..1); a cell without a quota
// (-1) is drawn as plain text. The bar turns amber from 80 % and red from
// 95 %, where mail starts to bounce.
#pragma once

#include <QStyledItemDelegate>

namespace mailstead::app {

class UsageBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace mailstead::app
