// SmtpMessageSpool.h - collects one incoming message: trace headers plus
// the decoded content, in memory while small, in a spool file when big
//
// RFC 5321 section 4.4 (the trace headers go first), DESIGN.md
// "Durability" (the store syncs what it is given; the spool file here need
// not be synced). Content arrives as views from the DATA/BDAT decoders and
// is copied exactly once: into the memory buffer, or into the write batch
// of the spool file (written with one write(2) per spoolWriteBatch octets).
// The message stays as received, CRLF line ends included: the stored file
// is the RFC 5322 message, byte for byte, below our trace headers.
// takeCopies() makes one message per mailbox with a per-copy header line
// inserted (Delivered-To): one more copy of the content per mailbox, in
// memory or file to file (copy_file_range).
//
// SECURITY: content is untrusted and bounded by SmtpLimits::maxMessageSize
// (enforced by the decoders); memory is bounded by spoolMemoryLimit. The
// spool file is created 0600 with O_EXCL in the store's spool directory.
#pragma once

#include "store/StoreTypes.h"

#include <functional>
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace mailstead::smtp {

// Messages up to this size stay in memory and the store writes them once;
// bigger ones are streamed to a spool file the store hard-links.
inline constexpr qint64 spoolMemoryLimit = 1024 * 1024;
// Octets gathered before each write(2) to the spool file.
inline constexpr qsizetype spoolWriteBatch = 256 * 1024;

class SmtpMessageSpool {
public:
    SmtpMessageSpool() = default;
    ~SmtpMessageSpool();
    SmtpMessageSpool(const SmtpMessageSpool &) = delete;
    SmtpMessageSpool &operator=(const SmtpMessageSpool &) = delete;

    // head: the trace headers. expectedSize: the SIZE parameter or -1, to
    // size the buffer. newSpoolPath: asked once, when the message outgrows
    // memory (MessageStore::newSpoolPath).
    void begin(QByteArray head, qint64 expectedSize, std::function<QString()> newSpoolPath);
    void append(QByteArrayView data);

    bool isActive() const { return m_active; }
    // A write to the spool file failed; the message cannot be stored.
    bool hasError() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    qint64 size() const { return m_size; }

    // Writes what is batched and hands the message over (the store owns a
    // spool file from here on); false, with error(), when it cannot.
    bool take(store::MessageData *message);
    // One message per insertion: the content with insertion placed at
    // offset `at` (after the Return-Path line). Same contract as take().
    bool takeCopies(qsizetype at, const QList<QByteArray> &insertions,
                    QList<store::MessageData> *copies);
    // Drops the message (refused, RSET, connection lost); removes the file.
    void discard();

private:
    bool spill();
    void writeBatch();
    bool finishFile();
    void reset();

    bool m_active = false;
    QByteArray m_buffer; // the whole message in memory, or the write batch
    qint64 m_size = 0;
    std::function<QString()> m_newSpoolPath;
    QString m_path;
    int m_fd = -1;
    QString m_error;
};

} // namespace mailstead::smtp
