// Pop3MessageEncoder.cpp - CRLF, dot-stuffing and TOP for RETR and TOP
//
// RFC 1939 sections 3 and 7.
//
// SECURITY: see Pop3MessageEncoder.h; output is at most twice the input
// plus the terminator.
#include "Pop3MessageEncoder.h"

namespace mailstead::pop3 {

Pop3MessageEncoder::Pop3MessageEncoder(qint64 bodyLines)
    : m_bodyLinesLeft(bodyLines)
    , m_top(bodyLines >= 0) {}

void Pop3MessageEncoder::endLine(QByteArray *out) {
    out->append("\r\n", 2);
    if (!m_inBody) {
        // An empty line ends the header (RFC 5322 section 2.1).
        if (m_atLineStart) {
            m_inBody = true;
            if (m_top && m_bodyLinesLeft == 0)
                m_done = true;
        }
    } else if (m_top && --m_bodyLinesLeft <= 0) {
        m_done = true;
    }
    m_atLineStart = true;
}

bool Pop3MessageEncoder::feed(QByteArrayView chunk, QByteArray *out) {
    out->reserve(out->size() + chunk.size() + chunk.size() / 32 + 8);
    qsizetype i = 0;
    while (i < chunk.size() && !m_done) {
        const char c = chunk.at(i);
        if (m_pendingCr) {
            m_pendingCr = false;
            if (c == '\n') {
                endLine(out);
                ++i;
                continue;
            }
            // A CR that ends no line is content.
            out->append('\r');
            m_atLineStart = false;
        }
        if (c == '\r') {
            m_pendingCr = true;
            ++i;
            continue;
        }
        if (c == '\n') {
            endLine(out);
            ++i;
            continue;
        }
        if (m_atLineStart && c == '.')
            out->append('.');
        m_atLineStart = false;
        // Copy the run of ordinary bytes up to the next CR or LF at once.
        qsizetype end = i + 1;
        while (end < chunk.size() && chunk.at(end) != '\r' && chunk.at(end) != '\n')
            ++end;
        out->append(chunk.sliced(i, end - i));
        i = end;
    }
    return !m_done;
}

void Pop3MessageEncoder::finish(QByteArray *out) {
    if (!m_done && (m_pendingCr || !m_atLineStart))
        out->append("\r\n", 2);
    m_pendingCr = false;
    m_done = true;
    out->append(".\r\n", 3);
}

} // namespace mailstead::pop3
