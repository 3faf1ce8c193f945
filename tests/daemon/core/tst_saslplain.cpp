// tst_saslplain.cpp - a table of SASL PLAIN messages and what they decode to
//
// Covers daemon/core/SaslPlain: RFC 4616 section 2 (authzid NUL authcid NUL
// passwd; authcid and passwd non-empty; each part at most 255 octets; UTF-8)
// with every way a message can be malformed.

#include "core/SaslPlain.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

namespace {

QString describe(const std::optional<SaslPlainMessage> &message) {
    if (!message)
        return u"invalid"_s;
    return u"z="_s + message->authzid + u" c="_s + message->authcid + u" p="_s + message->password;
}

QByteArray plain(QByteArrayView authzid, QByteArrayView authcid, QByteArrayView password) {
    return authzid.toByteArray() + '\0' + authcid.toByteArray() + '\0' + password.toByteArray();
}

} // namespace

class TestSaslPlain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decode_data();
    void decode();
};

void TestSaslPlain::decode_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no authzid") << plain("", "alice@example.test", "secret")
                                << u"z= c=alice@example.test p=secret"_s;
    QTest::newRow("authzid") << plain("admin", "alice", "secret") << u"z=admin c=alice p=secret"_s;
    QTest::newRow("password with spaces")
        << plain("", "a", "correct horse battery") << u"z= c=a p=correct horse battery"_s;
    QTest::newRow("utf8") << plain("", "d\xc3\xa9j\xc3\xa0", "p\xc3\xa4ss")
                          << u"z= c=déjà p=päss"_s;
    QTest::newRow("255 octets each")
        << plain(QByteArray(255, 'z'), QByteArray(255, 'c'), QByteArray(255, 'p'))
        << u"z="_s + QString(255, u'z') + u" c="_s + QString(255, u'c') + u" p="_s +
               QString(255, u'p');

    QTest::newRow("empty") << ""_ba << u"invalid"_s;
    QTest::newRow("no nul") << "alice secret"_ba << u"invalid"_s;
    QTest::newRow("one nul") << QByteArray("alice\0secret", 12) << u"invalid"_s;
    QTest::newRow("three nuls") << QByteArray("\0alice\0sec\0ret", 14) << u"invalid"_s;
    QTest::newRow("empty authcid") << plain("", "", "secret") << u"invalid"_s;
    QTest::newRow("empty password") << plain("", "alice", "") << u"invalid"_s;
    QTest::newRow("only nuls") << QByteArray("\0\0", 2) << u"invalid"_s;
    QTest::newRow("authzid too long") << plain(QByteArray(256, 'z'), "a", "p") << u"invalid"_s;
    QTest::newRow("authcid too long") << plain("", QByteArray(256, 'c'), "p") << u"invalid"_s;
    QTest::newRow("password too long") << plain("", "a", QByteArray(256, 'p')) << u"invalid"_s;
    QTest::newRow("bad utf8 authcid") << plain("", "\xff\xfe", "p") << u"invalid"_s;
    QTest::newRow("bad utf8 password") << plain("", "a", "\xc3") << u"invalid"_s;
    QTest::newRow("bad utf8 authzid") << plain("\x80", "a", "p") << u"invalid"_s;
    QTest::newRow("overlong utf8") << plain("", "a", "\xc0\xaf") << u"invalid"_s;
}

void TestSaslPlain::decode() {
    QFETCH(QByteArray, message);
    QFETCH(QString, expected);
    QCOMPARE(describe(decodeSaslPlain(message)), expected);
}

QTEST_APPLESS_MAIN(TestSaslPlain)
#include "tst_saslplain.moc"
