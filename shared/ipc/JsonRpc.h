// JsonRpc.h - admin IPC wire protocol: JSON-RPC 2.0, one object per line
//
// Framing: UTF-8 JSON objects separated by "\n" (a trailing "\r" is
// tolerated), at most maxIpcLineBytes per line. Batches are not supported
// and are answered with InvalidRequest. See docs/ipc.md for the methods.
//
// SECURITY: the decoder sees raw bytes from any local process that can open
// the socket, before authorization; it is pure, bounded and fuzzed
// (tests/fuzz/fuzz_ipc_decoder.cpp).
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace mailstead::ipc {

inline constexpr qsizetype maxIpcLineBytes = 16 * 1024 * 1024;

// Stable error codes. Never renumber; document new ones in docs/ipc.md.
enum class ErrorCode : int {
    ParseError = -32700,     // not JSON
    InvalidRequest = -32600, // JSON but not a JSON-RPC 2.0 request object
    MethodNotFound = -32601,
    InvalidParams = -32602, // missing or wrongly typed parameter
    InternalError = -32603,
    RequestTooLarge = -32001, // line over maxIpcLineBytes; connection closed
    Unauthorized = -32002,    // peer credentials not allowed; connection closed
    NotFound = 1001,
    AlreadyExists = 1002,
    InvalidValue = 1003, // well-typed but invalid (bad address, bad size, ...)
    NotEmpty = 1004,     // e.g. removing a domain that still has mailboxes
    LimitReached = 1005, // max mailboxes/aliases, quota above the domain's
    AliasLoop = 1006,
    Conflict = 1007,      // name used by another kind of object
    StorageError = 1008,  // config.db could not be written
    ExternalError = 1009, // a remote party (an ACME server, ...) failed; message quotes it
    Busy = 1010,          // the same long operation is already running
};

struct RpcError {
    ErrorCode code = ErrorCode::InternalError;
    QString message;
    QString field; // parameter the error concerns, empty if none (sent as data.field)
};

// Splits a byte stream into lines. Pure: append bytes, then take lines.
class LineDecoder {
public:
    enum class Status { Line, Incomplete, TooLong };
    struct Result {
        Status status = Status::Incomplete;
        QByteArray line; // without the terminating "\n" (and "\r")
    };

    explicit LineDecoder(qsizetype maxLine = maxIpcLineBytes);
    void append(const QByteArray &bytes);
    // Returns the next complete line, Incomplete when more bytes are needed,
    // or TooLong once the current line exceeds the limit (the decoder then
    // stays in that state: the connection must be closed).
    Result next();
    qsizetype buffered() const { return m_buffer.size() - m_offset; }

private:
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    qsizetype m_scanned = 0;
    qsizetype m_maxLine;
    bool m_tooLong = false;
};

// One decoded message.
struct Message {
    enum class Kind { Request, Notification, Response, ErrorResponse, Invalid };
    Kind kind = Kind::Invalid;
    QJsonValue id;      // request/response id (string or number); Null for notifications
    QString method;     // requests and notifications
    QJsonObject params; // by-name params only; absent = empty object
    QJsonValue result;  // Response
    RpcError error;     // ErrorResponse, or why it is Invalid
};

// Decodes one line. Never throws; invalid input gives Kind::Invalid with
// error.code ParseError or InvalidRequest and, when it could be read, the id.
Message decodeMessage(const QByteArray &line);

// Encoders: each returns one line including the trailing "\n".
QByteArray encodeRequest(const QJsonValue &id, const QString &method,
                         const QJsonObject &params = {});
QByteArray encodeNotification(const QString &method, const QJsonObject &params = {});
QByteArray encodeResult(const QJsonValue &id, const QJsonValue &result);
QByteArray encodeError(const QJsonValue &id, const RpcError &error);

QString errorCodeName(ErrorCode code);

} // namespace mailstead::ipc
