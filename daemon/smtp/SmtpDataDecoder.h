// SmtpDataDecoder.h - incremental decoder of the DATA content stream
//
// RFC 5321 section 4.1.1.4 (the mail data ends with CRLF "." CRLF, where the
// first CRLF may be the one that ended the DATA command), section 4.5.2
// (dot-unstuffing), section 2.3.8 (only CRLF ends a line), section
// 4.5.3.1.6 (text line length); RFC 1870 (message size).
//
// Bytes in, unstuffed message bytes out through a sink that sees views of
// the input (no copy of the message is kept here), plus the end state.
// Every split of the input gives the same output and outcome; after the
// first problem nothing more is stored, but the stream is read to the real
// terminator so the session stays in step with the client.
//
// SECURITY: input is raw peer bytes. Only "\r\n.\r\n" ends the data: "\n.\n",
// "\r.\r", "\r\n.\n" and "\n.\r\n" neither end nor split a message, and any
// bare CR or LF makes the whole message BareLineEnding (SMTP smuggling).
// Memory use is constant.
#pragma once

#include "SmtpContentWriter.h"
#include "SmtpDataOutcome.h"
#include "SmtpLimits.h"

#include <QByteArrayView>

namespace mailstead::smtp {

class SmtpDataDecoder {
public:
    // Receives decoded message bytes, in order, while the outcome is Ok; the
    // view is only valid during the call. CRLFs are kept; the final
    // ".\r\n" is not part of the message.
    using Sink = SmtpContentWriter::Sink;

    struct FeedResult {
        bool finished = false;  // the terminator was read
        qsizetype consumed = 0; // input bytes used; the rest belongs to the next command
    };

    // Takes maxDataLine and maxMessageSize (0: no limit) from limits.
    SmtpDataDecoder(const SmtpLimits &limits, Sink sink);

    FeedResult feed(QByteArrayView input);

    bool isFinished() const { return m_state == State::Finished; }
    // Meaningful at any time; final once isFinished().
    SmtpDataOutcome outcome() const { return m_writer.outcome(); }
    // Decoded octets seen, including those not stored after an error.
    qint64 messageSize() const { return m_writer.size(); }

    // Starts a new message (next DATA command).
    void reset();

private:
    enum class State : quint8 {
        LineStart, // after CRLF (initially: after the DATA command's CRLF)
        Dot,       // "." at the start of a line
        DotCr,     // ".\r" at the start of a line
        Text,      // inside a line
        TextCr,    // a CR inside a line, LF expected
        Finished,
    };

    qsizetype m_maxLineContent; // maxDataLine without CRLF; 0: unlimited
    SmtpContentWriter m_writer;
    State m_state = State::LineStart;
    qsizetype m_lineLength = 0;
};

} // namespace mailstead::smtp
