// tst_ctlcommands.cpp - mailsteadctl: argument parsing, tables and output
//
// The parser is a pure function (argv -> method + params, or a usage
// error), so every command line is a row in a table. End-to-end runs
// against a real daemon live in tests/e2e/.
#include "CtlCommands.h"
#include "CtlOutput.h"
#include "TableWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead::ctl;

namespace {

QJsonObject json(const char *text) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in test: %s", text);
    return doc.object();
}

QStringList args(const char *line) {
    // Test rows are written as shell-like lines; '|' separates arguments
    // when an argument itself contains spaces.
    const QString text = QString::fromUtf8(line);
    if (text.contains(u'|'))
        return text.split(u'|');
    return text.split(u' ', Qt::SkipEmptyParts);
}

} // namespace

class TestCtlCommands : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseCalls_data();
    void parseCalls();
    void parseUsageErrors_data();
    void parseUsageErrors();
    void globalOptions();
    void helpAndVersion_data();
    void helpAndVersion();
    void everyCommandHasHelpAndFormatter();

    void tableAlignsColumns();
    void tableUsesDisplayWidth_data();
    void tableUsesDisplayWidth();
    void tableSanitizesControlCharacters();
    void fieldsAlignValues();

    void formatDomainList();
    void formatDomainListEmpty();
    void formatMailboxShowsUnicode();
    void formatAliasCatchAll();
    void formatStatus();
    void authTestExitCodes();
    void confirmations_data();
    void confirmations();
};

void TestCtlCommands::parseCalls_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("stdinParam");

    const QString none;
    QTest::newRow("status") << args("status") << u"system.status"_s << json("{}") << none;

    QTest::newRow("domain add") << args("domain add example.test") << u"domain.add"_s
                                << json(R"({"name":"example.test"})") << none;
    QTest::newRow("domain add all options")
        << args("domain|add|example.test|--quota|10G|--max-mailboxes|5|--max-aliases|0|"
                "--description|Family mail|--inactive")
        << u"domain.add"_s << json(R"({"name":"example.test","quota":10737418240,"max_mailboxes":5,
                    "max_aliases":0,"description":"Family mail","active":false})")
        << none;
    QTest::newRow("domain add option=value before arg")
        << args("domain add --quota=1.5G example.test") << u"domain.add"_s
        << json(R"({"name":"example.test","quota":1610612736})") << none;
    QTest::newRow("domain add unicode") << args("domain add bücher.example") << u"domain.add"_s
                                        << json(R"({"name":"bücher.example"})") << none;
    QTest::newRow("domain add alias domain")
        << args("domain add example.net --alias-for example.test") << u"domain.add"_s
        << json(R"({"name":"example.net","alias_for":"example.test"})") << none;
    QTest::newRow("domain list") << args("domain list") << u"domain.list"_s << json("{}") << none;
    QTest::newRow("domain show") << args("domain show example.test") << u"domain.get"_s
                                 << json(R"({"name":"example.test"})") << none;
    QTest::newRow("domain set")
        << args("domain set example.test --active no --quota 0 --description=")
        << u"domain.update"_s
        << json(R"({"name":"example.test","active":false,"quota":0,"description":""})") << none;
    QTest::newRow("domain set active yes")
        << args("domain set example.test --active=yes") << u"domain.update"_s
        << json(R"({"name":"example.test","active":true})") << none;
    QTest::newRow("domain remove") << args("domain remove example.test") << u"domain.remove"_s
                                   << json(R"({"name":"example.test"})") << none;
    QTest::newRow("domain remove force")
        << args("domain remove --force example.test") << u"domain.remove"_s
        << json(R"({"name":"example.test","force":true})") << none;

    QTest::newRow("mailbox add")
        << args("mailbox|add|alice@example.test|--password-stdin|--quota|2G|--name|Alice Liddell")
        << u"mailbox.add"_s
        << json(R"({"address":"alice@example.test","quota":2147483648,"name":"Alice Liddell"})")
        << u"password"_s;
    QTest::newRow("mailbox add hash inactive")
        << args("mailbox add alice@example.test --password-hash-stdin --inactive")
        << u"mailbox.add"_s << json(R"({"address":"alice@example.test","active":false})")
        << u"password_hash"_s;
    QTest::newRow("mailbox list") << args("mailbox list") << u"mailbox.list"_s << json("{}")
                                  << none;
    QTest::newRow("mailbox list domain") << args("mailbox list example.test") << u"mailbox.list"_s
                                         << json(R"({"domain":"example.test"})") << none;
    QTest::newRow("mailbox show") << args("mailbox show alice@example.test") << u"mailbox.get"_s
                                  << json(R"({"address":"alice@example.test"})") << none;
    QTest::newRow("mailbox set quota")
        << args("mailbox set alice@example.test --quota 1G") << u"mailbox.update"_s
        << json(R"({"address":"alice@example.test",
                                                   "quota":1073741824})")
        << none;
    QTest::newRow("mailbox set password")
        << args("mailbox set alice@example.test --password-stdin") << u"mailbox.update"_s
        << json(R"({"address":"alice@example.test"})") << u"password"_s;
    QTest::newRow("mailbox remove")
        << args("mailbox remove alice@example.test") << u"mailbox.remove"_s
        << json(R"({"address":"alice@example.test"})") << none;
    QTest::newRow("mailbox auth-test")
        << args("mailbox auth-test alice@example.test --password-stdin") << u"mailbox.auth_test"_s
        << json(R"({"address":"alice@example.test"})") << u"password"_s;
    QTest::newRow("mailbox send-as add")
        << args("mailbox send-as add alice@example.test @example.org") << u"mailbox.send_as_add"_s
        << json(R"({"mailbox":"alice@example.test","address":"@example.org"})") << none;
    QTest::newRow("mailbox send-as list all")
        << args("mailbox send-as list") << u"mailbox.send_as_list"_s << json("{}") << none;
    QTest::newRow("mailbox send-as remove")
        << args("mailbox send-as remove alice@example.test news@example.test")
        << u"mailbox.send_as_remove"_s
        << json(R"({"mailbox":"alice@example.test","address":"news@example.test"})") << none;
    QTest::newRow("leading dash is a name") << args("domain add -bad.test") << u"domain.add"_s
                                            << json(R"({"name":"-bad.test"})") << none;
    QTest::newRow("mailbox show after --")
        << args("mailbox show -- -odd@example.test") << u"mailbox.get"_s
        << json(R"({"address":"-odd@example.test"})") << none;

    QTest::newRow("alias add")
        << args("alias add sales@example.test alice@example.test bob@example.test")
        << u"alias.add"_s << json(R"({"source":"sales@example.test",
                    "targets":["alice@example.test","bob@example.test"]})")
        << none;
    QTest::newRow("alias add catch-all inactive")
        << args("alias add @example.test alice@example.test --inactive") << u"alias.add"_s
        << json(R"({"source":"@example.test","targets":["alice@example.test"],"active":false})")
        << none;
    QTest::newRow("alias list") << args("alias list") << u"alias.list"_s << json("{}") << none;
    QTest::newRow("alias list domain") << args("alias list example.test") << u"alias.list"_s
                                       << json(R"({"domain":"example.test"})") << none;
    QTest::newRow("alias show") << args("alias show sales@example.test") << u"alias.get"_s
                                << json(R"({"source":"sales@example.test"})") << none;
    QTest::newRow("alias set")
        << args("alias set sales@example.test --targets a@example.test,b@example.test --active no")
        << u"alias.update"_s
        << json(R"({"source":"sales@example.test","targets":["a@example.test","b@example.test"],
                    "active":false})")
        << none;
    QTest::newRow("alias set targets with spaces")
        << args("alias|set|sales@example.test|--targets|a@example.test, b@example.test")
        << u"alias.update"_s
        << json(R"({"source":"sales@example.test","targets":["a@example.test","b@example.test"]})")
        << none;
    QTest::newRow("alias remove") << args("alias remove sales@example.test") << u"alias.remove"_s
                                  << json(R"({"source":"sales@example.test"})") << none;
    QTest::newRow("dns records") << args("dns records example.test") << u"dns.records"_s
                                 << json(R"({"domain":"example.test"})") << none;
    QTest::newRow("dns records --zone")
        << args("dns records example.test --zone") << u"dns.records"_s
        << json(R"({"domain":"example.test","zone":true})") << none;
    QTest::newRow("dns check") << args("dns check example.test") << u"dns.check"_s
                               << json(R"({"domain":"example.test"})") << none;
    QTest::newRow("dns check without domain")
        << args("dns check") << u"dns.check"_s << json(R"({})") << none;
    QTest::newRow("dns records --zone without domain")
        << args("dns records --zone") << u"dns.records"_s << json(R"({"zone":true})") << none;
    QTest::newRow("queue retry one")
        << args("queue retry 1a2b") << u"queue.retry"_s << json(R"({"id":"1a2b"})") << none;
    QTest::newRow("queue retry all")
        << args("queue retry --all") << u"queue.retry"_s << json(R"({"all":true})") << none;
    QTest::newRow("queue hold") << args("queue hold 1a2b") << u"queue.hold"_s
                                << json(R"({"id":"1a2b"})") << none;
    QTest::newRow("cert import") << args("cert import chain.pem key.pem") << u"cert.import"_s
                                 << json(R"({"chain":"chain.pem","key":"key.pem"})") << none;
    QTest::newRow("dkim generate") << args("dkim generate example.test") << u"dkim.generate"_s
                                   << json(R"({"domain":"example.test"})") << none;
    QTest::newRow("dkim generate with options")
        << args("dkim generate example.test --selector s1 --algorithm rsa --bits 4096")
        << u"dkim.generate"_s
        << json(R"({"domain":"example.test","selector":"s1","algorithm":"rsa","bits":4096})")
        << none;
    QTest::newRow("dkim generate ed25519")
        << args("dkim generate example.test --algorithm ed25519") << u"dkim.generate"_s
        << json(R"({"domain":"example.test","algorithm":"ed25519"})") << none;
    QTest::newRow("dkim show") << args("dkim show example.test") << u"dkim.show"_s
                               << json(R"({"domain":"example.test"})") << none;
    QTest::newRow("dkim list") << args("dkim list") << u"dkim.list"_s << json("{}") << none;
    QTest::newRow("dkim remove") << args("dkim remove example.test") << u"dkim.remove"_s
                                 << json(R"({"domain":"example.test"})") << none;
    QTest::newRow("dkim remove selector")
        << args("dkim remove example.test --selector s1") << u"dkim.remove"_s
        << json(R"({"domain":"example.test","selector":"s1"})") << none;
}

void TestCtlCommands::parseCalls() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, method);
    QFETCH(QJsonObject, params);
    QFETCH(QString, stdinParam);

    const Invocation inv = parseArguments(arguments);
    QCOMPARE(inv.message, QString());
    QCOMPARE(inv.action, Invocation::Action::Call);
    QCOMPARE(inv.method, method);
    QCOMPARE(inv.params, params);
    QCOMPARE(inv.stdinParam, stdinParam);
    QVERIFY(inv.command);
    QCOMPARE(inv.command->method, method);
    // A password never travels in params from the command line.
    QVERIFY(!inv.params.contains(u"password"_s));
    QVERIFY(!inv.params.contains(u"password_hash"_s));
}

void TestCtlCommands::parseUsageErrors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("hint");

    QTest::newRow("nothing") << QStringList() << u"missing command"_s << u"mailsteadctl --help"_s;
    QTest::newRow("unknown noun") << args("frobnicate")
                                  << u"unknown command 'frobnicate'; "
                                     "valid commands: status, domain, "
                                     "mailbox, alias"_s
                                  << u"mailsteadctl --help"_s;
    QTest::newRow("unknown verb") << args("domain frob")
                                  << u"unknown domain command 'frob'; valid: add, list, show, set, "
                                     "remove"_s
                                  << u"mailsteadctl domain --help"_s;
    QTest::newRow("missing verb") << args("mailbox")
                                  << u"missing mailbox command; valid: add, "
                                     "list, show, set, remove, auth-test, send-as list, "
                                     "send-as add, send-as remove"_s
                                  << u"mailsteadctl mailbox --help"_s;
    QTest::newRow("send-as without its verb")
        << args("mailbox send-as")
        << u"missing mailbox command; valid: add, list, show, set, remove, auth-test, "
           "send-as list, send-as add, send-as remove"_s
        << u"mailsteadctl mailbox --help"_s;
    QTest::newRow("send-as unknown verb")
        << args("mailbox send-as grant a@a.test b@a.test")
        << u"unknown mailbox command 'send-as grant'; valid: add, list, show, set, remove, "
           "auth-test, send-as list, send-as add, send-as remove"_s
        << u"mailsteadctl mailbox --help"_s;
    QTest::newRow("send-as add missing address")
        << args("mailbox send-as add a@a.test") << u"missing ADDRESS for mailbox send-as add"_s
        << u"mailsteadctl mailbox send-as add --help"_s;
    QTest::newRow("missing name") << args("domain add") << u"missing NAME for domain add"_s
                                  << u"mailsteadctl domain add --help"_s;
    QTest::newRow("extra argument")
        << args("domain add a.test b.test") << u"unexpected argument 'b.test' for domain add"_s
        << u"mailsteadctl domain add --help"_s;
    QTest::newRow("status extra") << args("status now") << u"unexpected argument 'now' for status"_s
                                  << u"mailsteadctl status --help"_s;
    QTest::newRow("bad size") << args("domain add a.test --quota 10Q")
                              << u"invalid size for --quota: '10Q' (use e.g. 512M, 10G, or 0 for "
                                 "unlimited)"_s
                              << u"mailsteadctl domain add --help"_s;
    QTest::newRow("negative size")
        << args("mailbox set a@a.test --quota=-1G") << u"invalid size for --quota: '-1G'"_s
        << u"mailsteadctl mailbox set --help"_s;
    QTest::newRow("missing value")
        << args("domain add a.test --quota") << u"option --quota needs a value (SIZE)"_s
        << u"mailsteadctl domain add --help"_s;
    QTest::newRow("bad count") << args("domain add a.test --max-mailboxes -1")
                               << u"invalid number for --max-mailboxes: '-1'"_s
                               << u"mailsteadctl domain add --help"_s;
    QTest::newRow("count not a number")
        << args("domain set a.test --max-aliases many")
        << u"invalid number for --max-aliases: 'many'"_s << u"mailsteadctl domain set --help"_s;
    QTest::newRow("bad yes/no") << args("domain set a.test --active maybe")
                                << u"invalid value for --active: 'maybe' (use yes or no)"_s
                                << u"mailsteadctl domain set --help"_s;
    QTest::newRow("unknown option") << args("domain add a.test --colour blue")
                                    << u"unknown option '--colour' for domain add; valid: --quota,"
                                       " --max-mailboxes, --max-aliases, --description, "
                                       "--alias-for, --inactive"_s
                                    << u"mailsteadctl domain add --help"_s;
    QTest::newRow("single dash is an argument")
        << args("domain list -l") << u"unexpected argument '-l' for domain list"_s
        << u"mailsteadctl domain list --help"_s;
    QTest::newRow("option before command")
        << args("--quota 1G domain add a.test") << u"unknown option '--quota' before the command"_s
        << u"mailsteadctl --help"_s;
    QTest::newRow("flag with value")
        << args("domain remove a.test --force=yes") << u"option --force takes no value"_s
        << u"mailsteadctl domain remove --help"_s;
    QTest::newRow("twice") << args("domain add a.test --quota 1G --quota 2G")
                           << u"option --quota given twice"_s
                           << u"mailsteadctl domain add --help"_s;
    QTest::newRow("alias-for with quota") << args("domain add a.test --alias-for b.test --quota 1G")
                                          << u"--alias-for cannot be combined with other domain "
                                             "options"_s
                                          << u"mailsteadctl domain add --help"_s;
    QTest::newRow("set without changes") << args("domain set a.test")
                                         << u"nothing to change; give at least one of --quota, "
                                            "--max-mailboxes, --max-aliases, --description, "
                                            "--active"_s
                                         << u"mailsteadctl domain set --help"_s;
    QTest::newRow("mailbox set without changes")
        << args("mailbox set a@a.test") << u"nothing to change"_s
        << u"mailsteadctl mailbox set --help"_s;
    QTest::newRow("mailbox add without password")
        << args("mailbox add a@a.test --quota 1G")
        << u"mailbox add needs --password-stdin or --password-hash-stdin"_s
        << u"mailsteadctl mailbox add --help"_s;
    QTest::newRow("both password options")
        << args("mailbox add a@a.test --password-stdin --password-hash-stdin")
        << u"--password-stdin and --password-hash-stdin cannot be used together"_s
        << u"mailsteadctl mailbox add --help"_s;
    QTest::newRow("password on command line")
        << args("mailbox add a@a.test --password secret")
        << u"passwords are never accepted on the command line; use --password-stdin"_s
        << u"mailsteadctl mailbox add --help"_s;
    QTest::newRow("password= on command line")
        << args("mailbox set a@a.test --password=secret")
        << u"passwords are never accepted on the command line"_s
        << u"mailsteadctl mailbox set --help"_s;
    QTest::newRow("password-stdin with value")
        << args("mailbox add a@a.test --password-stdin=secret")
        << u"option --password-stdin takes no value"_s << u"mailsteadctl mailbox add --help"_s;
    QTest::newRow("auth-test without password")
        << args("mailbox auth-test a@a.test") << u"mailbox auth-test needs --password-stdin"_s
        << u"mailsteadctl mailbox auth-test --help"_s;
    QTest::newRow("auth-test hash option")
        << args("mailbox auth-test a@a.test --password-hash-stdin")
        << u"unknown option '--password-hash-stdin' for mailbox auth-test"_s
        << u"mailsteadctl mailbox auth-test --help"_s;
    QTest::newRow("alias without target")
        << args("alias add sales@a.test") << u"missing TARGET for alias add"_s
        << u"mailsteadctl alias add --help"_s;
    QTest::newRow("alias empty target entry")
        << args("alias set s@a.test --targets a@a.test,,b")
        << u"empty entry in --targets: 'a@a.test,,b'"_s << u"mailsteadctl alias set --help"_s;
    QTest::newRow("dkim unknown algorithm") << args("dkim generate a.test --algorithm dsa")
                                            << u"--algorithm is rsa or ed25519, not \"dsa\""_s
                                            << u"mailsteadctl dkim generate --help"_s;
    QTest::newRow("dkim ed25519 with bits")
        << args("dkim generate a.test --algorithm ed25519 --bits 256")
        << u"--bits applies to rsa keys only"_s << u"mailsteadctl dkim generate --help"_s;
    QTest::newRow("dkim generate without domain")
        << args("dkim generate") << u"missing DOMAIN for dkim generate"_s
        << u"mailsteadctl dkim generate --help"_s;
    QTest::newRow("queue retry nothing") << args("queue retry") << u"give a message ID or --all"_s
                                         << u"mailsteadctl queue retry --help"_s;
    QTest::newRow("queue retry both")
        << args("queue retry 1a2b --all") << u"give a message ID or --all"_s
        << u"mailsteadctl queue retry --help"_s;
    QTest::newRow("socket without value")
        << args("status --socket") << u"option --socket needs a value (PATH)"_s
        << u"mailsteadctl --help"_s;
    QTest::newRow("json with value")
        << args("status --json=yes") << u"option --json takes no value"_s
        << u"mailsteadctl --help"_s;
}

void TestCtlCommands::parseUsageErrors() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    QFETCH(QString, hint);

    const Invocation inv = parseArguments(arguments);
    QCOMPARE(inv.action, Invocation::Action::UsageError);
    if (!inv.message.startsWith(error))
        QFAIL(qPrintable(u"message: "_s + inv.message + u"\nexpected start: "_s + error));
    QCOMPARE(inv.helpHint, hint);
    QVERIFY(inv.method.isEmpty());
}

void TestCtlCommands::globalOptions() {
    Invocation inv = parseArguments(args("--socket /tmp/a.sock --json domain list"));
    QCOMPARE(inv.action, Invocation::Action::Call);
    QCOMPARE(inv.socketPath, u"/tmp/a.sock"_s);
    QVERIFY(inv.json);

    inv = parseArguments(args("domain list --json --socket=/tmp/b.sock"));
    QCOMPARE(inv.action, Invocation::Action::Call);
    QCOMPARE(inv.socketPath, u"/tmp/b.sock"_s);
    QVERIFY(inv.json);

    inv = parseArguments(args("domain --json list"));
    QCOMPARE(inv.action, Invocation::Action::Call);
    QCOMPARE(inv.method, u"domain.list"_s);
    QVERIFY(inv.json);

    inv = parseArguments(args("status"));
    QVERIFY(!inv.json);
    QVERIFY(inv.socketPath.isEmpty());

    // After "--", "--json" is an argument, not an option.
    inv = parseArguments(args("domain add -- --json"));
    QCOMPARE(inv.action, Invocation::Action::Call);
    QCOMPARE(inv.params.value(u"name"_s).toString(), u"--json"_s);
    QVERIFY(!inv.json);
}

void TestCtlCommands::helpAndVersion_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("firstLine");

    QTest::newRow("--help") << args("--help")
                            << u"Usage: mailsteadctl [--socket PATH] [--json] NOUN VERB [ARGS] "
                               "[OPTIONS]"_s;
    QTest::newRow("-h") << args("-h")
                        << u"Usage: mailsteadctl [--socket PATH] [--json] NOUN VERB "
                           "[ARGS] [OPTIONS]"_s;
    QTest::newRow("help") << args("help")
                          << u"Usage: mailsteadctl [--socket PATH] [--json] NOUN "
                             "VERB [ARGS] [OPTIONS]"_s;
    QTest::newRow("unknown noun help") << args("frob --help")
                                       << u"Usage: mailsteadctl [--socket PATH] [--json] NOUN "
                                          "VERB [ARGS] [OPTIONS]"_s;
    QTest::newRow("noun") << args("domain --help")
                          << u"Usage: mailsteadctl domain VERB [ARGS] [OPTIONS]"_s;
    QTest::newRow("help noun") << args("help alias")
                               << u"Usage: mailsteadctl alias VERB [ARGS] [OPTIONS]"_s;
    QTest::newRow("verb") << args("domain add --help")
                          << u"Usage: mailsteadctl domain add NAME [OPTIONS]"_s;
    QTest::newRow("verb after args") << args("alias add a@b.test --help")
                                     << u"Usage: mailsteadctl alias add SOURCE TARGET [TARGET...] "
                                        "[OPTIONS]"_s;
    QTest::newRow("list") << args("mailbox list -h")
                          << u"Usage: mailsteadctl mailbox list [DOMAIN]"_s;
    QTest::newRow("status") << args("status --help") << u"Usage: mailsteadctl status"_s;
    QTest::newRow("two-word verb") << args("mailbox send-as add --help")
                                   << u"Usage: mailsteadctl mailbox send-as add MAILBOX ADDRESS"_s;
    QTest::newRow("help wins over errors") << args("domain add --quota 10Q --help")
                                           << u"Usage: mailsteadctl domain add NAME [OPTIONS]"_s;
    QTest::newRow("socket value is not a noun") << args("--socket domain --help")
                                                << u"Usage: mailsteadctl [--socket PATH] [--json] "
                                                   "NOUN VERB [ARGS] [OPTIONS]"_s;
}

void TestCtlCommands::helpAndVersion() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, firstLine);
    const Invocation inv = parseArguments(arguments);
    QCOMPARE(inv.action, Invocation::Action::ShowHelp);
    QCOMPARE(inv.message.section(u'\n', 0, 0), firstLine);

    QCOMPARE(parseArguments(args("--version")).action, Invocation::Action::ShowVersion);
    QCOMPARE(parseArguments(args("domain list -V")).action, Invocation::Action::ShowVersion);
}

void TestCtlCommands::everyCommandHasHelpAndFormatter() {
    const QString help = globalHelp();
    for (const CommandSpec &command : commandTable()) {
        QVERIFY2(command.formatter, qPrintable(command.displayName()));
        QVERIFY2(help.contains(u"  "_s + command.displayName() + u' '),
                 qPrintable(command.displayName()));
        QVERIFY(commandHelp(command).contains(command.method));
        QCOMPARE(findCommand(command.noun, command.verb), &command);
        for (const OptionSpec &option : command.options)
            QVERIFY(commandHelp(command).contains(u"--"_s + option.name));
    }
    QCOMPARE(nouns(), (QStringList{u"status"_s, u"domain"_s, u"mailbox"_s, u"alias"_s, u"dkim"_s,
                                   u"queue"_s, u"cert"_s, u"dns"_s}));
}

void TestCtlCommands::tableAlignsColumns() {
    TableWriter table({u"DOMAIN"_s, u"QUOTA"_s, u"DESCRIPTION"_s});
    table.setAlignment(1, TableWriter::Align::Right);
    table.addRow({u"example.test"_s, u"10 GiB"_s, u"Family"_s});
    table.addRow({u"a.test"_s, u"unlimited"_s, QString()});
    table.addRow({u"short.test"_s}); // missing cells are empty
    QCOMPARE(table.rowCount(), 3);
    const QString expected = u"DOMAIN            QUOTA  DESCRIPTION\n"
                             "example.test     10 GiB  Family\n"
                             "a.test        unlimited\n"
                             "short.test\n"_s;
    QCOMPARE(table.toString(), expected);

    TableWriter empty({u"A"_s, u"B"_s});
    QCOMPARE(empty.toString(), u"A  B\n"_s);
}

void TestCtlCommands::tableUsesDisplayWidth_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("width");

    QTest::newRow("ascii") << u"example.test"_s << 12;
    QTest::newRow("precomposed umlaut") << u"bücher.example"_s << 14;
    QTest::newRow("combining diaeresis") << u"bu\u0308cher.example"_s << 14;
    QTest::newRow("cjk") << u"例え.jp"_s << 7;
    QTest::newRow("hangul") << u"한국.kr"_s << 7;
    QTest::newRow("fullwidth") << u"ＡＢ"_s << 4;
    QTest::newRow("emoji outside BMP") << u"📧 mail"_s << 7;
    QTest::newRow("zero width joiner") << u"a\u200Db"_s << 2;
    QTest::newRow("cyrillic") << u"почта.рф"_s << 8;
    QTest::newRow("empty") << QString() << 0;
}

void TestCtlCommands::tableUsesDisplayWidth() {
    QFETCH(QString, text);
    QFETCH(int, width);
    QCOMPARE(TableWriter::displayWidth(text), width);

    // A column holding the text is padded to the same terminal width as ASCII.
    TableWriter table({u"NAME"_s, u"X"_s});
    table.addRow({text, u"1"_s});
    table.addRow({QString(width, u'w'), u"2"_s});
    const QStringList lines = table.toString().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(TableWriter::displayWidth(lines.at(1)), TableWriter::displayWidth(lines.at(2)));
    QVERIFY(lines.at(1).endsWith(u"  1"_s));
}

void TestCtlCommands::tableSanitizesControlCharacters() {
    TableWriter table({u"DESCRIPTION"_s});
    table.addRow({u"\x1b[31mred\nline\u202Eevil"_s});
    const QString out = table.toString();
    QVERIFY(!out.contains(QChar(0x1b)));
    QVERIFY(!out.contains(QChar(0x202E)));
    QCOMPARE(out.count(u'\n'), 2);
    QCOMPARE(TableWriter::sanitize(u"ok text"_s), u"ok text"_s);
    QCOMPARE(TableWriter::sanitize(u"a\tb"_s), u"a\uFFFDb"_s);
}

void TestCtlCommands::fieldsAlignValues() {
    const QString out = formatFields({{u"Domain"_s, u"bücher.example"_s},
                                      {u"Max mailboxes"_s, u"unlimited"_s},
                                      {u"Description"_s, QString()}});
    QCOMPARE(out, u"Domain:        bücher.example\n"
                  "Max mailboxes: unlimited\n"
                  "Description:\n"_s);
}

void TestCtlCommands::formatDomainList() {
    const QJsonObject result = json(R"({
        "domains": [
            {"name": "xn--bcher-kva.example", "name_unicode": "bücher.example",
             "description": "Books", "quota": 10737418240, "max_mailboxes": 10,
             "max_aliases": 0, "active": true, "created": "2026-11-28T12:00:00Z",
             "alias_domains": [], "mailboxes": 3, "aliases": 1,
             "usage": {"bytes": 1610612736, "messages": 40}},
            {"name": "example.test", "name_unicode": "example.test", "description": "",
             "quota": 0, "max_mailboxes": 0, "max_aliases": 0, "active": false,
             "created": "2026-11-28T12:00:00Z", "alias_domains": ["example.net"],
             "mailboxes": 12, "aliases": 0}
        ],
        "alias_domains": [
            {"name": "example.net", "name_unicode": "example.net", "alias_for": "example.test",
             "active": true, "created": "2026-11-28T12:00:00Z"}
        ]})");
    const Output out = mailstead::ctl::formatDomainList(result);
    QCOMPARE(out.exitCode, int(ExitSuccess));
    const QString expected =
        u"DOMAIN          ACTIVE     USED      QUOTA  MAILBOXES  ALIASES  DESCRIPTION\n"
        "bücher.example  yes     1.5 GiB     10 GiB       3/10        1  Books\n"
        "example.test    no            0  unlimited         12        0\n"
        "\n"
        "ALIAS DOMAIN  ALIAS FOR     ACTIVE\n"
        "example.net   example.test  yes\n"_s;
    QCOMPARE(out.text, expected);
}

void TestCtlCommands::formatDomainListEmpty() {
    const Output out =
        mailstead::ctl::formatDomainList(json(R"({"domains": [], "alias_domains": []})"));
    QCOMPARE(out.text, u"No domains.\n"_s);
}

void TestCtlCommands::formatMailboxShowsUnicode() {
    const QJsonObject mailbox = json(R"({
        "address": "jürgen@xn--bcher-kva.example", "address_unicode": "jürgen@bücher.example",
        "local_part": "jürgen", "domain": "xn--bcher-kva.example", "name": "Jürgen",
        "quota": 2147483648, "active": true, "created": "2026-11-28T12:00:00Z",
        "usage": {"bytes": 5242880, "messages": 7}})");
    const QString show = mailstead::ctl::formatMailbox(mailbox).text;
    QVERIFY2(show.contains(u"Address:     jürgen@bücher.example\n"_s), qPrintable(show));
    QVERIFY(show.contains(u"ACE address: jürgen@xn--bcher-kva.example\n"_s));
    QVERIFY(show.contains(u"Domain:      bücher.example\n"_s));
    QVERIFY(show.contains(u"Quota:       2 GiB\n"_s));
    QVERIFY(show.contains(u"Messages:    7\n"_s));
    QVERIFY(show.contains(u"Used:        5 MiB\n"_s));

    QJsonObject list;
    list.insert(u"mailboxes"_s, QJsonArray{mailbox});
    QCOMPARE(mailstead::ctl::formatMailboxList(list).text,
             u"ADDRESS                NAME    MESSAGES   USED  QUOTA  ACTIVE\n"
             "jürgen@bücher.example  Jürgen         7  5 MiB  2 GiB  yes\n"_s);
}

void TestCtlCommands::formatAliasCatchAll() {
    const QJsonObject result = json(R"({"aliases": [
        {"source": "@xn--bcher-kva.example", "domain": "xn--bcher-kva.example",
         "catch_all": true, "targets": ["info@example.test"], "active": true,
         "created": "2026-11-28T12:00:00Z"},
        {"source": "sales@example.test", "domain": "example.test", "catch_all": false,
         "targets": ["a@example.test", "b@example.test"], "active": false,
         "created": "2026-11-28T12:00:00Z"}]})");
    QCOMPARE(mailstead::ctl::formatAliasList(result).text,
             u"SOURCE              ACTIVE  TARGETS\n"
             "@bücher.example     yes     info@example.test\n"
             "sales@example.test  no      a@example.test, b@example.test\n"_s);
}

void TestCtlCommands::formatStatus() {
    const QJsonObject status = json(R"({
        "version": "0.1.0", "pid": 4242, "hostname": "mail.example.test", "local_mode": true,
        "config_file": "", "data_dir": "/home/u/.local/share/mailstead",
        "socket": "/run/user/1000/mailstead/admin.sock", "started": "2026-11-28T12:00:00Z",
        "uptime_seconds": 3723, "health": "ok",
        "listeners": [
            {"service": "smtp", "address": "0.0.0.0", "port": 10025, "state": "listening"},
            {"service": "imaps", "address": "::", "port": 10993, "state": "listening"}],
        "counts": {"domains": 2, "alias_domains": 1, "mailboxes": 5, "aliases": 3}})");
    const QString out = mailstead::ctl::formatStatus(status).text;
    QVERIFY2(out.contains(u"Version:     0.1.0\n"_s), qPrintable(out));
    QVERIFY(out.contains(u"Mode:        local\n"_s));
    QVERIFY(out.contains(u"Config file: (none)\n"_s));
    QVERIFY(out.contains(u"Uptime:      1h 2m\n"_s));
    QVERIFY(out.contains(u"SERVICE  ADDRESS   PORT  STATE\n"
                         "smtp     0.0.0.0  10025  listening\n"
                         "imaps    ::       10993  listening\n"_s));
    QVERIFY(out.contains(u"Mailboxes:     5\n"_s));
}

void TestCtlCommands::authTestExitCodes() {
    Output out = formatAuthTest(json(R"({"valid": true, "scheme": "yescrypt"})"));
    QCOMPARE(out.text, u"valid (yescrypt)\n"_s);
    QCOMPARE(out.exitCode, int(ExitSuccess));
    out = formatAuthTest(json(R"({"valid": false, "scheme": "yescrypt"})"));
    QCOMPARE(out.text, u"invalid\n"_s);
    QCOMPARE(out.exitCode, int(ExitRefused));
}

void TestCtlCommands::confirmations_data() {
    QTest::addColumn<QString>("noun");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QJsonObject>("result");
    QTest::addColumn<QString>("line");

    QTest::newRow("domain added")
        << u"domain"_s << u"added"_s
        << json(R"({"name": "xn--bcher-kva.example", "name_unicode": "bücher.example"})")
        << u"domain bücher.example added\n"_s;
    QTest::newRow("alias domain added")
        << u"domain"_s << u"added"_s
        << json(R"({"name": "example.net", "name_unicode": "example.net",
                    "alias_for": "xn--bcher-kva.example"})")
        << u"alias domain example.net added (alias for bücher.example)\n"_s;
    QTest::newRow("domain removed")
        << u"domain"_s << u"removed"_s << json(R"({"removed": "xn--bcher-kva.example"})")
        << u"domain bücher.example removed\n"_s;
    QTest::newRow("mailbox updated")
        << u"mailbox"_s << u"updated"_s << json(R"({"address": "a@xn--bcher-kva.example",
                    "address_unicode": "a@bücher.example"})")
        << u"mailbox a@bücher.example updated\n"_s;
    QTest::newRow("mailbox removed")
        << u"mailbox"_s << u"removed"_s << json(R"({"removed": "alice@example.test"})")
        << u"mailbox alice@example.test removed\n"_s;
    QTest::newRow("alias added") << u"alias"_s << u"added"_s
                                 << json(R"({"source": "@example.test"})")
                                 << u"alias @example.test added\n"_s;
    QTest::newRow("alias removed")
        << u"alias"_s << u"removed"_s << json(R"({"removed": "sales@example.test"})")
        << u"alias sales@example.test removed\n"_s;
}

void TestCtlCommands::confirmations() {
    QFETCH(QString, noun);
    QFETCH(QString, action);
    QFETCH(QJsonObject, result);
    QFETCH(QString, line);
    const Output out = confirmation(noun, action)(result);
    QCOMPARE(out.text, line);
    QCOMPARE(out.exitCode, int(ExitSuccess));
}

QTEST_GUILESS_MAIN(TestCtlCommands)
#include "tst_ctlcommands.moc"
