// tst_params.cpp - table tests for the admin parameter reader
#include "admin/Params.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using mailstead::admin::Params;
using mailstead::ipc::ErrorCode;

namespace {

QJsonObject object(const char *json) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad test JSON: %s", json);
    return document.object();
}

} // namespace

class TestParams : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void strings_data();
    void strings();
    void booleans_data();
    void booleans();
    void integers_data();
    void integers();
    void stringLists_data();
    void stringLists();
    void rejectUnknown_data();
    void rejectUnknown();
    void firstErrorWins();
    void failKeepsCode();
};

// Columns shared by the tables: input, ok, field of the error, and the value
// read (as text) when ok.
void TestParams::strings_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("required");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");

    QTest::newRow("required present")
        << QByteArray(R"({"k":"v"})") << true << true << u"v"_s << QString();
    QTest::newRow("required empty")
        << QByteArray(R"({"k":""})") << true << true << QString() << QString();
    QTest::newRow("required missing")
        << QByteArray(R"({})") << true << false << QString() << u"missing parameter \"k\""_s;
    QTest::newRow("required number") << QByteArray(R"({"k":5})") << true << false << QString()
                                     << u"\"k\" must be a string, not a number"_s;
    QTest::newRow("required null") << QByteArray(R"({"k":null})") << true << false << QString()
                                   << u"\"k\" must be a string, not null"_s;
    QTest::newRow("optional absent")
        << QByteArray(R"({})") << false << true << QString() << QString();
    QTest::newRow("optional present")
        << QByteArray(R"({"k":"ü"})") << false << true << u"ü"_s << QString();
    QTest::newRow("optional array") << QByteArray(R"({"k":["v"]})") << false << false << QString()
                                    << u"\"k\" must be a string, not an array"_s;
    QTest::newRow("optional object") << QByteArray(R"({"k":{}})") << false << false << QString()
                                     << u"\"k\" must be a string, not an object"_s;
    QTest::newRow("optional bool") << QByteArray(R"({"k":true})") << false << false << QString()
                                   << u"\"k\" must be a string, not a boolean"_s;
}

void TestParams::strings() {
    QFETCH(QByteArray, json);
    QFETCH(bool, required);
    QFETCH(bool, ok);
    QFETCH(QString, value);
    QFETCH(QString, message);

    Params p(object(json.constData()));
    const QString read =
        required ? p.requireString(u"k"_s) : p.optionalString(u"k"_s).value_or(QString());
    QCOMPARE(p.ok(), ok);
    if (ok) {
        QCOMPARE(read, value);
    } else {
        QCOMPARE(p.error().code, ErrorCode::InvalidParams);
        QCOMPARE(p.error().field, u"k"_s);
        QCOMPARE(p.error().message, message);
    }
}

void TestParams::booleans_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("value"); // -1 absent, 0 false, 1 true

    QTest::newRow("true") << QByteArray(R"({"k":true})") << true << 1;
    QTest::newRow("false") << QByteArray(R"({"k":false})") << true << 0;
    QTest::newRow("absent") << QByteArray(R"({})") << true << -1;
    QTest::newRow("string") << QByteArray(R"({"k":"true"})") << false << -1;
    QTest::newRow("number") << QByteArray(R"({"k":1})") << false << -1;
    QTest::newRow("null") << QByteArray(R"({"k":null})") << false << -1;
}

void TestParams::booleans() {
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(int, value);

    Params p(object(json.constData()));
    const std::optional<bool> read = p.optionalBool(u"k"_s);
    QCOMPARE(p.ok(), ok);
    QCOMPARE(read.has_value() ? int(*read) : -1, value);
    if (!ok) {
        QCOMPARE(p.error().code, ErrorCode::InvalidParams);
        QCOMPARE(p.error().field, u"k"_s);
    }
}

void TestParams::integers_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("min");
    QTest::addColumn<qint64>("max");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("value"); // when ok and present
    QTest::addColumn<bool>("present");

    const qint64 big = std::numeric_limits<qint64>::max();
    QTest::newRow("zero") << QByteArray(R"({"k":0})") << qint64(0) << big << true << qint64(0)
                          << true;
    QTest::newRow("ten GiB") << QByteArray(R"({"k":10737418240})") << qint64(0) << big << true
                             << qint64(10737418240) << true;
    QTest::newRow("beyond 2^53 exact") << QByteArray(R"({"k":9007199254740993})") << qint64(0)
                                       << big << true << qint64(9007199254740993) << true;
    QTest::newRow("integral double")
        << QByteArray(R"({"k":2.0})") << qint64(0) << big << true << qint64(2) << true;
    QTest::newRow("exponent") << QByteArray(R"({"k":1e3})") << qint64(0) << big << true
                              << qint64(1000) << true;
    QTest::newRow("absent") << QByteArray(R"({})") << qint64(0) << big << true << qint64(0)
                            << false;
    QTest::newRow("fraction") << QByteArray(R"({"k":1.5})") << qint64(0) << big << false
                              << qint64(0) << false;
    QTest::newRow("negative") << QByteArray(R"({"k":-1})") << qint64(0) << big << false << qint64(0)
                              << false;
    QTest::newRow("negative allowed")
        << QByteArray(R"({"k":-1})") << qint64(-10) << big << true << qint64(-1) << true;
    QTest::newRow("too large for int64")
        << QByteArray(R"({"k":1e300})") << qint64(0) << big << false << qint64(0) << false;
    QTest::newRow("above max") << QByteArray(R"({"k":2147483648})") << qint64(0)
                               << qint64(2147483647) << false << qint64(0) << false;
    QTest::newRow("at max") << QByteArray(R"({"k":2147483647})") << qint64(0) << qint64(2147483647)
                            << true << qint64(2147483647) << true;
    QTest::newRow("string") << QByteArray(R"({"k":"10G"})") << qint64(0) << big << false
                            << qint64(0) << false;
    QTest::newRow("bool") << QByteArray(R"({"k":true})") << qint64(0) << big << false << qint64(0)
                          << false;
    QTest::newRow("null") << QByteArray(R"({"k":null})") << qint64(0) << big << false << qint64(0)
                          << false;
}

void TestParams::integers() {
    QFETCH(QByteArray, json);
    QFETCH(qint64, min);
    QFETCH(qint64, max);
    QFETCH(bool, ok);
    QFETCH(qint64, value);
    QFETCH(bool, present);

    Params p(object(json.constData()));
    const std::optional<qint64> read = p.optionalInt64(u"k"_s, min, max);
    QCOMPARE(p.ok(), ok);
    QCOMPARE(read.has_value(), present);
    if (present)
        QCOMPARE(*read, value);
    if (!ok) {
        QCOMPARE(p.error().code, ErrorCode::InvalidParams);
        QCOMPARE(p.error().field, u"k"_s);
        QVERIFY(p.error().message.startsWith(u"\"k\" must be"_s));
    }
}

void TestParams::stringLists_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("required");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QStringList>("value");

    QTest::newRow("two") << QByteArray(R"({"k":["a","b"]})") << true << true
                         << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("empty") << QByteArray(R"({"k":[]})") << true << true << QStringList();
    QTest::newRow("missing") << QByteArray(R"({})") << true << false << QStringList();
    QTest::newRow("not an array") << QByteArray(R"({"k":"a"})") << true << false << QStringList();
    QTest::newRow("mixed") << QByteArray(R"({"k":["a",1]})") << true << false << QStringList();
    QTest::newRow("nested") << QByteArray(R"({"k":[["a"]]})") << true << false << QStringList();
    QTest::newRow("optional absent") << QByteArray(R"({})") << false << true << QStringList();
    QTest::newRow("optional null")
        << QByteArray(R"({"k":null})") << false << false << QStringList();
}

void TestParams::stringLists() {
    QFETCH(QByteArray, json);
    QFETCH(bool, required);
    QFETCH(bool, ok);
    QFETCH(QStringList, value);

    Params p(object(json.constData()));
    const QStringList read = required ? p.requireStringList(u"k"_s)
                                      : p.optionalStringList(u"k"_s).value_or(QStringList());
    QCOMPARE(p.ok(), ok);
    if (ok) {
        QCOMPARE(read, value);
    } else {
        QCOMPARE(p.error().code, ErrorCode::InvalidParams);
        QCOMPARE(p.error().field, u"k"_s);
    }
}

void TestParams::rejectUnknown_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<QString>("unknown"); // empty: none

    QTest::newRow("none given") << QByteArray(R"({})") << QStringList{u"a"_s} << QString();
    QTest::newRow("all allowed") << QByteArray(R"({"a":1,"b":2})") << QStringList{u"a"_s, u"b"_s}
                                 << QString();
    QTest::newRow("typo") << QByteArray(R"({"a":1,"qouta":2})") << QStringList{u"a"_s, u"quota"_s}
                          << u"qouta"_s;
    QTest::newRow("no params allowed") << QByteArray(R"({"x":1})") << QStringList() << u"x"_s;
    QTest::newRow("case matters") << QByteArray(R"({"Name":"x"})") << QStringList{u"name"_s}
                                  << u"Name"_s;
}

void TestParams::rejectUnknown() {
    QFETCH(QByteArray, json);
    QFETCH(QStringList, allowed);
    QFETCH(QString, unknown);

    Params p(object(json.constData()));
    p.rejectUnknown(allowed);
    QCOMPARE(p.ok(), unknown.isEmpty());
    if (!unknown.isEmpty()) {
        QCOMPARE(p.error().code, ErrorCode::InvalidParams);
        QCOMPARE(p.error().field, unknown);
        QCOMPARE(p.error().message, u"unknown parameter \""_s + unknown + u'"');
    }
}

void TestParams::firstErrorWins() {
    Params p(object(R"({"a":1,"b":"x"})"));
    p.requireString(u"a"_s);
    p.optionalInt64(u"b"_s);
    p.requireString(u"c"_s);
    QVERIFY(!p.ok());
    QCOMPARE(p.error().field, u"a"_s);
}

void TestParams::failKeepsCode() {
    Params p(object(R"({"a":"x"})"));
    p.fail(ErrorCode::InvalidValue, u"a"_s, u"bad a"_s);
    p.fail(ErrorCode::InvalidParams, u"b"_s, u"bad b"_s);
    QCOMPARE(p.error().code, ErrorCode::InvalidValue);
    QCOMPARE(p.error().field, u"a"_s);
    QCOMPARE(p.error().message, u"bad a"_s);
}

QTEST_GUILESS_MAIN(TestParams)
#include "tst_params.moc"
