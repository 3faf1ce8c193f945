// DsnComposer.h - delivery status notifications: the bounce message sent to
// the envelope sender when recipients fail (or time out)
//
// RFC 3464 (the message/delivery-status format: per-message fields
// Reporting-MTA and Arrival-Date, per-recipient fields Final-Recipient,
// Action, Status, Remote-MTA, Diagnostic-Code, Last-Attempt-Date), RFC 6522
// (multipart/report; report-type=delivery-status, three parts: a text for
// people, the status, the original headers as text/rfc822-headers), RFC
// 3463 (status codes), RFC 5321 section 4.5.5 (a notification has the null
// reverse-path), RFC 3834 section 5 (Auto-Submitted: auto-replied).
// Pure: values in, the message bytes out (CRLF line ends).
//
// SECURITY: addresses and diagnostic texts come from peers; every value
// written into a header field is reduced to printable ASCII on one line, so
// a remote server's reply cannot add header fields or MIME parts.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace mailstead::queue {

struct DsnRecipient {
    QString address;         // Final-Recipient (rfc822)
    QString originalAddress; // Original-Recipient (ORCPT), may be empty
    bool delayed = false;    // Action: delayed instead of failed
    QByteArray status;       // "5.1.1"
    QString remoteMta;       // host name of the server that answered; may be empty
    QByteArray diagnostic;   // the server's reply ("550 5.1.1 no such user"), may be empty
    QDateTime lastAttempt;   // invalid: no attempt was made
};

struct DsnInput {
    QString reportingMta; // our host name
    QString sender;       // the original envelope sender: the bounce's recipient
    QDateTime arrival;
    QDateTime now;
    QDateTime retryUntil;  // delayed recipients: Will-Retry-Until; invalid: left out
    QString boundaryToken; // unique per bounce (queue id): boundary and Message-ID
    QList<DsnRecipient> recipients;
    QByteArray originalHeaders; // the header block of the bounced message
};

QByteArray composeDsn(const DsnInput &input);

// RFC 3463 status from a reply, for a recipient that failed: the reply's
// enhanced status when it has one of the right class, else derived from the
// code (5.0.0 / 4.0.0).
QByteArray statusForReply(int code, const QByteArray &enhancedStatus);

} // namespace mailstead::queue
