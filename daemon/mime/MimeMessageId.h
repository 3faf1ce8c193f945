// MimeMessageId.h - Message-ID, In-Reply-To and References values
//
// RFC 5322 section 3.6.4 (msg-id "<id-left@id-right>"), section 4.5.4
// (obsolete: phrases between ids, CFWS inside the brackets).
//
// For threading and duplicate checks; ENVELOPE carries the fields raw.
//
// SECURITY: input is an untrusted header value; one pass.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace mailstead::mime {

// The ids without their angle brackets, whitespace and comments inside
// them removed, in order ("<a@b> (x) <c@d>" -> a@b, c@d). A value without
// brackets that is one word containing "@" counts as one id.
QList<QByteArray> parseMessageIds(QByteArrayView value);

} // namespace mailstead::mime
