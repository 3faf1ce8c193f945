// tst_jsonrpc.cpp - the admin IPC wire protocol: framing, decoding, encoding
//
// Covers shared/ipc/JsonRpc.cpp against JSON-RPC 2.0 sections 4 and 5 as
// restricted by docs/ipc.md. Every LineDecoder case is fed whole and byte by
// byte.

#include "ipc/JsonRpc.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::ipc;

Q_DECLARE_METATYPE(Message::Kind)
Q_DECLARE_METATYPE(ErrorCode)

namespace {

struct Drained {
    QList<QByteArray> lines;
    bool tooLong = false;
};

void drain(LineDecoder &decoder, Drained &out) {
    for (;;) {
        const LineDecoder::Result result = decoder.next();
        if (result.status == LineDecoder::Status::Line) {
            out.lines.append(result.line);
            continue;
        }
        out.tooLong = result.status == LineDecoder::Status::TooLong;
        return;
    }
}

Drained feedWhole(const QByteArray &input, qsizetype maxLine) {
    LineDecoder decoder(maxLine);
    Drained out;
    decoder.append(input);
    drain(decoder, out);
    return out;
}

Drained feedByteByByte(const QByteArray &input, qsizetype maxLine) {
    LineDecoder decoder(maxLine);
    Drained out;
    for (const char byte : input) {
        decoder.append(QByteArray(1, byte));
        drain(decoder, out);
        if (out.tooLong)
            break;
    }
    return out;
}

} // namespace

class TestJsonRpc : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lineDecoder_data();
    void lineDecoder();
    void lineDecoderStaysTooLong();
    void lineDecoderBuffered();
    void lineDecoderManyLines();
    void lineDecoderLongLineByteByByte();

    void decode_data();
    void decode();
    void decodeFields();
    void decodeErrorResponse();

    void roundTripRequest_data();
    void roundTripRequest();
    void roundTripNotification();
    void roundTripResult_data();
    void roundTripResult();
    void roundTripError_data();
    void roundTripError();
    void encodersWriteOneLine();
    void errorCodeNames();
};

void TestJsonRpc::lineDecoder_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::addColumn<bool>("tooLong");

    using Lines = QList<QByteArray>;
    QTest::newRow("nothing") << QByteArray() << 8 << Lines{} << false;
    QTest::newRow("one line") << "abc\n"_ba << 8 << Lines{"abc"_ba} << false;
    QTest::newRow("incomplete") << "abc"_ba << 8 << Lines{} << false;
    QTest::newRow("line then partial") << "abc\ndef"_ba << 8 << Lines{"abc"_ba} << false;
    QTest::newRow("several lines")
        << "a\nbb\nccc\n"_ba << 8 << Lines{"a"_ba, "bb"_ba, "ccc"_ba} << false;
    QTest::newRow("crlf") << "abc\r\ndef\r\n"_ba << 8 << Lines{"abc"_ba, "def"_ba} << false;
    QTest::newRow("only one cr stripped") << "abc\r\r\n"_ba << 8 << Lines{"abc\r"_ba} << false;
    QTest::newRow("cr inside kept") << "a\rb\n"_ba << 8 << Lines{"a\rb"_ba} << false;
    QTest::newRow("empty lines") << "\n\na\n\n"_ba << 8 << Lines{""_ba, ""_ba, "a"_ba, ""_ba}
                                 << false;
    QTest::newRow("bare crlf") << "\r\n"_ba << 8 << Lines{""_ba} << false;
    QTest::newRow("nul bytes") << QByteArray("a\0b\n", 4) << 8 << Lines{QByteArray("a\0b", 3)}
                               << false;
    QTest::newRow("exactly the limit") << "12345678\n"_ba << 8 << Lines{"12345678"_ba} << false;
    QTest::newRow("limit unterminated") << "12345678"_ba << 8 << Lines{} << false;
    QTest::newRow("limit plus one unterminated") << "123456789"_ba << 8 << Lines{} << true;
    QTest::newRow("limit plus one terminated") << "123456789\n"_ba << 8 << Lines{} << true;
    // The limit counts every byte before "\n", a tolerated "\r" included.
    QTest::newRow("limit plus cr") << "12345678\r\n"_ba << 8 << Lines{} << true;
    QTest::newRow("lines before an overlong one")
        << "ab\ncd\n0123456789abc"_ba << 8 << Lines{"ab"_ba, "cd"_ba} << true;
    QTest::newRow("overlong then more lines") << "0123456789\nab\n"_ba << 8 << Lines{} << true;
    QTest::newRow("limit one") << "a\nbc\n"_ba << 1 << Lines{"a"_ba} << true;
}

void TestJsonRpc::lineDecoder() {
    QFETCH(QByteArray, input);
    QFETCH(int, maxLine);
    QFETCH(QList<QByteArray>, lines);
    QFETCH(bool, tooLong);

    const Drained whole = feedWhole(input, maxLine);
    QCOMPARE(whole.lines, lines);
    QCOMPARE(whole.tooLong, tooLong);

    const Drained bytewise = feedByteByByte(input, maxLine);
    QCOMPARE(bytewise.lines, lines);
    QCOMPARE(bytewise.tooLong, tooLong);
}

void TestJsonRpc::lineDecoderStaysTooLong() {
    LineDecoder decoder(4);
    decoder.append("12345"_ba);
    QCOMPARE(decoder.next().status, LineDecoder::Status::TooLong);
    decoder.append("\nok\n"_ba);
    QCOMPARE(decoder.next().status, LineDecoder::Status::TooLong);
    QCOMPARE(decoder.next().status, LineDecoder::Status::TooLong);
    // Nothing more is kept once the connection is doomed.
    QCOMPARE(decoder.buffered(), 0);
}

void TestJsonRpc::lineDecoderBuffered() {
    LineDecoder decoder;
    QCOMPARE(decoder.buffered(), 0);
    decoder.append("ab\ncd"_ba);
    QCOMPARE(decoder.buffered(), 5);
    QCOMPARE(decoder.next().line, "ab"_ba);
    QCOMPARE(decoder.buffered(), 2);
    QCOMPARE(decoder.next().status, LineDecoder::Status::Incomplete);
    decoder.append("\n"_ba);
    QCOMPARE(decoder.next().line, "cd"_ba);
    QCOMPARE(decoder.buffered(), 0);
}

void TestJsonRpc::lineDecoderManyLines() {
    // Enough consumed bytes to make the decoder compact its buffer several
    // times while partial lines stay buffered across chunks.
    QByteArray stream;
    const int count = 50000;
    for (int i = 0; i < count; ++i)
        stream += QByteArray::number(i) + '\n';

    LineDecoder decoder;
    int expected = 0;
    for (qsizetype pos = 0; pos < stream.size(); pos += 777) {
        decoder.append(stream.mid(pos, 777));
        for (;;) {
            const LineDecoder::Result result = decoder.next();
            if (result.status != LineDecoder::Status::Line)
                break;
            QCOMPARE(result.line, QByteArray::number(expected));
            ++expected;
        }
    }
    QCOMPARE(expected, count);
    QCOMPARE(decoder.buffered(), 0);
}

void TestJsonRpc::lineDecoderLongLineByteByByte() {
    // A 4 MiB line fed in one-byte chunks: with incremental scanning this
    // takes milliseconds; rescanning from the line start would take hours.
    const qsizetype length = 4 * 1024 * 1024;
    LineDecoder decoder;
    const QByteArray one(1, 'x');
    for (qsizetype i = 0; i < length; ++i) {
        decoder.append(one);
        if ((i & 0xfff) == 0)
            QCOMPARE(decoder.next().status, LineDecoder::Status::Incomplete);
    }
    QCOMPARE(decoder.next().status, LineDecoder::Status::Incomplete);
    decoder.append("\n"_ba);
    const LineDecoder::Result result = decoder.next();
    QCOMPARE(result.status, LineDecoder::Status::Line);
    QCOMPARE(result.line.size(), length);
}

void TestJsonRpc::decode_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<Message::Kind>("kind");
    QTest::addColumn<int>("code"); // error.code for Invalid and ErrorResponse
    QTest::addColumn<QJsonValue>("id");

    using K = Message::Kind;
    const QJsonValue null(QJsonValue::Null);
    const int parse = int(ErrorCode::ParseError);
    const int invalid = int(ErrorCode::InvalidRequest);

    struct Row {
        const char *name;
        QByteArray line;
        K kind;
        int code;
        QJsonValue id;
    };
    const Row rows[] = {
        // Requests and notifications
        {"request", R"({"jsonrpc":"2.0","id":1,"method":"system.hello"})"_ba, K::Request, 0, 1},
        {"request with params",
         R"({"jsonrpc":"2.0","id":7,"method":"domain.add","params":{"name":"x.test"}})"_ba,
         K::Request, 0, 7},
        {"string id", R"({"jsonrpc":"2.0","id":"abc-1","method":"nope.nothing"})"_ba, K::Request, 0,
         u"abc-1"_s},
        {"fractional id", R"({"jsonrpc":"2.0","id":1.5,"method":"m"})"_ba, K::Request, 0, 1.5},
        {"null id", R"({"jsonrpc":"2.0","id":null,"method":"m"})"_ba, K::Request, 0, null},
        {"notification", R"({"jsonrpc":"2.0","method":"event.config","params":{}})"_ba,
         K::Notification, 0, null},
        {"whitespace", " { \"jsonrpc\" : \"2.0\" , \"id\" : 2 , \"method\" : \"m\" } "_ba,
         K::Request, 0, 2},
        {"utf8 params", R"({"jsonrpc":"2.0","id":3,"method":"m","params":{"n":"bücher"}})"_ba,
         K::Request, 0, 3},
        // Responses
        {"result", R"({"jsonrpc":"2.0","id":1,"result":{"x":1}})"_ba, K::Response, 0, 1},
        {"null result", R"({"jsonrpc":"2.0","id":1,"result":null})"_ba, K::Response, 0, 1},
        {"array result", R"({"jsonrpc":"2.0","id":"s","result":[1,2]})"_ba, K::Response, 0, u"s"_s},
        {"error", R"({"jsonrpc":"2.0","id":4,"error":{"code":1003,"message":"bad"}})"_ba,
         K::ErrorResponse, 1003, 4},
        {"error null id",
         R"({"jsonrpc":"2.0","id":null,"error":{"code":-32002,"message":"no"}})"_ba,
         K::ErrorResponse, -32002, null},
        {"error unknown code", R"({"jsonrpc":"2.0","id":4,"error":{"code":77,"message":""}})"_ba,
         K::ErrorResponse, 77, 4},
        // Not JSON
        {"empty", ""_ba, K::Invalid, parse, null},
        {"garbage", "not json at all"_ba, K::Invalid, parse, null},
        {"truncated", R"({"jsonrpc": "2.0", "id": 1, "method": )"_ba, K::Invalid, parse, null},
        {"unclosed", R"({"jsonrpc":"2.0","id":1,"method":"system.hello")"_ba, K::Invalid, parse,
         null},
        {"binary", "\x00\xff"_ba, K::Invalid, parse, null},
        {"two values", "1 2"_ba, K::Invalid, parse, null},
        {"two objects", "{} {}"_ba, K::Invalid, parse, null},
        {"deep nesting", QByteArray(5000, '[') + QByteArray(5000, ']'), K::Invalid, parse, null},
        {"deep objects", QByteArray(5000, '{'), K::Invalid, parse, null},
        // JSON, but not a JSON-RPC 2.0 message
        {"batch", R"([{"jsonrpc":"2.0","id":1,"method":"system.hello"}])"_ba, K::Invalid, invalid,
         null},
        {"empty batch", "[]"_ba, K::Invalid, invalid, null},
        {"string", R"("just a string")"_ba, K::Invalid, invalid, null},
        {"number", "42"_ba, K::Invalid, invalid, null},
        {"null", "null"_ba, K::Invalid, invalid, null},
        {"empty object", "{}"_ba, K::Invalid, invalid, null},
        {"no jsonrpc", R"({"id":1,"method":"system.hello"})"_ba, K::Invalid, invalid, 1},
        {"jsonrpc 1.0", R"({"jsonrpc":"1.0","id":1,"method":"system.hello"})"_ba, K::Invalid,
         invalid, 1},
        {"jsonrpc number", R"({"jsonrpc":2.0,"id":"a","method":"m"})"_ba, K::Invalid, invalid,
         u"a"_s},
        {"method number", R"({"jsonrpc":"2.0","id":1,"method":42})"_ba, K::Invalid, invalid, 1},
        {"method empty", R"({"jsonrpc":"2.0","id":1,"method":""})"_ba, K::Invalid, invalid, 1},
        {"object id", R"({"jsonrpc":"2.0","id":{},"method":"system.hello"})"_ba, K::Invalid,
         invalid, null},
        {"array id", R"({"jsonrpc":"2.0","id":[1],"method":"m"})"_ba, K::Invalid, invalid, null},
        {"bool id", R"({"jsonrpc":"2.0","id":true,"method":"m"})"_ba, K::Invalid, invalid, null},
        {"array params", R"({"jsonrpc":"2.0","id":1,"method":"m","params":[1,2]})"_ba, K::Invalid,
         invalid, 1},
        {"string params", R"({"jsonrpc":"2.0","id":1,"method":"m","params":"x"})"_ba, K::Invalid,
         invalid, 1},
        {"null params", R"({"jsonrpc":"2.0","id":1,"method":"m","params":null})"_ba, K::Invalid,
         invalid, 1},
        {"neither", R"({"jsonrpc":"2.0","id":1})"_ba, K::Invalid, invalid, 1},
        {"method and result", R"({"jsonrpc":"2.0","id":1,"method":"m","result":1})"_ba, K::Invalid,
         invalid, 1},
        {"result and error",
         R"({"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"x"}})"_ba, K::Invalid,
         invalid, 1},
        {"response without id", R"({"jsonrpc":"2.0","result":1})"_ba, K::Invalid, invalid, null},
        {"error not object", R"({"jsonrpc":"2.0","id":1,"error":"bad"})"_ba, K::Invalid, invalid,
         1},
        {"error code string", R"({"jsonrpc":"2.0","id":1,"error":{"code":"1","message":"x"}})"_ba,
         K::Invalid, invalid, 1},
        {"error code fraction", R"({"jsonrpc":"2.0","id":1,"error":{"code":1.5,"message":"x"}})"_ba,
         K::Invalid, invalid, 1},
        {"error code huge", R"({"jsonrpc":"2.0","id":1,"error":{"code":1e300,"message":"x"}})"_ba,
         K::Invalid, invalid, 1},
        {"error code over int",
         R"({"jsonrpc":"2.0","id":1,"error":{"code":2147483648,"message":"x"}})"_ba, K::Invalid,
         invalid, 1},
        {"error without message", R"({"jsonrpc":"2.0","id":1,"error":{"code":1}})"_ba, K::Invalid,
         invalid, 1},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.line << row.kind << row.code << row.id;
}

void TestJsonRpc::decode() {
    QFETCH(QByteArray, line);
    QFETCH(Message::Kind, kind);
    QFETCH(int, code);
    QFETCH(QJsonValue, id);

    const Message message = decodeMessage(line);
    QCOMPARE(int(message.kind), int(kind));
    QCOMPARE(message.id, id);
    if (kind == Message::Kind::Invalid || kind == Message::Kind::ErrorResponse)
        QCOMPARE(int(message.error.code), code);
    if (kind == Message::Kind::Invalid)
        QVERIFY(!message.error.message.isEmpty());
    if (kind == Message::Kind::Request || kind == Message::Kind::Notification)
        QVERIFY(!message.method.isEmpty());
}

void TestJsonRpc::decodeFields() {
    const Message request = decodeMessage(
        R"({"jsonrpc":"2.0","id":7,"method":"domain.add","params":{"name":"x.test","quota":5}})"_ba);
    QCOMPARE(request.method, u"domain.add"_s);
    QCOMPARE(request.params.value("name"_L1).toString(), u"x.test"_s);
    QCOMPARE(request.params.value("quota"_L1).toInteger(), 5);

    const Message noParams = decodeMessage(R"({"jsonrpc":"2.0","id":1,"method":"m"})"_ba);
    QVERIFY(noParams.params.isEmpty());

    const Message batch = decodeMessage("[]"_ba);
    QCOMPARE(batch.error.message, u"batches are not supported"_s);

    const Message arrayParams =
        decodeMessage(R"({"jsonrpc":"2.0","id":"q","method":"m","params":[1]})"_ba);
    QCOMPARE(arrayParams.error.message, u"params must be an object (by-name)"_s);
    QCOMPARE(arrayParams.id, QJsonValue(u"q"_s));

    const Message response = decodeMessage(R"({"jsonrpc":"2.0","id":1,"result":{"x":[1]}})"_ba);
    QCOMPARE(response.result, QJsonValue(QJsonObject{{"x"_L1, QJsonArray{1}}}));
}

void TestJsonRpc::decodeErrorResponse() {
    const Message error = decodeMessage(
        R"({"jsonrpc":"2.0","id":3,"error":{"code":1003,"message":"bad name","data":{"field":"name"}}})"_ba);
    QCOMPARE(int(error.kind), int(Message::Kind::ErrorResponse));
    QCOMPARE(error.error.code, ErrorCode::InvalidValue);
    QCOMPARE(error.error.message, u"bad name"_s);
    QCOMPARE(error.error.field, u"name"_s);

    // data of another shape is tolerated and simply gives no field.
    const Message odd =
        decodeMessage(R"({"jsonrpc":"2.0","id":3,"error":{"code":1,"message":"m","data":[1]}})"_ba);
    QCOMPARE(int(odd.kind), int(Message::Kind::ErrorResponse));
    QVERIFY(odd.error.field.isEmpty());
}

void TestJsonRpc::roundTripRequest_data() {
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("params");

    QTest::newRow("int id, no params") << QJsonValue(1) << u"system.hello"_s << QJsonObject();
    QTest::newRow("large id") << QJsonValue(qint64(1) << 50) << u"m"_s << QJsonObject();
    QTest::newRow("string id") << QJsonValue(u"a\nb"_s) << u"domain.add"_s
                               << QJsonObject{{"name"_L1, u"bücher.example"_s}};
    QTest::newRow("nested params")
        << QJsonValue(2) << u"alias.add"_s
        << QJsonObject{{"source"_L1, u"@x.test"_s},
                       {"targets"_L1, QJsonArray{u"a@x.test"_s, u"b@x.test"_s}},
                       {"active"_L1, true},
                       {"quota"_L1, 0}};
}

void TestJsonRpc::roundTripRequest() {
    QFETCH(QJsonValue, id);
    QFETCH(QString, method);
    QFETCH(QJsonObject, params);

    const Message message = decodeMessage(encodeRequest(id, method, params).chopped(1));
    QCOMPARE(int(message.kind), int(Message::Kind::Request));
    QCOMPARE(message.id, id);
    QCOMPARE(message.method, method);
    QCOMPARE(message.params, params);
}

void TestJsonRpc::roundTripNotification() {
    const QJsonObject params{{"object"_L1, u"domain"_s}, {"action"_L1, u"added"_s}};
    const QByteArray line = encodeNotification(u"event.config"_s, params);
    QVERIFY(!line.contains("\"id\""));
    const Message message = decodeMessage(line.chopped(1));
    QCOMPARE(int(message.kind), int(Message::Kind::Notification));
    QCOMPARE(message.method, u"event.config"_s);
    QCOMPARE(message.params, params);
    QVERIFY(message.id.isNull());

    const Message bare = decodeMessage(encodeNotification(u"event.health"_s).chopped(1));
    QCOMPARE(int(bare.kind), int(Message::Kind::Notification));
    QVERIFY(bare.params.isEmpty());
}

void TestJsonRpc::roundTripResult_data() {
    QTest::addColumn<QJsonValue>("result");
    QTest::addColumn<QJsonValue>("decoded");

    const QJsonObject object{{"server"_L1, u"mailsteadd"_s}, {"methods"_L1, QJsonArray{}}};
    QTest::newRow("object") << QJsonValue(object) << QJsonValue(object);
    QTest::newRow("array") << QJsonValue(QJsonArray{1, u"x"_s})
                           << QJsonValue(QJsonArray{1, u"x"_s});
    QTest::newRow("string") << QJsonValue(u"ok"_s) << QJsonValue(u"ok"_s);
    QTest::newRow("number") << QJsonValue(42) << QJsonValue(42);
    QTest::newRow("bool") << QJsonValue(false) << QJsonValue(false);
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QJsonValue(QJsonValue::Null);
    QTest::newRow("undefined becomes null")
        << QJsonValue(QJsonValue::Undefined) << QJsonValue(QJsonValue::Null);
}

void TestJsonRpc::roundTripResult() {
    QFETCH(QJsonValue, result);
    QFETCH(QJsonValue, decoded);

    const Message message = decodeMessage(encodeResult(QJsonValue(9), result).chopped(1));
    QCOMPARE(int(message.kind), int(Message::Kind::Response));
    QCOMPARE(message.id, QJsonValue(9));
    QCOMPARE(message.result, decoded);
}

void TestJsonRpc::roundTripError_data() {
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("field");

    QTest::newRow("with field") << QJsonValue(5) << ErrorCode::InvalidValue
                                << u"the domain is empty"_s << u"name"_s;
    QTest::newRow("without field")
        << QJsonValue(u"id-1"_s) << ErrorCode::MethodNotFound << u"no such method"_s << QString();
    QTest::newRow("null id") << QJsonValue(QJsonValue::Null) << ErrorCode::Unauthorized
                             << u"not authorized"_s << QString();
    QTest::newRow("negative code")
        << QJsonValue(1) << ErrorCode::ParseError << u"not JSON"_s << QString();
}

void TestJsonRpc::roundTripError() {
    QFETCH(QJsonValue, id);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    QFETCH(QString, field);

    const QByteArray line = encodeError(id, {code, message, field});
    QCOMPARE(line.contains("\"data\""), !field.isEmpty());
    const Message decoded = decodeMessage(line.chopped(1));
    QCOMPARE(int(decoded.kind), int(Message::Kind::ErrorResponse));
    QCOMPARE(decoded.id, id);
    QCOMPARE(decoded.error.code, code);
    QCOMPARE(decoded.error.message, message);
    QCOMPARE(decoded.error.field, field);
}

void TestJsonRpc::encodersWriteOneLine() {
    const QString tricky = u"line\nbreak \"quoted\" \\ and \u2028"_s;
    const QByteArray lines[] = {
        encodeRequest(QJsonValue(1), tricky, {{"k"_L1, tricky}}),
        encodeNotification(tricky, {{"k"_L1, tricky}}),
        encodeResult(QJsonValue(tricky), QJsonValue(tricky)),
        encodeError(QJsonValue(1), {ErrorCode::InternalError, tricky, tricky}),
    };
    for (const QByteArray &line : lines) {
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        QVERIFY(!line.contains(": ")); // compact
        QVERIFY(line.contains("\"jsonrpc\":\"2.0\""));
        QVERIFY(decodeMessage(line.chopped(1)).kind != Message::Kind::Invalid);
    }
    // An id that JSON-RPC cannot carry is sent as null, never dropped.
    const Message odd = decodeMessage(encodeResult(QJsonValue(true), 1).chopped(1));
    QCOMPARE(int(odd.kind), int(Message::Kind::Response));
    QVERIFY(odd.id.isNull());
}

void TestJsonRpc::errorCodeNames() {
    const QList<std::pair<ErrorCode, QString>> names = {
        {ErrorCode::ParseError, u"ParseError"_s},
        {ErrorCode::InvalidRequest, u"InvalidRequest"_s},
        {ErrorCode::MethodNotFound, u"MethodNotFound"_s},
        {ErrorCode::InvalidParams, u"InvalidParams"_s},
        {ErrorCode::InternalError, u"InternalError"_s},
        {ErrorCode::RequestTooLarge, u"RequestTooLarge"_s},
        {ErrorCode::Unauthorized, u"Unauthorized"_s},
        {ErrorCode::NotFound, u"NotFound"_s},
        {ErrorCode::AlreadyExists, u"AlreadyExists"_s},
        {ErrorCode::InvalidValue, u"InvalidValue"_s},
        {ErrorCode::NotEmpty, u"NotEmpty"_s},
        {ErrorCode::LimitReached, u"LimitReached"_s},
        {ErrorCode::AliasLoop, u"AliasLoop"_s},
        {ErrorCode::Conflict, u"Conflict"_s},
        {ErrorCode::StorageError, u"StorageError"_s},
    };
    for (const auto &[code, name] : names)
        QCOMPARE(errorCodeName(code), name);
    QCOMPARE(errorCodeName(static_cast<ErrorCode>(4242)), u"Error4242"_s);
}

QTEST_GUILESS_MAIN(TestJsonRpc)
#include "tst_jsonrpc.moc"
