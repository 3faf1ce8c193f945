// DkimCanonicalization.cpp - see DkimCanonicalization.h
#include "DkimCanonicalization.h"

namespace mailstead::dkim {

namespace {

bool isWsp(char c) {
    return c == ' ' || c == '\t';
}

// One line of input: [begin, contentEnd) without its line end; next is where
// the following line starts.
struct Line {
    qsizetype begin = 0;
    qsizetype contentEnd = 0;
    qsizetype next = 0;
};

Line lineAt(const QByteArray &bytes, qsizetype begin) {
    const qsizetype newline = bytes.indexOf('\n', begin);
    if (newline < 0)
        return {begin, bytes.size(), bytes.size()};
    qsizetype contentEnd = newline;
    if (contentEnd > begin && bytes.at(contentEnd - 1) == '\r')
        --contentEnd;
    return {begin, contentEnd, newline + 1};
}

enum class Folds { Remove, Keep };

// Appends bytes [begin, end) with every whitespace run reduced to one space
// and whitespace at the end dropped. In a header field, CR and LF only occur
// in folds, which unfolding removes first (RFC 6376 section 3.4.2); a body
// line has no LF, and a stray CR in it is data.
void appendCompressed(QByteArray &out, const char *begin, const char *end, Folds folds) {
    bool space = false;
    for (const char *p = begin; p != end; ++p) {
        const char c = *p;
        if (folds == Folds::Remove && (c == '\r' || c == '\n'))
            continue;
        if (isWsp(c)) {
            space = true;
            continue;
        }
        if (space)
            out.append(' ');
        space = false;
        out.append(c);
    }
}

} // namespace

DkimMessageParts splitMessage(const QByteArray &message) {
    DkimMessageParts parts;
    qsizetype fieldBegin = -1; // the field being collected, -1 if none
    qsizetype fieldEnd = 0;
    const auto closeField = [&] {
        if (fieldBegin < 0)
            return;
        const QByteArray field = message.mid(fieldBegin, fieldEnd - fieldBegin);
        const qsizetype colon = field.indexOf(':');
        QByteArray name = colon < 0 ? QByteArray() : field.left(colon);
        while (!name.isEmpty() && isWsp(name.back()))
            name.chop(1);
        parts.headers.append(DkimHeaderField{name, field});
        fieldBegin = -1;
    };

    qsizetype pos = 0;
    while (pos < message.size()) {
        const Line line = lineAt(message, pos);
        if (line.contentEnd == line.begin && line.next > line.begin) {
            closeField();
            parts.body = message.mid(line.next);
            return parts;
        }
        // A line starting with whitespace continues the field before it.
        if (!isWsp(message.at(line.begin)) || fieldBegin < 0) {
            closeField();
            fieldBegin = line.begin;
        }
        fieldEnd = line.contentEnd;
        pos = line.next;
    }
    closeField();
    return parts;
}

QByteArray relaxedHeader(const QByteArray &field) {
    const qsizetype colon = field.indexOf(':');
    const qsizetype nameEnd = colon < 0 ? field.size() : colon;
    QByteArray out;
    out.reserve(field.size() + 2);
    // The name has no whitespace inside; what precedes the colon is dropped.
    for (qsizetype i = 0; i < nameEnd; ++i) {
        const char c = field.at(i);
        if (!isWsp(c) && c != '\r' && c != '\n')
            out.append(c);
    }
    out = out.toLower();
    out.append(':');
    if (colon >= 0) {
        const char *value = field.constData() + colon + 1;
        const char *end = field.constData() + field.size();
        // Whitespace right after the colon goes too.
        while (value != end && (isWsp(*value) || *value == '\r' || *value == '\n'))
            ++value;
        appendCompressed(out, value, end, Folds::Remove);
    }
    out.append("\r\n");
    return out;
}

QByteArray relaxedBody(const QByteArray &body) {
    QByteArray out;
    out.reserve(body.size() + 2);
    QByteArray line;
    qsizetype emptyLines = 0; // held back until a non-empty line shows they are not at the end
    qsizetype pos = 0;
    while (pos < body.size()) {
        const Line bounds = lineAt(body, pos);
        line.resize(0);
        appendCompressed(line, body.constData() + bounds.begin,
                         body.constData() + bounds.contentEnd, Folds::Keep);
        if (line.isEmpty()) {
            ++emptyLines;
        } else {
            for (; emptyLines > 0; --emptyLines)
                out.append("\r\n");
            out.append(line);
            out.append("\r\n");
        }
        pos = bounds.next;
    }
    return out;
}

} // namespace mailstead::dkim
