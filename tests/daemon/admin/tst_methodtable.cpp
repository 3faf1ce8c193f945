// tst_methodtable.cpp - every admin method, called directly against a real
// ConfigStore in a temporary directory: result shapes, events, and each
// error code of docs/ipc.md that the methods can produce, with its field.
#include "admin/MethodTable.h"
#include "core/ConfigStore.h"
#include "core/EventBus.h"

#include <memory>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using mailstead::admin::HandlerResult;
using mailstead::admin::MethodContext;
using mailstead::admin::MethodTable;
using mailstead::core::ConfigStore;
using mailstead::core::EventBus;
using mailstead::ipc::ErrorCode;

Q_DECLARE_METATYPE(mailstead::ipc::ErrorCode)

namespace {

const QString password = u"correct horse battery"_s;
// "correct horse battery" hashed by `openssl passwd -6` and `htpasswd -B`.
const QString sha512Hash =
    u"$6$saltsaltsalt$yKjZYR1NllIH1Ftv9MpsPzifsXfATYQDAmLGoXO9lQO3BwneSOm77O8bJU2NgayzCRFPuH2TLaetQCNGTtLEU/"_s;
const QString bcryptHash = u"$2y$04$DZCXjpVvtrxbxQ3W6O05U.nlIebK7KvdeKkAcZJPH9A2D957UU49u"_s;

QJsonObject object(const QByteArray &json) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad test JSON: %s", json.constData());
    return document.object();
}

QStringList keys(const QJsonValue &value) {
    QStringList list = value.toObject().keys();
    list.sort();
    return list;
}

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

const QRegularExpression isoUtc(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"_s);

// A store, a bus that records what is published, and the table.
struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<ConfigStore> store;
    EventBus bus;
    MethodTable table;
    QSet<QString> subscriptions;
    MethodContext context;
    QList<QPair<QString, QJsonObject>> events;

    explicit Fixture(const QString &storePath = {}) {
        store = std::make_unique<ConfigStore>(storePath.isEmpty() ? dir.filePath(u"config.db"_s)
                                                                  : storePath);
        context.store = store.get();
        context.events = &bus;
        context.status = [] { return QJsonObject{{u"health"_s, u"ok"_s}}; };
        context.subscriptions = &subscriptions;
        QObject::connect(&bus, &EventBus::published, &bus,
                         [this](const QString &event, const QJsonObject &params) {
                             events.append({event, params});
                         });
    }

    HandlerResult call(const QString &method, const QByteArray &params = "{}") {
        return table.call(method, object(params), context);
    }

    // Calls and expects success; returns the result.
    QJsonValue ok(const QString &method, const QByteArray &params = "{}") {
        const HandlerResult result = call(method, params);
        if (!result.ok()) {
            qWarning("%s %s failed: %d %s (field %s)", qPrintable(method), params.constData(),
                     int(result.error().code), qPrintable(result.error().message),
                     qPrintable(result.error().field));
            return QJsonValue::Undefined;
        }
        return result.result();
    }

    // The state most error cases start from: example.test (quota 10 GiB, one
    // mailbox and two aliases at most), alias domain example.org, mailbox
    // alice@example.test, alias sales@example.test -> alice.
    bool populate() {
        return !ok(u"domain.add"_s, R"({"name":"example.test","quota":10737418240,
                                         "max_mailboxes":1,"max_aliases":2})")
                    .isUndefined() &&
               !ok(u"domain.add"_s, R"({"name":"example.org","alias_for":"example.test"})")
                    .isUndefined() &&
               !ok(u"mailbox.add"_s,
                   R"({"address":"alice@example.test","password":"correct horse battery"})")
                    .isUndefined() &&
               !ok(u"alias.add"_s,
                   R"({"source":"sales@example.test","targets":["alice@example.test"]})")
                    .isUndefined();
    }
};

} // namespace

class TestMethodTable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hello();
    void status();
    void subscribe();
    void unknownMethod();
    void domainLifecycle();
    void idnDomain();
    void aliasDomains();
    void removeWithForce();
    void mailboxLifecycle();
    void passwordHashImport();
    void authTestInactive();
    void aliasLifecycle();
    void sendAsGrants();
    void aliasLoopsAndLimits();
    void errors_data();
    void errors();
    void storageError();
    void failedRequestsChangeNothing();
};

void TestMethodTable::sendAsGrants() {
    Fixture f;
    QVERIFY(f.populate());
    const QJsonObject added =
        f.ok(u"mailbox.send_as_add"_s,
             R"({"mailbox":"ALICE@example.test","address":"News@Example.Test"})")
            .toObject();
    QCOMPARE(added.value(u"mailbox"_s).toString(), u"alice@example.test"_s);
    QCOMPARE(added.value(u"address"_s).toString(), u"News@example.test"_s);
    QCOMPARE(added.value(u"kind"_s).toString(), u"address"_s);
    QCOMPARE(f.events.last().second, QJsonObject({{u"object"_s, u"send_as"_s},
                                                  {u"action"_s, u"added"_s},
                                                  {u"name"_s, u"alice@example.test"_s}}));
    f.ok(u"mailbox.send_as_add"_s, R"({"mailbox":"alice@example.test","address":"other.test"})");
    const QJsonArray grants = f.ok(u"mailbox.send_as_list"_s, R"({"mailbox":"alice@example.test"})")
                                  .toObject()
                                  .value(u"grants"_s)
                                  .toArray();
    QCOMPARE(grants.size(), 2);
    QCOMPARE(grants.at(0).toObject().value(u"address"_s).toString(), u"@other.test"_s);
    QCOMPARE(grants.at(0).toObject().value(u"kind"_s).toString(), u"domain"_s);

    const HandlerResult twice =
        f.call(u"mailbox.send_as_add"_s,
               R"({"mailbox":"alice@example.test","address":"news@example.test"})");
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().code, ErrorCode::AlreadyExists);
    const HandlerResult unknown = f.call(
        u"mailbox.send_as_add"_s, R"({"mailbox":"nobody@example.test","address":"a@b.test"})");
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    const HandlerResult missing =
        f.call(u"mailbox.send_as_add"_s, R"({"mailbox":"alice@example.test"})");
    QCOMPARE(missing.error().code, ErrorCode::InvalidParams);
    const HandlerResult extra =
        f.call(u"mailbox.send_as_list"_s, R"({"mailbox":"a@b.test","x":1})");
    QCOMPARE(extra.error().code, ErrorCode::InvalidParams);

    const QJsonObject removed =
        f.ok(u"mailbox.send_as_remove"_s,
             R"({"mailbox":"alice@example.test","address":"news@example.test"})")
            .toObject();
    QCOMPARE(removed.value(u"removed"_s).toObject().value(u"address"_s).toString(),
             u"News@example.test"_s);
    QCOMPARE(f.events.last().second.value(u"action"_s).toString(), u"removed"_s);
    const HandlerResult gone =
        f.call(u"mailbox.send_as_remove"_s,
               R"({"mailbox":"alice@example.test","address":"news@example.test"})");
    QCOMPARE(gone.error().code, ErrorCode::NotFound);
    QCOMPARE(f.ok(u"mailbox.send_as_list"_s).toObject().value(u"grants"_s).toArray().size(), 1);
}

void TestMethodTable::hello() {
    Fixture f;
    const QJsonObject hello = f.ok(u"system.hello"_s).toObject();
    QCOMPARE(hello.value(u"server"_s).toString(), u"mailsteadd"_s);
    QVERIFY(!hello.value(u"version"_s).toString().isEmpty());
    QVERIFY(hello.value(u"api_version"_s).isDouble());
    QStringList methods;
    for (const QJsonValue &m : hello.value(u"methods"_s).toArray())
        methods.append(m.toString());
    // Every method the daemon serves.
    const QStringList expected =
        QStringLiteral(
            "system.hello system.status system.subscribe domain.add domain.list domain.get "
            "domain.update domain.remove mailbox.add mailbox.list mailbox.get mailbox.update "
            "mailbox.remove mailbox.auth_test alias.add alias.list alias.get alias.update "
            "alias.remove cert.status cert.import cert.selfsigned cert.request cert.renew "
            "cert.remove queue.list queue.show queue.retry queue.hold queue.release "
            "queue.delete queue.bounce dkim.generate dkim.show dkim.list dkim.remove "
            "dns.records dns.check mailbox.send_as_list mailbox.send_as_add "
            "mailbox.send_as_remove")
            .split(u' ');
    QCOMPARE(methods, sorted(expected));
    QCOMPARE(methods, f.table.methodNames());
    QJsonArray events;
    for (const QString &event : MethodTable::eventNames())
        events.append(event);
    QCOMPARE(hello.value(u"events"_s).toArray(), events);
    QCOMPARE(MethodTable::eventNames(),
             QStringList({u"event.config"_s, u"event.health"_s, u"event.log"_s, u"event.cert"_s,
                          u"event.delivery"_s, u"event.queue"_s}));
}

void TestMethodTable::status() {
    Fixture f;
    QCOMPARE(f.ok(u"system.status"_s).toObject(), QJsonObject({{u"health"_s, u"ok"_s}}));

    f.context.status = nullptr;
    const HandlerResult missing = f.call(u"system.status"_s);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::InternalError);
}

void TestMethodTable::subscribe() {
    Fixture f;
    QCOMPARE(f.ok(u"system.subscribe"_s, R"({"events":["event.log"]})").toObject(),
             QJsonObject({{u"events"_s, QJsonArray({u"event.log"_s})}}));
    QCOMPARE(f.subscriptions, QSet<QString>({u"event.log"_s}));
    // Subscriptions add up.
    QCOMPARE(f.ok(u"system.subscribe"_s, R"({"events":["event.config"]})").toObject(),
             QJsonObject({{u"events"_s, QJsonArray({u"event.config"_s, u"event.log"_s})}}));
    // Without events: all of them.
    Fixture all;
    QCOMPARE(all.ok(u"system.subscribe"_s).toObject().value(u"events"_s).toArray().size(), 6);
    QCOMPARE(all.subscriptions.size(), 6);
    // An empty list changes nothing.
    Fixture none;
    QCOMPARE(none.ok(u"system.subscribe"_s, R"({"events":[]})").toObject(),
             QJsonObject({{u"events"_s, QJsonArray()}}));
    QVERIFY(none.subscriptions.isEmpty());
    // A bad name subscribes to nothing.
    const HandlerResult bad =
        none.call(u"system.subscribe"_s, R"({"events":["event.config","event.nonsense"]})");
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(u"event.nonsense"_s));
    QVERIFY(none.subscriptions.isEmpty());
}

void TestMethodTable::unknownMethod() {
    Fixture f;
    const HandlerResult result = f.call(u"nope.nothing"_s);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::MethodNotFound);
    QCOMPARE(result.error().message,
             u"unknown method \"nope.nothing\"; see system.hello for the list"_s);
}

void TestMethodTable::domainLifecycle() {
    Fixture f;
    const QJsonObject added = f.ok(u"domain.add"_s, R"({"name":"Example.TEST","description":"Main",
        "quota":10737418240,"max_mailboxes":5,"max_aliases":7,"active":true})")
                                  .toObject();
    QCOMPARE(keys(added), sorted({u"name"_s, u"name_unicode"_s, u"description"_s, u"quota"_s,
                                  u"max_mailboxes"_s, u"max_aliases"_s, u"active"_s, u"created"_s,
                                  u"alias_domains"_s, u"mailboxes"_s, u"aliases"_s}));
    QCOMPARE(added.value(u"name"_s).toString(), u"example.test"_s);
    QCOMPARE(added.value(u"name_unicode"_s).toString(), u"example.test"_s);
    QCOMPARE(added.value(u"description"_s).toString(), u"Main"_s);
    QCOMPARE(added.value(u"quota"_s).toInteger(), 10737418240LL);
    QCOMPARE(added.value(u"max_mailboxes"_s).toInt(), 5);
    QCOMPARE(added.value(u"max_aliases"_s).toInt(), 7);
    QCOMPARE(added.value(u"active"_s).toBool(), true);
    QVERIFY2(isoUtc.match(added.value(u"created"_s).toString()).hasMatch(),
             qPrintable(added.value(u"created"_s).toString()));
    QCOMPARE(added.value(u"alias_domains"_s).toArray(), QJsonArray());
    QCOMPARE(added.value(u"mailboxes"_s).toInt(), 0);
    QCOMPARE(added.value(u"aliases"_s).toInt(), 0);
    QCOMPARE(f.events.size(), 1);
    QCOMPARE(f.events.at(0).first, u"event.config"_s);
    QCOMPARE(f.events.at(0).second, QJsonObject({{u"object"_s, u"domain"_s},
                                                 {u"action"_s, u"added"_s},
                                                 {u"name"_s, u"example.test"_s}}));

    QCOMPARE(f.ok(u"domain.get"_s, R"({"name":"example.test"})").toObject(), added);
    const QJsonObject listed = f.ok(u"domain.list"_s).toObject();
    QCOMPARE(keys(listed), sorted({u"domains"_s, u"alias_domains"_s}));
    QCOMPARE(listed.value(u"domains"_s).toArray(), QJsonArray({added}));
    QCOMPARE(listed.value(u"alias_domains"_s).toArray(), QJsonArray());

    const QJsonObject updated =
        f.ok(u"domain.update"_s, R"({"name":"example.test","quota":1073741824,"active":false})")
            .toObject();
    QCOMPARE(updated.value(u"quota"_s).toInteger(), 1073741824LL);
    QCOMPARE(updated.value(u"active"_s).toBool(), false);
    QCOMPARE(updated.value(u"description"_s).toString(), u"Main"_s); // untouched
    QCOMPARE(f.events.last().second.value(u"action"_s).toString(), u"updated"_s);

    QCOMPARE(f.ok(u"domain.remove"_s, R"({"name":"example.test"})").toObject(),
             QJsonObject({{u"removed"_s, u"example.test"_s}}));
    QCOMPARE(f.events.last().second, QJsonObject({{u"object"_s, u"domain"_s},
                                                  {u"action"_s, u"removed"_s},
                                                  {u"name"_s, u"example.test"_s}}));
    QCOMPARE(f.ok(u"domain.list"_s).toObject().value(u"domains"_s).toArray(), QJsonArray());

    // Defaults.
    const QJsonObject plain = f.ok(u"domain.add"_s, R"({"name":"plain.test"})").toObject();
    QCOMPARE(plain.value(u"quota"_s).toInteger(), 0);
    QCOMPARE(plain.value(u"max_mailboxes"_s).toInt(), 0);
    QCOMPARE(plain.value(u"active"_s).toBool(), true);
    QCOMPARE(plain.value(u"description"_s).toString(), QString());
}

void TestMethodTable::idnDomain() {
    Fixture f;
    const QJsonObject added = f.ok(u"domain.add"_s, R"({"name":"bücher.example"})").toObject();
    QCOMPARE(added.value(u"name"_s).toString(), u"xn--bcher-kva.example"_s);
    QCOMPARE(added.value(u"name_unicode"_s).toString(), u"bücher.example"_s);
    QCOMPARE(f.ok(u"domain.get"_s, R"({"name":"xn--bcher-kva.example"})").toObject(), added);
    QCOMPARE(f.ok(u"domain.get"_s, R"({"name":"BÜCHER.example"})").toObject(), added);

    f.ok(u"mailbox.add"_s,
         R"({"address":"δοκιμή@bücher.example","password":"correct horse battery"})");
    const QJsonObject box =
        f.ok(u"mailbox.get"_s, R"({"address":"δοκιμή@xn--bcher-kva.example"})").toObject();
    QCOMPARE(box.value(u"address"_s).toString(), u"δοκιμή@xn--bcher-kva.example"_s);
    QCOMPARE(box.value(u"address_unicode"_s).toString(), u"δοκιμή@bücher.example"_s);
    QCOMPARE(box.value(u"domain"_s).toString(), u"xn--bcher-kva.example"_s);
}

void TestMethodTable::aliasDomains() {
    Fixture f;
    f.ok(u"domain.add"_s, R"({"name":"example.com"})");
    const QJsonObject alias =
        f.ok(u"domain.add"_s, R"({"name":"example.org","alias_for":"example.com"})").toObject();
    QCOMPARE(keys(alias),
             sorted({u"name"_s, u"name_unicode"_s, u"alias_for"_s, u"active"_s, u"created"_s}));
    QCOMPARE(alias.value(u"name"_s).toString(), u"example.org"_s);
    QCOMPARE(alias.value(u"alias_for"_s).toString(), u"example.com"_s);
    QVERIFY(isoUtc.match(alias.value(u"created"_s).toString()).hasMatch());
    QCOMPARE(f.events.last().second, QJsonObject({{u"object"_s, u"alias_domain"_s},
                                                  {u"action"_s, u"added"_s},
                                                  {u"name"_s, u"example.org"_s}}));

    QCOMPARE(f.ok(u"domain.get"_s, R"({"name":"example.org"})").toObject(), alias);
    const QJsonObject listed = f.ok(u"domain.list"_s).toObject();
    QCOMPARE(listed.value(u"alias_domains"_s).toArray(), QJsonArray({alias}));
    QCOMPARE(listed.value(u"domains"_s).toArray().at(0).toObject().value(u"alias_domains"_s),
             QJsonValue(QJsonArray({u"example.org"_s})));

    QCOMPARE(f.ok(u"domain.remove"_s, R"({"name":"example.org"})").toObject(),
             QJsonObject({{u"removed"_s, u"example.org"_s}}));
    QCOMPARE(f.events.last().second, QJsonObject({{u"object"_s, u"alias_domain"_s},
                                                  {u"action"_s, u"removed"_s},
                                                  {u"name"_s, u"example.org"_s}}));
    QCOMPARE(f.ok(u"domain.list"_s).toObject().value(u"domains"_s).toArray().size(), 1);
}

void TestMethodTable::removeWithForce() {
    Fixture f;
    QVERIFY(f.populate());
    const HandlerResult refused = f.call(u"domain.remove"_s, R"({"name":"example.test"})");
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::NotEmpty);
    QVERIFY(refused.error().message.contains(u"force"_s));

    f.ok(u"domain.remove"_s, R"({"name":"example.test","force":true})");
    const QJsonObject listed = f.ok(u"domain.list"_s).toObject();
    QCOMPARE(listed.value(u"domains"_s).toArray(), QJsonArray());
    QCOMPARE(listed.value(u"alias_domains"_s).toArray(), QJsonArray());
    QCOMPARE(f.ok(u"mailbox.list"_s).toObject().value(u"mailboxes"_s).toArray(), QJsonArray());
    QCOMPARE(f.ok(u"alias.list"_s).toObject().value(u"aliases"_s).toArray(), QJsonArray());
}

void TestMethodTable::mailboxLifecycle() {
    Fixture f;
    f.ok(u"domain.add"_s, R"({"name":"example.test","quota":10737418240})");
    f.ok(u"domain.add"_s, R"({"name":"other.test"})");
    const QJsonObject added = f.ok(u"mailbox.add"_s, R"({"address":"Alice@EXAMPLE.test",
        "password":"correct horse battery","name":"Alice Liddell","quota":2147483648,
        "active":true})")
                                  .toObject();
    QCOMPARE(keys(added), sorted({u"address"_s, u"address_unicode"_s, u"local_part"_s, u"domain"_s,
                                  u"name"_s, u"quota"_s, u"active"_s, u"created"_s}));
    QCOMPARE(added.value(u"address"_s).toString(), u"Alice@example.test"_s);
    QCOMPARE(added.value(u"address_unicode"_s).toString(), u"Alice@example.test"_s);
    QCOMPARE(added.value(u"local_part"_s).toString(), u"Alice"_s);
    QCOMPARE(added.value(u"domain"_s).toString(), u"example.test"_s);
    QCOMPARE(added.value(u"name"_s).toString(), u"Alice Liddell"_s);
    QCOMPARE(added.value(u"quota"_s).toInteger(), 2147483648LL);
    QVERIFY(isoUtc.match(added.value(u"created"_s).toString()).hasMatch());
    QCOMPARE(f.events.last().second, QJsonObject({{u"object"_s, u"mailbox"_s},
                                                  {u"action"_s, u"added"_s},
                                                  {u"name"_s, u"Alice@example.test"_s}}));

    // Lookups fold the local part.
    QCOMPARE(f.ok(u"mailbox.get"_s, R"({"address":"alice@example.test"})").toObject(), added);
    f.ok(u"mailbox.add"_s, R"({"address":"bob@other.test","password":"correct horse battery"})");
    QCOMPARE(f.ok(u"mailbox.list"_s).toObject().value(u"mailboxes"_s).toArray().size(), 2);
    QCOMPARE(f.ok(u"mailbox.list"_s, R"({"domain":"example.test"})").toObject(),
             QJsonObject({{u"mailboxes"_s, QJsonArray({added})}}));
    QVERIFY(!QJsonDocument(f.ok(u"mailbox.list"_s).toObject()).toJson().contains("$y$"));

    QCOMPARE(f.ok(u"mailbox.auth_test"_s,
                  R"({"address":"alice@example.test","password":"correct horse battery"})")
                 .toObject(),
             QJsonObject({{u"valid"_s, true}, {u"scheme"_s, u"yescrypt"_s}}));
    QCOMPARE(f.ok(u"mailbox.auth_test"_s,
                  R"({"address":"alice@example.test","password":"wrong horse battery"})")
                 .toObject()
                 .value(u"valid"_s),
             QJsonValue(false));

    const QJsonObject updated = f.ok(u"mailbox.update"_s, R"({"address":"alice@example.test",
        "quota":1073741824,"name":"A. L.","password":"another secret"})")
                                    .toObject();
    QCOMPARE(updated.value(u"quota"_s).toInteger(), 1073741824LL);
    QCOMPARE(updated.value(u"name"_s).toString(), u"A. L."_s);
    QCOMPARE(updated.value(u"active"_s).toBool(), true);
    QCOMPARE(f.events.last().second.value(u"action"_s).toString(), u"updated"_s);
    QCOMPARE(f.ok(u"mailbox.auth_test"_s,
                  R"({"address":"alice@example.test","password":"correct horse battery"})")
                 .toObject()
                 .value(u"valid"_s),
             QJsonValue(false));
    QCOMPARE(f.ok(u"mailbox.auth_test"_s,
                  R"({"address":"alice@example.test","password":"another secret"})")
                 .toObject()
                 .value(u"valid"_s),
             QJsonValue(true));

    // The result names the mailbox as stored, whatever case the request used.
    QCOMPARE(f.ok(u"mailbox.remove"_s, R"({"address":"alice@example.test"})").toObject(),
             QJsonObject({{u"removed"_s, u"Alice@example.test"_s}}));
    QCOMPARE(f.events.last().second, QJsonObject({{u"object"_s, u"mailbox"_s},
                                                  {u"action"_s, u"removed"_s},
                                                  {u"name"_s, u"Alice@example.test"_s}}));
    QCOMPARE(f.call(u"mailbox.get"_s, R"({"address":"alice@example.test"})").error().code,
             ErrorCode::NotFound);
}

void TestMethodTable::passwordHashImport() {
    Fixture f;
    f.ok(u"domain.add"_s, R"({"name":"example.test"})");
    const struct {
        QString address;
        QString hash;
        QString scheme;
    } imports[] = {
        {u"six@example.test"_s, sha512Hash, u"sha512-crypt"_s},
        {u"dovecot@example.test"_s, u"{SHA512-CRYPT}"_s + sha512Hash, u"sha512-crypt"_s},
        {u"blf@example.test"_s, u"{BLF-CRYPT}"_s + bcryptHash, u"bcrypt"_s},
    };
    for (const auto &import : imports) {
        const QJsonObject params{{u"address"_s, import.address}, {u"password_hash"_s, import.hash}};
        QVERIFY(f.table.call(u"mailbox.add"_s, params, f.context).ok());
        const HandlerResult check = f.table.call(
            u"mailbox.auth_test"_s,
            QJsonObject{{u"address"_s, import.address}, {u"password"_s, password}}, f.context);
        QVERIFY(check.ok());
        QCOMPARE(check.result().toObject(),
                 QJsonObject({{u"valid"_s, true}, {u"scheme"_s, import.scheme}}));
    }
    // A new hash replaces the password.
    QVERIFY(f.table
                .call(u"mailbox.update"_s,
                      QJsonObject{{u"address"_s, u"six@example.test"_s},
                                  {u"password_hash"_s, bcryptHash}},
                      f.context)
                .ok());
    QCOMPARE(f.ok(u"mailbox.auth_test"_s,
                  R"({"address":"six@example.test","password":"correct horse battery"})")
                 .toObject()
                 .value(u"scheme"_s)
                 .toString(),
             u"bcrypt"_s);
}

void TestMethodTable::authTestInactive() {
    Fixture f;
    QVERIFY(f.populate());
    const QByteArray check =
        R"({"address":"alice@example.test","password":"correct horse battery"})";
    QCOMPARE(f.ok(u"mailbox.auth_test"_s, check).toObject().value(u"valid"_s), QJsonValue(true));
    f.ok(u"mailbox.update"_s, R"({"address":"alice@example.test","active":false})");
    QCOMPARE(f.ok(u"mailbox.auth_test"_s, check).toObject(),
             QJsonObject({{u"valid"_s, false}, {u"scheme"_s, u"yescrypt"_s}}));
    f.ok(u"mailbox.update"_s, R"({"address":"alice@example.test","active":true})");
    f.ok(u"domain.update"_s, R"({"name":"example.test","active":false})");
    QCOMPARE(f.ok(u"mailbox.auth_test"_s, check).toObject().value(u"valid"_s), QJsonValue(false));
}

void TestMethodTable::aliasLifecycle() {
    Fixture f;
    f.ok(u"domain.add"_s, R"({"name":"example.test"})");
    f.ok(u"mailbox.add"_s,
         R"({"address":"alice@example.test","password":"correct horse battery"})");
    const QJsonObject added = f.ok(u"alias.add"_s, R"({"source":"Sales@Example.TEST",
        "targets":["alice@example.test","partner@bücher.example"]})")
                                  .toObject();
    QCOMPARE(keys(added), sorted({u"source"_s, u"domain"_s, u"catch_all"_s, u"targets"_s,
                                  u"active"_s, u"created"_s}));
    QCOMPARE(added.value(u"source"_s).toString(), u"Sales@example.test"_s);
    QCOMPARE(added.value(u"domain"_s).toString(), u"example.test"_s);
    QCOMPARE(added.value(u"catch_all"_s).toBool(), false);
    QCOMPARE(added.value(u"targets"_s).toArray(),
             QJsonArray({u"alice@example.test"_s, u"partner@xn--bcher-kva.example"_s}));
    QCOMPARE(added.value(u"active"_s).toBool(), true);
    QVERIFY(isoUtc.match(added.value(u"created"_s).toString()).hasMatch());
    QCOMPARE(f.events.last().second, QJsonObject({{u"object"_s, u"alias"_s},
                                                  {u"action"_s, u"added"_s},
                                                  {u"name"_s, u"Sales@example.test"_s}}));

    QCOMPARE(f.ok(u"alias.get"_s, R"({"source":"sales@example.test"})").toObject(), added);
    const QJsonObject catchAll =
        f.ok(u"alias.add"_s, R"({"source":"@example.test","targets":["alice@example.test"]})")
            .toObject();
    QCOMPARE(catchAll.value(u"source"_s).toString(), u"@example.test"_s);
    QCOMPARE(catchAll.value(u"catch_all"_s).toBool(), true);
    QCOMPARE(f.ok(u"alias.list"_s).toObject().value(u"aliases"_s).toArray().size(), 2);
    QCOMPARE(f.ok(u"alias.list"_s, R"({"domain":"example.test"})")
                 .toObject()
                 .value(u"aliases"_s)
                 .toArray()
                 .size(),
             2);

    const QJsonObject updated =
        f.ok(u"alias.update"_s,
             R"({"source":"sales@example.test","targets":["bob@elsewhere.example"],
            "active":false})")
            .toObject();
    QCOMPARE(updated.value(u"targets"_s).toArray(), QJsonArray({u"bob@elsewhere.example"_s}));
    QCOMPARE(updated.value(u"active"_s).toBool(), false);
    QCOMPARE(f.events.last().second.value(u"action"_s).toString(), u"updated"_s);

    QCOMPARE(f.ok(u"alias.remove"_s, R"({"source":"sales@example.test"})").toObject(),
             QJsonObject({{u"removed"_s, u"Sales@example.test"_s}}));
    QCOMPARE(f.events.last().second, QJsonObject({{u"object"_s, u"alias"_s},
                                                  {u"action"_s, u"removed"_s},
                                                  {u"name"_s, u"Sales@example.test"_s}}));
    QCOMPARE(f.ok(u"alias.list"_s).toObject().value(u"aliases"_s).toArray().size(), 1);
}

void TestMethodTable::aliasLoopsAndLimits() {
    Fixture f;
    f.ok(u"domain.add"_s, R"({"name":"example.test","max_aliases":3})");
    f.ok(u"alias.add"_s, R"({"source":"a@example.test","targets":["b@example.test"]})");
    HandlerResult loop =
        f.call(u"alias.add"_s, R"({"source":"b@example.test","targets":["a@example.test"]})");
    QVERIFY(!loop.ok());
    QCOMPARE(loop.error().code, ErrorCode::AliasLoop);
    f.ok(u"alias.add"_s, R"({"source":"b@example.test","targets":["c@example.test"]})");
    loop = f.call(u"alias.add"_s, R"({"source":"c@example.test","targets":["a@example.test"]})");
    QCOMPARE(loop.error().code, ErrorCode::AliasLoop);
    loop = f.call(u"alias.update"_s, R"({"source":"b@example.test","targets":["a@example.test"]})");
    QCOMPARE(loop.error().code, ErrorCode::AliasLoop);

    f.ok(u"alias.add"_s, R"({"source":"c@example.test","targets":["x@elsewhere.example"]})");
    const HandlerResult limit =
        f.call(u"alias.add"_s, R"({"source":"d@example.test","targets":["x@elsewhere.example"]})");
    QVERIFY(!limit.ok());
    QCOMPARE(limit.error().code, ErrorCode::LimitReached);
}

// Each row starts from Fixture::populate().
void TestMethodTable::errors_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("field");

    const auto row = [](const char *name, const QString &method, const QByteArray &params,
                        ErrorCode code, const QString &field) {
        QTest::newRow(name) << method << params << code << field;
    };
    const ErrorCode params = ErrorCode::InvalidParams;
    const ErrorCode value = ErrorCode::InvalidValue;

    // system.*
    row("hello with params", u"system.hello"_s, R"({"x":1})", params, u"x"_s);
    row("status with params", u"system.status"_s, R"({"verbose":true})", params, u"verbose"_s);
    row("subscribe string", u"system.subscribe"_s, R"({"events":"event.config"})", params,
        u"events"_s);
    row("subscribe unknown event", u"system.subscribe"_s, R"({"events":["event.nonsense"]})",
        params, u"events"_s);
    row("subscribe unknown key", u"system.subscribe"_s, R"({"event":["event.log"]})", params,
        u"event"_s);

    // domain.*
    row("domain.add no name", u"domain.add"_s, R"({})", params, u"name"_s);
    row("domain.add name number", u"domain.add"_s, R"({"name":42})", params, u"name"_s);
    row("domain.add quota string", u"domain.add"_s, R"({"name":"x.test","quota":"10G"})", params,
        u"quota"_s);
    row("domain.add quota negative", u"domain.add"_s, R"({"name":"x.test","quota":-1})", params,
        u"quota"_s);
    row("domain.add quota fraction", u"domain.add"_s, R"({"name":"x.test","quota":1.5})", params,
        u"quota"_s);
    row("domain.add max_mailboxes huge", u"domain.add"_s,
        R"({"name":"x.test","max_mailboxes":2147483648})", params, u"max_mailboxes"_s);
    row("domain.add max_aliases negative", u"domain.add"_s, R"({"name":"x.test","max_aliases":-3})",
        params, u"max_aliases"_s);
    row("domain.add active string", u"domain.add"_s, R"({"name":"x.test","active":"yes"})", params,
        u"active"_s);
    row("domain.add description number", u"domain.add"_s, R"({"name":"x.test","description":1})",
        params, u"description"_s);
    row("domain.add unknown", u"domain.add"_s, R"({"name":"x.test","colour":"blue"})", params,
        u"colour"_s);
    row("domain.add alias with quota", u"domain.add"_s,
        R"({"name":"x.test","alias_for":"example.test","quota":1})", params, u"quota"_s);
    row("domain.add alias_for number", u"domain.add"_s, R"({"name":"x.test","alias_for":1})",
        params, u"alias_for"_s);
    row("domain.add bad name", u"domain.add"_s, R"({"name":"bad..name"})", value, u"name"_s);
    row("domain.add address literal", u"domain.add"_s, R"({"name":"[127.0.0.1]"})", value,
        u"name"_s);
    row("domain.add bad alias_for", u"domain.add"_s, R"({"name":"x.test","alias_for":"-x.test"})",
        value, u"alias_for"_s);
    row("domain.add exists", u"domain.add"_s, R"({"name":"EXAMPLE.test"})",
        ErrorCode::AlreadyExists, u"name"_s);
    row("domain.add is alias domain", u"domain.add"_s, R"({"name":"example.org"})",
        ErrorCode::Conflict, u"name"_s);
    row("domain.add alias for missing", u"domain.add"_s,
        R"({"name":"x.test","alias_for":"missing.test"})", ErrorCode::NotFound, u"alias_for"_s);
    row("domain.add alias is domain", u"domain.add"_s,
        R"({"name":"example.test","alias_for":"example.org"})", ErrorCode::Conflict, u"name"_s);
    row("domain.list params", u"domain.list"_s, R"({"all":true})", params, u"all"_s);
    row("domain.get missing", u"domain.get"_s, R"({"name":"missing.test"})", ErrorCode::NotFound,
        u"name"_s);
    row("domain.get no name", u"domain.get"_s, R"({})", params, u"name"_s);
    row("domain.get bad name", u"domain.get"_s, R"({"name":"a b"})", value, u"name"_s);
    row("domain.update missing", u"domain.update"_s, R"({"name":"missing.test","quota":1})",
        ErrorCode::NotFound, u"name"_s);
    row("domain.update quota negative", u"domain.update"_s, R"({"name":"example.test","quota":-5})",
        params, u"quota"_s);
    row("domain.update unknown", u"domain.update"_s,
        R"({"name":"example.test","alias_for":"x.test"})", params, u"alias_for"_s);
    row("domain.remove has mailboxes", u"domain.remove"_s, R"({"name":"example.test"})",
        ErrorCode::NotEmpty, u"name"_s);
    row("domain.remove missing", u"domain.remove"_s, R"({"name":"missing.test"})",
        ErrorCode::NotFound, u"name"_s);
    row("domain.remove force string", u"domain.remove"_s,
        R"({"name":"example.test","force":"yes"})", params, u"force"_s);

    // mailbox.*
    row("mailbox.add no password", u"mailbox.add"_s, R"({"address":"bob@example.test"})", params,
        u"password"_s);
    row("mailbox.add both", u"mailbox.add"_s,
        R"({"address":"bob@example.test","password":"long enough","password_hash":"$y$x"})", params,
        u"password_hash"_s);
    row("mailbox.add no address", u"mailbox.add"_s, R"({"password":"long enough"})", params,
        u"address"_s);
    row("mailbox.add password number", u"mailbox.add"_s,
        R"({"address":"bob@example.test","password":12345678})", params, u"password"_s);
    row("mailbox.add quota fraction", u"mailbox.add"_s,
        R"({"address":"bob@example.test","password":"long enough","quota":0.5})", params,
        u"quota"_s);
    row("mailbox.add unknown", u"mailbox.add"_s,
        R"({"address":"bob@example.test","password":"long enough","quota_mb":5})", params,
        u"quota_mb"_s);
    row("mailbox.add short password", u"mailbox.add"_s,
        R"({"address":"bob@example.test","password":"short"})", value, u"password"_s);
    row("mailbox.add plaintext hash", u"mailbox.add"_s,
        R"({"address":"bob@example.test","password_hash":"plaintext"})", value, u"password_hash"_s);
    row("mailbox.add PLAIN hash", u"mailbox.add"_s,
        R"({"address":"bob@example.test","password_hash":"{PLAIN}secret"})", value,
        u"password_hash"_s);
    row("mailbox.add bad address", u"mailbox.add"_s,
        R"({"address":"a..b@example.test","password":"long enough"})", value, u"address"_s);
    row("mailbox.add catch-all address", u"mailbox.add"_s,
        R"({"address":"@example.test","password":"long enough"})", value, u"address"_s);
    row("mailbox.add exists", u"mailbox.add"_s,
        R"({"address":"ALICE@example.test","password":"long enough"})", ErrorCode::AlreadyExists,
        u"address"_s);
    row("mailbox.add is alias", u"mailbox.add"_s,
        R"({"address":"sales@example.test","password":"long enough"})", ErrorCode::Conflict,
        u"address"_s);
    row("mailbox.add unknown domain", u"mailbox.add"_s,
        R"({"address":"x@unknown.test","password":"long enough"})", ErrorCode::NotFound,
        u"address"_s);
    row("mailbox.add too many", u"mailbox.add"_s,
        R"({"address":"bob@example.test","password":"long enough"})", ErrorCode::LimitReached,
        u"address"_s);
    row("mailbox.list domain array", u"mailbox.list"_s, R"({"domain":["example.test"]})", params,
        u"domain"_s);
    row("mailbox.list unknown domain", u"mailbox.list"_s, R"({"domain":"missing.test"})",
        ErrorCode::NotFound, u"domain"_s);
    row("mailbox.get missing", u"mailbox.get"_s, R"({"address":"nobody@example.test"})",
        ErrorCode::NotFound, u"address"_s);
    row("mailbox.update missing", u"mailbox.update"_s,
        R"({"address":"nobody@example.test","name":"N"})", ErrorCode::NotFound, u"address"_s);
    row("mailbox.update both", u"mailbox.update"_s,
        R"({"address":"alice@example.test","password":"long enough","password_hash":"$y$x"})",
        params, u"password_hash"_s);
    row("mailbox.update weak password", u"mailbox.update"_s,
        R"({"address":"alice@example.test","password":"short"})", value, u"password"_s);
    row("mailbox.update quota above domain", u"mailbox.update"_s,
        R"({"address":"alice@example.test","quota":21474836480})", ErrorCode::LimitReached,
        u"quota"_s);
    row("mailbox.update active number", u"mailbox.update"_s,
        R"({"address":"alice@example.test","active":0})", params, u"active"_s);
    row("mailbox.remove missing", u"mailbox.remove"_s, R"({"address":"nobody@example.test"})",
        ErrorCode::NotFound, u"address"_s);
    row("mailbox.auth_test no password", u"mailbox.auth_test"_s,
        R"({"address":"alice@example.test"})", params, u"password"_s);
    row("mailbox.auth_test missing", u"mailbox.auth_test"_s,
        R"({"address":"nobody@example.test","password":"x"})", ErrorCode::NotFound, u"address"_s);

    // alias.*
    row("alias.add targets string", u"alias.add"_s,
        R"({"source":"s@example.test","targets":"alice@example.test"})", params, u"targets"_s);
    row("alias.add targets numbers", u"alias.add"_s, R"({"source":"s@example.test","targets":[1]})",
        params, u"targets"_s);
    row("alias.add no targets", u"alias.add"_s, R"({"source":"s@example.test"})", params,
        u"targets"_s);
    row("alias.add empty targets", u"alias.add"_s, R"({"source":"s@example.test","targets":[]})",
        value, u"targets"_s);
    row("alias.add bad target", u"alias.add"_s,
        R"({"source":"s@example.test","targets":["not an address"]})", value, u"targets"_s);
    row("alias.add bad source", u"alias.add"_s,
        R"({"source":"s..x@example.test","targets":["alice@example.test"]})", value, u"source"_s);
    row("alias.add exists", u"alias.add"_s,
        R"({"source":"sales@example.test","targets":["alice@example.test"]})",
        ErrorCode::AlreadyExists, u"source"_s);
    row("alias.add is mailbox", u"alias.add"_s,
        R"({"source":"alice@example.test","targets":["x@elsewhere.example"]})", ErrorCode::Conflict,
        u"source"_s);
    row("alias.add duplicate targets", u"alias.add"_s,
        R"({"source":"s@example.test","targets":["alice@example.test","ALICE@example.test"]})",
        ErrorCode::AliasLoop, u"targets"_s);
    row("alias.add self", u"alias.add"_s,
        R"({"source":"s@example.test","targets":["s@example.test"]})", ErrorCode::AliasLoop,
        u"targets"_s);
    row("alias.list bad domain", u"alias.list"_s, R"({"domain":"a b"})", value, u"domain"_s);
    row("alias.get missing", u"alias.get"_s, R"({"source":"nope@example.test"})",
        ErrorCode::NotFound, u"source"_s);
    row("alias.update missing", u"alias.update"_s,
        R"({"source":"nope@example.test","active":false})", ErrorCode::NotFound, u"source"_s);
    row("alias.update targets null", u"alias.update"_s,
        R"({"source":"sales@example.test","targets":null})", params, u"targets"_s);
    row("alias.remove missing", u"alias.remove"_s, R"({"source":"nope@example.test"})",
        ErrorCode::NotFound, u"source"_s);
}

void TestMethodTable::errors() {
    QFETCH(QString, method);
    QFETCH(QByteArray, params);
    QFETCH(ErrorCode, code);
    QFETCH(QString, field);

    Fixture f;
    QVERIFY(f.populate());
    f.events.clear();
    const HandlerResult result = f.call(method, params);
    if (result.ok())
        QFAIL(QJsonDocument(result.result().toObject()).toJson().constData());
    QVERIFY2(result.error().code == code,
             qPrintable(u"code "_s + QString::number(int(result.error().code)) + u": "_s +
                        result.error().message));
    QCOMPARE(result.error().field, field);
    QVERIFY(!result.error().message.isEmpty());
    QVERIFY(f.events.isEmpty());
}

void TestMethodTable::storageError() {
    QTemporaryDir dir;
    // A regular file where the data directory should be: config.db cannot open.
    const QString blocker = dir.filePath(u"not-a-dir"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    Fixture f(blocker + u"/config.db"_s);
    QVERIFY(!f.store->isOpen());
    for (const auto &[method, params] : {
             std::pair{u"domain.add"_s, QByteArray(R"({"name":"example.test"})")},
             std::pair{u"domain.get"_s, QByteArray(R"({"name":"example.test"})")},
             std::pair{u"mailbox.add"_s,
                       QByteArray(R"({"address":"a@example.test","password":"long enough"})")},
             std::pair{u"alias.add"_s,
                       QByteArray(R"({"source":"a@example.test","targets":["b@example.test"]})")},
         }) {
        const HandlerResult result = f.call(method, params);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::StorageError);
    }
    QVERIFY(f.events.isEmpty());
}

void TestMethodTable::failedRequestsChangeNothing() {
    Fixture f;
    QVERIFY(f.populate());
    const QJsonValue before = f.ok(u"domain.list"_s);
    const QJsonValue boxes = f.ok(u"mailbox.list"_s);
    const QJsonValue aliases = f.ok(u"alias.list"_s);
    f.call(u"domain.update"_s, R"({"name":"example.test","quota":1,"max_mailboxes":-1})");
    f.call(u"mailbox.update"_s,
           R"({"address":"alice@example.test","name":"X","quota":21474836480})");
    f.call(u"alias.update"_s,
           R"({"source":"sales@example.test","active":false,"targets":["bad"]})");
    f.call(u"mailbox.add"_s, R"({"address":"bob@example.test","password":"long enough"})");
    QCOMPARE(f.ok(u"domain.list"_s), before);
    QCOMPARE(f.ok(u"mailbox.list"_s), boxes);
    QCOMPARE(f.ok(u"alias.list"_s), aliases);
}

QTEST_GUILESS_MAIN(TestMethodTable)
#include "tst_methodtable.moc"
