// ImapFlags.cpp - flag lists written and read
//
// RFC 9051 sections 2.3.2, 6.4.6, 7.1 and 9; RFC 3501 section 2.3.2.
//
// SECURITY: client flags are checked against the atom grammar before they
// become stored keywords.

#include "ImapFlags.h"

#include "ImapScanner.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

struct SystemFlag {
    store::MessageFlag flag;
    QByteArrayView name;
};

// RFC 9051 section 2.3.2, in the order FLAGS responses list them.
constexpr SystemFlag kSystemFlags[] = {
    {store::MessageFlag::Seen, "\\Seen"},       {store::MessageFlag::Answered, "\\Answered"},
    {store::MessageFlag::Flagged, "\\Flagged"}, {store::MessageFlag::Deleted, "\\Deleted"},
    {store::MessageFlag::Draft, "\\Draft"},
};

bool isAtom(QByteArrayView text) {
    if (text.isEmpty())
        return false;
    for (const char c : text)
        if (!isAtomChar(c))
            return false;
    return true;
}

} // namespace

QByteArray imapFlagList(store::MessageFlags flags, const QStringList &keywords, bool recent) {
    QByteArray out = "(";
    for (const SystemFlag &system : kSystemFlags) {
        if (!flags.testFlag(system.flag))
            continue;
        if (out.size() > 1)
            out += ' ';
        out += system.name;
    }
    if (recent) {
        if (out.size() > 1)
            out += ' ';
        out += "\\Recent";
    }
    for (const QString &keyword : keywords) {
        const QByteArray atom = keyword.toUtf8();
        if (!isAtom(atom))
            continue; // never stored by imapParseFlags; skip anything else
        if (out.size() > 1)
            out += ' ';
        out += atom;
    }
    out += ')';
    return out;
}

bool imapParseFlags(const QByteArrayList &flags, store::MessageFlags *system,
                    QStringList *keywords) {
    store::MessageFlags parsedSystem;
    QStringList parsedKeywords;
    for (const QByteArray &flag : flags) {
        if (flag.startsWith('\\')) {
            bool known = false;
            for (const SystemFlag &candidate : kSystemFlags) {
                if (flag.compare(candidate.name, Qt::CaseInsensitive) == 0) {
                    parsedSystem |= candidate.flag;
                    known = true;
                    break;
                }
            }
            if (!known)
                return false; // \Recent, \* or an unknown flag extension
            continue;
        }
        if (!isAtom(flag))
            return false;
        const QString keyword = QString::fromLatin1(flag);
        if (!parsedKeywords.contains(keyword, Qt::CaseInsensitive))
            parsedKeywords.append(keyword);
    }
    if (system)
        *system = parsedSystem;
    if (keywords)
        *keywords = parsedKeywords;
    return true;
}

QByteArrayList imapPermanentFlags(const QStringList &folderKeywords) {
    QByteArrayList out;
    for (const SystemFlag &system : kSystemFlags)
        out.append(system.name.toByteArray());
    for (const QString &keyword : folderKeywords) {
        const QByteArray atom = keyword.toUtf8();
        if (isAtom(atom) && !out.contains(atom))
            out.append(atom);
    }
    out.append("\\*"_ba);
    return out;
}

} // namespace mailstead::imap
