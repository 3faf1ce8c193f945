// tst_mobileconfigplist.cpp - the Apple configuration profile, read back as
// a property list
//
// Covers daemon/http/MobileconfigPlist: the DOCTYPE, the top-level
// Configuration keys, the com.apple.mail.managed payload with IMAP and SMTP
// settings for implicit TLS and for STARTTLS, name-based UUIDs (stable for
// one address, different for another), and escaping. The test reads the
// plist with its own small QXmlStreamReader-based reader (dict, array,
// string, integer, true, false).

#include "http/MobileconfigPlist.h"

#include <QTest>
#include <QUuid>
#include <QVariant>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace mailstead::http;

namespace {

QVariant readValue(QXmlStreamReader &reader);

QVariantMap readDict(QXmlStreamReader &reader) {
    QVariantMap dict;
    QString key;
    while (reader.readNextStartElement()) {
        if (reader.name() == u"key"_s) {
            key = reader.readElementText();
            continue;
        }
        dict.insert(key, readValue(reader));
    }
    return dict;
}

QVariant readValue(QXmlStreamReader &reader) {
    const QString type = reader.name().toString();
    if (type == u"dict"_s)
        return readDict(reader);
    if (type == u"array"_s) {
        QVariantList list;
        while (reader.readNextStartElement())
            list.append(readValue(reader));
        return list;
    }
    if (type == u"string"_s)
        return reader.readElementText();
    if (type == u"integer"_s)
        return reader.readElementText().toLongLong();
    if (type == u"true"_s || type == u"false"_s) {
        reader.skipCurrentElement();
        return type == u"true"_s;
    }
    reader.raiseError(u"unexpected plist element "_s + type);
    return {};
}

struct Plist {
    QString dtd;
    QVariantMap root;
    QString error;
};

Plist read(const QByteArray &xml) {
    Plist plist;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::DTD)
            plist.dtd = reader.text().toString();
        if (token == QXmlStreamReader::StartElement && reader.name() == u"plist"_s) {
            if (reader.attributes().value(u"version"_s) != u"1.0"_s)
                reader.raiseError(u"plist version is not 1.0"_s);
            else if (reader.readNextStartElement())
                plist.root = readValue(reader).toMap();
        }
    }
    if (reader.hasError())
        plist.error = reader.errorString();
    return plist;
}

MailClientSettings settingsWith(quint16 imaps, quint16 imap, quint16 submissions,
                                quint16 submission) {
    MailClientSettings settings;
    settings.hostname = u"mail.example.test"_s;
    settings.imapsPort = imaps;
    settings.imapPort = imap;
    settings.submissionsPort = submissions;
    settings.submissionPort = submission;
    return settings;
}

} // namespace

class TestMobileconfigPlist : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void profileWithImplicitTls();
    void profileWithStartTls();
    void uuidsAreNameBased();
    void valuesAreEscaped();
};

void TestMobileconfigPlist::profileWithImplicitTls() {
    const Plist plist = read(mobileconfigPlist(settingsWith(993, 143, 465, 587),
                                               u"alice@example.test"_s, u"example.test"_s));
    QVERIFY2(plist.error.isEmpty(), qPrintable(plist.error));
    QVERIFY(plist.dtd.contains(u"-//Apple//DTD PLIST 1.0//EN"_s));
    const QVariantMap &root = plist.root;
    QCOMPARE(root.value(u"PayloadType"_s).toString(), u"Configuration"_s);
    QCOMPARE(root.value(u"PayloadVersion"_s).toLongLong(), 1);
    QCOMPARE(root.value(u"PayloadIdentifier"_s).toString(),
             u"test.example.mail.mailstead.alice@example.test"_s);
    QCOMPARE(root.value(u"PayloadDisplayName"_s).toString(), u"Mail: alice@example.test"_s);
    QCOMPARE(root.value(u"PayloadOrganization"_s).toString(), u"example.test"_s);
    QCOMPARE(root.value(u"PayloadRemovalDisallowed"_s).toBool(), false);
    QVERIFY(!QUuid(root.value(u"PayloadUUID"_s).toString()).isNull());

    const QVariantList content = root.value(u"PayloadContent"_s).toList();
    QCOMPARE(content.size(), 1);
    const QVariantMap mail = content.first().toMap();
    QCOMPARE(mail.value(u"PayloadType"_s).toString(), u"com.apple.mail.managed"_s);
    QCOMPARE(mail.value(u"PayloadVersion"_s).toLongLong(), 1);
    QCOMPARE(mail.value(u"PayloadIdentifier"_s).toString(),
             u"test.example.mail.mailstead.alice@example.test.email"_s);
    QCOMPARE(mail.value(u"EmailAccountType"_s).toString(), u"EmailTypeIMAP"_s);
    QCOMPARE(mail.value(u"EmailAddress"_s).toString(), u"alice@example.test"_s);
    QCOMPARE(mail.value(u"EmailAccountDescription"_s).toString(), u"alice@example.test"_s);
    QCOMPARE(mail.value(u"IncomingMailServerHostName"_s).toString(), u"mail.example.test"_s);
    QCOMPARE(mail.value(u"IncomingMailServerPortNumber"_s).toLongLong(), 993);
    QCOMPARE(mail.value(u"IncomingMailServerUseSSL"_s).toBool(), true);
    QCOMPARE(mail.value(u"IncomingMailServerUsername"_s).toString(), u"alice@example.test"_s);
    QCOMPARE(mail.value(u"IncomingMailServerAuthentication"_s).toString(), u"EmailAuthPassword"_s);
    QCOMPARE(mail.value(u"OutgoingMailServerHostName"_s).toString(), u"mail.example.test"_s);
    QCOMPARE(mail.value(u"OutgoingMailServerPortNumber"_s).toLongLong(), 465);
    QCOMPARE(mail.value(u"OutgoingMailServerUseSSL"_s).toBool(), true);
    QCOMPARE(mail.value(u"OutgoingMailServerUsername"_s).toString(), u"alice@example.test"_s);
    QCOMPARE(mail.value(u"OutgoingMailServerAuthentication"_s).toString(), u"EmailAuthPassword"_s);
    QCOMPARE(mail.value(u"OutgoingPasswordSameAsIncomingPassword"_s).toBool(), true);
    QVERIFY(!QUuid(mail.value(u"PayloadUUID"_s).toString()).isNull());
    QVERIFY(mail.value(u"PayloadUUID"_s) != root.value(u"PayloadUUID"_s));
}

void TestMobileconfigPlist::profileWithStartTls() {
    const Plist plist = read(mobileconfigPlist(settingsWith(0, 10143, 0, 10587),
                                               u"bob@example.test"_s, u"example.test"_s));
    const QVariantMap mail = plist.root.value(u"PayloadContent"_s).toList().first().toMap();
    QCOMPARE(mail.value(u"IncomingMailServerPortNumber"_s).toLongLong(), 10143);
    QCOMPARE(mail.value(u"IncomingMailServerUseSSL"_s).toBool(), true);
    QCOMPARE(mail.value(u"OutgoingMailServerPortNumber"_s).toLongLong(), 10587);
    QCOMPARE(mail.value(u"OutgoingMailServerUseSSL"_s).toBool(), true);
}

void TestMobileconfigPlist::uuidsAreNameBased() {
    const MailClientSettings settings = settingsWith(993, 143, 465, 587);
    const QByteArray first = mobileconfigPlist(settings, u"alice@example.test"_s, u"e"_s);
    QCOMPARE(mobileconfigPlist(settings, u"alice@example.test"_s, u"e"_s), first);
    const Plist alice = read(first);
    const Plist bob = read(mobileconfigPlist(settings, u"bob@example.test"_s, u"e"_s));
    QVERIFY(alice.root.value(u"PayloadUUID"_s) != bob.root.value(u"PayloadUUID"_s));
    const QUuid uuid(alice.root.value(u"PayloadUUID"_s).toString());
    QCOMPARE(uuid.version(), QUuid::Sha1);
}

void TestMobileconfigPlist::valuesAreEscaped() {
    const Plist plist = read(mobileconfigPlist(settingsWith(993, 0, 465, 0),
                                               u"\"a<b>&c\"@example.test"_s, u"example.test"_s));
    QVERIFY2(plist.error.isEmpty(), qPrintable(plist.error));
    const QVariantMap mail = plist.root.value(u"PayloadContent"_s).toList().first().toMap();
    QCOMPARE(mail.value(u"EmailAddress"_s).toString(), u"\"a<b>&c\"@example.test"_s);
}

QTEST_APPLESS_MAIN(TestMobileconfigPlist)
#include "tst_mobileconfigplist.moc"
