// QueueClock.h - time and randomness for the queue, replaceable in tests
// (STYLE.md habit 8), and the retry schedule built on them
//
// RFC 5321 section 4.5.4.1: retry intervals of at least 30 minutes are
// recommended and giving up after 4-5 days; the schedule here starts at
// retryBase, doubles per attempt up to retryMax, and adds up to
// retryJitterPercent at random (QueueLimits.h).
#pragma once

#include "QueueLimits.h"

#include <QtGlobal>

namespace mailstead::queue {

class QueueClock {
public:
    virtual ~QueueClock() = default;
    virtual qint64 nowMs() const = 0;
    // Uniform in [0, bound).
    virtual quint32 random(quint32 bound) = 0;
};

// The wall clock and QRandomGenerator::global().
class SystemQueueClock final : public QueueClock {
public:
    qint64 nowMs() const override;
    quint32 random(quint32 bound) override;
};

// Delay before the next attempt after `attempts` failed ones (1 = the first
// failed), in ms.
qint64 retryDelayMs(const QueueSettings &settings, int attempts, QueueClock &clock);

} // namespace mailstead::queue
