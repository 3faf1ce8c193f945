// ImapResponseFormat.cpp - strings, mailbox names and flag lists in
// responses
//
// RFC 9051 sections 4.3, 4.3.1, 4.5, 5.1, 5.1.3; RFC 3516; RFC 6855.
//
// SECURITY: data from the store, possibly sender-controlled; see the header.

#include "ImapResponseFormat.h"

#include "ImapMailboxName.h"
#include "ImapScanner.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

bool isQuotable(QByteArrayView value, const ImapStringOptions &options) {
    if (value.size() > maxQuotedOctets)
        return false;
    bool eightBit = false;
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0 || c == '\r' || c == '\n')
            return false;
        if (u >= 0x80)
            eightBit = true;
    }
    return !eightBit || (options.utf8 && isValidUtf8(value));
}

} // namespace

QByteArray imapString(QByteArrayView value, const ImapStringOptions &options) {
    if (isQuotable(value, options)) {
        QByteArray out;
        out.reserve(value.size() + 2);
        out += '"';
        for (const char c : value) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
        return out;
    }
    const bool hasNul = value.contains('\0');
    QByteArray out;
    out.reserve(value.size() + 24);
    if (hasNul && options.binary)
        out += '~';
    out += '{' + QByteArray::number(value.size()) + "}\r\n"_ba;
    if (hasNul && !options.binary) {
        for (const char c : value)
            out += c == '\0' ? ' ' : c;
    } else {
        out += value;
    }
    return out;
}

QByteArray imapAstring(QByteArrayView value, const ImapStringOptions &options) {
    bool atom = !value.isEmpty() && value.compare("NIL", Qt::CaseInsensitive) != 0;
    for (const char c : value)
        atom = atom && isAstringChar(c);
    return atom ? value.toByteArray() : imapString(value, options);
}

QByteArray imapNString(const std::optional<QByteArray> &value, const ImapStringOptions &options) {
    return value ? imapString(*value, options) : "NIL"_ba;
}

QByteArray imapMailbox(const QString &name, const ImapStringOptions &options) {
    if (name == u"INBOX"_s)
        return "INBOX"_ba;
    return imapAstring(encodeMailboxName(name, options.utf8), options);
}

QByteArray imapFlagList(const QByteArrayList &flags) {
    return '(' + flags.join(' ') + ')';
}

} // namespace mailstead::imap
