// SmtpClientSession.cpp - the outbound SMTP conversation with one address
//
// RFC 5321 sections 3.1-3.3, 4.1.1, 4.2.5 (a 421 ends the session),
// 4.5.2, 4.5.3.2; RFC 2920 section 3 (pipelined replies come in command
// order; DATA is the last command of a group); RFC 3207 section 4.2 (after
// TLS the client forgets what it knew and sends EHLO again); RFC 7435
// section 3 (opportunistic TLS without authentication); RFC 1870 section
// 6, RFC 6152 section 3, RFC 6531 section 3.4.
//
// SECURITY: a remote server's bytes are read only through parseSmtpReply();
// see SmtpClientSession.h.
#include "SmtpClientSession.h"

#include "OutboundContent.h"
#include "QueueLog.h"

#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

namespace {

smtp::SmtpReply ownReply(int code, const QByteArray &status, const QByteArray &text) {
    return smtp::makeReply(code, status, text);
}

QByteArray path(const QString &address) {
    return '<' + address.toUtf8() + '>';
}

bool isAscii(const QByteArray &bytes) {
    for (const char c : bytes) {
        if (static_cast<unsigned char>(c) > 127)
            return false;
    }
    return true;
}

} // namespace

SmtpClientSession::SmtpClientSession(const SmtpClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_socket(new QSslSocket(this))
    , m_timer(new QTimer(this)) {
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SmtpClientSession::onTimeout);
    connect(m_socket, &QSslSocket::connected, this, &SmtpClientSession::onConnected);
    connect(m_socket, &QSslSocket::readyRead, this, &SmtpClientSession::onReadyRead);
    connect(m_socket, &QSslSocket::encrypted, this, &SmtpClientSession::onEncrypted);
    connect(m_socket, &QSslSocket::errorOccurred, this, &SmtpClientSession::onSocketError);
    connect(m_socket, &QSslSocket::disconnected, this, &SmtpClientSession::onSocketError);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (m_options.requireTls) {
        // A smarthost gets our credentials: its certificate must verify.
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        if (!m_options.caCertificates.isEmpty())
            tls.addCaCertificates(m_options.caCertificates);
    } else {
        // RFC 7435 section 3: opportunistic TLS does not authenticate the
        // peer; an unverifiable certificate is still better than plain text.
        connect(m_socket, &QSslSocket::sslErrors, this, [this] { m_socket->ignoreSslErrors(); });
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    m_socket->setSslConfiguration(tls);
}

SmtpClientSession::~SmtpClientSession() {
    m_socket->disconnect(this);
}

void SmtpClientSession::start(const QHostAddress &address, quint16 port, const QString &hostName,
                              const ClientEnvelope &envelope, Callback done) {
    m_envelope = envelope;
    m_done = std::move(done);
    m_result.replies = QList<smtp::SmtpReply>(envelope.recipients.size());
    m_result.fromPeer = QList<bool>(envelope.recipients.size(), false);
    m_recipientAccepted = QList<bool>(envelope.recipients.size(), false);
    m_final = QList<bool>(envelope.recipients.size(), false);
    m_result.tls = u"none (not offered)"_s;
    m_result.server = hostName + u" ["_s + address.toString() + u"]:"_s + QString::number(port);
    m_result.serverName = hostName;
    m_socket->setPeerVerifyName(hostName);
    m_step = Step::Connecting;
    arm(m_options.timeouts.connect);
    if (m_options.implicitTls) {
        // RFC 8314 section 3.3: TLS from the first byte; the greeting
        // comes over it. The name to verify is the configured host name.
        m_result.tls = u"failed: no TLS session"_s;
        m_socket->connectToHostEncrypted(address.toString(), port, hostName);
        return;
    }
    m_socket->connectToHost(address, port);
}

void SmtpClientSession::arm(std::chrono::milliseconds timeout) {
    m_timer->start(timeout);
}

void SmtpClientSession::onConnected() {
    m_step = Step::Greeting;
    arm(m_options.timeouts.greeting);
}

void SmtpClientSession::onEncrypted() {
    m_encrypted = true;
    const QSslCipher cipher = m_socket->sessionCipher();
    m_result.tls = cipher.protocolString() + u' ' + cipher.name();
    if (m_options.implicitTls)
        return; // the greeting follows over TLS
    // RFC 3207 section 4.2: start over with EHLO.
    m_caps = {};
    m_step = Step::Ehlo;
    sendLine("EHLO " + m_options.heloName.toUtf8(), m_options.timeouts.command);
}

void SmtpClientSession::onSocketError() {
    if (m_step == Step::Finished)
        return;
    const QString error = m_socket->errorString();
    switch (m_step) {
    case Step::Connecting:
        m_result.tryNextAddress = true;
        failUnanswered(451, "4.4.1",
                       "cannot connect to " + m_result.server.toUtf8() + ": " + error.toUtf8(),
                       false);
        break;
    case Step::Greeting:
        if (m_options.implicitTls && !m_encrypted) {
            m_result.tlsFailed = true;
            m_result.tryNextAddress = true;
            m_result.tls = u"failed: "_s + error;
            failUnanswered(451, "4.7.5", "TLS handshake failed: " + error.toUtf8(), false);
            break;
        }
        if (m_commands.isEmpty())
            m_result.tryNextAddress = true;
        failUnanswered(451, "4.4.2", "connection lost: " + error.toUtf8(), false);
        break;
    case Step::Handshake:
        m_result.tlsFailed = true;
        m_result.tryNextAddress = true;
        m_result.tls = u"failed: "_s + error;
        failUnanswered(451, "4.7.5", "TLS handshake failed: " + error.toUtf8(), false);
        break;
    case Step::Quit:
        break; // the answers are all in; the peer closed first
    default:
        // Before MAIL nothing was decided: another address may do better.
        if (m_commands.isEmpty())
            m_result.tryNextAddress = true;
        failUnanswered(451, "4.4.2", "connection lost: " + error.toUtf8(), false);
        break;
    }
    finish();
}

void SmtpClientSession::onTimeout() {
    if (m_step == Step::Finished)
        return;
    if (m_step == Step::Connecting || m_step == Step::Greeting || m_commands.isEmpty())
        m_result.tryNextAddress = m_step != Step::Quit;
    if (m_step == Step::Handshake) {
        m_result.tlsFailed = true;
        m_result.tls = u"failed: handshake timed out"_s;
    }
    if (m_step != Step::Quit)
        failUnanswered(451, "4.4.2", "timeout waiting for " + m_result.server.toUtf8(), false);
    finish();
}

void SmtpClientSession::onReadyRead() {
    m_input += m_socket->readAll();
    while (m_step != Step::Finished) {
        const ReplyParse parse = parseSmtpReply(m_input);
        if (parse.status == ReplyParse::Status::Incomplete)
            return;
        if (parse.status == ReplyParse::Status::Error) {
            if (m_commands.isEmpty())
                m_result.tryNextAddress = true;
            failUnanswered(451, "4.5.0", "protocol error from the server: " + parse.error.toUtf8(),
                           false);
            finish();
            return;
        }
        m_input.remove(0, parse.consumed);
        handleReply(parse.reply);
    }
}

void SmtpClientSession::handleReply(const smtp::SmtpReply &reply) {
    switch (m_step) {
    case Step::Greeting:
        if (reply.code != 220) {
            // RFC 5321 section 3.1: the server refuses service; try another.
            m_result.tryNextAddress = true;
            failAll(reply, true);
            quit();
            return;
        }
        m_greeted = true;
        m_step = Step::Ehlo;
        sendLine("EHLO " + m_options.heloName.toUtf8(), m_options.timeouts.command);
        return;
    case Step::Ehlo:
        if (reply.isPositive()) {
            m_caps = parseEhloCapabilities(reply);
            afterEhlo();
        } else if (reply.isPermanentFailure()) {
            // RFC 5321 section 3.2: a server without EHLO gets HELO.
            m_step = Step::Helo;
            sendLine("HELO " + m_options.heloName.toUtf8(), m_options.timeouts.command);
        } else {
            m_result.tryNextAddress = true;
            failAll(reply, true);
            quit();
        }
        return;
    case Step::Helo:
        if (!reply.isPositive()) {
            m_result.tryNextAddress = reply.isTransientFailure();
            failAll(reply, true);
            quit();
            return;
        }
        m_caps = {};
        afterEhlo();
        return;
    case Step::StartTls:
        if (reply.code == 220) {
            m_step = Step::Handshake;
            arm(m_options.timeouts.command);
            m_socket->startClientEncryption();
        } else {
            m_result.tls =
                u"none (STARTTLS refused: "_s + QString::fromLatin1(replyText(reply)) + u')';
            if (m_options.requireTls) {
                refuseWithoutTls("STARTTLS refused: " + replyText(reply));
                return;
            }
            if (checkPeer())
                sendEnvelope();
        }
        return;
    case Step::Auth:
        handleAuthReply(reply);
        return;
    case Step::Envelope:
        handleEnvelopeReply(reply);
        return;
    case Step::Content:
        answerAccepted(reply);
        quit();
        return;
    case Step::Quit:
        finish();
        return;
    default:
        return; // nothing was asked: ignore
    }
}

void SmtpClientSession::afterEhlo() {
    if (!m_encrypted && m_options.useTls && m_caps.startTls) {
        m_step = Step::StartTls;
        sendLine("STARTTLS", m_options.timeouts.command);
        return;
    }
    if (!m_encrypted && m_options.requireTls) {
        refuseWithoutTls("the server does not offer STARTTLS");
        return;
    }
    if (!m_options.authUser.isEmpty()) {
        authenticate();
        return;
    }
    if (checkPeer())
        sendEnvelope();
}

// RFC 3207 section 4.1: a client that requires TLS and cannot have it
// does not go on. X.7.10 is "encryption needed" (RFC 5248 registry); a
// deferral, as the smarthost or its setting may be fixed.
void SmtpClientSession::refuseWithoutTls(const QByteArray &why) {
    failAll(ownReply(451, "4.7.10",
                     "TLS is required for " + m_result.server.toUtf8() + " (smarthost): " + why),
            false);
    quit();
}

// RFC 4954 section 4: PLAIN with its initial response (RFC 4616 section
// 2: authorization identity empty, authentication identity, password),
// or LOGIN (user name and password, each after a 334 challenge). Only ever
// reached over TLS (afterEhlo).
void SmtpClientSession::authenticate() {
    if (!m_encrypted) {
        refuseWithoutTls("credentials are never sent in plain text");
        return;
    }
    m_step = Step::Auth;
    if (m_caps.authPlain) {
        const QByteArray response =
            '\0' + m_options.authUser.toUtf8() + '\0' + m_options.authPassword.toUtf8();
        m_authStep = 0;
        sendLine("AUTH PLAIN " + response.toBase64(), m_options.timeouts.command);
        return;
    }
    if (m_caps.authLogin) {
        m_authStep = 1;
        sendLine("AUTH LOGIN", m_options.timeouts.command);
        return;
    }
    failAll(ownReply(451, "4.7.0",
                     "the smarthost " + m_result.server.toUtf8() +
                         " offers neither AUTH PLAIN nor AUTH LOGIN"),
            false);
    quit();
}

void SmtpClientSession::handleAuthReply(const smtp::SmtpReply &reply) {
    if (reply.code == 235) {
        // RFC 4954 section 4: authenticated; EHLO's capabilities still hold.
        m_authStep = 0;
        if (checkPeer())
            sendEnvelope();
        return;
    }
    if (reply.code == 334 && m_authStep == 1) {
        m_authStep = 2;
        sendLine(m_options.authUser.toUtf8().toBase64(), m_options.timeouts.command);
        return;
    }
    if (reply.code == 334 && m_authStep == 2) {
        m_authStep = 3;
        sendLine(m_options.authPassword.toUtf8().toBase64(), m_options.timeouts.command);
        return;
    }
    if (reply.code == 334) {
        // A challenge we did not expect: RFC 4954 section 4 lets the client
        // cancel with "*"; its answer is not awaited.
        m_socket->write("*\r\n");
    }
    // Deferred with the server's words, 535 and all, for `queue show`.
    failAll(ownReply(451, "4.7.0", "authentication refused by the smarthost: " + replyText(reply)),
            true);
    quit();
}

// What must hold before MAIL; a refusal here is permanent and made by us.
bool SmtpClientSession::checkPeer() {
    const qint64 size = m_envelope.message.size();
    if (m_caps.hasSize && m_caps.maxSize > 0 && size > m_caps.maxSize) {
        failAll(ownReply(552, "5.3.4",
                         "message size " + QByteArray::number(size) + " exceeds the limit of " +
                             m_result.server.toUtf8() + " (" + QByteArray::number(m_caps.maxSize) +
                             ")"),
                false);
        quit();
        return false;
    }
    if (m_envelope.smtpUtf8 && !m_caps.smtpUtf8) {
        failAll(ownReply(550, "5.6.7",
                         "the message needs SMTPUTF8, which " + m_result.server.toUtf8() +
                             " does not support"),
                false);
        quit();
        return false;
    }
    m_body8BitParameter.clear();
    if (hasEightBitBody(m_envelope.message)) {
        if (m_caps.eightBitMime) {
            m_body8BitParameter = " BODY=8BITMIME";
        } else {
            const SevenBitConversion converted = convertToSevenBit(m_envelope.message);
            if (!converted.ok) {
                failAll(ownReply(554, "5.6.3",
                                 "conversion to 7 bits for " + m_result.server.toUtf8() +
                                     " (no 8BITMIME) is not possible: " + converted.error.toUtf8()),
                        false);
                quit();
                return false;
            }
            m_envelope.message = converted.message;
        }
    }
    return true;
}

void SmtpClientSession::sendEnvelope() {
    m_step = Step::Envelope;
    m_commands.append({Command::Mail, 0});
    for (int i = 0; i < m_envelope.recipients.size(); ++i)
        m_commands.append({Command::Rcpt, i});
    if (m_caps.pipelining)
        m_commands.append({Command::Data, 0});
    sendNextCommand();
}

void SmtpClientSession::sendNextCommand() {
    QByteArray batch;
    const bool all = m_caps.pipelining;
    while (m_written < m_commands.size()) {
        const auto [command, index] = m_commands.at(m_written++);
        switch (command) {
        case Command::Mail: {
            QByteArray line = "MAIL FROM:" + path(m_envelope.sender);
            if (m_caps.hasSize)
                line += " SIZE=" + QByteArray::number(m_envelope.message.size());
            line += m_body8BitParameter;
            if (m_envelope.smtpUtf8 || (m_caps.smtpUtf8 && !isAscii(m_envelope.sender.toUtf8())))
                line += " SMTPUTF8";
            batch += line + "\r\n";
            break;
        }
        case Command::Rcpt:
            batch += "RCPT TO:" + path(m_envelope.recipients.at(index)) + "\r\n";
            break;
        case Command::Data:
            batch += "DATA\r\n";
            break;
        }
        if (!all)
            break;
    }
    m_socket->write(batch);
    arm(m_options.timeouts.command);
}

void SmtpClientSession::handleEnvelopeReply(const smtp::SmtpReply &reply) {
    if (m_answered >= m_written)
        return; // unsolicited
    const auto [command, index] = m_commands.at(m_answered++);
    switch (command) {
    case Command::Mail:
        if (!reply.isPositive()) {
            m_mailFailed = true;
            failAll(reply, true);
            if (!m_caps.pipelining) {
                quit();
                return;
            }
        }
        break;
    case Command::Rcpt:
        if (m_mailFailed)
            break;
        m_result.replies[index] = reply;
        m_result.fromPeer[index] = true;
        if (reply.isPositive()) {
            m_recipientAccepted[index] = true;
            ++m_accepted;
        } else {
            m_final[index] = true;
        }
        break;
    case Command::Data:
        if (reply.code == 354) {
            if (m_mailFailed || m_accepted == 0) {
                // A server that says 354 without recipients gets an empty
                // message it must refuse (RFC 2920 section 3.1).
                m_socket->write(".\r\n");
                m_step = Step::Quit;
                arm(m_options.timeouts.dataEnd);
                quit();
                return;
            }
            sendContent();
            return;
        }
        if (!m_mailFailed)
            answerAccepted(reply);
        quit();
        return;
    }
    if (m_answered < m_written)
        return; // more pipelined replies to come
    if (m_written < m_commands.size()) {
        sendNextCommand();
        return;
    }
    if (m_caps.pipelining)
        return; // DATA's reply is still to come
    if (m_mailFailed || m_accepted == 0) {
        quit();
        return;
    }
    m_commands.append({Command::Data, 0});
    sendNextCommand();
}

void SmtpClientSession::sendContent() {
    m_step = Step::Content;
    m_socket->write(dotStuffed(m_envelope.message));
    arm(m_options.timeouts.dataEnd);
}

void SmtpClientSession::sendLine(const QByteArray &line, std::chrono::milliseconds timeout) {
    m_socket->write(line + "\r\n");
    arm(timeout);
}

void SmtpClientSession::quit() {
    if (m_step == Step::Finished)
        return;
    m_step = Step::Quit;
    sendLine("QUIT", m_options.timeouts.command);
}

void SmtpClientSession::failUnanswered(int code, const QByteArray &status, const QByteArray &text,
                                       bool fromPeer) {
    // A recipient accepted at RCPT has no final answer until the data is
    // acknowledged.
    for (qsizetype i = 0; i < m_result.replies.size(); ++i) {
        if (!m_final.at(i)) {
            m_result.replies[i] = ownReply(code, status, text);
            m_result.fromPeer[i] = fromPeer;
            m_final[i] = true;
        }
    }
}

void SmtpClientSession::failAll(const smtp::SmtpReply &reply, bool fromPeer) {
    for (qsizetype i = 0; i < m_result.replies.size(); ++i) {
        m_result.replies[i] = reply;
        m_result.fromPeer[i] = fromPeer;
        m_final[i] = true;
    }
}

void SmtpClientSession::answerAccepted(const smtp::SmtpReply &reply) {
    for (qsizetype i = 0; i < m_recipientAccepted.size(); ++i) {
        if (m_recipientAccepted.at(i) && !m_final.at(i)) {
            m_result.replies[i] = reply;
            m_result.fromPeer[i] = true;
            m_final[i] = true;
        }
    }
}

void SmtpClientSession::finish() {
    if (m_step == Step::Finished)
        return;
    m_step = Step::Finished;
    m_timer->stop();
    failUnanswered(451, "4.4.2", "no answer from " + m_result.server.toUtf8(), false);
    m_socket->disconnect(this);
    m_socket->abort();
    if (m_done) {
        Callback done = std::move(m_done);
        m_done = nullptr;
        // The caller may delete this session from the callback.
        QMetaObject::invokeMethod(
            this, [done, result = m_result] { done(result); }, Qt::QueuedConnection);
    }
}

} // namespace mailstead::queue
