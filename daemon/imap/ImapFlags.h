// ImapFlags.h - message flags between the store and the IMAP wire
//
// RFC 9051 section 2.3.2 (system flags \Seen \Answered \Flagged \Deleted
// \Draft, keywords, "\*" in PERMANENTFLAGS), section 7.1 (PERMANENTFLAGS),
// section 9 (flag, flag-keyword, flag-extension); RFC 3501 section 2.3.2
// (\Recent, IMAP4rev1 only). Keywords are atoms kept with the case the
// first client wrote; system flags are matched case-insensitively.
//
// SECURITY: keywords come from clients (STORE, APPEND) and are stored
// as given; imapParseFlags accepts only flags the grammar allows, so a
// stored keyword is always an atom and can be written back unquoted.
#pragma once

#include "store/StoreTypes.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QStringList>

namespace mailstead::imap {

// "(\Seen \Flagged $Forwarded)": system flags in a fixed order, then the
// keywords as stored; recent adds "\Recent" (IMAP4rev1 sessions only).
QByteArray imapFlagList(store::MessageFlags flags, const QStringList &keywords,
                        bool recent = false);

// The flags of STORE or APPEND as parsed. System flags are recognized in
// any case; other atoms become keywords (duplicates, in any case, dropped).
// False for \Recent (RFC 9051 section 6.4.6: clients cannot set it), for an
// unknown "\X" flag extension and for a keyword that is not an atom.
bool imapParseFlags(const QByteArrayList &flags, store::MessageFlags *system,
                    QStringList *keywords);

// The PERMANENTFLAGS list for a folder: the five system flags, the
// keywords already used in it, and "\*" (new keywords may be created).
QByteArrayList imapPermanentFlags(const QStringList &folderKeywords);

} // namespace mailstead::imap
