// SmtpSessionAuth.cpp - AUTH on the submission listeners
//
// RFC 4954 (SMTP AUTH): section 4 (the AUTH command, 334 challenges, 235
// on success, 501 for "*" and undecodable responses, 503 for a second
// AUTH and for AUTH during a transaction, 504 for an unknown mechanism,
// 535 5.7.8 for bad credentials, 530 5.7.0 before TLS when the policy
// requires it, 454 4.7.0 when the check cannot be made, 500 5.5.6 for an
// overlong response line), section 6 (a failed exchange leaves the session
// unauthenticated). RFC 7372 section 3.3: 525 5.7.13 for a disabled
// account with the right password. RFC 8314 section 3: passwords only
// inside TLS.
//
// The exchange itself is SmtpAuthExchange (pure); credentials go to the
// MailAuthenticator, which answers after its growing per-address delay on
// failure. Meanwhile the session reads nothing (Mode::AwaitingAuth), so
// pipelined commands wait for the verdict. After maxAuthFailures failed
// exchanges the session ends with 421 4.7.0.
//
// SECURITY: credentials from unauthenticated peers go to the authenticator
// only and are never logged; the log names the login and the peer.
#include "core/Log.h"
#include "core/MailAuthenticator.h"
#include "SmtpSession.h"

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

void SmtpSession::onAuth(const SmtpCommand &command) {
    if (!m_greeted) {
        refuse(makeReply(503, "5.5.1", "Send EHLO first"));
        return;
    }
    if (!m_tls) {
        refuse(makeReply(530, "5.7.0", "Must issue a STARTTLS command first"));
        return;
    }
    if (m_authenticated) {
        refuse(makeReply(503, "5.5.1", "Already authenticated"));
        return;
    }
    if (m_transaction.active) {
        refuse(makeReply(503, "5.5.1", "AUTH is not allowed during a mail transaction"));
        return;
    }
    if (!m_state->services().authenticator) {
        reply(makeReply(454, "4.7.0", "Temporary authentication failure"));
        return;
    }
    handleAuthStep(m_auth.start(command.authMechanism, command.hasInitialResponse,
                                command.authInitialResponse));
}

void SmtpSession::processAuthInput(QByteArrayView input) {
    const SmtpLineSplitter::Result result = m_lines.next(input);
    m_consumed += result.consumed;
    switch (result.status) {
    case SmtpLineSplitter::Status::NeedMore:
        return;
    case SmtpLineSplitter::Status::Line:
        m_mode = Mode::Command;
        handleAuthStep(m_auth.respond(result.line));
        return;
    case SmtpLineSplitter::Status::LineTooLong:
        m_mode = Mode::Command;
        m_auth.reset();
        authFailed(makeReply(500, "5.5.6", "Authentication exchange line is too long"));
        return;
    case SmtpLineSplitter::Status::BareLineFeed:
        m_mode = Mode::Command;
        m_auth.reset();
        authFailed(makeReply(501, "5.5.2", "Bare LF received; responses must end with CRLF"));
        return;
    }
}

void SmtpSession::handleAuthStep(const SmtpAuthStep &step) {
    switch (step.kind) {
    case SmtpAuthStep::Kind::Challenge:
        // "334" SP base64 (RFC 4954 section 4): no enhanced status code,
        // the text is the challenge.
        m_output += "334 " + step.challenge + "\r\n";
        m_mode = Mode::AuthResponse;
        return;
    case SmtpAuthStep::Kind::Refused:
        if (step.reply.code == 504) {
            refuse(step.reply); // a protocol error, not a failed login
            return;
        }
        authFailed(step.reply);
        return;
    case SmtpAuthStep::Kind::Credentials:
        break;
    }
    m_mode = Mode::AwaitingAuth;
    flushOutput();
    armTimer();
    const QString user = step.user;
    m_state->services().authenticator->authenticate(
        step.user, step.password, m_peer, this, [this, user](const core::AuthOutcome &outcome) {
            if (m_mode != Mode::AwaitingAuth)
                return; // closed meanwhile
            m_mode = Mode::Command;
            if (outcome.status == core::AuthOutcome::Status::Failed)
                qCInfo(core::lcSmtp).noquote() << "AUTH failed for" << user << "from"
                                               << m_peer.toString() << ":" << outcome.detail;
            onAuthenticated(outcome);
            readSocket();
            process();
        });
}

void SmtpSession::onAuthenticated(const core::AuthOutcome &outcome) {
    switch (outcome.status) {
    case core::AuthOutcome::Status::Ok:
        m_authenticated = true;
        m_user = outcome.mailbox;
        ++m_state->counters.authSuccesses;
        qCInfo(core::lcSmtp).noquote()
            << "AUTH as" << m_user.address() << "from" << m_peer.toString();
        reply(makeReply(235, "2.7.0", "Authentication successful"));
        return;
    case core::AuthOutcome::Status::Disabled:
        qCInfo(core::lcSmtp).noquote() << "AUTH refused for the disabled mailbox"
                                       << outcome.mailbox.address() << "from" << m_peer.toString();
        authFailed(
            makeReply(525, "5.7.13", "User account disabled; contact your mail administrator"));
        return;
    case core::AuthOutcome::Status::Failed:
        authFailed(makeReply(535, "5.7.8", "Authentication credentials invalid"));
        return;
    }
}

void SmtpSession::authFailed(const SmtpReply &failure) {
    ++m_state->counters.authFailures;
    const int limit = m_settings->submission.maxAuthFailures;
    if (limit > 0 && ++m_authFailures >= limit) {
        m_output += failure.toWire(true);
        qCInfo(core::lcSmtp).noquote() << m_authFailures << "failed AUTH attempts from"
                                       << m_peer.toString() << "- closing the connection";
        closeWith(makeReply(421, "4.7.0",
                            m_settings->hostname.toUtf8() +
                                " Too many failed authentication attempts, closing connection"));
        return;
    }
    refuse(failure);
}

} // namespace mailstead::smtp
