// ImapScanner.h - the lexical grammar of IMAP commands: atoms, numbers,
// quoted strings, literals, astring, nstring, flags, dates, sequence sets and
// mailbox names, read from one framed command
//
// RFC 9051 section 4 (data formats), section 9 (formal syntax: atom,
// ATOM-CHAR, astring, quoted, QUOTED-CHAR, literal, literal8, nstring,
// number, number64, nz-number, flag, flag-list, date, date-time,
// sequence-set, mailbox, list-mailbox), RFC 3501 section 9 (the same for
// IMAP4rev1: quoted strings are 7-bit), RFC 6855 section 3 (UTF-8 quoted
// strings after ENABLE UTF8=ACCEPT), RFC 7888 (non-synchronizing literals).
//
// Tolerance: several spaces where the grammar has one, and trailing spaces
// at the end of a command (Dovecot skips them too). Strict: everything
// else; the first error is kept and every later read fails.
//
// SECURITY: input is one framed command from an unauthenticated peer.
// Reads are linear; values are views into it or bounded copies.
#pragma once

#include "ImapLimits.h"
#include "ImapRawCommand.h"
#include "ImapResponse.h"
#include "ImapSequenceSet.h"

#include <optional>
#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QDate>
#include <QDateTime>
#include <QString>

namespace mailstead::imap {

struct ImapParserOptions {
    ImapLimits limits;
    bool imap4rev2 = false;  // the client sent ENABLE IMAP4rev2 (RFC 9051 section 6.3.1)
    bool utf8Accept = false; // the client sent ENABLE UTF8=ACCEPT (RFC 6855)
    bool qresync = false;    // the client sent ENABLE QRESYNC (RFC 7162 section 3.2.3)

    // Quoted strings may carry UTF-8 and mailbox names are UTF-8 (not
    // modified UTF-7): IMAP4rev2 (RFC 9051 section 5.1) or UTF8=ACCEPT.
    bool utf8() const { return imap4rev2 || utf8Accept; }
};

class ImapScanner {
public:
    ImapScanner(const ImapRawCommand &raw, const ImapParserOptions &options);

    const ImapParserOptions &options() const { return m_options; }
    const ImapRawCommand &raw() const { return m_raw; }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    qsizetype position() const { return m_pos; }
    void setPosition(qsizetype position) { m_pos = position; }

    // Consumes c when it comes next.
    bool consume(char c);
    bool expect(char c, const QByteArray &what);
    // One or more SP; an error when there is none.
    bool space();
    // One or more SP followed by something other than the end.
    bool spaceBeforeMore();
    // Trailing spaces, then the end of the command.
    bool end();

    // An ATOM-CHAR run (case kept); may be empty.
    QByteArrayView atomChars();
    // The next atom, upper-cased, without consuming it; empty when none.
    QByteArray peekAtomUpper() const;
    // A non-empty atom, what names it in the error.
    bool atom(QByteArray *out, QByteArrayView what);
    bool number(quint32 *out, QByteArrayView what);
    bool nzNumber(quint32 *out, QByteArrayView what);
    bool number64(quint64 *out, QByteArrayView what);

    bool quoted(QByteArray *out);
    // literal (or literal8 where allowBinary); isMessage tells whether it was
    // the APPEND message the reader kept apart.
    bool literal(QByteArray *out, bool allowBinary = false, bool *binary = nullptr,
                 bool *isMessage = nullptr);
    bool string(QByteArray *out);  // quoted / literal
    bool astring(QByteArray *out); // 1*ASTRING-CHAR / string
    bool nstring(std::optional<QByteArray> *out);

    // mailbox = "INBOX" / astring, decoded (ImapMailboxName.h).
    bool mailbox(QString *out);
    // list-mailbox = 1*list-char / string, decoded like a mailbox.
    bool listMailbox(QString *out);

    // flag; system flags canonical ("\Seen"), keywords as sent. \Recent and
    // unknown system flags are refused.
    bool flag(QByteArray *out);
    // flag-list = "(" [flag *(SP flag)] ")"
    bool flagList(QByteArrayList *out);

    bool sequenceSet(ImapSequenceSet *out, bool allowSaved = true);
    bool date(QDate *out);         // date = date-text / DQUOTE date-text DQUOTE
    bool dateTime(QDateTime *out); // date-time (quoted)

    // The first error wins; returns false so callers can "return s.fail()".
    bool fail(const QByteArray &reason);
    bool failNo(const QByteArray &reason, QByteArrayView code);
    bool failed() const { return !m_error.isNull(); }
    const ImapStatusResponse &error() const { return m_error; }

private:
    bool checkText(QByteArray *value, bool fromQuoted);

    const ImapRawCommand &m_raw;
    const ImapParserOptions &m_options;
    QByteArrayView m_text;
    qsizetype m_pos = 0;
    ImapStatusResponse m_error;
};

bool isAtomChar(char c);
bool isAstringChar(char c);
bool isListChar(char c);

} // namespace mailstead::imap
