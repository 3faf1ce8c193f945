// SmtpTransaction.h - one mail transaction: MAIL FROM, the accepted
// recipients and the mailboxes they resolved to, until the message is
// delivered or the transaction is reset
//
// RFC 5321 section 3.3 (a transaction is MAIL, one or more RCPT, then DATA
// or BDAT; RSET, EHLO/HELO and the end of data reset it), RFC 3030 section 2
// (BDAT and DATA may not be mixed in one transaction). Several RCPTs naming
// the same mailbox (directly, through aliases, plus-addresses) deliver one
// copy (RFC 5321 section 3.3 leaves duplicate suppression to the server).
//
// replyForDelivery() turns the store's per-mailbox results into the single
// reply DATA and BDAT LAST allow: 250 only when every copy is durable.
// When some copies failed the reply is 4xx, so the client sends the
// message again to every recipient. SMTP has no per-recipient reply after
// the data (LMTP has), so the choice is between duplicates and loss: 250
// with a copy missing loses mail, which the durability rule forbids. The
// session therefore expunges the copies that did succeed before it answers
// 4xx (SmtpSession::PendingDelivery::rollBack); only when that fails too
// does a retry bring a duplicate.
//
// SECURITY: holds peer-supplied addresses that passed SmtpRecipientPolicy.
#pragma once

#include "core/RecipientDirectory.h"
#include "SmtpCommand.h"
#include "SmtpReply.h"
#include "store/StoreTypes.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace mailstead::smtp {

struct SmtpTransaction {
    bool active = false; // MAIL was accepted
    SmtpPath sender;
    MailParameters mail;
    QString queueId;
    QStringList recipients; // accepted RCPT addresses, as the client wrote them
    QList<core::MailboxTarget> mailboxes;
    bool usedBdat = false; // a BDAT chunk was sent: DATA is now out of order

    void begin(SmtpPath path, MailParameters parameters);
    void addRecipient(const QString &address, const QList<core::MailboxTarget> &targets);
    void clear() { *this = SmtpTransaction(); }

    // The store's request for every mailbox, into INBOX.
    store::DeliveryRequest deliveryRequest(store::MessageData message) const;

private:
    QSet<qint64> m_mailboxIds;
};

// Unique within this process and, with one mailsteadd per data directory,
// per store: 16 upper-case hex digits (milliseconds, then a counter).
QString newQueueId();

// The reply after DATA / BDAT LAST once the store has answered:
//   250 2.0.0  every copy is durable ("Ok: queued as <id>")
//   452 4.2.2  nothing stored, and every failure was a quota refusal
//   451 4.3.0  anything else (I/O errors, a partial delivery)
SmtpReply replyForDelivery(const QList<store::DeliveryResult> &results, const QString &queueId);

} // namespace mailstead::smtp
