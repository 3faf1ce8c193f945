// JsonTableModel.cpp - rows of JSON objects; see JsonTableModel.h
#include "JsonTableModel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace mailstead::app {

JsonTableModel::JsonTableModel(const QString &keyMember, QObject *parent)
    : QAbstractTableModel(parent)
    , m_keyMember(keyMember) {}

void JsonTableModel::setObjects(const QJsonArray &objects) {
    beginResetModel();
    m_objects.clear();
    m_objects.reserve(objects.size());
    for (const QJsonValue &value : objects)
        m_objects.append(value.toObject());
    endResetModel();
}

void JsonTableModel::clear() {
    beginResetModel();
    m_objects.clear();
    endResetModel();
}

QJsonObject JsonTableModel::objectAt(int row) const {
    if (row < 0 || row >= m_objects.size())
        return {};
    return m_objects.at(row);
}

int JsonTableModel::rowOfKey(const QString &key) const {
    for (int row = 0; row < m_objects.size(); ++row) {
        if (keyOf(m_objects.at(row)) == key)
            return row;
    }
    return -1;
}

int JsonTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_objects.size());
}

QString JsonTableModel::keyOf(const QJsonObject &object) const {
    return object.value(m_keyMember).toString();
}

QString displaySize(qint64 bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString displayQuota(qint64 bytes) {
    return bytes <= 0 ? JsonTableModel::tr("Unlimited") : displaySize(bytes);
}

double usageFraction(qint64 usedBytes, qint64 quotaBytes) {
    if (quotaBytes <= 0)
        return -1.0;
    return qBound(0.0, double(usedBytes) / double(quotaBytes), 1.0);
}

} // namespace mailstead::app
