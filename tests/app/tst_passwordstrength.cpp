// tst_passwordstrength.cpp - the password strength estimate and the generator
#include "widgets/PasswordStrength.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::app;

Q_DECLARE_METATYPE(PasswordStrengthLevel)

class TestPasswordStrength : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void levels_data();
    void levels();
    void longerIsStronger();
    void generatorIsDeterministicForASeed();
    void generatorAvoidsLookAlikes();
    void generatedPasswordsAreVeryStrong();
};

void TestPasswordStrength::levels_data() {
    QTest::addColumn<QString>("password");
    QTest::addColumn<PasswordStrengthLevel>("level");
    QTest::newRow("empty") << QString() << PasswordStrengthLevel::Empty;
    QTest::newRow("seven") << u"Ab3$xY9"_s << PasswordStrengthLevel::TooShort;
    QTest::newRow("repeated") << u"aaaaaaaaaaaa"_s << PasswordStrengthLevel::Weak;
    QTest::newRow("run") << u"123456789"_s << PasswordStrengthLevel::Weak;
    QTest::newRow("lower word") << u"password"_s << PasswordStrengthLevel::Weak;
    QTest::newRow("mixed 8") << u"Xq7#pL2m"_s << PasswordStrengthLevel::Fair;
    QTest::newRow("mixed 12") << u"Xq7#pL2m!Rw9"_s << PasswordStrengthLevel::Strong;
    QTest::newRow("passphrase") << u"correct horse battery staple"_s
                                << PasswordStrengthLevel::VeryStrong;
}

void TestPasswordStrength::levels() {
    QFETCH(QString, password);
    QFETCH(PasswordStrengthLevel, level);
    const PasswordStrength strength = estimatePasswordStrength(password);
    QCOMPARE(strength.level, level);
}

void TestPasswordStrength::longerIsStronger() {
    double previous = 0;
    QString password;
    for (const QChar c : u"kX9#mQ2$vL7!"_s) {
        password.append(c);
        const double bits = estimatePasswordStrength(password).bits;
        QVERIFY(bits > previous);
        previous = bits;
    }
}

void TestPasswordStrength::generatorIsDeterministicForASeed() {
    QRandomGenerator first(42);
    QRandomGenerator second(42);
    const QString a = generatePassword(first);
    QCOMPARE(a, generatePassword(second));
    QCOMPARE(a.size(), generatedPasswordLength);
    QCOMPARE(generatePassword(first, 8).size(), 8);
    QVERIFY(generatePassword(first) != a);
}

void TestPasswordStrength::generatorAvoidsLookAlikes() {
    QRandomGenerator random(7);
    QSet<QChar> seen;
    for (int i = 0; i < 200; ++i) {
        const QString password = generatePassword(random);
        for (const QChar c : password)
            seen.insert(c);
    }
    for (const QChar c : u"0O1lI"_s)
        QVERIFY2(!seen.contains(c), qPrintable(QString(c)));
    QVERIFY(seen.size() > 50); // the whole alphabet gets used
}

void TestPasswordStrength::generatedPasswordsAreVeryStrong() {
    QRandomGenerator random(1);
    for (int i = 0; i < 100; ++i)
        QVERIFY(estimatePasswordStrength(generatePassword(random)).level >=
                PasswordStrengthLevel::Strong);
}

QTEST_APPLESS_MAIN(TestPasswordStrength)
#include "tst_passwordstrength.moc"
