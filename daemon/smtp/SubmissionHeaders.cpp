// SubmissionHeaders.cpp - see SubmissionHeaders.h
//
// RFC 6409 sections 8.2 and 8.3, RFC 5322 sections 3.6.1, 3.6.2, 3.6.4.
//
// SECURITY: untrusted header bytes, bounded by the capture limit; the MIME
// parser reads them in one pass.
#include "SubmissionHeaders.h"

#include "mime/MimeAddress.h"
#include "mime/MimeHeader.h"
#include "mime/MimeLimits.h"
#include "SmtpTraceHeaders.h"
#include "validation/Address.h"

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

SubmissionHeaderFacts inspectSubmissionHeader(QByteArrayView head, bool messageEnded) {
    SubmissionHeaderFacts facts;
    const mime::HeaderBlock block = mime::parseHeaderBlock(head, 0, mime::MimeLimits{});
    // Without the blank line the header ends only where the message does
    // (a message that is all header).
    facts.complete = (block.blankLine || messageEnded) && !block.truncated;
    for (const mime::HeaderField &field : block.fields) {
        const QByteArray name = field.name.toByteArray().toLower();
        if (name == "date") {
            facts.hasDate = true;
        } else if (name == "message-id") {
            facts.hasMessageId = true;
        } else if (name == "from") {
            bool any = false;
            const QList<mime::MailAddress> list =
                mime::parseAddressList(mime::unfoldValue(field.value));
            for (const mime::MailAddress &address : list) {
                if (address.kind != mime::MailAddress::Kind::Mailbox)
                    continue;
                if (address.mailbox.isEmpty() || address.host.isEmpty()) {
                    facts.fromMalformed = true;
                    continue;
                }
                any = true;
                facts.fromAddresses.append(
                    quoteLocalPartIfNeeded(QString::fromUtf8(address.mailbox)) + u'@' +
                    QString::fromUtf8(address.host));
            }
            if (!any)
                facts.fromMalformed = true;
        }
    }
    return facts;
}

QByteArray submissionHeaderAdditions(const SubmissionHeaderFacts &facts, const QString &hostname,
                                     const QString &idLeft, const QDateTime &now) {
    QByteArray out;
    if (!facts.hasDate)
        out += "Date: " + headerDate(now) + "\r\n";
    if (!facts.hasMessageId)
        out += "Message-ID: <" + idLeft.toLatin1() + '@' + hostname.toLatin1() + ">\r\n";
    return out;
}

} // namespace mailstead::smtp
