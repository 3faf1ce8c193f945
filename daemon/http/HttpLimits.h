// HttpLimits.h - the named limits of the HTTP endpoints, in one place
//
// QHttpServer 6.4 enforces none of these (it reads headers and bodies of
// any size, for as long as a client cares to send them), so
// HttpConnectionGate applies them to the first and only request of every
// connection before QHttpServer sees a byte. The endpoints are small: an
// ACME token, an autoconfig query, one autodiscover POST of a few hundred
// octets. Timeouts and connection counts come from [http] (core::HttpConfig).
//
// SECURITY: these numbers bound the memory and time an unauthenticated
// client can make the server spend on one connection; lowering them is safe
// as long as real clients (curl, Thunderbird, Outlook, iOS, ACME servers)
// still fit.
#pragma once

#include <chrono>
#include <QtGlobal>

namespace mailstead::http {

// Request line plus header fields, up to and including the empty line.
// Browsers stay far below 8 KiB; nginx and Apache default to 8 KiB a line.
inline constexpr qsizetype maxRequestHeaderBytes = 8 * 1024;
// Header fields (Apache's LimitRequestFields is 100; our clients send ten).
inline constexpr int maxRequestHeaderFields = 50;
// Content-Length accepted: an Outlook autodiscover request is ~400 octets.
inline constexpr qint64 maxRequestBodyBytes = 64 * 1024;
// After the reply is queued, the client has this long to read it.
inline constexpr std::chrono::seconds replyDeliveryTimeout{10};
// After a refusal (4xx from the gate) the rest of the client's input is
// read and dropped for at most this long, so that the refusal is not lost
// to a TCP reset.
inline constexpr std::chrono::seconds refusalLingerTimeout{2};

struct RequestLimits {
    qsizetype maxHeaderBytes = maxRequestHeaderBytes;
    int maxHeaderFields = maxRequestHeaderFields;
    qint64 maxBodyBytes = maxRequestBodyBytes;
};

} // namespace mailstead::http
