// fuzz_pop3_command.cpp - libFuzzer target for the POP3 command stream and
// the message encoding of RETR and TOP
//
// Feeds arbitrary bytes through Pop3CommandParser whole and in chunks
// chosen from the input itself, in command and in SASL-response mode, and
// requires the same results either way; checks that parsed commands hold
// what the grammar allows and that error texts are single printable lines.
// Then encodes the input as a stored message with Pop3MessageEncoder, whole
// and chunked, and checks that the response is identical, ends with the
// terminator, and contains no other terminator line.
//
// SECURITY: this is the code that sees the first bytes of every
// unauthenticated POP3 peer (daemon/pop3/Pop3CommandParser.cpp) and every
// stored message on its way out (Pop3MessageEncoder.cpp).

#include "pop3/Pop3CommandParser.h"
#include "pop3/Pop3MessageEncoder.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <QList>

using namespace mailstead::pop3;

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
    Pop3ParseResult::Status status;
    Pop3Verb verb;
    QByteArray argument;
    qint64 message;
    qint64 lines;
    QByteArray data;
    QByteArray error;
    bool operator==(const Event &) const = default;
};

// framed: the result came through Pop3CommandParser, which enforces the line
// limits; the line parsers called directly see lines of any length.
void checkResult(const Pop3ParseResult &result, const Pop3Limits &limits, bool framed = true) {
    const Pop3Command &c = result.command;
    switch (result.status) {
    case Pop3ParseResult::Status::NeedMore:
        return;
    case Pop3ParseResult::Status::Error:
        require(!result.error.isEmpty());
        for (const char ch : result.error)
            require(ch >= 0x20 && ch < 0x7f);
        return;
    case Pop3ParseResult::Status::SaslResponse:
        require(!result.saslCancelled || result.saslData.isEmpty());
        require(!framed || result.saslData.size() <= limits.maxSaslLine);
        return;
    case Pop3ParseResult::Status::Command:
        break;
    }
    require(c.verb != Pop3Verb::Unknown);
    require(c.message >= 0 && c.message <= 2147483647);
    require(c.lines >= 0 && c.lines <= 2147483647);
    for (const char ch : c.argument) {
        const auto byte = static_cast<unsigned char>(ch);
        require(byte >= 0x20 && byte != 0x7f);
    }
    if (c.verb == Pop3Verb::User)
        require(!c.argument.isEmpty() && !c.argument.contains(' '));
    if (c.verb == Pop3Verb::Pass)
        require(!c.argument.isEmpty());
    if (c.verb == Pop3Verb::Auth && !c.argument.isEmpty())
        require(c.argument == c.argument.toUpper() && c.argument.size() <= 20);
    require(c.hasInitialResponse || c.initialResponse.isEmpty());
}

QList<Event> parse(QByteArrayView input, const Pop3Limits &limits, std::uint32_t state,
                   std::uint32_t maxChunk) {
    Pop3CommandParser parser(limits);
    QList<Event> events;
    qsizetype position = 0;
    std::uint32_t modes = state;
    while (position < input.size()) {
        qsizetype length = input.size() - position;
        if (maxChunk > 0) {
            state = state * 1103515245u + 12345u; // fixed LCG: reproducible chunking
            length = std::min<qsizetype>(1 + (state >> 16) % maxChunk, length);
        }
        QByteArrayView piece = input.sliced(position, length);
        position += length;
        while (!piece.isEmpty()) {
            // Which lines are SASL responses depends only on the line count,
            // so both feeds see the same modes.
            const auto expect = (modes >> (events.size() % 32)) & 1
                                    ? Pop3CommandParser::Expect::SaslResponse
                                    : Pop3CommandParser::Expect::Command;
            const Pop3ParseResult result = parser.next(piece, expect);
            require(result.consumed > 0 && result.consumed <= piece.size());
            piece = piece.sliced(result.consumed);
            if (result.status == Pop3ParseResult::Status::NeedMore) {
                require(piece.isEmpty());
                continue;
            }
            checkResult(result, limits);
            events.append({result.status, result.command.verb, result.command.argument,
                           result.command.message, result.command.lines,
                           result.saslData + result.command.initialResponse, result.error});
        }
    }
    return events;
}

QByteArray encode(QByteArrayView message, qint64 bodyLines, std::uint32_t state,
                  std::uint32_t maxChunk) {
    Pop3MessageEncoder encoder(bodyLines);
    QByteArray out;
    qsizetype position = 0;
    while (position < message.size() && encoder.wantsMore()) {
        qsizetype length = message.size() - position;
        if (maxChunk > 0) {
            state = state * 1103515245u + 12345u;
            length = std::min<qsizetype>(1 + (state >> 16) % maxChunk, length);
        }
        encoder.feed(message.sliced(position, length), &out);
        position += length;
    }
    encoder.finish(&out);
    return out;
}

void checkEncoded(const QByteArray &out, qsizetype inputSize) {
    require(out.endsWith(".\r\n"));
    require(out.size() <= inputSize * 2 + 5);
    // The only line that is exactly "." is the last one.
    const qsizetype terminator = out.size() - 3;
    require(terminator == 0 || out.sliced(0, terminator).endsWith("\r\n"));
    qsizetype lineStart = 0;
    while (lineStart < terminator) {
        const qsizetype end = out.indexOf("\r\n", lineStart);
        require(end >= 0 && end < terminator + 1);
        require(out.sliced(lineStart, end - lineStart) != ".");
        lineStart = end + 2;
    }
    // Every LF is part of a CRLF.
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (out.at(i) == '\n')
            require(i > 0 && out.at(i - 1) == '\r');
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::uint32_t state = fnv1a(data, size);
    Pop3Limits limits;
    if (state & 1) {
        limits.maxCommandLine = 3 + qsizetype(state >> 4) % 64;
        limits.maxSaslLine = limits.maxCommandLine + qsizetype(state >> 12) % 64;
    }
    const std::uint32_t maxChunk = 1 + (state >> 20) % 32;

    const QList<Event> whole = parse(input, limits, state, 0);
    const QList<Event> chunked = parse(input, limits, state, maxChunk);
    require(whole == chunked); // results must not depend on how bytes arrive

    // The whole input as one line reaches the line parsers without framing.
    checkResult(parseCommandLine(input, limits), limits, false);
    checkResult(parseSaslResponse(input), limits, false);

    const qint64 bodyLines = (state >> 8) & 1 ? -1 : qint64((state >> 9) % 8);
    const QByteArray encoded = encode(input, bodyLines, state, 0);
    require(encode(input, bodyLines, state, maxChunk) == encoded);
    checkEncoded(encoded, input.size());
    return 0;
}
