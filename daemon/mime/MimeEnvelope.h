// MimeEnvelope.h - the fields of an IMAP ENVELOPE, read from a header block
//
// RFC 9051 section 7.5.2 and RFC 3501 section 7.4.2 (ENVELOPE: date,
// subject, from, sender, reply-to, to, cc, bcc, in-reply-to, message-id),
// RFC 5322 section 3.6 (the fields).
//
// Values are raw: unfolded, surrounding whitespace trimmed, encoded words
// and 8-bit bytes kept (clients decode them). An absent Date, Subject,
// In-Reply-To or Message-ID is nullopt (NIL); a present but empty one is an
// empty string. Sender and Reply-To take From's value when absent or
// without any address, as both RFCs require of the server. Where a field
// appears more than once, the first counts.
//
// SECURITY: the header block is untrusted; values are bounded by
// MimeLimits::maxHeaderBytes.
#pragma once

#include "MimeAddress.h"
#include "MimeHeader.h"

#include <optional>

namespace mailstead::mime {

struct Envelope {
    std::optional<QByteArray> date;
    std::optional<QByteArray> subject;
    QList<MailAddress> from;
    QList<MailAddress> sender;
    QList<MailAddress> replyTo;
    QList<MailAddress> to;
    QList<MailAddress> cc;
    QList<MailAddress> bcc;
    std::optional<QByteArray> inReplyTo;
    std::optional<QByteArray> messageId;

    bool operator==(const Envelope &) const = default;
};

Envelope parseEnvelope(const HeaderBlock &header);

} // namespace mailstead::mime
