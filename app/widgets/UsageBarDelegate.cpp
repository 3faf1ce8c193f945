// UsageBarDelegate.cpp - usage bars in tables; see UsageBarDelegate.h
#include "UsageBarDelegate.h"

#include "models/JsonTableModel.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace mailstead::app {

namespace {

constexpr double warningShare = 0.8;
constexpr double criticalShare = 0.95;
constexpr int barSteps = 1000;
constexpr int minimumBarWidth = 140;

} // namespace

void UsageBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const {
    const QVariant fractionValue = index.data(JsonTableModel::UsageFractionRole);
    const double fraction = fractionValue.isValid() ? fractionValue.toDouble() : -1.0;
    if (fraction < 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Selection and alternating background as for any other cell.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(3, 3, -3, -3);
    bar.minimum = 0;
    bar.maximum = barSteps;
    bar.progress = int(fraction * barSteps);
    bar.text = tr("%1 (%2 %)").arg(index.data().toString()).arg(qRound(fraction * 100));
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    if (fraction >= criticalShare)
        bar.palette.setColor(QPalette::Highlight, QColor(0xc0, 0x39, 0x2b));
    else if (fraction >= warningShare)
        bar.palette.setColor(QPalette::Highlight, QColor(0xd6, 0x89, 0x10));
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize UsageBarDelegate::sizeHint(const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), minimumBarWidth));
    return size;
}

} // namespace mailstead::app
