// SmtpDataDecoder.cpp - DATA content: terminator, dot-unstuffing, limits
//
// RFC 5321 sections 2.3.8, 4.1.1.4, 4.5.2, 4.5.3.1.6; RFC 1870.
//
// SECURITY: untrusted peer bytes; constant memory; see SmtpDataDecoder.h for
// the smuggling rules.

#include "SmtpDataDecoder.h"

namespace mailstead::smtp {

SmtpDataDecoder::SmtpDataDecoder(const SmtpLimits &limits, Sink sink)
    : m_maxLineContent(limits.maxDataLine > 0 ? qMax<qsizetype>(limits.maxDataLine - 2, 1) : 0)
    , m_writer(limits.maxMessageSize, std::move(sink)) {}

void SmtpDataDecoder::reset() {
    m_state = State::LineStart;
    m_lineLength = 0;
    m_writer.reset();
}

SmtpDataDecoder::FeedResult SmtpDataDecoder::feed(QByteArrayView input) {
    FeedResult result;
    if (m_state == State::Finished) {
        result.finished = true;
        return result;
    }

    const char *const begin = input.data();
    const char *const end = begin + input.size();
    const char *p = begin;
    const char *run = begin; // start of decoded bytes not yet handed to the sink

    // A problem found at `at`: what precedes it is handed over first, so the
    // stored prefix does not depend on how the input was split.
    const auto failAt = [&](const char *at, SmtpDataOutcome outcome) {
        if (m_writer.outcome() != SmtpDataOutcome::Ok)
            return;
        m_writer.write(run, at);
        run = at;
        m_writer.fail(outcome);
    };

    while (p < end) {
        switch (m_state) {
        case State::Text: {
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
                m_state = State::TextCr;
            } else {
                // A bare LF is not a line ending (RFC 5321 section 2.3.8):
                // the line goes on, so a "." after it is plain text.
                failAt(p, SmtpDataOutcome::BareLineEnding);
                ++m_lineLength;
            }
            ++p;
            break;
        }
        case State::TextCr:
            if (*p == '\n') {
                ++p;
                m_state = State::LineStart;
                m_lineLength = 0;
            } else {
                // A bare CR is not a line ending either; it counts as text.
                failAt(p, SmtpDataOutcome::BareLineEnding);
                ++m_lineLength;
                m_state = State::Text;
            }
            break;
        case State::LineStart:
            if (*p == '.') {
                // RFC 5321 section 4.5.2: drop the first "." of a line; a
                // line that is only "." is the terminator.
                m_writer.write(run, p);
                run = ++p;
                m_state = State::Dot;
            } else {
                m_state = State::Text;
            }
            break;
        case State::Dot:
            if (*p == '\r') {
                // Held back: ".\r\n" ends the data and is not content.
                m_writer.write(run, p);
                run = ++p;
                m_state = State::DotCr;
            } else {
                m_state = State::Text;
            }
            break;
        case State::DotCr:
            if (*p == '\n') {
                m_state = State::Finished;
                result.finished = true;
                result.consumed = ++p - begin;
                return result;
            }
            // ".\r" and no LF: a stuffed line starting with a bare CR.
            failAt(p, SmtpDataOutcome::BareLineEnding);
            ++m_lineLength;
            m_state = State::Text;
            break;
        case State::Finished:
            break;
        }
    }
    m_writer.write(run, p);
    result.consumed = p - begin;
    return result;
}

SmtpReply replyForDataOutcome(SmtpDataOutcome outcome, const SmtpLimits &limits) {
    switch (outcome) {
    case SmtpDataOutcome::Ok:
        return {};
    case SmtpDataOutcome::BareLineEnding:
        return makeReply(554, "5.6.0",
                         "Message refused: bare CR or LF in the data; lines must end with "
                         "CRLF (RFC 5321 section 2.3.8)");
    case SmtpDataOutcome::LineTooLong:
        return makeReply(554, "5.6.0",
                         "Message refused: a line is longer than " +
                             QByteArray::number(qMax<qsizetype>(limits.maxDataLine - 2, 0)) +
                             " characters (RFC 5322 section 2.1.1)");
    case SmtpDataOutcome::TooBig:
        return makeReply(552, "5.3.4",
                         "Message size exceeds the fixed limit of " +
                             QByteArray::number(limits.maxMessageSize) + " octets");
    }
    return {};
}

} // namespace mailstead::smtp
