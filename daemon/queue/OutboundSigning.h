// OutboundSigning.h - which messages entering the queue get a DKIM
// signature, under which domain, and the signing itself
//
// RFC 6376 section 5 (a signer is the domain that takes responsibility for
// the message) and RFC 7489 section 3.1 (DMARC passes when d= is aligned
// with the header From's domain). The rules:
// - origin "submission" (an authenticated user; SMTP checked that the user
//   may write the From address): signed by the From domain's key.
// - origin "forward" (mail that arrived from anywhere and leaves through an
//   alias to an outside address): its From is somebody else's, so it is
//   never signed under the From domain; it is signed by the domain of the
//   alias it went through (d= not aligned with From, no DMARC claim: the
//   signature only says "this domain forwarded it", which receivers use
//   for the forwarder's reputation). When the From domain is that alias
//   domain itself, the message is an outsider using our domain and stays
//   unsigned: signing it would let a forged From pass DMARC.
// - origins "bounce" and "delay" (DSNs made here, From MAILER-DAEMON@the
//   host name): signed by the From domain's key when there is one, like a
//   submission: the queue wrote that From itself.
// - anything else: unsigned.
// No key for the chosen domain: sent unsigned, logged at debug.
//
// Signing happens once, before the message is made durable, so every retry
// sends the same signed bytes. signForQueue() is thread safe (the queue
// runs it on a worker pool: rsa-2048 costs a millisecond or two).
//
// SECURITY: the message and its From come from users or peers; the header
// block is parsed with bounded work, the domain is reduced to an A-label
// before it is looked up, and only keys of our own domains exist.
#pragma once

#include "QueueTypes.h"

#include <QByteArray>
#include <QString>

namespace mailstead::dkim {
class DkimSignerTable;
}

namespace mailstead::queue {

// The one From field's address domain as a lower-case A-label; empty when
// the message has no From, several From fields or no domain in it.
QString headerFromDomain(QByteArrayView message);

// The domain whose key signs, by the rules above; empty: unsigned.
QString signingDomainFor(const QString &origin, const QString &fromDomain,
                         const QList<QueueRecipientInput> &recipients);

bool isSignedOrigin(const QString &origin);

struct SigningOutcome {
    bool signedNow = false; // message holds the signed bytes
    QByteArray message;     // when signedNow: DKIM-Signature + the message
    QString domain;         // the signing domain, or empty
    QString note;           // why it was not signed (debug log), or a signing error
};

// Reads the message (bytes or spool file), picks the domain, signs when
// its key is in the table. signingTime: Unix seconds (t=).
SigningOutcome signForQueue(const dkim::DkimSignerTable &signers, const QString &origin,
                            const QList<QueueRecipientInput> &recipients,
                            const store::MessageData &message, qint64 signingTime);

// For messages the queue composes itself (bounces, delay notices): the
// signed bytes, or the message unchanged when there is no key.
QByteArray signComposed(const dkim::DkimSignerTable *signers, const QString &origin,
                        const QByteArray &message, qint64 signingTime);

} // namespace mailstead::queue
