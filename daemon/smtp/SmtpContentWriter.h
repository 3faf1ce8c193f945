// SmtpContentWriter.h - hands message content to a sink while enforcing the
// message size limit; shared by the DATA and BDAT decoders
//
// RFC 1870 (SIZE), RFC 3463 X.3.4. The first problem found (too big, or one
// reported by a decoder) stops the output; later content is only counted.
// Output is cut at exactly the limit, so every split of the input stores
// the same bytes.
//
// SECURITY: content is untrusted; this holds none of it, it only counts.
#pragma once

#include "SmtpDataOutcome.h"

#include <functional>
#include <QByteArrayView>

namespace mailstead::smtp {

class SmtpContentWriter {
public:
    using Sink = std::function<void(QByteArrayView)>;

    // maxSize 0: no limit.
    SmtpContentWriter(qint64 maxSize, Sink sink);

    void write(const char *begin, const char *end);
    void fail(SmtpDataOutcome outcome);

    SmtpDataOutcome outcome() const { return m_outcome; }
    qint64 size() const { return m_size; }
    void reset();

private:
    qint64 m_maxSize;
    Sink m_sink;
    SmtpDataOutcome m_outcome = SmtpDataOutcome::Ok;
    qint64 m_size = 0;
};

} // namespace mailstead::smtp
