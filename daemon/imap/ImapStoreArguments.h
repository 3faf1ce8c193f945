// ImapStoreArguments.h - the STORE argument grammar
//
// RFC 9051 section 6.4.6 (STORE: FLAGS, +FLAGS, -FLAGS, each with .SILENT),
// section 9 (store-att-flags: a flag list, or flags without parentheses),
// RFC 7162 section 3.1.3 (the UNCHANGEDSINCE modifier).
//
// SECURITY: peer-controlled values that passed the syntax checks; keywords
// are atoms, system flags canonical; \Recent and unknown system flags are
// refused by the parser.
#pragma once

#include "ImapSequenceSet.h"

#include <optional>
#include <QByteArrayList>

namespace mailstead::imap {

class ImapScanner;

struct ImapStoreArguments {
    enum class Operation : quint8 { Replace, Add, Remove }; // FLAGS, +FLAGS, -FLAGS

    ImapSequenceSet set;
    Operation operation = Operation::Replace;
    bool silent = false; // .SILENT: no untagged FETCH for the change
    QByteArrayList flags;
    std::optional<quint64> unchangedSince; // (UNCHANGEDSINCE n); 0 is allowed
};

// After "STORE SP" up to the end of the command.
bool parseStoreArguments(ImapScanner &s, ImapStoreArguments *out);

} // namespace mailstead::imap
