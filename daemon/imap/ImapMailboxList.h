// ImapMailboxList.h - which mailboxes a LIST or LSUB names, with which
// attributes: pattern matching and the hierarchy
//
// RFC 9051 section 6.3.9 (LIST: reference and pattern, "*" matches any
// characters, "%" any but the hierarchy delimiter; a pattern "" asks for
// the delimiter; INBOX in any case), section 7.3.1 (attributes
// \NonExistent, \Noinferiors, \Noselect, \HasChildren, \HasNoChildren,
// \Subscribed, \Marked), RFC 3501 section 6.3.8 and 6.3.9 (IMAP4rev1:
// levels above a matching name that are not mailboxes are returned with
// \Noselect; LSUB), RFC 5258 (LIST-EXTENDED: selection SUBSCRIBED,
// RECURSIVEMATCH with CHILDINFO, RETURN SUBSCRIBED and CHILDREN), RFC 6154
// (special-use attributes, selection SPECIAL-USE).
//
// Decisions: the hierarchy delimiter is "/". A name that is not a folder
// but has folders below it (its folder was deleted, the children stayed)
// is listed with \NonExistent (extended LIST and IMAP4rev2) or \Noselect
// (plain IMAP4rev1 LIST), plus \HasChildren. CHILDREN and special-use
// attributes are always returned: they cost nothing here.
//
// Pure: folders in, entries out.
//
// SECURITY: patterns come from the peer (decoded, bounded by the parser);
// matching is O(pattern x name) with no backtracking blow-up.
#pragma once

#include "ImapMailboxArguments.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QString>

namespace mailstead::imap {

inline constexpr QChar hierarchyDelimiter = u'/';

// Whether `name` matches the list pattern (reference already applied).
bool imapListMatches(QStringView pattern, QStringView name);

struct ImapListFolder {
    QString name; // "INBOX" or a name with "/" between levels
    QString specialUse;
    bool subscribed = false;
};

struct ImapListEntry {
    QString name;
    QByteArrayList attributes;
    bool selectable = true; // a real folder (LIST-STATUS applies)
    // RECURSIVEMATCH: ("CHILDINFO" ("SUBSCRIBED")) extended data.
    bool childInfoSubscribed = false;
};

struct ImapListOptions {
    bool imap4rev2 = false; // \NonExistent rather than \Noselect
};

// LIST and LSUB: the entries in name order, INBOX first.
QList<ImapListEntry> imapListMailboxes(const QList<ImapListFolder> &folders,
                                       const ImapListArguments &arguments,
                                       const ImapListOptions &options = {});

// The "* LIST (...) "/" name" line (without extended data for STATUS,
// which the session writes apart); lsub writes "* LSUB".
QByteArray imapListLine(const ImapListEntry &entry, bool lsub, bool utf8);

} // namespace mailstead::imap
