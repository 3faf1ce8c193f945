// ImapStructureCache.h - ENVELOPE and BODYSTRUCTURE as index.db keeps them
//
// RFC 9051 section 7.5.2 and RFC 3501 section 7.4.2 (ENVELOPE, BODY,
// BODYSTRUCTURE), RFC 6855 section 3 (UTF8=ACCEPT), RFC 9051 section 9
// ("body-ext-1part", "body-ext-mpart": the extension data BODY leaves out).
//
// The store fills the messages.envelope and messages.bodystructure columns
// (store/IndexSchema.h) from the MIME parse it makes for the full-text
// index; FETCH sends them as they are. ImapStructure.h is the only writer,
// so a cached value is byte for byte what FETCH computes from the file.
//
// A value can depend on the session (ImapStructure.h): UTF-8 strings are
// quoted under IMAP4rev2 or UTF8=ACCEPT and literals otherwise; RFC 2231
// values are decoded under UTF-8; message/global is described as a message
// under IMAP4rev2 only. FETCH asks for one of three variants:
//   IMAP4rev1            utf8 off, messageGlobal off
//   UTF8=ACCEPT (rev1)   utf8 on,  messageGlobal off
//   IMAP4rev2            utf8 on,  messageGlobal on
// Column format: when the three variants are equal (every ASCII message
// without message/global) the column is exactly those IMAP bytes, which
// start with '('. Otherwise it starts with kVariantsMarker and holds the
// three variants in the order above, each as a 4-octet big-endian length
// and the bytes. A column this code cannot read answers nothing, and the
// caller computes the value from the file.
//
// BODY is not stored: the writer always ends every part of BODYSTRUCTURE
// with exactly four extension fields (md5 or parameters, disposition,
// language, location) and BODY is BODYSTRUCTURE without them, so one scan
// of the stored BODYSTRUCTURE gives BODY (imapBodyFromBodyStructure). BODY
// is rarely fetched; storing it would nearly double the cached bytes.
//
// SECURITY: the columns were written by this code from untrusted mail;
// reading them checks every length against the column, and a malformed
// value gives a null result rather than bytes past its end.
#pragma once

#include "ImapStructure.h"

#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::mime {

// First octet of a column holding per-variant values (an IMAP value
// always starts with '(').
inline constexpr char kVariantsMarker = '\x01';

struct ImapCachedStructure {
    QByteArray envelope;
    QByteArray bodyStructure;
};

// The two column values for a parsed message.
ImapCachedStructure imapCachedStructure(const MimeMessage &message);

// The value a session with `options` is sent, from a column; a null
// QByteArray when the column cannot answer for these options.
QByteArray imapCachedValue(QByteArrayView column, const ImapStructureOptions &options);

// BODY from a BODYSTRUCTURE of the same session variant; a null QByteArray
// when `bodyStructure` is not what imapBodyStructure writes.
QByteArray imapBodyFromBodyStructure(QByteArrayView bodyStructure);

} // namespace mailstead::mime
