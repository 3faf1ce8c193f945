// SmtpCommand.h - a parsed SMTP command: verb, path, parameters
//
// The values SmtpCommandParser produces and SmtpSession consumes. RFC 5321
// section 4.1.1 (commands), 4.1.2 (paths), RFC 1870 (SIZE), RFC 6152 and
// RFC 3030 (BODY, BDAT), RFC 6531 (SMTPUTF8), RFC 3461 (RET, ENVID, NOTIFY,
// ORCPT), RFC 4954 (AUTH, AUTH=).
//
// SECURITY: every field holds peer-controlled text that passed the syntax
// checks of the parser; none of it has been checked against policy (local
// domains, relaying, authentication): that is the session's job.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QFlags>
#include <QString>
#include <QStringList>

namespace mailstead::smtp {

enum class SmtpVerb : quint8 {
    Unknown,
    Ehlo,
    Helo,
    Mail,
    Rcpt,
    Data,
    Bdat,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Expn,
    Help,
    StartTls,
    Auth,
};

// "EHLO", "STARTTLS", ...; "" for Unknown.
QByteArrayView verbName(SmtpVerb verb);

// A reverse-path or forward-path (RFC 5321 section 4.1.2).
struct SmtpPath {
    enum class Kind : quint8 {
        Null,       // "<>": only a MAIL reverse-path may be null
        Postmaster, // "<Postmaster>" without a domain, RCPT only (section 4.1.1.3)
        Mailbox,
    };
    Kind kind = Kind::Null;

    // The mailbox as written, the source route removed ("user%x@example.org",
    // "\"a b\"@example.org"): for logs and trace headers.
    QString written;
    QString localPart;     // quotes removed, quoted-pairs resolved
    QString domain;        // lower-case A-labels, or a literal "[192.0.2.1]", "[IPv6:2001:db8::1]"
    QString domainUnicode; // U-labels, for display
    bool domainIsLiteral = false;

    // Domains of a stripped source route ("<@a,@b:user@d>"): RFC 5321
    // section 4.1.1.3 and appendix C let servers ignore the route, and we
    // do; it is reported for logging only and never used to route.
    QStringList sourceRoute;

    // Non-ASCII in local part or domain: needs the SMTPUTF8 parameter
    // (RFC 6531 section 3.4); without it the session answers 553 5.6.7.
    bool utf8 = false;
    // Relay syntax that some MTAs still interpret inside a local part. The
    // parser only reports it; a local part containing these never names a
    // local mailbox, so the session refuses it (RFC 5321 section 3.6.1
    // forbids open relays).
    bool hasPercentHack = false; // "user%other.example@here"
    bool hasBangPath = false;    // "other!user@here"
    bool quotedLocalPart = false;
    bool localPartHasAt = false; // "\"user@other\"@here"

    bool isNull() const { return kind == Kind::Null; }
    bool isPostmaster() const { return kind == Kind::Postmaster; }
    // "local@domain" with the local part quoted when it must be; "" for null.
    QString address() const;
};

enum class SmtpBodyType : quint8 { Unspecified, SevenBit, EightBitMime, BinaryMime };
enum class DsnReturn : quint8 { Unspecified, Full, Headers };

enum class DsnNotify : quint8 {
    Never = 0x1,
    Success = 0x2,
    Failure = 0x4,
    Delay = 0x8,
};
Q_DECLARE_FLAGS(DsnNotifyFlags, DsnNotify)
Q_DECLARE_OPERATORS_FOR_FLAGS(DsnNotifyFlags)

struct MailParameters {
    qint64 size = -1; // SIZE= (RFC 1870); -1: not given; saturates at the qint64 maximum
    SmtpBodyType body = SmtpBodyType::Unspecified;
    bool smtpUtf8 = false;
    DsnReturn ret = DsnReturn::Unspecified;
    QByteArray envelopeId; // ENVID= as sent (xtext, RFC 3461 section 4.4); empty: not given
    bool hasAuth = false;  // AUTH= given (RFC 4954 section 5)
    QByteArray auth;       // AUTH= value, xtext decoded: "<>" or an addr-spec
};

struct RcptParameters {
    DsnNotifyFlags notify; // empty: NOTIFY not given
    // ORCPT=addr-type;xtext (RFC 3461 section 4.2): the type as sent
    // ("rfc822", "utf-8") and the address still encoded, to be passed on
    // unchanged in a relayed RCPT or a DSN.
    QByteArray originalRecipientType;
    QByteArray originalRecipient;
};

struct SmtpCommand {
    SmtpVerb verb = SmtpVerb::Unknown;
    // The verb as sent for Unknown (for logs), upper-cased.
    QByteArray verbText;
    // Everything after the verb and its space, trailing blanks removed:
    // EHLO/HELO name, VRFY/EXPN/HELP/NOOP argument.
    QByteArray argument;

    // EHLO/HELO (RFC 5321 section 4.1.1.1)
    QString heloName;   // the argument as sent, UTF-8 decoded
    QString heloDomain; // A-labels or an address literal; empty when heloName is neither
    bool heloIsLiteral = false;

    // MAIL / RCPT
    SmtpPath path;
    MailParameters mail;
    RcptParameters rcpt;

    // BDAT (RFC 3030 section 2)
    qint64 chunkSize = 0;
    bool lastChunk = false;

    // AUTH (RFC 4954 section 4)
    QByteArray authMechanism;       // upper case
    QByteArray authInitialResponse; // base64 as sent; "=" for an empty response
    bool hasInitialResponse = false;
};

} // namespace mailstead::smtp
