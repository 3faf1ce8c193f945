// HtmlTextExtractor.cpp - tags out, text and character references in
//
// HTML Living Standard section 13.2.5 (tokenization), 13.5 (named
// character references, the common subset).
//
// SECURITY: untrusted HTML; bounded state, linear.

#include "HtmlTextExtractor.h"

namespace mailstead::mime {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype maxTagName = 16;
constexpr qsizetype maxEntity = 32;

bool isBlock(QStringView name) {
    static const char16_t *const blocks[] = {
        u"p",     u"br", u"div",        u"li",      u"ul",      u"ol",     u"tr",
        u"table", u"h1", u"h2",         u"h3",      u"h4",      u"h5",     u"h6",
        u"pre",   u"hr", u"title",      u"section", u"article", u"header", u"footer",
        u"dd",    u"dt", u"blockquote", u"address", u"center",  u"form",   u"tbody"};
    for (const char16_t *block : blocks) {
        if (name == QStringView(block))
            return true;
    }
    return false;
}

int digitValue(QChar c, bool hex) {
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (hex && u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (hex && u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

// The text of a character reference's name ("amp", "#x41"); empty if unknown.
QString resolveEntity(const QString &name) {
    if (name.startsWith(u'#')) {
        const bool hex = name.size() > 1 && (name.at(1) == u'x' || name.at(1) == u'X');
        const QStringView digits = QStringView(name).sliced(hex ? 2 : 1);
        if (digits.isEmpty())
            return {};
        char32_t value = 0;
        for (const QChar c : digits) {
            const int d = digitValue(c, hex);
            if (d < 0)
                return {};
            value = value * (hex ? 16 : 10) + char32_t(d);
            if (value > 0x10FFFF)
                value = 0x110000; // stays invalid, no overflow
        }
        if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            value = 0xFFFD;
        return QString::fromUcs4(&value, 1);
    }
    static const struct {
        const char16_t *name;
        char16_t text;
    } named[] = {
        {u"amp", u'&'},         {u"lt", u'<'},         {u"gt", u'>'},         {u"quot", u'"'},
        {u"apos", u'\''},       {u"nbsp", u' '},       {u"copy", u'\u00A9'},  {u"reg", u'\u00AE'},
        {u"hellip", u'\u2026'}, {u"mdash", u'\u2014'}, {u"ndash", u'\u2013'}, {u"lsquo", u'\u2018'},
        {u"rsquo", u'\u2019'},  {u"ldquo", u'\u201C'}, {u"rdquo", u'\u201D'}, {u"euro", u'\u20AC'},
        {u"shy", u'\u00AD'},    {u"auml", u'\u00E4'},  {u"ouml", u'\u00F6'},  {u"uuml", u'\u00FC'},
        {u"Auml", u'\u00C4'},   {u"Ouml", u'\u00D6'},  {u"Uuml", u'\u00DC'},  {u"szlig", u'\u00DF'},
        {u"eacute", u'\u00E9'}, {u"egrave", u'\u00E8'}};
    for (const auto &entry : named) {
        if (name == QStringView(entry.name))
            return QString(QChar(entry.text));
    }
    return {};
}

bool isHtmlSpace(QChar c) {
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

} // namespace

void HtmlTextExtractor::visible(QStringView text, QString &out) {
    for (const QChar c : text) {
        if (isHtmlSpace(c)) {
            if (c == u'\n')
                m_space = Space::Newline;
            else if (m_space == Space::None)
                m_space = Space::Space;
            continue;
        }
        if (m_wroteText && m_space != Space::None)
            out.append(m_space == Space::Newline ? u'\n' : u' ');
        m_space = Space::None;
        out.append(c);
        m_wroteText = true;
    }
}

void HtmlTextExtractor::endTag() {
    if (!m_closing && (m_name == u"script"_s || m_name == u"style"_s)) {
        m_state = State::RawText;
        m_rawEnd = u"</"_s + m_name;
        m_rawMatched = 0;
        return;
    }
    m_state = State::Text;
    if (isBlock(m_name))
        m_space = Space::Newline;
    else if ((m_name == u"td"_s || m_name == u"th"_s) && m_space == Space::None)
        m_space = Space::Space;
}

void HtmlTextExtractor::endEntity(bool terminated, QString &out) {
    const QString text = terminated ? resolveEntity(m_entity) : QString();
    if (!text.isEmpty())
        visible(text == u"\u00AD"_s ? QString() : text, out);
    else
        visible(QString(u"&"_s + m_entity + (terminated ? u";"_s : QString())), out);
    m_entity.clear();
    m_state = State::Text;
}

void HtmlTextExtractor::character(QChar c, QString &out) {
    switch (m_state) {
    case State::Text:
        if (c == u'<') {
            m_state = State::TagOpen;
        } else if (c == u'&') {
            m_state = State::Entity;
        } else {
            visible(QStringView(&c, 1), out);
        }
        return;
    case State::TagOpen:
        m_name.clear();
        m_nameDone = false;
        m_closing = c == u'/';
        m_quote = QChar();
        if (c.isLetter() || c == u'!' || c == u'?') {
            m_state = State::Tag;
            character(c, out);
        } else if (c == u'/') {
            m_state = State::Tag;
        } else { // "a < b": not a tag
            m_state = State::Text;
            visible(u"<", out);
            character(c, out);
        }
        return;
    case State::Tag:
        if (!m_quote.isNull()) {
            if (c == m_quote)
                m_quote = QChar();
            return;
        }
        if (!m_nameDone) {
            if ((c.isLetterOrNumber() || c == u'!' || c == u'-') && m_name.size() < maxTagName) {
                m_name.append(c.toLower());
                if (m_name == u"!--"_s) {
                    m_state = State::Comment;
                    m_dashes = 0;
                }
                return;
            }
            m_nameDone = true;
        }
        if (c == u'>')
            endTag();
        else if (c == u'"' || c == u'\'')
            m_quote = c;
        return;
    case State::Comment:
        if (c == u'>' && m_dashes >= 2)
            m_state = State::Text;
        m_dashes = c == u'-' ? m_dashes + 1 : 0;
        return;
    case State::RawText:
        if (c.toLower() == m_rawEnd.at(m_rawMatched)) {
            if (++m_rawMatched == m_rawEnd.size()) {
                m_state = State::Tag; // the end tag's '>' follows
                m_name = m_rawEnd.sliced(2);
                m_nameDone = true;
                m_closing = true;
                m_quote = QChar();
            }
        } else {
            m_rawMatched = c == u'<' ? 1 : 0;
        }
        return;
    case State::Entity:
        if (c == u';') {
            endEntity(true, out);
        } else if ((c.isLetterOrNumber() || c == u'#') && c.unicode() < 128 &&
                   m_entity.size() < maxEntity) {
            m_entity.append(c);
        } else {
            endEntity(false, out);
            character(c, out);
        }
        return;
    }
}

void HtmlTextExtractor::feed(QStringView html, QString &out) {
    for (const QChar c : html)
        character(c, out);
}

void HtmlTextExtractor::finish(QString &out) {
    if (m_state == State::Entity)
        endEntity(false, out);
    else if (m_state == State::TagOpen)
        visible(u"<", out);
    m_state = State::Text;
}

} // namespace mailstead::mime
