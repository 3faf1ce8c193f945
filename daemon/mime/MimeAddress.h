// MimeAddress.h - address lists of From, To, Cc, Bcc, Sender, Reply-To
//
// RFC 5322 section 3.4 (mailbox, name-addr, angle-addr, group, address
// list), section 3.2.2-3.2.4 (comments, atoms, quoted strings), section
// 4.4 (obsolete: routes "@a,@b:", CFWS around dots, empty list elements),
// RFC 2047 section 5 (encoded words in display names); the shape IMAP
// needs for ENVELOPE (RFC 9051 section 7.5.2, RFC 3501 section 7.4.2).
//
// Values stay as written (quotes and escapes removed, encoded words kept)
// because ENVELOPE carries them raw; displayName() decodes them. Without a
// display name, the address's last comment is its name ("a@b (Ann)").
// Errors are repaired, never fatal: text after an address up to the next
// comma is skipped, an address without "@" keeps an empty host, a phrase
// with no address at all keeps an empty mailbox, an open group is closed
// at the end.
//
// SECURITY: input is an untrusted header value (bounded by
// MimeLimits::maxHeaderBytes); one pass, no recursion.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace mailstead::mime {

struct MailAddress {
    enum class Kind : quint8 {
        Mailbox,
        GroupStart, // mailbox holds the group's display name
        GroupEnd,
    };
    Kind kind = Kind::Mailbox;
    QByteArray name;    // display name or comment; empty: none
    QByteArray route;   // obs-route "@a.test,@b.test"; empty: none
    QByteArray mailbox; // local part, unquoted; empty: missing
    QByteArray host;    // domain; empty: missing

    // The display name with RFC 2047 encoded words decoded.
    QString displayName() const;
    // "mailbox@host" (no quoting), or an empty string for group markers.
    QByteArray addrSpec() const;

    bool operator==(const MailAddress &) const = default;
};

// Parses an unfolded address-list field value.
QList<MailAddress> parseAddressList(QByteArrayView value);

} // namespace mailstead::mime
