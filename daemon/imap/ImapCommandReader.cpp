// ImapCommandReader.cpp - framing of the IMAP client stream
//
// RFC 9051 sections 4.3 and 7.5, RFC 7888 sections 3-4, RFC 7889; the
// decisions are documented in ImapCommandReader.h.
//
// SECURITY: untrusted peer bytes; memory bounded by the limits, nothing is
// reserved from an announced literal size beyond a small first block.

#include "ImapCommandReader.h"

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

// "~{" + 19 digits + "+}": the longest marker whose size still parses;
// DiscardLine keeps this much of a discarded line to find its marker.
constexpr qsizetype markerTail = 32;
constexpr qsizetype maxLiteralDigits = 18; // always fits a qint64
constexpr qint64 collectReserve = 64 * 1024;

struct Marker {
    bool found = false;
    qsizetype start = 0; // of "{" or "~{"
    ImapCommandReader::Literal literal;
};

// literal = "{" number64 ["+"] "}" CRLF; literal8 = "~{" number64 "}" CRLF.
Marker findMarker(QByteArrayView line) {
    Marker marker;
    if (!line.endsWith('}'))
        return marker;
    qsizetype i = line.size() - 2;
    if (i >= 0 && line[i] == '+') {
        marker.literal.synchronizing = false;
        --i;
    }
    const qsizetype digitsEnd = i + 1;
    while (i >= 0 && line[i] >= '0' && line[i] <= '9')
        --i;
    const qsizetype digitCount = digitsEnd - (i + 1);
    if (digitCount == 0 || i < 0 || line[i] != '{')
        return marker;
    marker.found = true;
    marker.start = i;
    if (i > 0 && line[i - 1] == '~') {
        marker.literal.binary = true;
        marker.start = i - 1;
    }
    const QByteArrayView digits = line.sliced(i + 1, digitCount);
    qsizetype first = 0;
    while (first + 1 < digits.size() && digits[first] == '0')
        ++first;
    if (digits.size() - first > maxLiteralDigits) {
        marker.literal.size = -1;
        return marker;
    }
    qint64 size = 0;
    for (qsizetype k = first; k < digits.size(); ++k)
        size = size * 10 + (digits[k] - '0');
    marker.literal.size = size;
    return marker;
}

bool isTagChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 32 || u >= 127)
        return false;
    return c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"' && c != '\\' &&
           c != '+';
}

} // namespace

ImapCommandReader::ImapCommandReader(const ImapLimits &limits, LiteralMode mode)
    : m_limits(limits)
    , m_mode(mode) {}

void ImapCommandReader::startCommand() {
    m_command = {};
    m_lineStart = 0;
    m_textOctets = 0;
    m_literalOctets = 0;
    m_literalCount = 0;
    m_inQuote = false;
    m_escape = false;
    m_remaining = 0;
    m_state = State::Line;
}

void ImapCommandReader::reset() {
    startCommand();
    m_done = {};
    m_lastTag.clear();
    m_literal = {};
}

bool ImapCommandReader::hasPartialCommand() const {
    if (m_state == State::Failed)
        return false; // nothing more will be read
    return m_state != State::Line || !m_command.text.isEmpty();
}

QByteArray ImapCommandReader::computeTag() const {
    const QByteArray &text = m_command.text;
    qsizetype end = 0;
    while (end < text.size() && text[end] != ' ' && text[end] != '\r' && text[end] != '\n')
        ++end;
    if (end == 0 || end > m_limits.maxTagLength)
        return {};
    for (qsizetype i = 0; i < end; ++i) {
        if (!isTagChar(text[i]))
            return {};
    }
    return text.first(end);
}

QByteArray ImapCommandReader::tag() const {
    if (m_command.text.isEmpty() || m_state == State::Discard || m_state == State::DiscardLine)
        return m_lastTag;
    return computeTag();
}

void ImapCommandReader::scanQuotes(QByteArrayView chunk) {
    for (const char c : chunk) {
        if (m_escape)
            m_escape = false;
        else if (m_inQuote && c == '\\')
            m_escape = true;
        else if (c == '"')
            m_inQuote = !m_inQuote;
    }
}

// The APPEND message is the literal of an APPEND that is not its mailbox:
// "tag APPEND {n}" announces the mailbox, any later literal (or a first one
// after other arguments) is the message.
bool ImapCommandReader::isMessageLiteral(qsizetype markerStart) const {
    if (m_command.messageOffset >= 0)
        return false;
    const QByteArray &text = m_command.text;
    qsizetype i = text.indexOf(' ');
    if (i < 0)
        return false;
    while (i < text.size() && text[i] == ' ')
        ++i;
    qsizetype nameEnd = i;
    while (nameEnd < text.size() && text[nameEnd] != ' ' && text[nameEnd] != '\r')
        ++nameEnd;
    if (QByteArrayView(text).sliced(i, nameEnd - i).compare("APPEND", Qt::CaseInsensitive) != 0)
        return false;
    if (m_literalCount > 0)
        return true;
    for (qsizetype k = nameEnd; k < markerStart; ++k) {
        if (text[k] != ' ')
            return true;
    }
    return false; // only blanks between APPEND and the literal: the mailbox
}

ImapCommandReader::Result ImapCommandReader::refuse(qsizetype consumed,
                                                    ImapStatusResponse response) {
    m_lastTag = computeTag();
    Result result;
    result.status = Status::LiteralRefused;
    result.consumed = consumed;
    result.response = std::move(response);
    if (m_literal.synchronizing) {
        startCommand();
        return result;
    }
    if (m_literal.size >= 0 && m_literal.size <= m_limits.maxDiscardedLiteral) {
        m_state = State::Discard;
        m_remaining = m_literal.size;
        m_command.text.clear();
        return result;
    }
    m_state = State::Failed;
    result.closeConnection = true;
    return result;
}

ImapCommandReader::Result ImapCommandReader::lineEnded(qsizetype consumed) {
    const bool inQuote = m_inQuote;
    m_inQuote = false;
    m_escape = false;
    const QByteArrayView line = QByteArrayView(m_command.text).sliced(m_lineStart);
    const Marker marker = inQuote ? Marker() : findMarker(line);
    Result result;
    result.consumed = consumed;

    if (m_state == State::DiscardLine) {
        if (!marker.found || marker.literal.synchronizing) {
            startCommand(); // the refused command is over
            return result;
        }
        m_literal = marker.literal;
        if (m_literal.size < 0 || m_literal.size > m_limits.maxDiscardedLiteral) {
            m_state = State::Failed;
            result.status = Status::LiteralRefused;
            result.response = ImapStatusResponse::bye("Literal too large to discard");
            result.closeConnection = true;
            return result;
        }
        m_state = State::Discard;
        m_remaining = m_literal.size;
        m_command.text.clear();
        return result;
    }

    if (!marker.found) {
        m_lastTag = computeTag();
        m_done = std::move(m_command);
        startCommand();
        result.status = Status::Command;
        return result;
    }

    m_literal = marker.literal;
    m_literal.message = isMessageLiteral(m_lineStart + marker.start);
    m_command.text += "\r\n"_ba;
    ++m_literalCount;
    const qint64 size = m_literal.size;
    if (m_literalCount > m_limits.maxLiteralsPerCommand)
        return refuse(consumed, ImapStatusResponse::bad("Too many literals in one command",
                                                        responsecode::limit()));
    if (size < 0)
        return refuse(consumed, ImapStatusResponse::bad("Literal size is not a valid number",
                                                        responsecode::tooBig()));
    if (!m_literal.synchronizing && m_mode == LiteralMode::Minus && size > literalMinusMaxOctets)
        return refuse(consumed,
                      ImapStatusResponse::bad("Non-synchronizing literals are limited to 4096 "
                                              "octets (LITERAL-)",
                                              responsecode::tooBig()));
    if (m_literal.message) {
        if (size > m_limits.maxLiteralSize)
            return refuse(consumed,
                          ImapStatusResponse::no("Message is larger than APPENDLIMIT "_ba +
                                                     QByteArray::number(m_limits.maxLiteralSize),
                                                 responsecode::tooBig()));
        m_command.messageOffset = m_command.text.size();
        m_command.messageSize = size;
        m_remaining = size;
        m_state = State::Decision;
        result.status = Status::AppendLiteral;
        return result;
    }
    if (size > m_limits.maxNonAppendLiteral)
        return refuse(consumed,
                      ImapStatusResponse::bad("Literal is larger than "_ba +
                                                  QByteArray::number(m_limits.maxNonAppendLiteral) +
                                                  " octets"_ba,
                                              responsecode::tooBig()));
    if (m_textOctets + m_literalOctets + size > m_limits.maxCommandSize)
        return refuse(consumed, ImapStatusResponse::bad(
                                    "Command is larger than "_ba +
                                        QByteArray::number(m_limits.maxCommandSize) + " octets"_ba,
                                    responsecode::tooBig()));
    m_remaining = size;
    m_state = State::Literal;
    if (m_literal.synchronizing)
        result.status = Status::Continue;
    return result;
}

void ImapCommandReader::acceptLiteral() {
    if (m_state != State::Decision)
        return;
    m_state = State::Message;
    if (m_messageMode == MessageMode::Stream)
        m_command.messageStreamed = true;
    else
        m_command.message.reserve(qsizetype(std::min(m_remaining, collectReserve)));
}

bool ImapCommandReader::refuseLiteral() {
    if (m_state != State::Decision)
        return true;
    return !refuse(0, {}).closeConnection;
}

ImapRawCommand ImapCommandReader::takeCommand() {
    return std::exchange(m_done, {});
}

ImapRawCommand ImapCommandReader::appendHeader() const {
    ImapRawCommand header;
    if (m_state != State::Decision)
        return header;
    header.text = m_command.text;
    header.messageOffset = m_command.messageOffset;
    header.messageSize = m_command.messageSize;
    header.headerOnly = true;
    return header;
}

ImapCommandReader::Result ImapCommandReader::next(QByteArrayView input) {
    qsizetype pos = 0;
    Result result;
    while (true) {
        const qsizetype available = input.size() - pos;
        switch (m_state) {
        case State::Failed:
            result.consumed = input.size();
            return result;
        case State::Decision:
            acceptLiteral();
            continue;
        case State::Literal: {
            const qsizetype n = qsizetype(std::min<qint64>(m_remaining, available));
            m_command.text += input.sliced(pos, n);
            m_literalOctets += n;
            m_remaining -= n;
            pos += n;
            if (m_remaining > 0) {
                result.consumed = pos;
                return result;
            }
            m_state = State::Line;
            m_lineStart = m_command.text.size();
            continue;
        }
        case State::Message: {
            const qsizetype n = qsizetype(std::min<qint64>(m_remaining, available));
            const QByteArrayView data = input.sliced(pos, n);
            m_remaining -= n;
            pos += n;
            if (m_remaining == 0) {
                m_state = State::Line;
                m_lineStart = m_command.text.size();
            }
            if (m_messageMode == MessageMode::Stream) {
                if (n > 0) {
                    result.status = Status::MessageData;
                    result.data = data;
                    result.consumed = pos;
                    return result;
                }
            } else {
                m_command.message += data;
            }
            if (m_state == State::Message) {
                result.consumed = pos;
                return result;
            }
            continue;
        }
        case State::Discard: {
            const qsizetype n = qsizetype(std::min<qint64>(m_remaining, available));
            m_remaining -= n;
            pos += n;
            if (m_remaining > 0) {
                result.consumed = pos;
                return result;
            }
            m_state = State::DiscardLine;
            m_command.text.clear();
            m_lineStart = 0;
            continue;
        }
        case State::Line:
        case State::DiscardLine: {
            if (available == 0) {
                result.consumed = pos;
                return result;
            }
            const qsizetype lf = input.indexOf('\n', pos);
            const qsizetype end = lf < 0 ? input.size() : lf;
            const QByteArrayView chunk = input.sliced(pos, end - pos);
            scanQuotes(chunk);
            m_command.text += chunk;
            m_textOctets += chunk.size();
            if (m_state == State::DiscardLine && m_command.text.size() > markerTail)
                m_command.text.remove(0, m_command.text.size() - markerTail);
            // A CR that ends a literal belongs to the literal, not the line.
            const qsizetype pendingCr =
                m_command.text.size() > m_lineStart && m_command.text.endsWith('\r') ? 1 : 0;
            if (m_textOctets - pendingCr > m_limits.maxCommandLine) {
                m_state = State::Failed;
                result.status = Status::LineTooLong;
                result.consumed = input.size();
                result.response = ImapStatusResponse::bye("Command line too long");
                return result;
            }
            if (lf < 0) {
                result.consumed = input.size();
                return result;
            }
            pos = lf + 1;
            if (pendingCr) {
                m_command.text.chop(1);
                --m_textOctets;
            }
            Result ended = lineEnded(pos);
            if (ended.status != Status::NeedMore)
                return ended;
            continue;
        }
        }
    }
}

} // namespace mailstead::imap
