// fuzz_smtp_data.cpp - libFuzzer target for DATA and BDAT content
//
// Runs arbitrary bytes through SmtpDataDecoder whole, byte by byte and in
// chunks chosen from the input itself, with limits chosen from the input,
// and requires identical output, outcome and consumed counts. Invariants:
// the data only ends at CRLF "." CRLF; an accepted message has only CRLF
// line endings and respects the limits; dot-stuffing the output and
// decoding it again gives the same message. The same bytes, cut into BDAT
// chunks, must come out unchanged (a prefix of them when refused) however
// they are fed.
//
// SECURITY: this is the code that reads message content from
// unauthenticated peers (daemon/smtp/SmtpDataDecoder.cpp,
// SmtpBdatDecoder.cpp, SmtpContentWriter.cpp); the smuggling rules live
// there.

#include "smtp/SmtpBdatDecoder.h"
#include "smtp/SmtpDataDecoder.h"

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

struct DataRun {
    QByteArray output;
    bool finished = false;
    qsizetype consumed = 0;
    SmtpDataOutcome outcome = SmtpDataOutcome::Ok;
    qint64 size = 0;
    bool operator==(const DataRun &) const = default;
};

// maxChunk 0: whole; otherwise pieces of 1..maxChunk from a fixed LCG.
DataRun decodeData(QByteArrayView input, const SmtpLimits &limits, std::uint32_t state,
                   std::uint32_t maxChunk) {
    DataRun run;
    SmtpDataDecoder decoder(limits, [&run](QByteArrayView bytes) {
        require(!bytes.isEmpty());
        run.output += bytes;
    });
    qsizetype position = 0;
    while (position < input.size()) {
        qsizetype length = input.size() - position;
        if (maxChunk > 0) {
            state = state * 1103515245u + 12345u;
            length = std::min<qsizetype>(1 + (state >> 16) % maxChunk, length);
        }
        const SmtpDataDecoder::FeedResult result = decoder.feed(input.sliced(position, length));
        require(result.consumed >= 0 && result.consumed <= length);
        run.consumed += result.consumed;
        if (result.finished) {
            run.finished = true;
            break;
        }
        require(result.consumed == length);
        position += length;
    }
    require(run.finished == decoder.isFinished());
    run.outcome = decoder.outcome();
    run.size = decoder.messageSize();
    return run;
}

QByteArray dotStuff(const QByteArray &message) {
    QByteArray out;
    bool lineStart = true;
    for (const char c : message) {
        if (lineStart && c == '.')
            out += '.';
        out += c;
        lineStart = c == '\n';
    }
    return out + ".\r\n";
}

void checkAccepted(const DataRun &run, const SmtpLimits &limits) {
    const QByteArray &message = run.output;
    require(run.size == message.size());
    if (limits.maxMessageSize > 0)
        require(message.size() <= limits.maxMessageSize);
    require(message.isEmpty() || message.endsWith("\r\n"));
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < message.size(); ++i) {
        if (message[i] == '\r')
            require(i + 1 < message.size() && message[i + 1] == '\n');
        if (message[i] == '\n') {
            require(i > 0 && message[i - 1] == '\r');
            if (limits.maxDataLine > 0)
                require(i + 1 - lineStart <= limits.maxDataLine);
            lineStart = i + 1;
        }
    }
    // Encoding the message for DATA and decoding it again is the identity.
    const DataRun again = decodeData(dotStuff(message), limits, 0, 0);
    require(again.finished && again.outcome == SmtpDataOutcome::Ok);
    require(again.output == message);
}

void fuzzData(QByteArrayView input, const SmtpLimits &limits, std::uint32_t state) {
    const DataRun whole = decodeData(input, limits, state, 0);
    require(whole.output.size() <= whole.size);
    if (whole.finished) {
        // Only CRLF "." CRLF ends the data, the first CRLF possibly being
        // the one that ended the DATA command.
        const QByteArrayView end = input.first(whole.consumed);
        require(end.endsWith("\r\n.\r\n") || end == ".\r\n");
    } else {
        require(whole.consumed == input.size());
    }
    if (whole.finished && whole.outcome == SmtpDataOutcome::Ok)
        checkAccepted(whole, limits);
    if (whole.outcome == SmtpDataOutcome::Ok)
        require(!input.first(whole.consumed).contains("\n.\n"));

    require(decodeData(input, limits, state, 1 + (state >> 20) % 64) == whole);
    if (input.size() <= 4096)
        require(decodeData(input, limits, state, 1) == whole);
}

void fuzzBdat(QByteArrayView input, const SmtpLimits &limits, std::uint32_t state) {
    const bool binary = (state >> 3) & 1;
    // Chunk sizes from the LCG; the last chunk is sent with LAST.
    QList<qsizetype> chunks;
    std::uint32_t lcg = state;
    for (qsizetype at = 0; at < input.size();) {
        lcg = lcg * 1103515245u + 12345u;
        const qsizetype size = std::min<qsizetype>((lcg >> 16) % 200, input.size() - at);
        chunks.append(size);
        at += size;
    }
    chunks.append(0); // BDAT 0 LAST

    QByteArray reference;
    SmtpDataOutcome referenceOutcome = SmtpDataOutcome::Ok;
    for (const std::uint32_t maxPiece : {0u, 7u, 1u}) {
        if (maxPiece == 1 && input.size() > 4096)
            break; // byte by byte only where it stays fast
        QByteArray output;
        SmtpBdatDecoder decoder(limits, [&output](QByteArrayView bytes) { output += bytes; });
        decoder.setBinary(binary);
        qsizetype at = 0;
        for (qsizetype c = 0; c < chunks.size(); ++c) {
            decoder.startChunk(chunks.at(c), c + 1 == chunks.size());
            const qsizetype end = at + chunks.at(c);
            while (at < end) {
                // Whole: hand over everything left, more than the chunk; the
                // decoder must stop at the chunk's end.
                const QByteArrayView piece =
                    maxPiece == 0 ? input.sliced(at)
                                  : input.sliced(at, std::min<qsizetype>(maxPiece, end - at));
                const SmtpBdatDecoder::FeedResult result = decoder.feed(piece);
                require(result.consumed == std::min<qsizetype>(piece.size(), end - at));
                at += result.consumed;
                require(result.chunkFinished == (at == end));
            }
        }
        require(decoder.isMessageFinished());
        require(decoder.messageSize() == input.size());
        require(input.startsWith(output)); // never changed, at most cut short
        if (decoder.outcome() == SmtpDataOutcome::Ok)
            require(output == input.toByteArray());
        if (maxPiece == 0) {
            reference = output;
            referenceOutcome = decoder.outcome();
        } else {
            require(output == reference && decoder.outcome() == referenceOutcome);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::uint32_t state = fnv1a(data, size);
    // Small limits make LineTooLong and TooBig reachable from small inputs;
    // the defaults are exercised too.
    static constexpr qsizetype lineLimits[] = {0, 3, 10, 80, rfcDataLineOctets};
    static constexpr qint64 sizeLimits[] = {0, 1, 16, 300, 50 * 1024 * 1024};
    SmtpLimits limits;
    limits.maxDataLine = lineLimits[state % 5];
    limits.maxMessageSize = sizeLimits[(state >> 8) % 5];

    fuzzData(input, limits, state);
    fuzzBdat(input, limits, state);
    return 0;
}
