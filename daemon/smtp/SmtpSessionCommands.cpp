// SmtpSessionCommands.cpp - what each SMTP command does in a session
//
// RFC 5321 sections 4.1.1 (commands), 4.1.4 (order: EHLO/HELO first, MAIL,
// RCPT, DATA; EHLO and RSET reset the transaction), 3.3 (554 for DATA with
// no valid recipient, 503 for a bad sequence), 4.5.3.1.8 (recipients per
// message: 452 4.5.3); RFC 1870 (SIZE: 552 5.3.4), RFC 6531 (SMTPUTF8:
// 553 5.6.7), RFC 3030 (BDAT: a refused chunk is still read and thrown
// away; no DATA after BDAT: 503), RFC 3207 (STARTTLS), RFC 4954 section 5
// (AUTH= from an unauthenticated client is accepted and ignored), RFC 2034
// and RFC 3463 (enhanced status codes on every reply but the greeting,
// EHLO/HELO and 354). VRFY answers 252 and EXPN 502: no address harvesting.
//
// The end of the data (handing the message to the store and the reply
// after it) is in SmtpSessionDelivery.cpp.
//
// SECURITY: commands come from an unauthenticated peer and were parsed by
// parseCommand. Recipients are checked by SmtpRecipientPolicy before
// anything is stored.
#include "core/Log.h"
#include "SmtpCommandParser.h"
#include "SmtpRecipientPolicy.h"
#include "SmtpSession.h"
#include "SmtpTraceHeaders.h"
#include "store/MessageStore.h"

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

SmtpReply ok() {
    return makeReply(250, "2.0.0", "Ok");
}

SmtpReply badSequence(const QByteArray &text) {
    return makeReply(503, "5.5.1", text);
}

} // namespace

void SmtpSession::executeLine(const QByteArray &line) {
    const SmtpCommandResult result = parseCommand(line, m_settings->limits);
    if (result.ok()) {
        execute(result.command);
        return;
    }
    if (result.disconnect) {
        qCInfo(core::lcSmtp).noquote() << "closing connection from" << m_peer.toString()
                                       << "after a" << result.command.verbText << "request";
        closeWith(result.error);
        return;
    }
    if (result.command.verb == SmtpVerb::Bdat) {
        // Without a valid size the chunk cannot be skipped: its content
        // would be read as commands. Nothing more can be trusted.
        m_output += result.error.toWire(true);
        closeWith(
            makeReply(421, "4.5.0", m_settings->hostname.toUtf8() + " Lost sync in BDAT, closing"));
        return;
    }
    refuse(result.error);
}

void SmtpSession::execute(const SmtpCommand &command) {
    switch (command.verb) {
    case SmtpVerb::Ehlo:
    case SmtpVerb::Helo:
        onHelo(command);
        return;
    case SmtpVerb::Mail:
        onMail(command);
        return;
    case SmtpVerb::Rcpt:
        onRcpt(command);
        return;
    case SmtpVerb::Data:
        onData();
        return;
    case SmtpVerb::Bdat:
        onBdat(command);
        return;
    case SmtpVerb::Rset:
        resetTransaction();
        reply(ok());
        return;
    case SmtpVerb::Noop:
        reply(ok());
        return;
    case SmtpVerb::Quit:
        closeWith(makeReply(221, "2.0.0", "Bye"));
        return;
    case SmtpVerb::Vrfy:
        reply(makeReply(252, "2.5.0",
                        "Cannot VRFY user, but will accept message and attempt delivery"));
        return;
    case SmtpVerb::Expn:
        refuse(makeReply(502, "5.5.1", "EXPN is not available"));
        return;
    case SmtpVerb::Help:
        reply(makeReply(214, "2.0.0",
                        "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP "
                        "STARTTLS; see RFC 5321"));
        return;
    case SmtpVerb::StartTls:
        onStartTls();
        return;
    case SmtpVerb::Auth:
        if (m_submission)
            onAuth(command);
        else
            refuse(badSequence("Authentication is not available on this port"));
        return;
    case SmtpVerb::Unknown:
        break;
    }
    refuse(makeReply(500, "5.5.1", "Command not recognized"));
}

SmtpReply SmtpSession::ehloReply() const {
    const SmtpLimits &limits = m_settings->limits;
    SmtpEhloReplyBuilder builder(m_settings->hostname.toUtf8());
    builder.addKeyword("PIPELINING");
    builder.addKeyword("SIZE", limits.maxMessageSize > 0 ? QByteArray::number(limits.maxMessageSize)
                                                         : QByteArray());
    builder.addKeyword("8BITMIME");
    builder.addKeyword("SMTPUTF8");
    builder.addKeyword("ENHANCEDSTATUSCODES");
    builder.addKeyword("CHUNKING");
    builder.addKeyword("DSN");
    if (!m_tls && m_state->services().certificates)
        builder.addKeyword("STARTTLS");
    // RFC 4954 section 4 and RFC 8314 section 3: mechanisms that send the
    // password in the clear are offered only inside TLS.
    if (m_submission && m_tls && m_state->services().authenticator)
        builder.addKeyword("AUTH", SmtpAuthExchange::mechanisms());
    return builder.reply();
}

void SmtpSession::onHelo(const SmtpCommand &command) {
    // RFC 5321 section 4.1.4: EHLO/HELO later in a session is a reset.
    resetTransaction();
    m_greeted = true;
    m_esmtp = command.verb == SmtpVerb::Ehlo;
    m_heloName = command.heloName;
    if (m_esmtp)
        m_output += ehloReply().toWire(false);
    else
        m_output += makeReply(250, {}, m_settings->hostname.toUtf8()).toWire(false);
}

void SmtpSession::onMail(const SmtpCommand &command) {
    if (!m_greeted) {
        refuse(badSequence("Send EHLO or HELO first"));
        return;
    }
    if (m_transaction.active) {
        refuse(badSequence("Nested MAIL command"));
        return;
    }
    if (m_shutdownRequested || m_state->draining.load()) {
        closeWith(makeReply(421, "4.3.2",
                            m_settings->hostname.toUtf8() + " Service shutting down, try later"));
        return;
    }
    const MailParameters &parameters = command.mail;
    const qint64 maxSize = m_settings->limits.maxMessageSize;
    if (parameters.body == SmtpBodyType::BinaryMime) {
        // Not announced: BINARYMIME content cannot be checked like text.
        refuse(makeReply(555, "5.5.4", "BODY=BINARYMIME is not supported"));
        return;
    }
    if (maxSize > 0 && parameters.size > maxSize) {
        // RFC 1870 section 6.2.
        refuse(makeReply(552, "5.3.4",
                         "Message size exceeds the fixed limit of " + QByteArray::number(maxSize) +
                             " octets"));
        return;
    }
    if (command.path.utf8 && !parameters.smtpUtf8) {
        refuse(makeReply(553, "5.6.7", "The address contains non-ASCII characters; use SMTPUTF8"));
        return;
    }
    if (m_submission && !checkSubmissionMail(command))
        return;
    m_transaction.begin(command.path, parameters);
    reply(makeReply(250, "2.1.0", "Ok"));
}

void SmtpSession::onRcpt(const SmtpCommand &command) {
    if (!m_transaction.active) {
        refuse(badSequence("Need MAIL before RCPT"));
        return;
    }
    SmtpCounters &counters = m_state->counters;
    if (m_transaction.recipients.size() >= m_settings->limits.maxRecipients) {
        // RFC 5321 section 4.5.3.1.10: temporary, the client sends the rest
        // in another transaction.
        ++counters.recipientsRejected;
        reply(makeReply(452, "4.5.3", "Too many recipients"));
        return;
    }
    if (m_submission) {
        onSubmissionRcpt(command);
        return;
    }
    const RecipientDecision decision =
        decideRecipient(command.path, m_transaction.mail.smtpUtf8, m_transaction.mail.size,
                        m_state->services(), *m_settings);
    if (!decision.accepted()) {
        ++counters.recipientsRejected;
        qCDebug(core::lcSmtp).noquote() << "refused recipient" << command.path.written << "from"
                                        << m_peer.toString() << ":" << decision.reply.code;
        if (decision.peerError)
            refuse(decision.reply);
        else
            reply(decision.reply);
        return;
    }
    ++counters.recipientsAccepted;
    m_transaction.addRecipient(command.path.isPostmaster() ? command.path.localPart
                                                           : command.path.address(),
                               decision.mailboxes);
    reply(decision.reply);
}

void SmtpSession::onData() {
    if (!m_transaction.active) {
        refuse(badSequence("Need MAIL command"));
        return;
    }
    if (m_transaction.usedBdat) {
        refuse(badSequence("DATA cannot follow BDAT in one transaction (RFC 3030)"));
        return;
    }
    if (m_transaction.recipients.isEmpty()) {
        refuse(makeReply(554, "5.5.1", "No valid recipients"));
        return;
    }
    startMessage();
    m_data.reset();
    m_mode = Mode::Data;
    m_output += makeReply(354, {}, "End data with <CR><LF>.<CR><LF>").toWire(false);
}

void SmtpSession::onBdat(const SmtpCommand &command) {
    SmtpReply refusal;
    if (!m_transaction.active)
        refusal = badSequence("Need MAIL command");
    else if (m_transaction.recipients.isEmpty())
        refusal = makeReply(554, "5.5.1", "No valid recipients");
    if (!refusal.isNull()) {
        refuse(refusal);
        discardChunk(command.chunkSize);
        return;
    }
    if (!m_transaction.usedBdat) {
        m_transaction.usedBdat = true;
        startMessage();
        m_bdat.reset();
    }
    m_bdat.startChunk(command.chunkSize, command.lastChunk);
    m_chunkSize = command.chunkSize;
    m_chunkIsLast = command.lastChunk;
    m_mode = Mode::Bdat;
    if (command.chunkSize == 0)
        endOfChunk();
}

void SmtpSession::discardChunk(qint64 size) {
    // RFC 3030 section 2: a refused chunk is still read, and thrown away.
    if (m_mode == Mode::Closing || size <= 0)
        return;
    m_discardRemaining = size;
    m_mode = Mode::BdatDiscard;
}

void SmtpSession::onStartTls() {
    if (m_tls) {
        refuse(badSequence("TLS is already active"));
        return;
    }
    if (!m_state->services().certificates) {
        refuse(makeReply(454, "4.7.0", "TLS not available"));
        return;
    }
    if (m_transaction.active) {
        refuse(badSequence("MAIL transaction in progress"));
        return;
    }
    reply(makeReply(220, "2.0.0", "Ready to start TLS"));
    startTls();
}

void SmtpSession::startMessage() {
    TraceInfo trace;
    trace.returnPath = m_transaction.sender.address();
    // One shared file for every mailbox (hard links): a per-recipient
    // header only fits when there is one.
    if (m_transaction.mailboxes.size() == 1)
        trace.deliveredTo = m_transaction.mailboxes.constFirst().address();
    trace.heloName = m_heloName;
    trace.peerName = m_peerName;
    trace.peerAddress = m_peer;
    trace.hostname = m_settings->hostname;
    trace.protocol = protocolName(m_esmtp, m_tls, m_transaction.mail.smtpUtf8, m_authenticated);
    trace.queueId = m_transaction.queueId;
    // RFC 5321 section 4.4: "for" names one recipient; with several it
    // would tell each of them who else got the message.
    if (m_transaction.recipients.size() == 1)
        trace.forRecipient = m_transaction.recipients.constFirst();
    if (m_tls) {
        trace.tlsProtocol = m_tlsProtocol;
        trace.tlsCipher = m_tlsCipher;
    }
    trace.date = QDateTime::currentDateTime();
    trace.utf8 = m_transaction.mail.smtpUtf8;
    store::MessageStore *messages = m_state->services().messages;
    const QByteArray head = traceHeaders(trace);
    m_deliveredToOffset = returnPathLength(head);
    m_traceHeadLength = head.size();
    m_headerCapture.clear();
    m_contentBytes = 0;
    m_spool.begin(head, m_transaction.mail.size,
                  [messages] { return messages ? messages->newSpoolPath() : QString(); });
}

void SmtpSession::endOfData() {
    m_mode = Mode::Command;
    const SmtpDataOutcome outcome = m_data.outcome();
    if (outcome != SmtpDataOutcome::Ok) {
        qCInfo(core::lcSmtp).noquote()
            << m_transaction.queueId << "refused from" << m_peer.toString() << ":"
            << replyForDataOutcome(outcome, m_settings->limits).lines.value(0);
        refuse(replyForDataOutcome(outcome, m_settings->limits));
        resetTransaction();
        return;
    }
    deliver();
}

void SmtpSession::endOfChunk() {
    m_mode = Mode::Command;
    const SmtpDataOutcome outcome = m_bdat.outcome();
    if (outcome != SmtpDataOutcome::Ok) {
        // RFC 3030 section 2: after a failed chunk the transaction is over;
        // further chunks get 503 and are discarded.
        qCInfo(core::lcSmtp).noquote()
            << m_transaction.queueId << "refused from" << m_peer.toString() << ":"
            << replyForDataOutcome(outcome, m_settings->limits).lines.value(0);
        refuse(replyForDataOutcome(outcome, m_settings->limits));
        resetTransaction();
        return;
    }
    if (!m_chunkIsLast) {
        reply(makeReply(250, "2.0.0", QByteArray::number(m_chunkSize) + " octets received"));
        return;
    }
    deliver();
}

void SmtpSession::resetTransaction() {
    m_transaction.clear();
    m_headerCapture.clear();
    m_contentBytes = 0;
    m_spool.discard();
    m_data.reset();
    m_bdat.reset();
}

} // namespace mailstead::smtp
