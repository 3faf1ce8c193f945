// MimeParser.h - a message's MIME structure from its bytes
//
// RFC 5322 section 2.1 (header, blank line, body), RFC 2045 sections 3-9
// (MIME headers and their defaults), RFC 2046 section 5.1 (multipart:
// boundary delimiter lines, preamble, epilogue, the CRLF before a
// delimiter belongs to it, transport padding after it), section 5.1.5
// (multipart/digest parts default to message/rfc822), section 5.2.1 and
// RFC 6532 section 3.5 (message/rfc822 and message/global encapsulate a
// message, parsed in turn).
//
// A pure function over a view of the whole message: nothing is copied but
// header values; the result holds offsets into the input. There is no
// chunk-by-chunk structure API: messages are parsed where they are
// stored (a file read or mapped whole), and offsets into one buffer are
// what BODY[section] needs. What does stream is decoding: transfer
// encodings, charsets and HTML (MimeText) go through chunked decoders. Real-world
// breakage is repaired the way mail readers do: LF-only lines, a missing
// final boundary (the part runs to the enclosing boundary or the end), an
// outer boundary inside an inner part (ends the inner multipart too),
// body parts without a header or without their blank line, multipart
// without a boundary (no body parts), message/rfc822 with a transfer
// encoding (parsed as is). A delimiter line is "--" boundary ["--"] and
// only spaces or tabs after it (RFC 2046 section 5.1.1); a longer line
// that merely starts with it is content.
//
// SECURITY: input is untrusted mail from anyone. Limits (MimeLimits) bound
// nesting (recursion depth), parts and stored header fields; each byte
// is scanned a constant number of times (boundary search is one memchr per
// line plus a bounded compare on lines starting with "--"), so a MIME bomb
// costs time linear in its size. Whatever exceeds a limit stays inside
// the enclosing part's body and is flagged.
#pragma once

#include "MimeLimits.h"
#include "MimeMessage.h"

#include <QByteArrayView>

namespace mailstead::mime {

MimeMessage parseMessage(QByteArrayView input, const MimeLimits &limits = {});

} // namespace mailstead::mime
