// LocalDelivery.cpp - queued mail for our own mailboxes, into the store
//
// RFC 5321 section 4.4 (Return-Path at final delivery), RFC 3463 (the
// status codes of the replies made here); see LocalDelivery.h.
//
// SECURITY: addresses from queued envelopes, resolved like RCPT TO.
#include "LocalDelivery.h"

#include "core/RecipientDirectory.h"
#include "store/MessageStore.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

StoreLocalDelivery::StoreLocalDelivery(store::MessageStore *messages,
                                       core::RecipientDirectory *directory,
                                       QString recipientDelimiter)
    : m_messages(messages)
    , m_directory(directory)
    , m_delimiter(std::move(recipientDelimiter)) {}

bool StoreLocalDelivery::isLocalDomain(const QString &domain) const {
    return m_directory->isLocalDomain(domain);
}

void StoreLocalDelivery::deliver(const QString &sender, const QString &address,
                                 const QByteArray &message, QObject *context, Callback done) {
    const core::Resolution resolution = m_directory->resolve(address, m_delimiter);
    if (resolution.status != core::Resolution::Status::Local || resolution.mailboxes.isEmpty()) {
        const bool disabled = resolution.status == core::Resolution::Status::Disabled;
        done(smtp::makeReply(550, disabled ? "5.2.1" : "5.1.1",
                             disabled ? "mailbox disabled" : "no such local mailbox"));
        return;
    }
    store::DeliveryRequest request;
    for (const core::MailboxTarget &mailbox : resolution.mailboxes) {
        store::Recipient recipient;
        recipient.domain = mailbox.domain;
        recipient.localPart = mailbox.localPart;
        recipient.quotaBytes = mailbox.quotaBytes;
        recipient.domainQuotaBytes = mailbox.domainQuotaBytes;
        request.recipients.append(recipient);
    }
    QByteArray bytes =
        "Return-Path: <" + sender.toUtf8() + ">\r\nDelivered-To: " + address.toUtf8() + "\r\n";
    bytes += message;
    request.message = store::MessageData::fromBytes(std::move(bytes));
    request.internalDate = QDateTime::currentDateTimeUtc();
    m_messages->deliver(
        std::move(request), context, [done](const QList<store::DeliveryResult> &results) {
            for (const store::DeliveryResult &result : results) {
                if (result.status == store::DeliveryStatus::OverQuota) {
                    done(smtp::makeReply(452, "4.2.2", "mailbox over quota"));
                    return;
                }
                if (!result.ok()) {
                    done(smtp::makeReply(451, "4.3.0",
                                         "local delivery failed: " + result.error.toUtf8()));
                    return;
                }
            }
            done(smtp::makeReply(250, "2.0.0", "delivered to the local mailbox"));
        });
}

} // namespace mailstead::queue
