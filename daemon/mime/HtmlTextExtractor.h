// HtmlTextExtractor.h - readable text from HTML, for search, streaming
//
// Not a browser: a small state machine after the HTML Living Standard's
// tokenizer (tags, quoted attribute values, comments, the raw text of
// script and style, character references) that keeps the text a reader
// would see. Block elements (p, div, br, li, tr, h1-h6, ...) become line
// breaks, table cells spaces, runs of whitespace one space or newline.
// Named references: the common ones (amp, lt, gt, quot, apos, nbsp, ...);
// numeric references in decimal and hex; anything else is kept as
// written.
//
// Feed decoded text in chunks of any size; the output is the same as for
// the whole text at once.
//
// SECURITY: input is untrusted HTML from mail; nothing is fetched or run,
// state between chunks is bounded (a 16-character tag name, a 32-character
// reference), work is linear.
#pragma once

#include <QString>
#include <QStringView>

namespace mailstead::mime {

class HtmlTextExtractor {
public:
    void feed(QStringView html, QString &out);
    void finish(QString &out);

private:
    enum class State : quint8 { Text, TagOpen, Tag, Comment, Entity, RawText };
    enum class Space : quint8 { None, Space, Newline };

    void character(QChar c, QString &out);
    void visible(QStringView text, QString &out);
    void endTag();
    void endEntity(bool terminated, QString &out);

    State m_state = State::Text;
    Space m_space = Space::None;
    bool m_wroteText = false;
    // tag
    QString m_name; // lowercase, at most 16 characters
    bool m_nameDone = false;
    bool m_closing = false;
    QChar m_quote;
    // comment
    int m_dashes = 0;
    // script and style: "</script" being matched
    QString m_rawEnd;
    qsizetype m_rawMatched = 0;
    // character reference after '&'
    QString m_entity;
};

} // namespace mailstead::mime
