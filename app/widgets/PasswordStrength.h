// PasswordStrength.h - password strength estimate and password generator
//
// The estimate is a rough entropy count: the size of the character classes
// used, to the power of the length, with repeated characters and runs
// ("aaaa", "1234") counted once. It only guides the person typing; the
// daemon decides what it accepts (at least 8 characters). The generator
// draws from an alphabet without look-alike characters (0/O, 1/l/I), from a
// random generator the caller passes (the system one in the app, a seeded
// one in tests).
#pragma once

#include <QString>

class QRandomGenerator;

namespace mailstead::app {

enum class PasswordStrengthLevel { Empty, TooShort, Weak, Fair, Strong, VeryStrong };

struct PasswordStrength {
    PasswordStrengthLevel level = PasswordStrengthLevel::Empty;
    double bits = 0; // estimated entropy
};

inline constexpr int minimumPasswordLength = 8; // what the daemon requires
inline constexpr int generatedPasswordLength = 20;

PasswordStrength estimatePasswordStrength(const QString &password);
QString generatePassword(QRandomGenerator &random, int length = generatedPasswordLength);

} // namespace mailstead::app
