// ImapTestSupport.h - helpers shared by the IMAP protocol tests: feeding a
// command through ImapCommandReader whole or byte by byte, and describing a
// parse result as one canonical line so a table row states all of it
//
// Covers nothing itself; used by tst_imapcommandparser and
// tst_imapmessagecommands.
#pragma once

#include "imap/ImapCommandParser.h"
#include "imap/ImapCommandReader.h"

#include <QString>

namespace mailstead::imap::test {

// Options from a table column: "rev2", "utf8" (UTF8=ACCEPT), "qresync",
// separated by spaces.
ImapParserOptions optionsFrom(const QString &flags);

// One canonical line per parse result: "A1 LOGIN user=joe pass=x",
// "A1 ERR BAD", "* ERR NO [CANNOT]".
QString describe(const ImapParseResult &result);

// Sends input (a command and its CRLF) through a reader, fed whole or one
// octet at a time, accepting every literal; parses the one command it must
// yield. Returns the description, or a message saying what went wrong.
QString parseThroughReader(const QByteArray &input, const ImapParserOptions &options,
                           bool byteByByte);

// Printable form of octets for descriptions: \r \n \xNN escapes.
QString printable(QByteArrayView bytes);

} // namespace mailstead::imap::test
