// ImapResponse.cpp - status responses, response codes, continuations
//
// RFC 9051 sections 7.1 and 7.5 and the extensions listed in ImapResponse.h.
//
// SECURITY: text and codes are sanitized to printable ASCII on output.

#include "ImapResponse.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

// TEXT-CHAR minus 8-bit: server texts are English; anything else a text
// may quote from a peer becomes '?'.
char printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 32 && u <= 126) ? c : '?';
}

void appendText(QByteArray &out, QByteArrayView text) {
    for (const char c : text)
        out += printable(c);
}

bool isTagChar(char c) {
    // tag = 1*<any ASTRING-CHAR except "+">
    const auto u = static_cast<unsigned char>(c);
    if (u <= 32 || u >= 127)
        return false;
    switch (c) {
    case '(':
    case ')':
    case '{':
    case '%':
    case '*':
    case '"':
    case '\\':
    case '+':
        return false;
    default:
        return true;
    }
}

QByteArrayView genericText(ImapStatusResponse::Kind kind) {
    switch (kind) {
    case ImapStatusResponse::Kind::None:
    case ImapStatusResponse::Kind::Ok:
        return "Completed";
    case ImapStatusResponse::Kind::No:
        return "Failed";
    case ImapStatusResponse::Kind::Bad:
        return "Invalid command";
    case ImapStatusResponse::Kind::PreAuth:
        return "Logged in";
    case ImapStatusResponse::Kind::Bye:
        return "Logging out";
    }
    return "Completed";
}

QByteArrayView kindName(ImapStatusResponse::Kind kind) {
    switch (kind) {
    case ImapStatusResponse::Kind::None:
    case ImapStatusResponse::Kind::Ok:
        return "OK";
    case ImapStatusResponse::Kind::No:
        return "NO";
    case ImapStatusResponse::Kind::Bad:
        return "BAD";
    case ImapStatusResponse::Kind::PreAuth:
        return "PREAUTH";
    case ImapStatusResponse::Kind::Bye:
        return "BYE";
    }
    return "OK";
}

ImapStatusResponse make(ImapStatusResponse::Kind kind, const QByteArray &text,
                        QByteArrayView code) {
    ImapStatusResponse response;
    response.kind = kind;
    response.text = text;
    response.code = code.toByteArray();
    return response;
}

QByteArray flagList(const QByteArrayList &items) {
    return '(' + items.join(' ') + ')';
}

} // namespace

ImapStatusResponse ImapStatusResponse::ok(const QByteArray &text, QByteArrayView code) {
    return make(Kind::Ok, text, code);
}
ImapStatusResponse ImapStatusResponse::no(const QByteArray &text, QByteArrayView code) {
    return make(Kind::No, text, code);
}
ImapStatusResponse ImapStatusResponse::bad(const QByteArray &text, QByteArrayView code) {
    return make(Kind::Bad, text, code);
}
ImapStatusResponse ImapStatusResponse::bye(const QByteArray &text, QByteArrayView code) {
    return make(Kind::Bye, text, code);
}
ImapStatusResponse ImapStatusResponse::preAuth(const QByteArray &text, QByteArrayView code) {
    return make(Kind::PreAuth, text, code);
}

QByteArray ImapStatusResponse::toWire(QByteArrayView tag) const {
    QByteArray out;
    bool validTag = !tag.isEmpty() && tag.size() <= 1024;
    for (const char c : tag)
        validTag = validTag && isTagChar(c);
    // PREAUTH and BYE are untagged only (RFC 9051 section 7.1.4, 7.1.5).
    if (validTag && kind != Kind::PreAuth && kind != Kind::Bye)
        out += tag;
    else
        out += '*';
    out += ' ';
    out += kindName(kind);
    out += ' ';
    if (!code.isEmpty()) {
        out += '[';
        // A code is an atom with an optional argument; no ']' inside.
        for (const char c : code)
            out += c == ']' ? '?' : printable(c);
        out += "] "_ba;
    }
    const QByteArrayView body = text.isEmpty() ? genericText(kind) : QByteArrayView(text);
    // Without a code, text starting with '[' would be read as one.
    if (code.isEmpty() && body.startsWith('['))
        out += "- "_ba;
    appendText(out, body);
    out += "\r\n"_ba;
    return out;
}

bool operator==(const ImapStatusResponse &a, const ImapStatusResponse &b) {
    return a.kind == b.kind && a.code == b.code && a.text == b.text;
}

QByteArray imapContinuation(QByteArrayView text) {
    QByteArray out = "+ "_ba;
    if (text.startsWith('['))
        out += "- "_ba;
    appendText(out, text.isEmpty() ? QByteArrayView("OK") : text);
    out += "\r\n"_ba;
    return out;
}

QByteArray imapSaslChallenge(QByteArrayView challenge) {
    return "+ "_ba + challenge.toByteArray().toBase64() + "\r\n"_ba;
}

namespace responsecode {

QByteArray alert() {
    return "ALERT"_ba;
}
QByteArray alreadyExists() {
    return "ALREADYEXISTS"_ba;
}
QByteArray appendUid(quint32 uidValidity, quint32 uid) {
    return "APPENDUID "_ba + QByteArray::number(uidValidity) + ' ' + QByteArray::number(uid);
}
QByteArray appendUid(quint32 uidValidity, const ImapSequenceSet &uids) {
    return "APPENDUID "_ba + QByteArray::number(uidValidity) + ' ' + formatSequenceSet(uids);
}
QByteArray authenticationFailed() {
    return "AUTHENTICATIONFAILED"_ba;
}
QByteArray authorizationFailed() {
    return "AUTHORIZATIONFAILED"_ba;
}
QByteArray badCharset(const QByteArrayList &supported) {
    return supported.isEmpty() ? "BADCHARSET"_ba : "BADCHARSET "_ba + flagList(supported);
}
QByteArray cannot() {
    return "CANNOT"_ba;
}
QByteArray capability(const QByteArrayList &capabilities) {
    return "CAPABILITY "_ba + capabilities.join(' ');
}
QByteArray clientBug() {
    return "CLIENTBUG"_ba;
}
QByteArray closed() {
    return "CLOSED"_ba;
}
QByteArray contactAdmin() {
    return "CONTACTADMIN"_ba;
}
QByteArray copyUid(quint32 uidValidity, const QList<quint32> &source,
                   const QList<quint32> &destination) {
    return "COPYUID "_ba + QByteArray::number(uidValidity) + ' ' + formatSequenceValues(source) +
           ' ' + formatSequenceValues(destination);
}
QByteArray corruption() {
    return "CORRUPTION"_ba;
}
QByteArray expired() {
    return "EXPIRED"_ba;
}
QByteArray expungeIssued() {
    return "EXPUNGEISSUED"_ba;
}
QByteArray hasChildren() {
    return "HASCHILDREN"_ba;
}
QByteArray highestModSeq(quint64 modSeq) {
    return "HIGHESTMODSEQ "_ba + QByteArray::number(modSeq);
}
QByteArray inUse() {
    return "INUSE"_ba;
}
QByteArray limit() {
    return "LIMIT"_ba;
}
QByteArray modified(const ImapSequenceSet &set) {
    return "MODIFIED "_ba + formatSequenceSet(set);
}
QByteArray noModSeq() {
    return "NOMODSEQ"_ba;
}
QByteArray noPerm() {
    return "NOPERM"_ba;
}
QByteArray nonExistent() {
    return "NONEXISTENT"_ba;
}
QByteArray notSaved() {
    return "NOTSAVED"_ba;
}
QByteArray overQuota() {
    return "OVERQUOTA"_ba;
}
QByteArray parse() {
    return "PARSE"_ba;
}
QByteArray permanentFlags(const QByteArrayList &flags) {
    return "PERMANENTFLAGS "_ba + flagList(flags);
}
QByteArray privacyRequired() {
    return "PRIVACYREQUIRED"_ba;
}
QByteArray readOnly() {
    return "READ-ONLY"_ba;
}
QByteArray readWrite() {
    return "READ-WRITE"_ba;
}
QByteArray serverBug() {
    return "SERVERBUG"_ba;
}
QByteArray tooBig() {
    return "TOOBIG"_ba;
}
QByteArray tryCreate() {
    return "TRYCREATE"_ba;
}
QByteArray uidNext(quint32 uid) {
    return "UIDNEXT "_ba + QByteArray::number(uid);
}
QByteArray uidNotSticky() {
    return "UIDNOTSTICKY"_ba;
}
QByteArray uidValidity(quint32 uidValidity) {
    return "UIDVALIDITY "_ba + QByteArray::number(uidValidity);
}
QByteArray unavailable() {
    return "UNAVAILABLE"_ba;
}
QByteArray unseen(quint32 sequenceNumber) {
    return "UNSEEN "_ba + QByteArray::number(sequenceNumber);
}
QByteArray useAttr() {
    return "USEATTR"_ba;
}

} // namespace responsecode

} // namespace mailstead::imap
