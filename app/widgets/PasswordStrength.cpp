// PasswordStrength.cpp - strength estimate and generator; see PasswordStrength.h
#include "PasswordStrength.h"

#include <cmath>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

// No 0/O, 1/l/I: a generated password is often read out or typed from paper.
const QString generatorAlphabet =
    u"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!?#%+="_s;

// Below each bound the password is at the level before it.
constexpr double fairBits = 36;
constexpr double strongBits = 60;
constexpr double veryStrongBits = 90;

int characterPoolSize(const QString &password) {
    bool lower = false, upper = false, digit = false, symbol = false, other = false;
    for (const QChar c : password) {
        if (c >= u'a' && c <= u'z')
            lower = true;
        else if (c >= u'A' && c <= u'Z')
            upper = true;
        else if (c >= u'0' && c <= u'9')
            digit = true;
        else if (c.unicode() < 128)
            symbol = true;
        else
            other = true;
    }
    return (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) +
           (other ? 100 : 0);
}

// Characters that add little: a repeat of the previous one, or the next
// step of an ascending or descending run ("abc", "321").
int effectiveLength(const QString &password) {
    int length = 0;
    for (qsizetype i = 0; i < password.size(); ++i) {
        if (i > 0) {
            const int step = password.at(i).unicode() - password.at(i - 1).unicode();
            if (step == 0 || step == 1 || step == -1)
                continue;
        }
        ++length;
    }
    return length;
}

} // namespace

PasswordStrength estimatePasswordStrength(const QString &password) {
    PasswordStrength strength;
    if (password.isEmpty())
        return strength;
    const int pool = characterPoolSize(password);
    strength.bits = effectiveLength(password) * std::log2(double(std::max(pool, 2)));
    if (password.size() < minimumPasswordLength)
        strength.level = PasswordStrengthLevel::TooShort;
    else if (strength.bits < fairBits)
        strength.level = PasswordStrengthLevel::Weak;
    else if (strength.bits < strongBits)
        strength.level = PasswordStrengthLevel::Fair;
    else if (strength.bits < veryStrongBits)
        strength.level = PasswordStrengthLevel::Strong;
    else
        strength.level = PasswordStrengthLevel::VeryStrong;
    return strength;
}

QString generatePassword(QRandomGenerator &random, int length) {
    QString password;
    password.reserve(length);
    for (int i = 0; i < length; ++i)
        password.append(generatorAlphabet.at(random.bounded(int(generatorAlphabet.size()))));
    return password;
}

} // namespace mailstead::app
