// SmtpTraceHeaders.h - the header lines the server puts on top of every
// message it accepts: Return-Path, Delivered-To and Received
//
// RFC 5321 section 4.4 (trace information: Received with from/by/with/id/
// for and a date, Return-Path at final delivery), RFC 5322 section 3.6.7
// (trace fields), section 3.3 (date-time), RFC 3848 and RFC 6531 section
// 3.7.3 (the "with" protocol names), RFC 8314 section 7.4 (the "tls" clause
// carrying the cipher suite), RFC 5321 section 4.1.3 (address literals).
// Delivered-To is Postfix's/qmail's loop-detection header: the mailbox the
// message was delivered to.
//
// Lines are CRLF-terminated and folded before 78 characters where the
// clauses allow it. Pure: values in, bytes out.
//
// SECURITY: the HELO name and the addresses come from the peer; anything
// outside printable ASCII (or UTF-8, for addresses under SMTPUTF8) and the
// characters that would end a comment or a clause are replaced by '?', so a
// peer can neither add header lines nor forge clauses.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QString>

namespace mailstead::smtp {

struct TraceInfo {
    QString returnPath;  // the MAIL FROM address; empty for the null path "<>"
    QString deliveredTo; // the one mailbox; empty: no Delivered-To line
    QString heloName;    // as sent by the client
    QString peerName;    // reverse DNS name (forward-confirmed); empty: unknown
    QHostAddress peerAddress;
    QString hostname; // ours
    QString protocol; // "ESMTP", "ESMTPS", "ESMTPSA", "UTF8SMTPS", ...
    QString queueId;
    QString forRecipient; // the one envelope recipient; empty: no "for" clause
    QString tlsProtocol;  // "TLSv1.3"; empty without TLS
    QString tlsCipher;    // "TLS_AES_256_GCM_SHA384"
    QDateTime date;
    bool utf8 = false; // SMTPUTF8 transaction: UTF-8 addresses allowed (RFC 6532)
};

// "Return-Path: <...>\r\n[Delivered-To: ...\r\n]Received: ...\r\n"
QByteArray traceHeaders(const TraceInfo &info);
// "Delivered-To: <mailbox>\r\n": for a message stored once per mailbox,
// inserted right after the Return-Path line (returnPathLength()).
QByteArray deliveredToHeader(const QString &mailbox, bool utf8);
qsizetype returnPathLength(const QByteArray &traceHeaders);

// The RFC 3848 / RFC 6531 "with" name for a session: "ESMTPSA" for an
// authenticated ESMTP session over TLS.
QString protocolName(bool esmtp, bool tls, bool utf8, bool authenticated = false);

// RFC 5322 section 3.3 date-time: "Sat, 28 Nov 2026 12:00:00 +0100"
// (the current time when date is invalid).
QByteArray headerDate(const QDateTime &date);

// "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321 section 4.1.3).
QString addressLiteral(const QHostAddress &address);

} // namespace mailstead::smtp
