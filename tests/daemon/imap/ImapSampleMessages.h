// ImapSampleMessages.h - the messages FETCH is tested with, shared by
// tst_imapfetchresponder (responses byte for byte) and
// tst_imapstructurecache (cached ENVELOPE/BODYSTRUCTURE equal computed)
//
// simple: one text part with CRLF lines. multipart: a quoted-printable
// part, an encapsulated message/rfc822 holding a multipart/alternative, a
// base64 attachment with NUL bytes and an unknown transfer encoding.
// sampleMessage() also gives both with bare LF line ends ("-lf").
#pragma once

#include <QByteArray>
#include <QString>

namespace mailstead::imap::test {

extern const QByteArray kSimpleMessage;
extern const QByteArray kMultipartMessage;

// The message with CRLF replaced by bare LF.
QByteArray bareLf(QByteArray crlf);
// "simple", "simple-lf", "multipart" or "multipart-lf".
QByteArray sampleMessage(const QString &name);

} // namespace mailstead::imap::test
