// MimeLineIndex.h - line counts of any byte range of a message, fast
//
// RFC 9051 section 7.5.2 (BODYSTRUCTURE sizes in text lines), RFC 5322
// section 2.3 (CRLF line endings: bare LF is counted so that sizes can
// be given as sent over IMAP, with CRLF).
//
// Nested parts overlap, so counting each part's range separately would
// read the message once per nesting level. One pass records cumulative
// counts every 4 KiB; a range then costs at most two 4 KiB scans.
//
// SECURITY: input is untrusted; memory is 1/256 of the input.
#pragma once

#include <QByteArrayView>
#include <QList>

namespace mailstead::mime {

class MimeLineIndex {
public:
    explicit MimeLineIndex(QByteArrayView input);

    // LF bytes, and LF bytes without a CR before them, in [from, to).
    void count(qsizetype from, qsizetype to, qsizetype *lines, qsizetype *bareLineFeeds) const;

private:
    static constexpr qsizetype BlockSize = 4096;

    void countPrefix(qsizetype end, qsizetype *lines, qsizetype *bare) const;

    QByteArrayView m_input;
    QList<qsizetype> m_lines; // LFs in [0, k * BlockSize)
    QList<qsizetype> m_bare;
};

} // namespace mailstead::mime
