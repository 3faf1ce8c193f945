// SmtpReply.h - SMTP replies: one or more lines, a reply code and an
// enhanced status code, formatted for the wire
//
// RFC 5321 section 4.2 (reply lines, multi-line replies "250-" ... "250 "),
// section 4.5.3.1.5 (512 octets a reply line), RFC 2034 section 3 and
// RFC 3463 (enhanced status codes on every line), RFC 1869/5321 section
// 4.1.1.1 (the EHLO keyword list).
//
// SECURITY: reply text may quote what a peer sent (an address, a verb);
// toWire() replaces every byte outside printable ASCII and cuts long lines,
// so a reply can never carry a CR, an LF or a line past 512 octets.
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>

namespace mailstead::smtp {

// RFC 5321 section 4.5.3.1.5: a reply line including code and CRLF.
inline constexpr qsizetype maxReplyLineOctets = 512;

struct SmtpReply {
    int code = 0;              // 0: no reply; otherwise 200..599
    QByteArray enhancedStatus; // "5.5.2" (RFC 3463); empty: none
    QByteArrayList lines;      // text of each line, without code or CRLF

    bool isNull() const { return code == 0; }
    bool isPositive() const { return code >= 200 && code < 400; }
    bool isTransientFailure() const { return code >= 400 && code < 500; }
    bool isPermanentFailure() const { return code >= 500; }

    // "250-first\r\n250 last\r\n". The enhanced status is written on every
    // line when the session announced ENHANCEDSTATUSCODES (RFC 2034
    // section 3); the greeting and EHLO/HELO replies never carry one.
    QByteArray toWire(bool withEnhancedStatus = true) const;
};

bool operator==(const SmtpReply &a, const SmtpReply &b);

SmtpReply makeReply(int code, QByteArrayView enhancedStatus, const QByteArray &text);

// Builds the 250 reply to EHLO: the first line greets, every further line
// is one extension keyword with its parameters (RFC 5321 section 4.1.1.1).
class SmtpEhloReplyBuilder {
public:
    // greeting: "mail.example.test Hello [192.0.2.1]"
    explicit SmtpEhloReplyBuilder(QByteArrayView greeting);

    // addKeyword("SIZE", "52428800"), addKeyword("PIPELINING")
    SmtpEhloReplyBuilder &addKeyword(QByteArrayView keyword, QByteArrayView parameters = {});

    SmtpReply reply() const { return m_reply; }
    QByteArray toWire() const { return m_reply.toWire(false); }

private:
    SmtpReply m_reply;
};

} // namespace mailstead::smtp
