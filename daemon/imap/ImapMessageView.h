// ImapMessageView.h - one message of a selected folder as FETCH and SEARCH
// see it: the index row, then on demand the file and its MIME structure
//
// RFC 9051 section 2.3 (message attributes: UID, sequence number, flags,
// internal date, size, envelope, body structure), section 2.3.4 and
// section 7.5.2 (RFC822.SIZE and every BODY[] octet count are of the
// message with CRLF line ends).
//
// The file is mapped read-only on the first load(), never copied; the
// MIME structure is parsed once on the first mime(). The cached ENVELOPE
// and BODYSTRUCTURE columns of the index row (store/IndexedMessage.h) are
// read on the first cachedStructure(), so only a FETCH of those items
// costs the lookup, and one that the index answers reads no file. A message that was
// expunged since the index row was read has no file: load() is false and
// FETCH answers nothing for it (RFC 9051 section 7.5.2 allows that).
// Not thread safe; one view serves one command in one session.
//
// SECURITY: the file is untrusted mail; everything derived from it is
// bounded by the MIME parser's limits (MimeLimits).
#pragma once

#include "mime/MimeMessage.h"
#include "store/MailboxReader.h"
#include "store/StoreTypes.h"

#include <memory>
#include <optional>
#include <QByteArrayView>

class QFile;

namespace mailstead::imap {

class ImapMessageView {
public:
    ImapMessageView(store::MailboxReader &reader, const store::FolderInfo &folder,
                    const store::MessageInfo &info, quint32 sequence);
    // A message given as bytes (APPEND before it is stored, a header block
    // from ImapHeaderCache, tests): no file to read; load() is always true.
    ImapMessageView(QByteArrayView bytes, const store::MessageInfo &info, quint32 sequence);
    // A message's header block from ImapHeaderCache, whose index row still
    // answers cachedStructure().
    ImapMessageView(QByteArrayView header, store::MailboxReader &reader,
                    const store::FolderInfo &folder, const store::MessageInfo &info,
                    quint32 sequence);
    ~ImapMessageView();
    ImapMessageView(const ImapMessageView &) = delete;
    ImapMessageView &operator=(const ImapMessageView &) = delete;

    const store::MessageInfo &info() const { return m_info; }
    quint32 sequence() const { return m_sequence; }

    // Maps the file on the first call (MailboxReader::openMessage follows a
    // rename); false when the message is gone or cannot be read.
    bool load();
    // load() was called and succeeded (or the view was given bytes).
    bool isLoaded() const { return m_loaded.value_or(false); }
    // The file's bytes as stored (line ends may be bare LF); empty before a
    // successful load().
    QByteArrayView bytes() const { return m_bytes; }
    // The MIME structure of bytes(), parsed on the first call (load() first).
    const mime::MimeMessage &mime();
    // Where the message's own header block ends (just past its blank line,
    // or the end when there is none): what mime().root().header.end() is,
    // found without parsing the MIME structure, so HEADER, HEADER.FIELDS,
    // TEXT and BODY[] of the message itself cost one scan of the header.
    qsizetype headerEnd();
    // The index row's cached ENVELOPE and BODYSTRUCTURE columns, read on the
    // first call; null values for a view without an index row, or a row
    // whose columns are NULL.
    const store::MailboxReader::CachedStructure &cachedStructure();

private:
    // Reads exactly info().size octets from fd into m_copy; false if the
    // file is not that size.
    bool readIndexedSize(int fd);

    store::MailboxReader *m_reader = nullptr;
    store::FolderInfo m_folder;
    store::MessageInfo m_info;
    quint32 m_sequence = 0;
    std::optional<bool> m_loaded;
    std::unique_ptr<QFile> m_file;
    QByteArray m_copy; // small or unmappable files
    QByteArrayView m_bytes;
    std::optional<mime::MimeMessage> m_mime;
    qsizetype m_headerEnd = -1;
    std::optional<store::MailboxReader::CachedStructure> m_cached;
};

} // namespace mailstead::imap
