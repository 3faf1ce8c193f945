// QueueClock.cpp - the system clock and the retry schedule
//
// RFC 5321 section 4.5.4.1; see QueueClock.h.
#include "QueueClock.h"

#include <limits>
#include <QDateTime>
#include <QRandomGenerator>

namespace mailstead::queue {

qint64 SystemQueueClock::nowMs() const {
    return QDateTime::currentMSecsSinceEpoch();
}

quint32 SystemQueueClock::random(quint32 bound) {
    return bound == 0 ? 0 : QRandomGenerator::global()->bounded(bound);
}

qint64 retryDelayMs(const QueueSettings &settings, int attempts, QueueClock &clock) {
    const qint64 base = qMax<qint64>(1, settings.retryBase.count()) * 1000;
    const qint64 max = qMax<qint64>(base, settings.retryMax.count() * 1000);
    qint64 delay = base;
    for (int i = 1; i < attempts && delay < max; ++i)
        delay *= 2;
    delay = qMin(delay, max);
    const auto jitterRange = quint32(qMin<qint64>(delay * settings.retryJitterPercent / 100,
                                                  std::numeric_limits<quint32>::max()));
    return delay + clock.random(jitterRange + 1);
}

} // namespace mailstead::queue
