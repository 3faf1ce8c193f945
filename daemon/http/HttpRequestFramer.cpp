// HttpRequestFramer.cpp - see HttpRequestFramer.h
//
// RFC 9112 sections 2.2, 3, 5, 6.3; RFC 9110 sections 5.6.2 (tokens),
// 7.2 (Host) and 15.5.
//
// SECURITY: bounded by RequestLimits before anything is parsed; every
// verdict is a value, never an assert.
#include "HttpRequestFramer.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace mailstead::http {

namespace {

RequestFrame refuse(int status, const QString &why) {
    RequestFrame frame;
    frame.status = RequestFrame::Status::Error;
    frame.errorStatus = status;
    frame.error = why;
    return frame;
}

// RFC 9110 section 5.6.2: tchar.
bool isTokenChar(char c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text) {
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool isDigits(QByteArrayView text) {
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

QByteArrayView withoutCr(QByteArrayView line) {
    return line.endsWith('\r') ? line.chopped(1) : line;
}

// Where the header block ends (the index just past its empty line), or -1.
// start is the first octet after the request line's LF.
qsizetype headerEnd(QByteArrayView input, qsizetype start) {
    if (input.sliced(start).startsWith("\r\n"))
        return start + 2;
    if (input.sliced(start).startsWith("\n"))
        return start + 1;
    for (qsizetype i = input.indexOf('\n', start); i >= 0; i = input.indexOf('\n', i + 1)) {
        const QByteArrayView rest = input.sliced(i + 1);
        if (rest.startsWith("\r\n"))
            return i + 3;
        if (rest.startsWith("\n"))
            return i + 2;
    }
    return -1;
}

RequestFrame checkRequestLine(QByteArrayView line) {
    // RFC 9112 section 3: method SP request-target SP HTTP-version, single
    // spaces.
    const QList<QByteArrayView> parts = [&] {
        QList<QByteArrayView> result;
        qsizetype from = 0;
        for (qsizetype space = line.indexOf(' '); space >= 0; space = line.indexOf(' ', from)) {
            result << line.sliced(from, space - from);
            from = space + 1;
        }
        result << line.sliced(from);
        return result;
    }();
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty())
        return refuse(400, u"malformed request line"_s);
    for (const char c : parts.at(1)) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return refuse(400, u"control or non-ASCII octet in the request target"_s);
    }
    const QByteArrayView version = parts.at(2);
    if (!version.startsWith("HTTP/") || version.size() != 8 || version.at(6) != '.')
        return refuse(400, u"malformed HTTP version"_s);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return refuse(505, u"only HTTP/1.0 and HTTP/1.1 are served"_s);
    RequestFrame ok;
    ok.status = RequestFrame::Status::Complete;
    return ok;
}

} // namespace

RequestFrame frameRequest(QByteArrayView input, const RequestLimits &limits) {
    // RFC 9112 section 2.2: empty lines before the request line are
    // ignored (QHttpServer skips any whitespace there; so do we, and count
    // it against the header limit).
    qsizetype start = 0;
    while (start < input.size() && QByteArrayView("\r\n \t\v").contains(input.at(start)))
        ++start;
    if (start > limits.maxHeaderBytes)
        return refuse(431, u"more than "_s + QString::number(limits.maxHeaderBytes) +
                               u" octets of empty lines before the request"_s);

    const qsizetype lineEnd = input.indexOf('\n', start);
    if (lineEnd < 0) {
        if (input.size() > limits.maxHeaderBytes)
            return refuse(414, u"request line longer than "_s +
                                   QString::number(limits.maxHeaderBytes) + u" octets"_s);
        return {};
    }
    if (lineEnd > limits.maxHeaderBytes)
        return refuse(414, u"request line longer than "_s + QString::number(limits.maxHeaderBytes) +
                               u" octets"_s);
    const qsizetype end = headerEnd(input, lineEnd + 1);
    if ((end < 0 && input.size() > limits.maxHeaderBytes) || end > limits.maxHeaderBytes)
        return refuse(431, u"request header larger than "_s +
                               QString::number(limits.maxHeaderBytes) + u" octets"_s);
    if (end < 0)
        return {};

    const QByteArrayView requestLine = withoutCr(input.sliced(start, lineEnd - start));
    const RequestFrame lineCheck = checkRequestLine(requestLine);
    if (lineCheck.isError())
        return lineCheck;
    const bool http11 = requestLine.endsWith("HTTP/1.1");

    int fields = 0;
    int hosts = 0;
    bool transferEncoding = false;
    bool expectContinue = false;
    QByteArray contentLength;
    qsizetype lineStart = lineEnd + 1;
    while (lineStart < end) {
        const qsizetype newline = input.indexOf('\n', lineStart);
        const QByteArrayView line = withoutCr(input.sliced(lineStart, newline - lineStart));
        lineStart = newline + 1;
        if (line.isEmpty())
            break;
        // RFC 9112 section 5.2: obs-fold is refused.
        if (line.startsWith(' ') || line.startsWith('\t'))
            return refuse(400, u"folded header field (obs-fold)"_s);
        if (++fields > limits.maxHeaderFields)
            return refuse(431, u"more than "_s + QString::number(limits.maxHeaderFields) +
                                   u" header fields"_s);
        const qsizetype colon = line.indexOf(':');
        // RFC 9112 section 5.1: no whitespace between name and colon.
        if (colon <= 0 || !isToken(line.first(colon)))
            return refuse(400, u"malformed header field"_s);
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        for (const char c : value) {
            if (c == '\r' || c == '\0')
                return refuse(400, u"CR or NUL in a header field value"_s);
        }
        if (name == "host") {
            ++hosts;
        } else if (name == "transfer-encoding") {
            transferEncoding = true;
        } else if (name == "expect") {
            expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        } else if (name == "content-length") {
            // RFC 9110 section 8.6: a list of identical values may be
            // collapsed; anything else is an error.
            const QList<QByteArray> items = value.toByteArray().split(',');
            for (const QByteArray &item : items) {
                const QByteArray digits = item.trimmed();
                if (!isDigits(digits))
                    return refuse(400, u"malformed Content-Length"_s);
                if (!contentLength.isEmpty() && contentLength != digits)
                    return refuse(400, u"conflicting Content-Length values"_s);
                contentLength = digits;
            }
        }
    }
    // RFC 9112 section 3.2: exactly one Host in HTTP/1.1.
    if (hosts > 1 || (http11 && hosts == 0))
        return refuse(400, u"HTTP/1.1 needs exactly one Host header field"_s);
    // RFC 9112 section 6.1: with both, a proxy and we could frame the body
    // differently. Without Content-Length the body length is unknown: these
    // endpoints never need a streamed body (RFC 9110 section 15.5.12).
    if (transferEncoding && !contentLength.isEmpty())
        return refuse(400, u"both Transfer-Encoding and Content-Length"_s);
    if (transferEncoding)
        return refuse(411, u"Transfer-Encoding is not accepted; send Content-Length"_s);

    RequestFrame frame;
    frame.headerBytes = end;
    if (!contentLength.isEmpty()) {
        if (contentLength.size() > 18 || contentLength.toLongLong() > limits.maxBodyBytes)
            return refuse(413, u"request body larger than "_s +
                                   QString::number(limits.maxBodyBytes) + u" octets"_s);
        frame.bodyBytes = contentLength.toLongLong();
    }
    frame.expectContinue = expectContinue && frame.bodyBytes > 0;
    frame.status = input.size() >= frame.frameBytes() ? RequestFrame::Status::Complete
                                                      : RequestFrame::Status::Incomplete;
    return frame;
}

} // namespace mailstead::http
