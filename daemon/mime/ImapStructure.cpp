// ImapStructure.cpp - IMAP ENVELOPE and BODYSTRUCTURE writer
//
// RFC 9051 sections 7.5.2 and 9, RFC 3501 sections 7.4.2 and 9.
//
// SECURITY: untrusted values, all written through ImapString.

#include "ImapStructure.h"

#include "ImapString.h"

namespace mailstead::mime {

namespace {

class StructureWriter {
public:
    StructureWriter(const MimeMessage &message, const ImapStructureOptions &options,
                    bool extensible)
        : m_message(message)
        , m_options(options)
        , m_extensible(extensible) {}

    void part(QByteArray &out, int index) const;

private:
    void multipart(QByteArray &out, const MimePart &part) const;
    void single(QByteArray &out, const MimePart &part) const;
    void emptyPart(QByteArray &out) const;
    void string(QByteArray &out, QByteArrayView value) const {
        appendImapString(out, value, m_options.utf8);
    }
    void nstring(QByteArray &out, const QByteArray &value) const {
        if (value.isEmpty())
            out += "NIL";
        else
            string(out, value);
    }
    void parameters(QByteArray &out, const QList<MimeParameter> &list, bool defaultCharset) const;
    void disposition(QByteArray &out, const MimePart &part) const;
    void languages(QByteArray &out, const MimePart &part) const;

    const MimeMessage &m_message;
    const ImapStructureOptions &m_options;
    bool m_extensible;
};

void StructureWriter::parameters(QByteArray &out, const QList<MimeParameter> &list,
                                 bool defaultCharset) const {
    QByteArray items;
    bool charset = false;
    for (const MimeParameter &parameter : list) {
        if (!items.isEmpty())
            items += ' ';
        if (!parameter.extended) {
            string(items, parameter.name);
            items += ' ';
            string(items, parameter.value);
        } else {
            string(items, QByteArray(parameter.name + '*'));
            items += ' ';
            if (m_options.utf8 && !parameter.unknownCharset)
                string(items, parameter.text.toUtf8());
            else
                string(items, QByteArray(parameter.charset + '\'' + parameter.language + '\'' +
                                         percentEncode(parameter.value)));
        }
        charset = charset || parameter.name.compare("charset", Qt::CaseInsensitive) == 0;
    }
    if (defaultCharset && !charset) { // RFC 2046 section 4.1.2
        if (!items.isEmpty())
            items += ' ';
        items += "\"charset\" \"us-ascii\"";
    }
    if (items.isEmpty())
        out += "NIL";
    else {
        out += '(';
        out += items;
        out += ')';
    }
}

void StructureWriter::disposition(QByteArray &out, const MimePart &part) const {
    if (!part.disposition) {
        out += "NIL";
        return;
    }
    out += '(';
    string(out, part.disposition->type);
    out += ' ';
    parameters(out, part.disposition->parameters, false);
    out += ')';
}

void StructureWriter::languages(QByteArray &out, const MimePart &part) const {
    if (part.languages.isEmpty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (qsizetype i = 0; i < part.languages.size(); ++i) {
        if (i > 0)
            out += ' ';
        string(out, part.languages.at(i));
    }
    out += ')';
}

void StructureWriter::emptyPart(QByteArray &out) const {
    out += "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0";
    if (m_extensible)
        out += " NIL NIL NIL NIL";
    out += ')';
}

void StructureWriter::multipart(QByteArray &out, const MimePart &part) const {
    if (part.children.isEmpty())
        emptyPart(out);
    for (const int child : part.children)
        this->part(out, child);
    out += ' ';
    string(out, part.contentType.subtype);
    if (m_extensible) {
        out += ' ';
        parameters(out, part.contentType.parameters, false);
        out += ' ';
        disposition(out, part);
        out += ' ';
        languages(out, part);
        out += ' ';
        nstring(out, part.location);
    }
}

void StructureWriter::single(QByteArray &out, const MimePart &part) const {
    const ContentType &type = part.contentType;
    // A multipart or message a limit kept opaque cannot be described as one.
    const bool opaque =
        part.kind == MimePart::Kind::Leaf &&
        (type.is("multipart") || type.is("message", "rfc822") || type.is("message", "global"));
    const bool message = part.kind == MimePart::Kind::Message &&
                         (type.is("message", "rfc822") || m_options.messageGlobal);
    const bool text = !opaque && type.is("text");
    if (opaque) {
        out += "\"application\" \"octet-stream\" NIL";
    } else {
        string(out, type.type);
        out += ' ';
        string(out, type.subtype);
        out += ' ';
        parameters(out, type.parameters, text);
    }
    out += ' ';
    nstring(out, part.contentId);
    out += ' ';
    nstring(out, part.description);
    out += ' ';
    string(out, part.transferEncoding.isEmpty() ? QByteArray("7bit") : part.transferEncoding);
    out += ' ';
    out += QByteArray::number(part.body.crlfSize());
    if (message) {
        const MimePart &encapsulated = m_message.parts.at(part.children.front());
        out += ' ';
        out += imapEnvelope(encapsulated.envelope.value_or(Envelope()), m_options);
        out += ' ';
        this->part(out, part.children.front());
        out += ' ';
        out += QByteArray::number(part.body.lines);
    } else if (text) {
        out += ' ';
        out += QByteArray::number(part.body.lines);
    }
    if (m_extensible) {
        out += ' ';
        nstring(out, part.md5);
        out += ' ';
        disposition(out, part);
        out += ' ';
        languages(out, part);
        out += ' ';
        nstring(out, part.location);
    }
}

void StructureWriter::part(QByteArray &out, int index) const {
    const MimePart &part = m_message.parts.at(index);
    out += '(';
    if (part.kind == MimePart::Kind::Multipart)
        multipart(out, part);
    else
        single(out, part);
    out += ')';
}

void appendAddresses(QByteArray &out, const QList<MailAddress> &addresses, bool utf8) {
    if (addresses.isEmpty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (const MailAddress &address : addresses) {
        switch (address.kind) {
        case MailAddress::Kind::GroupStart: // RFC 9051: host NIL, mailbox the group name
            out += "(NIL NIL ";
            appendImapString(out, address.mailbox, utf8);
            out += " NIL)";
            break;
        case MailAddress::Kind::GroupEnd:
            out += "(NIL NIL NIL NIL)";
            break;
        case MailAddress::Kind::Mailbox:
            out += '(';
            appendImapNString(out, address.name.isEmpty() ? QByteArray() : address.name, utf8);
            out += ' ';
            appendImapNString(out, address.route.isEmpty() ? QByteArray() : address.route, utf8);
            out += ' ';
            appendImapString(out, address.mailbox.isEmpty() ? "MISSING_MAILBOX" : address.mailbox,
                             utf8);
            out += ' ';
            appendImapString(out, address.host.isEmpty() ? "MISSING_DOMAIN" : address.host, utf8);
            out += ')';
            break;
        }
    }
    out += ')';
}

void appendOptional(QByteArray &out, const std::optional<QByteArray> &value, bool utf8) {
    if (value)
        appendImapString(out, *value, utf8);
    else
        out += "NIL";
}

} // namespace

QByteArray imapEnvelope(const Envelope &envelope, const ImapStructureOptions &options) {
    const bool utf8 = options.utf8;
    QByteArray out = "(";
    appendOptional(out, envelope.date, utf8);
    out += ' ';
    appendOptional(out, envelope.subject, utf8);
    for (const QList<MailAddress> *list : {&envelope.from, &envelope.sender, &envelope.replyTo,
                                           &envelope.to, &envelope.cc, &envelope.bcc}) {
        out += ' ';
        appendAddresses(out, *list, utf8);
    }
    out += ' ';
    appendOptional(out, envelope.inReplyTo, utf8);
    out += ' ';
    appendOptional(out, envelope.messageId, utf8);
    out += ')';
    return out;
}

QByteArray imapBodyStructure(const MimeMessage &message, int part,
                             const ImapStructureOptions &options) {
    QByteArray out;
    if (part >= 0 && part < message.parts.size())
        StructureWriter(message, options, true).part(out, part);
    return out;
}

QByteArray imapBody(const MimeMessage &message, int part, const ImapStructureOptions &options) {
    QByteArray out;
    if (part >= 0 && part < message.parts.size())
        StructureWriter(message, options, false).part(out, part);
    return out;
}

} // namespace mailstead::mime
