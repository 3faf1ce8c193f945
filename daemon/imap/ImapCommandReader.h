// ImapCommandReader.h - frames the IMAP client stream into commands: lines
// and the literals they announce
//
// RFC 9051 section 4.3 (a line ending in "{n}" is followed by n octets and
// the rest of the command), section 7.5 (the server answers a synchronizing
// literal with a continuation request, or refuses it with a tagged
// response, and then the client does not send it), RFC 7888 (LITERAL+
// "{n+}": no continuation; LITERAL-: the same, but only up to 4096 octets),
// RFC 7889 (APPENDLIMIT), RFC 3516 / RFC 6855 ("~{n}" literal8). Pure: bytes
// in, {status, consumed} out; the session owns the socket and writes what the
// status asks for.
//
// Decisions:
// - Line endings: CRLF, and a bare LF is accepted too (like Dovecot); a CR
//   before the LF is removed. An empty line is a command with empty text:
//   during AUTHENTICATE it is an empty response, elsewhere the parser
//   answers "* BAD".
// - A literal is announced only by "{n}" / "{n+}" at the end of a line
//   outside a quoted string (a line ending inside a quoted string ends the
//   command, and the parser reports the quote).
// - Limits (ImapLimits): the text of a command is limited to maxCommandLine;
//   a longer one is fatal (LineTooLong: the session sends "* BYE" and
//   closes, as Dovecot does) because the dropped text may have announced a
//   non-synchronizing literal, so there is no safe place to resume.
// - A literal over its limit is refused before any of it is read
//   (LiteralRefused, with the response to send): "NO [TOOBIG]" for the
//   APPEND message (RFC 7889), "BAD [TOOBIG]" for any other literal and for
//   a non-synchronizing literal over 4096 octets under LITERAL- (RFC 7888
//   section 4). A synchronizing literal is then simply never sent. A
//   non-synchronizing one is on its way: RFC 7888 section 4 leaves the
//   server two choices, read and discard it or close the connection. The
//   reader discards up to maxDiscardedLiteral octets (and the rest of the
//   command, including further non-synchronizing literals) so the session
//   survives a slightly oversized message; beyond that closeConnection is
//   set, because reading gigabytes to stay polite is a denial of service.
// - The APPEND message literal (the literal of an APPEND that is not its
//   mailbox name) is never copied more than once: AppendLiteral stops
//   before it, so the session can check the mailbox, quota and size
//   (appendHeader() parses as the APPEND arguments) and then accept or
//   refuse it. In MessageMode::Stream its octets come back as MessageData
//   views of the caller's input (no copy); in MessageMode::Collect they are
//   appended once to ImapRawCommand::message.
//
// SECURITY: input is raw bytes from an unauthenticated peer. Memory is
// bounded by maxCommandSize (plus maxLiteralSize for a collected message);
// nothing is allocated from an announced size before the octets arrive.
#pragma once

#include "ImapLimits.h"
#include "ImapRawCommand.h"
#include "ImapResponse.h"

#include <QByteArray>
#include <QByteArrayView>

namespace mailstead::imap {

class ImapCommandReader {
public:
    // The literal extension the server advertises (RFC 7888).
    enum class LiteralMode : quint8 { Plus, Minus };
    enum class MessageMode : quint8 { Collect, Stream };

    enum class Status : quint8 {
        NeedMore, // all input consumed, no event
        Command,  // a complete command: takeCommand()
        // A synchronizing literal was accepted: write imapContinuation() now;
        // the client then sends it.
        Continue,
        // The APPEND message literal is announced (literal()). Check
        // appendHeader(), then call acceptLiteral() (and write a continuation
        // if literal().synchronizing) or refuseLiteral() after writing the
        // tagged NO. Calling next() without either accepts it.
        AppendLiteral,
        // Stream mode: Result::data is the next piece of the APPEND message.
        MessageData,
        // A literal was refused: write Result::response tagged with tag().
        // With Result::closeConnection, then write "* BYE" (unless the
        // response is one already) and close.
        LiteralRefused,
        // The command text is over maxCommandLine: write Result::response
        // (a BYE) and close. The reader ignores all further input.
        LineTooLong,
    };

    struct Literal {
        qint64 size = 0; // as announced; -1 when it does not fit a number
        bool synchronizing = true;
        bool binary = false;  // literal8 "~{n}"
        bool message = false; // the APPEND message
    };

    struct Result {
        Status status = Status::NeedMore;
        qsizetype consumed = 0; // octets of input used; call again with the rest
        QByteArrayView data;    // MessageData: a view of the input
        ImapStatusResponse response;
        bool closeConnection = false;
    };

    explicit ImapCommandReader(const ImapLimits &limits = {}, LiteralMode mode = LiteralMode::Plus);

    void setMessageMode(MessageMode mode) { m_messageMode = mode; }

    Result next(QByteArrayView input);

    // After Command; leaves the reader ready for the next command.
    ImapRawCommand takeCommand();
    // During AppendLiteral: the command up to the message literal.
    ImapRawCommand appendHeader() const;
    // The literal of the last Continue, AppendLiteral or LiteralRefused.
    Literal literal() const { return m_literal; }
    // The tag of the command being read (or just refused), when it is a
    // valid tag; empty otherwise (answer with "*").
    QByteArray tag() const;

    void acceptLiteral();
    // Returns false when the refused literal is non-synchronizing and too
    // big to discard: the session must close the connection.
    [[nodiscard]] bool refuseLiteral();

    // Forgets everything: after STARTTLS (RFC 9051 section 6.2.1, pipelined
    // plaintext must not be executed) and after a fatal status.
    void reset();
    // Part of a command is held (a session may log it at close); false
    // after a fatal status, when nothing more is read.
    bool hasPartialCommand() const;

private:
    enum class State : quint8 { Line, Literal, Message, Decision, Discard, DiscardLine, Failed };

    Result lineEnded(qsizetype consumed);
    Result refuse(qsizetype consumed, ImapStatusResponse response);
    bool isMessageLiteral(qsizetype markerStart) const;
    void scanQuotes(QByteArrayView chunk);
    void startCommand();
    QByteArray computeTag() const;

    ImapLimits m_limits;
    LiteralMode m_mode;
    MessageMode m_messageMode = MessageMode::Collect;
    State m_state = State::Line;
    ImapRawCommand m_command;
    ImapRawCommand m_done;
    QByteArray m_lastTag;          // of the last command completed or refused
    qsizetype m_lineStart = 0;     // where the current line starts in m_command.text
    qsizetype m_textOctets = 0;    // command text without literal contents
    qsizetype m_literalOctets = 0; // literal contents in m_command.text
    int m_literalCount = 0;
    bool m_inQuote = false;
    bool m_escape = false;
    Literal m_literal;
    qint64 m_remaining = 0; // octets left in the current literal
};

} // namespace mailstead::imap
