// SmtpParameters.h - ESMTP parameters of MAIL and RCPT, and xtext
//
// RFC 5321 section 4.1.2 (Mail-parameters, esmtp-keyword, esmtp-value),
// RFC 1870 section 3 (SIZE), RFC 6152 section 2 and RFC 3030 section 3
// (BODY=7BIT|8BITMIME|BINARYMIME), RFC 6531 section 3.4 (SMTPUTF8 and UTF-8
// values), RFC 3461 sections 4.1-4.4 (NOTIFY, ORCPT, RET, ENVID) and
// section 4 (xtext), RFC 4954 section 5 (AUTH=).
//
// SECURITY: input is peer text after the path of a MAIL or RCPT line; only
// syntax is checked. Whether a parameter may be used (e.g. BINARYMIME when
// it was not announced, AUTH= from an unauthenticated client, which RFC 4954
// section 5 says to accept and ignore) is the session's decision.
#pragma once

#include "SmtpCommand.h"
#include "SmtpReply.h"

#include <optional>
#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::smtp {

// RFC 3461 section 4.4: ENVID at most 100 characters; section 4.2: ORCPT
// at most 500.
inline constexpr qsizetype maxEnvelopeIdOctets = 100;
inline constexpr qsizetype maxOriginalRecipientOctets = 500;

// Both return a null reply on success, otherwise the error to send:
// 555 5.5.4 for a keyword we do not know (RFC 5321 section 4.1.1.11),
// 501 5.5.4 for a malformed, repeated or out-of-range parameter.
SmtpReply parseMailParameters(QByteArrayView text, MailParameters *parameters);
SmtpReply parseRcptParameters(QByteArrayView text, RcptParameters *parameters);

// xtext (RFC 3461 section 4): printable ASCII except "+" and "=", which are
// written "+" and two hex digits. Lower-case hex digits are tolerated.
bool isXtext(QByteArrayView text);
std::optional<QByteArray> decodeXtext(QByteArrayView text);
QByteArray encodeXtext(QByteArrayView text);

} // namespace mailstead::smtp
