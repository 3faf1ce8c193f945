// Params.cpp - typed reader for admin request parameters
#include "Params.h"

#include <cmath>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

QString quoted(const QString &key) {
    return u'"' + key + u'"';
}

// QSql binds a null QString as SQL NULL; an empty JSON string must stay ''.
QString nonNull(const QString &text) {
    return text.isNull() ? u""_s : text;
}

// 2^63: every double below it in magnitude converts to qint64 exactly when
// it is integral.
constexpr double int64Bound = 9223372036854775808.0;

} // namespace

QString jsonTypeName(const QJsonValue &value) {
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_s;
}

Params::Params(const QJsonObject &params)
    : m_params(params) {}

void Params::invalid(const QString &field, const QString &message) {
    fail(ipc::ErrorCode::InvalidParams, field, message);
}

void Params::fail(ipc::ErrorCode code, const QString &field, const QString &message) {
    if (!m_error)
        m_error = ipc::RpcError{code, message, field};
}

QString Params::requireString(const QString &key) {
    if (!m_params.contains(key)) {
        invalid(key, u"missing parameter "_s + quoted(key));
        return {};
    }
    return optionalString(key).value_or(QString());
}

std::optional<QString> Params::optionalString(const QString &key) {
    if (!m_params.contains(key))
        return std::nullopt;
    const QJsonValue value = m_params.value(key);
    if (!value.isString()) {
        invalid(key, quoted(key) + u" must be a string, not "_s + jsonTypeName(value));
        return std::nullopt;
    }
    return nonNull(value.toString());
}

std::optional<bool> Params::optionalBool(const QString &key) {
    if (!m_params.contains(key))
        return std::nullopt;
    const QJsonValue value = m_params.value(key);
    if (!value.isBool()) {
        invalid(key, quoted(key) + u" must be true or false, not "_s + jsonTypeName(value));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<qint64> Params::optionalInt64(const QString &key, qint64 min, qint64 max) {
    if (!m_params.contains(key))
        return std::nullopt;
    const QJsonValue value = m_params.value(key);
    const QString expected =
        min >= 0 ? u" must be a non-negative integer"_s : u" must be an integer"_s;
    if (!value.isDouble()) {
        invalid(key, quoted(key) + expected + u", not "_s + jsonTypeName(value));
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::trunc(number) != number || number >= int64Bound ||
        number < -int64Bound) {
        invalid(key, quoted(key) + expected + u", not "_s + QString::number(number, 'g', 17));
        return std::nullopt;
    }
    // toInteger() keeps full 64-bit precision for integers Qt parsed as such.
    const qint64 integer = value.toInteger(qint64(number));
    if (integer < min) {
        invalid(key, quoted(key) + expected + u", not "_s + QString::number(integer));
        return std::nullopt;
    }
    if (integer > max) {
        invalid(key, quoted(key) + u" must be at most "_s + QString::number(max));
        return std::nullopt;
    }
    return integer;
}

QStringList Params::requireStringList(const QString &key) {
    if (!m_params.contains(key)) {
        invalid(key, u"missing parameter "_s + quoted(key));
        return {};
    }
    return optionalStringList(key).value_or(QStringList());
}

std::optional<QStringList> Params::optionalStringList(const QString &key) {
    if (!m_params.contains(key))
        return std::nullopt;
    const QJsonValue value = m_params.value(key);
    if (!value.isArray()) {
        invalid(key, quoted(key) + u" must be an array of strings, not "_s + jsonTypeName(value));
        return std::nullopt;
    }
    QStringList list;
    const QJsonArray array = value.toArray();
    list.reserve(array.size());
    for (const QJsonValue &item : array) {
        if (!item.isString()) {
            invalid(key, quoted(key) + u" must be an array of strings; it contains "_s +
                             jsonTypeName(item));
            return std::nullopt;
        }
        list.append(nonNull(item.toString()));
    }
    return list;
}

void Params::rejectUnknown(const QStringList &allowedKeys) {
    for (auto it = m_params.constBegin(); it != m_params.constEnd(); ++it) {
        if (!allowedKeys.contains(it.key())) {
            invalid(it.key(), u"unknown parameter "_s + quoted(it.key()));
            return;
        }
    }
}

} // namespace mailstead::admin
