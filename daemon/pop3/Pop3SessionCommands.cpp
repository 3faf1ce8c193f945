// Pop3SessionCommands.cpp - the AUTHORIZATION state of a POP3 session:
// CAPA, USER, PASS, AUTH, STLS, QUIT, and the way into TRANSACTION
//
// RFC 1939 section 4 and 7 (USER/PASS; after a failed PASS the client starts
// over with USER), RFC 2449 sections 5-6 (CAPA; USER and SASL are listed
// only when they may be used, TOP, UIDL, PIPELINING, RESP-CODES,
// AUTH-RESP-CODE, EXPIRE, IMPLEMENTATION), RFC 2595 sections 2.2 and 4
// (STLS only in AUTHORIZATION, plaintext logins only after it), RFC 5034
// section 4 (AUTH: "+ " continuations, "*" cancels, an initial response
// saves the round trip; AUTH without a mechanism lists them, as RFC 1734
// servers did), RFC 4616 (PLAIN, core::decodeSaslPlain), RFC 3206 ([AUTH]
// for credentials, [SYS/TEMP], [IN-USE]).
//
// SECURITY: commands come from an unauthenticated peer. The password goes
// to core::MailAuthenticator only (never logged); it answers failures after
// a growing delay per peer address, and a session is closed after
// Pop3Limits::maxAuthFailures. The reply to a failure does not say whether
// the user exists.
#include "core/MailAuthenticator.h"
#include "core/SaslPlain.h"
#include "Pop3Session.h"

using namespace Qt::StringLiterals;

namespace mailstead::pop3 {

namespace {

// The one mechanism offered: passwords are stored as hashes, so the
// challenge-response mechanisms (CRAM-MD5, SCRAM without stored keys)
// cannot be checked.
constexpr QByteArrayView plainMechanism = "PLAIN";

} // namespace

void Pop3Session::execute(const Pop3Command &command) {
    if (m_mailbox.isEmpty())
        executeAuthorization(command);
    else
        executeTransaction(command);
}

void Pop3Session::executeAuthorization(const Pop3Command &command) {
    switch (command.verb) {
    case Pop3Verb::Capa:
        onCapa();
        return;
    case Pop3Verb::User:
        onUser(command);
        return;
    case Pop3Verb::Pass:
        onPass(command);
        return;
    case Pop3Verb::Auth:
        onAuth(command);
        return;
    case Pop3Verb::Stls:
        onStls();
        return;
    case Pop3Verb::Quit:
        closeWith("+OK " + m_settings->hostname.toUtf8() + " signing off");
        return;
    case Pop3Verb::Stat:
    case Pop3Verb::List:
    case Pop3Verb::Retr:
    case Pop3Verb::Dele:
    case Pop3Verb::Noop:
    case Pop3Verb::Rset:
    case Pop3Verb::Top:
    case Pop3Verb::Uidl:
        refuse("Log in first (USER and PASS, or AUTH)");
        return;
    case Pop3Verb::Unknown:
        break;
    }
    refuse("Unknown command");
}

bool Pop3Session::plaintextAllowed() const {
    return m_tls || (m_settings->allowPlaintextLoopback && m_peer.isLoopback());
}

void Pop3Session::onCapa() {
    // RFC 2449 section 5: one capability per line, the list ends with ".".
    QByteArray list = "+OK Capability list follows\r\n"
                      "CAPA\r\n"
                      "TOP\r\n"
                      "UIDL\r\n"
                      "RESP-CODES\r\n"
                      "AUTH-RESP-CODE\r\n"
                      "PIPELINING\r\n";
    if (m_mailbox.isEmpty()) {
        if (plaintextAllowed()) {
            list += "USER\r\n";
            list += "SASL " + plainMechanism.toByteArray() + "\r\n";
        } else if (m_state->services().certificates) {
            list += "STLS\r\n";
        }
    }
    // Messages stay until the client deletes them (RFC 2449 section 6.7).
    list += "EXPIRE NEVER\r\n"
            "IMPLEMENTATION Mailstead\r\n"
            ".\r\n";
    m_output += list;
}

void Pop3Session::onUser(const Pop3Command &command) {
    if (!plaintextAllowed()) {
        refuse("[AUTH] Plaintext logins are not allowed without TLS; use STLS first");
        return;
    }
    m_user = QString::fromUtf8(command.argument);
    // Says nothing about whether the mailbox exists (RFC 1939 section 13).
    ok("Send the password");
}

void Pop3Session::onPass(const Pop3Command &command) {
    if (!plaintextAllowed()) {
        refuse("[AUTH] Plaintext logins are not allowed without TLS; use STLS first");
        return;
    }
    if (m_user.isEmpty()) {
        refuse("Send USER first");
        return;
    }
    const QString user = std::exchange(m_user, {});
    authenticate(user, QString::fromUtf8(command.argument));
}

void Pop3Session::onAuth(const Pop3Command &command) {
    if (command.argument.isEmpty()) {
        m_output += "+OK Mechanisms follow\r\n" + plainMechanism.toByteArray() + "\r\n.\r\n";
        return;
    }
    if (!plaintextAllowed()) {
        refuse("[AUTH] Authentication is not allowed without TLS; use STLS first");
        return;
    }
    if (command.argument != plainMechanism) {
        refuse("Unsupported authentication mechanism; use PLAIN");
        return;
    }
    if (!command.hasInitialResponse) {
        // RFC 5034 section 4: an empty challenge.
        m_output += "+ \r\n";
        m_mode = Mode::SaslResponse;
        return;
    }
    Pop3ParseResult response;
    response.status = Pop3ParseResult::Status::SaslResponse;
    response.saslData = command.initialResponse;
    onSaslResponse(response);
}

void Pop3Session::onSaslResponse(const Pop3ParseResult &result) {
    m_mode = Mode::Command;
    if (result.saslCancelled) {
        // RFC 5034 section 4: "-ERR" after "*".
        err("Authentication cancelled");
        return;
    }
    const std::optional<core::SaslPlainMessage> message = core::decodeSaslPlain(result.saslData);
    if (!message) {
        loginFailed("[AUTH] Malformed PLAIN message");
        return;
    }
    // Acting as another user is for administrators of proxies; not offered.
    if (!message->authzid.isEmpty() &&
        message->authzid.compare(message->authcid, Qt::CaseInsensitive) != 0) {
        loginFailed("[AUTH] Authorization as another user is not supported");
        return;
    }
    authenticate(message->authcid, message->password);
}

void Pop3Session::onStls() {
    if (m_tls) {
        refuse("TLS is already active");
        return;
    }
    if (!m_state->services().certificates) {
        refuse("TLS is not available");
        return;
    }
    ok("Begin TLS negotiation");
    startTls();
}

void Pop3Session::authenticate(const QString &user, const QString &password) {
    core::MailAuthenticator *authenticator = m_state->services().authenticator;
    if (!authenticator) {
        err("[SYS/TEMP] Authentication is not available");
        return;
    }
    m_mode = Mode::AwaitingAuth;
    authenticator->authenticate(user, password, m_peer, this,
                                [this](core::AuthOutcome outcome) { onAuthenticated(outcome); });
}

void Pop3Session::onAuthenticated(const core::AuthOutcome &outcome) {
    if (m_mode != Mode::AwaitingAuth)
        return; // closing meanwhile
    m_mode = Mode::Command;
    switch (outcome.status) {
    case core::AuthOutcome::Status::Failed:
        loginFailed("[AUTH] Authentication failed");
        break;
    case core::AuthOutcome::Status::Disabled:
        loginFailed("[AUTH] The mailbox is disabled; contact the administrator");
        break;
    case core::AuthOutcome::Status::Ok: {
        const QString address = outcome.mailbox.address();
        if (!m_state->acquireUser(address, m_settings->limits.maxConnectionsPerUser)) {
            qCInfo(lcPop3).noquote()
                << "too many sessions for" << address << "- refused" << m_peer.toString();
            err("[IN-USE] Too many sessions for this mailbox; try again later");
            break;
        }
        m_mailbox = address;
        m_holdsUserSlot = true;
        QString error;
        if (!openMaildrop(&error)) {
            qCWarning(lcPop3).noquote() << "cannot open the maildrop of" << address << ":" << error;
            m_state->releaseUser(address);
            m_holdsUserSlot = false;
            m_mailbox.clear();
            err("[SYS/TEMP] The mailbox cannot be opened; try again later");
            break;
        }
        ++m_state->counters.logins;
        qCInfo(lcPop3).noquote() << address << "logged in from" << m_peer.toString() << "with"
                                 << m_maildrop.size() << "messages";
        ok("Logged in; " + QByteArray::number(m_maildrop.visibleCount()) + " messages (" +
           QByteArray::number(m_maildrop.visibleOctets()) + " octets)");
        break;
    }
    }
    // Commands the client pipelined behind PASS or AUTH.
    onReadyRead();
}

void Pop3Session::loginFailed(const QByteArray &text) {
    ++m_state->counters.loginFailures;
    err(text);
    if (++m_authFailures >= m_settings->limits.maxAuthFailures) {
        qCInfo(lcPop3).noquote() << "too many failed logins from" << m_peer.toString()
                                 << "- closing the connection";
        closeWith("-ERR [AUTH] Too many failed logins, closing the connection");
    }
}

} // namespace mailstead::pop3
