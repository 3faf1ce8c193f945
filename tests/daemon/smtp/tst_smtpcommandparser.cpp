// tst_smtpcommandparser.cpp - tables of SMTP command lines and what they parse to
//
// Covers daemon/smtp/SmtpCommandParser, SmtpPathParser and SmtpParameters:
// every verb, path form and MAIL/RCPT parameter of RFC 5321, 1870, 3030,
// 3461, 4954, 6152 and 6531, and every error reply. Each line is parsed
// whole, and again after passing through SmtpLineSplitter whole and byte by
// byte.

#include "smtp/SmtpCommandParser.h"
#include "smtp/SmtpLineSplitter.h"
#include "smtp/SmtpParameters.h"
#include "smtp/SmtpPathParser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::smtp;

namespace {

QString bodyName(SmtpBodyType body) {
    switch (body) {
    case SmtpBodyType::Unspecified:
        return {};
    case SmtpBodyType::SevenBit:
        return u"7BIT"_s;
    case SmtpBodyType::EightBitMime:
        return u"8BITMIME"_s;
    case SmtpBodyType::BinaryMime:
        return u"BINARYMIME"_s;
    }
    return {};
}

QString describePath(const SmtpPath &path) {
    QString out;
    switch (path.kind) {
    case SmtpPath::Kind::Null:
        out = u"<>"_s;
        break;
    case SmtpPath::Kind::Postmaster:
        out = u"postmaster:"_s + path.localPart;
        break;
    case SmtpPath::Kind::Mailbox:
        out = path.address();
        break;
    }
    if (!path.sourceRoute.isEmpty())
        out += u" route="_s + path.sourceRoute.join(u',');
    if (path.domainIsLiteral)
        out += u" literal"_s;
    if (path.utf8)
        out += u" utf8"_s;
    if (path.hasPercentHack)
        out += u" percent"_s;
    if (path.hasBangPath)
        out += u" bang"_s;
    if (path.quotedLocalPart)
        out += u" quoted"_s;
    if (path.localPartHasAt)
        out += u" at"_s;
    return out;
}

// One canonical line per parse result, so a table row states everything.
QString describe(const SmtpCommandResult &result) {
    const SmtpCommand &c = result.command;
    QString out = c.verb == SmtpVerb::Unknown ? u"?"_s : QString::fromLatin1(verbName(c.verb));
    if (!result.ok()) {
        out += u" ERR "_s + QString::number(result.error.code) + u' ' +
               QString::fromLatin1(result.error.enhancedStatus);
        if (result.disconnect)
            out += u" disconnect"_s;
        return out;
    }
    switch (c.verb) {
    case SmtpVerb::Ehlo:
    case SmtpVerb::Helo:
        out += u" name="_s + c.heloName + u" domain="_s + c.heloDomain;
        if (c.heloIsLiteral)
            out += u" literal"_s;
        break;
    case SmtpVerb::Mail: {
        const MailParameters &m = c.mail;
        out += u" path="_s + describePath(c.path);
        if (m.size >= 0)
            out += u" size="_s + QString::number(m.size);
        if (m.body != SmtpBodyType::Unspecified)
            out += u" body="_s + bodyName(m.body);
        if (m.smtpUtf8)
            out += u" smtputf8"_s;
        if (m.ret != DsnReturn::Unspecified)
            out += m.ret == DsnReturn::Full ? u" ret=FULL"_s : u" ret=HDRS"_s;
        if (!m.envelopeId.isEmpty())
            out += u" envid="_s + QString::fromUtf8(m.envelopeId);
        if (m.hasAuth)
            out += u" auth="_s + QString::fromUtf8(m.auth);
        break;
    }
    case SmtpVerb::Rcpt: {
        const RcptParameters &r = c.rcpt;
        out += u" path="_s + describePath(c.path);
        if (r.notify) {
            QStringList flags;
            if (r.notify.testFlag(DsnNotify::Never))
                flags += u"NEVER"_s;
            if (r.notify.testFlag(DsnNotify::Success))
                flags += u"SUCCESS"_s;
            if (r.notify.testFlag(DsnNotify::Failure))
                flags += u"FAILURE"_s;
            if (r.notify.testFlag(DsnNotify::Delay))
                flags += u"DELAY"_s;
            out += u" notify="_s + flags.join(u',');
        }
        if (!r.originalRecipientType.isEmpty()) {
            out += u" orcpt="_s + QString::fromUtf8(r.originalRecipientType) + u';' +
                   QString::fromUtf8(r.originalRecipient);
        }
        break;
    }
    case SmtpVerb::Bdat:
        out += u" size="_s + QString::number(c.chunkSize);
        if (c.lastChunk)
            out += u" last"_s;
        break;
    case SmtpVerb::Auth:
        out += u" mech="_s + QString::fromLatin1(c.authMechanism);
        if (c.hasInitialResponse)
            out += u" ir="_s + QString::fromLatin1(c.authInitialResponse);
        break;
    default:
        if (!c.argument.isEmpty())
            out += u" arg="_s + QString::fromUtf8(c.argument);
        break;
    }
    return out;
}

QString viaSplitter(const QByteArray &line, bool byteByByte) {
    SmtpLineSplitter splitter(SmtpLimits().maxExtendedCommandLine);
    const QByteArray input = line + "\r\n"_ba;
    QList<SmtpLineSplitter::Result> results;
    qsizetype pos = 0;
    while (pos < input.size()) {
        const qsizetype step = byteByByte ? 1 : input.size() - pos;
        QByteArrayView piece = QByteArrayView(input).sliced(pos, step);
        while (!piece.isEmpty()) {
            SmtpLineSplitter::Result r = splitter.next(piece);
            piece = piece.sliced(r.consumed);
            if (r.status != SmtpLineSplitter::Status::NeedMore)
                results.append(std::move(r));
        }
        pos += step;
    }
    if (results.size() != 1 || results.first().status != SmtpLineSplitter::Status::Line)
        return u"splitter did not return one line"_s;
    return describe(parseCommand(results.first().line));
}

} // namespace

class TestSmtpCommandParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commands_data();
    void commands();
    void errorRepliesAreWellFormed();
    void verbNames();
    void addressLiterals_data();
    void addressLiterals();
    void utf8Validation_data();
    void utf8Validation();
    void xtext_data();
    void xtext();
    void customLimits();
};

void TestSmtpCommandParser::commands_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");

    const QByteArray local65(65, 'a');
    // 252 octets: "<a@" + domain + ">" is exactly the 256 of RFC 5321 4.5.3.1.3.
    const QByteArray domain252 = QByteArray(63, 'd') + '.' + QByteArray(63, 'e') + '.' +
                                 QByteArray(63, 'f') + '.' + QByteArray(56, 'g') + ".org";
    const QByteArray envid100(100, 'E');
    const QByteArray authLong = "alice+40example.org" + QByteArray(400, 'x');
    const QByteArray noopArgument(512 - 2 - 5, 'n'); // "NOOP " + argument + CRLF = 512

    struct Row {
        const char *name;
        QByteArray line;
        QString expected;
    };
    const Row rows[] = {
        // General
        {"empty line", ""_ba, u"? ERR 500 5.5.2"_s},
        {"blanks only", "   \t"_ba, u"? ERR 500 5.5.2"_s},
        {"unknown verb", "FOO bar"_ba, u"? ERR 500 5.5.1"_s},
        {"verb glued to argument", "MAILFROM:<a@example.org>"_ba, u"? ERR 500 5.5.1"_s},
        {"non-ASCII verb", "M\xc3\x84IL FROM:<>"_ba, u"? ERR 500 5.5.1"_s},
        {"HTTP GET", "GET / HTTP/1.1"_ba, u"? ERR 500 5.5.1 disconnect"_s},
        {"HTTP POST", "POST /form HTTP/1.1"_ba, u"? ERR 500 5.5.1 disconnect"_s},
        {"HTTP CONNECT", "CONNECT mx.example.org:25 HTTP/1.1"_ba, u"? ERR 500 5.5.1 disconnect"_s},
        {"lower-case get is only unknown", "get /"_ba, u"? ERR 500 5.5.1"_s},
        {"NUL in line", "NOOP a\0b"_ba, u"NOOP ERR 500 5.5.2"_s},
        {"CR inside line", "MAIL FROM:<a@example.org>\rRCPT TO:<b@example.org>"_ba,
         u"MAIL ERR 500 5.5.2"_s},
        {"DEL in line", "NOOP \x7f"_ba, u"NOOP ERR 500 5.5.2"_s},
        {"ESC in line", "HELP \x1b[0m"_ba, u"HELP ERR 500 5.5.2"_s},
        {"line of exactly 512", "NOOP " + noopArgument,
         u"NOOP arg="_s + QString::fromLatin1(noopArgument)},
        {"line of 513", "NOOP " + noopArgument + 'n', u"NOOP ERR 500 5.5.2"_s},
        {"tab between words", "EHLO\tclient.example.org"_ba,
         u"EHLO name=client.example.org domain=client.example.org"_s},

        // EHLO / HELO (RFC 5321 section 4.1.1.1)
        {"EHLO", "EHLO client.example.org"_ba,
         u"EHLO name=client.example.org domain=client.example.org"_s},
        {"ehlo lower case", "ehlo Client.Example.ORG"_ba,
         u"EHLO name=Client.Example.ORG domain=client.example.org"_s},
        {"HELO", "HELO client.example.org"_ba,
         u"HELO name=client.example.org domain=client.example.org"_s},
        {"EHLO trailing blanks", "EHLO  a.example.org  "_ba,
         u"EHLO name=a.example.org domain=a.example.org"_s},
        {"EHLO single label", "EHLO localhost"_ba, u"EHLO name=localhost domain=localhost"_s},
        {"EHLO IPv4 literal", "EHLO [192.0.2.1]"_ba,
         u"EHLO name=[192.0.2.1] domain=[192.0.2.1] literal"_s},
        {"EHLO IPv6 literal", "EHLO [IPv6:2001:DB8::1]"_ba,
         u"EHLO name=[IPv6:2001:DB8::1] domain=[IPv6:2001:db8::1] literal"_s},
        {"EHLO bad literal kept as name", "EHLO [300.1.1.1]"_ba,
         u"EHLO name=[300.1.1.1] domain="_s},
        {"EHLO underscore tolerated", "EHLO my_host"_ba, u"EHLO name=my_host domain="_s},
        {"EHLO U-label",
         "EHLO b\xc3\xbc"
         "cher.example"_ba,
         u"EHLO name=bücher.example domain=xn--bcher-kva.example"_s},
        {"EHLO invalid UTF-8", "EHLO \xff.example"_ba, u"EHLO ERR 501 5.5.4"_s},
        {"EHLO without name", "EHLO"_ba, u"EHLO ERR 501 5.5.4"_s},
        {"EHLO blank name", "EHLO   "_ba, u"EHLO ERR 501 5.5.4"_s},
        {"HELO without name", "HELO"_ba, u"HELO ERR 501 5.5.4"_s},

        // MAIL FROM paths (RFC 5321 section 4.1.2)
        {"MAIL", "MAIL FROM:<alice@example.org>"_ba, u"MAIL path=alice@example.org"_s},
        {"mail lower case", "mail from:<alice@example.org>"_ba, u"MAIL path=alice@example.org"_s},
        {"space after FROM: tolerated", "MAIL FROM: <alice@example.org>"_ba,
         u"MAIL path=alice@example.org"_s},
        {"two spaces after MAIL", "MAIL  FROM:<alice@example.org>"_ba,
         u"MAIL path=alice@example.org"_s},
        {"null reverse-path", "MAIL FROM:<>"_ba, u"MAIL path=<>"_s},
        {"case kept in local part", "MAIL FROM:<Alice@EXAMPLE.org>"_ba,
         u"MAIL path=Alice@example.org"_s},
        {"source route stripped", "MAIL FROM:<@relay.example,@hop.example:alice@example.org>"_ba,
         u"MAIL path=alice@example.org route=relay.example,hop.example"_s},
        {"one-hop source route", "MAIL FROM:<@relay.example:alice@example.org>"_ba,
         u"MAIL path=alice@example.org route=relay.example"_s},
        {"route without colon", "MAIL FROM:<@relay.example,alice@example.org>"_ba,
         u"MAIL ERR 501 5.1.7"_s},
        {"route with empty hop", "MAIL FROM:<@:alice@example.org>"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"route with empty mailbox", "MAIL FROM:<@relay.example:>"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"quoted local part", "MAIL FROM:<\"john doe\"@example.org>"_ba,
         u"MAIL path=\"john doe\"@example.org quoted"_s},
        {"quoted local part with >", "MAIL FROM:<\"a>b\"@example.org>"_ba,
         u"MAIL path=\"a>b\"@example.org quoted"_s},
        {"quoted local part with @", "MAIL FROM:<\"user@other.example\"@example.org>"_ba,
         u"MAIL path=\"user@other.example\"@example.org quoted at"_s},
        {"percent hack", "MAIL FROM:<user%other.example@example.org>"_ba,
         u"MAIL path=user%other.example@example.org percent"_s},
        {"bang path", "MAIL FROM:<other!user@example.org>"_ba,
         u"MAIL path=other!user@example.org bang"_s},
        {"IPv4 literal domain", "MAIL FROM:<user@[192.0.2.7]>"_ba,
         u"MAIL path=user@[192.0.2.7] literal"_s},
        {"IPv6 literal domain", "MAIL FROM:<user@[IPv6:::1]>"_ba,
         u"MAIL path=user@[IPv6:::1] literal"_s},
        {"bad literal domain", "MAIL FROM:<user@[999.0.0.1]>"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"UTF-8 local part", "MAIL FROM:<j\xc3\xb6rg@example.org> SMTPUTF8"_ba,
         u"MAIL path=jörg@example.org utf8 smtputf8"_s},
        {"UTF-8 without SMTPUTF8 is flagged", "MAIL FROM:<j\xc3\xb6rg@example.org>"_ba,
         u"MAIL path=jörg@example.org utf8"_s},
        {"UTF-8 domain",
         "MAIL FROM:<user@b\xc3\xbc"
         "cher.example> SMTPUTF8"_ba,
         u"MAIL path=user@xn--bcher-kva.example utf8 smtputf8"_s},
        {"invalid UTF-8", "MAIL FROM:<\xff@example.org>"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"overlong UTF-8", "MAIL FROM:<\xc0\xaf@example.org>"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"unbracketed address", "MAIL FROM:alice@example.org"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"no closing bracket", "MAIL FROM:<alice@example.org"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"no domain", "MAIL FROM:<alice>"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"Postmaster is no sender", "MAIL FROM:<Postmaster>"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"text after path", "MAIL FROM:<alice@example.org>x"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"space inside brackets", "MAIL FROM:< alice@example.org>"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"two @", "MAIL FROM:<alice@@example.org>"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"single-label domain", "MAIL FROM:<alice@example>"_ba, u"MAIL ERR 501 5.1.7"_s},
        {"local part of 65", "MAIL FROM:<" + local65 + "@example.org>", u"MAIL ERR 501 5.1.7"_s},
        {"path of 256", "MAIL FROM:<a@" + domain252 + ">",
         u"MAIL path=a@"_s + QString::fromLatin1(domain252)},
        {"path over 256", "MAIL FROM:<ab@" + domain252 + ">", u"MAIL ERR 501 5.1.7"_s},
        {"FROM: missing path", "MAIL FROM:"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"MAIL TO:", "MAIL TO:<a@example.org>"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"MAIL alone", "MAIL"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"space before colon", "MAIL FROM :<a@example.org>"_ba, u"MAIL ERR 501 5.5.4"_s},

        // MAIL parameters
        {"SIZE", "MAIL FROM:<a@example.org> SIZE=12345"_ba,
         u"MAIL path=a@example.org size=12345"_s},
        {"size lower case", "MAIL FROM:<a@example.org> size=0"_ba,
         u"MAIL path=a@example.org size=0"_s},
        {"SIZE of 20 digits saturates", "MAIL FROM:<a@example.org> SIZE=99999999999999999999"_ba,
         u"MAIL path=a@example.org size=9223372036854775807"_s},
        {"SIZE of 21 digits", "MAIL FROM:<a@example.org> SIZE=123456789012345678901"_ba,
         u"MAIL ERR 501 5.5.4"_s},
        {"SIZE not a number", "MAIL FROM:<a@example.org> SIZE=12a"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"SIZE without value", "MAIL FROM:<a@example.org> SIZE"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"SIZE empty value", "MAIL FROM:<a@example.org> SIZE="_ba, u"MAIL ERR 501 5.5.4"_s},
        {"BODY=8BITMIME", "MAIL FROM:<a@example.org> BODY=8BITMIME"_ba,
         u"MAIL path=a@example.org body=8BITMIME"_s},
        {"body=7bit", "MAIL FROM:<a@example.org> body=7bit"_ba,
         u"MAIL path=a@example.org body=7BIT"_s},
        {"BODY=BINARYMIME", "MAIL FROM:<a@example.org> BODY=BINARYMIME"_ba,
         u"MAIL path=a@example.org body=BINARYMIME"_s},
        {"BODY unknown", "MAIL FROM:<a@example.org> BODY=9BIT"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"SMTPUTF8", "MAIL FROM:<a@example.org> SMTPUTF8"_ba,
         u"MAIL path=a@example.org smtputf8"_s},
        {"SMTPUTF8 with value", "MAIL FROM:<a@example.org> SMTPUTF8=yes"_ba,
         u"MAIL ERR 501 5.5.4"_s},
        {"RET=FULL", "MAIL FROM:<a@example.org> RET=FULL"_ba,
         u"MAIL path=a@example.org ret=FULL"_s},
        {"ret=hdrs", "MAIL FROM:<a@example.org> ret=hdrs"_ba,
         u"MAIL path=a@example.org ret=HDRS"_s},
        {"RET unknown", "MAIL FROM:<a@example.org> RET=NONE"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"ENVID", "MAIL FROM:<a@example.org> ENVID=QQ314159"_ba,
         u"MAIL path=a@example.org envid=QQ314159"_s},
        {"ENVID with hexchar kept encoded", "MAIL FROM:<a@example.org> ENVID=a+2Bb"_ba,
         u"MAIL path=a@example.org envid=a+2Bb"_s},
        {"ENVID cut hexchar", "MAIL FROM:<a@example.org> ENVID=a+2"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"ENVID of 100", "MAIL FROM:<a@example.org> ENVID=" + envid100,
         u"MAIL path=a@example.org envid="_s + QString::fromLatin1(envid100)},
        {"ENVID of 101", "MAIL FROM:<a@example.org> ENVID=" + envid100 + 'E',
         u"MAIL ERR 501 5.5.4"_s},
        {"ENVID with UTF-8", "MAIL FROM:<a@example.org> ENVID=\xc3\xa9"_ba,
         u"MAIL ERR 501 5.5.4"_s},
        {"AUTH=<>", "MAIL FROM:<a@example.org> AUTH=<>"_ba, u"MAIL path=a@example.org auth=<>"_s},
        {"AUTH= xtext decoded", "MAIL FROM:<a@example.org> AUTH=e+3Dmc2@example.org"_ba,
         u"MAIL path=a@example.org auth=e=mc2@example.org"_s},
        {"AUTH= bad xtext", "MAIL FROM:<a@example.org> AUTH=+ZZ"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"value containing =", "MAIL FROM:<a@example.org> ENVID=a=b"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"duplicate parameter", "MAIL FROM:<a@example.org> SIZE=1 SIZE=2"_ba,
         u"MAIL ERR 501 5.5.4"_s},
        {"unknown parameter", "MAIL FROM:<a@example.org> FOO=bar"_ba, u"MAIL ERR 555 5.5.4"_s},
        {"unknown flag parameter", "MAIL FROM:<a@example.org> XFOO"_ba, u"MAIL ERR 555 5.5.4"_s},
        {"RCPT parameter on MAIL", "MAIL FROM:<a@example.org> NOTIFY=NEVER"_ba,
         u"MAIL ERR 555 5.5.4"_s},
        {"malformed keyword", "MAIL FROM:<a@example.org> -FOO"_ba, u"MAIL ERR 501 5.5.4"_s},
        {"extra blanks between parameters",
         "MAIL FROM:<a@example.org>  SIZE=1 \t BODY=8BITMIME  "_ba,
         u"MAIL path=a@example.org size=1 body=8BITMIME"_s},
        {"every parameter, over 512 octets",
         "MAIL FROM:<a@example.org> SIZE=1000 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=" + envid100 +
             " AUTH=" + authLong,
         u"MAIL path=a@example.org size=1000 body=8BITMIME smtputf8 ret=HDRS envid="_s +
             QString::fromLatin1(envid100) + u" auth=alice@example.org"_s + QString(400, u'x')},

        // RCPT TO
        {"RCPT", "RCPT TO:<bob@example.org>"_ba, u"RCPT path=bob@example.org"_s},
        {"rcpt lower case", "rcpt to:<bob@example.org>"_ba, u"RCPT path=bob@example.org"_s},
        {"space after TO:", "RCPT TO: <bob@example.org>"_ba, u"RCPT path=bob@example.org"_s},
        {"null forward-path", "RCPT TO:<>"_ba, u"RCPT ERR 501 5.1.3"_s},
        {"Postmaster", "RCPT TO:<Postmaster>"_ba, u"RCPT path=postmaster:Postmaster"_s},
        {"POSTMASTER", "RCPT TO:<POSTMASTER>"_ba, u"RCPT path=postmaster:POSTMASTER"_s},
        {"postmaster with domain", "RCPT TO:<postmaster@example.org>"_ba,
         u"RCPT path=postmaster@example.org"_s},
        {"RCPT source route", "RCPT TO:<@hop.example:bob@example.org>"_ba,
         u"RCPT path=bob@example.org route=hop.example"_s},
        {"RCPT percent hack", "RCPT TO:<bob%elsewhere.example@example.org>"_ba,
         u"RCPT path=bob%elsewhere.example@example.org percent"_s},
        {"RCPT quoted @", "RCPT TO:<\"bob@elsewhere.example\"@example.org>"_ba,
         u"RCPT path=\"bob@elsewhere.example\"@example.org quoted at"_s},
        {"NOTIFY list", "RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE"_ba,
         u"RCPT path=bob@example.org notify=SUCCESS,FAILURE"_s},
        {"notify=never", "RCPT TO:<bob@example.org> notify=never"_ba,
         u"RCPT path=bob@example.org notify=NEVER"_s},
        {"NOTIFY=DELAY", "RCPT TO:<bob@example.org> NOTIFY=DELAY"_ba,
         u"RCPT path=bob@example.org notify=DELAY"_s},
        {"NEVER with others", "RCPT TO:<bob@example.org> NOTIFY=NEVER,SUCCESS"_ba,
         u"RCPT ERR 501 5.5.4"_s},
        {"NOTIFY unknown", "RCPT TO:<bob@example.org> NOTIFY=BOGUS"_ba, u"RCPT ERR 501 5.5.4"_s},
        {"NOTIFY empty item", "RCPT TO:<bob@example.org> NOTIFY=SUCCESS,"_ba,
         u"RCPT ERR 501 5.5.4"_s},
        {"ORCPT", "RCPT TO:<bob@example.org> ORCPT=rfc822;bob@example.org"_ba,
         u"RCPT path=bob@example.org orcpt=rfc822;bob@example.org"_s},
        {"ORCPT kept encoded", "RCPT TO:<bob@example.org> ORCPT=rfc822;bob+2Bx@example.org"_ba,
         u"RCPT path=bob@example.org orcpt=rfc822;bob+2Bx@example.org"_s},
        {"ORCPT utf-8 type", "RCPT TO:<bob@example.org> ORCPT=utf-8;j\xc3\xb6rg@example.org"_ba,
         u"RCPT path=bob@example.org orcpt=utf-8;jörg@example.org"_s},
        {"ORCPT without type", "RCPT TO:<bob@example.org> ORCPT=rfc822"_ba,
         u"RCPT ERR 501 5.5.4"_s},
        {"ORCPT empty type", "RCPT TO:<bob@example.org> ORCPT=;bob@example.org"_ba,
         u"RCPT ERR 501 5.5.4"_s},
        {"ORCPT bad xtext", "RCPT TO:<bob@example.org> ORCPT=rfc822;a+"_ba,
         u"RCPT ERR 501 5.5.4"_s},
        {"both DSN parameters",
         "RCPT TO:<bob@example.org> NOTIFY=FAILURE,DELAY ORCPT=rfc822;b@example.org"_ba,
         u"RCPT path=bob@example.org notify=FAILURE,DELAY orcpt=rfc822;b@example.org"_s},
        {"MAIL parameter on RCPT", "RCPT TO:<bob@example.org> SIZE=10"_ba, u"RCPT ERR 555 5.5.4"_s},
        {"RCPT unbracketed", "RCPT TO:bob@example.org"_ba, u"RCPT ERR 501 5.1.3"_s},
        {"RCPT no domain", "RCPT TO:<bob>"_ba, u"RCPT ERR 501 5.1.3"_s},
        {"RCPT FROM:", "RCPT FROM:<bob@example.org>"_ba, u"RCPT ERR 501 5.5.4"_s},
        {"RCPT alone", "RCPT"_ba, u"RCPT ERR 501 5.5.4"_s},

        // Commands without arguments
        {"DATA", "DATA"_ba, u"DATA"_s},
        {"data trailing space", "data "_ba, u"DATA"_s},
        {"DATA with argument", "DATA now"_ba, u"DATA ERR 501 5.5.4"_s},
        {"RSET", "RSET"_ba, u"RSET"_s},
        {"RSET with argument", "RSET all"_ba, u"RSET ERR 501 5.5.4"_s},
        {"QUIT", "QUIT"_ba, u"QUIT"_s},
        {"QUIT with argument", "QUIT now"_ba, u"QUIT ERR 501 5.5.4"_s},
        {"STARTTLS", "STARTTLS"_ba, u"STARTTLS"_s},
        {"starttls", "starttls"_ba, u"STARTTLS"_s},
        {"STARTTLS with argument", "STARTTLS x"_ba, u"STARTTLS ERR 501 5.5.4"_s},

        // Optional and required arguments
        {"NOOP", "NOOP"_ba, u"NOOP"_s},
        {"NOOP with text", "NOOP are you there"_ba, u"NOOP arg=are you there"_s},
        {"HELP", "HELP"_ba, u"HELP"_s},
        {"HELP topic", "HELP MAIL"_ba, u"HELP arg=MAIL"_s},
        {"VRFY", "VRFY alice"_ba, u"VRFY arg=alice"_s},
        {"VRFY without argument", "VRFY"_ba, u"VRFY ERR 501 5.5.4"_s},
        {"EXPN", "EXPN staff"_ba, u"EXPN arg=staff"_s},
        {"EXPN without argument", "EXPN "_ba, u"EXPN ERR 501 5.5.4"_s},

        // BDAT (RFC 3030 section 2)
        {"BDAT", "BDAT 100"_ba, u"BDAT size=100"_s},
        {"BDAT 0 LAST", "BDAT 0 LAST"_ba, u"BDAT size=0 last"_s},
        {"bdat last lower case", "bdat 5 last"_ba, u"BDAT size=5 last"_s},
        {"BDAT 18 digits", "BDAT 999999999999999999"_ba, u"BDAT size=999999999999999999"_s},
        {"BDAT 19 digits", "BDAT 1234567890123456789"_ba, u"BDAT ERR 501 5.5.4"_s},
        {"BDAT without size", "BDAT"_ba, u"BDAT ERR 501 5.5.4"_s},
        {"BDAT size not a number", "BDAT x"_ba, u"BDAT ERR 501 5.5.4"_s},
        {"BDAT negative", "BDAT -1"_ba, u"BDAT ERR 501 5.5.4"_s},
        {"BDAT wrong keyword", "BDAT 10 FIRST"_ba, u"BDAT ERR 501 5.5.4"_s},
        {"BDAT extra word", "BDAT 10 LAST extra"_ba, u"BDAT ERR 501 5.5.4"_s},

        // AUTH (RFC 4954 section 4)
        {"AUTH", "AUTH PLAIN"_ba, u"AUTH mech=PLAIN"_s},
        {"auth with initial response", "auth plain AGFsaWNlAHNlY3JldA=="_ba,
         u"AUTH mech=PLAIN ir=AGFsaWNlAHNlY3JldA=="_s},
        {"AUTH empty initial response", "AUTH LOGIN ="_ba, u"AUTH mech=LOGIN ir=="_s},
        {"AUTH SCRAM", "AUTH SCRAM-SHA-256"_ba, u"AUTH mech=SCRAM-SHA-256"_s},
        {"AUTH response not base64 length", "AUTH PLAIN abc"_ba, u"AUTH ERR 501 5.5.2"_s},
        {"AUTH data after padding", "AUTH PLAIN ab=c"_ba, u"AUTH ERR 501 5.5.2"_s},
        {"AUTH bad base64 character", "AUTH PLAIN ab*d"_ba, u"AUTH ERR 501 5.5.2"_s},
        {"AUTH without mechanism", "AUTH"_ba, u"AUTH ERR 501 5.5.4"_s},
        {"AUTH bad mechanism", "AUTH PL@IN"_ba, u"AUTH ERR 501 5.5.4"_s},
        {"AUTH mechanism of 21", "AUTH ABCDEFGHIJKLMNOPQRSTU"_ba, u"AUTH ERR 501 5.5.4"_s},
        {"AUTH extra word", "AUTH PLAIN AAAA BBBB"_ba, u"AUTH ERR 501 5.5.4"_s},
    };
    for (const Row &row : rows)
        QTest::newRow(row.name) << row.line << row.expected;
}

void TestSmtpCommandParser::commands() {
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);

    QCOMPARE(describe(parseCommand(line)), expected);
    QCOMPARE(viaSplitter(line, false), expected);
    QCOMPARE(viaSplitter(line, true), expected);
}

void TestSmtpCommandParser::errorRepliesAreWellFormed() {
    const QByteArray lines[] = {
        "MAIL FROM:<\r\n\x01\xff@example.org>"_ba,
        "RCPT TO:<" + QByteArray(300, 'x') + "@example.org>",
        "MAIL FROM:<a@example.org> X" + QByteArray(400, '\xc3'),
        "FOO"_ba,
    };
    for (const QByteArray &line : lines) {
        const SmtpCommandResult result = parseCommand(line);
        QVERIFY(!result.ok());
        const QByteArray wire = result.error.toWire();
        QVERIFY(wire.endsWith("\r\n"));
        QCOMPARE(wire.count('\n'), 1);
        QCOMPARE(wire.count('\r'), 1);
        QVERIFY(wire.size() <= maxReplyLineOctets);
        const QByteArray prefix =
            QByteArray::number(result.error.code) + ' ' + result.error.enhancedStatus + ' ';
        QVERIFY(wire.startsWith(prefix));
    }
}

void TestSmtpCommandParser::verbNames() {
    QCOMPARE(verbName(SmtpVerb::StartTls), "STARTTLS");
    QCOMPARE(verbName(SmtpVerb::Bdat), "BDAT");
    QVERIFY(verbName(SmtpVerb::Unknown).isEmpty());
    const SmtpCommandResult unknown = parseCommand("xyzzy plugh");
    QCOMPARE(unknown.command.verbText, "XYZZY");
}

void TestSmtpCommandParser::addressLiterals_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("IPv4") << u"[192.0.2.1]"_s << u"[192.0.2.1]"_s;
    QTest::newRow("IPv4 leading zeros") << u"[010.0.2.001]"_s << u"[10.0.2.1]"_s;
    QTest::newRow("IPv4 255") << u"[255.255.255.255]"_s << u"[255.255.255.255]"_s;
    QTest::newRow("IPv4 256") << u"[256.0.0.1]"_s << QString();
    QTest::newRow("IPv4 three parts") << u"[1.2.3]"_s << QString();
    QTest::newRow("IPv4 four digits") << u"[1.2.3.0001]"_s << QString();
    QTest::newRow("IPv6") << u"[IPv6:2001:db8::1]"_s << u"[IPv6:2001:db8::1]"_s;
    QTest::newRow("IPv6 tag case") << u"[ipv6:2001:DB8:0:0:0:0:0:1]"_s << u"[IPv6:2001:db8::1]"_s;
    QTest::newRow("IPv6 with IPv4 tail")
        << u"[IPv6:::ffff:192.0.2.1]"_s << u"[IPv6:::ffff:192.0.2.1]"_s;
    QTest::newRow("IPv6 scope id") << u"[IPv6:fe80::1%eth0]"_s << QString();
    QTest::newRow("IPv6 without tag") << u"[2001:db8::1]"_s << QString();
    QTest::newRow("IPv4 in IPv6 tag") << u"[IPv6:192.0.2.1]"_s << QString();
    QTest::newRow("general literal") << u"[x-tag:abc]"_s << QString();
    QTest::newRow("empty") << u"[]"_s << QString();
    QTest::newRow("no brackets") << u"192.0.2.1"_s << QString();
}

void TestSmtpCommandParser::addressLiterals() {
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QCOMPARE(parseAddressLiteral(input), canonical);
}

void TestSmtpCommandParser::utf8Validation_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ASCII") << "abc"_ba << true;
    QTest::newRow("two octets") << "\xc3\xa9"_ba << true;
    QTest::newRow("three octets") << "\xe2\x82\xac"_ba << true;
    QTest::newRow("four octets") << "\xf0\x9f\x98\x80"_ba << true;
    QTest::newRow("U+10FFFF") << "\xf4\x8f\xbf\xbf"_ba << true;
    QTest::newRow("past U+10FFFF") << "\xf4\x90\x80\x80"_ba << false;
    QTest::newRow("overlong slash") << "\xc0\xaf"_ba << false;
    QTest::newRow("overlong three") << "\xe0\x80\xaf"_ba << false;
    QTest::newRow("overlong four") << "\xf0\x80\x80\xaf"_ba << false;
    QTest::newRow("surrogate") << "\xed\xa0\x80"_ba << false;
    QTest::newRow("lone continuation") << "\x80"_ba << false;
    QTest::newRow("truncated") << "\xe2\x82"_ba << false;
    QTest::newRow("bad continuation") << "\xe2\x28\xa1"_ba << false;
    QTest::newRow("0xff") << "\xff"_ba << false;
}

void TestSmtpCommandParser::utf8Validation() {
    QFETCH(QByteArray, input);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8(input), valid);
}

void TestSmtpCommandParser::xtext_data() {
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("decoded");
    QTest::newRow("plain") << "abc"_ba << true << "abc"_ba;
    QTest::newRow("plus") << "a+2Bb"_ba << true << "a+b"_ba;
    QTest::newRow("equals") << "+3D"_ba << true << "="_ba;
    QTest::newRow("lower-case hex tolerated") << "+3d"_ba << true << "="_ba;
    QTest::newRow("empty") << ""_ba << true << ""_ba;
    QTest::newRow("cut") << "a+4"_ba << false << QByteArray();
    QTest::newRow("not hex") << "+GG"_ba << false << QByteArray();
    QTest::newRow("raw equals") << "a=b"_ba << false << QByteArray();
    QTest::newRow("space") << "a b"_ba << false << QByteArray();
    QTest::newRow("non-ASCII") << "\xc3\xa9"_ba << false << QByteArray();
}

void TestSmtpCommandParser::xtext() {
    QFETCH(QByteArray, encoded);
    QFETCH(bool, valid);
    QFETCH(QByteArray, decoded);
    QCOMPARE(isXtext(encoded), valid);
    const std::optional<QByteArray> result = decodeXtext(encoded);
    QCOMPARE(result.has_value(), valid);
    if (valid) {
        QCOMPARE(*result, decoded);
        QCOMPARE(decodeXtext(encodeXtext(decoded)), decoded);
    }
    const QByteArray every = [] {
        QByteArray all;
        for (int c = 0; c < 256; ++c)
            all += char(c);
        return all;
    }();
    QCOMPARE(decodeXtext(encodeXtext(every)), every);
}

void TestSmtpCommandParser::customLimits() {
    SmtpLimits limits;
    limits.maxCommandLine = 20;
    limits.maxExtendedCommandLine = 40;
    QVERIFY(parseCommand("NOOP 1234567890123", limits).ok());      // 18 + CRLF = 20
    QVERIFY(!parseCommand("NOOP 12345678901234", limits).ok());    // 21
    const QByteArray mail = "MAIL FROM:<a@example.org> SIZE=1"_ba; // 32 + 2
    QVERIFY(parseCommand(mail, limits).ok());
    const SmtpCommandResult tooLong = parseCommand(QByteArray(mail + " BODY=7BIT"), limits);
    QCOMPARE(tooLong.error.code, 500);
    QCOMPARE(tooLong.error.enhancedStatus, "5.5.2");
}

QTEST_GUILESS_MAIN(TestSmtpCommandParser)
#include "tst_smtpcommandparser.moc"
