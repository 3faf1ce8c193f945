// DkimSigner.h - signs a message for one domain: bytes in, DKIM-Signature out
//
// RFC 6376 signing with c=relaxed/relaxed (section 3.4), the whole body (no
// l= tag), SHA-256 body hash (bh=, section 3.7) and either rsa-sha256 or
// ed25519-sha256 (RFC 8463). sign() returns the DKIM-Signature header field,
// folded, ending in CRLF, for the caller to put in front of the message it
// sends unchanged (an MTA adds its own trace fields above it later).
//
// Signed header fields (h=, section 5.4): From and the fields that carry the
// meaning of a message - To, Cc, Subject, Date, Message-ID, Reply-To,
// In-Reply-To, References, Sender, MIME-Version and the Content-* fields -
// are always listed, once more than they occur ("oversigning", section
// 8.15): a copy added in transit, say a second From, then breaks the
// signature instead of slipping past it. List-*, Resent-* and a few others
// are signed the same way when the message has them. Other fields (trace
// fields above all) are left out, as they change in transit.
//
// Pure and thread safe: no I/O, no clock (the caller gives t=), one key
// shared by copies; the outbound queue may sign on a worker pool.
//
// SECURITY: the message comes from an authenticated submitter; parsing is
// linear and total (DkimCanonicalization.h). The domain and selector come
// from the key store and are checked again before they are written into a
// header field, so a stray character cannot inject tags or lines.
#pragma once

#include "DkimKey.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

namespace mailstead::dkim {

// RFC 5322 section 2.1.1: lines should stay within 78 characters.
inline constexpr qsizetype maxSignatureLineLength = 78;

struct DkimSignResult {
    QByteArray header; // "DKIM-Signature: ...\r\n"; empty on failure
    QString error;

    bool ok() const { return error.isEmpty(); }
};

// RFC 6376 section 3.1: a selector is one or more DNS labels of letters,
// digits and hyphens.
bool isValidSelector(const QString &selector);

class DkimSigner {
public:
    // domain: the signing domain (d=) as an A-label.
    DkimSigner(DkimPrivateKey key, QString domain, QString selector);

    const QString &domain() const { return m_domain; }
    const QString &selector() const { return m_selector; }
    DkimAlgorithm algorithm() const { return m_key.algorithm(); }

    // signingTime: Unix seconds for the t= tag. Fails on a message without
    // a From field (RFC 6376 section 5.4 requires signing it) and on a bad
    // domain, selector or key.
    DkimSignResult sign(const QByteArray &message, qint64 signingTime) const;

    // Lower-case names listed in h= whether present or not, then those
    // listed only when present.
    static QByteArrayList alwaysSignedFields();
    static QByteArrayList signedWhenPresentFields();

private:
    DkimPrivateKey m_key;
    QString m_domain;
    QString m_selector;
};

} // namespace mailstead::dkim
