// SmtpLineSplitter.h - cuts the SMTP command stream into CRLF-terminated lines
//
// RFC 5321 section 2.3.8 (lines end with CRLF; a bare LF is not a line
// ending, and servers must not treat it as one) and section 4.5.3.1.4
// (command line length). Pure: bytes in, {status, line, consumed} out.
//
// SECURITY: input is raw bytes from an unauthenticated peer. Memory is
// bounded by the line limit: an over-long line is dropped as it arrives and
// reported once its CRLF is seen, so the reply stays in step with what the
// client pipelined.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::smtp {

class SmtpLineSplitter {
public:
    enum class Status : quint8 {
        NeedMore, // all input consumed, no complete line yet
        Line,     // line holds one command, CRLF removed
        // A line over the limit was discarded up to its CRLF; answer
        // "500 5.5.2 Line too long" (RFC 5321 section 4.5.3.1.10).
        LineTooLong,
        // A line ended in LF without CR; line holds its text. Not executed:
        // answer "500 5.5.2" (lines end with CRLF, section 2.3.8) and count
        // it against the error budget.
        BareLineFeed,
    };
    struct Result {
        Status status = Status::NeedMore;
        QByteArray line;
        qsizetype consumed = 0; // bytes of input used, including the line ending
    };

    // maxLineOctets counts the CRLF (RFC 5321 section 4.5.3.1.4).
    explicit SmtpLineSplitter(qsizetype maxLineOctets);

    // Call with the unconsumed input until it is used up; bytes after a
    // returned line are left for the next call (pipelining, RFC 2920), or
    // for the DATA decoder, or to be thrown away after STARTTLS.
    Result next(QByteArrayView input);

    // Forgets a partial line: after STARTTLS (RFC 3207 section 4.2, the
    // plaintext that was pipelined behind it must never be executed).
    void reset();

    // True while part of a line is held (a session may report it at close).
    bool hasPartialLine() const { return !m_partial.isEmpty() || m_discarding; }

private:
    qsizetype m_maxLine;
    QByteArray m_partial;
    bool m_discarding = false;
    bool m_discardedCr = false; // last discarded byte was CR
};

} // namespace mailstead::smtp
