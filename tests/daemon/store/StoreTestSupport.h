// StoreTestSupport.h - helpers shared by the message store tests
//
// Deterministic messages (an id in a header, fixed size), recipients, and a
// checker that compares a mailbox's index with the files on disk: every row
// has its file with the indexed size, every file has a row, folder counters
// and usage equal the sums over the rows.
#pragma once

#include "store/MessageStore.h"

#include <QByteArray>
#include <QString>

namespace mailstead::store::test {

// A CRLF message of exactly `size` bytes (at least the headers) whose
// "X-Test-Id" header is `id`.
QByteArray message(int id, int size = 4096);
// The X-Test-Id of a message, -1 when absent.
int idOf(const QByteArray &message);

Recipient recipient(const QString &domain, const QString &localPart, qint64 quotaBytes = 0);
DeliveryRequest request(const QList<Recipient> &recipients, const QByteArray &bytes);

QByteArray readFile(const QString &path);

// Empty when index and files agree; otherwise what is wrong.
QString consistencyProblem(MessageStore &store, const QString &domain, const QString &localPart);

// Simulates a crash: marks index.db as still open, so the next open scans.
bool markIndexUnclean(const QString &mailboxDir);

} // namespace mailstead::store::test
