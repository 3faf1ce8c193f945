// tst_autodiscoverxml.cpp - Outlook POX autodiscover: requests parsed, and
// responses read back with QXmlStreamReader field by field
//
// Covers daemon/http/AutodiscoverXml: the request Outlook sends, requests
// without namespace, missing or repeated EMailAddress, wrong root,
// malformed XML, DTDs (entity expansion) refused; the response's
// namespaces, Account, and each Protocol's fields for implicit TLS and for
// STARTTLS; the POX error document.

#include "http/AutodiscoverXml.h"

#include <QHash>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace mailstead::http;

namespace {

const QString requestNs =
    u"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"_s;
const QString responseNs =
    u"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"_s;

QByteArray outlookRequest(const QString &address) {
    return (u"<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
            "<Autodiscover xmlns=\""_s +
            requestNs + u"\">\r\n  <Request>\r\n    <EMailAddress>"_s + address +
            u"</EMailAddress>\r\n    <AcceptableResponseSchema>"_s +
            outlookResponseSchema.toString() +
            u"</AcceptableResponseSchema>\r\n  </Request>\r\n</Autodiscover>\r\n"_s)
        .toUtf8();
}

struct Response {
    QString rootNamespace;
    QString responseNamespace;
    QString accountType;
    QString action;
    QList<QHash<QString, QString>> protocols;
    QString errorCode;
    QString errorMessage;
    QString error;
};

Response read(const QByteArray &xml) {
    Response r;
    QXmlStreamReader reader(xml);
    QHash<QString, QString> *protocol = nullptr;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::EndElement && reader.name() == u"Protocol"_s)
            protocol = nullptr;
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QString name = reader.name().toString();
        if (name == u"Autodiscover"_s)
            r.rootNamespace = reader.namespaceUri().toString();
        else if (name == u"Response"_s)
            r.responseNamespace = reader.namespaceUri().toString();
        else if (name == u"Protocol"_s)
            protocol = &r.protocols.emplace_back();
        else if (protocol)
            protocol->insert(name, reader.readElementText());
        else if (name == u"AccountType"_s)
            r.accountType = reader.readElementText();
        else if (name == u"Action"_s)
            r.action = reader.readElementText();
        else if (name == u"ErrorCode"_s)
            r.errorCode = reader.readElementText();
        else if (name == u"Message"_s)
            r.errorMessage = reader.readElementText();
    }
    if (reader.hasError())
        r.error = reader.errorString();
    return r;
}

MailClientSettings settingsWith(quint16 imaps, quint16 imap, quint16 submissions,
                                quint16 submission) {
    MailClientSettings settings;
    settings.hostname = u"mail.example.test"_s;
    settings.imapsPort = imaps;
    settings.imapPort = imap;
    settings.pop3sPort = 995;
    settings.submissionsPort = submissions;
    settings.submissionPort = submission;
    return settings;
}

} // namespace

class TestAutodiscoverXml : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void outlookRequestIsParsed();
    void requestWithoutNamespace();
    void badRequests_data();
    void badRequests();
    void responseWithImplicitTls();
    void responseWithStartTls();
    void errorDocument();
};

void TestAutodiscoverXml::outlookRequestIsParsed() {
    const AutodiscoverRequest request =
        parseAutodiscoverRequest(outlookRequest(u"alice@example.test"_s));
    QVERIFY2(request.ok, qPrintable(request.error));
    QCOMPARE(request.emailAddress, u"alice@example.test"_s);
    QCOMPARE(request.acceptableResponseSchema, outlookResponseSchema.toString());
}

void TestAutodiscoverXml::requestWithoutNamespace() {
    const AutodiscoverRequest request = parseAutodiscoverRequest(
        "<Autodiscover><Request><EMailAddress> bob@example.test </EMailAddress>"
        "</Request></Autodiscover>");
    QVERIFY2(request.ok, qPrintable(request.error));
    QCOMPARE(request.emailAddress, u"bob@example.test"_s);
    QVERIFY(request.acceptableResponseSchema.isEmpty());
}

void TestAutodiscoverXml::badRequests_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not xml") << QByteArray("alice@example.test");
    QTest::newRow("unclosed") << QByteArray("<Autodiscover><Request><EMailAddress>a@b.example");
    QTest::newRow("no address") << QByteArray("<Autodiscover><Request/></Autodiscover>");
    QTest::newRow("empty address")
        << QByteArray("<Autodiscover><Request><EMailAddress/></Request></Autodiscover>");
    QTest::newRow("address outside Request")
        << QByteArray("<Autodiscover><EMailAddress>a@b.example</EMailAddress></Autodiscover>");
    QTest::newRow("two addresses")
        << QByteArray("<Autodiscover><Request><EMailAddress>a@b.example</EMailAddress>"
                      "<EMailAddress>c@d.example</EMailAddress></Request></Autodiscover>");
    QTest::newRow("wrong root") << QByteArray(
        "<Other><Request><EMailAddress>a@b.example</EMailAddress></Request></Other>");
    QTest::newRow("entity expansion")
        << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"aaaaaaaaaa\">"
                      "<!ENTITY y \"&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;\">]>"
                      "<Autodiscover><Request><EMailAddress>&y;</EMailAddress></Request>"
                      "</Autodiscover>");
    QTest::newRow("address too long")
        << QByteArray("<Autodiscover><Request><EMailAddress>" + QByteArray(400, 'a') +
                      "@b.example</EMailAddress></Request></Autodiscover>");
}

void TestAutodiscoverXml::badRequests() {
    QFETCH(QByteArray, body);
    const AutodiscoverRequest request = parseAutodiscoverRequest(body);
    QVERIFY(!request.ok);
    QVERIFY(!request.error.isEmpty());
}

void TestAutodiscoverXml::responseWithImplicitTls() {
    const Response r =
        read(autodiscoverResponseXml(settingsWith(993, 143, 465, 587), u"alice@example.test"_s));
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.rootNamespace, responseNs);
    QCOMPARE(r.responseNamespace, outlookResponseSchema.toString());
    QCOMPARE(r.accountType, u"email"_s);
    QCOMPARE(r.action, u"settings"_s);
    QCOMPARE(r.protocols.size(), 2);
    const QHash<QString, QString> imap = r.protocols.at(0);
    QCOMPARE(imap.value(u"Type"_s), u"IMAP"_s);
    QCOMPARE(imap.value(u"Server"_s), u"mail.example.test"_s);
    QCOMPARE(imap.value(u"Port"_s), u"993"_s);
    QCOMPARE(imap.value(u"LoginName"_s), u"alice@example.test"_s);
    QCOMPARE(imap.value(u"DomainRequired"_s), u"off"_s);
    QCOMPARE(imap.value(u"SPA"_s), u"off"_s);
    QCOMPARE(imap.value(u"SSL"_s), u"on"_s);
    QCOMPARE(imap.value(u"AuthRequired"_s), u"on"_s);
    QVERIFY(!imap.contains(u"Encryption"_s));
    const QHash<QString, QString> smtp = r.protocols.at(1);
    QCOMPARE(smtp.value(u"Type"_s), u"SMTP"_s);
    QCOMPARE(smtp.value(u"Port"_s), u"465"_s);
    QCOMPARE(smtp.value(u"SSL"_s), u"on"_s);
    QCOMPARE(smtp.value(u"LoginName"_s), u"alice@example.test"_s);
    QCOMPARE(smtp.value(u"UsePOPAuth"_s), u"on"_s);
    QCOMPARE(smtp.value(u"SMTPLast"_s), u"off"_s);
}

void TestAutodiscoverXml::responseWithStartTls() {
    const Response r =
        read(autodiscoverResponseXml(settingsWith(0, 10143, 0, 10587), u"bob@example.test"_s));
    QCOMPARE(r.protocols.size(), 2);
    QCOMPARE(r.protocols.at(0).value(u"Type"_s), u"IMAP"_s);
    QCOMPARE(r.protocols.at(0).value(u"Port"_s), u"10143"_s);
    QCOMPARE(r.protocols.at(0).value(u"Encryption"_s), u"TLS"_s);
    QCOMPARE(r.protocols.at(1).value(u"Type"_s), u"SMTP"_s);
    QCOMPARE(r.protocols.at(1).value(u"Port"_s), u"10587"_s);
    QCOMPARE(r.protocols.at(1).value(u"Encryption"_s), u"TLS"_s);
}

void TestAutodiscoverXml::errorDocument() {
    const Response r = read(autodiscoverErrorXml(600, u"Invalid Request"_s));
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.rootNamespace, responseNs);
    QCOMPARE(r.responseNamespace, responseNs);
    QCOMPARE(r.errorCode, u"600"_s);
    QCOMPARE(r.errorMessage, u"Invalid Request"_s);
    QVERIFY(r.protocols.isEmpty());
}

QTEST_APPLESS_MAIN(TestAutodiscoverXml)
#include "tst_autodiscoverxml.moc"
