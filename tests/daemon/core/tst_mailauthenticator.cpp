// tst_mailauthenticator.cpp - mailbox logins over a real config.db: the
// outcome table, the answer in the caller's thread, and the growing, capped
// and forgotten failure delay per peer address
//
// Covers daemon/core/MailAuthenticator with a ConfigStore in a temporary
// directory and a RecipientDirectory built from it; limits are small
// (tens of milliseconds) so the delays can be watched. Time is only ever
// checked from below (a delay at least this long), never from above, except
// where the difference is seconds.

#include "core/ConfigStore.h"
#include "core/MailAuthenticator.h"
#include "core/PasswordHash.h"
#include "core/RecipientDirectory.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace mailstead::core;
using namespace std::chrono_literals;

namespace {

const QString password = u"correct horse battery"_s;

QString describe(const AuthOutcome &outcome) {
    switch (outcome.status) {
    case AuthOutcome::Status::Ok:
        return u"ok "_s + outcome.mailbox.address();
    case AuthOutcome::Status::Disabled:
        return u"disabled "_s + outcome.mailbox.address();
    case AuthOutcome::Status::Failed:
        return u"failed: "_s + outcome.detail;
    }
    return {};
}

struct Answer {
    AuthOutcome outcome;
    qint64 elapsedMs = -1;
    QThread *thread = nullptr;
};

// One asynchronous login, waited for in the event loop.
Answer login(MailAuthenticator &authenticator, const QString &user, const QString &secret,
             const QHostAddress &peer, QObject *context) {
    Answer answer;
    bool answered = false;
    QElapsedTimer clock;
    clock.start();
    authenticator.authenticate(user, secret, peer, context, [&](AuthOutcome outcome) {
        answer.outcome = outcome;
        answer.elapsedMs = clock.elapsed();
        answer.thread = QThread::currentThread();
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 20000))
        qWarning("no answer within 20 s");
    return answer;
}

} // namespace

class TestMailAuthenticator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void verify_data();
    void verify();
    void answersInContextThread();
    void failureDelayGrowsAndIsCapped();
    void successIsNotDelayed();
    void peersAreSeparate();
    void failuresAreForgotten();
    void trackedPeersAreBounded();
    void destroyedContextGetsNoAnswer();

private:
    void addMailbox(const QString &address, bool active);

    QTemporaryDir m_dir;
    std::unique_ptr<ConfigStore> m_store;
    RecipientDirectory m_directory;
    QString m_hash;
};

void TestMailAuthenticator::addMailbox(const QString &address, bool active) {
    MailboxSpec spec;
    spec.address = address;
    spec.passwordHash = m_hash;
    spec.active = active;
    const auto r = m_store->addMailbox(spec);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
}

void TestMailAuthenticator::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_store = std::make_unique<ConfigStore>(m_dir.filePath(u"config.db"_s));
    QVERIFY2(m_store->isOpen(), qPrintable(m_store->error()));
    m_hash = PasswordHash::hash(password);
    QVERIFY(!m_hash.isEmpty());
    QVERIFY(m_store->addDomain({u"example.test"_s, {}, 0, 0, 0, true}).ok());
    QVERIFY(m_store->addDomain({u"off.test"_s, {}, 0, 0, 0, false}).ok());
    QVERIFY(m_store->addAliasDomain(u"example.org"_s, u"example.test"_s).ok());
    addMailbox(u"alice@example.test"_s, true);
    addMailbox(u"dave@example.test"_s, false);
    addMailbox(u"frank@off.test"_s, true);
    QVERIFY(m_store->addAlias({u"sales@example.test"_s, {u"alice@example.test"_s}, true}).ok());
    m_directory.reload(*m_store);
}

void TestMailAuthenticator::verify_data() {
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expected");

    QTest::newRow("right") << u"alice@example.test"_s << password << u"ok alice@example.test"_s;
    QTest::newRow("user in another case")
        << u"ALICE@Example.Test"_s << password << u"ok alice@example.test"_s;
    QTest::newRow("wrong password")
        << u"alice@example.test"_s << u"correct horse"_s << u"failed: wrong password"_s;
    QTest::newRow("password case matters")
        << u"alice@example.test"_s << u"Correct horse battery"_s << u"failed: wrong password"_s;
    QTest::newRow("empty password")
        << u"alice@example.test"_s << QString() << u"failed: wrong password"_s;
    QTest::newRow("unknown user") << u"nobody@example.test"_s << password
                                  << u"failed: unknown user"_s;
    QTest::newRow("alias is no login")
        << u"sales@example.test"_s << password << u"failed: unknown user"_s;
    QTest::newRow("no domain") << u"alice"_s << password << u"failed: unknown user"_s;
    QTest::newRow("empty user") << QString() << password << u"failed: unknown user"_s;
    QTest::newRow("disabled mailbox")
        << u"dave@example.test"_s << password << u"disabled dave@example.test"_s;
    QTest::newRow("disabled mailbox wrong password")
        << u"dave@example.test"_s << u"x"_s << u"failed: wrong password"_s;
    QTest::newRow("disabled domain")
        << u"frank@off.test"_s << password << u"disabled frank@off.test"_s;
}

void TestMailAuthenticator::verify() {
    QFETCH(QString, user);
    QFETCH(QString, secret);
    QFETCH(QString, expected);
    MailAuthenticator authenticator(&m_directory);
    QCOMPARE(describe(authenticator.verify(user, secret)), expected);
    // verify() neither delays nor counts.
    QCOMPARE(authenticator.failureDelay(QHostAddress(u"192.0.2.1"_s)), 1000ms);
}

void TestMailAuthenticator::answersInContextThread() {
    AuthLimits limits;
    limits.failureDelayBase = 1ms;
    MailAuthenticator authenticator(&m_directory, limits);
    QObject context;
    const Answer ok =
        login(authenticator, u"alice@example.test"_s, password, QHostAddress::LocalHost, &context);
    QCOMPARE(describe(ok.outcome), u"ok alice@example.test"_s);
    QCOMPARE(ok.thread, QThread::currentThread());
    const Answer failed =
        login(authenticator, u"alice@example.test"_s, u"no"_s, QHostAddress::LocalHost, &context);
    QCOMPARE(describe(failed.outcome), u"failed: wrong password"_s);
    QCOMPARE(failed.thread, QThread::currentThread());
}

void TestMailAuthenticator::failureDelayGrowsAndIsCapped() {
    AuthLimits limits;
    limits.failureDelayBase = 40ms;
    limits.failureDelayMax = 150ms;
    MailAuthenticator authenticator(&m_directory, limits);
    QObject context;
    const QHostAddress peer(u"192.0.2.7"_s);
    // The n-th failure waits base * 2^(n-1), capped: 40, 80, 150, 150.
    const QList<qint64> expected{40, 80, 150, 150};
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(authenticator.failureDelay(peer).count(), expected.at(i));
        const Answer answer =
            login(authenticator, u"alice@example.test"_s, u"guess"_s, peer, &context);
        QCOMPARE(answer.outcome.status, AuthOutcome::Status::Failed);
        QVERIFY2(answer.elapsedMs >= expected.at(i),
                 qPrintable(u"failure %1 answered after %2 ms"_s.arg(i + 1).arg(answer.elapsedMs)));
    }
    QCOMPARE(authenticator.failureDelay(peer), 150ms);
    // Unknown users and disabled mailboxes count as failures too.
    login(authenticator, u"nobody@example.test"_s, u"guess"_s, peer, &context);
    const Answer disabled = login(authenticator, u"dave@example.test"_s, password, peer, &context);
    QCOMPARE(disabled.outcome.status, AuthOutcome::Status::Disabled);
    QVERIFY(disabled.elapsedMs >= 150);
}

void TestMailAuthenticator::successIsNotDelayed() {
    AuthLimits limits;
    limits.failureDelayBase = 3000ms;
    limits.failureDelayMax = 3000ms;
    MailAuthenticator authenticator(&m_directory, limits);
    QObject context;
    const QHostAddress peer(u"192.0.2.8"_s);
    const Answer failed = login(authenticator, u"alice@example.test"_s, u"x"_s, peer, &context);
    QVERIFY(failed.elapsedMs >= 3000);
    // A success after failures is answered as soon as the hash is checked:
    // seconds below the failure delay.
    const Answer ok = login(authenticator, u"alice@example.test"_s, password, peer, &context);
    QCOMPARE(ok.outcome.status, AuthOutcome::Status::Ok);
    QVERIFY2(ok.elapsedMs < 2000, qPrintable(QString::number(ok.elapsedMs)));
    // ...and does not wipe the record: the next failure waits as long.
    QCOMPARE(authenticator.failureDelay(peer), 3000ms);
}

void TestMailAuthenticator::peersAreSeparate() {
    AuthLimits limits;
    limits.failureDelayBase = 10ms;
    limits.failureDelayMax = 1000ms;
    MailAuthenticator authenticator(&m_directory, limits);
    QObject context;
    const QHostAddress a(u"192.0.2.10"_s);
    const QHostAddress b(u"2001:db8::10"_s);
    for (int i = 0; i < 3; ++i)
        login(authenticator, u"alice@example.test"_s, u"x"_s, a, &context);
    QCOMPARE(authenticator.failureDelay(a), 80ms);
    QCOMPARE(authenticator.failureDelay(b), 10ms);
}

void TestMailAuthenticator::failuresAreForgotten() {
    AuthLimits limits;
    limits.failureDelayBase = 10ms;
    limits.failureDelayMax = 1000ms;
    limits.failureMemory = 300ms;
    MailAuthenticator authenticator(&m_directory, limits);
    QObject context;
    const QHostAddress peer(u"192.0.2.11"_s);
    login(authenticator, u"alice@example.test"_s, u"x"_s, peer, &context);
    login(authenticator, u"alice@example.test"_s, u"x"_s, peer, &context);
    QCOMPARE(authenticator.failureDelay(peer), 40ms);
    QTest::qWait(400);
    // Older than failureMemory: the next failure starts over.
    QCOMPARE(authenticator.failureDelay(peer), 10ms);
    login(authenticator, u"alice@example.test"_s, u"x"_s, peer, &context);
    QCOMPARE(authenticator.failureDelay(peer), 20ms);
}

void TestMailAuthenticator::trackedPeersAreBounded() {
    AuthLimits limits;
    limits.failureDelayBase = 5ms;
    limits.failureDelayMax = 1000ms;
    limits.maxTrackedPeers = 2;
    MailAuthenticator authenticator(&m_directory, limits);
    QObject context;
    const QHostAddress first(u"192.0.2.21"_s);
    const QHostAddress second(u"192.0.2.22"_s);
    const QHostAddress third(u"192.0.2.23"_s);
    for (const QHostAddress &peer : {first, second, third}) {
        login(authenticator, u"alice@example.test"_s, u"x"_s, peer, &context);
        QTest::qWait(5); // distinct failure times, so "oldest" is well defined
    }
    // The oldest address made room for the third.
    QCOMPARE(authenticator.failureDelay(first), 5ms);
    QCOMPARE(authenticator.failureDelay(second), 10ms);
    QCOMPARE(authenticator.failureDelay(third), 10ms);
}

void TestMailAuthenticator::destroyedContextGetsNoAnswer() {
    AuthLimits limits;
    limits.failureDelayBase = 100ms;
    MailAuthenticator authenticator(&m_directory, limits);
    bool answered = false;
    auto *context = new QObject;
    authenticator.authenticate(u"alice@example.test"_s, u"x"_s, QHostAddress::LocalHost, context,
                               [&](AuthOutcome) { answered = true; });
    delete context;
    // Long enough for the check and the delay to have run out.
    QTest::qWait(1500);
    QVERIFY(!answered);
    QCOMPARE(authenticator.failureDelay(QHostAddress::LocalHost), 200ms);
}

QTEST_GUILESS_MAIN(TestMailAuthenticator)
#include "tst_mailauthenticator.moc"
