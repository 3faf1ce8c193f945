// AutodiscoverXml.cpp - see AutodiscoverXml.h
//
// Element names as documented for the POX Autodiscover service (Exchange
// 2007 and later): Autodiscover, Request, EMailAddress,
// AcceptableResponseSchema, Response, Account, AccountType, Action,
// Protocol (Type, Server, Port, DomainRequired, LoginName, SPA, SSL,
// AuthRequired, UsePOPAuth, SMTPLast), Error (ErrorCode, Message,
// DebugData).
//
// SECURITY: QXmlStreamReader over a bounded buffer; DTDs refused.
#include "AutodiscoverXml.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace mailstead::http {

namespace {

const QString responseNamespace =
    u"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"_s;

// Anything longer is not an address (RFC 5321 section 4.5.3.1).
constexpr qsizetype maxAddressLength = 320;

struct ProtocolEntry {
    QString type;
    quint16 port = 0;
    bool startTls = false;
};

void writeProtocol(QXmlStreamWriter &xml, const MailClientSettings &settings,
                   const ProtocolEntry &entry, const QString &address) {
    xml.writeStartElement(u"Protocol"_s);
    xml.writeTextElement(u"Type"_s, entry.type);
    xml.writeTextElement(u"Server"_s, settings.hostname);
    xml.writeTextElement(u"Port"_s, QString::number(entry.port));
    xml.writeTextElement(u"DomainRequired"_s, u"off"_s);
    xml.writeTextElement(u"LoginName"_s, address);
    xml.writeTextElement(u"SPA"_s, u"off"_s);
    xml.writeTextElement(u"SSL"_s, u"on"_s);
    if (entry.startTls)
        xml.writeTextElement(u"Encryption"_s, u"TLS"_s);
    xml.writeTextElement(u"AuthRequired"_s, u"on"_s);
    if (entry.type == u"SMTP"_s) {
        xml.writeTextElement(u"UsePOPAuth"_s, u"on"_s);
        xml.writeTextElement(u"SMTPLast"_s, u"off"_s);
    }
    xml.writeEndElement();
}

void startDocument(QXmlStreamWriter &xml) {
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeDefaultNamespace(responseNamespace);
    xml.writeStartElement(responseNamespace, u"Autodiscover"_s);
}

} // namespace

AutodiscoverRequest parseAutodiscoverRequest(QByteArrayView body) {
    AutodiscoverRequest request;
    QXmlStreamReader xml(body.toByteArray());
    QStringList path; // element names from the root down to the current one
    bool sawAddress = false;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::DTD:
            request.error = u"document type declarations are not accepted"_s;
            return request;
        case QXmlStreamReader::StartElement:
            path << xml.name().toString();
            if (path == QStringList{u"Autodiscover"_s, u"Request"_s, u"EMailAddress"_s}) {
                if (sawAddress) {
                    request.error = u"more than one EMailAddress"_s;
                    return request;
                }
                sawAddress = true;
                request.emailAddress = xml.readElementText().trimmed();
                path.removeLast();
            } else if (path == QStringList{u"Autodiscover"_s, u"Request"_s,
                                           u"AcceptableResponseSchema"_s}) {
                request.acceptableResponseSchema = xml.readElementText().trimmed();
                path.removeLast();
            } else if (path.size() == 1 && path.first() != u"Autodiscover"_s) {
                request.error = u"the root element is not Autodiscover"_s;
                return request;
            }
            break;
        case QXmlStreamReader::EndElement:
            if (!path.isEmpty())
                path.removeLast();
            break;
        default:
            break;
        }
    }
    if (xml.hasError()) {
        request.error = u"malformed XML: "_s + xml.errorString();
        return request;
    }
    if (request.emailAddress.isEmpty()) {
        request.error = u"no EMailAddress in the request"_s;
        return request;
    }
    if (request.emailAddress.size() > maxAddressLength) {
        request.error = u"EMailAddress is too long"_s;
        return request;
    }
    request.ok = true;
    return request;
}

QByteArray autodiscoverResponseXml(const MailClientSettings &settings, const QString &address) {
    QByteArray out;
    QXmlStreamWriter xml(&out);
    startDocument(xml);
    xml.writeStartElement(u"Response"_s);
    // A declaration after the start tag belongs to that element.
    xml.writeDefaultNamespace(outlookResponseSchema.toString());
    xml.writeStartElement(u"Account"_s);
    xml.writeTextElement(u"AccountType"_s, u"email"_s);
    xml.writeTextElement(u"Action"_s, u"settings"_s);
    if (settings.imapsPort)
        writeProtocol(xml, settings, {u"IMAP"_s, settings.imapsPort, false}, address);
    else if (settings.imapPort)
        writeProtocol(xml, settings, {u"IMAP"_s, settings.imapPort, true}, address);
    if (settings.submissionsPort)
        writeProtocol(xml, settings, {u"SMTP"_s, settings.submissionsPort, false}, address);
    else if (settings.submissionPort)
        writeProtocol(xml, settings, {u"SMTP"_s, settings.submissionPort, true}, address);
    xml.writeEndElement(); // Account
    xml.writeEndElement(); // Response
    xml.writeEndElement(); // Autodiscover
    xml.writeEndDocument();
    return out;
}

QByteArray autodiscoverErrorXml(int errorCode, const QString &message) {
    QByteArray out;
    QXmlStreamWriter xml(&out);
    startDocument(xml);
    xml.writeStartElement(u"Response"_s);
    xml.writeStartElement(u"Error"_s);
    xml.writeTextElement(u"ErrorCode"_s, QString::number(errorCode));
    xml.writeTextElement(u"Message"_s, message);
    xml.writeEmptyElement(u"DebugData"_s);
    xml.writeEndElement(); // Error
    xml.writeEndElement(); // Response
    xml.writeEndElement(); // Autodiscover
    xml.writeEndDocument();
    return out;
}

} // namespace mailstead::http
