// DsnComposer.cpp - RFC 3464 delivery status notifications
//
// RFC 3464 sections 2.1-2.3 (field syntax), RFC 6522 section 3
// (multipart/report), RFC 5322 section 3.3 (dates), RFC 3834 section 5.
//
// SECURITY: values quoted from peers are sanitised; see DsnComposer.h.
#include "DsnComposer.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

namespace {

// Printable ASCII on one line, bounded: what may go into a header field.
QByteArray fieldValue(const QByteArray &value, qsizetype maxOctets = 900) {
    QByteArray out;
    for (const char c : value.left(maxOctets)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 32 && u <= 126) ? c : ' ';
    }
    return out.simplified();
}

QByteArray fieldValue(const QString &value) {
    return fieldValue(value.toUtf8());
}

// RFC 5322 section 3.3: "Sat, 28 Nov 2026 14:41:02 +0000".
QByteArray rfc5322Date(const QDateTime &when) {
    return QLocale::c().toString(when.toUTC(), u"ddd, dd MMM yyyy HH:mm:ss '+0000'"_s).toLatin1();
}

bool isAscii(const QByteArray &bytes) {
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) > 127)
            return false;
    }
    return true;
}

// RFC 3464 section 2.3.2 and RFC 6533 section 3: an address with non-ASCII
// is given as utf-8 type with its octets in xtext-like hex escapes.
QByteArray addressField(const QString &address) {
    const QByteArray utf8 = address.toUtf8();
    if (isAscii(utf8))
        return "rfc822;" + fieldValue(utf8);
    QByteArray escaped;
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (u > 127)
            escaped += "\\x{" + QByteArray::number(u, 16).toUpper() + '}';
        else
            escaped += c;
    }
    return "utf-8;" + fieldValue(escaped);
}

QByteArray humanText(const DsnInput &input) {
    QByteArray text;
    bool anyFailed = false;
    for (const DsnRecipient &r : input.recipients)
        anyFailed = anyFailed || !r.delayed;
    text += "This is the mail system at " + fieldValue(input.reportingMta) + ".\r\n\r\n";
    if (anyFailed) {
        text += "Your message could not be delivered to one or more recipients.\r\n"
                "It is attached below (headers only). The reasons:\r\n\r\n";
    } else {
        text += "Your message has not been delivered yet; delivery will be retried.\r\n"
                "You do not need to send it again. The reasons:\r\n\r\n";
    }
    for (const DsnRecipient &r : input.recipients) {
        text += "<" + fieldValue(r.address) + ">: ";
        if (!r.diagnostic.isEmpty())
            text += (r.remoteMta.isEmpty() ? QByteArray() : fieldValue(r.remoteMta) + " said: ") +
                    fieldValue(r.diagnostic);
        else
            text += "status " + fieldValue(r.status);
        text += "\r\n";
    }
    return text;
}

QByteArray statusPart(const DsnInput &input) {
    QByteArray part;
    part += "Reporting-MTA: dns;" + fieldValue(input.reportingMta) + "\r\n";
    if (input.arrival.isValid())
        part += "Arrival-Date: " + rfc5322Date(input.arrival) + "\r\n";
    for (const DsnRecipient &r : input.recipients) {
        part += "\r\n";
        if (!r.originalAddress.isEmpty())
            part += "Original-Recipient: " + addressField(r.originalAddress) + "\r\n";
        part += "Final-Recipient: " + addressField(r.address) + "\r\n";
        part += QByteArray("Action: ") + (r.delayed ? "delayed" : "failed") + "\r\n";
        part += "Status: " + fieldValue(r.status) + "\r\n";
        if (!r.remoteMta.isEmpty())
            part += "Remote-MTA: dns;" + fieldValue(r.remoteMta) + "\r\n";
        if (!r.diagnostic.isEmpty())
            part += "Diagnostic-Code: smtp;" + fieldValue(r.diagnostic) + "\r\n";
        if (r.lastAttempt.isValid())
            part += "Last-Attempt-Date: " + rfc5322Date(r.lastAttempt) + "\r\n";
        if (r.delayed && input.retryUntil.isValid())
            part += "Will-Retry-Until: " + rfc5322Date(input.retryUntil) + "\r\n";
    }
    return part;
}

// The original header block with CRLF line ends, ending in one CRLF.
QByteArray crlfHeaders(const QByteArray &headers) {
    QByteArray out;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (headers[i] == '\n' && (i == 0 || headers[i - 1] != '\r'))
            out += '\r';
        out += headers[i];
    }
    while (out.endsWith("\r\n\r\n"))
        out.chop(2);
    if (!out.isEmpty() && !out.endsWith("\r\n"))
        out += "\r\n";
    return out;
}

} // namespace

QByteArray statusForReply(int code, const QByteArray &enhancedStatus) {
    const char replyClass = char('0' + code / 100);
    if (!enhancedStatus.isEmpty() && enhancedStatus.at(0) == replyClass)
        return enhancedStatus;
    return code >= 500 ? "5.0.0"_ba : "4.0.0"_ba;
}

QByteArray composeDsn(const DsnInput &input) {
    const QByteArray token = fieldValue(input.boundaryToken);
    const QByteArray boundary = "=_mailstead_dsn_" + token;
    bool anyFailed = false;
    for (const DsnRecipient &r : input.recipients)
        anyFailed = anyFailed || !r.delayed;

    QByteArray out;
    out += "From: Mail Delivery System <MAILER-DAEMON@" + fieldValue(input.reportingMta) + ">\r\n";
    out += "To: <" + fieldValue(input.sender) + ">\r\n";
    out +=
        QByteArray("Subject: ") +
        (anyFailed ? "Undelivered Mail Returned to Sender" : "Delayed Mail (still being retried)") +
        "\r\n";
    out += "Date: " + rfc5322Date(input.now) + "\r\n";
    out += "Message-ID: <" + token + ".dsn@" + fieldValue(input.reportingMta) + ">\r\n";
    out += "Auto-Submitted: auto-replied\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: multipart/report; report-type=delivery-status;\r\n"
           "\tboundary=\"" +
           boundary + "\"\r\n";
    out += "\r\n";
    out += "This is a MIME-encapsulated message.\r\n\r\n";

    out += "--" + boundary + "\r\n";
    out += "Content-Description: Notification\r\n";
    out += "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
    out += humanText(input);
    out += "\r\n--" + boundary + "\r\n";
    out += "Content-Description: Delivery report\r\n";
    out += "Content-Type: message/delivery-status\r\n\r\n";
    out += statusPart(input);
    out += "\r\n--" + boundary + "\r\n";
    out += "Content-Description: Undelivered Message Headers\r\n";
    out += "Content-Type: text/rfc822-headers\r\n";
    // The quoted header may carry 8-bit text (RFC 6532 headers).
    if (!isAscii(input.originalHeaders))
        out += "Content-Transfer-Encoding: 8bit\r\n";
    out += "\r\n";
    out += crlfHeaders(input.originalHeaders);
    out += "\r\n--" + boundary + "--\r\n";
    return out;
}

} // namespace mailstead::queue
