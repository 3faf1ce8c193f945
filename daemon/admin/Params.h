// Params.h - typed reader for the by-name parameters of an admin request
//
// Each accessor checks one key and records the first problem as an
// InvalidParams error naming the parameter (data.field). Handlers read all
// they need and then check ok() once, so a request is answered with the first
// error in the order the handler reads its parameters; handlers call
// rejectUnknown() first so that a misspelt key is reported as such.
//
// SECURITY: params are untrusted JSON from an authorized local client; every
// check is total and nothing here touches the store.
#pragma once

#include "ipc/JsonRpc.h"

#include <limits>
#include <optional>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace mailstead::admin {

class Params {
public:
    explicit Params(const QJsonObject &params);

    bool has(const QString &key) const { return m_params.contains(key); }

    // Missing, null or not a string: InvalidParams. Strings returned are
    // never null QStrings (an empty JSON string reads as u""), so they bind
    // to SQL as '' rather than NULL.
    QString requireString(const QString &key);
    std::optional<QString> optionalString(const QString &key);
    std::optional<bool> optionalBool(const QString &key);
    // JSON numbers without a fractional part within [min, max]. The default
    // range is "non-negative", right for sizes and counts.
    std::optional<qint64> optionalInt64(const QString &key, qint64 min = 0,
                                        qint64 max = std::numeric_limits<qint64>::max());
    // An array of strings (possibly empty).
    QStringList requireStringList(const QString &key);
    std::optional<QStringList> optionalStringList(const QString &key);

    // InvalidParams 'unknown parameter "x"' for the first key not allowed.
    void rejectUnknown(const QStringList &allowedKeys);

    // Records an error found by the handler itself (first one wins).
    void fail(ipc::ErrorCode code, const QString &field, const QString &message);

    bool ok() const { return !m_error.has_value(); }
    const ipc::RpcError &error() const { return *m_error; }

private:
    void invalid(const QString &field, const QString &message);

    QJsonObject m_params;
    std::optional<ipc::RpcError> m_error;
};

// "a string", "a number", "null", ... for messages about wrong types.
QString jsonTypeName(const QJsonValue &value);

} // namespace mailstead::admin
