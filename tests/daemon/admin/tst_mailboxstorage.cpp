// tst_mailboxstorage.cpp - mailbox methods keep the message store in step:
// folders are created with the mailbox, mail goes with it, usage is reported.
#include "admin/MethodTable.h"
#include "core/ConfigStore.h"
#include "core/EventBus.h"
#include "store/MessageStore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;

class TestMailboxStorage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void addCreatesFoldersAndReportsUsage();
    void removeDeletesMail();
    void forcedDomainRemovalDeletesMail();

private:
    admin::HandlerResult call(const QString &method, const QByteArray &params);
    QString mailboxDir(const QString &local) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<core::ConfigStore> m_config;
    std::unique_ptr<store::MessageStore> m_messages;
    core::EventBus m_bus;
    admin::MethodTable m_table;
    admin::MethodContext m_context;
};

admin::HandlerResult TestMailboxStorage::call(const QString &method, const QByteArray &params) {
    return m_table.call(method, QJsonDocument::fromJson(params).object(), m_context);
}

QString TestMailboxStorage::mailboxDir(const QString &local) const {
    return m_messages->vmailDir() + u"/example.test/"_s + local;
}

void TestMailboxStorage::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_config = std::make_unique<core::ConfigStore>(m_dir->filePath(u"config.db"_s));
    m_messages = std::make_unique<store::MessageStore>();
    QString error;
    QVERIFY2(m_messages->open(m_dir->path(), &error), qPrintable(error));
    m_context.store = m_config.get();
    m_context.events = &m_bus;
    m_context.messages = m_messages.get();
    QVERIFY(call(u"domain.add"_s, R"({"name":"example.test"})").ok());
    QVERIFY(call(u"mailbox.add"_s, R"({"address":"alice@example.test","password":"long enough"})")
                .ok());
}

void TestMailboxStorage::cleanup() {
    m_messages.reset();
    m_config.reset();
    m_dir.reset();
}

void TestMailboxStorage::addCreatesFoldersAndReportsUsage() {
    const QDir box(mailboxDir(u"alice"_s));
    QVERIFY(box.exists(u"new"_s));
    QVERIFY(box.exists(u".Sent"_s));
    QVERIFY(box.exists(u".Trash"_s));

    store::DeliveryRequest request;
    store::Recipient rcpt;
    rcpt.domain = u"example.test"_s;
    rcpt.localPart = u"alice"_s;
    request.recipients = {rcpt};
    request.message = store::MessageData::fromBytes("Subject: hi\r\n\r\nhello\r\n");
    QVERIFY(m_messages->deliverAndWait(request).first().ok());

    const auto got = call(u"mailbox.get"_s, R"({"address":"alice@example.test"})");
    QVERIFY(got.ok());
    const QJsonObject usage = got.result().toObject().value(u"usage"_s).toObject();
    QCOMPARE(usage.value(u"messages"_s).toInteger(), 1);
    QCOMPARE(usage.value(u"bytes"_s).toInteger(), 22);
    const auto domains = call(u"domain.list"_s, "{}");
    const QJsonObject domainUsage = domains.result()
                                        .toObject()
                                        .value(u"domains"_s)
                                        .toArray()
                                        .first()
                                        .toObject()
                                        .value(u"usage"_s)
                                        .toObject();
    QCOMPARE(domainUsage.value(u"messages"_s).toInteger(), 1);
}

void TestMailboxStorage::removeDeletesMail() {
    QVERIFY(call(u"mailbox.remove"_s, R"({"address":"alice@example.test"})").ok());
    QTRY_VERIFY(!QDir(mailboxDir(u"alice"_s)).exists());
    QVERIFY(!m_messages->mailboxExists(u"example.test"_s, u"alice"_s));
}

void TestMailboxStorage::forcedDomainRemovalDeletesMail() {
    QVERIFY(!call(u"domain.remove"_s, R"({"name":"example.test"})").ok());
    QVERIFY(QDir(mailboxDir(u"alice"_s)).exists());
    QVERIFY(call(u"domain.remove"_s, R"({"name":"example.test","force":true})").ok());
    QVERIFY(!m_messages->mailboxExists(u"example.test"_s, u"alice"_s));
}

QTEST_GUILESS_MAIN(TestMailboxStorage)
#include "tst_mailboxstorage.moc"
