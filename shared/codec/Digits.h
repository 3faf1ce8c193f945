// Digits.h - values of hexadecimal and base64 digits
//
// Shared by the decoders of RFC 2045 (base64, quoted-printable), RFC 2047
// (encoded words), RFC 2231 and RFC 3461 (xtext) so there is one table.
// Pure, total functions: any byte in, -1 when it is not a digit.
#pragma once

namespace mailstead {

constexpr int hexDigitValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// The RFC 4648 section 4 alphabet ('+' and '/').
constexpr int base64DigitValue(char c) {
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

} // namespace mailstead
