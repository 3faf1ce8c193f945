// fuzz_smtp_command.cpp - libFuzzer target for the SMTP command stream
//
// Feeds arbitrary bytes through SmtpLineSplitter whole and in chunks chosen
// from the input itself and requires the same lines either way, parses every
// line with parseCommand() under the real and under tiny limits, and checks
// invariants: error replies are well-formed single lines, a parsed MAIL or
// RCPT path written back in canonical form parses to the same mailbox, and
// xtext round-trips.
//
// SECURITY: this is the code that sees the first bytes of every
// unauthenticated SMTP peer (daemon/smtp/SmtpLineSplitter.cpp,
// SmtpCommandParser.cpp, SmtpPathParser.cpp, SmtpParameters.cpp).

#include "smtp/SmtpCommandParser.h"
#include "smtp/SmtpLineSplitter.h"
#include "smtp/SmtpParameters.h"
#include "smtp/SmtpPathParser.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mailstead::smtp;

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
    SmtpLineSplitter::Status status;
    QByteArray line;
    bool operator==(const Event &) const = default;
};

QList<Event> split(QByteArrayView input, qsizetype maxLine, std::uint32_t state,
                   std::uint32_t maxChunk) {
    SmtpLineSplitter splitter(maxLine);
    QList<Event> events;
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
            SmtpLineSplitter::Result result = splitter.next(piece);
            require(result.consumed > 0 && result.consumed <= piece.size());
            piece = piece.sliced(result.consumed);
            if (result.status == SmtpLineSplitter::Status::NeedMore) {
                require(piece.isEmpty());
                continue;
            }
            require(result.line.size() + 2 <= maxLine);
            require(!result.line.contains('\n'));
            events.append({result.status, std::move(result.line)});
        }
    }
    return events;
}

void checkReply(const SmtpReply &reply) {
    require(reply.code >= 500 && reply.code <= 599);
    require(reply.enhancedStatus.startsWith("5."));
    const QByteArray wire = reply.toWire();
    require(wire.endsWith("\r\n"));
    require(wire.count('\n') == reply.lines.size() && wire.count('\r') == reply.lines.size());
    for (const char c : wire)
        require(c == '\r' || c == '\n' || c == '\t' || (c >= 32 && c <= 126));
    require(wire.size() <= reply.lines.size() * maxReplyLineOctets);
}

// A parsed path written back canonically must parse to the same mailbox.
void checkPathRoundTrip(const SmtpCommand &command) {
    const SmtpPath &path = command.path;
    if (path.kind != SmtpPath::Kind::Mailbox)
        return;
    require(!path.localPart.isEmpty() && !path.domain.isEmpty());
    require(path.domain == path.domain.toLower() || path.domainIsLiteral);
    const QByteArray verb = command.verb == SmtpVerb::Mail ? "MAIL FROM:<" : "RCPT TO:<";
    const QByteArray line = verb + path.address().toUtf8() + '>';
    const SmtpCommandResult again = parseCommand(line);
    require(again.ok());
    require(again.command.path.localPart == path.localPart);
    require(again.command.path.domain == path.domain);
    // Writing back cannot add non-ASCII (U-labels become A-labels).
    require(!again.command.path.utf8 || path.utf8);
}

void checkCommand(const QByteArray &line, const SmtpLimits &limits) {
    const SmtpCommandResult result = parseCommand(line, limits);
    if (!result.ok()) {
        checkReply(result.error);
        return;
    }
    require(line.size() + 2 <= std::max(limits.maxCommandLine, limits.maxExtendedCommandLine));
    const SmtpCommand &command = result.command;
    require(command.verb != SmtpVerb::Unknown);
    switch (command.verb) {
    case SmtpVerb::Mail:
    case SmtpVerb::Rcpt:
        checkPathRoundTrip(command);
        require(command.verb == SmtpVerb::Mail || !command.path.isNull());
        if (!command.mail.envelopeId.isEmpty())
            require(decodeXtext(command.mail.envelopeId).has_value());
        break;
    case SmtpVerb::Bdat:
        require(command.chunkSize >= 0);
        break;
    case SmtpVerb::Auth:
        require(!command.authMechanism.isEmpty());
        break;
    default:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    std::uint32_t state = fnv1a(data, size);
    const SmtpLimits real;
    SmtpLimits tiny;
    tiny.maxCommandLine = 3 + qsizetype(state >> 4) % 64;
    tiny.maxExtendedCommandLine = tiny.maxCommandLine + qsizetype(state >> 12) % 64;
    const bool useTiny = state & 1;
    const qsizetype maxLine = useTiny ? tiny.maxExtendedCommandLine : real.maxExtendedCommandLine;
    const std::uint32_t maxChunk = 1 + (state >> 20) % 32;

    const QList<Event> whole = split(input, maxLine, state, 0);
    const QList<Event> chunked = split(input, maxLine, state, maxChunk);
    require(whole == chunked); // framing must not depend on how bytes arrive

    for (const Event &event : whole) {
        if (event.status != SmtpLineSplitter::Status::Line)
            continue;
        checkCommand(event.line, real);
        checkCommand(event.line, tiny);
    }
    // The whole input as one line reaches the parser without framing.
    checkCommand(input.toByteArray(), real);

    const std::optional<QByteArray> decoded = decodeXtext(input);
    if (decoded)
        require(encodeXtext(*decoded).size() <= input.size() * 3);
    require(decodeXtext(encodeXtext(input)) == input.toByteArray());
    return 0;
}
