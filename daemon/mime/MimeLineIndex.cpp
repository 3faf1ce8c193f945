// MimeLineIndex.cpp - cumulative LF counts per 4 KiB block
//
// RFC 9051 section 7.5.2, RFC 5322 section 2.3.
//
// SECURITY: untrusted input; one linear pass, bounded memory.

#include "MimeLineIndex.h"

namespace mailstead::mime {

namespace {

void scan(QByteArrayView input, qsizetype from, qsizetype to, qsizetype *lines, qsizetype *bare) {
    const char *data = input.data();
    for (qsizetype i = from; i < to; ++i) {
        if (data[i] == '\n') {
            ++*lines;
            if (i == 0 || data[i - 1] != '\r')
                ++*bare;
        }
    }
}

} // namespace

MimeLineIndex::MimeLineIndex(QByteArrayView input)
    : m_input(input) {
    const qsizetype blocks = input.size() / BlockSize + 1;
    m_lines.reserve(blocks);
    m_bare.reserve(blocks);
    qsizetype lines = 0;
    qsizetype bare = 0;
    m_lines.append(0);
    m_bare.append(0);
    for (qsizetype block = 1; block < blocks; ++block) {
        scan(input, (block - 1) * BlockSize, block * BlockSize, &lines, &bare);
        m_lines.append(lines);
        m_bare.append(bare);
    }
}

void MimeLineIndex::countPrefix(qsizetype end, qsizetype *lines, qsizetype *bare) const {
    const qsizetype block = end / BlockSize;
    *lines = m_lines.at(block);
    *bare = m_bare.at(block);
    scan(m_input, block * BlockSize, end, lines, bare);
}

void MimeLineIndex::count(qsizetype from, qsizetype to, qsizetype *lines,
                          qsizetype *bareLineFeeds) const {
    qsizetype fromLines = 0;
    qsizetype fromBare = 0;
    countPrefix(from, &fromLines, &fromBare);
    countPrefix(to, lines, bareLineFeeds);
    *lines -= fromLines;
    *bareLineFeeds -= fromBare;
}

} // namespace mailstead::mime
