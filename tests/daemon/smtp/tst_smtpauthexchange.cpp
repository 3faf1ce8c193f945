// tst_smtpauthexchange.cpp - the SASL exchange of SMTP AUTH (RFC 4954):
// PLAIN with and without initial response (RFC 4616), LOGIN with its two
// prompts and with the username as initial response, "*" cancelling,
// undecodable base64, malformed and foreign-identity PLAIN messages.
#include "smtp/SmtpAuthExchange.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::smtp;

namespace {

QByteArray b64(QByteArrayView text) {
    return text.toByteArray().toBase64();
}

QByteArray plainMessage(QByteArrayView authzid, QByteArrayView user, QByteArrayView password) {
    const QByteArray message =
        authzid.toByteArray() + '\0' + user.toByteArray() + '\0' + password.toByteArray();
    return b64(message);
}

void checkRefused(const SmtpAuthStep &step, int code, const QByteArray &status) {
    QCOMPARE(step.kind, SmtpAuthStep::Kind::Refused);
    QCOMPARE(step.reply.code, code);
    QCOMPARE(step.reply.enhancedStatus, status);
}

void checkCredentials(const SmtpAuthStep &step, const QString &user, const QString &password) {
    QCOMPARE(step.kind, SmtpAuthStep::Kind::Credentials);
    QCOMPARE(step.user, user);
    QCOMPARE(step.password, password);
}

} // namespace

class TestSmtpAuthExchange : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plainWithInitialResponse();
    void plainAfterEmptyChallenge();
    void plainRefusals_data();
    void plainRefusals();
    void loginTwoPrompts();
    void loginUserAsInitialResponse();
    void cancelAndBadBase64();
    void unknownMechanism();
    void respondWithoutExchange();
};

void TestSmtpAuthExchange::plainWithInitialResponse() {
    SmtpAuthExchange exchange;
    checkCredentials(exchange.start("PLAIN", true, plainMessage("", "alice@example.test", "pw")),
                     u"alice@example.test"_s, u"pw"_s);
    QVERIFY(!exchange.active());
    // An authzid equal to the login (any case) is the login itself.
    checkCredentials(
        exchange.start("PLAIN", true,
                       plainMessage("Alice@Example.test", "alice@example.test", "pässwörd")),
        u"alice@example.test"_s, u"pässwörd"_s);
}

void TestSmtpAuthExchange::plainAfterEmptyChallenge() {
    SmtpAuthExchange exchange;
    const SmtpAuthStep first = exchange.start("PLAIN", false, {});
    QCOMPARE(first.kind, SmtpAuthStep::Kind::Challenge);
    QCOMPARE(first.challenge, QByteArray());
    QVERIFY(exchange.active());
    checkCredentials(exchange.respond(plainMessage("", "bob@example.test", "secret")),
                     u"bob@example.test"_s, u"secret"_s);
    QVERIFY(!exchange.active());
}

void TestSmtpAuthExchange::plainRefusals_data() {
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("status");
    QTest::newRow("empty response") << "="_ba << 501 << "5.5.2"_ba;
    QTest::newRow("one NUL only") << b64("alice\0pw"_ba) << 501 << "5.5.2"_ba;
    QTest::newRow("empty password") << plainMessage("", "alice", "") << 501 << "5.5.2"_ba;
    QTest::newRow("another identity")
        << plainMessage("bob@example.test", "alice@example.test", "pw") << 535 << "5.7.8"_ba;
    QTest::newRow("not base64") << "a!b="_ba << 501 << "5.5.2"_ba;
    QTest::newRow("unpadded") << "YWJj"_ba.left(3) << 501 << "5.5.2"_ba;
}

void TestSmtpAuthExchange::plainRefusals() {
    QFETCH(QByteArray, response);
    QFETCH(int, code);
    QFETCH(QByteArray, status);
    SmtpAuthExchange initial;
    checkRefused(initial.start("PLAIN", true, response), code, status);
    SmtpAuthExchange continued;
    QCOMPARE(continued.start("PLAIN", false, {}).kind, SmtpAuthStep::Kind::Challenge);
    checkRefused(continued.respond(response), code, status);
    QVERIFY(!continued.active());
}

void TestSmtpAuthExchange::loginTwoPrompts() {
    SmtpAuthExchange exchange;
    const SmtpAuthStep user = exchange.start("LOGIN", false, {});
    QCOMPARE(user.kind, SmtpAuthStep::Kind::Challenge);
    QCOMPARE(user.challenge, "VXNlcm5hbWU6"_ba); // "Username:"
    const SmtpAuthStep password = exchange.respond(b64("alice@example.test"));
    QCOMPARE(password.kind, SmtpAuthStep::Kind::Challenge);
    QCOMPARE(password.challenge, "UGFzc3dvcmQ6"_ba); // "Password:"
    checkCredentials(exchange.respond(b64("correct horse")), u"alice@example.test"_s,
                     u"correct horse"_s);
    QVERIFY(!exchange.active());

    // Empty or oversized fields are bad credentials, not protocol errors.
    SmtpAuthExchange empty;
    empty.start("LOGIN", false, {});
    checkRefused(empty.respond("="), 535, "5.7.8");
    SmtpAuthExchange huge;
    huge.start("LOGIN", false, {});
    huge.respond(b64("alice"));
    checkRefused(huge.respond(b64(QByteArray(maxLoginFieldOctets + 1, 'x'))), 535, "5.7.8");
}

void TestSmtpAuthExchange::loginUserAsInitialResponse() {
    SmtpAuthExchange exchange;
    const SmtpAuthStep password = exchange.start("LOGIN", true, b64("bob@example.test"));
    QCOMPARE(password.kind, SmtpAuthStep::Kind::Challenge);
    QCOMPARE(password.challenge, "UGFzc3dvcmQ6"_ba);
    checkCredentials(exchange.respond(b64("pw")), u"bob@example.test"_s, u"pw"_s);
}

void TestSmtpAuthExchange::cancelAndBadBase64() {
    // RFC 4954 section 4: "*" cancels, 501; a response that cannot be
    // decoded is 501 5.5.2. Both end the exchange.
    for (const QByteArray &mechanism : {"PLAIN"_ba, "LOGIN"_ba}) {
        SmtpAuthExchange exchange;
        exchange.start(mechanism, false, {});
        checkRefused(exchange.respond("*"), 501, "5.7.0");
        QVERIFY(!exchange.active());
        exchange.start(mechanism, false, {});
        checkRefused(exchange.respond("***"), 501, "5.5.2");
        QVERIFY(!exchange.active());
    }
    SmtpAuthExchange login;
    login.start("LOGIN", false, {});
    login.respond(b64("alice"));
    checkRefused(login.respond("*"), 501, "5.7.0");
}

void TestSmtpAuthExchange::unknownMechanism() {
    SmtpAuthExchange exchange;
    checkRefused(exchange.start("CRAM-MD5", false, {}), 504, "5.5.4");
    checkRefused(exchange.start("XOAUTH2", true, "dGVzdA=="), 504, "5.5.4");
    QVERIFY(!exchange.active());
    QCOMPARE(SmtpAuthExchange::mechanisms(), "PLAIN LOGIN"_ba);
}

void TestSmtpAuthExchange::respondWithoutExchange() {
    SmtpAuthExchange exchange;
    checkRefused(exchange.respond(b64("alice")), 503, "5.5.1");
}

QTEST_GUILESS_MAIN(TestSmtpAuthExchange)
#include "tst_smtpauthexchange.moc"
