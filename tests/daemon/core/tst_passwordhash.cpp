// tst_passwordhash.cpp - PasswordHash against hashes made by other tools
//
// The fixed vectors were produced once with the real tools (mkpasswd from
// whois 5.5, OpenSSL 3.0 "openssl passwd", Apache's htpasswd 2.4) so that the
// test needs none of them; the live test repeats the exercise with fresh
// salts whenever the tools are installed.
#include "core/PasswordHash.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::core;

namespace {

const QString vectorPassword = u"correct horse battery staple"_s;
const QString utf8Password = u"Grüße, Mailstead!"_s;

struct Vector {
    const char *tool;
    QString password;
    QString hash;
    QString scheme;
    QString dovecotScheme;
};

QList<Vector> fixedVectors() {
    return {
        {"mkpasswd -m yescrypt", vectorPassword,
         u"$y$j9T$Hwn.TDkTf2syX4OJJOCE9/$0tB2IBUM3SZ.WbZ1Kc/1NCM1NyZp6SoISyxky3YbotA"_s,
         u"yescrypt"_s, u"YESCRYPT"_s},
        {"mkpasswd -m sha-512", vectorPassword,
         u"$6$sECU3C7fJLRAz9Ij$6Eh1QyP9aDDEMiH2saBC8VBTJLIisSgMcZIK5gt6m1NLZZU5hXjLAE7fGi7dQTIDKOdf8xMzP8FMPJIsqGSQM1"_s,
         u"sha512-crypt"_s, u"SHA512-CRYPT"_s},
        {"mkpasswd -m sha-256", vectorPassword,
         u"$5$5vOtvU5Uod8Eiuly$6/1viuj9vbqJL7bjnDEaN/1n0pFxju4R83LkMr09WC/"_s, u"sha256-crypt"_s,
         u"SHA256-CRYPT"_s},
        {"mkpasswd -m bcrypt", vectorPassword,
         u"$2b$05$g8AfIMzFeRob7hkH4P1GneAesxw9YHEq2Mvs4LEHMDlTrVR89DAQW"_s, u"bcrypt"_s,
         u"BLF-CRYPT"_s},
        {"mkpasswd -m bcrypt-a", vectorPassword,
         u"$2a$05$iGn63lAnB4N7vtCshCX92.3eeizNbNiMEOSmjGM8bmJyMDWjQ5ft."_s, u"bcrypt"_s,
         u"BLF-CRYPT"_s},
        {"openssl passwd -6", vectorPassword,
         u"$6$idAJ6c7kTG0ZNu4A$06mJbpaVFo21G6AvipRPFyrvjaB5bN5t1usPzcNXXEdjdK7SC0tA2g124MNLRLTLRlhCnrG0p/Vfb490XghhN."_s,
         u"sha512-crypt"_s, u"SHA512-CRYPT"_s},
        {"openssl passwd -5", vectorPassword,
         u"$5$arPLYrPxBopddAKX$rJsjYkYbXgKn7Lpa0KFpxvyzLBkOgi/L9Atyk9n1n3."_s, u"sha256-crypt"_s,
         u"SHA256-CRYPT"_s},
        {"htpasswd -nbB", vectorPassword,
         u"$2y$05$tX/T9.XryCknL5TvTaxTRusTaW9R9OIUfrkwIJt6wqtk/6QxSWxka"_s, u"bcrypt"_s,
         u"BLF-CRYPT"_s},
        {"mkpasswd -m yescrypt (UTF-8)", utf8Password,
         u"$y$j9T$aAiHHD9rlvDkbd4twMjDC0$PYKS.g/dIVl/FmP0fRN74A7ltq/dBWhUfLlaxZXD4X6"_s,
         u"yescrypt"_s, u"CRYPT"_s},
        {"openssl passwd -6 (UTF-8)", utf8Password,
         u"$6$gl4AJp.gcGLB5LxY$AdzMAFUJn2F/aYF07v1pf9CBzmJVYKpa6XQ6sMe2qnKAoarnSprxIEXOMU9ogp/KIHQjS7leFtdAgNeSQYG28."_s,
         u"sha512-crypt"_s, u"SHA512-CRYPT"_s},
    };
}

const QString sha512Vector =
    u"$6$sECU3C7fJLRAz9Ij$6Eh1QyP9aDDEMiH2saBC8VBTJLIisSgMcZIK5gt6m1NLZZU5hXjLAE7fGi7dQTIDKOdf8xMzP8FMPJIsqGSQM1"_s;
const QString bcryptVector = u"$2b$05$g8AfIMzFeRob7hkH4P1GneAesxw9YHEq2Mvs4LEHMDlTrVR89DAQW"_s;

// Runs a tool; returns its trimmed standard output, or an empty string (and
// a warning with its stderr) when it does not succeed.
QString runTool(const QString &program, const QStringList &arguments,
                const QByteArray &input = {}) {
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(program), process.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

} // namespace

class TestPasswordHash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixedVectors_data();
    void fixedVectors();
    void malformedHashes_data();
    void malformedHashes();
    void normalizeImported_data();
    void normalizeImported();
    void newHashes();
    void checkNewPassword_data();
    void checkNewPassword();
    void liveTools_data();
    void liveTools();
};

void TestPasswordHash::fixedVectors_data() {
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("hash");
    QTest::addColumn<QString>("scheme");

    for (const Vector &vector : ::fixedVectors()) {
        QTest::addRow("%s", vector.tool) << vector.password << vector.hash << vector.scheme;
        const QString prefixed = u'{' + vector.dovecotScheme + u'}' + vector.hash;
        QTest::addRow("%s {%s}", vector.tool, qPrintable(vector.dovecotScheme))
            << vector.password << prefixed << vector.scheme;
        // Dovecot matches scheme names case-insensitively.
        QTest::addRow("%s {%s} lower case", vector.tool, qPrintable(vector.dovecotScheme))
            << vector.password << u'{' + vector.dovecotScheme.toLower() + u'}' + vector.hash
            << vector.scheme;
    }
    // Dovecot verifies every *-CRYPT scheme with crypt(3), whatever the label.
    QTest::addRow("bcrypt behind {CRYPT}")
        << vectorPassword << u"{CRYPT}"_s + bcryptVector << u"bcrypt"_s;
}

void TestPasswordHash::fixedVectors() {
    QFETCH(QString, password);
    QFETCH(QString, hash);
    QFETCH(QString, scheme);

    QVERIFY(PasswordHash::verify(password, hash));
    QCOMPARE(PasswordHash::schemeName(hash), scheme);

    QVERIFY(!PasswordHash::verify(password + u'x', hash));
    QVERIFY(!PasswordHash::verify(password.toUpper(), hash));
    QVERIFY(!PasswordHash::verify(password.chopped(1), hash));
    QVERIFY(!PasswordHash::verify(QString(), hash));
    QVERIFY(!PasswordHash::verify(u"wrong password"_s, hash));
}

void TestPasswordHash::malformedHashes_data() {
    QTest::addColumn<QString>("hash");

    QTest::addRow("empty") << QString();
    QTest::addRow("star") << u"*"_s;
    QTest::addRow("locked with !") << u'!' + sha512Vector;
    QTest::addRow("locked with *") << u'*' + sha512Vector;
    QTest::addRow("locked behind prefix") << u"{SHA512-CRYPT}!"_s + sha512Vector;
    QTest::addRow("truncated sha512") << sha512Vector.chopped(1);
    QTest::addRow("sha512 with extra") << sha512Vector + u"xx"_s;
    QTest::addRow("sha512 setting only") << u"$6$sECU3C7fJLRAz9Ij$"_s;
    QTest::addRow("sha512 without salt") << u"$6$"_s;
    QTest::addRow("truncated bcrypt") << bcryptVector.chopped(1);
    QTest::addRow("bcrypt bad cost")
        << u"$2b$99$g8AfIMzFeRob7hkH4P1GneAesxw9YHEq2Mvs4LEHMDlTrVR89DAQW"_s;
    QTest::addRow("bcrypt $2x$")
        << u"$2x$05$g8AfIMzFeRob7hkH4P1GneAesxw9YHEq2Mvs4LEHMDlTrVR89DAQW"_s;
    QTest::addRow("yescrypt garbage params") << u"$y$!!!$abc$def"_s;
    QTest::addRow("yescrypt prefix only") << u"$y$"_s;
    QTest::addRow("md5-crypt (legacy)") << u"$1$leiRvUST$Xm9N.Liku2cekLB7jVv551"_s;
    QTest::addRow("des (legacy)") << u"abJnggxhB/yWI"_s;
    QTest::addRow("plain text") << vectorPassword;
    QTest::addRow("{PLAIN}") << u"{PLAIN}"_s + vectorPassword;
    QTest::addRow("{SSHA512}") << u"{SSHA512}c2FsdHk="_s;
    QTest::addRow("unknown scheme prefix") << u"{ARGON2ID}"_s + sha512Vector;
    QTest::addRow("unclosed prefix") << u"{SHA512-CRYPT"_s + sha512Vector;
    QTest::addRow("space inside") << sha512Vector.left(20) + u' ' + sha512Vector.mid(21);
    QTest::addRow("non-ASCII inside") << sha512Vector.left(20) + u'é' + sha512Vector.mid(21);
    QTest::addRow("NUL inside") << sha512Vector.left(20) + QChar(0) + sha512Vector.mid(21);
}

void TestPasswordHash::malformedHashes() {
    QFETCH(QString, hash);

    QVERIFY(!PasswordHash::verify(vectorPassword, hash));
    QVERIFY(!PasswordHash::verify(QString(), hash));
    QString error;
    QVERIFY(PasswordHash::normalizeImported(hash, &error).isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.endsWith(u'.'), qPrintable(error));
    QVERIFY2(error.at(0).isUpper(), qPrintable(error));
    // The message must not echo what might be a plain-text password.
    QVERIFY(!error.contains(vectorPassword));
}

void TestPasswordHash::normalizeImported_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");

    for (const Vector &vector : ::fixedVectors()) {
        QTest::addRow("%s", vector.tool) << vector.hash << vector.hash;
        QTest::addRow("%s with prefix", vector.tool)
            << u'{' + vector.dovecotScheme + u'}' + vector.hash << vector.hash;
    }
    QTest::addRow("surrounding whitespace")
        << u"  {SHA512-CRYPT}"_s + sha512Vector + u"\n"_s << sha512Vector;
    QTest::addRow("{MD5-CRYPT} with a strong hash")
        << u"{MD5-CRYPT}"_s + sha512Vector << sha512Vector;
}

void TestPasswordHash::normalizeImported() {
    QFETCH(QString, input);
    QFETCH(QString, normalized);

    QString error = u"stale"_s;
    QCOMPARE(PasswordHash::normalizeImported(input, &error), normalized);
    QVERIFY(error.isEmpty());
    // Works without an error pointer too.
    QCOMPARE(PasswordHash::normalizeImported(input, nullptr), normalized);
}

void TestPasswordHash::newHashes() {
    const QString first = PasswordHash::hash(utf8Password);
    const QString second = PasswordHash::hash(utf8Password);
    QVERIFY(first.startsWith(u"$y$"));
    QVERIFY(second.startsWith(u"$y$"));
    QVERIFY2(first != second, "every hash gets a fresh salt");
    QCOMPARE(PasswordHash::schemeName(first), u"yescrypt"_s);
    QVERIFY(PasswordHash::verify(utf8Password, first));
    QVERIFY(PasswordHash::verify(utf8Password, second));
    QVERIFY(!PasswordHash::verify(vectorPassword, first));

    QString error;
    QCOMPARE(PasswordHash::normalizeImported(first, &error), first);
    QVERIFY(error.isEmpty());

    // Passwords crypt(3) cannot take are refused, not truncated.
    QVERIFY(PasswordHash::hash(QString()).isEmpty());
    QVERIFY(PasswordHash::hash(u"abc\0def"_s).isEmpty());
    QVERIFY(PasswordHash::hash(QString(600, u'a')).isEmpty());
    QVERIFY(!PasswordHash::verify(u"abc"_s, PasswordHash::hash(u"abc\0def"_s)));

    const QString longest(511, u'a');
    const QString longHash = PasswordHash::hash(longest);
    QVERIFY(PasswordHash::verify(longest, longHash));
    QVERIFY(!PasswordHash::verify(longest.chopped(1), longHash));
}

void TestPasswordHash::checkNewPassword_data() {
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("empty") << QString() << false;
    QTest::addRow("seven") << u"abcdefg"_s << false;
    QTest::addRow("eight") << u"abcdefgh"_s << true;
    QTest::addRow("seven umlauts (14 bytes)") << u"äöüäöüä"_s << false;
    QTest::addRow("eight umlauts") << u"äöüäöüäö"_s << true;
    // Four emoji are eight UTF-16 units but four characters.
    QTest::addRow("four emoji") << u"😀😀😀😀"_s << false;
    QTest::addRow("four emoji and four letters") << u"😀😀😀😀abcd"_s << true;
    QTest::addRow("spaces are fine") << u"correct horse"_s << true;
    QTest::addRow("tab") << u"abcd\tefgh"_s << false;
    QTest::addRow("newline") << u"abcdefgh\n"_s << false;
    QTest::addRow("NUL") << u"abcd\0efgh"_s << false;
    QTest::addRow("DEL") << u"abcd\x7f"
                            "efgh"_s
                         << false;
    QTest::addRow("C1 control") << u"abcd\u0085efgh"_s << false;
    QTest::addRow("lone surrogate") << QString(u"abcdefgh"_s + QChar(0xD800)) << false;
    QTest::addRow("511 bytes") << QString(511, u'a') << true;
    QTest::addRow("512 bytes") << QString(512, u'a') << false;
    QTest::addRow("maxPasswordBytes + 1") << QString(maxPasswordBytes + 1, u'a') << false;
}

void TestPasswordHash::checkNewPassword() {
    QFETCH(QString, password);
    QFETCH(bool, accepted);

    const QString why = PasswordHash::checkNewPassword(password);
    QCOMPARE(why.isEmpty(), accepted);
    if (!accepted) {
        QVERIFY2(why.at(0).isUpper() && why.endsWith(u'.'), qPrintable(why));
    } else {
        // Whatever is accepted can be hashed and verified.
        QVERIFY(PasswordHash::verify(password, PasswordHash::hash(password)));
    }
}

void TestPasswordHash::liveTools_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("scheme");

    const QByteArray names[] = {"ascii", "utf8"};
    const QString passwords[] = {vectorPassword, utf8Password};
    for (int i = 0; i < 2; ++i) {
        const QString &p = passwords[i];
        const char *n = names[i].constData();
        QTest::addRow("mkpasswd yescrypt %s", n)
            << u"mkpasswd"_s << QStringList{u"-m"_s, u"yescrypt"_s, p} << p << u"yescrypt"_s;
        QTest::addRow("mkpasswd sha-512 %s", n)
            << u"mkpasswd"_s << QStringList{u"-m"_s, u"sha-512"_s, p} << p << u"sha512-crypt"_s;
        QTest::addRow("mkpasswd sha-256 %s", n)
            << u"mkpasswd"_s << QStringList{u"-m"_s, u"sha-256"_s, p} << p << u"sha256-crypt"_s;
        QTest::addRow("mkpasswd bcrypt %s", n)
            << u"mkpasswd"_s << QStringList{u"-m"_s, u"bcrypt"_s, p} << p << u"bcrypt"_s;
        QTest::addRow("openssl passwd -6 %s", n)
            << u"openssl"_s << QStringList{u"passwd"_s, u"-6"_s, p} << p << u"sha512-crypt"_s;
        QTest::addRow("openssl passwd -5 %s", n)
            << u"openssl"_s << QStringList{u"passwd"_s, u"-5"_s, p} << p << u"sha256-crypt"_s;
        QTest::addRow("htpasswd -nbB %s", n)
            << u"htpasswd"_s << QStringList{u"-nbB"_s, u"u"_s, p} << p << u"bcrypt"_s;
    }
}

void TestPasswordHash::liveTools() {
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(QString, password);
    QFETCH(QString, scheme);

    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        // CI installs every tool (installers/dev/setup.sh): missing there is a failure.
        if (qEnvironmentVariableIsSet("CI"))
            QFAIL(qPrintable(program + u" is not installed"_s));
        QSKIP(qPrintable(program + u" is not installed"_s));
    }

    QString output = runTool(path, arguments);
    QVERIFY(!output.isEmpty());
    // htpasswd prints "user:hash".
    if (program == u"htpasswd")
        output = output.mid(output.indexOf(u':') + 1);
    if (scheme == u"bcrypt" && program == u"htpasswd")
        QVERIFY(output.startsWith(u"$2y$"));

    QCOMPARE(PasswordHash::schemeName(output), scheme);
    QVERIFY2(PasswordHash::verify(password, output), qPrintable(output));
    QVERIFY(!PasswordHash::verify(password + u'!', output));
    QString error;
    QCOMPARE(PasswordHash::normalizeImported(u"{CRYPT}"_s + output, &error), output);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"
