// ImapResponse.h - status responses (OK, NO, BAD, PREAUTH, BYE) with their
// response codes, and continuation requests, formatted for the wire
//
// RFC 9051 section 7.1 (status responses and response codes), section 7.5
// (command continuation request), RFC 3501 section 7.1 (the same for
// IMAP4rev1), RFC 5530 (CANNOT, LIMIT, NONEXISTENT, ... ), RFC 4315
// (APPENDUID, COPYUID), RFC 7162 (HIGHESTMODSEQ, NOMODSEQ, MODIFIED, CLOSED),
// RFC 7889 and RFC 4469 (TOOBIG), RFC 9208 (OVERQUOTA), RFC 6154 (USEATTR),
// RFC 5182 (NOTSAVED).
//
// SECURITY: text may quote what a peer sent; toWire() replaces every byte
// outside printable ASCII, so a response never carries a CR, an LF or a
// NUL, and a code never closes its brackets early.
#pragma once

#include "ImapSequenceSet.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>

namespace mailstead::imap {

struct ImapStatusResponse {
    enum class Kind : quint8 { None, Ok, No, Bad, PreAuth, Bye };

    Kind kind = Kind::None;
    QByteArray code; // "TRYCREATE", "UIDNEXT 4392"; without brackets; empty: none
    QByteArray text; // human-readable; empty: a generic text is written

    bool isNull() const { return kind == Kind::None; }

    static ImapStatusResponse ok(const QByteArray &text, QByteArrayView code = {});
    static ImapStatusResponse no(const QByteArray &text, QByteArrayView code = {});
    static ImapStatusResponse bad(const QByteArray &text, QByteArrayView code = {});
    static ImapStatusResponse bye(const QByteArray &text, QByteArrayView code = {});
    static ImapStatusResponse preAuth(const QByteArray &text, QByteArrayView code = {});

    // "A001 NO [TRYCREATE] No such mailbox\r\n"; an empty tag (or one that
    // is not a valid tag) writes an untagged "* ..." response.
    QByteArray toWire(QByteArrayView tag = {}) const;
};

bool operator==(const ImapStatusResponse &a, const ImapStatusResponse &b);

// "+ Ready for literal data\r\n" (RFC 9051 section 7.5); text is sanitized
// like status text.
QByteArray imapContinuation(QByteArrayView text = "OK");
// "+ <base64>\r\n" for a SASL challenge (RFC 9051 section 6.2.2); an empty
// challenge is "+ \r\n".
QByteArray imapSaslChallenge(QByteArrayView challenge);

// Response codes (RFC 9051 section 7.1 and the extensions above), without
// the brackets, for ImapStatusResponse::code.
namespace responsecode {
QByteArray alert();
QByteArray alreadyExists();
QByteArray appendUid(quint32 uidValidity, quint32 uid);
QByteArray appendUid(quint32 uidValidity, const ImapSequenceSet &uids);
QByteArray authenticationFailed();
QByteArray authorizationFailed();
QByteArray badCharset(const QByteArrayList &supported);
QByteArray cannot();
QByteArray capability(const QByteArrayList &capabilities);
QByteArray clientBug();
QByteArray closed();
QByteArray contactAdmin();
// COPYUID uidvalidity source-uids destination-uids: both in the order of the
// copy, so they are written as given, not sorted.
QByteArray copyUid(quint32 uidValidity, const QList<quint32> &source,
                   const QList<quint32> &destination);
QByteArray corruption();
QByteArray expired();
QByteArray expungeIssued();
QByteArray hasChildren();
QByteArray highestModSeq(quint64 modSeq);
QByteArray inUse();
QByteArray limit();
QByteArray modified(const ImapSequenceSet &set);
QByteArray noModSeq();
QByteArray noPerm();
QByteArray nonExistent();
QByteArray notSaved();
QByteArray overQuota();
QByteArray parse();
QByteArray permanentFlags(const QByteArrayList &flags);
QByteArray privacyRequired();
QByteArray readOnly();
QByteArray readWrite();
QByteArray serverBug();
QByteArray tooBig();
QByteArray tryCreate();
QByteArray uidNext(quint32 uid);
QByteArray uidNotSticky();
QByteArray uidValidity(quint32 uidValidity);
QByteArray unavailable();
QByteArray unseen(quint32 sequenceNumber);
QByteArray useAttr();
} // namespace responsecode

} // namespace mailstead::imap
