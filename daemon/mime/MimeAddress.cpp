// MimeAddress.cpp - RFC 5322 address-list parser
//
// RFC 5322 sections 3.2, 3.4, 4.4; RFC 2047 section 5.
//
// SECURITY: untrusted input; tokens first, then one forward walk.

#include "MimeAddress.h"

#include "MimeEncodedWord.h"
#include "MimeLexer.h"

#include <cstring>

namespace mailstead::mime {

namespace {

struct Token {
    enum class Type : quint8 { Word, Special, Comment };
    Type type = Type::Word;
    char special = '\0';
    bool quoted = false;      // a quoted string (Word)
    bool spaceBefore = false; // whitespace or a comment before it
    QByteArray text;
};

bool isWord(const Token &t) {
    return t.type == Token::Type::Word;
}
bool isSpecial(const Token &t, char c) {
    return t.type == Token::Type::Special && t.special == c;
}

QList<Token> tokenize(QByteArrayView value) {
    QList<Token> tokens;
    MimeLexer lexer(value);
    bool space = false;
    while (!lexer.atEnd()) {
        const char c = lexer.peek();
        Token token;
        token.spaceBefore = space;
        space = false;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            lexer.advance();
            space = true;
            continue;
        }
        if (c == '(') {
            token.type = Token::Type::Comment;
            token.text = lexer.readComment();
            space = true;
        } else if (c == '"') {
            token.quoted = true;
            token.text = lexer.readQuotedString();
        } else if (c == '[') {
            token.text = lexer.readDomainLiteral();
        } else if (c == '<' || c == '>' || c == ':' || c == ';' || c == '@' || c == ',' ||
                   c == '.') {
            token.type = Token::Type::Special;
            token.special = c;
            lexer.advance();
        } else if (isAtomChar(static_cast<uchar>(c))) {
            token.text = lexer.readWhile(isAtomChar).toByteArray();
        } else {
            lexer.advance(); // a stray ']' or a control byte
            space = token.spaceBefore;
            continue;
        }
        tokens.append(std::move(token));
    }
    return tokens;
}

class AddressListParser {
public:
    explicit AddressListParser(QList<Token> tokens)
        : m_tokens(std::move(tokens)) {}

    QList<MailAddress> parse();

private:
    bool atEnd() const { return m_at >= m_tokens.size(); }
    const Token &token() const { return m_tokens.at(m_at); }
    // Index of the first of the given specials from m_at, or the end.
    qsizetype findSpecial(const char *specials) const;
    QByteArray phrase(qsizetype from, qsizetype to) const;
    QByteArray lastComment(qsizetype from, qsizetype to) const;
    bool hasWords(qsizetype from, qsizetype to) const;
    // Words and dots joined without spaces, until a special not in `dots`.
    QByteArray joined(const char *stops);
    void addressWithoutAt(qsizetype from, qsizetype to);
    void angleAddress(qsizetype nameFrom, qsizetype nameTo);
    void addrSpec(qsizetype from);
    void skipJunk();
    void finishName(MailAddress &address, qsizetype from);

    QList<Token> m_tokens;
    qsizetype m_at = 0;
    bool m_inGroup = false;
    QList<MailAddress> m_out;
};

qsizetype AddressListParser::findSpecial(const char *specials) const {
    for (qsizetype i = m_at; i < m_tokens.size(); ++i) {
        const Token &t = m_tokens.at(i);
        if (t.type == Token::Type::Special && t.special != '.' && std::strchr(specials, t.special))
            return i;
    }
    return m_tokens.size();
}

QByteArray AddressListParser::phrase(qsizetype from, qsizetype to) const {
    QByteArray out;
    bool space = false;
    for (qsizetype i = from; i < to; ++i) {
        const Token &t = m_tokens.at(i);
        if (t.type == Token::Type::Comment) {
            space = true;
            continue;
        }
        if (!isWord(t) && !isSpecial(t, '.'))
            continue;
        if (!out.isEmpty() && (space || t.spaceBefore))
            out.append(' ');
        out.append(isWord(t) ? t.text : QByteArray("."));
        space = false;
    }
    return out;
}

QByteArray AddressListParser::lastComment(qsizetype from, qsizetype to) const {
    for (qsizetype i = to - 1; i >= from; --i) {
        if (m_tokens.at(i).type == Token::Type::Comment)
            return m_tokens.at(i).text;
    }
    return {};
}

bool AddressListParser::hasWords(qsizetype from, qsizetype to) const {
    for (qsizetype i = from; i < to; ++i) {
        if (isWord(m_tokens.at(i)))
            return true;
    }
    return false;
}

QByteArray AddressListParser::joined(const char *stops) {
    QByteArray out;
    while (!atEnd()) {
        const Token &t = token();
        if (t.type == Token::Type::Special && t.special != '.' && std::strchr(stops, t.special))
            break;
        if (isWord(t))
            out.append(t.text);
        else if (isSpecial(t, '.'))
            out.append('.');
        ++m_at;
    }
    return out;
}

void AddressListParser::finishName(MailAddress &address, qsizetype from) {
    if (address.name.isEmpty())
        address.name = lastComment(from, m_at);
    m_out.append(address);
}

// A list element with no "<" or "@": a lone local part ("alice"), or a
// phrase whose address is missing.
void AddressListParser::addressWithoutAt(qsizetype from, qsizetype to) {
    if (!hasWords(from, to))
        return; // obs-addr-list allows empty elements
    MailAddress address;
    bool localPart = true;
    bool first = true;
    for (qsizetype i = from; i < to; ++i) {
        const Token &t = m_tokens.at(i);
        if (t.type == Token::Type::Comment)
            continue;
        if ((isWord(t) && t.quoted) || (!first && t.spaceBefore) ||
            (!isWord(t) && !isSpecial(t, '.')))
            localPart = false;
        first = false;
    }
    if (localPart)
        address.mailbox = phrase(from, to);
    else
        address.name = phrase(from, to);
    m_at = to;
    finishName(address, from);
}

void AddressListParser::angleAddress(qsizetype nameFrom, qsizetype nameTo) {
    MailAddress address;
    address.name = phrase(nameFrom, nameTo);
    m_at = nameTo + 1; // past '<'
    // obs-route (RFC 5322 section 4.4): "@a,@b:" before the addr-spec
    if (!atEnd() && isSpecial(token(), '@')) {
        QByteArray route;
        while (!atEnd() && (isSpecial(token(), '@') || isSpecial(token(), ','))) {
            if (isSpecial(token(), ',')) {
                ++m_at;
                continue;
            }
            ++m_at;
            const QByteArray domain = joined(",:>@;");
            if (!route.isEmpty())
                route.append(',');
            route.append('@').append(domain);
        }
        if (!atEnd() && isSpecial(token(), ':')) {
            ++m_at;
            address.route = route;
        } else {
            // "<@domain>" with no local part: keep the domain as the host
            address.host = route.mid(route.lastIndexOf('@') + 1);
        }
    }
    if (address.host.isEmpty()) {
        address.mailbox = joined("@>,;<");
        if (!atEnd() && isSpecial(token(), '@')) {
            ++m_at;
            address.host = joined(">,;<@");
        }
    }
    if (!atEnd() && isSpecial(token(), '>'))
        ++m_at;
    skipJunk();
    finishName(address, nameFrom);
}

void AddressListParser::addrSpec(qsizetype from) {
    MailAddress address;
    m_at = from;
    address.mailbox = joined("@,;<>");
    if (!atEnd() && isSpecial(token(), '@')) {
        ++m_at;
        address.host = joined(",;<>@:");
    }
    skipJunk();
    finishName(address, from);
}

// Past an address: anything up to the next ',' or ';' is not part of it.
void AddressListParser::skipJunk() {
    while (!atEnd() && !isSpecial(token(), ',') && !isSpecial(token(), ';')) {
        if (isSpecial(token(), ':') && !m_inGroup)
            break; // could start a group
        ++m_at;
    }
}

QList<MailAddress> AddressListParser::parse() {
    while (!atEnd()) {
        const qsizetype special = findSpecial("<:;@,");
        const char c = special < m_tokens.size() ? m_tokens.at(special).special : '\0';
        switch (c) {
        case ',':
            addressWithoutAt(m_at, special);
            m_at = special + 1;
            break;
        case ';':
            addressWithoutAt(m_at, special);
            if (m_inGroup)
                m_out.append({MailAddress::Kind::GroupEnd, {}, {}, {}, {}});
            m_inGroup = false;
            m_at = special + 1;
            break;
        case ':': {
            if (m_inGroup)
                m_out.append({MailAddress::Kind::GroupEnd, {}, {}, {}, {}});
            MailAddress group;
            group.kind = MailAddress::Kind::GroupStart;
            group.mailbox = phrase(m_at, special);
            m_out.append(group);
            m_inGroup = true;
            m_at = special + 1;
            break;
        }
        case '<':
            angleAddress(m_at, special);
            break;
        case '@':
            addrSpec(m_at);
            break;
        default:
            addressWithoutAt(m_at, special);
            m_at = m_tokens.size();
            break;
        }
    }
    if (m_inGroup)
        m_out.append({MailAddress::Kind::GroupEnd, {}, {}, {}, {}});
    return m_out;
}

} // namespace

QString MailAddress::displayName() const {
    return decodeEncodedWords(kind == Kind::GroupStart ? mailbox : name).text;
}

QByteArray MailAddress::addrSpec() const {
    if (kind != Kind::Mailbox)
        return {};
    return host.isEmpty() ? mailbox : QByteArray(mailbox + '@' + host);
}

QList<MailAddress> parseAddressList(QByteArrayView value) {
    return AddressListParser(tokenize(value)).parse();
}

} // namespace mailstead::mime
