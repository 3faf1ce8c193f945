// MimeText.h - decoded text of a message, for search and filters
//
// RFC 2045 section 6 (transfer encodings), RFC 2046 section 4.1.2
// (charset), RFC 2047 (encoded words in headers), RFC 9051 section 6.4.4
// (SEARCH TEXT/BODY/SUBJECT/HEADER match decoded text).
//
// The body text is every text/plain and text/html leaf (HTML reduced to
// text by HtmlTextExtractor), decoded from its transfer encoding and
// charset into Unicode, parts separated by a blank line. Header text is
// every stored field of the message and of encapsulated messages, one
// "Name: value" line each, encoded words decoded. Bodies are decoded in
// 64 KiB chunks through streaming decoders: a large body costs linear time
// and the output it produces, up to MimeLimits::maxDecodedText characters.
//
// SECURITY: input is untrusted mail; nothing is interpreted beyond text
// (no scripts, no fetches), output is bounded by maxDecodedText.
#pragma once

#include "MimeCharset.h"
#include "MimeLimits.h"
#include "MimeMessage.h"

namespace mailstead::mime {

struct MessageText {
    QString headers;
    QString body;
    bool truncated = false;      // maxDecodedText reached
    bool unknownCharset = false; // some text was read as Latin-1
};

// `input` must be the bytes `message` was parsed from.
MessageText extractText(QByteArrayView input, const MimeMessage &message,
                        const MimeLimits &limits = {});

// One part's body as text: transfer encoding, then charset, then (for
// text/html) HTML to text. maxChars 0: no limit.
DecodedText decodePartText(QByteArrayView input, const MimePart &part, qsizetype maxChars = 0);

// A raw header field value (folding allowed) with encoded words decoded.
QString decodeHeaderValue(QByteArrayView rawValue);

} // namespace mailstead::mime
