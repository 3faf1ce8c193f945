// SmtpReply.cpp - SMTP reply formatting
//
// RFC 5321 sections 4.2 and 4.5.3.1.5, RFC 2034 section 3, RFC 3463.
//
// SECURITY: input is reply text built by the server, possibly quoting peer
// bytes; output is always well-formed reply lines (see SmtpReply.h).

#include "SmtpReply.h"

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

// RFC 5321 section 4.2: textstring = 1*(%d09 / %d32-126). Anything else,
// including UTF-8 quoted from a peer, becomes '?'.
char printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u == '\t' || (u >= 32 && u <= 126)) ? c : '?';
}

void appendLine(QByteArray &out, int code, char separator, QByteArrayView status,
                QByteArrayView text) {
    const qsizetype lineStart = out.size();
    out += QByteArray::number(code);
    // Reply-code [ SP textstring ] CRLF: no dangling space on a bare code.
    if (separator == '-' || !status.isEmpty() || !text.isEmpty())
        out += separator;
    if (!status.isEmpty()) {
        out += status;
        if (!text.isEmpty())
            out += ' ';
    }
    // Leave room for CRLF within the 512-octet reply line.
    const qsizetype room = maxReplyLineOctets - 2 - (out.size() - lineStart);
    const qsizetype length = qMin(text.size(), qMax<qsizetype>(room, 0));
    for (qsizetype i = 0; i < length; ++i)
        out += printable(text[i]);
    out += "\r\n"_ba;
}

} // namespace

QByteArray SmtpReply::toWire(bool withEnhancedStatus) const {
    const QByteArrayView status =
        withEnhancedStatus ? QByteArrayView(enhancedStatus) : QByteArrayView();
    QByteArray out;
    if (lines.isEmpty()) {
        appendLine(out, code, ' ', status, {});
        return out;
    }
    for (qsizetype i = 0; i < lines.size(); ++i)
        appendLine(out, code, i + 1 < lines.size() ? '-' : ' ', status, lines.at(i));
    return out;
}

bool operator==(const SmtpReply &a, const SmtpReply &b) {
    return a.code == b.code && a.enhancedStatus == b.enhancedStatus && a.lines == b.lines;
}

SmtpReply makeReply(int code, QByteArrayView enhancedStatus, const QByteArray &text) {
    SmtpReply reply;
    reply.code = code;
    reply.enhancedStatus = enhancedStatus.toByteArray();
    reply.lines.append(text);
    return reply;
}

SmtpEhloReplyBuilder::SmtpEhloReplyBuilder(QByteArrayView greeting) {
    m_reply.code = 250;
    m_reply.lines.append(greeting.toByteArray());
}

SmtpEhloReplyBuilder &SmtpEhloReplyBuilder::addKeyword(QByteArrayView keyword,
                                                       QByteArrayView parameters) {
    QByteArray line = keyword.toByteArray();
    if (!parameters.isEmpty())
        line += ' ' + parameters.toByteArray();
    m_reply.lines.append(line);
    return *this;
}

} // namespace mailstead::smtp
