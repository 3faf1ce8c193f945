// ImapSearchEngine.cpp - SEARCH keys evaluated cheapest first
//
// RFC 9051 section 6.4.4, RFC 3501 section 6.4.4, RFC 5182, RFC 7162
// section 3.1.5.
//
// SECURITY: the key tree is bounded by the parser; recursion follows it.
// Message files are untrusted and only read through ImapMessageView.

#include "ImapSearchEngine.h"

#include "ImapMessageView.h"
#include "mime/MimeDate.h"
#include "mime/MimeHeader.h"
#include "mime/MimeText.h"
#include "store/FullTextIndex.h"
#include "store/MailboxReader.h"

#include <algorithm>
#include <memory>
#include <QHash>
#include <QSet>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

using Kind = ImapSearchKey::Kind;

// What evaluating a key costs, so AND and OR try the cheap side first.
enum class Cost : quint8 {
    Row,       // the index row: flags, UIDs, sizes, dates, modseq
    TextIndex, // one full-text index lookup, done once for the folder
    File,      // the message file must be read and parsed
};

bool isTextKey(Kind kind) {
    switch (kind) {
    case Kind::Bcc:
    case Kind::Body:
    case Kind::Cc:
    case Kind::From:
    case Kind::Subject:
    case Kind::Text:
    case Kind::To:
        return true;
    default:
        return false;
    }
}

store::TextField textFieldOf(Kind kind) {
    switch (kind) {
    case Kind::Bcc:
        return store::TextField::Bcc;
    case Kind::Body:
        return store::TextField::Body;
    case Kind::Cc:
        return store::TextField::Cc;
    case Kind::From:
        return store::TextField::From;
    case Kind::Subject:
        return store::TextField::Subject;
    case Kind::To:
        return store::TextField::To;
    default:
        return store::TextField::Text;
    }
}

// The file of one message, read at most once per SEARCH.
struct MessageContent {
    std::unique_ptr<ImapMessageView> view;
    bool loaded = false;
    bool present = false;
    std::optional<store::IndexedText> text;
};

class Evaluator {
public:
    Evaluator(const ImapSearchInput &input, store::MailboxReader &reader,
              const store::FolderInfo &folder)
        : m_input(input)
        , m_messages(*input.messages)
        , m_reader(reader)
        , m_folder(folder) {}

    bool prepare(const ImapSearchKey &key, ImapStatusResponse *failure);
    bool matches(const ImapSearchKey &key, int index);

private:
    Cost cost(const ImapSearchKey &key);
    const std::vector<const ImapSearchKey *> &ordered(const ImapSearchKey &key);
    bool matchesRow(const ImapSearchKey &key, const store::MessageInfo &info, int index);
    bool matchesText(const ImapSearchKey &key, int index);
    bool matchesHeader(const ImapSearchKey &key, int index);
    bool matchesSentDate(const ImapSearchKey &key, int index);
    MessageContent *content(int index);
    const store::IndexedText *textOf(int index);

    const ImapSearchInput &m_input;
    const QList<store::MessageInfo> &m_messages;
    store::MailboxReader &m_reader;
    const store::FolderInfo &m_folder;
    QHash<const ImapSearchKey *, ImapSequenceSet> m_sets;
    QHash<const ImapSearchKey *, std::optional<QSet<quint32>>> m_textHits;
    QHash<const ImapSearchKey *, Cost> m_costs;
    QHash<const ImapSearchKey *, std::vector<const ImapSearchKey *>> m_order;
    std::unordered_map<int, MessageContent> m_contents;
};

// The SEARCHRES result as sequence numbers of the messages still here.
ImapSequenceSet savedAsSequenceNumbers(const QList<store::MessageInfo> &messages,
                                       const QList<quint32> &savedUids) {
    QList<quint32> numbers;
    for (const quint32 uid : savedUids) {
        const auto found = std::lower_bound(
            messages.cbegin(), messages.cend(), uid,
            [](const store::MessageInfo &info, quint32 value) { return info.uid < value; });
        if (found != messages.cend() && found->uid == uid)
            numbers.append(quint32(found - messages.cbegin()) + 1);
    }
    return sequenceSetFromValues(numbers);
}

bool Evaluator::prepare(const ImapSearchKey &key, ImapStatusResponse *failure) {
    if (key.kind == Kind::SequenceSet || key.kind == Kind::Uid) {
        const bool uid = key.kind == Kind::Uid;
        const quint32 largest =
            m_messages.isEmpty() ? 0 : (uid ? m_messages.back().uid : quint32(m_messages.size()));
        const ImapSequenceSet saved = uid ? sequenceSetFromValues(m_input.savedUids)
                                          : savedAsSequenceNumbers(m_messages, m_input.savedUids);
        const ImapSequenceResolution resolved = resolveSequenceSet(
            key.set, largest, uid ? ImapNumberKind::Uid : ImapNumberKind::SequenceNumber, saved);
        if (!resolved.ok()) {
            *failure = ImapStatusResponse::bad(resolved.error);
            return false;
        }
        m_sets.insert(&key, resolved.set);
    }
    if (isTextKey(key.kind) || key.kind == Kind::Header) {
        if (key.text.size() > store::maxSearchTextChars) {
            *failure = ImapStatusResponse::no("Search string too long"_ba, "LIMIT");
            return false;
        }
    }
    if (isTextKey(key.kind) && !m_textHits.contains(&key))
        m_textHits.insert(&key,
                          m_reader.searchText(m_folder.name, textFieldOf(key.kind), key.text));
    for (const ImapSearchKey &child : key.children)
        if (!prepare(child, failure))
            return false;
    return true;
}

Cost Evaluator::cost(const ImapSearchKey &key) {
    const auto known = m_costs.constFind(&key);
    if (known != m_costs.cend())
        return *known;
    Cost result = Cost::Row;
    if (isTextKey(key.kind))
        result = m_textHits.value(&key) ? Cost::TextIndex : Cost::File;
    else if (key.kind == Kind::Header || key.kind == Kind::SentBefore || key.kind == Kind::SentOn ||
             key.kind == Kind::SentSince)
        result = Cost::File;
    for (const ImapSearchKey &child : key.children)
        result = std::max(result, cost(child));
    m_costs.insert(&key, result);
    return result;
}

const std::vector<const ImapSearchKey *> &Evaluator::ordered(const ImapSearchKey &key) {
    auto found = m_order.find(&key);
    if (found != m_order.end())
        return *found;
    std::vector<const ImapSearchKey *> children;
    for (const ImapSearchKey &child : key.children)
        children.push_back(&child);
    std::stable_sort(
        children.begin(), children.end(),
        [this](const ImapSearchKey *a, const ImapSearchKey *b) { return cost(*a) < cost(*b); });
    return *m_order.insert(&key, std::move(children));
}

bool Evaluator::matches(const ImapSearchKey &key, int index) {
    switch (key.kind) {
    case Kind::And:
        for (const ImapSearchKey *child : ordered(key))
            if (!matches(*child, index))
                return false;
        return true;
    case Kind::Or:
        for (const ImapSearchKey *child : ordered(key))
            if (matches(*child, index))
                return true;
        return false;
    case Kind::Not:
        return !key.children.empty() && !matches(key.children.front(), index);
    case Kind::Header:
        return matchesHeader(key, index);
    case Kind::SentBefore:
    case Kind::SentOn:
    case Kind::SentSince:
        return matchesSentDate(key, index);
    default:
        if (isTextKey(key.kind))
            return matchesText(key, index);
        return matchesRow(key, m_messages.at(index), index);
    }
}

bool Evaluator::matchesRow(const ImapSearchKey &key, const store::MessageInfo &info, int index) {
    using store::MessageFlag;
    const QDate internalDate = info.internalDate.toUTC().date();
    switch (key.kind) {
    case Kind::All:
    case Kind::Old: // no \Recent in this store: every message is old
        return true;
    case Kind::New:    // \Recent and not \Seen: never
    case Kind::Recent: // never
        return false;
    case Kind::Answered:
        return info.flags.testFlag(MessageFlag::Answered);
    case Kind::Deleted:
        return info.flags.testFlag(MessageFlag::Deleted);
    case Kind::Draft:
        return info.flags.testFlag(MessageFlag::Draft);
    case Kind::Flagged:
        return info.flags.testFlag(MessageFlag::Flagged);
    case Kind::Seen:
        return info.flags.testFlag(MessageFlag::Seen);
    case Kind::Unanswered:
        return !info.flags.testFlag(MessageFlag::Answered);
    case Kind::Undeleted:
        return !info.flags.testFlag(MessageFlag::Deleted);
    case Kind::Undraft:
        return !info.flags.testFlag(MessageFlag::Draft);
    case Kind::Unflagged:
        return !info.flags.testFlag(MessageFlag::Flagged);
    case Kind::Unseen:
        return !info.flags.testFlag(MessageFlag::Seen);
    case Kind::Keyword:
        return info.keywords.contains(QString::fromUtf8(key.field), Qt::CaseInsensitive);
    case Kind::Unkeyword:
        return !info.keywords.contains(QString::fromUtf8(key.field), Qt::CaseInsensitive);
    case Kind::Before:
        return internalDate < key.date;
    case Kind::On:
        return internalDate == key.date;
    case Kind::Since:
        return internalDate >= key.date;
    case Kind::Larger:
        return quint64(info.virtualSize) > key.number;
    case Kind::Smaller:
        return quint64(info.virtualSize) < key.number;
    case Kind::Uid:
        return m_sets.value(&key).contains(info.uid);
    case Kind::SequenceSet:
        return m_sets.value(&key).contains(quint32(index) + 1);
    case Kind::ModSeq:
        return info.modSeq >= key.number;
    default:
        return false;
    }
}

MessageContent *Evaluator::content(int index) {
    MessageContent &entry = m_contents[index];
    if (!entry.loaded) {
        entry.loaded = true;
        entry.view = std::make_unique<ImapMessageView>(m_reader, m_folder, m_messages.at(index),
                                                       quint32(index) + 1);
        entry.present = entry.view->load();
    }
    return entry.present ? &entry : nullptr;
}

const store::IndexedText *Evaluator::textOf(int index) {
    MessageContent *entry = content(index);
    if (!entry)
        return nullptr;
    if (!entry->text)
        entry->text = store::extractIndexedText(entry->view->bytes());
    return &*entry->text;
}

bool Evaluator::matchesText(const ImapSearchKey &key, int index) {
    const std::optional<QSet<quint32>> &hits = m_textHits[&key];
    if (hits)
        return hits->contains(m_messages.at(index).uid);
    const store::IndexedText *text = textOf(index);
    if (!text)
        return false;
    const auto has = [&key](const QString &value) {
        return value.contains(key.text, Qt::CaseInsensitive);
    };
    switch (key.kind) {
    case Kind::Bcc:
        return has(text->bcc);
    case Kind::Body:
        return has(text->body);
    case Kind::Cc:
        return has(text->cc);
    case Kind::From:
        return has(text->from);
    case Kind::Subject:
        return has(text->subject);
    case Kind::To:
        return has(text->to);
    default:
        return has(text->headers) || has(text->body);
    }
}

// HEADER field string: any field of that name whose decoded value contains
// the string; an empty string matches every message with the field (RFC
// 9051 section 6.4.4).
bool Evaluator::matchesHeader(const ImapSearchKey &key, int index) {
    MessageContent *entry = content(index);
    if (!entry)
        return false;
    const QByteArrayView bytes = entry->view->bytes();
    const mime::HeaderBlock header = mime::parseHeaderBlock(bytes, 0, {});
    for (const mime::HeaderField &field : header.fields) {
        if (field.name.compare(key.field, Qt::CaseInsensitive) != 0)
            continue;
        if (key.text.isEmpty())
            return true;
        if (mime::decodeHeaderValue(field.value).contains(key.text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// SENT*: the Date: field's date as written, ignoring time and zone (RFC
// 9051 section 6.4.4); a message without a readable Date: is dated by its
// internal date, as Dovecot does, so it is neither lost nor matched twice.
bool Evaluator::matchesSentDate(const ImapSearchKey &key, int index) {
    MessageContent *entry = content(index);
    QDate sent;
    if (entry) {
        const mime::HeaderBlock header = mime::parseHeaderBlock(entry->view->bytes(), 0, {});
        const QByteArray value = mime::headerValue(header, "Date");
        if (!value.isNull())
            sent = mime::parseDateTime(value).date();
    }
    if (!sent.isValid())
        sent = m_messages.at(index).internalDate.toUTC().date();
    switch (key.kind) {
    case Kind::SentBefore:
        return sent < key.date;
    case Kind::SentOn:
        return sent == key.date;
    default:
        return sent >= key.date;
    }
}

} // namespace

ImapSearchOutput imapSearch(const ImapSearchInput &input, store::MailboxReader &reader,
                            const store::FolderInfo &folder) {
    ImapSearchOutput output;
    if (!input.program || !input.messages)
        return output;
    Evaluator evaluator(input, reader, folder);
    if (!evaluator.prepare(*input.program, &output.failure)) {
        output.ok = false;
        return output;
    }
    const QList<store::MessageInfo> &messages = *input.messages;
    for (int index = 0; index < messages.size(); ++index) {
        if (!evaluator.matches(*input.program, index))
            continue;
        output.matches.append(index);
        output.highestModSeq = std::max(output.highestModSeq, messages.at(index).modSeq);
    }
    return output;
}

} // namespace mailstead::imap
