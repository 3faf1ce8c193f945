// Pop3Command.h - a parsed POP3 command: keyword and arguments
//
// The values Pop3CommandParser produces and Pop3Session consumes. RFC 1939
// sections 4-7 (USER, PASS, STAT, LIST, RETR, DELE, NOOP, RSET, QUIT, TOP,
// UIDL), RFC 2449 (CAPA), RFC 2595 section 4 (STLS), RFC 5034 section 4
// (AUTH with an optional initial response). APOP is not offered (it needs
// the cleartext password on the server) and parses as Unknown.
//
// SECURITY: every field holds peer-controlled bytes that passed the syntax
// checks of the parser; nothing has been checked against the maildrop or
// the session state: that is the session's job.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::pop3 {

enum class Pop3Verb : quint8 {
    Unknown,
    User,
    Pass,
    Stat,
    List,
    Retr,
    Dele,
    Noop,
    Rset,
    Quit,
    Top,
    Uidl,
    Capa,
    Stls,
    Auth,
};

// "USER", "STLS", ...; "" for Unknown.
QByteArrayView verbName(Pop3Verb verb);

struct Pop3Command {
    Pop3Verb verb = Pop3Verb::Unknown;
    // USER: the name; PASS: the password exactly as sent, spaces included
    // (RFC 1939 section 7); AUTH: the mechanism, upper-cased (empty: list
    // the mechanisms).
    QByteArray argument;
    // LIST, UIDL (optional), RETR, DELE, TOP: the message number as sent;
    // 0 when absent. Not checked against the maildrop.
    qint64 message = 0;
    // TOP: the number of body lines.
    qint64 lines = 0;
    // AUTH: the decoded initial response (RFC 5034 section 4; "=" is an
    // empty one).
    bool hasInitialResponse = false;
    QByteArray initialResponse;
};

} // namespace mailstead::pop3
