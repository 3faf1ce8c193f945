// QueueTypes.h - value types of the outbound queue: messages, recipients
// and their states, delivery attempts, what enqueue takes
//
// A recipient is pending (due now), deferred (a temporary failure; due at
// nextAttempt), held (an administrator stopped it), delivered or failed
// (final). A message leaves the queue once every recipient is final and,
// if some failed, its bounce is queued (DsnComposer.h).
#pragma once

#include "store/StoreTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace mailstead::queue {

enum class RecipientState { Pending, Deferred, Held, Delivered, Failed };

// "pending", "deferred", "held", "delivered", "failed".
QString recipientStateName(RecipientState state);
bool parseRecipientState(const QString &name, RecipientState *state);

struct QueueRecipient {
    qint64 id = 0; // row id in queue.db
    QString address;
    QString originalAddress; // the address the sender used (an alias), for ORCPT in DSNs
    RecipientState state = RecipientState::Pending;
    qint64 nextAttemptMs = 0; // ms since the epoch; for pending and deferred
    int attempts = 0;
    QByteArray lastAnswer; // "451 4.3.0 try later", or our own reason
    QByteArray lastStatus; // RFC 3463 status of lastAnswer
    QString lastHost;      // the server that gave it, empty for our own reasons
    qint64 lastAttemptMs = 0;

    bool isFinal() const {
        return state == RecipientState::Delivered || state == RecipientState::Failed;
    }
    // The domain part, lower-cased: recipients are grouped by it.
    QString domain() const;
};

struct QueuedMessage {
    QString id;
    QString sender; // empty: the null reverse-path (a bounce; never bounced itself)
    QString origin; // "forward" (alias to an outside address), "bounce", ...
    qint64 createdMs = 0;
    qint64 size = 0;
    bool smtpUtf8 = false;        // MAIL FROM had SMTPUTF8
    bool delayNoticeSent = false; // [queue] delay_warning: sent once per message
    QList<QueueRecipient> recipients;

    bool isDone() const;
};

struct QueueAttempt {
    qint64 timeMs = 0;
    QString recipient;
    QString host; // "mx.example.test [192.0.2.1]"; empty for local and our own reasons
    QByteArray answer;
    QString tls; // "TLSv1.3 TLS_AES_256_GCM_SHA384", "none", "failed: ...", empty locally
    RecipientState outcome = RecipientState::Deferred;
};

struct QueueRecipientInput {
    QString address;
    QString originalAddress;
};

struct QueueSubmission {
    QString sender;
    QList<QueueRecipientInput> recipients;
    bool smtpUtf8 = false;
    QString origin;
    // In memory, or a file in the store's spool directory that the queue
    // takes over (renamed into queue/messages, same file system).
    store::MessageData message;
};

} // namespace mailstead::queue
