// ImapSearchEngine.h - evaluating a SEARCH program over a selected folder
//
// RFC 9051 section 6.4.4 (every search key; AND of a list, OR, NOT;
// sequence sets and UID sets with "*"; dates compare the internal date or
// the Date: header's date, both ignoring time and timezone; LARGER and
// SMALLER compare RFC822.SIZE; string keys are case-insensitive substring
// matches of decoded text), RFC 3501 section 6.4.4 (NEW, OLD, RECENT:
// this store keeps no \Recent, so RECENT and NEW match nothing and OLD
// every message), RFC 5182 ("$": the saved result), RFC 7162 section
// 3.1.5 (MODSEQ key; the highest mod-sequence of the matches is reported).
//
// Order of work: keys the index row answers (flags, UIDs, sizes, dates,
// modseq) are evaluated first for every message; BODY, TEXT, SUBJECT,
// FROM, TO, CC and BCC ask the full-text index (MailboxReader::searchText)
// once per key for the whole folder; only HEADER, SENT* and text searches
// the index cannot answer read message files, and only for messages that
// the cheap keys have not already decided.
//
// SECURITY: the program is peer-controlled but bounded by the parser
// (ImapLimits::maxSearchDepth, maxSearchKeys); strings longer than
// store::maxSearchTextChars are refused with NO [LIMIT]. Message files are
// untrusted mail, parsed within MimeLimits.
#pragma once

#include "ImapResponse.h"
#include "ImapSearchArguments.h"
#include "store/StoreTypes.h"

#include <QList>

namespace mailstead::store {
class MailboxReader;
}

namespace mailstead::imap {

struct ImapSearchInput {
    const ImapSearchKey *program = nullptr;
    // The selected folder's messages as the session knows them: sequence
    // number = index + 1, ascending UIDs.
    const QList<store::MessageInfo> *messages = nullptr;
    // UIDs of the last SEARCH ... RETURN (SAVE) (RFC 5182), for "$".
    QList<quint32> savedUids;
    bool imap4rev2 = false;
};

struct ImapSearchOutput {
    bool ok = true;
    ImapStatusResponse failure; // the tagged NO/BAD when !ok
    QList<int> matches;         // indices into *messages, ascending
    quint64 highestModSeq = 0;  // over the matches (RFC 7162 section 3.1.5)
};

ImapSearchOutput imapSearch(const ImapSearchInput &input, store::MailboxReader &reader,
                            const store::FolderInfo &folder);

} // namespace mailstead::imap
