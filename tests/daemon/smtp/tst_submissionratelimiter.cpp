// tst_submissionratelimiter.cpp - the submission rate limits: messages per
// hour and recipients per day, per mailbox and per domain, windows that
// slide by their buckets, 0 as unlimited, the check-and-count step, and
// keys that are forgotten once their windows are empty. Time is given
// explicitly, so every case is exact.
#include "smtp/SubmissionRateLimiter.h"

#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace mailstead::smtp;
using Verdict = SubmissionRateLimiter::Verdict;

namespace {

constexpr qint64 minute = 60'000;
constexpr qint64 hour = 60 * minute;
// A fixed start, on a bucket boundary.
constexpr qint64 t0 = 1'795'000'000LL * 1000 / (15 * minute) * (15 * minute);

const QString alice = u"alice@example.test"_s;
const QString bob = u"bob@example.test"_s;
const QString domain = u"example.test"_s;

SubmissionRateLimits limits(int mailboxMessages, int mailboxRecipients, int domainMessages,
                            int domainRecipients) {
    return {mailboxMessages, mailboxRecipients, domainMessages, domainRecipients};
}

} // namespace

class TestSubmissionRateLimiter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void messagesPerHourSlide();
    void recipientsPerDay();
    void domainLimitsSpanMailboxes();
    void zeroIsUnlimited();
    void checkCountsNothing();
    void keysAreCaseInsensitive();
    void emptyKeysAreSwept();
    void concurrentAdmitsNeverOvershoot();
    void describeNamesTheLimit();
};

void TestSubmissionRateLimiter::messagesPerHourSlide() {
    SubmissionRateLimiter limiter;
    const SubmissionRateLimits l = limits(3, 0, 0, 0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(limiter.admit(alice, domain, 1, l, t0 + i * minute), Verdict::Allowed);
    QCOMPARE(limiter.admit(alice, domain, 1, l, t0 + 10 * minute), Verdict::MailboxMessages);
    QCOMPARE(limiter.check(alice, domain, 0, l, t0 + 59 * minute), Verdict::MailboxMessages);
    // The first message leaves the hour window after 60 minutes, the next
    // one a minute later.
    QCOMPARE(limiter.admit(alice, domain, 1, l, t0 + hour), Verdict::Allowed);
    QCOMPARE(limiter.admit(alice, domain, 1, l, t0 + hour + 10), Verdict::MailboxMessages);
    QCOMPARE(limiter.admit(alice, domain, 1, l, t0 + hour + minute), Verdict::Allowed);
}

void TestSubmissionRateLimiter::recipientsPerDay() {
    SubmissionRateLimiter limiter;
    const SubmissionRateLimits l = limits(0, 10, 0, 0);
    QCOMPARE(limiter.admit(alice, domain, 6, l, t0), Verdict::Allowed);
    QCOMPARE(limiter.check(alice, domain, 4, l, t0), Verdict::Allowed);
    QCOMPARE(limiter.check(alice, domain, 5, l, t0), Verdict::MailboxRecipients);
    QCOMPARE(limiter.admit(alice, domain, 5, l, t0 + hour), Verdict::MailboxRecipients);
    QCOMPARE(limiter.admit(alice, domain, 4, l, t0 + hour), Verdict::Allowed);
    // A full day later the first six are gone, the four of t0 + 1h are not.
    QCOMPARE(limiter.check(alice, domain, 7, l, t0 + 24 * hour), Verdict::MailboxRecipients);
    QCOMPARE(limiter.check(alice, domain, 6, l, t0 + 24 * hour), Verdict::Allowed);
    QCOMPARE(limiter.check(alice, domain, 10, l, t0 + 25 * hour), Verdict::Allowed);
}

void TestSubmissionRateLimiter::domainLimitsSpanMailboxes() {
    SubmissionRateLimiter limiter;
    const SubmissionRateLimits l = limits(5, 100, 3, 8);
    QCOMPARE(limiter.admit(alice, domain, 2, l, t0), Verdict::Allowed);
    QCOMPARE(limiter.admit(bob, domain, 2, l, t0), Verdict::Allowed);
    QCOMPARE(limiter.check(bob, domain, 5, l, t0), Verdict::DomainRecipients);
    QCOMPARE(limiter.admit(bob, domain, 2, l, t0), Verdict::Allowed);
    QCOMPARE(limiter.admit(alice, domain, 1, l, t0), Verdict::DomainMessages);
    // Another domain has its own budget.
    QCOMPARE(limiter.admit(u"carol@other.test"_s, u"other.test"_s, 1, l, t0), Verdict::Allowed);
}

void TestSubmissionRateLimiter::zeroIsUnlimited() {
    SubmissionRateLimiter limiter;
    const SubmissionRateLimits l = limits(0, 0, 0, 0);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(limiter.admit(alice, domain, 100, l, t0), Verdict::Allowed);
}

void TestSubmissionRateLimiter::checkCountsNothing() {
    SubmissionRateLimiter limiter;
    const SubmissionRateLimits l = limits(1, 1, 0, 0);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(limiter.check(alice, domain, 1, l, t0), Verdict::Allowed);
    QCOMPARE(limiter.trackedKeys(), 0);
    QCOMPARE(limiter.admit(alice, domain, 1, l, t0), Verdict::Allowed);
    QCOMPARE(limiter.check(alice, domain, 0, l, t0), Verdict::MailboxMessages);
    // A refused admit counts nothing either.
    QCOMPARE(limiter.admit(bob, domain, 2, l, t0), Verdict::MailboxRecipients);
    QCOMPARE(limiter.check(bob, domain, 1, l, t0), Verdict::Allowed);
}

void TestSubmissionRateLimiter::keysAreCaseInsensitive() {
    SubmissionRateLimiter limiter;
    const SubmissionRateLimits l = limits(1, 0, 0, 0);
    QCOMPARE(limiter.admit(u"Alice@Example.TEST"_s, u"Example.TEST"_s, 1, l, t0), Verdict::Allowed);
    QCOMPARE(limiter.check(alice, domain, 0, l, t0), Verdict::MailboxMessages);
}

void TestSubmissionRateLimiter::emptyKeysAreSwept() {
    SubmissionRateLimiter limiter;
    const SubmissionRateLimits l = limits(10, 10, 0, 0);
    QCOMPARE(limiter.admit(alice, domain, 1, l, t0), Verdict::Allowed);
    QCOMPARE(limiter.trackedKeys(), 2); // the mailbox and the domain
    // A day and more later both windows are empty; the next admit sweeps.
    QCOMPARE(limiter.admit(bob, u"other.test"_s, 1, l, t0 + 25 * hour), Verdict::Allowed);
    QCOMPARE(limiter.trackedKeys(), 2);
}

void TestSubmissionRateLimiter::concurrentAdmitsNeverOvershoot() {
    SubmissionRateLimiter limiter;
    const SubmissionRateLimits l = limits(0, 0, 500, 0);
    std::atomic<int> allowed{0};
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads.append(QThread::create([&limiter, &allowed, &l, t] {
            for (int i = 0; i < 400; ++i) {
                const QString box = u"user%1-%2@example.test"_s.arg(t).arg(i % 7);
                if (limiter.admit(box, domain, 1, l, t0) == Verdict::Allowed)
                    ++allowed;
            }
        }));
        threads.last()->start();
    }
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(30'000));
        delete thread;
    }
    QCOMPARE(allowed.load(), 500);
}

void TestSubmissionRateLimiter::describeNamesTheLimit() {
    const SubmissionRateLimits l = limits(200, 2000, 2000, 20000);
    QCOMPARE(SubmissionRateLimiter::describe(Verdict::MailboxMessages, l),
             "the mailbox's limit of 200 messages per hour"_ba);
    QCOMPARE(SubmissionRateLimiter::describe(Verdict::DomainRecipients, l),
             "the domain's limit of 20000 recipients per day"_ba);
}

QTEST_GUILESS_MAIN(TestSubmissionRateLimiter)
#include "tst_submissionratelimiter.moc"
