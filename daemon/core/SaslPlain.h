// SaslPlain.h - the SASL PLAIN message (RFC 4616)
//
// message = [authzid] UTF8NUL authcid UTF8NUL passwd (section 2), each part
// 1..255 octets (authzid may be empty) without NUL. Shared by IMAP
// AUTHENTICATE, POP3 AUTH and SMTP AUTH, which each base64-decode the
// client's response first. Pure.
//
// SECURITY: the input is a client's credentials before authentication;
// nothing here logs or keeps them.
#pragma once

#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mailstead::core {

struct SaslPlainMessage {
    QString authzid; // empty: act as authcid
    QString authcid;
    QString password;
};

// nullopt when the message is malformed: not exactly two NULs, an empty
// authcid or password, a part over 255 octets, or invalid UTF-8.
std::optional<SaslPlainMessage> decodeSaslPlain(QByteArrayView message);

} // namespace mailstead::core
