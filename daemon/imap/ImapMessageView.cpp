// ImapMessageView.cpp - mapping a message file and parsing it once
//
// RFC 9051 sections 2.3 and 7.5.2.
//
// SECURITY: the file is untrusted mail; it is only mapped read-only and
// handed to the bounded MIME parser.

#include "ImapMessageView.h"

#include "mime/MimeParser.h"
#include "store/MailboxReader.h"
#include "store/PosixFile.h"

#include <cerrno>
#include <cstring>
#include <QFile>
#include <unistd.h>

namespace mailstead::imap {

namespace {

// Below this a plain read is cheaper than setting up a mapping.
constexpr qint64 kMapThreshold = 64 * 1024;

} // namespace

ImapMessageView::ImapMessageView(store::MailboxReader &reader, const store::FolderInfo &folder,
                                 const store::MessageInfo &info, quint32 sequence)
    : m_reader(&reader)
    , m_folder(folder)
    , m_info(info)
    , m_sequence(sequence) {}

ImapMessageView::ImapMessageView(QByteArrayView bytes, const store::MessageInfo &info,
                                 quint32 sequence)
    : m_info(info)
    , m_sequence(sequence)
    , m_loaded(true)
    , m_bytes(bytes) {}

ImapMessageView::ImapMessageView(QByteArrayView header, store::MailboxReader &reader,
                                 const store::FolderInfo &folder, const store::MessageInfo &info,
                                 quint32 sequence)
    : m_reader(&reader)
    , m_folder(folder)
    , m_info(info)
    , m_sequence(sequence)
    , m_loaded(true)
    , m_bytes(header) {}

ImapMessageView::~ImapMessageView() = default;

bool ImapMessageView::load() {
    if (m_loaded)
        return *m_loaded;
    m_loaded = false;
    const int fd = m_reader->openMessage(m_folder, m_info);
    if (fd < 0)
        return false;
    if (m_info.size >= 0 && m_info.size < kMapThreshold && readIndexedSize(fd)) {
        store::PosixFile::closeFd(fd);
        m_loaded = true;
        return true;
    }
    store::PosixFile::FileStat stat;
    if (!store::PosixFile::fstat(fd, &stat)) {
        store::PosixFile::closeFd(fd);
        return false;
    }
    if (stat.size < kMapThreshold) {
        bool ok = false;
        m_copy = store::PosixFile::readAll(fd, stat.size, &ok);
        store::PosixFile::closeFd(fd);
        if (!ok)
            return false;
        m_bytes = m_copy;
        m_loaded = true;
        return true;
    }
    m_file = std::make_unique<QFile>();
    if (!m_file->open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        store::PosixFile::closeFd(fd);
        m_file.reset();
        return false;
    }
    const uchar *mapped = m_file->map(0, stat.size);
    if (!mapped) {
        m_copy = m_file->readAll();
        if (m_copy.size() != stat.size)
            return false;
        m_bytes = m_copy;
    } else {
        m_bytes = QByteArrayView(reinterpret_cast<const char *>(mapped), stat.size);
    }
    m_loaded = true;
    return true;
}

qsizetype ImapMessageView::headerEnd() {
    if (m_headerEnd >= 0)
        return m_headerEnd;
    if (m_mime) {
        m_headerEnd = m_mime->root().header.end();
        return m_headerEnd;
    }
    // The first empty line ("\n" or "\r\n" at a line start) ends the
    // header (RFC 5322 section 2.1), exactly as mime::parseHeaderBlock
    // finds it for the top-level entity, which has no boundary to stop at.
    const char *begin = m_bytes.data();
    const char *end = begin + m_bytes.size();
    const auto blankAt = [end](const char *line) -> const char * {
        if (line < end && *line == '\n')
            return line + 1;
        if (end - line >= 2 && line[0] == '\r' && line[1] == '\n')
            return line + 2;
        return nullptr;
    };
    m_headerEnd = m_bytes.size();
    for (const char *line = begin; line < end;) {
        if (const char *after = blankAt(line)) {
            m_headerEnd = after - begin;
            break;
        }
        const void *lf = std::memchr(line, '\n', size_t(end - line));
        if (!lf)
            break;
        line = static_cast<const char *>(lf) + 1;
    }
    return m_headerEnd;
}

bool ImapMessageView::readIndexedSize(int fd) {
    // The index knows the file's size; one read of one octet more confirms
    // it (a short read of a regular file means its end), which saves the
    // fstat. Any surprise goes the general way.
    QByteArray data(m_info.size + 1, Qt::Uninitialized);
    qint64 done = 0;
    while (done < data.size()) {
        const ssize_t got =
            ::pread(fd, data.data() + done, size_t(data.size() - done), off_t(done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        done += got;
    }
    if (done != m_info.size)
        return false;
    data.truncate(done);
    m_copy = std::move(data);
    m_bytes = m_copy;
    return true;
}

const store::MailboxReader::CachedStructure &ImapMessageView::cachedStructure() {
    if (!m_cached)
        m_cached = m_reader ? m_reader->cachedStructure(m_folder, m_info.uid)
                            : store::MailboxReader::CachedStructure();
    return *m_cached;
}

const mime::MimeMessage &ImapMessageView::mime() {
    if (!m_mime)
        m_mime = mime::parseMessage(m_bytes);
    return *m_mime;
}

} // namespace mailstead::imap
