// SmtpTransaction.cpp - envelope state, queue ids, the reply after delivery
//
// RFC 5321 section 3.3, RFC 3030 section 2; see SmtpTransaction.h for the
// partial-failure decision.
//
// SECURITY: no parsing; values were checked by the parser and the policy.
#include "SmtpTransaction.h"

#include <atomic>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

std::atomic<quint32> s_queueCounter{0};

} // namespace

void SmtpTransaction::begin(SmtpPath path, MailParameters parameters) {
    clear();
    active = true;
    sender = std::move(path);
    mail = std::move(parameters);
    queueId = newQueueId();
}

void SmtpTransaction::addRecipient(const QString &address,
                                   const QList<core::MailboxTarget> &targets) {
    recipients.append(address);
    for (const core::MailboxTarget &target : targets) {
        if (m_mailboxIds.contains(target.mailboxId))
            continue;
        m_mailboxIds.insert(target.mailboxId);
        mailboxes.append(target);
    }
}

store::DeliveryRequest SmtpTransaction::deliveryRequest(store::MessageData message) const {
    store::DeliveryRequest request;
    request.recipients.reserve(mailboxes.size());
    for (const core::MailboxTarget &mailbox : mailboxes) {
        store::Recipient recipient;
        recipient.domain = mailbox.domain;
        recipient.localPart = mailbox.localPart;
        recipient.quotaBytes = mailbox.quotaBytes;
        recipient.domainQuotaBytes = mailbox.domainQuotaBytes;
        request.recipients.append(recipient);
    }
    request.message = std::move(message);
    request.internalDate = QDateTime::currentDateTimeUtc();
    return request;
}

QString newQueueId() {
    const quint64 millis = quint64(QDateTime::currentMSecsSinceEpoch());
    const quint32 sequence = s_queueCounter.fetch_add(1, std::memory_order_relaxed);
    return QString::asprintf("%011llX%05X",
                             static_cast<unsigned long long>(millis & 0xFFFFFFFFFFFull),
                             sequence & 0xFFFFFu);
}

SmtpReply replyForDelivery(const QList<store::DeliveryResult> &results, const QString &queueId) {
    qsizetype ok = 0;
    qsizetype overQuota = 0;
    for (const store::DeliveryResult &result : results) {
        if (result.ok())
            ++ok;
        else if (result.status == store::DeliveryStatus::OverQuota)
            ++overQuota;
    }
    if (!results.isEmpty() && ok == results.size())
        return makeReply(250, "2.0.0", "Ok: queued as " + queueId.toLatin1());
    if (ok == 0 && overQuota == results.size() && overQuota > 0)
        return makeReply(452, "4.2.2", "Mailbox full, try again later");
    if (ok > 0) {
        return makeReply(451, "4.3.0",
                         "Temporary failure: the message was stored for some recipients only; "
                         "please send it again");
    }
    return makeReply(451, "4.3.0", "Temporary failure: the message could not be stored");
}

} // namespace mailstead::smtp
