// fuzz_imap_command.cpp - libFuzzer target for the IMAP command stream
//
// Feeds arbitrary bytes through ImapCommandReader whole and in chunks chosen
// from the input itself, with limits, literal mode, message mode and
// APPEND decisions chosen from the input, and requires the same events
// either way. Every framed command is parsed under IMAP4rev1, IMAP4rev2 and
// UTF8=ACCEPT+QRESYNC options, and checked: errors are single well-formed
// response lines, tags are valid, parsed mailbox names survive encoding and
// decoding, parsed sequence sets survive formatting and resolve to
// normalized sets, SEARCH trees respect the depth limit. The input is also
// run through the mailbox name codec (strict decoding means encoding what
// was decoded gives the input back), the sequence set and date parsers, and
// the response string writer (what it writes parses back to the value).
//
// SECURITY: this is the code that sees the first bytes of every
// unauthenticated IMAP peer (daemon/imap/ImapCommandReader.cpp,
// ImapCommandParser.cpp, ImapScanner.cpp and the argument grammars).

#include "imap/ImapCommandParser.h"
#include "imap/ImapCommandReader.h"
#include "imap/ImapDateTime.h"
#include "imap/ImapMailboxName.h"
#include "imap/ImapResponseFormat.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace mailstead::imap;

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

std::uint32_t fnv1a(const std::uint8_t *data, std::size_t size) {
    std::uint32_t hash = 2166136261u;
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= data[i];
        hash *= 16777619u;
    }
    return hash;
}

struct Event {
    ImapCommandReader::Status status;
    QByteArray text; // command text, message data, or response
    qint64 number = 0;
    bool operator==(const Event &) const = default;
};

struct Run {
    QList<Event> events;
    QList<ImapRawCommand> commands;
};

Run read(QByteArrayView input, const ImapLimits &limits, ImapCommandReader::LiteralMode mode,
         ImapCommandReader::MessageMode messageMode, std::uint32_t decisions, std::uint32_t state,
         std::uint32_t maxChunk) {
    ImapCommandReader reader(limits, mode);
    reader.setMessageMode(messageMode);
    Run run;
    QByteArray data;
    auto flush = [&] {
        if (!data.isEmpty())
            run.events.append({ImapCommandReader::Status::MessageData, data, 0});
        data.clear();
    };
    int appendCount = 0;
    qsizetype position = 0;
    while (position < input.size()) {
        qsizetype length = input.size() - position;
        if (maxChunk > 0) {
            state = state * 1103515245u + 12345u; // fixed LCG: reproducible chunking
            length = std::min<qsizetype>(1 + (state >> 16) % maxChunk, length);
        }
        QByteArrayView piece = input.sliced(position, length);
        position += length;
        while (!piece.isEmpty()) {
            const ImapCommandReader::Result r = reader.next(piece);
            require(r.consumed >= 0 && r.consumed <= piece.size());
            require(r.consumed > 0 || r.status != ImapCommandReader::Status::NeedMore);
            piece = piece.sliced(r.consumed);
            if (r.status != ImapCommandReader::Status::MessageData)
                flush();
            switch (r.status) {
            case ImapCommandReader::Status::NeedMore:
                require(piece.isEmpty());
                break;
            case ImapCommandReader::Status::Command: {
                ImapRawCommand raw = reader.takeCommand();
                require(raw.text.size() <= limits.maxCommandSize + limits.maxCommandLine +
                                               2 * limits.maxLiteralsPerCommand);
                require(raw.message.size() <= limits.maxLiteralSize);
                run.events.append({r.status, raw.text, raw.messageOffset});
                run.commands.append(std::move(raw));
                break;
            }
            case ImapCommandReader::Status::Continue:
                require(reader.literal().synchronizing && !reader.literal().message);
                run.events.append({r.status, {}, reader.literal().size});
                break;
            case ImapCommandReader::Status::AppendLiteral: {
                require(reader.literal().message);
                require(reader.literal().size <= limits.maxLiteralSize);
                // The header parses without crashing, whatever it holds.
                (void)parseCommand(reader.appendHeader());
                const bool refuse = (decisions >> (appendCount++ % 32)) & 1;
                run.events.append({r.status, {}, refuse ? 1 : 0});
                if (!refuse)
                    reader.acceptLiteral();
                else if (!reader.refuseLiteral())
                    run.events.append({r.status, "close", 0});
                break;
            }
            case ImapCommandReader::Status::MessageData:
                require(!r.data.isEmpty());
                data += r.data;
                break;
            case ImapCommandReader::Status::LiteralRefused:
            case ImapCommandReader::Status::LineTooLong: {
                const QByteArray wire = r.response.toWire(reader.tag());
                require(wire.endsWith("\r\n") && wire.count('\n') == 1);
                run.events.append({r.status, wire, r.closeConnection ? 1 : 0});
                break;
            }
            }
        }
    }
    flush();
    return run;
}

void checkResponse(const ImapStatusResponse &response, const QByteArray &tag) {
    const QByteArray wire = response.toWire(tag);
    require(wire.endsWith("\r\n"));
    require(wire.count('\n') == 1 && wire.count('\r') == 1);
    for (const char c : wire.chopped(2))
        require(c >= 32 && c <= 126);
    require(!response.text.isEmpty());
}

void checkMailbox(const QString &name, const ImapParserOptions &options) {
    const ImapMailboxNameDecode again =
        decodeMailboxName(encodeMailboxName(name, options.utf8()), options.utf8(),
                          options.limits.maxMailboxNameOctets);
    require(again.ok());
    require(again.name == name);
}

void checkSet(const ImapSequenceSet &set, const ImapParserOptions &options) {
    require(!set.isEmpty());
    const ImapSequenceSetParse again =
        parseSequenceSet(formatSequenceSet(set), options.limits.maxSequenceSetRanges + 1);
    require(again.error.isEmpty());
    require(again.set.ranges == set.ranges && again.set.savedResult == set.savedResult);
    for (const quint32 largest : {0u, 1u, 7u, 4294967295u}) {
        for (const ImapNumberKind kind : {ImapNumberKind::SequenceNumber, ImapNumberKind::Uid}) {
            const ImapSequenceResolution resolved =
                resolveSequenceSet(set, largest, kind, sequenceSetFromValues({2, 3, 9}));
            if (!resolved.ok())
                continue;
            const QList<ImapSequenceRange> &ranges = resolved.set.ranges;
            for (qsizetype i = 0; i < ranges.size(); ++i) {
                require(ranges[i].first >= 1 && ranges[i].first <= ranges[i].last);
                require(ranges[i].last <= largest);
                if (i > 0)
                    require(quint64(ranges[i - 1].last) + 1 < ranges[i].first);
            }
        }
    }
}

int depth(const ImapSearchKey &key) {
    int deepest = 0;
    for (const ImapSearchKey &child : key.children)
        deepest = std::max(deepest, depth(child));
    return deepest + 1;
}

void checkSearch(const ImapSearchKey &key, const ImapParserOptions &options) {
    if (key.kind == ImapSearchKey::Kind::Uid || key.kind == ImapSearchKey::Kind::SequenceSet)
        checkSet(key.set, options);
    if (key.kind == ImapSearchKey::Kind::Or)
        require(key.children.size() == 2);
    if (key.kind == ImapSearchKey::Kind::Not)
        require(key.children.size() == 1);
    for (const ImapSearchKey &child : key.children)
        checkSearch(child, options);
}

void checkCommand(const ImapRawCommand &raw, const ImapParserOptions &options) {
    const ImapParseResult result = parseCommand(raw, options);
    const ImapCommand &command = result.command;
    if (!result.ok()) {
        checkResponse(result.error, command.tag);
        require(result.error.kind == ImapStatusResponse::Kind::Bad ||
                result.error.kind == ImapStatusResponse::Kind::No);
        return;
    }
    require(command.name != ImapCommandName::Unknown);
    require(!command.tag.isEmpty() && command.tag.size() <= options.limits.maxTagLength);
    require(!command.tag.contains('+') && !command.tag.contains(' '));
    if (const auto *a = command.as<ImapSelectArguments>()) {
        checkMailbox(a->mailbox, options);
        require(!a->qresync || options.qresync);
    } else if (const auto *m = command.as<ImapMailboxArgument>()) {
        checkMailbox(m->mailbox, options);
    } else if (const auto *r = command.as<ImapRenameArguments>()) {
        checkMailbox(r->from, options);
        checkMailbox(r->to, options);
    } else if (const auto *l = command.as<ImapListArguments>()) {
        require(!l->patterns.isEmpty());
        for (const QString &pattern : l->patterns)
            checkMailbox(pattern, options);
    } else if (const auto *ap = command.as<ImapAppendArguments>()) {
        checkMailbox(ap->mailbox, options);
        require(ap->messageStreamed || ap->message.size() == ap->messageSize);
    } else if (const auto *f = command.as<ImapFetchArguments>()) {
        checkSet(f->set, options);
        require(!f->items.isEmpty());
        for (const ImapFetchItem &item : f->items)
            require(!fetchResponseName(item).isEmpty());
        require(!f->vanished || (command.uid && f->changedSince && options.qresync));
    } else if (const auto *st = command.as<ImapStoreArguments>()) {
        checkSet(st->set, options);
        for (const QByteArray &flag : st->flags)
            require(!flag.isEmpty() && flag != "\\Recent");
    } else if (const auto *c = command.as<ImapCopyArguments>()) {
        checkSet(c->set, options);
        checkMailbox(c->mailbox, options);
    } else if (const auto *s = command.as<ImapSearchArguments>()) {
        require(s->program.kind == ImapSearchKey::Kind::And && !s->program.children.empty());
        require(depth(s->program) <= options.limits.maxSearchDepth + 1);
        checkSearch(s->program, options);
    }
}

// Strict decoding: whatever decodes is the one canonical encoding.
void checkCodecs(QByteArrayView input) {
    const ImapMailboxNameDecode decoded = decodeModifiedUtf7(input);
    if (decoded.ok())
        require(encodeModifiedUtf7(decoded.name) == input.toByteArray());
    const QString text = QString::fromUtf8(input);
    const ImapMailboxNameDecode back = decodeModifiedUtf7(encodeModifiedUtf7(text));
    require(back.ok() && back.name == text);

    const std::optional<QDateTime> date = parseImapDateTime(input);
    if (date) {
        const std::optional<QDateTime> again = parseImapDateTime(formatImapDateTime(*date));
        require(again && *again == *date && again->offsetFromUtc() == date->offsetFromUtc());
    }

    // What the response writer produces, the command parser reads back.
    if (!input.contains('\0')) {
        for (const bool utf8 : {false, true}) {
            ImapStringOptions options;
            options.utf8 = utf8;
            ImapParserOptions parser;
            parser.imap4rev2 = utf8;
            parser.limits.maxCommandSize = 1 << 30;
            const QByteArray line =
                "a LOGIN "_ba + imapAstring(input, options) + ' ' + imapString(input, options);
            const ImapParseResult login = parseCommand(line, parser);
            require(login.ok());
            const auto *arguments = login.command.as<ImapLoginArguments>();
            require(arguments && arguments->user == input.toByteArray() &&
                    arguments->password == input.toByteArray());
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::uint32_t state = fnv1a(data, size);

    ImapLimits limits;
    if (state & 1) {
        limits.maxCommandLine = 8 + qsizetype(state >> 4) % 256;
        limits.maxCommandSize = limits.maxCommandLine + qsizetype(state >> 8) % 512;
        limits.maxNonAppendLiteral = qsizetype(state >> 12) % 64;
        limits.maxLiteralSize = qsizetype(state >> 16) % 128;
        limits.maxDiscardedLiteral = qsizetype(state >> 20) % 256;
        limits.maxLiteralsPerCommand = 1 + int(state >> 24) % 8;
        limits.maxSequenceSetRanges = 1 + int(state >> 5) % 16;
        limits.maxSearchDepth = 1 + int(state >> 9) % 8;
        limits.maxSearchKeys = 1 + int(state >> 13) % 32;
        limits.maxTagLength = 1 + int(state >> 17) % 16;
        limits.maxMailboxNameOctets = 1 + int(state >> 21) % 64;
    }
    const auto mode =
        (state & 2) ? ImapCommandReader::LiteralMode::Minus : ImapCommandReader::LiteralMode::Plus;
    const auto messageMode = (state & 4) ? ImapCommandReader::MessageMode::Stream
                                         : ImapCommandReader::MessageMode::Collect;
    const std::uint32_t decisions = state * 2654435761u;
    const std::uint32_t maxChunk = 1 + (state >> 26) % 32;

    const Run whole = read(input, limits, mode, messageMode, decisions, state, 0);
    const Run chunked = read(input, limits, mode, messageMode, decisions, state, maxChunk);
    require(whole.events == chunked.events); // framing must not depend on how bytes arrive

    ImapParserOptions rev1;
    rev1.limits = limits;
    ImapParserOptions rev2 = rev1;
    rev2.imap4rev2 = true;
    ImapParserOptions utf8 = rev1;
    utf8.utf8Accept = true;
    utf8.qresync = true;
    for (const ImapRawCommand &raw : whole.commands) {
        checkCommand(raw, rev1);
        checkCommand(raw, rev2);
        checkCommand(raw, utf8);
        (void)isIdleDone(raw);
        (void)parseSaslResponse(raw);
    }
    // The whole input as one command reaches the parser without framing.
    ImapRawCommand direct;
    direct.text = input.toByteArray();
    checkCommand(direct, rev1);
    checkCommand(direct, utf8);

    if (size <= 4096)
        checkCodecs(input);
    return 0;
}
