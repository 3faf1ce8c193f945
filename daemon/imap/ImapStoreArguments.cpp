// ImapStoreArguments.cpp - STORE arguments
//
// RFC 9051 sections 6.4.6 and 9, RFC 7162 section 3.1.3.
//
// SECURITY: untrusted peer text through ImapScanner; linear.

#include "ImapStoreArguments.h"

#include "ImapScanner.h"

namespace mailstead::imap {

// store = "STORE" SP sequence-set [SP store-modifiers] SP store-att-flags
// store-modifiers = "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")"
// store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP
//                   (flag-list / (flag *(SP flag)))
bool parseStoreArguments(ImapScanner &s, ImapStoreArguments *out) {
    if (!s.sequenceSet(&out->set) || !s.space())
        return false;
    if (s.consume('(')) {
        if (s.peekAtomUpper() != "UNCHANGEDSINCE")
            return s.fail("Unknown STORE modifier");
        s.atomChars();
        quint64 modSeq = 0;
        if (!s.space() || !s.number64(&modSeq, "UNCHANGEDSINCE") ||
            !s.expect(')', "\")\" after UNCHANGEDSINCE") || !s.space())
            return false;
        out->unchangedSince = modSeq;
    }
    if (s.consume('+'))
        out->operation = ImapStoreArguments::Operation::Add;
    else if (s.consume('-'))
        out->operation = ImapStoreArguments::Operation::Remove;
    const QByteArray item = s.atomChars().toByteArray().toUpper();
    if (s.failed())
        return false;
    if (item == "FLAGS.SILENT")
        out->silent = true;
    else if (item != "FLAGS")
        return s.fail("Expected FLAGS, +FLAGS or -FLAGS (optionally .SILENT)");
    if (!s.space())
        return false;
    if (s.peek() == '(')
        return s.flagList(&out->flags) && s.end();
    while (true) {
        QByteArray flag;
        if (!s.flag(&flag))
            return false;
        out->flags.append(flag);
        if (!s.spaceBeforeMore())
            return s.end();
    }
}

} // namespace mailstead::imap
