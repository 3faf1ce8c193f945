// JsonTableModel.h - base of the table models over IPC results
//
// Holds the JSON objects of one list result (domain.list, mailbox.list,
// alias.list) as rows. Subclasses name the columns and turn an object into
// cell data; keyColumn() names the JSON member that identifies a row, so
// that pages can keep the selection across refreshes.
#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace mailstead::app {

class JsonTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // Sort by this role to sort numbers as numbers, not as their text.
    static constexpr int SortRole = Qt::UserRole + 1;
    // The row's key (see keyMember()) for every column.
    static constexpr int KeyRole = Qt::UserRole + 2;
    // Used share of the quota (0..1) for a usage bar, -1 when unlimited.
    static constexpr int UsageFractionRole = Qt::UserRole + 3;

    explicit JsonTableModel(const QString &keyMember, QObject *parent = nullptr);

    void setObjects(const QJsonArray &objects);
    void clear();
    QJsonObject objectAt(int row) const;
    // Row of the object whose key member equals key, or -1.
    int rowOfKey(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    QString keyOf(const QJsonObject &object) const;

private:
    QList<QJsonObject> m_objects;
    QString m_keyMember;
};

// "1.5 MiB" style sizes in the user's locale; 0 bytes of quota reads "Unlimited".
QString displaySize(qint64 bytes);
QString displayQuota(qint64 bytes);
// Used bytes against a quota, as a fraction for a usage bar; -1 when unlimited.
double usageFraction(qint64 usedBytes, qint64 quotaBytes);

} // namespace mailstead::app
