// tst_mtastspolicy.cpp - the MTA-STS policy text, byte for byte
//
// Covers daemon/http/MtaStsPolicy: RFC 8461 section 3.2's field order and
// CRLF line endings for each mode, several mx lines.

#include "http/MtaStsPolicy.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::http;
using mailstead::core::MtaStsMode;

class TestMtaStsPolicy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void modes_data();
    void modes();
    void severalMxHosts();
};

void TestMtaStsPolicy::modes_data() {
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("testing") << int(MtaStsMode::Testing) << QByteArray("testing");
    QTest::newRow("enforce") << int(MtaStsMode::Enforce) << QByteArray("enforce");
    QTest::newRow("none") << int(MtaStsMode::None) << QByteArray("none");
}

void TestMtaStsPolicy::modes() {
    QFETCH(int, mode);
    QFETCH(QByteArray, name);
    QCOMPARE(mtaStsPolicyText(MtaStsMode(mode), {u"mail.example.test"_s}, 604800),
             QByteArray("version: STSv1\r\nmode: " + name +
                        "\r\nmx: mail.example.test\r\nmax_age: 604800\r\n"));
}

void TestMtaStsPolicy::severalMxHosts() {
    QCOMPARE(
        mtaStsPolicyText(MtaStsMode::Enforce, {u"mx1.example.test"_s, u"*.example.net"_s}, 86400),
        QByteArray("version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\n"
                   "mx: *.example.net\r\nmax_age: 86400\r\n"));
}

QTEST_APPLESS_MAIN(TestMtaStsPolicy)
#include "tst_mtastspolicy.moc"
