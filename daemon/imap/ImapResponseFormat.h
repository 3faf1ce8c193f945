// ImapResponseFormat.h - writing strings, mailbox names and flag lists into
// server responses: quoted string, literal or literal8, atom or NIL
//
// RFC 9051 section 4.3 (strings: quoted for short 7-bit text without CR, LF
// or NUL, otherwise a literal), section 4.3.1 and RFC 3516 (literal8 "~{n}"
// for data with NUL, only in BINARY responses), section 4.5 (NIL), section
// 5.1 and 5.1.3 (mailbox names: UTF-8 for IMAP4rev2 and UTF8=ACCEPT, else
// modified UTF-7), RFC 6855 section 3 (UTF-8 quoted strings).
//
// SECURITY: output is built from store data that may come from anyone who
// can send mail (subjects, addresses, mailbox names): nothing a sender
// controls can close a quoted string, end a line or start a response; the
// choice between quoted and literal depends only on the octets.
#pragma once

#include <optional>
#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QString>

namespace mailstead::imap {

struct ImapStringOptions {
    // UTF-8 may appear in quoted strings (IMAP4rev2 / UTF8=ACCEPT enabled).
    bool utf8 = false;
    // literal8 is allowed (BINARY[] responses, RFC 3516): data with NUL is
    // sent as "~{n}". Elsewhere NUL cannot be sent; it is replaced by a
    // space so the response stays valid.
    bool binary = false;
};

// Strings longer than this are sent as literals even when quotable.
inline constexpr qsizetype maxQuotedOctets = 1024;

// "\"text\"" or "{n}\r\n" + octets (or "~{n}\r\n" + octets).
QByteArray imapString(QByteArrayView value, const ImapStringOptions &options = {});
// An atom when the value is one (not "NIL", not empty), otherwise a string.
QByteArray imapAstring(QByteArrayView value, const ImapStringOptions &options = {});
// NIL or a string.
QByteArray imapNString(const std::optional<QByteArray> &value,
                       const ImapStringOptions &options = {});
// A mailbox name: "INBOX" as an atom, others encoded (modified UTF-7 unless
// options.utf8) and written as an astring.
QByteArray imapMailbox(const QString &name, const ImapStringOptions &options = {});
// "(\Seen $Forwarded)"
QByteArray imapFlagList(const QByteArrayList &flags);

} // namespace mailstead::imap
