// tst_clienthelloparser.cpp - the server name in a ClientHello: a table of
// valid and invalid first flights, each parsed whole and fed byte by byte,
// and the ClientHello a real client (QSslSocket on OpenSSL) sends.
#include "tls/ClientHelloParser.h"

#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using mailstead::tls::ClientHelloParse;
using mailstead::tls::parseClientHello;
using Status = ClientHelloParse::Status;

Q_DECLARE_METATYPE(ClientHelloParse::Status)

namespace {

QByteArray u8(int v) {
    return QByteArray(1, char(v & 0xff));
}
QByteArray u16(int v) {
    return u8(v >> 8) + u8(v);
}
QByteArray u24(int v) {
    return u8(v >> 16) + u16(v);
}

// One entry of a ServerNameList (RFC 6066 section 3).
QByteArray hostNameEntry(const QByteArray &name, int type = 0) {
    return u8(type) + u16(int(name.size())) + name;
}

QByteArray extension(int type, const QByteArray &data) {
    return u16(type) + u16(int(data.size())) + data;
}

QByteArray serverNameExtension(const QByteArray &entries) {
    return extension(0, u16(int(entries.size())) + entries);
}

// A TLS 1.3-shaped ClientHello body (RFC 8446 section 4.1.2).
QByteArray helloBody(const QByteArray &extensions, bool withExtensions = true,
                     int sessionIdLength = 32) {
    QByteArray body = u16(0x0303) + QByteArray(32, '\x11');
    body += u8(sessionIdLength) + QByteArray(sessionIdLength, '\x22');
    body += u16(4) + u16(0x1301) + u16(0x1302);
    body += u8(1) + u8(0);
    // supported_versions, so the shape is a modern one
    const QByteArray all = extension(43, u8(2) + u16(0x0304)) + extensions;
    if (withExtensions)
        body += u16(int(all.size())) + all;
    return body;
}

QByteArray handshake(const QByteArray &body, int type = 1) {
    return u8(type) + u24(int(body.size())) + body;
}

// The message in records of at most `fragment` octets.
QByteArray records(const QByteArray &message, int fragment = 16384, int contentType = 22) {
    QByteArray out;
    for (qsizetype at = 0; at < message.size(); at += fragment) {
        const QByteArray piece = message.mid(at, fragment);
        out += u8(contentType) + u16(0x0301) + u16(int(piece.size())) + piece;
    }
    return out;
}

QByteArray flight(const QByteArray &extensions) {
    return records(handshake(helloBody(extensions)));
}

} // namespace

class TestClientHelloParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void everyPrefixOfAGoodHelloIsIncomplete();
    void realClientHello_data();
    void realClientHello();
};

void TestClientHelloParser::parses_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Status>("status");
    QTest::addColumn<QString>("name");

    const QByteArray mail = serverNameExtension(hostNameEntry("mail.a.test"));
    QTest::newRow("one host name") << flight(mail) << Status::Ok << u"mail.a.test"_s;
    QTest::newRow("upper case, trailing dot")
        << flight(serverNameExtension(hostNameEntry("MAIL.A.Test."))) << Status::Ok
        << u"mail.a.test"_s;
    QTest::newRow("no server_name")
        << flight(extension(10, u16(2) + u16(29))) << Status::Ok << QString();
    QTest::newRow("no extensions at all (TLS 1.2)")
        << records(handshake(helloBody({}, false))) << Status::Ok << QString();
    QTest::newRow("empty session id")
        << records(handshake(helloBody(mail, true, 0))) << Status::Ok << u"mail.a.test"_s;
    QTest::newRow("server_name after other extensions")
        << flight(extension(10, u16(2) + u16(29)) + extension(13, u16(2) + u16(0x0403)) + mail)
        << Status::Ok << u"mail.a.test"_s;
    QTest::newRow("split over records of 7 octets")
        << records(handshake(helloBody(mail)), 7) << Status::Ok << u"mail.a.test"_s;
    QTest::newRow("application data after the hello is not looked at")
        << flight(mail) + records("junk", 16384, 23) << Status::Ok << u"mail.a.test"_s;
    QTest::newRow("unknown name type after the host name")
        << flight(serverNameExtension(hostNameEntry("mail.a.test") + hostNameEntry("x", 7)))
        << Status::Ok << u"mail.a.test"_s;
    QTest::newRow("unknown name type ends the list")
        << flight(serverNameExtension(hostNameEntry("x", 7) + hostNameEntry("mail.a.test")))
        << Status::Ok << QString();

    QTest::newRow("two host names")
        << flight(serverNameExtension(hostNameEntry("a.test") + hostNameEntry("b.test")))
        << Status::Error << QString();
    QTest::newRow("two server_name extensions")
        << flight(mail + mail) << Status::Error << QString();
    QTest::newRow("empty server_name extension")
        << flight(extension(0, {})) << Status::Error << QString();
    QTest::newRow("empty server name list")
        << flight(extension(0, u16(0))) << Status::Error << QString();
    QTest::newRow("host name with a space")
        << flight(serverNameExtension(hostNameEntry("mail a.test"))) << Status::Error << QString();
    QTest::newRow("host name with an empty label")
        << flight(serverNameExtension(hostNameEntry("mail..test"))) << Status::Error << QString();
    QTest::newRow("host name ending in two dots")
        << flight(serverNameExtension(hostNameEntry("mail.a.test.."))) << Status::Error
        << QString();
    QTest::newRow("empty host name")
        << flight(serverNameExtension(hostNameEntry(""))) << Status::Error << QString();
    QTest::newRow("host name of 300 octets")
        << flight(serverNameExtension(hostNameEntry(QByteArray(300, 'a')))) << Status::Error
        << QString();
    QTest::newRow("host name longer than the list")
        << flight(extension(0, u16(6) + u8(0) + u16(40) + "abc")) << Status::Error << QString();
    QTest::newRow("extension longer than the block")
        << records(handshake(helloBody({}, false) + u16(6) + u16(0) + u16(50) + u16(0)))
        << Status::Error << QString();
    QTest::newRow("bytes after the extensions")
        << records(handshake(helloBody(mail) + "x")) << Status::Error << QString();
    QTest::newRow("session id of 33 octets")
        << records(handshake(helloBody(mail, true, 33))) << Status::Error << QString();
    QTest::newRow("body cut short")
        << records(handshake(helloBody(mail).left(50))) << Status::Error << QString();
    QTest::newRow("a ServerHello")
        << records(handshake(helloBody(mail), 2)) << Status::Error << QString();
    QTest::newRow("application data record")
        << records(handshake(helloBody(mail)), 16384, 23) << Status::Error << QString();
    QTest::newRow("alert between fragments")
        << records(handshake(helloBody(mail)).left(20), 20) + records("\x02\x28", 2, 21) +
               records(handshake(helloBody(mail)).mid(20))
        << Status::Error << QString();
    QTest::newRow("empty record") << QByteArray("\x16\x03\x01\x00\x00", 5) << Status::Error
                                  << QString();
    QTest::newRow("record over 2^14 octets")
        << QByteArray("\x16\x03\x01\x40\x01", 5) << Status::Error << QString();
    QTest::newRow("record version 2.0")
        << QByteArray("\x16\x02\x00\x00\x04\x01\x00\x00\x00", 9) << Status::Error << QString();
    QTest::newRow("SSL 2.0 hello")
        << QByteArray("\x80\x2e\x01\x03\x01", 5) << Status::Error << QString();
    QTest::newRow("plain text") << QByteArray("EHLO client.test\r\n") << Status::Error << QString();
    QTest::newRow("hello claiming 16 MiB")
        << QByteArray("\x16\x03\x01\x00\x04\x01\xff\xff\xff", 9) << Status::Error << QString();
    QTest::newRow("nothing yet") << QByteArray() << Status::Incomplete << QString();
    QTest::newRow("half a record")
        << flight(mail).left(flight(mail).size() / 2) << Status::Incomplete << QString();
}

void TestClientHelloParser::parses() {
    QFETCH(QByteArray, input);
    QFETCH(Status, status);
    QFETCH(QString, name);

    const ClientHelloParse whole = parseClientHello(input);
    QCOMPARE(whole.status, status);
    QCOMPARE(whole.serverName, name);
    QCOMPARE(whole.error.isEmpty(), status != Status::Error);

    // Byte by byte, as a slow client sends it: incomplete until the
    // verdict, and the first verdict is the one the whole input gets.
    for (qsizetype size = 0; size <= input.size(); ++size) {
        const ClientHelloParse prefix = parseClientHello(QByteArrayView(input).first(size));
        if (prefix.status == Status::Incomplete)
            continue;
        QCOMPARE(prefix.status, whole.status);
        QCOMPARE(prefix.serverName, whole.serverName);
        QCOMPARE(prefix.error, whole.error);
        break;
    }
}

void TestClientHelloParser::everyPrefixOfAGoodHelloIsIncomplete() {
    const QByteArray input =
        records(handshake(helloBody(serverNameExtension(hostNameEntry("imap.b.test")))), 100);
    for (qsizetype size = 0; size < input.size(); ++size)
        QCOMPARE(parseClientHello(QByteArrayView(input).first(size)).status, Status::Incomplete);
    QCOMPARE(parseClientHello(input).serverName, u"imap.b.test"_s);
}

void TestClientHelloParser::realClientHello_data() {
    QTest::addColumn<QString>("peerName");
    QTest::addColumn<QSsl::SslProtocol>("protocol");
    QTest::addColumn<QString>("expected");
    QTest::newRow("TLS 1.3 with a name")
        << u"mail.a.test"_s << QSsl::TlsV1_3OrLater << u"mail.a.test"_s;
    QTest::newRow("TLS 1.2 with a name") << u"Pop.B.Test"_s << QSsl::TlsV1_2 << u"pop.b.test"_s;
    // OpenSSL sends no server_name for an address (RFC 6066 section 3).
    QTest::newRow("an address") << u"127.0.0.1"_s << QSsl::TlsV1_2OrLater << QString();
}

void TestClientHelloParser::realClientHello() {
    QFETCH(QString, peerName);
    QFETCH(QSsl::SslProtocol, protocol);
    QFETCH(QString, expected);

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QSslSocket client;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(protocol);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    client.setSslConfiguration(config);
    client.connectToHostEncrypted(u"127.0.0.1"_s, server.serverPort(), peerName);
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 5000);
    QTcpSocket *accepted = server.nextPendingConnection();
    ClientHelloParse parsed;
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += accepted->readAll(), parsed = parseClientHello(received),
                              parsed.status != Status::Incomplete),
                             5000);
    QVERIFY2(parsed.status == Status::Ok, qPrintable(parsed.error));
    QCOMPARE(parsed.serverName, expected);
}

QTEST_MAIN(TestClientHelloParser)
#include "tst_clienthelloparser.moc"
