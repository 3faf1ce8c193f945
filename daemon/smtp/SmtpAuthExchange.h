// SmtpAuthExchange.h - the SASL exchange of SMTP AUTH: PLAIN and LOGIN
//
// RFC 4954 section 4 (AUTH mechanism [initial-response], "334" challenges,
// "*" cancels with 501, undecodable base64 is 501 5.5.2, "=" is an empty
// initial response), RFC 4616 (PLAIN: authzid NUL authcid NUL passwd, via
// core::decodeSaslPlain), draft-murchison-sasl-login (LOGIN: the server
// asks "Username:" then "Password:", each answer one base64 line; a
// username may come as the initial response, as Outlook and Thunderbird
// send it). Pure: the session feeds it the AUTH command and the client's
// lines and writes what it returns; the credentials go to the
// MailAuthenticator from there.
//
// SECURITY: input is an unauthenticated client's credentials; nothing here
// logs or keeps them beyond the exchange. Lines are bounded by the
// session's line splitter; decoded parts by decodeSaslPlain's 255 octets
// and maxLoginFieldOctets for LOGIN.
#pragma once

#include "SmtpReply.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mailstead::smtp {

// A LOGIN username or password longer than this (decoded) is refused,
// as decodeSaslPlain refuses longer PLAIN parts (RFC 4616 section 2).
inline constexpr qsizetype maxLoginFieldOctets = 255;

struct SmtpAuthStep {
    enum class Kind {
        Challenge,   // write "334 " + challenge and read one more line
        Credentials, // check user/password
        Refused,     // write reply; the exchange is over
    };
    Kind kind = Kind::Refused;
    QByteArray challenge; // base64, for Challenge
    QString user;         // for Credentials
    QString password;
    SmtpReply reply; // for Refused
};

class SmtpAuthExchange {
public:
    // mechanism: upper case, as the parser gives it. initialResponse:
    // base64 as sent ("=" for empty) when hasInitialResponse.
    SmtpAuthStep start(QByteArrayView mechanism, bool hasInitialResponse,
                       QByteArrayView initialResponse);
    // One client line (without CRLF) while active().
    SmtpAuthStep respond(QByteArrayView line);

    bool active() const { return m_state != State::Idle; }
    void reset();

    // "PLAIN LOGIN": what EHLO announces after AUTH.
    static QByteArray mechanisms();

private:
    enum class State { Idle, PlainResponse, LoginUser, LoginPassword };

    SmtpAuthStep plain(const QByteArray &message);
    SmtpAuthStep loginUser(const QByteArray &user);

    State m_state = State::Idle;
    QString m_user;
};

} // namespace mailstead::smtp
