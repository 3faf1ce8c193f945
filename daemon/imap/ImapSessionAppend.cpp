// ImapSessionAppend.cpp - APPEND: the message literal is checked before it
// is read, streamed to a spool file, and acknowledged once durable
//
// RFC 9051 section 6.3.12 (APPEND; NO [TRYCREATE] for a missing mailbox),
// RFC 7888 (LITERAL+: the message may already be on its way), RFC 7889
// (APPENDLIMIT: NO [TOOBIG] before the literal, done by the reader), RFC
// 9208 section 4.3 / RFC 5530 (NO [OVERQUOTA] when the announced size does
// not fit), RFC 4315 section 3 (APPENDUID), RFC 6855 section 4 (APPEND
// UTF8), DESIGN.md "Durability" (OK only after the store's deliver
// callback: file and directory fsynced, index row committed).
//
// Flow: ImapCommandReader stops at the message literal (AppendLiteral);
// the APPEND arguments so far are parsed and checked, then the literal is
// accepted (a continuation for a synchronizing literal) or refused. Its
// octets arrive as MessageData and go to a file in the store's spool, the
// store links that file into the folder (MessageData::fromSpoolFile), so
// the message is written once and never held in memory.
//
// SECURITY: the message is the authenticated user's own data, bound for
// their own mailbox; its size is bounded by APPENDLIMIT and the quota
// before a byte of it is read.
#include "ImapCommandParser.h"
#include "ImapFlags.h"
#include "ImapLog.h"
#include "ImapSession.h"
#include "store/MailboxReader.h"
#include "store/MessageStore.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

bool ImapSession::quotaAllows(qint64 bytes) const {
    const store::Usage usage = m_mailbox->usage();
    if (m_user.quotaBytes > 0 && usage.bytes + bytes > m_user.quotaBytes)
        return false;
    if (m_user.domainQuotaBytes > 0) {
        const store::Usage domain = m_state->services().messages->domainUsage(m_user.domain);
        if (domain.bytes + bytes > m_user.domainQuotaBytes)
            return false;
    }
    return true;
}

void ImapSession::onAppendLiteral() {
    const ImapParseResult parsed = parseCommand(m_reader.appendHeader(), parserOptions());
    const QByteArray tag = parsed.command.tag.isEmpty() ? m_reader.tag() : parsed.command.tag;
    auto refuseLiteral = [this, &tag](const ImapStatusResponse &response) {
        if (response.kind == ImapStatusResponse::Kind::Bad)
            refuse(tag, response);
        else
            respond(tag, response);
        if (!m_reader.refuseLiteral() && m_mode != Mode::Closing)
            closeWith(ImapStatusResponse::bye("Refused message too large to discard",
                                              responsecode::tooBig()));
    };
    if (!parsed.ok()) {
        refuseLiteral(parsed.error);
        return;
    }
    if (m_sessionState != State::Authenticated && m_sessionState != State::Selected) {
        refuseLiteral(ImapStatusResponse::bad("APPEND: Log in first"));
        return;
    }
    const ImapAppendArguments *args = parsed.command.as<ImapAppendArguments>();
    store::MessageFlags flags;
    QStringList keywords;
    if (!imapParseFlags(args->flags, &flags, &keywords)) {
        refuseLiteral(ImapStatusResponse::bad("Invalid flag in APPEND"));
        return;
    }
    const std::optional<store::FolderInfo> folder = findFolder(args->mailbox);
    if (!folder) {
        refuseLiteral(ImapStatusResponse::no("No such mailbox", responsecode::tryCreate()));
        return;
    }
    const qint64 size = m_reader.literal().size;
    if (size <= 0) {
        refuseLiteral(ImapStatusResponse::no("The message is empty"));
        return;
    }
    if (!quotaAllows(size)) {
        refuseLiteral(ImapStatusResponse::no("Quota exceeded", responsecode::overQuota()));
        return;
    }
    auto job = std::make_unique<AppendJob>();
    job->tag = tag;
    job->folder = folder->name;
    job->spoolPath = m_state->services().messages->newSpoolPath();
    job->file = std::make_unique<QFile>(job->spoolPath);
    if (!job->file->open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        qCWarning(lcImap).noquote()
            << "cannot create spool file" << job->spoolPath << ":" << job->file->errorString();
        refuseLiteral(
            ImapStatusResponse::no("Cannot store messages right now", responsecode::unavailable()));
        return;
    }
    m_append = std::move(job);
    const bool synchronizing = m_reader.literal().synchronizing;
    m_reader.acceptLiteral();
    if (synchronizing)
        write(imapContinuation("Ready for the message"));
}

void ImapSession::onAppendData(QByteArrayView data) {
    AppendJob *job = m_append.get();
    if (!job || job->failed)
        return;
    // RFC822.SIZE counts CRLF line ends: note the bare LFs as they pass.
    bool lastWasCr = job->lastWasCr;
    for (const char c : data) {
        if (c == '\n' && !lastWasCr)
            ++job->bareLineFeeds;
        lastWasCr = c == '\r';
    }
    job->lastWasCr = lastWasCr;
    job->size += data.size();
    if (job->file->write(data.data(), data.size()) != data.size()) {
        qCWarning(lcImap).noquote()
            << "cannot write spool file" << job->spoolPath << ":" << job->file->errorString();
        job->failed = true;
    }
}

void ImapSession::discardAppend() {
    if (!m_append)
        return;
    m_append->file->close();
    QFile::remove(m_append->spoolPath);
    m_append.reset();
}

void ImapSession::onAppend(const ImapCommand &command) {
    const ImapAppendArguments *args = command.as<ImapAppendArguments>();
    if (!m_append || !args->messageStreamed) {
        discardAppend();
        respond(command.tag, ImapStatusResponse::no("The message did not arrive as expected"));
        return;
    }
    std::unique_ptr<AppendJob> job = std::move(m_append);
    const bool flushed = job->file->flush();
    job->file->close();
    if (job->failed || !flushed || job->size != args->messageSize) {
        QFile::remove(job->spoolPath);
        respond(command.tag, ImapStatusResponse::no("Cannot store the message right now",
                                                    responsecode::unavailable()));
        return;
    }
    store::MessageFlags flags;
    QStringList keywords;
    imapParseFlags(args->flags, &flags, &keywords);

    store::Recipient recipient;
    recipient.domain = m_user.domain;
    recipient.localPart = m_user.localPart;
    recipient.folder = job->folder;
    recipient.quotaBytes = m_user.quotaBytes;
    recipient.domainQuotaBytes = m_user.domainQuotaBytes;
    store::DeliveryRequest request;
    request.recipients = {recipient};
    request.message =
        store::MessageData::fromSpoolFile(job->spoolPath, job->size + job->bareLineFeeds);
    if (args->internalDate)
        request.internalDate = *args->internalDate;
    request.flags = flags;
    request.keywords = keywords;

    ++m_state->pendingWrites;
    wait();
    QPointer<ImapSession> self(this);
    std::shared_ptr<ImapServerState> state = m_state;
    const QByteArray tag = command.tag;
    const qint64 size = job->size;
    // The store owns the spool file from here on.
    m_state->services().messages->deliver(
        std::move(request), parent(),
        [self, state, tag, size](const QList<store::DeliveryResult> &results) {
            --state->pendingWrites;
            if (!self)
                return;
            store::DeliveryResult result;
            if (!results.isEmpty())
                result = results.constFirst();
            self->appended(tag, result, size);
            self->resume();
        });
}

void ImapSession::appended(const QByteArray &tag, const store::DeliveryResult &result,
                           qint64 size) {
    if (m_mode == Mode::Closing)
        return;
    switch (result.status) {
    case store::DeliveryStatus::Ok:
        ++m_state->counters.messagesAppended;
        m_state->counters.bytesAppended += size;
        writeUpdates(true);
        respond(tag,
                ImapStatusResponse::ok("APPEND completed",
                                       responsecode::appendUid(result.uidValidity, result.uid)));
        return;
    case store::DeliveryStatus::OverQuota:
        respond(tag, ImapStatusResponse::no("Quota exceeded", responsecode::overQuota()));
        return;
    case store::DeliveryStatus::NoSuchFolder:
        respond(tag, ImapStatusResponse::no("No such mailbox", responsecode::tryCreate()));
        return;
    case store::DeliveryStatus::InvalidName:
    case store::DeliveryStatus::IoError:
        qCWarning(lcImap).noquote() << "APPEND for" << userAddress() << "failed:" << result.error;
        respond(tag, ImapStatusResponse::no("Cannot store the message right now",
                                            responsecode::unavailable()));
        return;
    }
}

} // namespace mailstead::imap
