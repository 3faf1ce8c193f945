// tst_mainwindow.cpp - the main window: sidebar pages, status page, daemon buttons
//
// A QLocalServer in the test plays the daemon's side of docs/ipc.md for
// system.subscribe and system.status (a unit test of one class, so a fake
// peer is fine; tests/e2e/ drives the real daemon). MAILSTEAD_SOCKET points
// the app at it. Widgets are found by objectName, as in the screenshots.
#include "ipc/JsonRpc.h"
#include "pages/AliasesPage.h"
#include "pages/DomainsPage.h"
#include "pages/LogPage.h"
#include "pages/MailboxesPage.h"
#include "pages/StatusPage.h"
#include "supervision/DaemonConnection.h"
#include "window/MainWindow.h"

#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;

namespace {

// Answers system.subscribe and system.status; everything else is MethodNotFound.
class FakeDaemon : public QObject {
    Q_OBJECT
public:
    explicit FakeDaemon(const QString &path) {
        QLocalServer::removeServer(path);
        if (!m_server.listen(path))
            qFatal("cannot listen on %s", qPrintable(path));
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *socket = m_server.nextPendingConnection()) {
                m_client = socket;
                auto decoder = std::make_shared<ipc::LineDecoder>();
                connect(socket, &QLocalSocket::readyRead, this,
                        [this, socket, decoder] { onReadyRead(socket, *decoder); });
                connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    void notify(const QString &method, const QJsonObject &params) {
        QVERIFY(m_client);
        m_client->write(ipc::encodeNotification(method, params));
        m_client->flush();
    }
    void dropClient() {
        if (m_client)
            m_client->abort();
    }

    QJsonObject status;
    int statusRequests = 0;
    QStringList subscribedEvents;

private:
    void onReadyRead(QLocalSocket *socket, ipc::LineDecoder &decoder) {
        decoder.append(socket->readAll());
        for (;;) {
            const ipc::LineDecoder::Result next = decoder.next();
            if (next.status != ipc::LineDecoder::Status::Line)
                return;
            const ipc::Message message = ipc::decodeMessage(next.line);
            if (message.kind != ipc::Message::Kind::Request)
                continue;
            if (message.method == u"system.status"_s) {
                ++statusRequests;
                socket->write(ipc::encodeResult(message.id, status));
            } else if (message.method == u"system.subscribe"_s) {
                const QJsonArray events = message.params.value(u"events"_s).toArray();
                for (const QJsonValue &event : events)
                    subscribedEvents.append(event.toString());
                socket->write(ipc::encodeResult(message.id, QJsonObject{{u"events"_s, events}}));
            } else {
                socket->write(ipc::encodeError(
                    message.id, {ipc::ErrorCode::MethodNotFound, u"unknown method"_s, {}}));
            }
        }
    }

    QLocalServer m_server;
    QPointer<QLocalSocket> m_client;
};

QJsonObject sampleStatus(int domains) {
    return QJsonObject{
        {u"version"_s, u"9.8.7"_s},
        {u"pid"_s, 4242},
        {u"hostname"_s, u"mail.example.test"_s},
        {u"local_mode"_s, true},
        {u"config_file"_s, u""_s},
        {u"data_dir"_s, u"/home/test/.local/share/mailstead"_s},
        {u"socket"_s, u"/run/user/1000/mailstead/admin.sock"_s},
        {u"started"_s, u"2026-11-28T12:00:00Z"_s},
        {u"uptime_seconds"_s, 3 * 3600 + 25 * 60},
        {u"health"_s, u"ok"_s},
        {u"listeners"_s,
         QJsonArray{
             QJsonObject{{u"service"_s, u"smtp"_s},
                         {u"address"_s, u"127.0.0.1"_s},
                         {u"port"_s, 10025},
                         {u"state"_s, u"listening"_s}},
             QJsonObject{{u"service"_s, u"imaps"_s},
                         {u"address"_s, u"::1"_s},
                         {u"port"_s, 10993},
                         {u"state"_s, u"listening"_s}},
         }},
        {u"counts"_s, QJsonObject{{u"domains"_s, domains},
                                  {u"alias_domains"_s, 1},
                                  {u"mailboxes"_s, 5},
                                  {u"aliases"_s, 4}}},
    };
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsStatus();
    void refreshesOnConfigEvent();
    void clearsAndRecoversAfterDisconnect();
    void startAndStopButtonsDriveChildDaemon();
    void sidebarSwitchesPages();
    void keyboardSwitchesPages();
    void pagesByName();
    void listErrorsShowOnPage();

private:
    QString text(const char *objectName) const;

    QTemporaryDir *m_dir = nullptr;
    FakeDaemon *m_daemon = nullptr;
    app::DaemonConnection *m_connection = nullptr;
    app::MainWindow *m_window = nullptr;
};

void TestMainWindow::init() {
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    const QString socketPath = m_dir->filePath(u"admin.sock"_s);
    m_daemon = new FakeDaemon(socketPath);
    m_daemon->status = sampleStatus(2);
    qputenv("MAILSTEAD_SOCKET", socketPath.toLocal8Bit());

    m_connection = new app::DaemonConnection;
    m_connection->setAutoStart(false); // never spawn a real daemon from a unit test
    m_window = new app::MainWindow(m_connection);
    // Long enough that only notifications trigger refreshes during a test.
    m_window->setRefreshInterval(60 * 60 * 1000);
    m_window->show();
    m_connection->start();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
}

void TestMainWindow::cleanup() {
    delete m_window;
    delete m_connection;
    delete m_daemon;
    delete m_dir;
    qunsetenv("MAILSTEAD_SOCKET");
}

QString TestMainWindow::text(const char *objectName) const {
    const auto *label = m_window->findChild<QLabel *>(QString::fromLatin1(objectName));
    if (!label)
        qFatal("no QLabel named %s", objectName);
    return label->text();
}

void TestMainWindow::showsStatus() {
    QCOMPARE(m_window->windowTitle(), u"Mailstead"_s);
    QTRY_COMPARE(text("versionLabel"), u"9.8.7"_s);
    QCOMPARE(text("hostnameLabel"), u"mail.example.test"_s);
    QCOMPARE(text("modeLabel"), u"Local (started for this user)"_s);
    QCOMPARE(text("dataDirLabel"), u"/home/test/.local/share/mailstead"_s);
    QCOMPARE(text("socketLabel"), u"/run/user/1000/mailstead/admin.sock"_s);
    QCOMPARE(text("uptimeLabel"), u"3 h 25 min"_s);
    QCOMPARE(text("healthLabel"), u"OK"_s);
    QCOMPARE(text("domainsLabel"), u"2"_s);
    QCOMPARE(text("aliasDomainsLabel"), u"1"_s);
    QCOMPARE(text("mailboxesLabel"), u"5"_s);
    QCOMPARE(text("aliasesLabel"), u"4"_s);
    QVERIFY(text("connectionStatusLabel").contains(qEnvironmentVariable("MAILSTEAD_SOCKET")));

    auto *table = m_window->findChild<QTableWidget *>(u"listenersTableWidget"_s);
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->columnCount(), 3);
    QCOMPARE(table->item(0, 0)->data(Qt::UserRole).toString(), u"smtp"_s);
    QCOMPARE(table->item(0, 1)->text(), u"127.0.0.1"_s);
    QCOMPARE(table->item(0, 2)->text(), u"10025"_s);
    QCOMPARE(table->item(1, 0)->data(Qt::UserRole).toString(), u"imaps"_s);
    QCOMPARE(table->item(1, 1)->text(), u"::1"_s);
    QCOMPARE(table->item(1, 2)->text(), u"10993"_s);

    // Connected to a daemon the app did not start: it can neither start
    // another one nor stop this one.
    auto *start = m_window->findChild<QPushButton *>(u"startDaemonPushButton"_s);
    auto *stop = m_window->findChild<QPushButton *>(u"stopDaemonPushButton"_s);
    QVERIFY(start && stop);
    QVERIFY(!start->isEnabled());
    QVERIFY(!stop->isEnabled());
}

void TestMainWindow::refreshesOnConfigEvent() {
    QTRY_COMPARE(text("domainsLabel"), u"2"_s);
    QTRY_VERIFY(m_daemon->subscribedEvents.contains(u"event.config"_s));
    QVERIFY(m_daemon->subscribedEvents.contains(u"event.health"_s));
    const int before = m_daemon->statusRequests;

    m_daemon->status = sampleStatus(3);
    m_daemon->notify(u"event.config"_s, QJsonObject{{u"object"_s, u"domain"_s},
                                                    {u"action"_s, u"added"_s},
                                                    {u"name"_s, u"new.example"_s}});
    QTRY_COMPARE(text("domainsLabel"), u"3"_s);
    QCOMPARE(m_daemon->statusRequests, before + 1);

    // Other notifications do not cause a refresh.
    m_daemon->notify(u"event.log"_s, QJsonObject{{u"message"_s, u"hello"_s}});
    QTest::qWait(200);
    QCOMPARE(m_daemon->statusRequests, before + 1);
}

void TestMainWindow::clearsAndRecoversAfterDisconnect() {
    QTRY_COMPARE(text("versionLabel"), u"9.8.7"_s);
    m_daemon->dropClient();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Disconnected);
    QCOMPARE(text("versionLabel"), QString(QChar(0x2013)));
    QCOMPARE(m_window->findChild<QTableWidget *>(u"listenersTableWidget"_s)->rowCount(), 0);

    // The client reconnects by itself and the page fills again.
    QTRY_COMPARE_WITH_TIMEOUT(text("versionLabel"), u"9.8.7"_s, 10000);
    QCOMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
}

void TestMainWindow::startAndStopButtonsDriveChildDaemon() {
    // A second window whose socket answers nothing; its "daemon" is a
    // script that announces the fake daemon's socket the way mailsteadd
    // does and exits cleanly on SIGTERM.
    const QString script = m_dir->filePath(u"fake-mailsteadd"_s);
    {
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\n"
                   "echo 'mailsteadd: admin socket " +
                   qgetenv("MAILSTEAD_SOCKET") +
                   "'\n"
                   "trap 'echo bye; exit 0' TERM\n"
                   "echo 'mailsteadd: ready'\n"
                   "while true; do sleep 0.05; done\n");
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    qputenv("MAILSTEAD_SOCKET", m_dir->filePath(u"nobody-home.sock"_s).toLocal8Bit());

    app::DaemonConnection connection;
    connection.setAutoStart(false);
    connection.setDaemonProgram(script);
    app::MainWindow window(&connection);
    window.setRefreshInterval(60 * 60 * 1000);
    window.show();
    connection.start();

    auto *start = window.findChild<QPushButton *>(u"startDaemonPushButton"_s);
    auto *stop = window.findChild<QPushButton *>(u"stopDaemonPushButton"_s);
    auto *version = window.findChild<QLabel *>(u"versionLabel"_s);
    auto *log = window.findChild<QPlainTextEdit *>(u"daemonLogPlainTextEdit"_s);
    QVERIFY(start && stop && version && log);
    QTRY_VERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    QCOMPARE(version->text(), QString(QChar(0x2013)));

    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE(connection.state(), app::DaemonConnection::State::Connected);
    QTRY_COMPARE(version->text(), u"9.8.7"_s);
    QVERIFY(connection.ownsDaemon());
    QVERIFY(stop->isEnabled());
    QVERIFY(!start->isEnabled());
    QVERIFY(log->toPlainText().contains(u"mailsteadd: ready"_s));

    QTest::mouseClick(stop, Qt::LeftButton);
    QTRY_VERIFY(!connection.ownsDaemon());
    QTRY_VERIFY(log->toPlainText().contains(u"mailsteadd exited with status 0."_s));
    QVERIFY(log->toPlainText().contains(u"bye"_s));
    QVERIFY(!stop->isEnabled());
    // The fake daemon's socket still answers, so the window stays connected
    // to it; a real daemon would have closed it. Either way Start is only
    // offered when nothing answers.
    QCOMPARE(start->isEnabled(), connection.state() != app::DaemonConnection::State::Connected);
}

void TestMainWindow::sidebarSwitchesPages() {
    auto *list = m_window->findChild<QListWidget *>(u"pageListWidget"_s);
    auto *stack = m_window->findChild<QStackedWidget *>(u"pageStackedWidget"_s);
    QVERIFY(list && stack);
    QCOMPARE(list->count(), 5);
    const QStringList titles = {u"Status"_s, u"Domains"_s, u"Mailboxes"_s, u"Aliases"_s, u"Log"_s};
    const QList<QWidget *> pages = {m_window->statusPage(), m_window->domainsPage(),
                                    m_window->mailboxesPage(), m_window->aliasesPage(),
                                    m_window->logPage()};
    QCOMPARE(m_window->currentPage(), app::MainWindow::Page::Status);
    QCOMPARE(stack->currentWidget(), m_window->statusPage());
    for (int row = list->count() - 1; row >= 0; --row) {
        QListWidgetItem *item = list->item(row);
        QCOMPARE(item->text(), titles.at(row));
        QVERIFY(!item->icon().isNull());
        const QRect rect = list->visualItemRect(item);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(stack->currentWidget(), pages.at(row));
        QVERIFY(pages.at(row)->isVisible());
        QCOMPARE(int(m_window->currentPage()), row);
    }
}

void TestMainWindow::keyboardSwitchesPages() {
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    auto *stack = m_window->findChild<QStackedWidget *>(u"pageStackedWidget"_s);
    QTest::keyClick(m_window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(stack->currentWidget(), m_window->mailboxesPage());
    QTest::keyClick(m_window, Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(stack->currentWidget(), m_window->logPage());
    // Arrow keys in the sidebar move between pages too.
    auto *list = m_window->findChild<QListWidget *>(u"pageListWidget"_s);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Up);
    QCOMPARE(stack->currentWidget(), m_window->aliasesPage());
}

void TestMainWindow::pagesByName() {
    QCOMPARE(app::MainWindow::pageFromName(u"domains"_s), app::MainWindow::Page::Domains);
    QCOMPARE(app::MainWindow::pageFromName(u"Log"_s), app::MainWindow::Page::Log);
    QVERIFY(!app::MainWindow::pageFromName(u"wizard"_s));
    m_window->showPage(app::MainWindow::Page::Aliases);
    QCOMPARE(m_window->currentPage(), app::MainWindow::Page::Aliases);
}

void TestMainWindow::listErrorsShowOnPage() {
    // The fake daemon knows no domain.list: the page says so instead of
    // showing an empty table without explanation.
    auto *message = m_window->domainsPage()->findChild<QLabel *>(u"domainMessageLabel"_s);
    QVERIFY(message);
    m_window->showPage(app::MainWindow::Page::Domains);
    QTRY_VERIFY(message->isVisible());
    QCOMPARE(message->text(), u"unknown method"_s);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
