// tst_autoconfigxml.cpp - the Thunderbird autoconfig document, read back
// with QXmlStreamReader field by field
//
// Covers daemon/http/AutoconfigXml: provider id, domain and names, every
// announced server in order with hostname, port, socketType (SSL for
// implicit TLS, STARTTLS otherwise), authentication and %EMAILADDRESS%,
// services that are not offered left out, and escaping.

#include "http/AutoconfigXml.h"

#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace mailstead::http;

namespace {

struct Server {
    QString element;
    QString type;
    QString hostname;
    QString port;
    QString socketType;
    QString authentication;
    QString username;
    bool operator==(const Server &) const = default;
};

struct Document {
    QString version;
    QString providerId;
    QString domain;
    QString displayName;
    QString displayShortName;
    QList<Server> servers;
    QString error;
};

Document read(const QByteArray &xml) {
    Document doc;
    QXmlStreamReader reader(xml);
    Server *server = nullptr;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QString name = reader.name().toString();
        if (name == u"clientConfig"_s) {
            doc.version = reader.attributes().value(u"version"_s).toString();
        } else if (name == u"emailProvider"_s) {
            doc.providerId = reader.attributes().value(u"id"_s).toString();
        } else if (name == u"incomingServer"_s || name == u"outgoingServer"_s) {
            doc.servers.append({name, reader.attributes().value(u"type"_s).toString()});
            server = &doc.servers.last();
        } else if (server && name == u"hostname"_s) {
            server->hostname = reader.readElementText();
        } else if (server && name == u"port"_s) {
            server->port = reader.readElementText();
        } else if (server && name == u"socketType"_s) {
            server->socketType = reader.readElementText();
        } else if (server && name == u"authentication"_s) {
            server->authentication = reader.readElementText();
        } else if (server && name == u"username"_s) {
            server->username = reader.readElementText();
        } else if (name == u"domain"_s) {
            doc.domain = reader.readElementText();
        } else if (name == u"displayName"_s) {
            doc.displayName = reader.readElementText();
        } else if (name == u"displayShortName"_s) {
            doc.displayShortName = reader.readElementText();
        }
    }
    if (reader.hasError())
        doc.error = reader.errorString();
    return doc;
}

Server server(const QString &element, const QString &type, const QString &port,
              const QString &socketType) {
    return {element,
            type,
            u"mail.example.test"_s,
            port,
            socketType,
            u"password-cleartext"_s,
            u"%EMAILADDRESS%"_s};
}

MailClientSettings allServices() {
    MailClientSettings settings;
    settings.hostname = u"mail.example.test"_s;
    settings.imapsPort = 993;
    settings.imapPort = 143;
    settings.pop3sPort = 995;
    settings.submissionsPort = 465;
    settings.submissionPort = 587;
    return settings;
}

} // namespace

class TestAutoconfigXml : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyServiceInOrder();
    void servicesWithoutListenerAreLeftOut();
    void valuesAreEscaped();
};

void TestAutoconfigXml::everyServiceInOrder() {
    const QByteArray xml = autoconfigXml(allServices(), u"example.test"_s, u"example.test"_s);
    QVERIFY(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    const Document doc = read(xml);
    QVERIFY2(doc.error.isEmpty(), qPrintable(doc.error));
    QCOMPARE(doc.version, u"1.1"_s);
    QCOMPARE(doc.providerId, u"example.test"_s);
    QCOMPARE(doc.domain, u"example.test"_s);
    QCOMPARE(doc.displayName, u"example.test"_s);
    QCOMPARE(doc.displayShortName, u"example.test"_s);
    const QList<Server> expected = {
        server(u"incomingServer"_s, u"imap"_s, u"993"_s, u"SSL"_s),
        server(u"incomingServer"_s, u"imap"_s, u"143"_s, u"STARTTLS"_s),
        server(u"incomingServer"_s, u"pop3"_s, u"995"_s, u"SSL"_s),
        server(u"outgoingServer"_s, u"smtp"_s, u"465"_s, u"SSL"_s),
        server(u"outgoingServer"_s, u"smtp"_s, u"587"_s, u"STARTTLS"_s),
    };
    QCOMPARE(doc.servers.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QVERIFY2(doc.servers.at(i) == expected.at(i), qPrintable(u"server %1"_s.arg(i)));
}

void TestAutoconfigXml::servicesWithoutListenerAreLeftOut() {
    MailClientSettings settings = allServices();
    settings.imapsPort = 0;
    settings.pop3sPort = 0;
    settings.submissionsPort = 0;
    settings.submissionPort = 10587;
    const Document doc = read(autoconfigXml(settings, u"example.test"_s, u"example.test"_s));
    QCOMPARE(doc.servers.size(), 2);
    QVERIFY(doc.servers.at(0) == server(u"incomingServer"_s, u"imap"_s, u"143"_s, u"STARTTLS"_s));
    QVERIFY(doc.servers.at(1) == server(u"outgoingServer"_s, u"smtp"_s, u"10587"_s, u"STARTTLS"_s));
}

void TestAutoconfigXml::valuesAreEscaped() {
    const Document doc =
        read(autoconfigXml(allServices(), u"xn--bcher-kva.example"_s, u"bücher<&>\".example"_s));
    QVERIFY2(doc.error.isEmpty(), qPrintable(doc.error));
    QCOMPARE(doc.providerId, u"xn--bcher-kva.example"_s);
    QCOMPARE(doc.displayName, u"bücher<&>\".example"_s);
}

QTEST_APPLESS_MAIN(TestAutoconfigXml)
#include "tst_autoconfigxml.moc"
