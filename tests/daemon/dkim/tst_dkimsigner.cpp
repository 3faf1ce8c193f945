// tst_dkimsigner.cpp - DkimSigner and DkimPrivateKey against fixed keys
//
// The Ed25519 key is the one of RFC 8463 appendix A, so its public key and
// the body hash of the RFC's example message are known values. Signatures
// are checked by a small verifier written here from RFC 6376 section 6.1
// with plain string operations and OpenSSL, independent of the signer's
// canonicalization code; dkimpy and OpenDKIM check the same signer in
// tests/e2e/test_dkim.py.
#include "dkim/DkimDnsRecord.h"
#include "dkim/DkimKey.h"
#include "dkim/DkimSigner.h"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <QCryptographicHash>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::dkim;

namespace {

// RFC 8463 appendix A.1 (a test key published in the RFC).
const QByteArray rfc8463Private = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="_ba;
const QByteArray rfc8463Public = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="_ba;

// A 2048-bit RSA key made for this test only.
const QByteArray fixedRsaPem = R"(-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDJFC7w3KH0hvxA
yCJPAhwHs4mVQiwvmzw7SrfWm3L/8vN+PKDxDZRQGV62WQthkVD2OeUiYcEH17jf
Wo4HHH3H+ECm1/iEIdUAO3AXFB5/pTl4GLZAT7s/lzgAOBtqUIoUTP0c6ufP/Q85
/n+hjKYu5QvrtnIwCD3BdTwOSGTi+7K18Ygvi1O6HRS/djs9EpAuaOacaoIVH5Ea
GKnxZa5L3aL2Q4DdbdnfNQjqT1pTEG4FOq+tPiUpSNweIqHhr87HSSBBKgi0fp1M
CCnmjMHz7DLbgya0FcKHBIWoxciUjTZLpQc7lZwK8gfThh8uf3j4mCCry0fgvrxu
StE0u7IvAgMBAAECggEABh3MjbwQWxlODARqcr/MLXnLGhSwtmQA8YbEz8zbsyhn
OrRKavqwQ7150Y8k1vtuHIdHToPttLjdoUGmZ1X5B3+oK8sO/qnuyjqEntcYVGao
uFv8Ezm5puYJKIyMXPAFOzfaTSpiEcQPVgLFTBs0pOGHusxKbeaaRku0H3UZSIQ0
rkM5D6i9R7BmHxQDRXYP+RHBVN/uaXjj2gDTLolwy9wm9FOWqlKLnSRvCmplYmz/
NUFVGKIqZHP8IoDhlm49xER48uYV2k9KuOfw5hSYD8UoPmg4zASVig3kuqGRs6Nd
DVArxsqjwXG48T0x9zdLxwtPPOqAqHRjYG1QesdbwQKBgQDk4mEcA1tVXkPAkVY1
BOK0+YaI/hMN+HR93iLuyuYwQjU6oyJudUuXahd2f8M2nRU/UvGYMTngJgABziDn
aP43ABRaKmsrOgvLLEZtF9T1KWsvMBI0wYHdkwg5R30CaR0ucGbIl7cGRjiS6Dfu
f6nWvETm/R1NQ32jz6FzN/aswQKBgQDg5oSheyAkULfFo81oNIxjsoLmbjcvGZyW
K18S4I8d0ITLqIVuXXK4pD0TLIerqdxoxd0tEBzLQgg/YOQ+s4flZ8LnbgAygQse
oqhFkbh87tFm3SSjlQp6/bCPWLTLaH3gFqv3Pq/2pgkXDQ/Ax1QgK1zidT8EULYr
lca49Yjq7wKBgDjxvXlLuIBvuGmDfzAnrAOchQU2OSVjqA/coVJJtqVRA484IQvc
MNdV9MptlPLUeAHOL/9OV/jVW3EXiIYqT/z9DxMztIAHrAF7XXYs1LW9/UW7Lvxj
HF01BHnDuG1OG41/N4M2g7mS5OZf0fKLXoTnSDkzxgOABBUqRh+1T7DBAoGBANku
wzYN6OQo7s71eA8Bb/F3GeHc3X2mhgieqZlZMdvg2dyySOhjZb3ZHQG/JuUni6nC
KeyyepvukHhj4QaL6Ngoc5d6Ksaax1o2SbmlFzvOhHmJZTBzZUOQaUiEqVMk/SnB
ux9wcg0GGhEgk+3ej+bg+TnXb5uDNeixIs7KjgYRAoGBAMB1C8Jke7+vYQC0gPvv
UnwoLiqNu1pRRt5MekyD/xhwdTAZ0Hc/Wt0NELS34su0AcfiYe0FIwvoFTbFTE4B
yZbzRdjRS5LGX9N2UmbHIEXYRl6McDOW6KP9LrPYXz9l6dUksL3FW9gV5YO9jjDE
lC36py7ThnXS34V+2ZpfvGtl
-----END PRIVATE KEY-----
)"_ba;

// RFC 8463 appendix A.2; its body hash is given in appendix A.3.
const QByteArray rfc8463Message = "From: Joe SixPack <joe@football.example.com>\r\n"
                                  "To: Suzie Q <suzie@shopping.example.net>\r\n"
                                  "Subject: Is dinner ready?\r\n"
                                  "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
                                  "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
                                  "\r\n"
                                  "Hi.\r\n"
                                  "\r\n"
                                  "We lost the game.  Are you hungry yet?\r\n"
                                  "\r\n"
                                  "Joe.\r\n"_ba;
const QByteArray rfc8463BodyHash = "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8="_ba;

constexpr qint64 fixedTime = 1795000000;

QByteArray ed25519Pem() {
    // PKCS#8 wrapping of a raw Ed25519 private key (RFC 8410 section 7).
    const QByteArray der = QByteArray::fromHex("302e020100300506032b657004220420") +
                           QByteArray::fromBase64(rfc8463Private);
    QByteArray pem =
        "-----BEGIN PRIVATE KEY-----\n" + der.toBase64() + "\n-----END PRIVATE KEY-----\n";
    return pem;
}

DkimPrivateKey loadKey(DkimAlgorithm algorithm) {
    QString error;
    DkimPrivateKey key = DkimPrivateKey::fromPem(
        algorithm == DkimAlgorithm::Ed25519 ? ed25519Pem() : fixedRsaPem, &error);
    if (key.isNull())
        qFatal("cannot load the test key: %s", qPrintable(error));
    return key;
}

// ---- an independent verifier (RFC 6376 section 6.1.3) ----------------------

struct Field {
    QByteArray name;
    QByteArray text; // "Name: value" with folds
};

QList<Field> headerFields(const QByteArray &header) {
    QList<Field> fields;
    const QByteArrayList lines = header.split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if ((line.startsWith(' ') || line.startsWith('\t')) && !fields.isEmpty()) {
            fields.last().text += "\r\n" + line;
            continue;
        }
        fields.append(Field{line.left(line.indexOf(':')).trimmed().toLower(), line});
    }
    return fields;
}

QByteArray squeeze(QByteArray text) {
    text.replace("\r\n", "");
    return QString::fromLatin1(text)
        .replace(QRegularExpression(u"[ \t]+"_s), u" "_s)
        .trimmed()
        .toLatin1();
}

QByteArray canonicalField(const QByteArray &text) {
    const qsizetype colon = text.indexOf(':');
    return text.left(colon).trimmed().toLower() + ':' + squeeze(text.mid(colon + 1)) + "\r\n";
}

QByteArray canonicalBody(const QByteArray &body) {
    QByteArrayList lines = body.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        line = QString::fromLatin1(line)
                   .replace(QRegularExpression(u"[ \t]+"_s), u" "_s)
                   .replace(QRegularExpression(u" $"_s), QString())
                   .toLatin1();
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines.isEmpty() ? QByteArray() : lines.join("\r\n") + "\r\n";
}

QMap<QByteArray, QByteArray> tags(const QByteArray &fieldText) {
    QMap<QByteArray, QByteArray> result;
    const QByteArray value = fieldText.mid(fieldText.indexOf(':') + 1);
    const QByteArrayList parts = value.split(';');
    for (const QByteArray &part : parts) {
        const qsizetype equals = part.indexOf('=');
        if (equals < 0)
            continue;
        QByteArray tagValue = part.mid(equals + 1);
        for (const char c : {' ', '\t', '\r', '\n'})
            tagValue.replace(c, QByteArray());
        result.insert(part.left(equals).trimmed(), tagValue);
    }
    return result;
}

std::shared_ptr<EVP_PKEY> publicKey(DkimAlgorithm algorithm, const QByteArray &base64) {
    const QByteArray der = QByteArray::fromBase64(base64);
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    EVP_PKEY *key =
        algorithm == DkimAlgorithm::Ed25519
            ? EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, data, size_t(der.size()))
            : d2i_PUBKEY(nullptr, &data, long(der.size()));
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// True when the first DKIM-Signature of `message` verifies with `p`.
bool verifies(const QByteArray &message, DkimAlgorithm algorithm, const QByteArray &p) {
    const qsizetype end = message.indexOf("\r\n\r\n");
    const QByteArray body = end < 0 ? QByteArray() : message.mid(end + 4);
    QList<Field> fields = headerFields(end < 0 ? message : message.left(end + 2));
    if (fields.isEmpty() || fields.first().name != "dkim-signature")
        return false;
    const Field signature = fields.takeFirst();
    const QMap<QByteArray, QByteArray> t = tags(signature.text);
    const QByteArray bodyHash =
        QCryptographicHash::hash(canonicalBody(body), QCryptographicHash::Sha256).toBase64();
    if (t.value("bh") != bodyHash || t.value("c") != "relaxed/relaxed")
        return false;

    QByteArray data;
    QList<bool> used(fields.size(), false);
    const QByteArrayList names = t.value("h").split(':');
    for (const QByteArray &name : names) {
        for (qsizetype i = fields.size() - 1; i >= 0; --i) {
            if (!used.at(i) && fields.at(i).name == name.toLower()) {
                used[i] = true;
                data += canonicalField(fields.at(i).text);
                break;
            }
        }
    }
    // The field with the value of its b= tag (the last tag) removed.
    const QRegularExpression bTag(u";[ \t\r\n]*b="_s);
    QRegularExpressionMatch last;
    for (auto it = bTag.globalMatch(QString::fromLatin1(signature.text)); it.hasNext();)
        last = it.next();
    if (!last.hasMatch())
        return false;
    const QByteArray emptied = signature.text.left(last.capturedEnd(0));
    data += canonicalField(emptied);
    data.chop(2);

    const std::shared_ptr<EVP_PKEY> key = publicKey(algorithm, p);
    const QByteArray sig = QByteArray::fromBase64(t.value("b"));
    QByteArray input = data;
    const EVP_MD *md = EVP_sha256();
    if (algorithm == DkimAlgorithm::Ed25519) {
        input = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
        md = nullptr;
    }
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    const bool ok =
        key && EVP_DigestVerifyInit(context, nullptr, md, nullptr, key.get()) == 1 &&
        EVP_DigestVerify(
            context, reinterpret_cast<const unsigned char *>(sig.constData()), size_t(sig.size()),
            reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size())) == 1;
    EVP_MD_CTX_free(context);
    return ok;
}

QByteArray tagOf(const QByteArray &header, const QByteArray &name) {
    return tags(header).value(name);
}

} // namespace

Q_DECLARE_METATYPE(mailstead::dkim::DkimAlgorithm)

class TestDkimSigner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void publicKeyOfRfc8463Key();
    void bodyHashOfRfc8463Message();
    void signatureVerifies_data();
    void signatureVerifies();
    void tamperingBreaksSignature_data();
    void tamperingBreaksSignature();
    void signedHeaderList_data();
    void signedHeaderList();
    void refusals_data();
    void refusals();
    void ed25519IsDeterministic();
    void dnsRecordStrings();
    void keyGenerationLimits();
};

void TestDkimSigner::publicKeyOfRfc8463Key() {
    const DkimPrivateKey key = loadKey(DkimAlgorithm::Ed25519);
    QCOMPARE(key.algorithm(), DkimAlgorithm::Ed25519);
    QCOMPARE(key.bits(), 256);
    QCOMPARE(key.publicKeyData(), rfc8463Public);
    const DkimDnsRecord record = dnsRecordFor(key, u"football.example.com"_s, u"brisbane"_s);
    QCOMPARE(record.name, u"brisbane._domainkey.football.example.com"_s);
    QCOMPARE(record.value, "v=DKIM1; k=ed25519; p=" + rfc8463Public);
}

void TestDkimSigner::bodyHashOfRfc8463Message() {
    const DkimSigner signer(loadKey(DkimAlgorithm::Ed25519), u"football.example.com"_s,
                            u"brisbane"_s);
    const DkimSignResult result = signer.sign(rfc8463Message, fixedTime);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(tagOf(result.header, "bh"), rfc8463BodyHash);
    QCOMPARE(tagOf(result.header, "a"), "ed25519-sha256"_ba);
    QCOMPARE(tagOf(result.header, "d"), "football.example.com"_ba);
    QCOMPARE(tagOf(result.header, "s"), "brisbane"_ba);
    QCOMPARE(tagOf(result.header, "t"), QByteArray::number(fixedTime));
    QCOMPARE(tagOf(result.header, "v"), "1"_ba);
}

void TestDkimSigner::signatureVerifies_data() {
    QTest::addColumn<DkimAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("message");

    const QList<QPair<const char *, QByteArray>> messages = {
        {"rfc 8463 message", rfc8463Message},
        {"empty body", "From: a@example.test\r\nSubject: empty\r\n\r\n"_ba},
        {"no body at all", "From: a@example.test\r\nSubject: none\r\n"_ba},
        {"folded and repeated fields",
         "Received: from x by y\r\nFrom: \"A\"\r\n <a@example.test>\r\nTo: b@example.test,\r\n"
         "\tc@example.test\r\nTo: d@example.test\r\nSubject:   spaced   out  \r\n\r\n"
         "line  with   spaces   \r\n\r\n\r\n"_ba},
        {"missing final CRLF", "From: a@example.test\r\n\r\nlast line"_ba},
        {"8-bit body", "From: a@example.test\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                       "Gr\xc3\xbc\xc3\x9f\xc3\xa9 \r\n"_ba},
        {"long header", "From: a@example.test\r\nSubject: " + QByteArray(300, 'x') +
                            "\r\nList-Id: <list.example.test>\r\n\r\nbody\r\n"},
    };
    for (const auto &[name, message] : messages) {
        QTest::addRow("rsa, %s", name) << DkimAlgorithm::Rsa << message;
        QTest::addRow("ed25519, %s", name) << DkimAlgorithm::Ed25519 << message;
    }
}

void TestDkimSigner::signatureVerifies() {
    QFETCH(DkimAlgorithm, algorithm);
    QFETCH(QByteArray, message);
    const DkimPrivateKey key = loadKey(algorithm);
    const DkimSigner signer(key, u"example.test"_s, u"sel2026"_s);
    const DkimSignResult result = signer.sign(message, fixedTime);
    QVERIFY2(result.ok(), qPrintable(result.error));

    QVERIFY(result.header.startsWith("DKIM-Signature: v=1; a="));
    QVERIFY(result.header.endsWith("\r\n"));
    const QByteArrayList lines = result.header.chopped(2).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
        QVERIFY2(line.size() + (i > 0 ? 7 : 0) <= maxSignatureLineLength, line.constData());
        if (i > 0)
            QVERIFY(line.startsWith('\t'));
        if (i + 1 < lines.size())
            QVERIFY(lines.at(i).endsWith('\r'));
    }
    QVERIFY(verifies(result.header + message, algorithm, key.publicKeyData()));
}

void TestDkimSigner::tamperingBreaksSignature_data() {
    QTest::addColumn<DkimAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<bool>("stillVerifies");

    const QList<std::tuple<const char *, QByteArray, QByteArray, bool>> cases = {
        {"body changed", "lost the game", "won the game", false},
        {"subject changed", "Subject: Is dinner ready?", "Subject: Is dinner late?", false},
        {"second From added", "Subject:", "From: Mallory <m@evil.example>\r\nSubject:", false},
        {"Reply-To added", "Subject:", "Reply-To: m@evil.example\r\nSubject:", false},
        {"Cc added", "Subject:", "Cc: m@evil.example\r\nSubject:", false},
        {"body appended", "Joe.\r\n", "Joe.\r\nP.S. send money\r\n", false},
        // What relaxed canonicalization forgives, and unsigned fields.
        {"whitespace changed", "Are you", "Are \t you", true},
        {"empty lines appended", "Joe.\r\n", "Joe.\r\n\r\n\r\n", true},
        {"Received added", "From:", "Received: from relay.example\r\nFrom:", true},
        {"header folded", "Subject: Is dinner", "Subject: Is\r\n dinner", true},
    };
    for (const auto &[name, from, to, still] : cases) {
        QTest::addRow("rsa, %s", name) << DkimAlgorithm::Rsa << from << to << still;
        QTest::addRow("ed25519, %s", name) << DkimAlgorithm::Ed25519 << from << to << still;
    }
}

void TestDkimSigner::tamperingBreaksSignature() {
    QFETCH(DkimAlgorithm, algorithm);
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(bool, stillVerifies);
    const DkimPrivateKey key = loadKey(algorithm);
    const DkimSignResult result =
        DkimSigner(key, u"football.example.com"_s, u"brisbane"_s).sign(rfc8463Message, fixedTime);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QVERIFY(verifies(result.header + rfc8463Message, algorithm, key.publicKeyData()));

    QByteArray tampered = rfc8463Message;
    QVERIFY(tampered.contains(from));
    tampered.replace(tampered.indexOf(from), from.size(), to);
    QCOMPARE(verifies(result.header + tampered, algorithm, key.publicKeyData()), stillVerifies);
}

void TestDkimSigner::signedHeaderList_data() {
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray absent = ":sender:reply-to:subject:date:message-id:to:cc:in-reply-to:"
                              "references:mime-version:content-type:content-transfer-encoding";
    QTest::newRow("only From") << "From: a@example.test\r\n\r\n"_ba
                               << "from:from" + absent;
    QTest::newRow("rfc 8463 message")
        << rfc8463Message
        << "from:from:sender:reply-to:subject:subject:date:date:message-id:message-id:to:to:cc:"
           "in-reply-to:references:mime-version:content-type:content-transfer-encoding"_ba;
    QTest::newRow("two To fields, case ignored")
        << "FROM: a@example.test\r\nto: b\r\nTO: c\r\n\r\n"_ba
        << "from:from:sender:reply-to:subject:date:message-id:to:to:to:cc:in-reply-to:"
           "references:mime-version:content-type:content-transfer-encoding"_ba;
    QTest::newRow("list fields when present, trace fields never")
        << "Received: x\r\nFrom: a@example.test\r\nList-Id: <l.example.test>\r\n"
           "List-Unsubscribe: <mailto:u@example.test>\r\nX-Mailer: y\r\n\r\n"_ba
        << "from:from" + absent + ":list-id:list-id:list-unsubscribe:list-unsubscribe";
}

void TestDkimSigner::signedHeaderList() {
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, expected);
    const DkimSignResult result =
        DkimSigner(loadKey(DkimAlgorithm::Ed25519), u"example.test"_s, u"s"_s)
            .sign(message, fixedTime);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(tagOf(result.header, "h"), expected);
}

void TestDkimSigner::refusals_data() {
    QTest::addColumn<bool>("nullKey");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("selector");
    QTest::addColumn<qint64>("time");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("error");

    const QByteArray ok = "From: a@example.test\r\n\r\nx\r\n"_ba;
    QTest::newRow("no From") << false << u"example.test"_s << u"s"_s << fixedTime
                             << "To: b@example.test\r\n\r\nx\r\n"_ba << u"no From"_s;
    QTest::newRow("From only in the body")
        << false << u"example.test"_s << u"s"_s << fixedTime
        << "To: b@example.test\r\n\r\nFrom: a@example.test\r\n"_ba << u"no From"_s;
    QTest::newRow("no key") << true << u"example.test"_s << u"s"_s << fixedTime << ok
                            << u"No DKIM key"_s;
    QTest::newRow("domain with a semicolon")
        << false << u"example.test; x=y"_s << u"s"_s << fixedTime << ok << u"signing domain"_s;
    QTest::newRow("domain with CRLF")
        << false << u"example.test\r\nBcc: x"_s << u"s"_s << fixedTime << ok << u"signing domain"_s;
    QTest::newRow("selector with a slash")
        << false << u"example.test"_s << u"../s"_s << fixedTime << ok << u"selector"_s;
    QTest::newRow("selector with underscore")
        << false << u"example.test"_s << u"a_b"_s << fixedTime << ok << u"selector"_s;
    QTest::newRow("empty selector")
        << false << u"example.test"_s << QString() << fixedTime << ok << u"selector"_s;
    QTest::newRow("time before 1970")
        << false << u"example.test"_s << u"s"_s << qint64(-1) << ok << u"1970"_s;
}

void TestDkimSigner::refusals() {
    QFETCH(bool, nullKey);
    QFETCH(QString, domain);
    QFETCH(QString, selector);
    QFETCH(qint64, time);
    QFETCH(QByteArray, message);
    QFETCH(QString, error);
    const DkimSigner signer(nullKey ? DkimPrivateKey() : loadKey(DkimAlgorithm::Ed25519), domain,
                            selector);
    const DkimSignResult result = signer.sign(message, time);
    QVERIFY(!result.ok());
    QVERIFY(result.header.isEmpty());
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
}

void TestDkimSigner::ed25519IsDeterministic() {
    const DkimSigner signer(loadKey(DkimAlgorithm::Ed25519), u"example.test"_s, u"s"_s);
    const DkimSignResult first = signer.sign(rfc8463Message, fixedTime);
    const DkimSignResult second = signer.sign(rfc8463Message, fixedTime);
    QVERIFY(first.ok());
    QCOMPARE(first.header, second.header);
    QVERIFY(signer.sign(rfc8463Message, fixedTime + 1).header != first.header);
}

void TestDkimSigner::dnsRecordStrings() {
    const DkimPrivateKey key = loadKey(DkimAlgorithm::Rsa);
    QCOMPARE(key.bits(), 2048);
    const DkimDnsRecord record = dnsRecordFor(key, u"example.test"_s, u"ms202611"_s);
    QVERIFY(record.value.startsWith("v=DKIM1; k=rsa; p=MIIBIjAN"));
    const QList<QByteArray> strings = record.strings();
    QCOMPARE(strings.size(), 2);
    QCOMPARE(strings.first().size(), maxTxtStringBytes);
    QCOMPARE(strings.join(), record.value);
    QCOMPARE(record.zoneFileText(), u"ms202611._domainkey.example.test. IN TXT ( \""_s +
                                        QString::fromLatin1(strings.at(0)) + u"\"\n\t\""_s +
                                        QString::fromLatin1(strings.at(1)) + u"\" )"_s);
    // The public key is the key's own.
    const std::shared_ptr<EVP_PKEY> pub = publicKey(DkimAlgorithm::Rsa, key.publicKeyData());
    QVERIFY(pub);
    QCOMPARE(EVP_PKEY_get_bits(pub.get()), 2048);
}

void TestDkimSigner::keyGenerationLimits() {
    QString error;
    QVERIFY(DkimPrivateKey::generate(DkimAlgorithm::Rsa, 1024, &error).isNull());
    QVERIFY(error.contains(u"2048"_s));
    QVERIFY(DkimPrivateKey::generate(DkimAlgorithm::Rsa, 8192, &error).isNull());
    const DkimPrivateKey ed = DkimPrivateKey::generate(DkimAlgorithm::Ed25519, 0, &error);
    QVERIFY(!ed.isNull());
    QCOMPARE(QByteArray::fromBase64(ed.publicKeyData()).size(), 32);
    const DkimPrivateKey again = DkimPrivateKey::fromPem(ed.toPem(), &error);
    QCOMPARE(again.publicKeyData(), ed.publicKeyData());

    QVERIFY(DkimPrivateKey::fromPem("not a key"_ba, &error).isNull());
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestDkimSigner)
#include "tst_dkimsigner.moc"
