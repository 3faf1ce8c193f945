// JsonRpc.cpp - admin IPC wire protocol: line framing, decoding, encoding
//
// JSON-RPC 2.0 (https://www.jsonrpc.org/specification) sections 4 (Request
// object, notifications, by-name params), 5 (Response object) and 5.1 (Error
// object), restricted as docs/ipc.md says: one UTF-8 object per line, no
// batches, params by name only.
//
// SECURITY: every byte here comes from a local process that may not yet be
// authorized. The decoder is pure, never asserts on input, buffers at most
// maxLine bytes of an unfinished line and is exercised by
// tests/fuzz/fuzz_ipc_decoder.cpp.

#include "JsonRpc.h"

#include <cmath>
#include <limits>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace mailstead::ipc {

namespace {

// Consumed bytes are dropped from the front of the buffer once they are
// both many and the larger part of it, so that a long stream of short lines
// costs amortized O(1) per byte instead of a memmove per line.
constexpr qsizetype compactThresholdBytes = 64 * 1024;

const QString jsonRpcVersion = u"2.0"_s;

QByteArray toLine(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

// JSON-RPC ids are strings, numbers or null; anything else we treat as null
// so an encoder never produces a message the peer cannot answer.
QJsonValue wireId(const QJsonValue &id) {
    if (id.isString() || id.isDouble())
        return id;
    return QJsonValue::Null;
}

Message invalid(ErrorCode code, const QString &text, const QJsonValue &id = QJsonValue::Null) {
    Message message;
    message.kind = Message::Kind::Invalid;
    message.id = id;
    message.error.code = code;
    message.error.message = text;
    return message;
}

} // namespace

LineDecoder::LineDecoder(qsizetype maxLine)
    : m_maxLine(maxLine) {}

void LineDecoder::append(const QByteArray &bytes) {
    // After TooLong the connection is being closed; keep no more data.
    if (m_tooLong)
        return;
    if (m_offset > 0 && (m_offset == m_buffer.size() ||
                         (m_offset >= compactThresholdBytes && m_offset * 2 >= m_buffer.size()))) {
        m_buffer.remove(0, m_offset);
        m_scanned -= m_offset;
        m_offset = 0;
    }
    m_buffer.append(bytes);
}

LineDecoder::Result LineDecoder::next() {
    if (m_tooLong)
        return {Status::TooLong, {}};

    // Resume the search where the previous call stopped, so that a line fed
    // one byte at a time is scanned once, not once per byte.
    const qsizetype from = std::max(m_scanned, m_offset);
    const qsizetype newline = m_buffer.indexOf('\n', from);
    if (newline < 0) {
        m_scanned = m_buffer.size();
        if (m_buffer.size() - m_offset > m_maxLine) {
            m_tooLong = true;
            m_buffer.clear();
            m_offset = m_scanned = 0;
            return {Status::TooLong, {}};
        }
        return {Status::Incomplete, {}};
    }

    const qsizetype length = newline - m_offset;
    if (length > m_maxLine) {
        m_tooLong = true;
        m_buffer.clear();
        m_offset = m_scanned = 0;
        return {Status::TooLong, {}};
    }
    Result result{Status::Line, m_buffer.mid(m_offset, length)};
    if (result.line.endsWith('\r'))
        result.line.chop(1);
    m_offset = newline + 1;
    m_scanned = m_offset;
    return result;
}

Message decodeMessage(const QByteArray &line) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // QJsonDocument only accepts an object or array at the top level; a
        // well-formed scalar ("just a string") is JSON, just not a request.
        const QJsonDocument wrapped = QJsonDocument::fromJson('[' + line + ']');
        if (wrapped.isArray() && wrapped.array().size() == 1)
            return invalid(ErrorCode::InvalidRequest, u"a message must be a JSON object"_s);
        return invalid(ErrorCode::ParseError, u"the message is not valid JSON: "_s +
                                                  parseError.errorString() + u" at byte "_s +
                                                  QString::number(parseError.offset));
    }
    if (document.isArray())
        return invalid(ErrorCode::InvalidRequest, u"batches are not supported"_s);
    if (!document.isObject())
        return invalid(ErrorCode::InvalidRequest, u"a message must be a JSON object"_s);

    const QJsonObject object = document.object();

    // The id is read first so that even a malformed request can be answered
    // with an error the client can match (JSON-RPC 2.0 section 5).
    const bool hasId = object.contains("id"_L1);
    const QJsonValue id = object.value("id"_L1);
    if (hasId && !id.isString() && !id.isDouble() && !id.isNull())
        return invalid(ErrorCode::InvalidRequest, u"id must be a string, a number or null"_s);
    const QJsonValue knownId = hasId ? id : QJsonValue(QJsonValue::Null);

    if (object.value("jsonrpc"_L1) != QJsonValue(jsonRpcVersion))
        return invalid(ErrorCode::InvalidRequest, u"\"jsonrpc\" must be \"2.0\""_s, knownId);

    const bool hasMethod = object.contains("method"_L1);
    const bool hasResult = object.contains("result"_L1);
    const bool hasError = object.contains("error"_L1);

    if (hasMethod) {
        if (hasResult || hasError) {
            return invalid(ErrorCode::InvalidRequest,
                           u"a message cannot be both a request and a response"_s, knownId);
        }
        const QJsonValue method = object.value("method"_L1);
        if (!method.isString() || method.toString().isEmpty())
            return invalid(ErrorCode::InvalidRequest, u"method must be a non-empty string"_s,
                           knownId);
        Message message;
        if (object.contains("params"_L1)) {
            const QJsonValue params = object.value("params"_L1);
            if (!params.isObject()) {
                return invalid(ErrorCode::InvalidRequest, u"params must be an object (by-name)"_s,
                               knownId);
            }
            message.params = params.toObject();
        }
        message.kind = hasId ? Message::Kind::Request : Message::Kind::Notification;
        message.id = knownId;
        message.method = method.toString();
        return message;
    }

    if (hasResult || hasError) {
        if (hasResult && hasError) {
            return invalid(ErrorCode::InvalidRequest,
                           u"a response cannot have both result and error"_s, knownId);
        }
        if (!hasId)
            return invalid(ErrorCode::InvalidRequest, u"a response must have an id"_s);
        Message message;
        message.id = knownId;
        if (hasResult) {
            message.kind = Message::Kind::Response;
            message.result = object.value("result"_L1);
            return message;
        }
        const QJsonValue errorValue = object.value("error"_L1);
        if (!errorValue.isObject())
            return invalid(ErrorCode::InvalidRequest, u"error must be an object"_s, knownId);
        const QJsonObject error = errorValue.toObject();
        const QJsonValue code = error.value("code"_L1);
        const double codeNumber = code.toDouble();
        // Range first: converting an out-of-range double to int is undefined.
        if (!code.isDouble() || !(codeNumber >= double(std::numeric_limits<int>::min())) ||
            !(codeNumber <= double(std::numeric_limits<int>::max())) ||
            codeNumber != std::trunc(codeNumber)) {
            return invalid(ErrorCode::InvalidRequest, u"error.code must be an integer"_s, knownId);
        }
        if (!error.value("message"_L1).isString())
            return invalid(ErrorCode::InvalidRequest, u"error.message must be a string"_s, knownId);
        message.kind = Message::Kind::ErrorResponse;
        message.error.code = static_cast<ErrorCode>(int(codeNumber));
        message.error.message = error.value("message"_L1).toString();
        message.error.field = error.value("data"_L1).toObject().value("field"_L1).toString();
        return message;
    }

    return invalid(ErrorCode::InvalidRequest,
                   u"the message has neither method nor result nor error"_s, knownId);
}

QByteArray encodeRequest(const QJsonValue &id, const QString &method, const QJsonObject &params) {
    QJsonObject object{
        {"jsonrpc"_L1, jsonRpcVersion}, {"id"_L1, wireId(id)}, {"method"_L1, method}};
    if (!params.isEmpty())
        object.insert("params"_L1, params);
    return toLine(object);
}

QByteArray encodeNotification(const QString &method, const QJsonObject &params) {
    QJsonObject object{{"jsonrpc"_L1, jsonRpcVersion}, {"method"_L1, method}};
    if (!params.isEmpty())
        object.insert("params"_L1, params);
    return toLine(object);
}

QByteArray encodeResult(const QJsonValue &id, const QJsonValue &result) {
    // An undefined value would silently drop the member; "result" must exist.
    const QJsonValue value = result.isUndefined() ? QJsonValue(QJsonValue::Null) : result;
    return toLine(
        QJsonObject{{"jsonrpc"_L1, jsonRpcVersion}, {"id"_L1, wireId(id)}, {"result"_L1, value}});
}

QByteArray encodeError(const QJsonValue &id, const RpcError &error) {
    QJsonObject errorObject{{"code"_L1, int(error.code)}, {"message"_L1, error.message}};
    if (!error.field.isEmpty())
        errorObject.insert("data"_L1, QJsonObject{{"field"_L1, error.field}});
    return toLine(QJsonObject{
        {"jsonrpc"_L1, jsonRpcVersion}, {"id"_L1, wireId(id)}, {"error"_L1, errorObject}});
}

QString errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::ParseError:
        return u"ParseError"_s;
    case ErrorCode::InvalidRequest:
        return u"InvalidRequest"_s;
    case ErrorCode::MethodNotFound:
        return u"MethodNotFound"_s;
    case ErrorCode::InvalidParams:
        return u"InvalidParams"_s;
    case ErrorCode::InternalError:
        return u"InternalError"_s;
    case ErrorCode::RequestTooLarge:
        return u"RequestTooLarge"_s;
    case ErrorCode::Unauthorized:
        return u"Unauthorized"_s;
    case ErrorCode::NotFound:
        return u"NotFound"_s;
    case ErrorCode::AlreadyExists:
        return u"AlreadyExists"_s;
    case ErrorCode::InvalidValue:
        return u"InvalidValue"_s;
    case ErrorCode::NotEmpty:
        return u"NotEmpty"_s;
    case ErrorCode::LimitReached:
        return u"LimitReached"_s;
    case ErrorCode::AliasLoop:
        return u"AliasLoop"_s;
    case ErrorCode::Conflict:
        return u"Conflict"_s;
    case ErrorCode::StorageError:
        return u"StorageError"_s;
    case ErrorCode::ExternalError:
        return u"ExternalError"_s;
    case ErrorCode::Busy:
        return u"Busy"_s;
    }
    // Codes from a newer daemon that this build does not know yet.
    return u"Error"_s + QString::number(int(code));
}

} // namespace mailstead::ipc
