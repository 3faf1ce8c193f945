// MailAuthenticator.cpp - password checks on a worker pool, growing failure delays
#include "MailAuthenticator.h"

#include "Log.h"
#include "PasswordHash.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

struct PeerFailures {
    int count = 0;
    qint64 lastFailure = 0; // ms on the authenticator's clock
};

} // namespace

struct MailAuthenticator::Private {
    const RecipientDirectory *directory = nullptr;
    AuthLimits limits;
    QThreadPool pool;
    QElapsedTimer clock;
    mutable QMutex mutex; // guards failures
    QHash<QHostAddress, PeerFailures> failures;

    // mutex held
    void forgetOld(qint64 now) {
        const qint64 memory = limits.failureMemory.count();
        for (auto it = failures.begin(); it != failures.end();) {
            if (now - it->lastFailure > memory)
                it = failures.erase(it);
            else
                ++it;
        }
        while (failures.size() >= limits.maxTrackedPeers && !failures.isEmpty()) {
            auto oldest = failures.begin();
            for (auto it = failures.begin(); it != failures.end(); ++it)
                if (it->lastFailure < oldest->lastFailure)
                    oldest = it;
            failures.erase(oldest);
        }
    }

    std::chrono::milliseconds delayForCount(int count) const {
        if (count <= 0)
            return std::chrono::milliseconds(0);
        qint64 delay = limits.failureDelayBase.count();
        for (int i = 1; i < count && delay < limits.failureDelayMax.count(); ++i)
            delay *= 2;
        return std::chrono::milliseconds(std::min(delay, qint64(limits.failureDelayMax.count())));
    }

    // Records a failure and returns the delay it earns.
    std::chrono::milliseconds recordFailure(const QHostAddress &peer) {
        QMutexLocker lock(&mutex);
        const qint64 now = clock.elapsed();
        auto it = failures.find(peer);
        if (it != failures.end() && now - it->lastFailure > limits.failureMemory.count())
            it->count = 0;
        if (it == failures.end()) {
            forgetOld(now);
            it = failures.insert(peer, PeerFailures{});
        }
        ++it->count;
        it->lastFailure = now;
        return delayForCount(it->count);
    }

    AuthOutcome check(const QString &user, const QString &password) const {
        AuthOutcome outcome;
        const MailboxCredentials creds = directory->credentials(user);
        if (!creds.found) {
            // Spend the same effort as a real check, so timing does not
            // reveal which addresses exist.
            PasswordHash::verify(password, dummyHash());
            outcome.detail = u"unknown user"_s;
            return outcome;
        }
        if (!PasswordHash::verify(password, creds.passwordHash)) {
            outcome.detail = u"wrong password"_s;
            return outcome;
        }
        outcome.mailbox = creds.mailbox;
        if (!creds.active) {
            outcome.status = AuthOutcome::Status::Disabled;
            outcome.detail = u"mailbox or domain disabled"_s;
            return outcome;
        }
        outcome.status = AuthOutcome::Status::Ok;
        return outcome;
    }

    static const QString &dummyHash() {
        static const QString hash = PasswordHash::hash(u"mailstead-timing-equaliser"_s);
        return hash;
    }
};

MailAuthenticator::MailAuthenticator(const RecipientDirectory *directory, const AuthLimits &limits)
    : m_private(std::make_shared<Private>()) {
    m_private->directory = directory;
    m_private->limits = limits;
    m_private->pool.setMaxThreadCount(std::max(1, limits.workerThreads));
    m_private->pool.setObjectName(u"auth"_s);
    m_private->clock.start();
}

MailAuthenticator::~MailAuthenticator() {
    m_private->pool.clear();
    m_private->pool.waitForDone();
}

void MailAuthenticator::authenticate(const QString &user, const QString &password,
                                     const QHostAddress &peer, QObject *context,
                                     std::function<void(AuthOutcome)> done) {
    QPointer<QObject> target(context);
    std::weak_ptr<Private> weak = m_private;
    m_private->pool.start([weak, user, password, peer, target, done = std::move(done)]() {
        const std::shared_ptr<Private> d = weak.lock();
        if (!d)
            return;
        AuthOutcome outcome = d->check(user, password);
        std::chrono::milliseconds delay(0);
        if (!outcome.ok()) {
            delay = d->recordFailure(peer);
            qCInfo(lcCore).noquote()
                << "login failed for" << user << "from" << peer.toString() << "-" << outcome.detail;
        }
        QObject *object = target.data();
        if (!object)
            return;
        QMetaObject::invokeMethod(
            object,
            [target, delay, outcome, done]() {
                if (!target)
                    return;
                if (delay.count() == 0) {
                    done(outcome);
                    return;
                }
                // Precise: a coarse timer may fire 5% early, and the delay
                // is a promised minimum.
                QTimer::singleShot(delay, Qt::PreciseTimer, target.data(),
                                   [outcome, done]() { done(outcome); });
            },
            Qt::QueuedConnection);
    });
}

AuthOutcome MailAuthenticator::verify(const QString &user, const QString &password) const {
    return m_private->check(user, password);
}

std::chrono::milliseconds MailAuthenticator::failureDelay(const QHostAddress &peer) const {
    QMutexLocker lock(&m_private->mutex);
    const auto it = m_private->failures.constFind(peer);
    // Failures older than failureMemory no longer count (recordFailure
    // starts over for them), so they must not count here either.
    const bool remembered =
        it != m_private->failures.constEnd() &&
        m_private->clock.elapsed() - it->lastFailure <= m_private->limits.failureMemory.count();
    return m_private->delayForCount(remembered ? it->count + 1 : 1);
}

} // namespace mailstead::core
