// SmtpContentWriter.cpp - size-limited, first-failure-stops content output
//
// RFC 1870; see SmtpContentWriter.h.
//
// SECURITY: counts untrusted content; arithmetic cannot overflow for any
// realistic stream (qint64 octets).

#include "SmtpContentWriter.h"

namespace mailstead::smtp {

SmtpContentWriter::SmtpContentWriter(qint64 maxSize, Sink sink)
    : m_maxSize(qMax<qint64>(maxSize, 0))
    , m_sink(std::move(sink)) {}

void SmtpContentWriter::write(const char *begin, const char *end) {
    qsizetype length = end - begin;
    if (length <= 0)
        return;
    m_size += length;
    if (m_outcome != SmtpDataOutcome::Ok)
        return;
    if (m_maxSize > 0 && m_size > m_maxSize) {
        // Hand over exactly the octets up to the limit, as a byte-wise feed
        // would.
        length -= qsizetype(m_size - m_maxSize);
        fail(SmtpDataOutcome::TooBig);
    }
    if (length > 0 && m_sink)
        m_sink(QByteArrayView(begin, length));
}

void SmtpContentWriter::fail(SmtpDataOutcome outcome) {
    // The first problem is the one reported; later ones change nothing.
    if (m_outcome == SmtpDataOutcome::Ok)
        m_outcome = outcome;
}

void SmtpContentWriter::reset() {
    m_outcome = SmtpDataOutcome::Ok;
    m_size = 0;
}

} // namespace mailstead::smtp
