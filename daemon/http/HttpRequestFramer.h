// HttpRequestFramer.h - finds where the first HTTP/1.1 request on a
// connection ends and checks it against the limits
//
// RFC 9112 sections 2.2 (leading empty lines), 3 (request line), 5 (field
// syntax, obs-fold), 6.3 (message body length) and 9.3 (one request per
// connection here); RFC 9110 section 15.5 for the status of each refusal.
// Pure: bytes in, a verdict out, no socket. The framing matches what
// QHttpServer 6.4 then parses from the same bytes (lines end in LF, an
// optional CR before it; the body is exactly Content-Length octets), so
// both agree on where the request ends.
//
// SECURITY: input comes straight from unauthenticated clients. Everything
// QHttpServer would accept without a bound, or interpret differently from a
// proxy in front of us (request smuggling: Transfer-Encoding, duplicate or
// malformed Content-Length, obs-fold, whitespace before the colon), is
// refused here with a status code.
#pragma once

#include "HttpLimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace mailstead::http {

struct RequestFrame {
    enum class Status { Incomplete, Complete, Error };

    Status status = Status::Incomplete;
    // For Error: the status to answer with (400, 411, 413, 414, 431, 505)
    // and why, for the log and the reply body.
    int errorStatus = 0;
    QString error;
    // Known once the header is complete: octets up to and including the
    // empty line (leading empty lines included), and the Content-Length.
    qsizetype headerBytes = 0;
    qint64 bodyBytes = 0;
    // "Expect: 100-continue" with a body still to come (RFC 9110 section
    // 10.1.1).
    bool expectContinue = false;

    bool isComplete() const { return status == Status::Complete; }
    bool isError() const { return status == Status::Error; }
    qint64 frameBytes() const { return headerBytes + bodyBytes; }
};

// Looks at everything received so far on the connection.
RequestFrame frameRequest(QByteArrayView input, const RequestLimits &limits = {});

} // namespace mailstead::http
