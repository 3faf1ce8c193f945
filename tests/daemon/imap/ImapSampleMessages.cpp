// ImapSampleMessages.cpp - the shared FETCH test messages
#include "ImapSampleMessages.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap::test {

const QByteArray kSimpleMessage = "From: Alice <alice@example.org>\r\n"
                                  "To: bob@example.test\r\n"
                                  "Subject: Hello\r\n"
                                  "Date: Tue, 12 Mar 2024 10:15:00 +0100\r\n"
                                  "Message-ID: <1@example.org>\r\n"
                                  "\r\n"
                                  "Body line one.\r\n";

const QByteArray kMultipartMessage = "From: a@example.org\r\n"
                                     "Subject: nested\r\n"
                                     "MIME-Version: 1.0\r\n"
                                     "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
                                     "\r\n"
                                     "preamble\r\n"
                                     "--outer\r\n"
                                     "Content-Type: text/plain; charset=utf-8\r\n"
                                     "Content-Transfer-Encoding: quoted-printable\r\n"
                                     "\r\n"
                                     "caf=C3=A9\r\n"
                                     "--outer\r\n"
                                     "Content-Type: message/rfc822\r\n"
                                     "\r\n"
                                     "From: inner@example.org\r\n"
                                     "Subject: inner\r\n"
                                     "Content-Type: multipart/alternative; boundary=\"inner\"\r\n"
                                     "\r\n"
                                     "--inner\r\n"
                                     "Content-Type: text/plain\r\n"
                                     "\r\n"
                                     "inner text\r\n"
                                     "--inner\r\n"
                                     "Content-Type: text/html\r\n"
                                     "\r\n"
                                     "<p>inner</p>\r\n"
                                     "--inner--\r\n"
                                     "\r\n"
                                     "--outer\r\n"
                                     "Content-Type: application/octet-stream\r\n"
                                     "Content-Transfer-Encoding: base64\r\n"
                                     "\r\n"
                                     "AAEC/w==\r\n"
                                     "--outer\r\n"
                                     "Content-Type: application/x-data\r\n"
                                     "Content-Transfer-Encoding: x-uuencode\r\n"
                                     "\r\n"
                                     "begin 644 x\r\n"
                                     "--outer--\r\n";

QByteArray bareLf(QByteArray crlf) {
    return crlf.replace("\r\n", "\n");
}

QByteArray sampleMessage(const QString &name) {
    if (name == u"simple"_s)
        return kSimpleMessage;
    if (name == u"simple-lf"_s)
        return bareLf(kSimpleMessage);
    if (name == u"multipart"_s)
        return kMultipartMessage;
    return bareLf(kMultipartMessage);
}

} // namespace mailstead::imap::test
