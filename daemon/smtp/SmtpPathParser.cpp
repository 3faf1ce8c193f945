// SmtpPathParser.cpp - MAIL/RCPT path syntax
//
// RFC 5321 sections 4.1.2, 4.1.3, 4.1.1.3, 4.5.3.1.3 and appendix C;
// RFC 6531 section 3.3; mailbox and domain rules come from
// shared/validation/Address.h.
//
// SECURITY: untrusted peer text; linear work, no allocation beyond the
// (already length-limited) line.

#include "SmtpPathParser.h"

#include "validation/Address.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

bool isContinuation(unsigned char c) {
    return (c & 0xc0) == 0x80;
}

SmtpPathParse pathFailure(QByteArrayView error) {
    SmtpPathParse result;
    result.error = error.toByteArray();
    return result;
}

// Index of the '>' closing the path that opens at text[0], skipping a
// quoted local part (RFC 5321 section 4.1.2 Quoted-string may contain '>').
qsizetype findPathEnd(QByteArrayView text) {
    bool inQuote = false;
    for (qsizetype i = 1; i < text.size(); ++i) {
        const char c = text[i];
        if (inQuote) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inQuote = false;
        } else if (c == '"') {
            inQuote = true;
        } else if (c == '>') {
            return i;
        }
    }
    return -1;
}

// RFC 5321 section 4.1.2 allows no white space in a path except inside a
// Quoted-string local part.
bool hasBlankOutsideQuotes(QByteArrayView text) {
    bool inQuote = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inQuote) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inQuote = false;
        } else if (c == '"') {
            inQuote = true;
        } else if (isBlank(c)) {
            return true;
        }
    }
    return false;
}

// The '@' between local part and domain: the last one after a leading
// Quoted-string (whose own '@'s belong to the local part).
qsizetype findSeparator(QStringView mailbox) {
    qsizetype quotedEnd = 0;
    if (mailbox.startsWith(u'"')) {
        qsizetype i = 1;
        for (; i < mailbox.size(); ++i) {
            if (mailbox[i] == u'\\')
                ++i;
            else if (mailbox[i] == u'"')
                break;
        }
        quotedEnd = i;
    }
    const qsizetype at = mailbox.lastIndexOf(u'@');
    return at >= quotedEnd ? at : -1;
}

bool isAsciiCaseInsensitive(QByteArrayView text, QByteArrayView expected) {
    return text.size() == expected.size() &&
           qstrnicmp(text.data(), expected.data(), size_t(text.size())) == 0;
}

// A-d-l = At-domain *( "," At-domain ); At-domain = "@" Domain.
bool parseSourceRoute(QByteArrayView route, QStringList *domains) {
    qsizetype from = 0;
    while (from <= route.size()) {
        qsizetype comma = route.indexOf(',', from);
        if (comma < 0)
            comma = route.size();
        const QByteArrayView hop = route.sliced(from, comma - from);
        if (hop.size() < 2 || hop.front() != '@')
            return false;
        const DomainName domain =
            parseDomain(QString::fromUtf8(hop.sliced(1)), /*allowSingleLabel=*/true);
        if (!domain.ok)
            return false;
        domains->append(domain.ace);
        from = comma + 1;
    }
    return true;
}

bool parseIpv4(QStringView text, QString *canonical) {
    const auto parts = text.split(u'.');
    if (parts.size() != 4)
        return false;
    QStringList out;
    for (const QStringView part : parts) {
        // Snum = 1*3DIGIT representing a decimal integer value in 0..255
        if (part.isEmpty() || part.size() > 3)
            return false;
        int value = 0;
        for (const QChar c : part) {
            if (c < u'0' || c > u'9')
                return false;
            value = value * 10 + (c.unicode() - u'0');
        }
        if (value > 255)
            return false;
        out.append(QString::number(value));
    }
    *canonical = out.join(u'.');
    return true;
}

} // namespace

bool isValidUtf8(QByteArrayView text) {
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *end = p + text.size();
    while (p < end) {
        const unsigned char c = *p++;
        if (c < 0x80)
            continue;
        int more = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            more = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            more = 2;
            if (c == 0xe0)
                low = 0xa0; // overlong
            else if (c == 0xed)
                high = 0x9f; // surrogates
        } else if (c >= 0xf0 && c <= 0xf4) {
            more = 3;
            if (c == 0xf0)
                low = 0x90; // overlong
            else if (c == 0xf4)
                high = 0x8f; // past U+10FFFF
        } else {
            return false;
        }
        if (end - p < more)
            return false;
        if (p[0] < low || p[0] > high)
            return false;
        for (int i = 1; i < more; ++i) {
            if (!isContinuation(p[i]))
                return false;
        }
        p += more;
    }
    return true;
}

QString parseAddressLiteral(QStringView text) {
    if (text.size() < 3 || !text.startsWith(u'[') || !text.endsWith(u']'))
        return {};
    const QStringView inner = text.sliced(1, text.size() - 2);
    QString canonical;
    if (parseIpv4(inner, &canonical))
        return u'[' + canonical + u']';
    if (!inner.startsWith(u"IPv6:"_s, Qt::CaseInsensitive))
        return {};
    const QStringView ip = inner.sliced(5);
    for (const QChar c : ip) {
        const bool allowed = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') ||
                             (c >= u'A' && c <= u'F') || c == u':' || c == u'.';
        if (!allowed)
            return {}; // no scope ids, no brackets, no spaces
    }
    QHostAddress address;
    if (ip.isEmpty() || !address.setAddress(ip.toString()) ||
        address.protocol() != QAbstractSocket::IPv6Protocol) {
        return {};
    }
    return u"[IPv6:"_s + address.toString() + u']';
}

QString SmtpPath::address() const {
    switch (kind) {
    case Kind::Null:
        return {};
    case Kind::Postmaster:
        return localPart;
    case Kind::Mailbox:
        break;
    }
    return quoteLocalPartIfNeeded(localPart) + u'@' + domain;
}

SmtpPathParse parsePath(QByteArrayView text, PathRole role) {
    if (text.isEmpty() || text.front() != '<')
        return pathFailure("the address must be enclosed in angle brackets: <user@example.org>");
    const qsizetype close = findPathEnd(text);
    if (close < 0)
        return pathFailure("the address has no closing >");
    // RFC 5321 section 4.5.3.1.3: 256 octets including brackets and route.
    if (close + 1 > maxPathOctets)
        return pathFailure("the address is longer than 256 octets");

    QByteArrayView inner = text.sliced(1, close - 1);
    SmtpPathParse result;
    result.consumed = close + 1;

    if (hasBlankOutsideQuotes(inner))
        return pathFailure("the address contains a space outside quotes");
    if (!isValidUtf8(inner))
        return pathFailure("the address is not valid UTF-8");
    if (inner.isEmpty()) {
        if (role == PathRole::ForwardPath)
            return pathFailure("a recipient address cannot be empty");
        return result; // "<>": the null reverse-path, Kind::Null
    }

    if (inner.front() == '@') {
        const qsizetype colon = inner.indexOf(':');
        if (colon < 0 || !parseSourceRoute(inner.first(colon), &result.path.sourceRoute))
            return pathFailure("the source route before the address is malformed");
        inner = inner.sliced(colon + 1);
        if (inner.isEmpty())
            return pathFailure("the address after the source route is empty");
    }

    for (const char c : inner) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            result.path.utf8 = true;
            break;
        }
    }
    const QString mailbox = QString::fromUtf8(inner);
    result.path.written = mailbox;

    if (isAsciiCaseInsensitive(inner, "postmaster")) {
        // RFC 5321 section 4.1.1.3: "<Postmaster>" without a domain must be
        // accepted as a recipient; it names no sender.
        if (role == PathRole::ReversePath)
            return pathFailure("the sender address has no domain");
        result.path.kind = SmtpPath::Kind::Postmaster;
        result.path.localPart = mailbox;
        return result;
    }

    const qsizetype at = findSeparator(mailbox);
    if (at < 0)
        return pathFailure("the address has no @domain");
    const QString writtenLocal = mailbox.left(at);
    const QString writtenDomain = mailbox.mid(at + 1);

    MailAddress address;
    if (writtenDomain.startsWith(u'[')) {
        const QString literal = parseAddressLiteral(writtenDomain);
        if (literal.isEmpty())
            return pathFailure("the address literal after @ is not a valid IPv4 or IPv6 address");
        // The shared validator refuses literals, so it checks the local part
        // against a placeholder domain; the path length was checked above.
        address = parseAddress(writtenLocal + u"@literal.invalid"_s);
        address.domain = literal;
        address.domainUnicode = literal;
        result.path.domainIsLiteral = true;
    } else {
        address = parseAddress(mailbox);
    }
    if (!address.ok)
        return pathFailure(address.error.toUtf8());

    SmtpPath &path = result.path;
    path.kind = SmtpPath::Kind::Mailbox;
    path.localPart = address.localPart;
    path.domain = address.domain;
    path.domainUnicode = address.domainUnicode;
    path.quotedLocalPart = writtenLocal.startsWith(u'"');
    path.hasPercentHack = path.localPart.contains(u'%');
    path.hasBangPath = path.localPart.contains(u'!');
    path.localPartHasAt = path.localPart.contains(u'@');
    return result;
}

} // namespace mailstead::smtp
