// fuzz_ipc_decoder.cpp - libFuzzer target for the admin IPC decoder
//
// Feeds arbitrary bytes through LineDecoder in chunks chosen from the input
// itself, checks that chunked and whole feeding give the same lines, then
// decodes every line with decodeMessage() and re-encodes the result.
// Invariants that must hold for any input abort the run (a finding);
// everything else only has to not crash, leak or trip a sanitizer.
//
// SECURITY: this is the code that sees bytes from unauthorized local
// processes (shared/ipc/JsonRpc.cpp); see tests/fuzz/CMakeLists.txt for how
// it runs.

#include "ipc/JsonRpc.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mailstead::ipc;

namespace {

// Small limits make TooLong reachable with small inputs; the real limit is
// also exercised so that the production configuration is covered.
constexpr qsizetype maxFuzzLine = 4096;

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

struct Lines {
    QList<QByteArray> lines;
    bool tooLong = false;
};

void drain(LineDecoder &decoder, Lines &out) {
    for (;;) {
        LineDecoder::Result result = decoder.next();
        if (result.status == LineDecoder::Status::Line) {
            require(!result.line.contains('\n'));
            out.lines.append(std::move(result.line));
            continue;
        }
        out.tooLong = result.status == LineDecoder::Status::TooLong;
        return;
    }
}

// Re-encodes a decoded message and checks that the encoding decodes to the
// same kind of message (an Invalid one is answered with an error).
void reencode(const Message &message) {
    QByteArray line;
    Message::Kind expected = message.kind;
    switch (message.kind) {
    case Message::Kind::Request:
        line = encodeRequest(message.id, message.method, message.params);
        break;
    case Message::Kind::Notification:
        line = encodeNotification(message.method, message.params);
        break;
    case Message::Kind::Response:
        line = encodeResult(message.id, message.result);
        break;
    case Message::Kind::ErrorResponse:
        line = encodeError(message.id, message.error);
        break;
    case Message::Kind::Invalid:
        line = encodeError(message.id, message.error);
        expected = Message::Kind::ErrorResponse;
        require(message.error.code == ErrorCode::ParseError ||
                message.error.code == ErrorCode::InvalidRequest);
        require(!message.error.message.isEmpty());
        break;
    }
    require(line.endsWith('\n'));
    require(line.count('\n') == 1);
    const Message again = decodeMessage(line.chopped(1));
    require(again.kind == expected);
    (void)errorCodeName(again.error.code);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray input =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // Everything about how the input is fed derives from the input, so a
    // finding reproduces from the saved file alone.
    std::uint32_t state = fnv1a(data, size);
    const qsizetype maxLine =
        (state & 1) ? maxIpcLineBytes : 1 + qsizetype(state >> 1) % maxFuzzLine;
    const std::uint32_t maxChunk = 1 + (state >> 8) % 64;

    Lines whole;
    {
        LineDecoder decoder(maxLine);
        decoder.append(input);
        drain(decoder, whole);
    }

    Lines chunked;
    {
        LineDecoder decoder(maxLine);
        qsizetype position = 0;
        while (position < input.size() && !chunked.tooLong) {
            state = state * 1103515245u + 12345u; // fixed LCG: reproducible chunking
            const qsizetype length =
                std::min<qsizetype>(1 + (state >> 16) % maxChunk, input.size() - position);
            decoder.append(input.mid(position, length));
            position += length;
            drain(decoder, chunked);
            require(decoder.buffered() <= maxLine || chunked.tooLong);
        }
    }

    // Framing must not depend on how the bytes arrived.
    require(whole.lines == chunked.lines);
    require(whole.tooLong == chunked.tooLong);

    for (const QByteArray &line : std::as_const(whole.lines))
        reencode(decodeMessage(line));
    // The input as one line, regardless of framing, reaches deeper JSON.
    reencode(decodeMessage(input));
    return 0;
}
