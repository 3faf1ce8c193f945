// SubmissionHeaders.h - what authenticated submission reads from and adds
// to a message's header: the From addresses, and Date and Message-ID when
// the client left them out
//
// RFC 6409 section 8.2 (add Date) and 8.3 (add Message-ID) when missing,
// RFC 5322 sections 3.6.1 (Date), 3.6.2 (From: one or more mailboxes),
// 3.6.4 (msg-id "<id-left@id-right>", the right side a domain the
// generator controls: our hostname). The session collects the start of the
// content (maxSubmissionHeaderBytes); this file parses it with the MIME
// parser and builds the lines to insert above it. Pure.
//
// SECURITY: the header is content from an authenticated user, still
// untrusted: the From addresses decide whether the user may send as them
// (RecipientDirectory::senderOwnership), so a From the parser cannot read
// counts as not owned (fromMalformed).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace mailstead::smtp {

struct SubmissionHeaderFacts {
    bool complete = false;      // the header section ended inside the captured bytes
    QStringList fromAddresses;  // addr-specs of every From field, local part quoted as needed
    bool fromMalformed = false; // a From field without a readable mailbox (or a group)
    bool hasDate = false;
    bool hasMessageId = false;
};

// head: the first octets of the content (at most maxSubmissionHeaderBytes);
// messageEnded: head is the whole message.
SubmissionHeaderFacts inspectSubmissionHeader(QByteArrayView head, bool messageEnded);

// The lines to insert above the client's header: "Date: ...\r\n" and
// "Message-ID: <idLeft@hostname>\r\n" for those missing; empty when none is.
QByteArray submissionHeaderAdditions(const SubmissionHeaderFacts &facts, const QString &hostname,
                                     const QString &idLeft, const QDateTime &now);

} // namespace mailstead::smtp
