// ImapMailboxName.h - mailbox names between the wire and the store:
// modified UTF-7 for IMAP4rev1 clients, UTF-8 after IMAP4rev2 or
// UTF8=ACCEPT, INBOX in any case
//
// RFC 3501 section 5.1.3 and RFC 9051 section 5.1.3 (modified UTF-7: printable
// US-ASCII except "&" stands for itself, "&-" is "&", "&...-" is modified
// BASE64 of UTF-16 with "," for "/"), RFC 9051 section 5.1 (INBOX is
// case-insensitive; names are UTF-8 for IMAP4rev2), RFC 6855 section 3
// (UTF8=ACCEPT: UTF-8 names, Net-Unicode: no control characters).
//
// Strict decoding, because a name that decodes two ways names two mailboxes:
// rejected are unterminated or empty shifts other than "&-", characters
// outside modified BASE64, encoded printable ASCII ("&AGE-" for "a"),
// leftover bits that are not zero or make a whole BASE64 character, null
// shifts ("&AOQ-&AOQ-" must be "&AOQA5A-"), unpaired surrogates, and raw
// octets outside printable ASCII.
//
// SECURITY: input is peer text; decoding is linear and never produces a
// control character, an invalid UTF-16 string, or a name over the limit.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mailstead::imap {

struct ImapMailboxNameDecode {
    QString name;
    QByteArray error; // a reason for the NO/BAD text; empty on success
    bool ok() const { return error.isEmpty(); }
};

// The encoding alone: no INBOX or control character rules.
ImapMailboxNameDecode decodeModifiedUtf7(QByteArrayView encoded);
QByteArray encodeModifiedUtf7(const QString &name);

// A mailbox name (or LIST reference or pattern) as sent: modified UTF-7
// unless utf8, then UTF-8 where "&" is an ordinary character. Controls (C0,
// DEL, C1) are refused, a name equal to "INBOX" in any case becomes
// "INBOX", and a name over maxOctets (UTF-8) is refused.
ImapMailboxNameDecode decodeMailboxName(QByteArrayView wire, bool utf8, qsizetype maxOctets);
// The name for a response: UTF-8 or modified UTF-7 (not yet quoted).
QByteArray encodeMailboxName(const QString &name, bool utf8);

bool isInbox(const QString &name);

// UTF-8 validity without decoding into a string (RFC 3629).
bool isValidUtf8(QByteArrayView text);

} // namespace mailstead::imap
