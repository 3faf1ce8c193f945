// MimeEnvelope.cpp - ENVELOPE fields from a header block
//
// RFC 9051 section 7.5.2, RFC 3501 section 7.4.2, RFC 5322 section 3.6.
//
// SECURITY: untrusted header; see MimeEnvelope.h.

#include "MimeEnvelope.h"

namespace mailstead::mime {

namespace {

std::optional<QByteArray> stringField(const HeaderBlock &header, QByteArrayView name) {
    const HeaderField *field = header.find(name);
    if (!field)
        return std::nullopt;
    return unfoldValue(field->value);
}

QList<MailAddress> addressField(const HeaderBlock &header, QByteArrayView name) {
    const HeaderField *field = header.find(name);
    return field ? parseAddressList(unfoldValue(field->value)) : QList<MailAddress>();
}

} // namespace

Envelope parseEnvelope(const HeaderBlock &header) {
    Envelope envelope;
    envelope.date = stringField(header, "Date");
    envelope.subject = stringField(header, "Subject");
    envelope.from = addressField(header, "From");
    envelope.sender = addressField(header, "Sender");
    envelope.replyTo = addressField(header, "Reply-To");
    envelope.to = addressField(header, "To");
    envelope.cc = addressField(header, "Cc");
    envelope.bcc = addressField(header, "Bcc");
    envelope.inReplyTo = stringField(header, "In-Reply-To");
    envelope.messageId = stringField(header, "Message-ID");
    if (envelope.sender.isEmpty())
        envelope.sender = envelope.from;
    if (envelope.replyTo.isEmpty())
        envelope.replyTo = envelope.from;
    return envelope;
}

} // namespace mailstead::mime
