// ImapCommand.h - a parsed IMAP command: tag, name, UID prefix and typed
// arguments
//
// The values ImapCommandParser produces and the IMAP session consumes.
// RFC 9051 section 6 (the commands), RFC 3501 section 6 (IMAP4rev1: CHECK,
// LSUB), RFC 4959 (SASL-IR), RFC 5161 (ENABLE), RFC 2971 (ID), RFC 2342
// (NAMESPACE), RFC 2177 (IDLE), RFC 3691 (UNSELECT), RFC 4315 (UID EXPUNGE),
// RFC 6851 (MOVE), RFC 9208 (GETQUOTA, GETQUOTAROOT); argument grammars in
// ImapMailboxArguments.h, ImapFetchArguments.h, ImapSearchArguments.h,
// ImapStoreArguments.h.
//
// SECURITY: every field holds peer-controlled data that passed the syntax
// checks of the parser; none of it has been checked against the session
// state, the store or the user's rights: that is the session's job.
#pragma once

#include "ImapFetchArguments.h"
#include "ImapMailboxArguments.h"
#include "ImapSearchArguments.h"
#include "ImapSequenceSet.h"
#include "ImapStoreArguments.h"

#include <optional>
#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QPair>
#include <QString>
#include <variant>

namespace mailstead::imap {

enum class ImapCommandName : quint8 {
    Unknown,
    Capability,
    Noop,
    Logout,
    StartTls,
    Authenticate,
    Login,
    Enable,
    Id,
    Namespace,
    Select,
    Examine,
    Create,
    Delete,
    Rename,
    Subscribe,
    Unsubscribe,
    List,
    Lsub,
    Status,
    Append,
    Idle,
    Check,
    Close,
    Unselect,
    Expunge, // "UID EXPUNGE" has uid set
    Search,
    Fetch,
    Store,
    Copy,
    Move,
    GetQuota,
    GetQuotaRoot,
};

// "CAPABILITY", "UID"-less names as the client writes them; "" for Unknown.
QByteArrayView commandName(ImapCommandName name);

struct ImapAuthenticateArguments {
    QByteArray mechanism; // upper case ("PLAIN")
    // SASL-IR (RFC 4959): the initial response, base64-decoded; "=" is an
    // empty response.
    bool hasInitialResponse = false;
    QByteArray initialResponse;
};

struct ImapLoginArguments {
    QByteArray user; // astring octets (UTF-8 in practice)
    QByteArray password;
};

struct ImapEnableArguments {
    QByteArrayList capabilities; // upper case, as atoms
};

struct ImapIdArguments {
    // RFC 2971 section 3.3: NIL, or field/value pairs; a value may be NIL.
    bool nil = true;
    QList<QPair<QByteArray, std::optional<QByteArray>>> fields;
};

// DELETE, SUBSCRIBE, UNSUBSCRIBE, GETQUOTAROOT
struct ImapMailboxArgument {
    QString mailbox;
};

struct ImapRenameArguments {
    QString from;
    QString to;
};

// COPY, MOVE (RFC 6851), with or without UID
struct ImapCopyArguments {
    ImapSequenceSet set;
    QString mailbox;
};

// UID EXPUNGE (RFC 4315 section 2.1)
struct ImapUidExpungeArguments {
    ImapSequenceSet uids;
};

// GETQUOTA (RFC 9208 section 4.2): a quota root name, as sent
struct ImapQuotaRootArgument {
    QByteArray root;
};

using ImapArguments =
    std::variant<std::monostate, ImapAuthenticateArguments, ImapLoginArguments, ImapEnableArguments,
                 ImapIdArguments, ImapMailboxArgument, ImapRenameArguments, ImapSelectArguments,
                 ImapCreateArguments, ImapListArguments, ImapStatusArguments, ImapAppendArguments,
                 ImapSearchArguments, ImapFetchArguments, ImapStoreArguments, ImapCopyArguments,
                 ImapUidExpungeArguments, ImapQuotaRootArgument>;

struct ImapCommand {
    QByteArray tag; // empty when the line has no valid tag (answer "*")
    ImapCommandName name = ImapCommandName::Unknown;
    bool uid = false; // UID FETCH/SEARCH/STORE/COPY/MOVE/EXPUNGE
    ImapArguments arguments;

    template <typename T> const T *as() const { return std::get_if<T>(&arguments); }
};

} // namespace mailstead::imap
