// PasswordHash.cpp - yescrypt hashing and crypt(3) verification via libxcrypt
//
// Only four crypt families are accepted, for verification and import alike:
// yescrypt, bcrypt, SHA512-CRYPT and SHA256-CRYPT. libxcrypt can also verify
// MD5-crypt, DES and other legacy hashes, but those are cheap to brute-force,
// so they are refused on import and never verified: an installation moving
// from such hashes has its users set new passwords.
//
// SECURITY: passwords and imported hashes are untrusted. The passphrase never
// leaves this file except as crypt_rn input; the computed hash is compared to
// the stored one in constant time. struct crypt_data (about 32 KiB) lives on
// the heap and is wiped after use so no passphrase copy lingers.
#include "core/PasswordHash.h"

#include <crypt.h>
#include <cstring>
#include <memory>
#include <QList>
#include <QStringView>

using namespace Qt::StringLiterals;

namespace mailstead::core::PasswordHash {

namespace {

// libxcrypt refuses passphrases of CRYPT_MAX_PASSPHRASE_SIZE bytes or more,
// so the effective limit is the smaller of ours and theirs.
constexpr int effectiveMaxPasswordBytes = maxPasswordBytes < CRYPT_MAX_PASSPHRASE_SIZE - 1
                                              ? maxPasswordBytes
                                              : CRYPT_MAX_PASSPHRASE_SIZE - 1;

// Dovecot's crypt(3)-based scheme names. Dovecot verifies all of them with
// crypt(3), whatever the prefix says, so a hash behind any of them is checked
// by what it is, not by its label.
constexpr QStringView cryptSchemePrefixes[] = {
    u"CRYPT",    u"BLF-CRYPT", u"SHA512-CRYPT", u"SHA256-CRYPT",
    u"YESCRYPT", u"MD5-CRYPT", u"DES-CRYPT",
};

struct Family {
    QStringView prefix;
    QStringView name;
};

constexpr Family supportedFamilies[] = {
    {u"$y$", u"yescrypt"}, {u"$2b$", u"bcrypt"},      {u"$2y$", u"bcrypt"},
    {u"$2a$", u"bcrypt"},  {u"$6$", u"sha512-crypt"}, {u"$5$", u"sha256-crypt"},
};

// The alphabet of crypt(3) output ("./0-9A-Za-z") plus the separators and
// parameter syntax that settings use ("$", ",", "=").
bool isCryptCharacter(QChar c) {
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') ||
           u == u'.' || u == u'/' || u == u'$' || u == u',' || u == u'=';
}

bool isHashCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '/';
}

struct Prefixed {
    bool hasScheme = false;
    bool knownScheme = false;
    QString scheme; // as written, without braces
    QString hash;   // the rest
};

Prefixed splitScheme(const QString &stored) {
    Prefixed result;
    result.hash = stored;
    if (!stored.startsWith(u'{'))
        return result;
    const qsizetype close = stored.indexOf(u'}');
    if (close < 0)
        return result;
    result.hasScheme = true;
    result.scheme = stored.mid(1, close - 1);
    result.hash = stored.mid(close + 1);
    for (const QStringView known : cryptSchemePrefixes) {
        if (result.scheme.compare(known, Qt::CaseInsensitive) == 0) {
            result.knownScheme = true;
            break;
        }
    }
    return result;
}

const Family *familyOf(const QString &hash) {
    for (const Family &family : supportedFamilies) {
        if (hash.startsWith(family.prefix))
            return &family;
    }
    return nullptr;
}

struct CryptDataDeleter {
    void operator()(crypt_data *data) const {
        // Wipe the copy of the passphrase crypt_rn keeps in data->input.
        explicit_bzero(data, sizeof(crypt_data));
        delete data;
    }
};

// Runs crypt_rn; returns the output, or an empty array on failure.
QByteArray runCrypt(const QByteArray &phrase, const QByteArray &setting) {
    std::unique_ptr<crypt_data, CryptDataDeleter> data(new crypt_data{});
    const char *out = crypt_rn(phrase.constData(), setting.constData(), data.get(),
                               static_cast<int>(sizeof(crypt_data)));
    // crypt_rn returns null on failure; the '*' check guards against builds
    // that hand back a failure token instead.
    if (!out || out[0] == '*')
        return {};
    return QByteArray(out);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b) {
    // Lengths are public (they follow from the scheme), contents are not.
    if (a.size() != b.size())
        return false;
    volatile unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff = diff | static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

// MD5-crypt, traditional DES (13 characters) and BSDi extended DES ("_" and
// 19 characters): recognised only to explain why they are refused.
bool isLegacyHash(const QString &hash) {
    if (hash.startsWith(u"$1$"))
        return true;
    const bool des = hash.size() == 13;
    const bool bsdi = hash.size() == 20 && hash.startsWith(u'_');
    if (!des && !bsdi)
        return false;
    for (qsizetype i = bsdi ? 1 : 0; i < hash.size(); ++i) {
        const QChar c = hash.at(i);
        if (!isCryptCharacter(c) || c == u'$' || c == u',' || c == u'=')
            return false;
    }
    return true;
}

bool passphraseUsable(const QByteArray &utf8) {
    return !utf8.isEmpty() && utf8.size() <= effectiveMaxPasswordBytes && !utf8.contains('\0');
}

// Checks that hash (prefix already removed) is a complete hash of a supported
// family that crypt(3) reproduces: same length and same setting when
// recomputed with a probe passphrase. Returns an empty string when it is.
QString hashProblem(const QString &hash) {
    if (hash.isEmpty())
        return u"The password hash is empty."_s;
    if (hash.startsWith(u'!') || hash.startsWith(u'*'))
        return u"The password hash is locked or disabled (it starts with \"!\" or \"*\") "
               "and can never match."_s;
    if (!familyOf(hash)) {
        if (isLegacyHash(hash))
            return u"MD5-crypt and DES hashes are too weak to import; the user needs a new "
                   "password."_s;
        return u"The password hash is not a yescrypt, bcrypt, SHA512-CRYPT or SHA256-CRYPT "
               "hash."_s;
    }
    for (const QChar c : hash) {
        if (!isCryptCharacter(c))
            return u"The password hash contains characters that cannot occur in a crypt "
                   "hash."_s;
    }
    const QByteArray stored = hash.toLatin1();
    const QByteArray probe = runCrypt(QByteArrayLiteral("mailstead-probe"), stored);
    if (probe.isEmpty())
        return u"The password hash has invalid parameters or salt."_s;
    if (probe.size() != stored.size())
        return u"The password hash is truncated or has extra characters."_s;
    // The output repeats the setting and then differs only in the hash part,
    // which must itself be made of crypt characters.
    qsizetype common = 0;
    while (common < stored.size() && stored.at(common) == probe.at(common))
        ++common;
    for (qsizetype i = common; i < stored.size(); ++i) {
        if (!isHashCharacter(stored.at(i)))
            return u"The password hash is malformed."_s;
    }
    return {};
}

} // namespace

QString hash(const QString &password) {
    const QByteArray phrase = password.toUtf8();
    if (!passphraseUsable(phrase))
        return {};
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    // count 0 = libxcrypt's default cost; null rbytes = it reads the kernel's
    // random source itself.
    if (!crypt_gensalt_rn("$y$", 0, nullptr, 0, setting, sizeof(setting)))
        return {};
    const QByteArray out = runCrypt(phrase, QByteArray(setting));
    if (out.isEmpty())
        return {};
    return QString::fromLatin1(out);
}

bool verify(const QString &password, const QString &storedHash) {
    const Prefixed split = splitScheme(storedHash);
    if (split.hasScheme && !split.knownScheme)
        return false;
    const QString &hashText = split.hash;
    if (hashText.isEmpty() || hashText.startsWith(u'!') || hashText.startsWith(u'*') ||
        !familyOf(hashText)) {
        return false;
    }
    for (const QChar c : hashText) {
        if (!isCryptCharacter(c))
            return false;
    }
    const QByteArray phrase = password.toUtf8();
    if (!passphraseUsable(phrase))
        return false;
    const QByteArray stored = hashText.toLatin1();
    const QByteArray computed = runCrypt(phrase, stored);
    if (computed.isEmpty())
        return false;
    return constantTimeEquals(computed, stored);
}

QString normalizeImported(const QString &storedHash, QString *error) {
    // Hashes are often pasted from files or command output.
    const Prefixed split = splitScheme(storedHash.trimmed());
    QString problem;
    if (split.hasScheme && !split.knownScheme) {
        problem = u"The {"_s + split.scheme +
                  u"} scheme is not supported; import a crypt hash (yescrypt, bcrypt, "
                  "SHA512-CRYPT or SHA256-CRYPT)."_s;
    } else {
        problem = hashProblem(split.hash);
    }
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return {};
    }
    if (error)
        error->clear();
    return split.hash;
}

QString schemeName(const QString &storedHash) {
    const Prefixed split = splitScheme(storedHash);
    if (split.hasScheme && !split.knownScheme)
        return u"unknown"_s;
    const Family *family = familyOf(split.hash);
    return family ? family->name.toString() : u"unknown"_s;
}

QString checkNewPassword(const QString &password) {
    for (qsizetype i = 0; i < password.size(); ++i) {
        const QChar c = password.at(i);
        if (c.isHighSurrogate() && i + 1 < password.size() && password.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate())
            return u"The password contains an invalid character."_s;
        if (c.category() == QChar::Other_Control)
            return u"The password must not contain control characters."_s;
    }
    // Counted in code points, which is what a person counts as characters.
    const qsizetype characters = password.toUcs4().size();
    if (characters < minPasswordLength) {
        return u"The password must be at least "_s + QString::number(minPasswordLength) +
               u" characters long."_s;
    }
    if (password.toUtf8().size() > effectiveMaxPasswordBytes) {
        return u"The password must be at most "_s + QString::number(effectiveMaxPasswordBytes) +
               u" bytes long in UTF-8."_s;
    }
    return {};
}

} // namespace mailstead::core::PasswordHash
