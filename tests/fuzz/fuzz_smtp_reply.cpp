// fuzz_smtp_reply.cpp - libFuzzer target for the outbound SMTP client's
// reply parser and the content it sends
//
// Runs arbitrary bytes through parseSmtpReply() whole and byte by byte and
// requires the same answer: a prefix shorter than a reply is Incomplete, a
// reply consumes exactly its lines, codes are 200..559 and every line had
// it. EHLO capabilities are parsed from every reply. The same bytes as a
// message must dot-stuff into DATA content that never ends early, and the
// 7-bit conversion, when it succeeds, leaves no 8-bit octet in the body.
//
// SECURITY: this is the code that reads what remote MX hosts send
// (daemon/queue/SmtpReplyParser.cpp) and prepares what we send them
// (OutboundContent.cpp).

#include "queue/OutboundContent.h"
#include "queue/SmtpReplyParser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mailstead::queue;

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

void checkReplies(QByteArrayView input) {
    qsizetype at = 0;
    while (at < input.size()) {
        const QByteArrayView rest = input.sliced(at);
        const ReplyParse whole = parseSmtpReply(rest, 512, 20);
        if (whole.status == ReplyParse::Status::Ok) {
            require(whole.consumed > 0 && whole.consumed <= rest.size());
            require(whole.reply.code >= 200 && whole.reply.code <= 559);
            require(!whole.reply.lines.isEmpty());
            parseEhloCapabilities(whole.reply);
            require(!replyText(whole.reply).contains('\n'));
        }
        // Byte by byte: the first decided prefix gives the same answer.
        if (rest.size() <= 2048) {
            for (qsizetype n = 1; n <= rest.size(); ++n) {
                const ReplyParse part = parseSmtpReply(rest.first(n), 512, 20);
                if (part.status == ReplyParse::Status::Incomplete)
                    continue;
                require(part.status == whole.status);
                require(part.consumed == whole.consumed);
                require(part.reply == whole.reply);
                break;
            }
        }
        if (whole.status != ReplyParse::Status::Ok)
            break;
        at += whole.consumed;
    }
}

void checkContent(QByteArrayView input) {
    const QByteArray wire = dotStuffed(input);
    require(wire.endsWith("\r\n.\r\n") || wire == ".\r\n");
    // The data ends only at the last line.
    const qsizetype end = wire.indexOf("\r\n.\r\n");
    require(end < 0 || end == wire.size() - 5);
    require(!wire.startsWith(".\r\n") || wire.size() == 3);
    const SevenBitConversion converted = convertToSevenBit(input);
    if (converted.ok)
        require(!hasEightBitBody(converted.message));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    checkReplies(input);
    checkContent(input);
    return 0;
}
