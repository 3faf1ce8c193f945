// MobileconfigPlist.cpp - see MobileconfigPlist.h
//
// Keys of Apple's Configuration Profile reference: the top-level
// PayloadContent, PayloadDisplayName, PayloadIdentifier, PayloadType
// "Configuration", PayloadUUID, PayloadVersion 1; the Mail payload
// (PayloadType com.apple.mail.managed) with EmailAccountType "EmailTypeIMAP",
// Incoming/OutgoingMailServer{HostName, PortNumber, UseSSL, Username,
// Authentication "EmailAuthPassword"} and
// OutgoingPasswordSameAsIncomingPassword.
//
// SECURITY: output only; QXmlStreamWriter escapes every value.
#include "MobileconfigPlist.h"

#include <QStringList>
#include <QUuid>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace mailstead::http {

namespace {

// The namespace of Mailstead's name-based profile UUIDs (a fixed random
// UUID: changing it would make every device install a second account).
const QUuid profileUuidNamespace(u"6b4f5c2e-8d1a-4b6e-9f3a-2c7d5e1b0a94"_s);

class PlistWriter {
public:
    explicit PlistWriter(QByteArray *out)
        : m_xml(out) {
        m_xml.setAutoFormatting(true);
        m_xml.setAutoFormattingIndent(2);
        m_xml.writeStartDocument();
        m_xml.writeDTD(u"<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                       "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">"_s);
        m_xml.writeStartElement(u"plist"_s);
        m_xml.writeAttribute(u"version"_s, u"1.0"_s);
    }
    void finish() {
        m_xml.writeEndElement(); // plist
        m_xml.writeEndDocument();
    }
    void beginDict() { m_xml.writeStartElement(u"dict"_s); }
    void beginDict(const QString &key) {
        writeKey(key);
        beginDict();
    }
    void endDict() { m_xml.writeEndElement(); }
    void beginArray(const QString &key) {
        writeKey(key);
        m_xml.writeStartElement(u"array"_s);
    }
    void endArray() { m_xml.writeEndElement(); }
    void string(const QString &key, const QString &value) {
        writeKey(key);
        m_xml.writeTextElement(u"string"_s, value);
    }
    void integer(const QString &key, qint64 value) {
        writeKey(key);
        m_xml.writeTextElement(u"integer"_s, QString::number(value));
    }
    void boolean(const QString &key, bool value) {
        writeKey(key);
        m_xml.writeEmptyElement(value ? u"true"_s : u"false"_s);
    }

private:
    void writeKey(const QString &key) { m_xml.writeTextElement(u"key"_s, key); }

    QXmlStreamWriter m_xml;
};

// "mail.example.test" -> "test.example.mail"
QString reversedName(const QString &hostname) {
    QStringList labels = hostname.split(u'.', Qt::SkipEmptyParts);
    std::reverse(labels.begin(), labels.end());
    return labels.join(u'.');
}

QString profileUuid(const QString &what, const QString &address, const QString &hostname) {
    return QUuid::createUuidV5(profileUuidNamespace, what + u'\n' + address + u'\n' + hostname)
        .toString(QUuid::WithoutBraces)
        .toUpper();
}

} // namespace

QByteArray mobileconfigPlist(const MailClientSettings &settings, const QString &address,
                             const QString &displayDomain) {
    const QString identifier = reversedName(settings.hostname) + u".mailstead."_s + address;
    const bool incomingTls = settings.imapsPort != 0;
    const bool outgoingTls = settings.submissionsPort != 0;

    QByteArray out;
    PlistWriter plist(&out);
    plist.beginDict();
    plist.beginArray(u"PayloadContent"_s);
    plist.beginDict();
    plist.string(u"EmailAccountDescription"_s, address);
    plist.string(u"EmailAccountType"_s, u"EmailTypeIMAP"_s);
    plist.string(u"EmailAddress"_s, address);
    plist.string(u"IncomingMailServerAuthentication"_s, u"EmailAuthPassword"_s);
    plist.string(u"IncomingMailServerHostName"_s, settings.hostname);
    plist.integer(u"IncomingMailServerPortNumber"_s,
                  incomingTls ? settings.imapsPort : settings.imapPort);
    plist.boolean(u"IncomingMailServerUseSSL"_s, true);
    plist.string(u"IncomingMailServerUsername"_s, address);
    plist.string(u"OutgoingMailServerAuthentication"_s, u"EmailAuthPassword"_s);
    plist.string(u"OutgoingMailServerHostName"_s, settings.hostname);
    plist.integer(u"OutgoingMailServerPortNumber"_s,
                  outgoingTls ? settings.submissionsPort : settings.submissionPort);
    plist.boolean(u"OutgoingMailServerUseSSL"_s, true);
    plist.string(u"OutgoingMailServerUsername"_s, address);
    plist.boolean(u"OutgoingPasswordSameAsIncomingPassword"_s, true);
    plist.string(u"PayloadDescription"_s, u"Mail account "_s + address);
    plist.string(u"PayloadDisplayName"_s, address);
    plist.string(u"PayloadIdentifier"_s, identifier + u".email"_s);
    plist.string(u"PayloadType"_s, u"com.apple.mail.managed"_s);
    plist.string(u"PayloadUUID"_s, profileUuid(u"email"_s, address, settings.hostname));
    plist.integer(u"PayloadVersion"_s, 1);
    plist.endDict();
    plist.endArray();
    plist.string(u"PayloadDescription"_s,
                 u"Sets up the mail account "_s + address + u" on "_s + settings.hostname);
    plist.string(u"PayloadDisplayName"_s, u"Mail: "_s + address);
    plist.string(u"PayloadIdentifier"_s, identifier);
    plist.string(u"PayloadOrganization"_s, displayDomain);
    plist.boolean(u"PayloadRemovalDisallowed"_s, false);
    plist.string(u"PayloadType"_s, u"Configuration"_s);
    plist.string(u"PayloadUUID"_s, profileUuid(u"profile"_s, address, settings.hostname));
    plist.integer(u"PayloadVersion"_s, 1);
    plist.endDict();
    plist.finish();
    return out;
}

} // namespace mailstead::http
