// tst_httpendpoints.cpp - which URL, method and Host get which answer
//
// Covers daemon/http/HttpEndpoints: every route with its methods (405 with
// Allow, 501 for unknown methods, HEAD like GET), 404 for unknown paths and
// for domains that are not ours, 400 for malformed addresses, the domain
// taken from the address or the Host, ACME tokens from the challenge table
// (tls/AcmeChallengeTable), MTA-STS by Host with the configured mode, and
// the Host header normalization.

#include "http/AutodiscoverXml.h"
#include "http/HttpEndpoints.h"
#include "tls/AcmeChallengeTable.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::http;
using Method = QHttpServerRequest::Method;

namespace {

HttpSettings testSettings() {
    HttpSettings settings;
    settings.client.hostname = u"mail.example.test"_s;
    settings.client.imapsPort = 993;
    settings.client.imapPort = 143;
    settings.client.submissionsPort = 465;
    settings.client.submissionPort = 587;
    settings.mailDomains = {u"example.test"_s, u"xn--bcher-kva.example"_s};
    settings.mtaStsDomains = {u"example.test"_s, u"xn--bcher-kva.example"_s, u"alias.test"_s};
    settings.mtaStsMode = mailstead::core::MtaStsMode::Enforce;
    settings.mtaStsMaxAgeSeconds = 86400;
    return settings;
}

EndpointRequest request(Method method, const QString &pathAndQuery,
                        const QString &host = u"mail.example.test"_s, const QByteArray &body = {}) {
    EndpointRequest r;
    r.method = method;
    const QUrl url(u"http://x"_s + pathAndQuery);
    r.path = url.path(QUrl::FullyDecoded);
    r.query = QUrlQuery(url.query());
    r.host = host;
    r.body = body;
    return r;
}

QByteArray header(const EndpointReply &reply, const QByteArray &name) {
    for (const auto &[key, value] : reply.headers) {
        if (key == name)
            return value;
    }
    return {};
}

QByteArray autodiscoverBody(const QString &address, const QString &schema) {
    return (u"<?xml version=\"1.0\" encoding=\"utf-8\"?><Autodiscover xmlns=\"http://schemas."
            "microsoft.com/exchange/autodiscover/outlook/requestschema/2006\"><Request>"
            "<EMailAddress>"_s +
            address + u"</EMailAddress><AcceptableResponseSchema>"_s + schema +
            u"</AcceptableResponseSchema></Request></Autodiscover>"_s)
        .toUtf8();
}

} // namespace

class TestHttpEndpoints : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusOf_data();
    void statusOf();
    void healthz();
    void acmeChallenge();
    void autoconfigNamesTheDomain();
    void autodiscover();
    void mobileconfig();
    void mtaSts();
    void hostWithoutPort_data();
    void hostWithoutPort();

private:
    HttpSettings m_settings;
    mailstead::tls::AcmeChallengeTable m_challenges;
};

void TestHttpEndpoints::initTestCase() {
    m_settings = testSettings();
    QVERIFY(m_challenges.put(u"tok-EN_1"_s, "tok-EN_1.thumbprint"));
}

void TestHttpEndpoints::statusOf_data() {
    QTest::addColumn<int>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("allow");

    const int get = int(Method::Get);
    const int head = int(Method::Head);
    const int post = int(Method::Post);
    const QString mail = u"mail.example.test"_s;
    QTest::newRow("unknown path") << get << u"/index.html"_s << mail << 404 << QByteArray();
    QTest::newRow("root") << get << u"/"_s << mail << 404 << QByteArray();
    QTest::newRow("unknown method")
        << int(Method::Unknown) << u"/healthz"_s << mail << 501 << QByteArray();
    QTest::newRow("healthz head") << head << u"/healthz"_s << mail << 200 << QByteArray();
    QTest::newRow("healthz post") << post << u"/healthz"_s << mail << 405
                                  << QByteArray("GET, HEAD");
    QTest::newRow("healthz delete")
        << int(Method::Delete) << u"/healthz"_s << mail << 405 << QByteArray("GET, HEAD");
    QTest::newRow("acme put") << int(Method::Put) << u"/.well-known/acme-challenge/tok-EN_1"_s
                              << mail << 405 << QByteArray("GET, HEAD");
    QTest::newRow("acme without token")
        << get << u"/.well-known/acme-challenge/"_s << mail << 404 << QByteArray();
    QTest::newRow("autoconfig post")
        << post << u"/mail/config-v1.1.xml"_s << mail << 405 << QByteArray("GET, HEAD");
    QTest::newRow("autoconfig not ours")
        << get << u"/mail/config-v1.1.xml?emailaddress=eve@elsewhere.example"_s << mail << 404
        << QByteArray();
    QTest::newRow("autoconfig bad address")
        << get << u"/mail/config-v1.1.xml?emailaddress=not-an-address"_s << mail << 400
        << QByteArray();
    QTest::newRow("autoconfig catch-all form")
        << get << u"/mail/config-v1.1.xml?emailaddress=@example.test"_s << mail << 400
        << QByteArray();
    QTest::newRow("autoconfig host not ours")
        << get << u"/.well-known/autoconfig/mail/config-v1.1.xml"_s << u"elsewhere.example"_s << 404
        << QByteArray();
    QTest::newRow("autodiscover get")
        << get << u"/autodiscover/autodiscover.xml"_s << mail << 405 << QByteArray("POST");
    QTest::newRow("mobileconfig post") << post << u"/apple/mobileconfig?email=a@example.test"_s
                                       << mail << 405 << QByteArray("GET, HEAD");
    QTest::newRow("mobileconfig without email")
        << get << u"/apple/mobileconfig"_s << mail << 400 << QByteArray();
    QTest::newRow("mobileconfig not ours")
        << get << u"/apple/mobileconfig?email=a@elsewhere.example"_s << mail << 404 << QByteArray();
    QTest::newRow("mobileconfig bad address")
        << get << u"/apple/mobileconfig?email=a@@example.test"_s << mail << 400 << QByteArray();
    QTest::newRow("mta-sts post") << post << u"/.well-known/mta-sts.txt"_s
                                  << u"mta-sts.example.test"_s << 405 << QByteArray("GET, HEAD");
    QTest::newRow("mta-sts wrong host")
        << get << u"/.well-known/mta-sts.txt"_s << mail << 404 << QByteArray();
    QTest::newRow("mta-sts not ours") << get << u"/.well-known/mta-sts.txt"_s
                                      << u"mta-sts.elsewhere.example"_s << 404 << QByteArray();
    QTest::newRow("mta-sts bare domain")
        << get << u"/.well-known/mta-sts.txt"_s << u"example.test"_s << 404 << QByteArray();
}

void TestHttpEndpoints::statusOf() {
    QFETCH(int, method);
    QFETCH(QString, url);
    QFETCH(QString, host);
    QFETCH(int, status);
    QFETCH(QByteArray, allow);

    const EndpointReply reply =
        answerRequest(request(Method(method), url, host), m_settings, &m_challenges);
    QCOMPARE(reply.status, status);
    QCOMPARE(header(reply, "Allow"), allow);
    QVERIFY(!reply.contentType.isEmpty());
}

void TestHttpEndpoints::healthz() {
    const EndpointReply reply =
        answerRequest(request(Method::Get, u"/healthz"_s), m_settings, nullptr);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray("ok\n"));
    QCOMPARE(reply.contentType, QByteArray("text/plain; charset=utf-8"));
}

void TestHttpEndpoints::acmeChallenge() {
    const EndpointReply known = answerRequest(
        request(Method::Get, u"/.well-known/acme-challenge/tok-EN_1"_s), m_settings, &m_challenges);
    QCOMPARE(known.status, 200);
    QCOMPARE(known.contentType, QByteArray("application/octet-stream"));
    QCOMPARE(known.body, QByteArray("tok-EN_1.thumbprint"));

    for (const QString &path :
         {u"/.well-known/acme-challenge/unknown"_s, u"/.well-known/acme-challenge/tok-EN_1/x"_s,
          u"/.well-known/acme-challenge/tok%2DEN_1.x"_s}) {
        QCOMPARE(answerRequest(request(Method::Get, path), m_settings, &m_challenges).status, 404);
    }
    // Without a challenge table (no ACME client yet) every token is unknown.
    QCOMPARE(answerRequest(request(Method::Get, u"/.well-known/acme-challenge/tok-EN_1"_s),
                           m_settings, nullptr)
                 .status,
             404);
    m_challenges.remove(u"tok-EN_1"_s);
    QCOMPARE(answerRequest(request(Method::Get, u"/.well-known/acme-challenge/tok-EN_1"_s),
                           m_settings, &m_challenges)
                 .status,
             404);
    QVERIFY(m_challenges.put(u"tok-EN_1"_s, "tok-EN_1.thumbprint"));
}

void TestHttpEndpoints::autoconfigNamesTheDomain() {
    struct Case {
        QString url;
        QString host;
        QByteArray domain;
    };
    const QList<Case> cases = {
        {u"/mail/config-v1.1.xml?emailaddress=alice%40example.test"_s, u"autoconfig.x.y"_s,
         "example.test"},
        {u"/mail/config-v1.1.xml?emailaddress=alice+tag@Example.TEST"_s, u"x"_s, "example.test"},
        {u"/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=b@b%C3%BCcher.example"_s,
         u"x"_s, "xn--bcher-kva.example"},
        {u"/mail/config-v1.1.xml"_s, u"autoconfig.example.test"_s, "example.test"},
        {u"/.well-known/autoconfig/mail/config-v1.1.xml"_s, u"example.test"_s, "example.test"},
    };
    for (const Case &c : cases) {
        const EndpointReply reply =
            answerRequest(request(Method::Get, c.url, c.host), m_settings, &m_challenges);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.contentType, QByteArray("text/xml; charset=utf-8"));
        QVERIFY2(reply.body.contains(QByteArray("<emailProvider id=\"" + c.domain + "\">")),
                 reply.body.constData());
        QCOMPARE(header(reply, "Cache-Control"), QByteArray("no-store"));
    }
}

void TestHttpEndpoints::autodiscover() {
    const QString outlook = outlookResponseSchema.toString();
    for (const QString &path :
         {u"/autodiscover/autodiscover.xml"_s, u"/Autodiscover/Autodiscover.xml"_s}) {
        const EndpointReply reply =
            answerRequest(request(Method::Post, path, u"autodiscover.example.test"_s,
                                  autodiscoverBody(u"Alice@example.test"_s, outlook)),
                          m_settings, &m_challenges);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.contentType, QByteArray("text/xml; charset=utf-8"));
        QVERIFY(reply.body.contains("<LoginName>Alice@example.test</LoginName>"));
    }
    const auto post = [&](const QByteArray &body) {
        return answerRequest(
            request(Method::Post, u"/autodiscover/autodiscover.xml"_s, u"x"_s, body), m_settings,
            &m_challenges);
    };
    QCOMPARE(post(autodiscoverBody(u"eve@elsewhere.example"_s, outlook)).status, 404);
    const EndpointReply malformed = post("<Autodiscover>");
    QCOMPARE(malformed.status, 400);
    QVERIFY(malformed.body.contains("<ErrorCode>600</ErrorCode>"));
    QCOMPARE(post(autodiscoverBody(u"not an address"_s, outlook)).status, 400);
    // ActiveSync asks for its own schema: POX error 601 (HTTP 200).
    const EndpointReply mobile = post(autodiscoverBody(
        u"alice@example.test"_s,
        u"http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006"_s));
    QCOMPARE(mobile.status, 200);
    QVERIFY(mobile.body.contains("<ErrorCode>601</ErrorCode>"));
}

void TestHttpEndpoints::mobileconfig() {
    const EndpointReply reply =
        answerRequest(request(Method::Get, u"/apple/mobileconfig?email=alice%40example.test"_s),
                      m_settings, &m_challenges);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.contentType, QByteArray("application/x-apple-aspen-config"));
    QCOMPARE(header(reply, "Content-Disposition"),
             QByteArray("attachment; filename=\"example.test.mobileconfig\""));
    QVERIFY(reply.body.contains("<string>alice@example.test</string>"));

    // Nothing to configure without an outgoing server.
    HttpSettings incomingOnly = m_settings;
    incomingOnly.client.submissionPort = 0;
    incomingOnly.client.submissionsPort = 0;
    QCOMPARE(answerRequest(request(Method::Get, u"/apple/mobileconfig?email=a@example.test"_s),
                           incomingOnly, nullptr)
                 .status,
             404);
}

void TestHttpEndpoints::mtaSts() {
    for (const QString &host :
         {u"mta-sts.example.test"_s, u"mta-sts.alias.test"_s, u"mta-sts.xn--bcher-kva.example"_s}) {
        const EndpointReply reply = answerRequest(
            request(Method::Get, u"/.well-known/mta-sts.txt"_s, host), m_settings, nullptr);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.contentType, QByteArray("text/plain; charset=utf-8"));
        QCOMPARE(reply.body, QByteArray("version: STSv1\r\nmode: enforce\r\n"
                                        "mx: mail.example.test\r\nmax_age: 86400\r\n"));
    }
}

void TestHttpEndpoints::hostWithoutPort_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("host");
    QTest::newRow("plain") << QByteArray("mta-sts.example.test") << u"mta-sts.example.test"_s;
    QTest::newRow("case and port")
        << QByteArray("MTA-STS.Example.TEST:443") << u"mta-sts.example.test"_s;
    QTest::newRow("trailing dot") << QByteArray("example.test.") << u"example.test"_s;
    QTest::newRow("blanks") << QByteArray("  example.test ") << u"example.test"_s;
    QTest::newRow("ipv6") << QByteArray("[::1]:10080") << u"::1"_s;
    QTest::newRow("broken ipv6") << QByteArray("[::1") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestHttpEndpoints::hostWithoutPort() {
    QFETCH(QByteArray, header);
    QFETCH(QString, host);
    QCOMPARE(mailstead::http::hostWithoutPort(header), host);
}

QTEST_APPLESS_MAIN(TestHttpEndpoints)
#include "tst_httpendpoints.moc"
