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

#include <QFile>

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

ImapMessageView::~ImapMessageView() = default;

bool ImapMessageView::load() {
    if (m_loaded)
        return *m_loaded;
    m_loaded = false;
    const int fd = m_reader->openMessage(m_folder, m_info);
    if (fd < 0)
        return false;
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

const mime::MimeMessage &ImapMessageView::mime() {
    if (!m_mime)
        m_mime = mime::parseMessage(m_bytes);
    return *m_mime;
}

} // namespace mailstead::imap
