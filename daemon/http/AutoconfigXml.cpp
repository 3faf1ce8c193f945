// AutoconfigXml.cpp - see AutoconfigXml.h
//
// Element names and values (socketType "SSL" / "STARTTLS", authentication
// "password-cleartext", the %EMAILADDRESS% variable) are those of the
// clientConfig 1.1 format Thunderbird reads.
//
// SECURITY: output only; QXmlStreamWriter escapes every value.
#include "AutoconfigXml.h"

#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace mailstead::http {

namespace {

void writeServer(QXmlStreamWriter &xml, const QString &element, const QString &type,
                 const QString &hostname, quint16 port, const QString &socketType) {
    if (port == 0)
        return;
    xml.writeStartElement(element);
    xml.writeAttribute(u"type"_s, type);
    xml.writeTextElement(u"hostname"_s, hostname);
    xml.writeTextElement(u"port"_s, QString::number(port));
    xml.writeTextElement(u"socketType"_s, socketType);
    xml.writeTextElement(u"authentication"_s, u"password-cleartext"_s);
    xml.writeTextElement(u"username"_s, u"%EMAILADDRESS%"_s);
    xml.writeEndElement();
}

} // namespace

QByteArray autoconfigXml(const MailClientSettings &settings, const QString &domain,
                         const QString &displayName) {
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeStartDocument();
    xml.writeStartElement(u"clientConfig"_s);
    xml.writeAttribute(u"version"_s, u"1.1"_s);
    xml.writeStartElement(u"emailProvider"_s);
    xml.writeAttribute(u"id"_s, domain);
    xml.writeTextElement(u"domain"_s, domain);
    xml.writeTextElement(u"displayName"_s, displayName);
    xml.writeTextElement(u"displayShortName"_s, displayName);
    const QString &host = settings.hostname;
    writeServer(xml, u"incomingServer"_s, u"imap"_s, host, settings.imapsPort, u"SSL"_s);
    writeServer(xml, u"incomingServer"_s, u"imap"_s, host, settings.imapPort, u"STARTTLS"_s);
    writeServer(xml, u"incomingServer"_s, u"pop3"_s, host, settings.pop3sPort, u"SSL"_s);
    writeServer(xml, u"outgoingServer"_s, u"smtp"_s, host, settings.submissionsPort, u"SSL"_s);
    writeServer(xml, u"outgoingServer"_s, u"smtp"_s, host, settings.submissionPort, u"STARTTLS"_s);
    xml.writeEndElement(); // emailProvider
    xml.writeEndElement(); // clientConfig
    xml.writeEndDocument();
    return out;
}

} // namespace mailstead::http
