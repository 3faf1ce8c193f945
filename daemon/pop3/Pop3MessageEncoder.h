// Pop3MessageEncoder.h - a stored message as the body of a POP3 multi-line
// response: CRLF line ends, dot-stuffing, the terminating ".", and TOP's cut
//
// RFC 1939 section 3 (multi-line responses: lines end in CRLF, a line that
// starts with "." gets another "." in front, the response ends with
// CRLF "." CRLF) and section 7 (TOP: the header, the blank line after it,
// then n lines of the body). Messages are stored with LF line ends (the
// Maildir convention), or CRLF when imported that way; every LF becomes
// CRLF, a CR that ends no line is passed on as it is. Pure: the session
// reads the file in chunks and feeds them here, so a large message never
// sits in memory whole.
//
// SECURITY: the input is a stored message, i.e. bytes some SMTP peer sent;
// whatever it holds, the output cannot end the response early (every "." at
// a line start is stuffed) and the response always ends properly.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::pop3 {

class Pop3MessageEncoder {
public:
    // bodyLines < 0: the whole message (RETR); otherwise TOP's line count.
    explicit Pop3MessageEncoder(qint64 bodyLines = -1);

    // Appends the encoding of the next chunk of the message to *out. False
    // once TOP has all the lines it wants: the rest need not be read.
    bool feed(QByteArrayView chunk, QByteArray *out);
    // Closes the last line when the message did not end with one, then
    // appends the terminating ".\r\n". Call once, after the last feed.
    void finish(QByteArray *out);
    bool wantsMore() const { return !m_done; }

private:
    void endLine(QByteArray *out);

    qint64 m_bodyLinesLeft;
    bool m_top;
    bool m_inBody = false;
    bool m_atLineStart = true;
    bool m_pendingCr = false; // a CR at the end of the last chunk
    bool m_done = false;
};

} // namespace mailstead::pop3
