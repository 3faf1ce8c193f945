// CtlOutputQueue.cpp - human output of "mailsteadctl queue ..."; see CtlOutput.h
#include "CtlOutput.h"
#include "TableWriter.h"
#include "validation/Address.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::ctl {

namespace {

// "alice@example.test (deferred, 3 attempts)".
QString recipientSummary(const QJsonObject &recipient) {
    const qint64 attempts = recipient.value(u"attempts"_s).toInteger();
    return displayAddress(recipient.value(u"address"_s).toString()) + u" ("_s +
           recipient.value(u"state"_s).toString() + u", "_s + QString::number(attempts) +
           (attempts == 1 ? u" attempt)"_s : u" attempts)"_s);
}

QString senderText(const QJsonObject &message) {
    const QString sender = message.value(u"sender"_s).toString();
    return sender.isEmpty() ? u"<>"_s : displayAddress(sender);
}

} // namespace

Output formatQueueList(const QJsonValue &result) {
    const QJsonArray messages = result.toObject().value(u"messages"_s).toArray();
    if (messages.isEmpty())
        return {u"The queue is empty.\n"_s, ExitSuccess};
    TableWriter table({u"ID"_s, u"SENDER"_s, u"SIZE"_s, u"CREATED"_s, u"RECIPIENTS"_s});
    table.setAlignment(2, TableWriter::Align::Right);
    for (const QJsonValue &value : messages) {
        const QJsonObject message = value.toObject();
        QStringList recipients;
        for (const QJsonValue &recipient : message.value(u"recipients"_s).toArray())
            recipients.append(recipientSummary(recipient.toObject()));
        table.addRow({message.value(u"id"_s).toString(), senderText(message),
                      formatByteSize(message.value(u"size"_s).toInteger()),
                      message.value(u"created"_s).toString(), recipients.join(u", "_s)});
    }
    return {table.toString(), ExitSuccess};
}

Output formatQueueMessage(const QJsonValue &result) {
    const QJsonObject message = result.toObject();
    QList<Field> fields = {
        {u"ID"_s, message.value(u"id"_s).toString()},
        {u"Sender"_s, senderText(message)},
        {u"Origin"_s, message.value(u"origin"_s).toString()},
        {u"Size"_s, formatByteSize(message.value(u"size"_s).toInteger())},
        {u"Created"_s, message.value(u"created"_s).toString()},
    };
    for (const QJsonValue &value : message.value(u"recipients"_s).toArray()) {
        const QJsonObject recipient = value.toObject();
        QString line = recipientSummary(recipient);
        const QString next = recipient.value(u"next_attempt"_s).toString();
        if (!next.isEmpty())
            line += u", next "_s + next;
        fields.append({u"Recipient"_s, line});
    }
    QString text = formatFields(fields);
    const QJsonArray attempts = message.value(u"attempts"_s).toArray();
    if (!attempts.isEmpty()) {
        TableWriter table({u"TIME"_s, u"RECIPIENT"_s, u"HOST"_s, u"TLS"_s, u"ANSWER"_s});
        for (const QJsonValue &value : attempts) {
            const QJsonObject attempt = value.toObject();
            table.addRow({attempt.value(u"time"_s).toString(),
                          displayAddress(attempt.value(u"recipient"_s).toString()),
                          attempt.value(u"host"_s).toString(), attempt.value(u"tls"_s).toString(),
                          attempt.value(u"answer"_s).toString()});
        }
        text += u"\nAttempts:\n"_s + table.toString();
    }
    return {text, ExitSuccess};
}

Formatter queueConfirmation(const QString &action) {
    return [action](const QJsonValue &result) -> Output {
        const QJsonArray ids = result.toObject().value(u"ids"_s).toArray();
        if (ids.isEmpty())
            return {u"no message changed\n"_s, ExitSuccess};
        QString text;
        for (const QJsonValue &id : ids)
            text += u"message "_s + TableWriter::sanitize(id.toString()) + u' ' + action + u'\n';
        return {text, ExitSuccess};
    };
}

} // namespace mailstead::ctl
