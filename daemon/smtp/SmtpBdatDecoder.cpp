// SmtpBdatDecoder.cpp - BDAT chunk content
//
// RFC 3030 sections 2-4, RFC 5321 section 2.3.8, RFC 5322 section 2.1.1,
// RFC 1870; see SmtpBdatDecoder.h for the line-ending decision.
//
// SECURITY: untrusted peer bytes, counted exactly; constant memory.

#include "SmtpBdatDecoder.h"

namespace mailstead::smtp {

SmtpBdatDecoder::SmtpBdatDecoder(const SmtpLimits &limits, Sink sink)
    : m_maxLineContent(limits.maxDataLine > 0 ? qMax<qsizetype>(limits.maxDataLine - 2, 1) : 0)
    , m_writer(limits.maxMessageSize, std::move(sink)) {}

void SmtpBdatDecoder::reset() {
    m_writer.reset();
    m_remaining = 0;
    m_lastChunk = false;
    m_pendingCr = false;
    m_lineLength = 0;
}

void SmtpBdatDecoder::startChunk(qint64 size, bool last) {
    if (isMessageFinished()) {
        const bool binary = m_binary;
        reset();
        m_binary = binary;
    }
    m_remaining = qMax<qint64>(size, 0);
    m_lastChunk = last;
    if (isMessageFinished()) {
        // "BDAT 0 LAST" (RFC 3030 section 2) ends the message without a feed.
        const char *run = nullptr;
        finishMessage(nullptr, &run);
    }
}

// Same rules as the DATA decoder's Text state: only CRLF ends a line; a
// problem hands over what precedes it first, so splits do not matter.
void SmtpBdatDecoder::checkLines(const char *begin, const char *end, const char **run) {
    const auto failAt = [&](const char *at, SmtpDataOutcome outcome) {
        if (m_writer.outcome() != SmtpDataOutcome::Ok)
            return;
        m_writer.write(*run, at);
        *run = at;
        m_writer.fail(outcome);
    };

    const char *p = begin;
    while (p < end) {
        if (m_pendingCr) {
            m_pendingCr = false;
            if (*p == '\n') {
                ++p;
                m_lineLength = 0;
                continue;
            }
            failAt(p, SmtpDataOutcome::BareLineEnding);
            ++m_lineLength;
        }
        const char *q = p;
        while (q < end && *q != '\r' && *q != '\n')
            ++q;
        if (m_maxLineContent > 0 && m_lineLength + (q - p) > m_maxLineContent)
            failAt(p + qMax<qsizetype>(m_maxLineContent - m_lineLength, 0),
                   SmtpDataOutcome::LineTooLong);
        m_lineLength += q - p;
        p = q;
        if (p == end)
            break;
        if (*p == '\r') {
            m_pendingCr = true;
        } else {
            failAt(p, SmtpDataOutcome::BareLineEnding);
            ++m_lineLength;
        }
        ++p;
    }
}

void SmtpBdatDecoder::finishMessage(const char *at, const char **run) {
    // A CR as the very last octet has no LF to pair with.
    if (!m_binary && m_pendingCr && m_writer.outcome() == SmtpDataOutcome::Ok) {
        m_writer.write(*run, at);
        *run = at;
        m_writer.fail(SmtpDataOutcome::BareLineEnding);
    }
}

SmtpBdatDecoder::FeedResult SmtpBdatDecoder::feed(QByteArrayView input) {
    FeedResult result;
    const qsizetype take = qsizetype(qMin<qint64>(m_remaining, input.size()));
    const char *const begin = input.data();
    const char *const end = begin + take;
    const char *run = begin;
    if (!m_binary)
        checkLines(begin, end, &run);
    m_remaining -= take;
    if (m_remaining == 0 && m_lastChunk)
        finishMessage(end, &run);
    m_writer.write(run, end);
    result.consumed = take;
    result.chunkFinished = m_remaining == 0;
    return result;
}

} // namespace mailstead::smtp
