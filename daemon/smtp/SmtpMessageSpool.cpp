// SmtpMessageSpool.cpp - memory buffer with spill to a spool file
//
// SECURITY: untrusted content, bounded (see SmtpMessageSpool.h).
#include "SmtpMessageSpool.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <QFile>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

// Room for a message of unknown size before the first reallocation.
constexpr qsizetype initialBuffer = 16 * 1024;

QString systemError() {
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool writeAll(int fd, const char *data, qsizetype length) {
    while (length > 0) {
        const ssize_t written = ::write(fd, data, size_t(length));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        length -= written;
    }
    return true;
}

// source with `insertion` placed at offset `at`, into a new file (0600,
// O_EXCL). The bulk is copied inside the kernel where it can be.
bool copyWithInsertion(const QString &source, const QString &target, qsizetype at,
                       const QByteArray &insertion, QString *error) {
    const int in = ::open(QFile::encodeName(source).constData(), O_RDONLY | O_CLOEXEC);
    const int out = ::open(QFile::encodeName(target).constData(),
                           O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    bool ok = in >= 0 && out >= 0;
    if (ok) {
        QByteArray head(at, Qt::Uninitialized);
        ok = ::pread(in, head.data(), size_t(at), 0) == ssize_t(at) &&
             writeAll(out, head.constData(), head.size()) &&
             writeAll(out, insertion.constData(), insertion.size());
    }
    off_t offset = off_t(at);
    bool kernelCopy = true;
    while (ok) {
        ssize_t copied = -1;
        if (kernelCopy) {
            copied = ::copy_file_range(in, &offset, out, nullptr, spoolWriteBatch * 16, 0);
            if (copied < 0 &&
                (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP)) {
                kernelCopy = false;
                continue;
            }
        } else {
            QByteArray chunk(spoolWriteBatch, Qt::Uninitialized);
            copied = ::pread(in, chunk.data(), size_t(chunk.size()), offset);
            if (copied > 0 && writeAll(out, chunk.constData(), copied))
                offset += copied;
            else if (copied > 0)
                copied = -1;
        }
        if (copied == 0)
            break;
        if (copied < 0 && errno != EINTR)
            ok = false;
    }
    if (!ok)
        *error = u"cannot copy "_s + source + u" to "_s + target + u": "_s + systemError();
    if (in >= 0)
        ::close(in);
    if (out >= 0 && ::close(out) != 0 && ok) {
        ok = false;
        *error = u"cannot write "_s + target + u": "_s + systemError();
    }
    if (!ok && out >= 0)
        ::unlink(QFile::encodeName(target).constData());
    return ok;
}

} // namespace

SmtpMessageSpool::~SmtpMessageSpool() {
    discard();
}

void SmtpMessageSpool::begin(QByteArray head, qint64 expectedSize,
                             std::function<QString()> newSpoolPath) {
    discard();
    m_active = true;
    m_newSpoolPath = std::move(newSpoolPath);
    m_size = head.size();
    m_buffer = std::move(head);
    const qint64 expected =
        expectedSize > 0 ? qMin(expectedSize, spoolMemoryLimit) : qint64(initialBuffer);
    m_buffer.reserve(qsizetype(m_buffer.size() + expected + 2));
}

void SmtpMessageSpool::append(QByteArrayView data) {
    if (!m_active || !m_error.isEmpty() || data.isEmpty())
        return;
    m_size += data.size();
    if (m_fd < 0 && m_size > spoolMemoryLimit && !spill())
        return;
    m_buffer.append(data);
    if (m_fd >= 0 && m_buffer.size() >= spoolWriteBatch)
        writeBatch();
}

bool SmtpMessageSpool::spill() {
    m_path = m_newSpoolPath ? m_newSpoolPath() : QString();
    if (m_path.isEmpty()) {
        m_error = u"no spool directory"_s;
        return false;
    }
    const QByteArray native = QFile::encodeName(m_path);
    m_fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        m_error = u"cannot create "_s + m_path + u": "_s + systemError();
        m_path.clear();
        m_buffer = QByteArray();
        return false;
    }
    writeBatch();
    return m_error.isEmpty();
}

void SmtpMessageSpool::writeBatch() {
    if (!writeAll(m_fd, m_buffer.constData(), m_buffer.size())) {
        m_error = u"cannot write "_s + m_path + u": "_s + systemError();
        m_buffer = QByteArray();
        return;
    }
    // Keep the capacity: the next batch fills the same memory.
    m_buffer.resize(0);
}

bool SmtpMessageSpool::finishFile() {
    writeBatch();
    if (::close(std::exchange(m_fd, -1)) != 0 && m_error.isEmpty())
        m_error = u"cannot write "_s + m_path + u": "_s + systemError();
    if (m_error.isEmpty())
        return true;
    const QString error = m_error;
    discard();
    m_error = error; // for error(); the next begin() clears it
    return false;
}

void SmtpMessageSpool::reset() {
    m_buffer = QByteArray();
    m_active = false;
    m_size = 0;
}

bool SmtpMessageSpool::take(store::MessageData *message) {
    if (!m_active || !m_error.isEmpty())
        return false;
    if (m_fd < 0) {
        // Stored as received: every line ends in CRLF, so the virtual size
        // (RFC822.SIZE) is the size.
        *message = store::MessageData::fromBytes(std::move(m_buffer));
        message->virtualSize = m_size;
    } else {
        if (!finishFile())
            return false;
        *message = store::MessageData::fromSpoolFile(std::exchange(m_path, {}), m_size);
    }
    reset();
    return true;
}

bool SmtpMessageSpool::takeCopies(qsizetype at, const QList<QByteArray> &insertions,
                                  QList<store::MessageData> *copies) {
    copies->clear();
    if (!m_active || !m_error.isEmpty())
        return false;
    if (m_fd < 0) {
        const QByteArrayView whole(m_buffer);
        for (const QByteArray &insertion : insertions) {
            QByteArray bytes;
            bytes.reserve(m_buffer.size() + insertion.size());
            bytes.append(whole.first(at)).append(insertion).append(whole.sliced(at));
            store::MessageData copy = store::MessageData::fromBytes(std::move(bytes));
            copy.virtualSize = copy.bytes.size();
            copies->append(std::move(copy));
        }
        reset();
        return true;
    }
    if (!finishFile())
        return false;
    for (const QByteArray &insertion : insertions) {
        const QString path = m_newSpoolPath();
        if (!copyWithInsertion(m_path, path, at, insertion, &m_error)) {
            for (const store::MessageData &made : std::as_const(*copies))
                ::unlink(QFile::encodeName(made.spoolPath).constData());
            copies->clear();
            const QString error = m_error;
            discard();
            m_error = error;
            return false;
        }
        copies->append(store::MessageData::fromSpoolFile(path, m_size + insertion.size()));
    }
    ::unlink(QFile::encodeName(std::exchange(m_path, {})).constData());
    reset();
    return true;
}

void SmtpMessageSpool::discard() {
    if (m_fd >= 0)
        ::close(std::exchange(m_fd, -1));
    if (!m_path.isEmpty())
        ::unlink(QFile::encodeName(std::exchange(m_path, {})).constData());
    m_buffer = QByteArray();
    m_active = false;
    m_size = 0;
    m_error.clear();
}

} // namespace mailstead::smtp
