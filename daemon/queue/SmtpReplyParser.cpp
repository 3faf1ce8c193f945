// SmtpReplyParser.cpp - remote SMTP replies and EHLO capabilities
//
// RFC 5321 sections 4.2, 4.2.1 and 4.1.1.1, RFC 3463, RFC 2034 section 3,
// RFC 1870 section 4 (SIZE with an optional number), RFC 2920, RFC 3207,
// RFC 6152, RFC 6531, RFC 3461.
//
// SECURITY: untrusted bytes from a remote server; see SmtpReplyParser.h.
#include "SmtpReplyParser.h"

using namespace Qt::StringLiterals;

namespace mailstead::queue {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

// RFC 3463 section 2: class "." subject "." detail, subject and detail of
// 1-3 digits; the class must match the reply code's first digit.
qsizetype enhancedStatusLength(QByteArrayView text, char replyClass) {
    if (text.size() < 5 || text[0] != replyClass || text[1] != '.')
        return 0;
    qsizetype at = 2;
    for (int part = 0; part < 2; ++part) {
        const qsizetype start = at;
        while (at < text.size() && isDigit(text[at]) && at - start < 4)
            ++at;
        if (at == start || at - start > 3)
            return 0;
        if (part == 0) {
            if (at >= text.size() || text[at] != '.')
                return 0;
            ++at;
        }
    }
    if (at < text.size() && text[at] != ' ')
        return 0;
    return at;
}

ReplyParse failure(const QString &error) {
    ReplyParse parse;
    parse.status = ReplyParse::Status::Error;
    parse.error = error;
    return parse;
}

} // namespace

ReplyParse parseSmtpReply(QByteArrayView input, qsizetype maxLine, int maxLines) {
    smtp::SmtpReply reply;
    qsizetype at = 0;
    int lines = 0;
    while (true) {
        const qsizetype end = input.indexOf('\n', at);
        if (end < 0) {
            if (input.size() - at > maxLine)
                return failure(u"reply line longer than %1 octets"_s.arg(maxLine));
            return {};
        }
        if (end + 1 - at > maxLine)
            return failure(u"reply line longer than %1 octets"_s.arg(maxLine));
        if (++lines > maxLines)
            return failure(u"reply with more than %1 lines"_s.arg(maxLines));
        QByteArrayView line = input.sliced(at, end - at);
        if (line.endsWith('\r'))
            line.chop(1);
        at = end + 1;

        if (line.size() < 3 || !isDigit(line[0]) || !isDigit(line[1]) || !isDigit(line[2]) ||
            line[0] < '2' || line[0] > '5' || line[1] > '5')
            return failure(u"not an SMTP reply line"_s);
        const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        if (reply.code != 0 && code != reply.code)
            return failure(
                u"reply lines with different codes (%1, %2)"_s.arg(reply.code).arg(code));
        reply.code = code;
        bool last = true;
        QByteArrayView text;
        if (line.size() > 3) {
            if (line[3] != ' ' && line[3] != '-')
                return failure(u"no space or hyphen after the reply code"_s);
            last = line[3] == ' ';
            text = line.sliced(4);
        }
        const qsizetype statusLength = enhancedStatusLength(text, line[0]);
        if (statusLength > 0) {
            if (reply.enhancedStatus.isEmpty() && lines == 1)
                reply.enhancedStatus = text.first(statusLength).toByteArray();
            text = text.sliced(statusLength);
            if (text.startsWith(' '))
                text = text.sliced(1);
        }
        reply.lines.append(text.toByteArray());
        if (last)
            break;
    }
    ReplyParse parse;
    parse.status = ReplyParse::Status::Ok;
    parse.reply = reply;
    parse.consumed = at;
    return parse;
}

QByteArray replyText(const smtp::SmtpReply &reply) {
    QByteArray text = QByteArray::number(reply.code);
    if (!reply.enhancedStatus.isEmpty())
        text += ' ' + reply.enhancedStatus;
    QByteArrayList nonEmpty;
    for (const QByteArray &line : reply.lines) {
        if (!line.trimmed().isEmpty())
            nonEmpty.append(line.trimmed());
    }
    if (!nonEmpty.isEmpty())
        text += ' ' + nonEmpty.join(" / ");
    // Keep the attempt log and DSN fields printable ASCII.
    for (char &c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 32 || u > 126)
            c = '?';
    }
    return text;
}

EhloCapabilities parseEhloCapabilities(const smtp::SmtpReply &reply) {
    EhloCapabilities caps;
    for (qsizetype i = 1; i < reply.lines.size(); ++i) {
        const QByteArrayList words = reply.lines.at(i).simplified().split(' ');
        const QByteArray keyword = words.value(0).toUpper();
        if (keyword == "PIPELINING") {
            caps.pipelining = true;
        } else if (keyword == "STARTTLS") {
            caps.startTls = true;
        } else if (keyword == "8BITMIME") {
            caps.eightBitMime = true;
        } else if (keyword == "SMTPUTF8") {
            caps.smtpUtf8 = true;
        } else if (keyword == "ENHANCEDSTATUSCODES") {
            caps.enhancedStatusCodes = true;
        } else if (keyword == "DSN") {
            caps.dsn = true;
        } else if (keyword == "AUTH" || keyword.startsWith("AUTH=")) {
            // RFC 4954 section 3; "AUTH=" is the pre-standard form some
            // servers still announce next to it.
            QByteArrayList mechanisms = words.mid(1);
            if (keyword.size() > 5)
                mechanisms.append(keyword.mid(5));
            for (const QByteArray &word : std::as_const(mechanisms)) {
                const QByteArray mechanism = word.toUpper();
                caps.authPlain = caps.authPlain || mechanism == "PLAIN";
                caps.authLogin = caps.authLogin || mechanism == "LOGIN";
            }
        } else if (keyword == "SIZE") {
            caps.hasSize = true;
            bool ok = false;
            const qint64 size = words.value(1).toLongLong(&ok);
            caps.maxSize = ok && size > 0 ? size : 0;
        }
    }
    return caps;
}

} // namespace mailstead::queue
