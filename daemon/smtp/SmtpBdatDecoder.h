// SmtpBdatDecoder.h - reads the content of BDAT chunks
//
// RFC 3030 sections 2-4 (CHUNKING: "BDAT size [LAST]" is followed by exactly
// size octets, with no dot-stuffing and no terminator; the message ends with
// the chunk marked LAST; a server reads and discards a chunk it refuses),
// RFC 3030 section 3 (BINARYMIME), RFC 5321 section 2.3.8, RFC 5322 section
// 2.1.1, RFC 1870.
//
// Decision on line endings: chunk lengths are exact, so a bare CR or LF
// cannot end or split a message here. Unless the client declared
// BODY=BINARYMIME, the content is still checked like DATA content (bare CR
// or LF -> BareLineEnding, lines over maxDataLine -> LineTooLong): such a
// message is not valid RFC 5322, and one day it may leave through the
// outbound queue as DATA to a server that splits it. BINARYMIME content is
// opaque and only its size is limited. A CRLF may straddle two chunks.
//
// SECURITY: input is raw peer bytes; constant memory; the sink sees views
// of the input only.
#pragma once

#include "SmtpContentWriter.h"
#include "SmtpDataOutcome.h"
#include "SmtpLimits.h"

#include <QByteArrayView>

namespace mailstead::smtp {

class SmtpBdatDecoder {
public:
    using Sink = SmtpContentWriter::Sink;

    struct FeedResult {
        bool chunkFinished = false; // the announced size has been read
        qsizetype consumed = 0;     // the rest is the next command
    };

    SmtpBdatDecoder(const SmtpLimits &limits, Sink sink);

    // BODY=BINARYMIME: skip the line checks. Set before the first chunk.
    void setBinary(bool binary) { m_binary = binary; }

    // After "BDAT size [LAST]" parsed; a chunk after the LAST one starts a
    // new message.
    void startChunk(qint64 size, bool last);
    FeedResult feed(QByteArrayView input);

    qint64 remainingInChunk() const { return m_remaining; }
    // The LAST chunk has been read completely; outcome() is final.
    bool isMessageFinished() const { return m_lastChunk && m_remaining == 0; }
    // Known after every chunk: a session may refuse the chunk at once.
    SmtpDataOutcome outcome() const { return m_writer.outcome(); }
    qint64 messageSize() const { return m_writer.size(); }

    // RSET, or a transaction aborted between chunks.
    void reset();

private:
    void checkLines(const char *begin, const char *end, const char **run);
    void finishMessage(const char *at, const char **run);

    qsizetype m_maxLineContent; // 0: unlimited
    SmtpContentWriter m_writer;
    bool m_binary = false;
    qint64 m_remaining = 0;
    bool m_lastChunk = false;
    bool m_pendingCr = false; // the content so far ends with CR
    qsizetype m_lineLength = 0;
};

} // namespace mailstead::smtp
