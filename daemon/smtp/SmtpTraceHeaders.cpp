// SmtpTraceHeaders.cpp - Return-Path, Delivered-To and Received
//
// RFC 5321 section 4.4, RFC 5322 sections 3.3 and 3.6.7, RFC 3848,
// RFC 6531 section 3.7.3, RFC 8314 section 7.4.
//
// SECURITY: peer-supplied names are sanitized (see SmtpTraceHeaders.h).
#include "SmtpTraceHeaders.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

// Printable ASCII without the characters that open or close a comment or
// an address, or end a clause list; everything else becomes '?'.
QByteArray sanitized(const QString &text, bool allowUtf8, QByteArrayView forbidden) {
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        const bool printable = u > 32 && u < 127 && !forbidden.contains(c);
        out += (printable || (allowUtf8 && u >= 0x80)) ? c : '?';
    }
    return out;
}

QByteArray heloText(const QString &helo) {
    return sanitized(helo, false, "()\\;<>\"");
}

QByteArray addressText(const QString &address, bool utf8) {
    // Quoted local parts may contain blanks and quotes; keep them.
    const QByteArray raw = address.toUtf8();
    QByteArray out;
    out.reserve(raw.size());
    for (const char c : raw) {
        const auto u = static_cast<unsigned char>(c);
        const bool ok = (u >= 32 && u < 127 && c != '<' && c != '>') || (utf8 && u >= 0x80);
        out += ok ? c : '?';
    }
    return out;
}

// RFC 8314 section 7.4: tls-cipher-std = ALPHA *(ALPHA / DIGIT / "_"),
// the IANA name. OpenSSL names TLS 1.2 suites differently ("ECDHE-RSA-...");
// those go into the comment only.
bool isIanaCipherName(const QString &name) {
    if (name.isEmpty() || !name.at(0).isLetter() || name.at(0).unicode() > 127)
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok =
            (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '_';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

QByteArray headerDate(const QDateTime &date) {
    const QDateTime when = date.isValid() ? date : QDateTime::currentDateTime();
    const int offset = when.offsetFromUtc();
    const int minutes = qAbs(offset) / 60;
    const QString zone =
        QString::asprintf("%c%02d%02d", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
    return QLocale::c().toString(when, u"ddd, d MMM yyyy hh:mm:ss "_s).toLatin1() + zone.toLatin1();
}

QString protocolName(bool esmtp, bool tls, bool utf8, bool authenticated) {
    // RFC 3848 section 3: "A" after the name for an authenticated session
    // (ESMTPA, ESMTPSA), as RFC 6531 section 3.7.3 does for UTF8SMTP.
    const QString suffix = authenticated ? u"A"_s : QString();
    if (utf8)
        return (tls ? u"UTF8SMTPS"_s : u"UTF8SMTP"_s) + suffix;
    if (!esmtp)
        return u"SMTP"_s; // RFC 3848 registers no name for HELO over TLS or with AUTH
    return (tls ? u"ESMTPS"_s : u"ESMTP"_s) + suffix;
}

QString addressLiteral(const QHostAddress &address) {
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return u'[' + QHostAddress(v4).toString() + u']';
    QHostAddress plain = address;
    plain.setScopeId({});
    return u"[IPv6:"_s + plain.toString() + u']';
}

QByteArray deliveredToHeader(const QString &mailbox, bool utf8) {
    return "Delivered-To: " + addressText(mailbox, utf8) + "\r\n";
}

qsizetype returnPathLength(const QByteArray &traceHeaders) {
    const qsizetype end = traceHeaders.indexOf("\r\n");
    return end < 0 ? 0 : end + 2;
}

QByteArray traceHeaders(const TraceInfo &info) {
    QByteArray out;
    out.reserve(512);
    out += "Return-Path: <" + addressText(info.returnPath, info.utf8) + ">\r\n";
    if (!info.deliveredTo.isEmpty())
        out += deliveredToHeader(info.deliveredTo, info.utf8);

    const QByteArray literal = addressLiteral(info.peerAddress).toLatin1();
    const QByteArray peerName =
        info.peerName.isEmpty() ? literal : sanitized(info.peerName, false, "()\\;<>\"[]");
    QByteArray helo = heloText(info.heloName);
    if (helo.isEmpty())
        helo = literal; // no HELO at all cannot happen before MAIL; stay well-formed anyway
    out += "Received: from " + helo + " (" + peerName + ' ' + literal + ")\r\n";
    out += "\tby " + sanitized(info.hostname, false, "()\\;<>\"") + " (Mailstead) with " +
           info.protocol.toLatin1() + " id " + info.queueId.toLatin1();
    if (!info.forRecipient.isEmpty())
        out += "\r\n\tfor <" + addressText(info.forRecipient, info.utf8) + '>';
    if (!info.tlsProtocol.isEmpty()) {
        const QByteArray version = sanitized(info.tlsProtocol, false, "()\\;");
        const QByteArray cipher = sanitized(info.tlsCipher, false, "()\\;");
        if (isIanaCipherName(info.tlsCipher))
            out += "\r\n\ttls " + cipher + " (" + version + ')';
        else
            out += "\r\n\t(using " + version + " with cipher " + cipher + ')';
    }
    out += ";\r\n\t" + headerDate(info.date) + "\r\n";
    return out;
}

} // namespace mailstead::smtp
