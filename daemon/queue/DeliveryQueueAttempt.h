// DeliveryQueueAttempt.h - one running delivery attempt (internal to
// DeliveryQueue): a message's recipients in one domain and the delivery
// working on them
#pragma once

#include "DeliveryQueue.h"
#include "RemoteDelivery.h"

#include <QPointer>

namespace mailstead::queue {

struct DeliveryQueue::Attempt {
    QString key; // "<message id>/<domain>"
    QString messageId;
    QString domain;
    QList<qint64> recipientIds;
    QStringList addresses;
    QString sender;
    QByteArray message; // without Return-Path
    bool smtpUtf8 = false;
    bool viaSmarthost = false; // routed to [queue] smarthost, not MX hosts
    QPointer<RemoteDelivery> remote;
    bool cancelled = false;
    // Local deliveries: one reply per recipient as they arrive.
    QList<smtp::SmtpReply> localReplies;
    int localWaiting = 0;
};

} // namespace mailstead::queue
