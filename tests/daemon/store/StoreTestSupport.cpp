// StoreTestSupport.cpp - messages, recipients and the index/file checker
#include "StoreTestSupport.h"

#include "store/MailboxReader.h"
#include "store/PosixFile.h"
#include "store/Sqlite.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace mailstead::store::test {

QByteArray message(int id, int size) {
    QByteArray bytes = "From: sender@example.net\r\n"
                       "To: rcpt@example.test\r\n"
                       "Subject: test message " +
                       QByteArray::number(id) +
                       "\r\n"
                       "Message-ID: <" +
                       QByteArray::number(id) +
                       "@example.net>\r\n"
                       "X-Test-Id: " +
                       QByteArray::number(id) + "\r\n\r\n";
    // Body lines of 76 characters whose content depends on the id, so a
    // mix-up between two messages cannot go unnoticed.
    int line = 0;
    while (bytes.size() < size) {
        QByteArray text = QByteArray::number(id) + '-' + QByteArray::number(line++) + ' ';
        while (text.size() < 76)
            text += char('a' + (id + text.size()) % 26);
        bytes += text + "\r\n";
    }
    bytes.truncate(std::max<qsizetype>(size, bytes.indexOf("\r\n\r\n") + 4));
    return bytes;
}

int idOf(const QByteArray &bytes) {
    static const QRegularExpression header(u"^X-Test-Id: (\\d+)\r$"_s,
                                           QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = header.match(QString::fromLatin1(bytes.left(1024)));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

Recipient recipient(const QString &domain, const QString &localPart, qint64 quotaBytes) {
    Recipient result;
    result.domain = domain;
    result.localPart = localPart;
    result.quotaBytes = quotaBytes;
    return result;
}

DeliveryRequest request(const QList<Recipient> &recipients, const QByteArray &bytes) {
    DeliveryRequest result;
    result.recipients = recipients;
    result.message = MessageData::fromBytes(bytes);
    result.internalDate = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    return result;
}

QByteArray readFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString consistencyProblem(MessageStore &store, const QString &domain, const QString &localPart) {
    QString error;
    std::unique_ptr<MailboxReader> reader = store.openReader(domain, localPart, &error);
    if (!reader)
        return u"no reader: "_s + error;
    qint64 totalBytes = 0;
    qint64 totalMessages = 0;
    for (const FolderInfo &folder : reader->folders()) {
        const QString dir = folder.dirName.isEmpty() ? reader->mailboxDir()
                                                     : reader->mailboxDir() + u'/' + folder.dirName;
        QSet<QString> files;
        for (const QString &sub : {u"new"_s, u"cur"_s})
            for (const QString &name : PosixFile::listFiles(dir + u'/' + sub))
                files.insert(sub + u'/' + name);
        const QList<MessageInfo> rows = reader->messages(folder.name);
        qint64 folderBytes = 0;
        QSet<QString> indexed;
        quint32 lastUid = 0;
        for (const MessageInfo &row : rows) {
            if (row.uid <= lastUid || row.uid >= folder.uidNext)
                return u"bad uid %1 in %2"_s.arg(row.uid).arg(folder.name);
            if (row.modSeq > folder.highestModSeq)
                return u"modseq above HIGHESTMODSEQ in "_s + folder.name;
            lastUid = row.uid;
            if (!files.contains(row.fileName))
                return u"row %1 without file %2"_s.arg(row.uid).arg(row.fileName);
            PosixFile::FileStat info;
            PosixFile::stat(dir + u'/' + row.fileName, &info);
            if (info.size != row.size)
                return u"size of %1 differs"_s.arg(row.fileName);
            if (indexed.contains(row.fileName))
                return u"file indexed twice: "_s + row.fileName;
            indexed.insert(row.fileName);
            folderBytes += row.size;
        }
        for (const QString &file : std::as_const(files))
            if (!indexed.contains(file))
                return u"file without row: "_s + file;
        if (folder.messages != rows.size() || folder.bytes != folderBytes)
            return u"counters of "_s + folder.name + u" differ from its rows"_s;
        totalBytes += folderBytes;
        totalMessages += rows.size();
    }
    const Usage stored = reader->usage();
    if (stored.bytes != totalBytes || stored.messages != totalMessages)
        return u"usage %1/%2 but rows hold %3/%4"_s.arg(stored.bytes)
            .arg(stored.messages)
            .arg(totalBytes)
            .arg(totalMessages);
    const std::optional<Usage> live = store.usage(domain, localPart);
    if (!live || live->bytes != totalBytes || live->messages != totalMessages)
        return u"in-memory usage differs from the rows"_s;
    return {};
}

bool markIndexUnclean(const QString &mailboxDir) {
    SqliteDb db;
    QString error;
    if (!db.open(mailboxDir + u"/index.db"_s, SqliteDb::Mode::Writer, &error))
        return false;
    return db.exec("UPDATE meta SET value='open' WHERE key='state'");
}

} // namespace mailstead::store::test
