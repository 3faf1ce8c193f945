// LocalDelivery.h - what the queue needs for recipients in our own
// domains (a bounce to a local sender, a forward that loops back): an
// interface, so the queue's tests can use a test double, and its
// implementation on the message store
//
// RFC 5321 section 4.4 (final delivery adds Return-Path, here "<>" for a
// bounce), DESIGN.md "Durability" (the answer is 250 only once the copy is
// durable in the store).
//
// SECURITY: the address comes from a queued envelope; it is resolved with
// the same RecipientDirectory as SMTP's RCPT, so only existing, enabled
// mailboxes receive anything.
#pragma once

#include "smtp/SmtpReply.h"

#include <functional>
#include <QByteArray>
#include <QString>

class QObject;

namespace mailstead::core {
class RecipientDirectory;
}

namespace mailstead::store {
class MessageStore;
}

namespace mailstead::queue {

class LocalDelivery {
public:
    using Callback = std::function<void(const smtp::SmtpReply &reply)>;
    virtual ~LocalDelivery() = default;
    virtual bool isLocalDomain(const QString &domain) const = 0;
    // Delivers message (without Return-Path) to the mailboxes of address;
    // the callback runs in context's thread with 250, 4xx or 5xx.
    virtual void deliver(const QString &sender, const QString &address, const QByteArray &message,
                         QObject *context, Callback done) = 0;
};

class StoreLocalDelivery final : public LocalDelivery {
public:
    StoreLocalDelivery(store::MessageStore *messages, core::RecipientDirectory *directory,
                       QString recipientDelimiter);
    bool isLocalDomain(const QString &domain) const override;
    void deliver(const QString &sender, const QString &address, const QByteArray &message,
                 QObject *context, Callback done) override;

private:
    store::MessageStore *m_messages;
    core::RecipientDirectory *m_directory;
    QString m_delimiter;
};

} // namespace mailstead::queue
