// QueueMethods.cpp - queue.list, queue.show, queue.retry, queue.hold,
// queue.release, queue.delete, queue.bounce
//
// Thin handlers over queue::DeliveryQueue. The queue lives in its own
// thread; each handler runs its work there through DeliveryQueue::run()
// (which waits), so the admin thread sees a consistent snapshot and changes
// are made by the queue's one writer. Times are ISO 8601 UTC; answers are
// the remote servers' replies as they were given.
//
// SECURITY: reached only by authorized peers. Message ids are opaque
// strings matched against the queue's own ids; message content is never
// returned.
#include "ConfigJson.h"
#include "MethodTable.h"
#include "Params.h"
#include "queue/DeliveryQueue.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

QString msTime(qint64 ms) {
    return ms > 0 ? isoTime(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)) : QString();
}

QJsonObject toJson(const queue::QueuedMessage &message) {
    QJsonArray recipients;
    for (const queue::QueueRecipient &r : message.recipients) {
        QJsonObject json{{u"address"_s, r.address},
                         {u"state"_s, queue::recipientStateName(r.state)},
                         {u"attempts"_s, r.attempts}};
        if (!r.originalAddress.isEmpty() && r.originalAddress != r.address)
            json.insert(u"original"_s, r.originalAddress);
        if (!r.isFinal() && r.state != queue::RecipientState::Held)
            json.insert(u"next_attempt"_s, msTime(r.nextAttemptMs));
        if (!r.lastAnswer.isEmpty()) {
            json.insert(u"last_answer"_s, QString::fromUtf8(r.lastAnswer));
            json.insert(u"last_attempt"_s, msTime(r.lastAttemptMs));
        }
        if (!r.lastHost.isEmpty())
            json.insert(u"last_host"_s, r.lastHost);
        recipients.append(json);
    }
    return QJsonObject{{u"id"_s, message.id},         {u"sender"_s, message.sender},
                       {u"origin"_s, message.origin}, {u"created"_s, msTime(message.createdMs)},
                       {u"size"_s, message.size},     {u"recipients"_s, recipients}};
}

std::optional<ipc::RpcError> unavailable(const MethodContext &context) {
    if (context.queue)
        return std::nullopt;
    return ipc::RpcError{
        ipc::ErrorCode::InternalError, u"The outbound queue is not running."_s, {}};
}

ipc::RpcError notFound(const QString &id) {
    return ipc::RpcError{ipc::ErrorCode::NotFound, u"No message \""_s + id + u"\" in the queue."_s,
                         u"id"_s};
}

HandlerResult list(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({});
    if (!p.ok())
        return p.error();
    if (const auto error = unavailable(context))
        return *error;
    QList<queue::QueuedMessage> messages;
    context.queue->run([&] { messages = context.queue->messages(); });
    QJsonArray array;
    for (const queue::QueuedMessage &message : std::as_const(messages))
        array.append(toJson(message));
    return QJsonObject{{u"messages"_s, array}};
}

HandlerResult show(const QJsonObject &params, const MethodContext &context) {
    Params p(params);
    p.rejectUnknown({u"id"_s});
    const QString id = p.requireString(u"id"_s);
    if (!p.ok())
        return p.error();
    if (const auto error = unavailable(context))
        return *error;
    std::optional<queue::QueuedMessage> message;
    QList<queue::QueueAttempt> attempts;
    context.queue->run([&] {
        message = context.queue->message(id);
        if (message)
            attempts = context.queue->attempts(id);
    });
    if (!message)
        return notFound(id);
    QJsonArray log;
    for (const queue::QueueAttempt &attempt : std::as_const(attempts)) {
        QJsonObject json{{u"time"_s, msTime(attempt.timeMs)},
                         {u"recipient"_s, attempt.recipient},
                         {u"answer"_s, QString::fromUtf8(attempt.answer)},
                         {u"outcome"_s, queue::recipientStateName(attempt.outcome)}};
        if (!attempt.host.isEmpty())
            json.insert(u"host"_s, attempt.host);
        if (!attempt.tls.isEmpty())
            json.insert(u"tls"_s, attempt.tls);
        log.append(json);
    }
    QJsonObject json = toJson(*message);
    json.insert(u"attempts"_s, log);
    return json;
}

// The common shape of retry/hold/release/delete/bounce: the ids changed.
using Action = QStringList (queue::DeliveryQueue::*)(const QString &id);

// allowAll: {all: true} instead of an id acts on every message (retry).
HandlerResult change(const QJsonObject &params, const MethodContext &context, Action action,
                     bool allowAll) {
    Params p(params);
    p.rejectUnknown(allowAll ? QStringList{u"id"_s, u"all"_s} : QStringList{u"id"_s});
    const bool all = allowAll && p.optionalBool(u"all"_s).value_or(false);
    const QString id = all ? QString() : p.requireString(u"id"_s);
    if (all && p.has(u"id"_s))
        p.fail(ipc::ErrorCode::InvalidParams, u"id"_s, u"Give an id or all, not both."_s);
    if (!p.ok())
        return p.error();
    if (const auto error = unavailable(context))
        return *error;
    QStringList changed;
    bool exists = true;
    context.queue->run([&] {
        exists = id.isEmpty() || context.queue->message(id).has_value();
        if (exists)
            changed = (context.queue->*action)(id);
    });
    if (!exists)
        return notFound(id);
    // A message already in the requested state is not changed: ids is empty.
    return QJsonObject{{u"ids"_s, QJsonArray::fromStringList(changed)}};
}

} // namespace

void addQueueMethods(MethodTable &table) {
    table.add(u"queue.list"_s, list);
    table.add(u"queue.show"_s, show);
    table.add(u"queue.retry"_s, [](const QJsonObject &params, const MethodContext &context) {
        return change(params, context, &queue::DeliveryQueue::retry, true);
    });
    table.add(u"queue.hold"_s, [](const QJsonObject &params, const MethodContext &context) {
        return change(params, context, &queue::DeliveryQueue::hold, false);
    });
    table.add(u"queue.release"_s, [](const QJsonObject &params, const MethodContext &context) {
        return change(params, context, &queue::DeliveryQueue::release, false);
    });
    table.add(u"queue.delete"_s, [](const QJsonObject &params, const MethodContext &context) {
        return change(params, context, &queue::DeliveryQueue::remove, false);
    });
    table.add(u"queue.bounce"_s, [](const QJsonObject &params, const MethodContext &context) {
        return change(params, context, &queue::DeliveryQueue::bounce, false);
    });
}

} // namespace mailstead::admin
