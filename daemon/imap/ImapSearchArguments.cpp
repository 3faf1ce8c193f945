// ImapSearchArguments.cpp - SEARCH keys, CHARSET and RETURN options
//
// RFC 9051 sections 6.4.4 and 9, RFC 3501 section 6.4.4, RFC 4731, RFC 5182,
// RFC 7162 section 3.1.5, RFC 6855 section 3; see ImapSearchArguments.h.
//
// SECURITY: untrusted peer text through ImapScanner; recursion bounded by
// maxSearchDepth, total work by maxSearchKeys and the command length.

#include "ImapSearchArguments.h"

#include "ImapMailboxName.h"
#include "ImapScanner.h"

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

using Kind = ImapSearchKey::Kind;

enum class Argument : quint8 { None, String, Date, Number, Keyword, Header, Uid, Not, Or, ModSeq };

struct KeyEntry {
    QByteArrayView name;
    Kind kind;
    Argument argument;
};

constexpr KeyEntry keyTable[] = {
    {"ALL", Kind::All, Argument::None},
    {"ANSWERED", Kind::Answered, Argument::None},
    {"BCC", Kind::Bcc, Argument::String},
    {"BEFORE", Kind::Before, Argument::Date},
    {"BODY", Kind::Body, Argument::String},
    {"CC", Kind::Cc, Argument::String},
    {"DELETED", Kind::Deleted, Argument::None},
    {"DRAFT", Kind::Draft, Argument::None},
    {"FLAGGED", Kind::Flagged, Argument::None},
    {"FROM", Kind::From, Argument::String},
    {"HEADER", Kind::Header, Argument::Header},
    {"KEYWORD", Kind::Keyword, Argument::Keyword},
    {"LARGER", Kind::Larger, Argument::Number},
    {"MODSEQ", Kind::ModSeq, Argument::ModSeq},
    {"NEW", Kind::New, Argument::None},
    {"NOT", Kind::Not, Argument::Not},
    {"OLD", Kind::Old, Argument::None},
    {"ON", Kind::On, Argument::Date},
    {"OR", Kind::Or, Argument::Or},
    {"RECENT", Kind::Recent, Argument::None},
    {"SEEN", Kind::Seen, Argument::None},
    {"SENTBEFORE", Kind::SentBefore, Argument::Date},
    {"SENTON", Kind::SentOn, Argument::Date},
    {"SENTSINCE", Kind::SentSince, Argument::Date},
    {"SINCE", Kind::Since, Argument::Date},
    {"SMALLER", Kind::Smaller, Argument::Number},
    {"SUBJECT", Kind::Subject, Argument::String},
    {"TEXT", Kind::Text, Argument::String},
    {"TO", Kind::To, Argument::String},
    {"UID", Kind::Uid, Argument::Uid},
    {"UNANSWERED", Kind::Unanswered, Argument::None},
    {"UNDELETED", Kind::Undeleted, Argument::None},
    {"UNDRAFT", Kind::Undraft, Argument::None},
    {"UNFLAGGED", Kind::Unflagged, Argument::None},
    {"UNKEYWORD", Kind::Unkeyword, Argument::Keyword},
    {"UNSEEN", Kind::Unseen, Argument::None},
};

class SearchParser {
public:
    SearchParser(ImapScanner &scanner, ImapSearchArguments *arguments)
        : m_s(scanner)
        , m_arguments(arguments) {}

    bool key(int depth, ImapSearchKey *out);

private:
    bool text(QString *out);
    bool modSeq(ImapSearchKey *out);
    bool child(int depth, ImapSearchKey *out);

    ImapScanner &m_s;
    ImapSearchArguments *m_arguments;
    int m_keys = 0;
};

bool SearchParser::text(QString *out) {
    QByteArray value;
    if (!m_s.astring(&value))
        return false;
    // US-ASCII is a subset of UTF-8; 8-bit text under US-ASCII is taken
    // as UTF-8 too, as clients that omit CHARSET mean it.
    if (!isValidUtf8(value))
        return m_s.fail("Search string is not valid UTF-8");
    *out = QString::fromUtf8(value);
    return true;
}

bool SearchParser::child(int depth, ImapSearchKey *parent) {
    parent->children.emplace_back();
    return key(depth + 1, &parent->children.back());
}

// search-modsequence = "MODSEQ" [search-modseq-ext] SP mod-sequence-valzer
// search-modseq-ext = SP entry-name SP entry-type-req
// entry-name = DQUOTE "/flags/" attr-flag DQUOTE
bool SearchParser::modSeq(ImapSearchKey *out) {
    m_arguments->usesModSeq = true;
    if (m_s.peek() == '"') {
        QByteArray entry;
        if (!m_s.quoted(&entry))
            return false;
        const QByteArrayView prefix = "/flags/";
        if (entry.size() <= prefix.size() ||
            QByteArrayView(entry).first(prefix.size()).compare(prefix, Qt::CaseInsensitive) != 0)
            return m_s.fail("MODSEQ entry name must be \"/flags/<flag>\"");
        out->field = entry;
        QByteArray type;
        if (!m_s.space() || !m_s.atom(&type, "the MODSEQ entry type (priv, shared or all)"))
            return false;
        type = type.toLower();
        if (type != "priv" && type != "shared" && type != "all")
            return m_s.fail("MODSEQ entry type must be priv, shared or all");
        out->entryType = type;
        if (!m_s.space())
            return false;
    }
    return m_s.number64(&out->number, "MODSEQ");
}

bool SearchParser::key(int depth, ImapSearchKey *out) {
    if (m_s.failed())
        return false;
    if (depth > m_s.options().limits.maxSearchDepth)
        return m_s.fail("Search program is nested too deeply");
    if (++m_keys > m_s.options().limits.maxSearchKeys)
        return m_s.fail("Search program has too many keys");

    const char c = m_s.peek();
    if (c == '(') {
        m_s.consume('(');
        out->kind = Kind::And;
        while (true) {
            if (!child(depth, out))
                return false;
            if (m_s.consume(')'))
                return true;
            if (!m_s.space())
                return false;
        }
    }
    if ((c >= '0' && c <= '9') || c == '*' || c == '$') {
        out->kind = Kind::SequenceSet;
        return m_s.sequenceSet(&out->set);
    }

    const QByteArray name = m_s.peekAtomUpper();
    const KeyEntry *entry = nullptr;
    for (const KeyEntry &candidate : keyTable) {
        if (name == candidate.name)
            entry = &candidate;
    }
    if (!entry)
        return m_s.fail(name.isEmpty() ? "Expected a search key"_ba : "Unknown search key"_ba);
    m_s.atomChars();
    out->kind = entry->kind;
    if (entry->argument == Argument::None)
        return true;
    if (!m_s.space())
        return false;
    switch (entry->argument) {
    case Argument::None:
        return true;
    case Argument::String:
        return text(&out->text);
    case Argument::Date:
        return m_s.date(&out->date);
    case Argument::Number:
        return m_s.number64(&out->number, entry->name.toByteArray());
    case Argument::Keyword:
        return m_s.atom(&out->field, "a keyword");
    case Argument::Header:
        if (!m_s.astring(&out->field) || !m_s.space())
            return false;
        if (out->field.isEmpty())
            return m_s.fail("Empty header field name");
        return text(&out->text);
    case Argument::Uid:
        return m_s.sequenceSet(&out->set);
    case Argument::Not:
        return child(depth, out);
    case Argument::Or:
        return child(depth, out) && m_s.space() && child(depth, out);
    case Argument::ModSeq:
        return modSeq(out);
    }
    return false;
}

// search-return-opts = SP "RETURN" SP "(" [search-return-opt
//                      *(SP search-return-opt)] ")"
bool returnOptions(ImapScanner &s, ImapSearchArguments *out) {
    if (!s.expect('(', "\"(\" after RETURN"))
        return false;
    out->extended = true;
    if (!s.consume(')')) {
        while (true) {
            const QByteArray option = s.peekAtomUpper();
            if (option == "MIN")
                out->returns |= ImapSearchReturn::Min;
            else if (option == "MAX")
                out->returns |= ImapSearchReturn::Max;
            else if (option == "ALL")
                out->returns |= ImapSearchReturn::All;
            else if (option == "COUNT")
                out->returns |= ImapSearchReturn::Count;
            else if (option == "SAVE")
                out->returns |= ImapSearchReturn::Save;
            else
                return s.fail("Unknown SEARCH return option");
            s.atomChars();
            if (s.consume(')'))
                break;
            if (!s.space())
                return false;
        }
    }
    if (!out->returns)
        out->returns = ImapSearchReturn::All; // RFC 4731 section 3.1
    return s.space();
}

} // namespace

// search = "SEARCH" [search-return-opts] SP search-program
// search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)
bool parseSearchArguments(ImapScanner &s, ImapSearchArguments *out) {
    if (s.peekAtomUpper() == "RETURN") {
        s.atomChars();
        if (!s.space() || !returnOptions(s, out))
            return false;
    }
    if (s.peekAtomUpper() == "CHARSET") {
        if (s.options().utf8Accept)
            return s.fail("CHARSET is not allowed after ENABLE UTF8=ACCEPT");
        s.atomChars();
        QByteArray charset;
        if (!s.space() || !s.astring(&charset))
            return false;
        out->charset = charset.toUpper();
        if (out->charset != "UTF-8" && out->charset != "US-ASCII")
            return s.failNo("Unsupported charset", responsecode::badCharset({"US-ASCII", "UTF-8"}));
        if (!s.space())
            return false;
    }
    out->program.kind = ImapSearchKey::Kind::And;
    SearchParser parser(s, out);
    while (true) {
        out->program.children.emplace_back();
        if (!parser.key(1, &out->program.children.back()))
            return false;
        if (!s.spaceBeforeMore())
            return s.end();
    }
}

} // namespace mailstead::imap
