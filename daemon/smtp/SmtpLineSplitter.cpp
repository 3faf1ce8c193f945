// SmtpLineSplitter.cpp - CRLF line splitting for the SMTP command stream
//
// RFC 5321 sections 2.3.8 and 4.5.3.1.4.
//
// SECURITY: untrusted peer bytes; at most maxLineOctets are held.

#include "SmtpLineSplitter.h"

#include <utility>

namespace mailstead::smtp {

SmtpLineSplitter::SmtpLineSplitter(qsizetype maxLineOctets)
    : m_maxLine(qMax<qsizetype>(maxLineOctets, 3)) {}

SmtpLineSplitter::Result SmtpLineSplitter::next(QByteArrayView input) {
    Result result;
    qsizetype from = 0;
    while (true) {
        const qsizetype lf = input.indexOf('\n', from);
        if (lf < 0) {
            const QByteArrayView rest = input.sliced(from);
            if (m_discarding) {
                if (!rest.isEmpty())
                    m_discardedCr = rest.back() == '\r';
            } else if (m_partial.size() + rest.size() > m_maxLine - 1) {
                // Content plus a CR that may still be followed by LF: past
                // the limit either way, so stop holding it.
                m_discarding = true;
                m_discardedCr = !rest.isEmpty() && rest.back() == '\r';
                m_partial.clear();
            } else {
                m_partial += rest;
            }
            result.consumed = input.size();
            return result;
        }

        result.consumed = lf + 1;
        const QByteArrayView head = input.sliced(from, lf - from);
        if (m_discarding) {
            const bool cr = head.isEmpty() ? m_discardedCr : head.back() == '\r';
            if (!cr) {
                // "Discard to the next CRLF": a bare LF inside an over-long
                // line does not end it.
                m_discardedCr = false;
                from = lf + 1;
                continue;
            }
            m_discarding = false;
            m_discardedCr = false;
            result.status = Status::LineTooLong;
            return result;
        }

        const bool cr = head.isEmpty() ? m_partial.endsWith('\r') : head.back() == '\r';
        const qsizetype length = m_partial.size() + head.size() - (cr ? 1 : 0);
        if (length + 2 > m_maxLine) {
            m_partial.clear();
            if (!cr) {
                // Too long and not yet at a CRLF: the same state a byte-wise
                // feed reaches, so keep discarding.
                m_discarding = true;
                m_discardedCr = false;
                from = lf + 1;
                continue;
            }
            result.status = Status::LineTooLong;
            return result;
        }
        QByteArray line = std::exchange(m_partial, {});
        line += head;
        if (cr)
            line.chop(1);
        result.status = cr ? Status::Line : Status::BareLineFeed;
        result.line = std::move(line);
        return result;
    }
}

void SmtpLineSplitter::reset() {
    m_partial.clear();
    m_discarding = false;
    m_discardedCr = false;
}

} // namespace mailstead::smtp
