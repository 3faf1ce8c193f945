// VmailPath.cpp - encoding of domains and local parts into directory names
#include "VmailPath.h"

#include <QHash>
#include <QStringDecoder>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace mailstead::store {

size_t qHash(const MailboxKey &key, size_t seed) noexcept {
    return qHashMulti(seed, key.domain, key.localPart);
}

namespace VmailPath {

namespace {

// NAME_MAX on every file system we support.
constexpr qsizetype kMaxNameBytes = 255;
// RFC 1035 section 2.3.4, without the trailing dot.
constexpr qsizetype kMaxDomainLength = 253;

bool isPlainLocalByte(char c, bool first) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '-':
    case '_':
    case '+':
    case '=':
        return true;
    case '.':
        // A leading dot would hide the directory and could spell "." or "..".
        return !first;
    default:
        return false;
    }
}

int hexValue(QChar c) {
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1; // lower-case hex is not canonical
}

} // namespace

QString normalizeDomain(const QString &domain) {
    QString name = domain.trimmed().toLower();
    if (name.endsWith(u'.'))
        name.chop(1);
    if (name.isEmpty())
        return {};
    bool ascii = true;
    for (const QChar c : std::as_const(name))
        ascii = ascii && c.unicode() < 0x80;
    if (!ascii) {
        const QByteArray ace = QUrl::toAce(name, QUrl::AceTransitionalProcessing);
        if (ace.isEmpty())
            return {};
        name = QString::fromLatin1(ace).toLower();
    }
    if (name.size() > kMaxDomainLength || name.startsWith(u'.') || name.contains(u".."_s))
        return {};
    for (const QChar c : std::as_const(name)) {
        const char16_t u = c.unicode();
        const bool ok =
            (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '.' || u == '_';
        if (!ok)
            return {};
    }
    return name;
}

QString foldLocalPart(const QString &localPart) {
    return localPart.normalized(QString::NormalizationForm_C).toCaseFolded();
}

QString encodeLocalPart(const QString &localPart) {
    const QByteArray utf8 = foldLocalPart(localPart).toUtf8();
    if (utf8.isEmpty())
        return {};
    static constexpr char kHex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(utf8.size());
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8.at(i);
        if (isPlainLocalByte(c, i == 0)) {
            out.append(c);
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.append('%');
            out.append(kHex[byte >> 4]);
            out.append(kHex[byte & 0x0f]);
        }
    }
    if (out.size() > kMaxNameBytes)
        return {};
    return QString::fromLatin1(out);
}

QString decodeLocalPart(const QString &encoded) {
    if (encoded.isEmpty() || encoded.size() > kMaxNameBytes)
        return {};
    QByteArray utf8;
    utf8.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const QChar c = encoded.at(i);
        if (c == u'%') {
            if (i + 2 >= encoded.size())
                return {};
            const int high = hexValue(encoded.at(i + 1));
            const int low = hexValue(encoded.at(i + 2));
            if (high < 0 || low < 0)
                return {};
            utf8.append(char(high * 16 + low));
            i += 2;
        } else if (c.unicode() < 0x80 && isPlainLocalByte(char(c.unicode()), i == 0)) {
            utf8.append(char(c.unicode()));
        } else {
            return {};
        }
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString name = decoder.decode(utf8);
    if (decoder.hasError())
        return {};
    // Only the canonical spelling decodes: "%61" for "a" or an unfolded name
    // would otherwise give two directories for one owner.
    if (encodeLocalPart(name) != encoded)
        return {};
    return name;
}

MailboxKey key(const QString &domain, const QString &localPart) {
    MailboxKey result{normalizeDomain(domain), foldLocalPart(localPart)};
    if (result.domain.isEmpty() || encodeLocalPart(result.localPart).isEmpty())
        return {};
    return result;
}

QString domainDir(const QString &vmailDir, const QString &domain) {
    return vmailDir + u'/' + domain;
}

QString mailboxDir(const QString &vmailDir, const MailboxKey &mailbox) {
    return vmailDir + u'/' + mailbox.domain + u'/' + encodeLocalPart(mailbox.localPart);
}

} // namespace VmailPath

} // namespace mailstead::store
