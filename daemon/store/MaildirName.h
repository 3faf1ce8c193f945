// MaildirName.h - Maildir file names: unique base names and the info suffix
//
// Format (https://cr.yp.to/proto/maildir.html, with Courier/Dovecot's S= and
// W= fields):   <secs>.M<usecs>P<pid>Q<n>.<host>,S=<size>,W=<vsize>[:2,<flags>]
// Files in new/ carry no ":2," info; files in cur/ do. Flag letters are the
// Maildir ones in ASCII order: D draft, F flagged, R replied (\Answered),
// S seen, T trashed (\Deleted). Keywords live only in the index.
//
// The base name (everything before ':') identifies a message for its whole
// life: renames that change flags or move it from new/ to cur/ keep it, and
// recovery matches files to index rows by it.
#pragma once

#include "StoreTypes.h"

#include <QString>

namespace mailstead::store::MaildirName {

struct Parsed {
    QString baseName;
    MessageFlags flags;
    bool hasInfo = false;
    qint64 size = -1;        // S=, -1 when absent
    qint64 virtualSize = -1; // W=, -1 when absent
};

// A name unique within this process (pid + a process-wide counter) and, with
// one mailsteadd per data directory, within the store. A negative size or
// virtualSize leaves that field out (spool names).
QString uniqueBaseName(qint64 size, qint64 virtualSize);
// Base name plus ":2,<flags>", or the base name alone for new/.
QString withInfo(const QString &baseName, MessageFlags flags);
QString flagLetters(MessageFlags flags);
Parsed parse(const QString &fileName);

// The host name as it may appear in a Maildir name ('/' ':' ',' escaped as
// octal, per the Maildir spec and Dovecot).
QString sanitizedHostName();

// Size with CRLF line ends: every LF not preceded by CR counts twice.
qint64 virtualSizeOf(const QByteArray &bytes);

} // namespace mailstead::store::MaildirName
