// ImapCommandParser.cpp - tag, command name, UID prefix and dispatch to the
// argument grammars
//
// RFC 9051 sections 2.2.1, 6, 7.1.3 and 9; RFC 3501 section 6; RFC 4959,
// RFC 5161, RFC 2971, RFC 4315, RFC 6851, RFC 9208. See ImapCommandParser.h.
//
// SECURITY: untrusted peer text; linear, errors are values.

#include "ImapCommandParser.h"

#include <iterator>

using namespace Qt::StringLiterals;

namespace mailstead::imap {

namespace {

using Name = ImapCommandName;

struct NameEntry {
    QByteArrayView name;
    Name command;
};

constexpr NameEntry nameTable[] = {
    {"CAPABILITY", Name::Capability},
    {"NOOP", Name::Noop},
    {"LOGOUT", Name::Logout},
    {"STARTTLS", Name::StartTls},
    {"AUTHENTICATE", Name::Authenticate},
    {"LOGIN", Name::Login},
    {"ENABLE", Name::Enable},
    {"ID", Name::Id},
    {"NAMESPACE", Name::Namespace},
    {"SELECT", Name::Select},
    {"EXAMINE", Name::Examine},
    {"CREATE", Name::Create},
    {"DELETE", Name::Delete},
    {"RENAME", Name::Rename},
    {"SUBSCRIBE", Name::Subscribe},
    {"UNSUBSCRIBE", Name::Unsubscribe},
    {"LIST", Name::List},
    {"LSUB", Name::Lsub},
    {"STATUS", Name::Status},
    {"APPEND", Name::Append},
    {"IDLE", Name::Idle},
    {"CHECK", Name::Check},
    {"CLOSE", Name::Close},
    {"UNSELECT", Name::Unselect},
    {"EXPUNGE", Name::Expunge},
    {"SEARCH", Name::Search},
    {"FETCH", Name::Fetch},
    {"STORE", Name::Store},
    {"COPY", Name::Copy},
    {"MOVE", Name::Move},
    {"GETQUOTA", Name::GetQuota},
    {"GETQUOTAROOT", Name::GetQuotaRoot},
};

// RFC 2971 section 3.3: at most 30 pairs, fields of 30 and values of 1024
// octets.
constexpr int maxIdPairs = 30;
constexpr qsizetype maxIdField = 30;
constexpr qsizetype maxIdValue = 1024;
// RFC 4422 section 3.1: sasl-mech = 1*20 characters.
constexpr qsizetype maxMechanismOctets = 20;

bool isTagChar(char c) {
    return isAstringChar(c) && c != '+';
}

bool isBase64Text(QByteArrayView text) {
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
        if (!ok)
            return false;
    }
    return true;
}

std::optional<QByteArray> decodeBase64(QByteArrayView text) {
    if (!isBase64Text(text) || text.size() % 4 != 0)
        return std::nullopt;
    auto decoded =
        QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

bool noArguments(ImapScanner &s, Name name) {
    while (s.peek() == ' ')
        s.setPosition(s.position() + 1);
    if (s.atEnd())
        return true;
    return s.fail(commandName(name).toByteArray() + " takes no arguments"_ba);
}

// AUTHENTICATE SP auth-type [SP (base64 / "=")]   (RFC 4959 section 3)
bool authenticate(ImapScanner &s, ImapAuthenticateArguments *out) {
    if (!s.atom(&out->mechanism, "a SASL mechanism"))
        return false;
    if (out->mechanism.size() > maxMechanismOctets)
        return s.fail("SASL mechanism name is too long");
    out->mechanism = out->mechanism.toUpper();
    if (!s.spaceBeforeMore())
        return s.end();
    const QByteArray response = s.atomChars().toByteArray();
    out->hasInitialResponse = true;
    if (response != "=") {
        const std::optional<QByteArray> decoded = decodeBase64(response);
        if (!decoded || response.isEmpty())
            return s.fail("Initial response is not valid base64");
        out->initialResponse = *decoded;
    }
    return s.end();
}

// ENABLE 1*(SP capability)   (RFC 5161 section 3.1)
bool enable(ImapScanner &s, ImapEnableArguments *out) {
    do {
        QByteArray capability;
        if (!s.atom(&capability, "a capability name"))
            return false;
        out->capabilities.append(capability.toUpper());
    } while (s.spaceBeforeMore());
    return s.end();
}

// id = "ID" SP id-params-list; id-params-list = "(" *(string SP nstring) ")"
// / nil. Tolerated: atoms for fields and values, as some clients send.
bool id(ImapScanner &s, ImapIdArguments *out) {
    if (s.peekAtomUpper() == "NIL") {
        s.atomChars();
        return s.end();
    }
    if (!s.expect('(', "\"(\" or NIL"))
        return false;
    out->nil = false;
    if (s.consume(')'))
        return s.end();
    while (true) {
        QByteArray field;
        std::optional<QByteArray> value;
        if (!s.astring(&field) || !s.space())
            return false;
        if (s.peekAtomUpper() == "NIL") {
            s.atomChars();
        } else {
            QByteArray text;
            if (!s.astring(&text))
                return false;
            value = text;
        }
        if (field.size() > maxIdField || (value && value->size() > maxIdValue))
            return s.fail("ID field or value too long (RFC 2971)");
        if (out->fields.size() >= maxIdPairs)
            return s.fail("Too many ID fields (RFC 2971 allows 30)");
        out->fields.append({field, value});
        if (s.consume(')'))
            return s.end();
        if (!s.space())
            return false;
    }
}

bool arguments(ImapScanner &s, ImapCommand &command) {
    const Name name = command.name;
    switch (name) {
    case Name::Unknown:
        return s.fail("Unknown command");
    case Name::Capability:
    case Name::Noop:
    case Name::Logout:
    case Name::StartTls:
    case Name::Namespace:
    case Name::Idle:
    case Name::Check:
    case Name::Close:
    case Name::Unselect:
        return noArguments(s, name);
    case Name::Expunge:
        if (!command.uid)
            return noArguments(s, name);
        break;
    default:
        break;
    }
    if (!s.space())
        return false;

    switch (name) {
    case Name::Authenticate:
        return authenticate(s, &command.arguments.emplace<ImapAuthenticateArguments>());
    case Name::Login: {
        auto &login = command.arguments.emplace<ImapLoginArguments>();
        return s.astring(&login.user) && s.space() && s.astring(&login.password) && s.end();
    }
    case Name::Enable:
        return enable(s, &command.arguments.emplace<ImapEnableArguments>());
    case Name::Id:
        return id(s, &command.arguments.emplace<ImapIdArguments>());
    case Name::Select:
    case Name::Examine:
        return parseSelectArguments(s, &command.arguments.emplace<ImapSelectArguments>());
    case Name::Create:
        return parseCreateArguments(s, &command.arguments.emplace<ImapCreateArguments>());
    case Name::Delete:
    case Name::Subscribe:
    case Name::Unsubscribe:
    case Name::GetQuotaRoot: {
        auto &argument = command.arguments.emplace<ImapMailboxArgument>();
        return s.mailbox(&argument.mailbox) && s.end();
    }
    case Name::Rename: {
        auto &rename = command.arguments.emplace<ImapRenameArguments>();
        return s.mailbox(&rename.from) && s.space() && s.mailbox(&rename.to) && s.end();
    }
    case Name::List:
        return parseListArguments(s, &command.arguments.emplace<ImapListArguments>());
    case Name::Lsub:
        return parseLsubArguments(s, &command.arguments.emplace<ImapListArguments>());
    case Name::Status:
        return parseStatusArguments(s, &command.arguments.emplace<ImapStatusArguments>());
    case Name::Append:
        return parseAppendArguments(s, &command.arguments.emplace<ImapAppendArguments>());
    case Name::Expunge: {
        auto &expunge = command.arguments.emplace<ImapUidExpungeArguments>();
        return s.sequenceSet(&expunge.uids) && s.end();
    }
    case Name::Search:
        return parseSearchArguments(s, &command.arguments.emplace<ImapSearchArguments>());
    case Name::Fetch:
        return parseFetchArguments(s, command.uid,
                                   &command.arguments.emplace<ImapFetchArguments>());
    case Name::Store:
        return parseStoreArguments(s, &command.arguments.emplace<ImapStoreArguments>());
    case Name::Copy:
    case Name::Move: {
        auto &copy = command.arguments.emplace<ImapCopyArguments>();
        return s.sequenceSet(&copy.set) && s.space() && s.mailbox(&copy.mailbox) && s.end();
    }
    case Name::GetQuota: {
        auto &quota = command.arguments.emplace<ImapQuotaRootArgument>();
        return s.astring(&quota.root) && s.end();
    }
    default:
        return s.fail("Unknown command");
    }
}

} // namespace

QByteArrayView commandName(ImapCommandName name) {
    for (const NameEntry &entry : nameTable) {
        if (entry.command == name)
            return entry.name;
    }
    return {};
}

ImapParseResult parseCommand(const ImapRawCommand &raw, const ImapParserOptions &options) {
    ImapParseResult result;
    ImapCommand &command = result.command;
    ImapScanner s(raw, options);

    // tag = 1*<any ASTRING-CHAR except "+">
    qsizetype tagEnd = 0;
    while (tagEnd < raw.text.size() && isTagChar(raw.text[tagEnd]))
        ++tagEnd;
    if (raw.text.isEmpty()) {
        result.error = ImapStatusResponse::bad("Empty command line");
        return result;
    }
    const bool tagEndsWell = tagEnd == raw.text.size() || raw.text[tagEnd] == ' ';
    if (tagEnd == 0 || !tagEndsWell || tagEnd > options.limits.maxTagLength) {
        result.error = ImapStatusResponse::bad("Missing or invalid tag");
        return result;
    }
    command.tag = raw.text.first(tagEnd);
    s.setPosition(tagEnd);
    if (s.atEnd() || !s.space()) {
        result.error = ImapStatusResponse::bad("Missing command");
        return result;
    }

    QByteArray name = s.atomChars().toByteArray().toUpper();
    if (name == "UID") {
        command.uid = true;
        if (!s.space()) {
            result.error = s.error();
            return result;
        }
        name = s.atomChars().toByteArray().toUpper();
        if (name != "COPY" && name != "MOVE" && name != "FETCH" && name != "SEARCH" &&
            name != "STORE" && name != "EXPUNGE") {
            result.error = ImapStatusResponse::bad(
                "UID must be followed by COPY, MOVE, FETCH, SEARCH, STORE or EXPUNGE");
            return result;
        }
    }
    for (const NameEntry &entry : nameTable) {
        if (name == entry.name)
            command.name = entry.command;
    }
    if (name == "SETQUOTA") {
        result.error = ImapStatusResponse::no("Quotas are set by the administrator, not over IMAP",
                                              responsecode::cannot());
        return result;
    }
    if (command.name == Name::Unknown) {
        result.error =
            ImapStatusResponse::bad(name.isEmpty() ? "Missing command"_ba : "Unknown command"_ba);
        return result;
    }
    if (!arguments(s, command)) {
        result.error = s.error();
        if (result.error.isNull()) // every failing path sets one; be safe
            result.error = ImapStatusResponse::bad("Invalid arguments");
        command.arguments = std::monostate();
    }
    return result;
}

ImapParseResult parseCommand(QByteArrayView text, const ImapParserOptions &options) {
    ImapRawCommand raw;
    raw.text = text.toByteArray();
    return parseCommand(raw, options);
}

bool isIdleDone(const ImapRawCommand &raw) {
    return raw.text.compare("DONE", Qt::CaseInsensitive) == 0;
}

ImapSaslResponse parseSaslResponse(const ImapRawCommand &raw) {
    ImapSaslResponse response;
    if (raw.text == "*") {
        response.kind = ImapSaslResponse::Kind::Cancel;
        return response;
    }
    const std::optional<QByteArray> decoded = decodeBase64(raw.text);
    if (decoded) {
        response.kind = ImapSaslResponse::Kind::Data;
        response.data = *decoded;
    }
    return response;
}

} // namespace mailstead::imap
