// ImapSessionAuth.cpp - the commands of the not authenticated state and
// of any state: CAPABILITY, NOOP, LOGOUT, STARTTLS, LOGIN, AUTHENTICATE,
// and ENABLE, ID, NAMESPACE
//
// RFC 9051 sections 6.1 (any state), 6.2 (STARTTLS, AUTHENTICATE, LOGIN),
// 6.3.1 (ENABLE), 6.3.10 (NAMESPACE), section 7.2.2 (CAPABILITY), RFC 4959
// (SASL-IR), RFC 4616 (PLAIN), RFC 5161 (ENABLE), RFC 2971 (ID), RFC 2342
// (NAMESPACE), RFC 5530 (AUTHENTICATIONFAILED, PRIVACYREQUIRED,
// CONTACTADMIN, LIMIT), RFC 7162 section 3.2.3 (ENABLE QRESYNC implies
// CONDSTORE), RFC 6855 (UTF8=ACCEPT), RFC 7889 (APPENDLIMIT).
//
// Capabilities: before TLS the server offers STARTTLS and LOGINDISABLED
// (RFC 9051 section 6.2.3: no plaintext passwords over an unprotected
// connection); after TLS, or on loopback with allow_plaintext_loopback,
// AUTH=PLAIN and SASL-IR. The full list follows the login.
//
// SECURITY: user names and passwords from unauthenticated peers go to the
// MailAuthenticator only (hash checks on its own pool, growing delays on
// failure) and are never logged here. Only the logged-in user's mailbox is
// opened afterwards.
#include "core/MailAuthenticator.h"
#include "core/SaslPlain.h"
#include "ImapCommandParser.h"
#include "ImapLog.h"
#include "ImapSession.h"
#include "store/MailboxReader.h"
#include "store/MessageStore.h"
#include "store/VmailPath.h"
#include "Version.h"

#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

bool ImapSession::loginAllowed() const {
    return m_tls || (m_settings->allowPlaintextLoopback && isLoopback());
}

QByteArrayList ImapSession::capabilities() const {
    QByteArrayList caps = {"IMAP4rev1"_ba, "IMAP4rev2"_ba};
    if (m_sessionState == State::NotAuthenticated) {
        if (!m_tls && m_state->services().certificates)
            caps.append("STARTTLS"_ba);
        if (loginAllowed())
            caps << "AUTH=PLAIN"_ba
                 << "SASL-IR"_ba;
        else
            caps.append("LOGINDISABLED"_ba);
        caps << "LITERAL+"_ba
             << "ENABLE"_ba
             << "ID"_ba
             << "IDLE"_ba;
        return caps;
    }
    caps << "LITERAL+"_ba
         << "ENABLE"_ba
         << "ID"_ba
         << "IDLE"_ba
         << "NAMESPACE"_ba
         << "UNSELECT"_ba
         << "UIDPLUS"_ba
         << "MOVE"_ba
         << "CHILDREN"_ba
         << "LIST-EXTENDED"_ba
         << "LIST-STATUS"_ba
         << "SPECIAL-USE"_ba
         << "CREATE-SPECIAL-USE"_ba
         << "CONDSTORE"_ba
         << "QRESYNC"_ba
         << "ESEARCH"_ba
         << "SEARCHRES"_ba
         << "QUOTA"_ba
         << "QUOTA=RES-STORAGE"_ba
         << "STATUS=SIZE"_ba
         << "APPENDLIMIT="_ba + QByteArray::number(m_settings->limits.maxLiteralSize)
         << "UTF8=ACCEPT"_ba;
    return caps;
}

void ImapSession::onCapability(const ImapCommand &command) {
    write("* CAPABILITY "_ba + capabilities().join(' ') + "\r\n"_ba);
    writeUpdates(true);
    respond(command.tag, ImapStatusResponse::ok("CAPABILITY completed"));
}

void ImapSession::onNoop(const ImapCommand &command) {
    // NOOP and CHECK are the client's way to poll (RFC 9051 section 6.1.2).
    if (m_sessionState == State::Selected) {
        writeUpdates(true);
        if (m_mode == Mode::Closing)
            return;
    }
    respond(command.tag,
            ImapStatusResponse::ok(commandName(command.name).toByteArray() + " completed"));
}

void ImapSession::onLogout(const ImapCommand &command) {
    closeWith(ImapStatusResponse::bye("Logging out"),
              ImapStatusResponse::ok("LOGOUT completed").toWire(command.tag));
}

void ImapSession::onStartTls(const ImapCommand &command) {
    if (m_tls) {
        refuse(command.tag, ImapStatusResponse::bad("TLS is already active"));
        return;
    }
    if (!m_state->services().certificates) {
        respond(command.tag, ImapStatusResponse::no("TLS is not available (no certificate)"));
        return;
    }
    respond(command.tag, ImapStatusResponse::ok("Begin TLS negotiation now"));
    startTls();
}

void ImapSession::onLogin(const ImapCommand &command) {
    if (!loginAllowed()) {
        respond(command.tag,
                ImapStatusResponse::no("Log in over TLS only (use STARTTLS or port 993)",
                                       responsecode::privacyRequired()));
        return;
    }
    const ImapLoginArguments *login = command.as<ImapLoginArguments>();
    checkLogin(command.tag, QString::fromUtf8(login->user), QString::fromUtf8(login->password));
}

void ImapSession::onAuthenticate(const ImapCommand &command) {
    const ImapAuthenticateArguments *args = command.as<ImapAuthenticateArguments>();
    if (!loginAllowed()) {
        respond(command.tag,
                ImapStatusResponse::no("Authenticate over TLS only (use STARTTLS or port 993)",
                                       responsecode::privacyRequired()));
        return;
    }
    if (args->mechanism != "PLAIN") {
        respond(command.tag, ImapStatusResponse::no("Unsupported mechanism; use PLAIN"));
        return;
    }
    if (args->hasInitialResponse) {
        authenticatePlain(command.tag, args->initialResponse);
        return;
    }
    m_saslTag = command.tag;
    m_mode = Mode::SaslResponse;
    write(imapSaslChallenge({}));
}

void ImapSession::onSaslResponse(const ImapRawCommand &raw) {
    m_mode = Mode::Command;
    const QByteArray tag = std::exchange(m_saslTag, {});
    const ImapSaslResponse response = parseSaslResponse(raw);
    switch (response.kind) {
    case ImapSaslResponse::Kind::Cancel:
        respond(tag, ImapStatusResponse::bad("AUTHENTICATE cancelled"));
        return;
    case ImapSaslResponse::Kind::Invalid:
        refuse(tag, ImapStatusResponse::bad("Invalid base64 in the SASL response"));
        return;
    case ImapSaslResponse::Kind::Data:
        authenticatePlain(tag, response.data);
        return;
    }
}

void ImapSession::authenticatePlain(const QByteArray &tag, const QByteArray &message) {
    const std::optional<core::SaslPlainMessage> plain = core::decodeSaslPlain(message);
    if (!plain) {
        refuse(tag, ImapStatusResponse::bad("Malformed PLAIN message (RFC 4616)"));
        return;
    }
    if (!plain->authzid.isEmpty() &&
        plain->authzid.compare(plain->authcid, Qt::CaseInsensitive) != 0) {
        respond(tag, ImapStatusResponse::no("Acting as another user is not allowed",
                                            responsecode::authorizationFailed()));
        return;
    }
    checkLogin(tag, plain->authcid, plain->password);
}

void ImapSession::checkLogin(const QByteArray &tag, const QString &user, const QString &password) {
    core::MailAuthenticator *authenticator = m_state->services().authenticator;
    if (!authenticator || !m_state->services().messages) {
        respond(tag,
                ImapStatusResponse::no("Logins are not available", responsecode::unavailable()));
        return;
    }
    wait();
    authenticator->authenticate(user, password, m_peer, this,
                                [this, tag](const core::AuthOutcome &outcome) {
                                    loggedIn(tag, outcome);
                                    resume();
                                });
}

void ImapSession::loggedIn(const QByteArray &tag, const core::AuthOutcome &outcome) {
    if (m_mode == Mode::Closing)
        return;
    if (outcome.status == core::AuthOutcome::Status::Disabled) {
        ++m_state->counters.loginFailures;
        respond(tag,
                ImapStatusResponse::no("This mailbox is disabled", responsecode::contactAdmin()));
        return;
    }
    if (!outcome.ok()) {
        ++m_state->counters.loginFailures;
        respond(tag, ImapStatusResponse::no("Invalid credentials",
                                            responsecode::authenticationFailed()));
        return;
    }
    const core::MailboxTarget &mailbox = outcome.mailbox;
    if (!m_state->acquireUser(mailbox.address(), m_settings->limits.maxConnectionsPerUser)) {
        respond(tag, ImapStatusResponse::no("Too many connections for this user",
                                            responsecode::limit()));
        return;
    }
    m_user = mailbox;
    m_userCounted = true;
    const store::MailboxKey key = store::VmailPath::key(mailbox.domain, mailbox.localPart);
    m_storeDomain = key.domain;
    m_storeLocalPart = key.localPart;
    store::MessageStore *messages = m_state->services().messages;
    QString error;
    // A mailbox that never received mail may have no directory yet; the
    // admin API creates it, this covers mailboxes made before that.
    if (!messages->mailboxExists(mailbox.domain, mailbox.localPart))
        messages->ensureMailbox(mailbox.domain, mailbox.localPart, &error);
    m_mailbox = messages->sharedReader(mailbox.domain, mailbox.localPart, &error);
    if (!m_mailbox) {
        qCWarning(lcImap).noquote()
            << "cannot open the mailbox of" << mailbox.address() << ":" << error;
        respond(tag, ImapStatusResponse::no("Your mailbox cannot be opened right now",
                                            responsecode::unavailable()));
        return;
    }
    m_sessionState = State::Authenticated;
    ++m_state->counters.logins;
    qCInfo(lcImap).noquote() << mailbox.address() << "logged in from" << m_peer.toString()
                             << (m_tls ? "over TLS" : "in plaintext (loopback)");
    respond(tag, ImapStatusResponse::ok("Logged in", responsecode::capability(capabilities())));
}

void ImapSession::onEnable(const ImapCommand &command) {
    QByteArrayList enabled;
    for (const QByteArray &capability : command.as<ImapEnableArguments>()->capabilities) {
        if (capability == "IMAP4REV2") {
            m_imap4rev2 = true;
            enabled.append("IMAP4rev2"_ba);
        } else if (capability == "CONDSTORE") {
            m_condstore = true;
            enabled.append("CONDSTORE"_ba);
        } else if (capability == "QRESYNC") {
            m_qresync = true;
            m_condstore = true;
            enabled.append("QRESYNC"_ba);
        } else if (capability == "UTF8=ACCEPT") {
            m_utf8Accept = true;
            enabled.append("UTF8=ACCEPT"_ba);
        }
    }
    QByteArray line = "* ENABLED"_ba;
    for (qsizetype i = 0; i < enabled.size(); ++i) {
        if (enabled.indexOf(enabled.at(i)) == i)
            line += ' ' + enabled.at(i);
    }
    write(line + "\r\n"_ba);
    respond(command.tag, ImapStatusResponse::ok("ENABLE completed"));
}

void ImapSession::onId(const ImapCommand &command) {
    write("* ID (\"name\" \"Mailstead\" \"version\" \""_ba + QByteArray(versionString) +
          "\")\r\n"_ba);
    respond(command.tag, ImapStatusResponse::ok("ID completed"));
}

void ImapSession::onNamespace(const ImapCommand &command) {
    // One personal namespace with "/" between levels; no shared or other
    // users' folders.
    write("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n"_ba);
    respond(command.tag, ImapStatusResponse::ok("NAMESPACE completed"));
}

} // namespace mailstead::imap
