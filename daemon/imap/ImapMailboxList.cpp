// ImapMailboxList.cpp - LIST/LSUB pattern matching and attributes
//
// RFC 9051 sections 6.3.9 and 7.3.1, RFC 3501 sections 6.3.8-6.3.9,
// RFC 5258, RFC 6154; see ImapMailboxList.h.
//
// SECURITY: peer patterns; the matcher is a dynamic program over one row
// per pattern character, linear in memory and O(n x m) in time.
#include "ImapMailboxList.h"

#include "ImapMailboxName.h"
#include "ImapResponseFormat.h"

#include <map>
#include <vector>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

constexpr qsizetype inboxLength = 5;

// INBOX is case-insensitive (RFC 9051 section 5.1): "inbox/%" means
// "INBOX/%".
QString canonicalPattern(const QString &pattern) {
    if (pattern.size() >= inboxLength &&
        QStringView(pattern).first(inboxLength).compare(u"INBOX", Qt::CaseInsensitive) == 0 &&
        (pattern.size() == inboxLength || pattern.at(inboxLength) == hierarchyDelimiter))
        return u"INBOX"_s + pattern.mid(inboxLength);
    return pattern;
}

struct Candidate {
    bool exists = false;
    QString specialUse;
    bool subscribed = false;
    bool hasChildren = false;
    bool hasSubscribedChild = false;
};

// Name order, INBOX and its children first (what clients show anyway).
struct NameOrder {
    bool operator()(const QString &a, const QString &b) const {
        const bool aInbox = a == u"INBOX"_s || a.startsWith(u"INBOX/"_s);
        const bool bInbox = b == u"INBOX"_s || b.startsWith(u"INBOX/"_s);
        if (aInbox != bInbox)
            return aInbox;
        return a < b;
    }
};

} // namespace

bool imapListMatches(QStringView pattern, QStringView name) {
    // row[j]: the pattern so far matches the first j characters of name.
    std::vector<char> row(size_t(name.size()) + 1, 0);
    std::vector<char> next(row.size(), 0);
    row[0] = 1;
    for (const QChar p : pattern) {
        if (p == u'*') {
            next[0] = row[0];
            for (size_t j = 1; j < row.size(); ++j)
                next[j] = char(row[j] || next[j - 1]);
        } else if (p == u'%') {
            next[0] = row[0];
            for (size_t j = 1; j < row.size(); ++j)
                next[j] =
                    char(row[j] || (next[j - 1] && name[qsizetype(j - 1)] != hierarchyDelimiter));
        } else {
            next[0] = 0;
            for (size_t j = 1; j < row.size(); ++j)
                next[j] = char(row[j - 1] && name[qsizetype(j - 1)] == p);
        }
        row.swap(next);
    }
    return row.back() != 0;
}

QList<ImapListEntry> imapListMailboxes(const QList<ImapListFolder> &folders,
                                       const ImapListArguments &arguments,
                                       const ImapListOptions &options) {
    QList<ImapListEntry> entries;
    QStringList patterns;
    for (const QString &pattern : arguments.patterns) {
        if (pattern.isEmpty() && !arguments.extended) {
            // RFC 9051 section 6.3.9: the delimiter and the root name.
            ImapListEntry root;
            root.selectable = false;
            root.attributes = {"\\Noselect"_ba};
            entries.append(root);
            return entries;
        }
        patterns.append(canonicalPattern(arguments.reference + pattern));
    }

    std::map<QString, Candidate, NameOrder> candidates;
    for (const ImapListFolder &folder : folders) {
        if (arguments.lsub && !folder.subscribed)
            continue;
        Candidate &self = candidates[folder.name];
        self.exists = true;
        self.specialUse = folder.specialUse;
        self.subscribed = folder.subscribed;
        if (arguments.lsub)
            continue;
        qsizetype cut = folder.name.lastIndexOf(hierarchyDelimiter);
        while (cut > 0) {
            Candidate &parent = candidates[folder.name.first(cut)];
            parent.hasChildren = true;
            parent.hasSubscribedChild = parent.hasSubscribedChild || folder.subscribed;
            cut = folder.name.lastIndexOf(hierarchyDelimiter, cut - 1);
        }
    }

    const bool subscribedOnly = arguments.selection.testFlag(ImapListSelection::Subscribed);
    const bool specialOnly = arguments.selection.testFlag(ImapListSelection::SpecialUse);
    const bool recursive = arguments.selection.testFlag(ImapListSelection::RecursiveMatch);
    const bool showSubscribed =
        subscribedOnly || arguments.returns.testFlag(ImapListReturn::Subscribed);
    for (const auto &[name, candidate] : candidates) {
        bool matches = false;
        for (const QString &pattern : std::as_const(patterns))
            matches = matches || imapListMatches(pattern, name);
        if (!matches)
            continue;
        ImapListEntry entry;
        entry.name = name;
        entry.selectable = candidate.exists;
        if (subscribedOnly && !(candidate.exists && candidate.subscribed)) {
            if (!recursive || !candidate.hasSubscribedChild)
                continue;
            entry.childInfoSubscribed = true;
        }
        if (specialOnly && candidate.specialUse.isEmpty())
            continue;
        if (arguments.lsub) {
            entries.append(entry);
            continue;
        }
        if (!candidate.exists)
            entry.attributes.append(arguments.extended || options.imap4rev2 ? "\\NonExistent"_ba
                                                                            : "\\Noselect"_ba);
        entry.attributes.append(candidate.hasChildren ? "\\HasChildren"_ba : "\\HasNoChildren"_ba);
        if (!candidate.specialUse.isEmpty())
            entry.attributes.append(candidate.specialUse.toUtf8());
        if (showSubscribed && candidate.exists && candidate.subscribed)
            entry.attributes.append("\\Subscribed"_ba);
        entries.append(entry);
    }
    return entries;
}

QByteArray imapListLine(const ImapListEntry &entry, bool lsub, bool utf8) {
    ImapStringOptions options;
    options.utf8 = utf8;
    QByteArray line = lsub ? "* LSUB ("_ba : "* LIST ("_ba;
    line += entry.attributes.join(' ');
    line += ") \"/\" "_ba;
    line += imapMailbox(entry.name, options);
    if (entry.childInfoSubscribed)
        line += " (\"CHILDINFO\" (\"SUBSCRIBED\"))"_ba;
    line += "\r\n"_ba;
    return line;
}

} // namespace mailstead::imap
