// ImapFetchResponder.h - the untagged FETCH response for one message
//
// RFC 9051 section 6.4.5 (FETCH data items) and section 7.5.2 (FETCH
// response: FLAGS, INTERNALDATE, RFC822.SIZE, ENVELOPE, BODY,
// BODYSTRUCTURE, BODY[section]<origin>, BINARY[section]<origin>,
// BINARY.SIZE[section], UID), RFC 3501 section 7.4.2 (RFC822,
// RFC822.HEADER, RFC822.TEXT), RFC 3516 (BINARY, literal8, UNKNOWN-CTE),
// RFC 7162 section 3.1.4 (MODSEQ, and MODSEQ in every FETCH once
// CONDSTORE is enabled).
//
// Sections (RFC 9051 section 6.4.5): part numbers descend into
// multiparts and through message/rfc822 into the encapsulated message;
// HEADER, HEADER.FIELDS (...), HEADER.FIELDS.NOT (...) and TEXT apply to
// the message or to an encapsulated message part; MIME is the MIME header
// of a body part. A part number that does not exist gives an empty string
// (Dovecot 2.3 sends "{0}", RFC 9051 leaves it open); unlike Dovecot, "1.1"
// of a body part that is neither multipart nor message does not exist.
// Every octet sent has CRLF line ends: a stored bare LF is sent as CRLF,
// so BODY[] is exactly RFC822.SIZE octets. Partial ranges
// <origin.length>: the origin is echoed ("BODY[]<0>"), a range past the
// end gives an empty string. BINARY decodes a leaf part's transfer
// encoding; BINARY[] and multipart or message parts are sent as they are
// when their encoding is an identity (Dovecot refuses them with
// UNKNOWN-CTE). The data is sent as literal8 "~{n}" when it holds a NUL.
// Verified by hand against Dovecot 2.3.19 for ENVELOPE, BODY,
// BODYSTRUCTURE and the BODY[...] sections in tst_imapfetchresponder.
//
// ENVELOPE, BODYSTRUCTURE and BODY come from the index row's cached
// columns when they hold a value for the session's variant (IMAP4rev1,
// UTF8=ACCEPT, IMAP4rev2: mime/ImapStructureCache.h); a FETCH that only
// those and the row's own items answer reads no file. A NULL column (a
// message indexed before they were filled) is computed from the file, by
// the same writer (mime/ImapStructure.h) that filled the others.
//
// The response is one "* <seq> FETCH (...)\r\n" with literals inline.
// Large bodies are written from the mapped file once into the output,
// without an intermediate copy when no line end needs rewriting.
//
// SECURITY: the message is untrusted mail; every value goes through the
// IMAP string writers (quoted or literal, never raw protocol text). The
// items are peer-controlled but parsed (ImapFetchArguments); part numbers
// and ranges are checked against the message here.
#pragma once

#include "ImapFetchArguments.h"

#include <QByteArray>
#include <QList>

namespace mailstead::imap {

class ImapMessageView;

struct ImapFetchContext {
    bool imap4rev2 = false;  // ENABLE IMAP4rev2: UTF-8 strings, message/global structure
    bool utf8Accept = false; // ENABLE UTF8=ACCEPT (RFC 6855): UTF-8 in quoted strings
    bool condstore = false;  // MODSEQ in every FETCH response (RFC 7162 section 3.1.4)
    bool uid = false;        // UID FETCH (or UID STORE): the UID item is always included
    // FLAGS is included even if not asked for: the command set \Seen
    // implicitly (RFC 9051 section 6.4.5) and the view already carries the
    // new flags.
    bool flags = false;
};

// Some item needs the message content (anything but FLAGS, INTERNALDATE,
// RFC822.SIZE, UID, MODSEQ); ENVELOPE, BODY and BODYSTRUCTURE may still be
// answered from the index without the file.
bool fetchNeedsContent(const QList<ImapFetchItem> &items);
// Every item that needs the file needs only the message's own header
// block (HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, RFC822.HEADER,
// ENVELOPE), and one does: a view of just that block (ImapHeaderCache)
// answers them exactly as the whole file would.
bool fetchNeedsOnlyHeader(const QList<ImapFetchItem> &items);
// Some item sets \Seen: BODY[...] and BINARY[...] without PEEK, RFC822,
// RFC822.TEXT (RFC 9051 section 6.4.5).
bool fetchSetsSeen(const QList<ImapFetchItem> &items);

// "* <seq> FETCH (...)\r\n". Empty when the items need the file and it is
// gone (expunged meanwhile). *errorCode is set (and the response empty)
// when a BINARY section cannot be decoded: "UNKNOWN-CTE" (RFC 3516 section
// 4.3), for the tagged NO the caller sends.
QByteArray imapFetchResponse(ImapMessageView &message, const QList<ImapFetchItem> &items,
                             const ImapFetchContext &context, QByteArray *errorCode = nullptr);

} // namespace mailstead::imap
