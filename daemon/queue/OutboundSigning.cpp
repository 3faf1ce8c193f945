// OutboundSigning.cpp - From's domain, the signing rules, the signature on
// top of the message
//
// RFC 5322 section 3.6.2 (exactly one From; a mailbox-list: the first
// mailbox names the author domain, as RFC 7489 section 6.6.1 reads it),
// section 3.2.2 (comments and folding), RFC 6376 section 5.6 (the
// DKIM-Signature field is inserted at the top of the header), RFC 5321
// section 4.4 (a Return-Path is not sent on: it is removed before signing
// so the signature lands first). See OutboundSigning.h.
//
// SECURITY: see OutboundSigning.h.
#include "OutboundSigning.h"

#include "dkim/DkimCanonicalization.h"
#include "dkim/DkimSignerTable.h"
#include "OutboundContent.h"
#include "QueueLog.h"

#include <QFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

namespace {

// A From field longer than this is not looked at (no real one comes close).
constexpr qsizetype maxFromFieldOctets = 8 * 1024;
// Only the header block is parsed to find From.
constexpr qsizetype maxHeaderScanOctets = 256 * 1024;

// The value without comments "(...)" and quoted strings' contents, so an
// "@" or "<" inside a display name is not taken for the address.
QByteArray withoutCommentsAndQuotes(const QByteArray &value) {
    QByteArray out;
    int depth = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value.at(i);
        if (c == '\\' && (quoted || depth > 0)) {
            ++i;
            continue;
        }
        if (quoted) {
            if (c == '"')
                quoted = false;
            continue;
        }
        if (c == '(') {
            ++depth;
            continue;
        }
        if (depth > 0) {
            if (c == ')')
                --depth;
            continue;
        }
        if (c == '"') {
            quoted = true;
            continue;
        }
        out += c;
    }
    return out;
}

QString domainOfAddress(QString address) {
    const qsizetype at = address.lastIndexOf(u'@');
    if (at < 0)
        return QString();
    QString domain = address.mid(at + 1).trimmed();
    while (domain.endsWith(u'.'))
        domain.chop(1);
    if (domain.isEmpty() || domain.startsWith(u'['))
        return QString(); // an address literal has no key
    const QByteArray ace = QUrl::toAce(domain);
    return ace.isEmpty() ? QString() : QString::fromLatin1(ace).toLower();
}

} // namespace

QString headerFromDomain(QByteArrayView message) {
    const QByteArray header = headerBlock(message, maxHeaderScanOctets);
    const dkim::DkimMessageParts parts = dkim::splitMessage(header);
    QByteArray from;
    int count = 0;
    for (const dkim::DkimHeaderField &field : parts.headers) {
        if (field.name.trimmed().compare("from", Qt::CaseInsensitive) != 0)
            continue;
        ++count;
        from = field.field;
    }
    if (count != 1 || from.size() > maxFromFieldOctets)
        return QString();
    QByteArray value = from.mid(from.indexOf(':') + 1);
    value.replace("\r\n", " ").replace('\n', ' ');
    value = withoutCommentsAndQuotes(value);
    // The first mailbox: up to a comma outside angle brackets.
    QByteArray first;
    bool angle = false;
    for (const char c : std::as_const(value)) {
        if (c == '<')
            angle = true;
        else if (c == '>')
            angle = false;
        else if (c == ',' && !angle)
            break;
        first += c;
    }
    const qsizetype open = first.indexOf('<');
    if (open >= 0) {
        const qsizetype close = first.indexOf('>', open);
        first = first.mid(open + 1, close < 0 ? -1 : close - open - 1);
    }
    return domainOfAddress(QString::fromUtf8(first.trimmed()));
}

bool isSignedOrigin(const QString &origin) {
    return origin == u"submission"_s || origin == u"forward"_s || origin == u"bounce"_s ||
           origin == u"delay"_s;
}

QString signingDomainFor(const QString &origin, const QString &fromDomain,
                         const QList<QueueRecipientInput> &recipients) {
    if (origin == u"submission"_s || origin == u"bounce"_s || origin == u"delay"_s)
        return fromDomain;
    if (origin != u"forward"_s || recipients.isEmpty())
        return QString();
    const QString &alias = recipients.first().originalAddress.isEmpty()
                               ? recipients.first().address
                               : recipients.first().originalAddress;
    const QString aliasDomain = domainOfAddress(alias);
    if (aliasDomain.isEmpty() || aliasDomain == fromDomain)
        return QString();
    return aliasDomain;
}

SigningOutcome signForQueue(const dkim::DkimSignerTable &signers, const QString &origin,
                            const QList<QueueRecipientInput> &recipients,
                            const store::MessageData &message, qint64 signingTime) {
    SigningOutcome outcome;
    QByteArray bytes = message.bytes;
    if (!message.spoolPath.isEmpty()) {
        QFile file(message.spoolPath);
        if (!file.open(QIODevice::ReadOnly)) {
            outcome.note = u"cannot read "_s + message.spoolPath + u": "_s + file.errorString();
            return outcome;
        }
        bytes = file.readAll();
    }
    const QString fromDomain = headerFromDomain(bytes);
    outcome.domain = signingDomainFor(origin, fromDomain, recipients);
    if (outcome.domain.isEmpty()) {
        outcome.note = u"no signing domain for origin "_s + origin + u" (From domain \""_s +
                       fromDomain + u"\")"_s;
        return outcome;
    }
    const std::shared_ptr<const dkim::DkimSigner> signer = signers.find(outcome.domain);
    if (!signer) {
        outcome.note = u"no DKIM key for "_s + outcome.domain;
        return outcome;
    }
    QByteArray body = withoutReturnPath(bytes);
    const dkim::DkimSignResult result = signer->sign(body, signingTime);
    if (!result.ok()) {
        outcome.note = u"signing failed: "_s + result.error;
        return outcome;
    }
    outcome.signedNow = true;
    outcome.message = result.header + body;
    return outcome;
}

QByteArray signComposed(const dkim::DkimSignerTable *signers, const QString &origin,
                        const QByteArray &message, qint64 signingTime) {
    if (!signers)
        return message;
    const SigningOutcome outcome =
        signForQueue(*signers, origin, {}, store::MessageData::fromBytes(message), signingTime);
    if (!outcome.signedNow) {
        qCDebug(lcQueue).noquote() << origin << "sent unsigned:" << outcome.note;
        return message;
    }
    return outcome.message;
}

} // namespace mailstead::queue
