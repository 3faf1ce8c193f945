// Address.cpp - mail address and domain validation shared by daemon, ctl and app
//
// RFC 5321 section 4.1.2 (Mailbox, Dot-string, Quoted-string, qtextSMTP,
// quoted-pairSMTP), RFC 5322 section 3.2.3 (atext), RFC 6531 section 3.3
// (UTF-8 in local parts), RFC 5321 section 4.5.3.1 (size limits), RFC 5890/
// 5891 via QUrl's UTS #46 processing for internationalized domain names.
//
// SECURITY: input is untrusted text (IPC clients today, SMTP peers later).
// Every function here is pure and total: no I/O, no exceptions, no asserts on
// input; the work done is linear in the input length.

#include "Address.h"

#include <iterator>
#include <QHostAddress>
#include <QStringList>
#include <QtNumeric>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace mailstead {

namespace {

// RFC 1035 allows 255 octets on the wire, which is 253 in text form (no
// leading length octet, no root label).
constexpr int maxDomainTextOctets = maxDomainOctets - 2;

// Bounds the work handed to QUrl::toAce for absurd inputs; a U-label can take
// several UTF-16 units per output octet, so this is deliberately generous.
constexpr int maxDomainInputChars = 4 * maxDomainOctets;

QString quoted(const QString &text) {
    return u'"' + text + u'"';
}

QString codePointName(char32_t c) {
    return u"U+"_s + QString::number(c, 16).toUpper().rightJustified(4, u'0');
}

// Finds the first character that never belongs in a mail address: C0/C1
// controls, DEL and unpaired surrogates. Returns -1 when there is none.
qsizetype findForbiddenCharacter(const QString &text, char32_t *codePoint) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate() || c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() < 0xa0)) {
            *codePoint = c.unicode();
            return i;
        }
    }
    return -1;
}

bool isAtextAscii(char16_t c) {
    // RFC 5322 section 3.2.3 atext
    if ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9'))
        return true;
    static constexpr QStringView specials = u"!#$%&'*+-/=?^_`{|}~";
    return specials.contains(QChar(c));
}

// RFC 6531 section 3.3 extends atext and qtextSMTP with UTF8-non-ascii;
// control characters were refused before we get here.
bool isNonAscii(char16_t c) {
    return c >= 0x80;
}

bool isQtextSmtp(char16_t c) {
    // RFC 5321 section 4.1.2: %d32-33 / %d35-91 / %d93-126
    return c == 32 || c == 33 || (c >= 35 && c <= 91) || (c >= 93 && c <= 126) || isNonAscii(c);
}

// Returns an empty string when localPart is a valid Dot-string, otherwise
// the reason why it is not.
QString dotStringError(const QString &localPart) {
    if (localPart.isEmpty())
        return u"the local part is empty"_s;
    if (localPart.startsWith(u'.'))
        return u"the local part "_s + quoted(localPart) + u" starts with a dot"_s;
    if (localPart.endsWith(u'.'))
        return u"the local part "_s + quoted(localPart) + u" ends with a dot"_s;
    if (localPart.contains(u".."_s))
        return u"the local part "_s + quoted(localPart) + u" has two dots in a row"_s;
    for (const QChar c : localPart) {
        const char16_t u = c.unicode();
        if (u != u'.' && !isAtextAscii(u) && !isNonAscii(u)) {
            return u"the local part "_s + quoted(localPart) + u" contains "_s + quoted(QString(c)) +
                   u", which is only allowed inside quotes"_s;
        }
    }
    return {};
}

struct LocalPartResult {
    QString value; // unquoted
    QString error;
};

// Parses the local part as written: a Dot-string or a Quoted-string.
LocalPartResult parseLocalPart(const QString &written) {
    if (!written.startsWith(u'"')) {
        const QString error = dotStringError(written);
        if (!error.isEmpty())
            return {{}, error};
        return {written, {}};
    }

    QString value;
    value.reserve(written.size());
    for (qsizetype i = 1; i < written.size(); ++i) {
        const char16_t c = written.at(i).unicode();
        if (c == u'"') {
            if (i != written.size() - 1) {
                return {{},
                        u"the local part "_s + written + u" has text after its closing quote"_s};
            }
            if (value.isEmpty())
                return {{}, u"the local part is empty"_s};
            return {value, {}};
        }
        if (c == u'\\') {
            // quoted-pairSMTP = %d92 %d32-126
            if (i + 1 >= written.size() || written.at(i + 1).unicode() < 32 ||
                written.at(i + 1).unicode() > 126) {
                return {{},
                        u"the local part "_s + written +
                            u" has a backslash that does not escape a printable "
                            "ASCII character"_s};
            }
            value.append(written.at(++i));
            continue;
        }
        if (!isQtextSmtp(c)) {
            return {{},
                    u"the local part "_s + written + u" contains "_s + quoted(QString(QChar(c))) +
                        u", which is not allowed there"_s};
        }
        value.append(QChar(c));
    }
    return {{}, u"the local part "_s + written + u" has no closing quote"_s};
}

bool isAllDigits(const QString &text) {
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// Checks one A-label or NR-LDH label (RFC 5890 section 2.3.1, RFC 5321
// section 4.1.2 sub-domain). Returns an error sentence or an empty string.
QString labelError(const QString &label, const QString &domain) {
    if (label.isEmpty())
        return u"the domain "_s + quoted(domain) + u" has an empty label"_s;
    if (label.size() > maxDomainLabelOctets) {
        return u"the domain label "_s + quoted(label) + u" is "_s + QString::number(label.size()) +
               u" characters long; at most "_s + QString::number(maxDomainLabelOctets) +
               u" are allowed"_s;
    }
    for (const QChar c : label) {
        const bool ldh = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
        if (!ldh) {
            return u"the domain "_s + quoted(domain) + u" contains "_s + quoted(QString(c)) +
                   u"; only letters, digits and hyphens are allowed"_s;
        }
    }
    if (label.startsWith(u'-') || label.endsWith(u'-')) {
        return u"the label "_s + quoted(label) + u" of the domain "_s + quoted(domain) +
               u" starts or ends with a hyphen"_s;
    }
    // QUrl passes through "xn--" labels without decoding them; an A-label
    // must decode and re-encode to itself (RFC 5891 section 5.4).
    if (label.startsWith(u"xn--"_s)) {
        const QString decoded = QUrl::fromAce(label.toLatin1(), QUrl::IgnoreIDNWhitelist);
        if (decoded == label || QString::fromLatin1(QUrl::toAce(decoded)) != label) {
            return u"the label "_s + quoted(label) + u" of the domain "_s + quoted(domain) +
                   u" is not a valid internationalized (punycode) label"_s;
        }
    }
    return {};
}

DomainName domainFailure(const QString &error) {
    DomainName result;
    result.error = error;
    return result;
}

MailAddress addressFailure(const QString &error) {
    MailAddress result;
    result.error = error;
    return result;
}

// Index of the '@' separating local part and domain: the last one outside a
// leading Quoted-string. Returns -1 when there is none.
qsizetype findSeparator(const QString &input) {
    qsizetype quotedEnd = 0;
    if (input.startsWith(u'"')) {
        qsizetype i = 1;
        for (; i < input.size(); ++i) {
            if (input.at(i) == u'\\') {
                ++i;
            } else if (input.at(i) == u'"') {
                break;
            }
        }
        quotedEnd = i; // the closing quote, or size() when unterminated
    }
    const qsizetype at = input.lastIndexOf(u'@');
    return at >= quotedEnd ? at : -1;
}

} // namespace

DomainName parseDomain(const QString &input, bool allowSingleLabel) {
    if (input.isEmpty())
        return domainFailure(u"the domain is empty"_s);
    if (input.size() > maxDomainInputChars) {
        return domainFailure(u"the domain is too long (at most "_s +
                             QString::number(maxDomainTextOctets) + u" characters)"_s);
    }
    char32_t forbidden = 0;
    if (findForbiddenCharacter(input, &forbidden) >= 0) {
        return domainFailure(u"the domain contains the control character "_s +
                             codePointName(forbidden));
    }
    if (input.startsWith(u'[')) {
        return domainFailure(u"address literals like "_s + input +
                             u" are not accepted; use a domain name"_s);
    }

    // A fully qualified name may be written with the root's trailing dot.
    QString name = input;
    if (name.endsWith(u'.'))
        name.chop(1);
    if (name.isEmpty())
        return domainFailure(u"the domain is empty"_s);
    if (name.contains(u' ')) {
        return domainFailure(u"the domain "_s + quoted(input) + u" contains a space"_s);
    }
    if (QHostAddress().setAddress(name)) {
        return domainFailure(quoted(input) + u" is an IP address, not a domain name"_s);
    }

    // UTS #46 processing: maps case and compatibility forms, converts
    // U-labels to A-labels; an empty result means Qt refused the name.
    const QString ace = QString::fromLatin1(QUrl::toAce(name)).toLower();
    if (ace.isEmpty()) {
        // Qt does not say why; for ASCII input our own label rules can.
        if (name.startsWith(u'.') || name.contains(u".."_s))
            return domainFailure(u"the domain "_s + quoted(input) + u" has an empty label"_s);
        const QString lower = name.toLower();
        bool ascii = true;
        for (const QChar c : lower)
            ascii = ascii && c.unicode() < 0x80;
        if (ascii) {
            const QStringList labels = lower.split(u'.');
            for (const QString &label : labels) {
                const QString error = labelError(label, input);
                if (!error.isEmpty())
                    return domainFailure(error);
            }
        }
        return domainFailure(u"the domain "_s + quoted(input) + u" is not a valid domain name"_s);
    }
    if (ace.size() > maxDomainTextOctets) {
        return domainFailure(u"the domain "_s + quoted(input) + u" is "_s +
                             QString::number(ace.size()) +
                             u" characters long in ASCII form; "
                             "at most "_s +
                             QString::number(maxDomainTextOctets) + u" are allowed"_s);
    }

    const QStringList labels = ace.split(u'.');
    for (const QString &label : labels) {
        const QString error = labelError(label, input);
        if (!error.isEmpty())
            return domainFailure(error);
    }
    if (labels.size() == 1 && !allowSingleLabel) {
        return domainFailure(u"the domain "_s + quoted(input) +
                             u" has only one label; use a fully qualified name such as "
                             "example.org"_s);
    }
    if (isAllDigits(labels.constLast())) {
        return domainFailure(u"the domain "_s + quoted(input) +
                             u" ends in a numeric label, which no top-level domain is"_s);
    }

    DomainName result;
    result.ok = true;
    result.ace = ace;
    // IgnoreIDNWhitelist: show U-labels for every TLD, not only those Qt
    // considers safe from homograph attacks; the ACE form is what is stored.
    result.unicode = QUrl::fromAce(ace.toLatin1(), QUrl::IgnoreIDNWhitelist);
    if (result.unicode.isEmpty())
        result.unicode = ace;
    return result;
}

QString MailAddress::toString() const {
    if (localPart.isEmpty() && domain.isEmpty())
        return {};
    if (localPart.isEmpty())
        return u'@' + domain;
    return quoteLocalPartIfNeeded(localPart) + u'@' + domain;
}

QString MailAddress::toDisplayString() const {
    const QString shownDomain = domainUnicode.isEmpty() ? domain : domainUnicode;
    if (localPart.isEmpty() && shownDomain.isEmpty())
        return {};
    if (localPart.isEmpty())
        return u'@' + shownDomain;
    return quoteLocalPartIfNeeded(localPart) + u'@' + shownDomain;
}

QString MailAddress::lookupKey() const {
    if (localPart.isEmpty() && domain.isEmpty())
        return {};
    return localPart.toLower() + u'@' + domain;
}

MailAddress parseAddress(const QString &input) {
    if (input.isEmpty())
        return addressFailure(u"the address is empty"_s);
    char32_t forbidden = 0;
    if (findForbiddenCharacter(input, &forbidden) >= 0) {
        return addressFailure(u"the address contains the control character "_s +
                              codePointName(forbidden));
    }
    // Cheap bound before any real work; the exact limit is checked below.
    if (input.size() > 4 * maxPathOctets) {
        return addressFailure(u"the address is too long (at most "_s +
                              QString::number(maxPathOctets - 2) + u" characters)"_s);
    }

    const qsizetype at = findSeparator(input);
    if (at < 0 && input.startsWith(u'"')) {
        const LocalPartResult local = parseLocalPart(input);
        if (!local.error.isEmpty())
            return addressFailure(local.error);
    }
    if (at < 0) {
        return addressFailure(quoted(input) + u" has no @ between the local part and the domain"_s);
    }
    const QString writtenLocal = input.left(at);
    const QString writtenDomain = input.mid(at + 1);
    if (writtenLocal.isEmpty())
        return addressFailure(u"the local part before the @ is missing"_s);
    if (writtenDomain.isEmpty())
        return addressFailure(u"the domain after the @ is missing"_s);

    const LocalPartResult local = parseLocalPart(writtenLocal);
    if (!local.error.isEmpty())
        return addressFailure(local.error);

    // RFC 5321 section 4.5.3.1.1 counts the local part as sent, i.e. in its
    // canonical quoted or unquoted form, in octets (UTF-8 per RFC 6531).
    const QString canonicalLocal = quoteLocalPartIfNeeded(local.value);
    const qsizetype localOctets = canonicalLocal.toUtf8().size();
    if (localOctets > maxLocalPartOctets) {
        return addressFailure(u"the local part is "_s + QString::number(localOctets) +
                              u" bytes long; at most "_s + QString::number(maxLocalPartOctets) +
                              u" are allowed"_s);
    }

    const DomainName domain = parseDomain(writtenDomain);
    if (!domain.ok)
        return addressFailure(domain.error);

    MailAddress result;
    result.localPart = local.value;
    result.domain = domain.ace;
    result.domainUnicode = domain.unicode;
    for (const QChar c : local.value) {
        if (isNonAscii(c.unicode())) {
            result.utf8LocalPart = true;
            break;
        }
    }

    // RFC 5321 section 4.5.3.1.3: the path includes the angle brackets.
    const qsizetype pathOctets = result.toString().toUtf8().size() + 2;
    if (pathOctets > maxPathOctets) {
        return addressFailure(u"the address is too long ("_s + QString::number(pathOctets - 2) +
                              u" bytes; at most "_s + QString::number(maxPathOctets - 2) +
                              u" are allowed)"_s);
    }
    result.ok = true;
    return result;
}

MailAddress parseAliasSource(const QString &input) {
    if (!input.startsWith(u'@'))
        return parseAddress(input);

    const DomainName domain = parseDomain(input.mid(1));
    if (!domain.ok)
        return addressFailure(domain.error);
    MailAddress result;
    result.ok = true;
    result.domain = domain.ace;
    result.domainUnicode = domain.unicode;
    return result;
}

QString quoteLocalPartIfNeeded(const QString &localPart) {
    if (!localPart.isEmpty() && dotStringError(localPart).isEmpty())
        return localPart;
    QString result;
    result.reserve(localPart.size() + 2);
    result.append(u'"');
    for (const QChar c : localPart) {
        if (c == u'"' || c == u'\\')
            result.append(u'\\');
        result.append(c);
    }
    result.append(u'"');
    return result;
}

namespace {

struct SizeUnit {
    QLatin1StringView suffix; // lower case, without the "ib"/"b" tail
    int shift;
};

constexpr SizeUnit sizeUnits[] = {
    {"k"_L1, 10}, {"m"_L1, 20}, {"g"_L1, 30}, {"t"_L1, 40}, {"p"_L1, 50}, {"e"_L1, 60},
};

// Enough fractional digits for "1.25G"; more would only be noise and would
// let the fraction arithmetic below overflow.
constexpr int maxFractionDigits = 6;

} // namespace

qint64 parseByteSize(const QString &text) {
    QString s = text.trimmed().toLower();
    if (s.isEmpty())
        return -1;

    // Unit: "", "b", "k", "kb", "kib", ... (all powers of 1024).
    int shift = 0;
    if (s.endsWith(u"ib"_s) && s.size() >= 3) {
        s.chop(2);
        bool known = false;
        for (const SizeUnit &unit : sizeUnits) {
            if (s.endsWith(unit.suffix)) {
                known = true;
                break;
            }
        }
        if (!known)
            return -1; // "ib" alone or "xib" is not a unit
    } else if (s.endsWith(u'b')) {
        s.chop(1);
    }
    for (const SizeUnit &unit : sizeUnits) {
        if (s.endsWith(unit.suffix)) {
            shift = unit.shift;
            s.chop(1);
            break;
        }
    }
    s = s.trimmed(); // "10 GiB" as printed by formatByteSize

    const qsizetype dot = s.indexOf(u'.');
    const QString whole = dot < 0 ? s : s.left(dot);
    const QString fraction = dot < 0 ? QString() : s.mid(dot + 1);
    if (!isAllDigits(whole))
        return -1;
    if (dot >= 0 && (!isAllDigits(fraction) || fraction.size() > maxFractionDigits))
        return -1;
    // A fraction of a byte makes no sense ("1.5" or "1.5B").
    if (dot >= 0 && shift == 0)
        return -1;

    bool ok = false;
    const qint64 wholeValue = whole.toLongLong(&ok);
    if (!ok)
        return -1;
    const qint64 multiplier = qint64(1) << shift;
    qint64 result = 0;
    if (qMulOverflow(wholeValue, multiplier, &result))
        return -1;
    if (!fraction.isEmpty()) {
        // fraction / 10^digits * 2^shift, rounded down to whole bytes.
        const qint64 fractionValue = fraction.toLongLong();
        qint64 scale = 1;
        for (qsizetype i = 0; i < fraction.size(); ++i)
            scale *= 10;
        // Split 2^shift into quotient and remainder by 10^digits so that no
        // intermediate product can overflow, even for exbibytes.
        const qint64 perUnit = multiplier / scale;
        const qint64 remainder = multiplier % scale;
        qint64 extra = 0;
        if (qMulOverflow(fractionValue, perUnit, &extra))
            return -1;
        extra += fractionValue * remainder / scale;
        if (qAddOverflow(result, extra, &result))
            return -1;
    }
    return result;
}

QString formatByteSize(qint64 bytes) {
    if (bytes <= 0)
        return QString::number(bytes);
    static const QLatin1StringView names[] = {"KiB"_L1, "MiB"_L1, "GiB"_L1,
                                              "TiB"_L1, "PiB"_L1, "EiB"_L1};
    for (int i = int(std::size(names)) - 1; i >= 0; --i) {
        const int shift = sizeUnits[i].shift;
        const qint64 unit = qint64(1) << shift;
        if (bytes < unit)
            continue;
        const qint64 whole = bytes >> shift;
        const qint64 rest = bytes & (unit - 1);
        // Powers of two have one exact one-decimal fraction: one half.
        if (rest == 0)
            return QString::number(whole) + u' ' + names[i];
        if (rest == unit / 2)
            return QString::number(whole) + u".5 "_s + names[i];
    }
    return QString::number(bytes) + u" B"_s;
}

} // namespace mailstead
