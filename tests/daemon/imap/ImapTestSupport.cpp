// ImapTestSupport.cpp - feeding and describing IMAP commands in tests
//
// See ImapTestSupport.h.

#include "ImapTestSupport.h"

#include "imap/ImapDateTime.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace mailstead::imap::test {

namespace {

QString latin(QByteArrayView bytes) {
    return QString::fromLatin1(bytes);
}

QString set(const ImapSequenceSet &value) {
    return latin(formatSequenceSet(value));
}

QString flags(const QByteArrayList &list) {
    return u'(' + latin(list.join(' ')) + u')';
}

QString statusItems(ImapStatusItems items) {
    return latin(statusItemNames(items).join(','));
}

QString searchKey(const ImapSearchKey &key);

QString children(const ImapSearchKey &key) {
    QStringList parts;
    for (const ImapSearchKey &child : key.children)
        parts.append(searchKey(child));
    return parts.join(u' ');
}

QString searchKey(const ImapSearchKey &key) {
    using Kind = ImapSearchKey::Kind;
    switch (key.kind) {
    case Kind::And:
        return u'(' + children(key) + u')';
    case Kind::Or:
        return u"OR("_s + children(key) + u')';
    case Kind::Not:
        return u"NOT("_s + children(key) + u')';
    case Kind::All:
        return u"ALL"_s;
    case Kind::Answered:
        return u"ANSWERED"_s;
    case Kind::Deleted:
        return u"DELETED"_s;
    case Kind::Draft:
        return u"DRAFT"_s;
    case Kind::Flagged:
        return u"FLAGGED"_s;
    case Kind::New:
        return u"NEW"_s;
    case Kind::Old:
        return u"OLD"_s;
    case Kind::Recent:
        return u"RECENT"_s;
    case Kind::Seen:
        return u"SEEN"_s;
    case Kind::Unanswered:
        return u"UNANSWERED"_s;
    case Kind::Undeleted:
        return u"UNDELETED"_s;
    case Kind::Undraft:
        return u"UNDRAFT"_s;
    case Kind::Unflagged:
        return u"UNFLAGGED"_s;
    case Kind::Unseen:
        return u"UNSEEN"_s;
    case Kind::Keyword:
        return u"KEYWORD:"_s + latin(key.field);
    case Kind::Unkeyword:
        return u"UNKEYWORD:"_s + latin(key.field);
    case Kind::Bcc:
        return u"BCC\""_s + key.text + u'"';
    case Kind::Body:
        return u"BODY\""_s + key.text + u'"';
    case Kind::Cc:
        return u"CC\""_s + key.text + u'"';
    case Kind::From:
        return u"FROM\""_s + key.text + u'"';
    case Kind::Subject:
        return u"SUBJECT\""_s + key.text + u'"';
    case Kind::Text:
        return u"TEXT\""_s + key.text + u'"';
    case Kind::To:
        return u"TO\""_s + key.text + u'"';
    case Kind::Header:
        return u"HEADER:"_s + latin(key.field) + u"=\""_s + key.text + u'"';
    case Kind::Before:
        return u"BEFORE:"_s + key.date.toString(Qt::ISODate);
    case Kind::On:
        return u"ON:"_s + key.date.toString(Qt::ISODate);
    case Kind::Since:
        return u"SINCE:"_s + key.date.toString(Qt::ISODate);
    case Kind::SentBefore:
        return u"SENTBEFORE:"_s + key.date.toString(Qt::ISODate);
    case Kind::SentOn:
        return u"SENTON:"_s + key.date.toString(Qt::ISODate);
    case Kind::SentSince:
        return u"SENTSINCE:"_s + key.date.toString(Qt::ISODate);
    case Kind::Larger:
        return u"LARGER:"_s + QString::number(key.number);
    case Kind::Smaller:
        return u"SMALLER:"_s + QString::number(key.number);
    case Kind::Uid:
        return u"UID:"_s + set(key.set);
    case Kind::SequenceSet:
        return u"SEQ:"_s + set(key.set);
    case Kind::ModSeq: {
        QString out = u"MODSEQ:"_s;
        if (!key.field.isEmpty())
            out += latin(key.field) + u',' + latin(key.entryType) + u',';
        return out + QString::number(key.number);
    }
    }
    return u"?"_s;
}

QString fetchItem(const ImapFetchItem &item) {
    QString out = latin(fetchResponseName(item));
    if (item.peek)
        out.replace(u'[', u".PEEK["_s);
    if (item.partialOffset >= 0)
        out.replace(u'<' + QString::number(item.partialOffset) + u'>',
                    u'<' + QString::number(item.partialOffset) + u'.' +
                        QString::number(item.partialLength) + u'>');
    return out;
}

// One canonical description per argument type.
struct ArgumentWriter {
    QStringList &out;

    void operator()(const std::monostate &) {}
    void operator()(const ImapAuthenticateArguments &a) {
        out << u"mech="_s + latin(a.mechanism);
        if (a.hasInitialResponse)
            out << u"ir="_s + printable(a.initialResponse);
    }
    void operator()(const ImapLoginArguments &a) {
        out << u"user="_s + printable(a.user) << u"pass="_s + printable(a.password);
    }
    void operator()(const ImapEnableArguments &a) {
        out << u"caps="_s + latin(a.capabilities.join(','));
    }
    void operator()(const ImapIdArguments &a) {
        if (a.nil) {
            out << u"id=NIL"_s;
        } else {
            QStringList pairs;
            for (const auto &pair : a.fields)
                pairs << printable(pair.first) + u'=' +
                             (pair.second ? printable(*pair.second) : u"NIL"_s);
            out << u"id=("_s + pairs.join(u',') + u')';
        }
    }
    void operator()(const ImapMailboxArgument &a) { out << u"mailbox="_s + a.mailbox; }
    void operator()(const ImapRenameArguments &a) { out << u"from="_s + a.from << u"to="_s + a.to; }
    void operator()(const ImapSelectArguments &a) {
        out << u"mailbox="_s + a.mailbox;
        if (a.condStore)
            out << u"condstore"_s;
        if (a.qresync) {
            out << u"qresync="_s + QString::number(a.uidValidity) + u',' +
                       QString::number(a.modSeq);
            if (!a.knownUids.isEmpty())
                out << u"known="_s + set(a.knownUids);
            if (!a.knownSequenceNumbers.isEmpty())
                out << u"match="_s + set(a.knownSequenceNumbers) + u'/' + set(a.knownSequenceUids);
        }
    }
    void operator()(const ImapCreateArguments &a) {
        out << u"mailbox="_s + a.mailbox;
        if (!a.specialUse.isEmpty())
            out << u"use="_s + latin(a.specialUse.join(','));
    }
    void operator()(const ImapListArguments &a) {
        if (a.extended)
            out << u"extended"_s;
        QStringList selection;
        if (a.selection.testFlag(ImapListSelection::Subscribed))
            selection << u"SUBSCRIBED"_s;
        if (a.selection.testFlag(ImapListSelection::Remote))
            selection << u"REMOTE"_s;
        if (a.selection.testFlag(ImapListSelection::RecursiveMatch))
            selection << u"RECURSIVEMATCH"_s;
        if (a.selection.testFlag(ImapListSelection::SpecialUse))
            selection << u"SPECIAL-USE"_s;
        if (!selection.isEmpty())
            out << u"sel="_s + selection.join(u',');
        out << u"ref="_s + a.reference << u"pat="_s + a.patterns.join(u'|');
        QStringList returns;
        if (a.returns.testFlag(ImapListReturn::Subscribed))
            returns << u"SUBSCRIBED"_s;
        if (a.returns.testFlag(ImapListReturn::Children))
            returns << u"CHILDREN"_s;
        if (a.returns.testFlag(ImapListReturn::SpecialUse))
            returns << u"SPECIAL-USE"_s;
        if (a.returns.testFlag(ImapListReturn::Status))
            returns << u"STATUS("_s + statusItems(a.statusItems) + u')';
        if (!returns.isEmpty())
            out << u"ret="_s + returns.join(u',');
    }
    void operator()(const ImapStatusArguments &a) {
        out << u"mailbox="_s + a.mailbox << u"items="_s + statusItems(a.items);
    }
    void operator()(const ImapAppendArguments &a) {
        out << u"mailbox="_s + a.mailbox;
        if (!a.flags.isEmpty())
            out << u"flags="_s + flags(a.flags);
        if (a.internalDate)
            out << u"date="_s + latin(formatImapDateTime(*a.internalDate));
        out << u"size="_s + QString::number(a.messageSize);
        if (a.messageStreamed)
            out << u"streamed"_s;
        else
            out << u"msg="_s + printable(a.message);
        if (a.utf8Data)
            out << u"utf8"_s;
    }
    void operator()(const ImapSearchArguments &a) {
        if (a.extended) {
            QStringList returns;
            if (a.returns.testFlag(ImapSearchReturn::Min))
                returns << u"MIN"_s;
            if (a.returns.testFlag(ImapSearchReturn::Max))
                returns << u"MAX"_s;
            if (a.returns.testFlag(ImapSearchReturn::All))
                returns << u"ALL"_s;
            if (a.returns.testFlag(ImapSearchReturn::Count))
                returns << u"COUNT"_s;
            if (a.returns.testFlag(ImapSearchReturn::Save))
                returns << u"SAVE"_s;
            out << u"return="_s + returns.join(u',');
        }
        if (!a.charset.isEmpty())
            out << u"charset="_s + latin(a.charset);
        out << searchKey(a.program);
    }
    void operator()(const ImapFetchArguments &a) {
        QStringList items;
        for (const ImapFetchItem &item : a.items)
            items << fetchItem(item);
        out << u"set="_s + set(a.set) << u"items="_s + items.join(u',');
        if (a.changedSince)
            out << u"changedsince="_s + QString::number(*a.changedSince);
        if (a.vanished)
            out << u"vanished"_s;
    }
    void operator()(const ImapStoreArguments &a) {
        out << u"set="_s + set(a.set);
        switch (a.operation) {
        case ImapStoreArguments::Operation::Replace:
            out << u"op=="_s;
            break;
        case ImapStoreArguments::Operation::Add:
            out << u"op=+"_s;
            break;
        case ImapStoreArguments::Operation::Remove:
            out << u"op=-"_s;
            break;
        }
        if (a.silent)
            out << u"silent"_s;
        out << u"flags="_s + flags(a.flags);
        if (a.unchangedSince)
            out << u"unchangedsince="_s + QString::number(*a.unchangedSince);
    }
    void operator()(const ImapCopyArguments &a) {
        out << u"set="_s + set(a.set) << u"mailbox="_s + a.mailbox;
    }
    void operator()(const ImapUidExpungeArguments &a) { out << u"uids="_s + set(a.uids); }
    void operator()(const ImapQuotaRootArgument &a) { out << u"root="_s + printable(a.root); }
};

QString arguments(const ImapCommand &command) {
    QStringList out;
    std::visit(ArgumentWriter{out}, command.arguments);
    return out.join(u' ');
}

} // namespace

QString printable(QByteArrayView bytes) {
    QString out;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\r')
            out += u"\\r"_s;
        else if (c == '\n')
            out += u"\\n"_s;
        else if (u < 32 || u >= 127)
            out += u"\\x"_s + QString::number(u, 16).rightJustified(2, u'0');
        else
            out += QLatin1Char(c);
    }
    return out;
}

ImapParserOptions optionsFrom(const QString &flags) {
    ImapParserOptions options;
    const QStringList words = flags.split(u' ', Qt::SkipEmptyParts);
    options.imap4rev2 = words.contains(u"rev2"_s);
    options.utf8Accept = words.contains(u"utf8"_s);
    options.qresync = words.contains(u"qresync"_s);
    return options;
}

QString describe(const ImapParseResult &result) {
    const ImapCommand &c = result.command;
    QString out = c.tag.isEmpty() ? u"*"_s : latin(c.tag);
    if (!result.ok()) {
        out += u" ERR "_s;
        switch (result.error.kind) {
        case ImapStatusResponse::Kind::No:
            out += u"NO"_s;
            break;
        case ImapStatusResponse::Kind::Bad:
            out += u"BAD"_s;
            break;
        default:
            out += u"?"_s;
            break;
        }
        if (!result.error.code.isEmpty())
            out += u" ["_s + latin(result.error.code) + u']';
        return out;
    }
    out += u' ';
    if (c.uid)
        out += u"UID "_s;
    out += latin(commandName(c.name));
    const QString args = arguments(c);
    if (!args.isEmpty())
        out += u' ' + args;
    return out;
}

QString parseThroughReader(const QByteArray &input, const ImapParserOptions &options,
                           bool byteByByte) {
    ImapCommandReader reader(options.limits);
    QList<ImapRawCommand> commands;
    qsizetype pos = 0;
    while (pos < input.size()) {
        const qsizetype step = byteByByte ? 1 : input.size() - pos;
        QByteArrayView piece = QByteArrayView(input).sliced(pos, step);
        pos += step;
        while (!piece.isEmpty()) {
            const ImapCommandReader::Result r = reader.next(piece);
            if (r.consumed <= 0 && r.status == ImapCommandReader::Status::NeedMore)
                return u"reader made no progress"_s;
            piece = piece.sliced(r.consumed);
            switch (r.status) {
            case ImapCommandReader::Status::NeedMore:
            case ImapCommandReader::Status::Continue:
            case ImapCommandReader::Status::MessageData:
                break;
            case ImapCommandReader::Status::AppendLiteral:
                reader.acceptLiteral();
                break;
            case ImapCommandReader::Status::Command:
                commands.append(reader.takeCommand());
                break;
            case ImapCommandReader::Status::LiteralRefused:
                return u"literal refused: "_s + printable(r.response.toWire(reader.tag()));
            case ImapCommandReader::Status::LineTooLong:
                return u"line too long"_s;
            }
        }
    }
    if (commands.size() != 1 || reader.hasPartialCommand())
        return u"reader returned "_s + QString::number(commands.size()) + u" commands"_s;
    return describe(parseCommand(commands.first(), options));
}

} // namespace mailstead::imap::test
