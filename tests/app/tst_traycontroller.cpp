// tst_traycontroller.cpp - the tray icon's state for each health level
//
// One class alone: health values go in directly (as StatusPage hands them
// over), a QLocalServer stands in for the daemon where the connection
// itself matters (the "daemon stopped" notification), and the fake
// systemctl and pkexec from support/ stand in for systemd in installed
// mode. CTest runs this under support/run-with-tray.sh: Xvfb with a real
// XEmbed tray (trayer), so the icon is really shown and closing the main
// window can be seen to keep it. Notifications are observed through
// TrayController::notified, which fires with every showMessage.
#include "FakeSystemctl.h"
#include "settings/AppSettings.h"
#include "supervision/DaemonConnection.h"
#include "supervision/DaemonControls.h"
#include "supervision/ServiceController.h"
#include "tray/TrayController.h"
#include "window/MainWindow.h"

#include <memory>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace Qt::StringLiterals;
using namespace mailstead;
using Health = app::TrayController::Health;

Q_DECLARE_METATYPE(Health)

class TestTrayController : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void iconForEachHealth_data();
    void iconForEachHealth();
    void iconsAreSharpAtEverySize();
    void toolTipSummarizes();
    void notifiesHealthEvents();
    void notifiesWhenDaemonGoesAway();
    void menuActions();
    void notifiesOncePerTransition();
    void notifiesStatusTransitions();
    void installedModeMenuDrivesTheService();
    void failedServiceActionIsNotified();
    void windowButtonsDriveTheService();
    void noNotificationWhenStoppedOnPurpose();
    void closingTheWindowKeepsTheTray();
    void closingQuitsWithoutKeepInTray();

private:
    QTemporaryDir *m_dir = nullptr;
    app::DaemonConnection *m_connection = nullptr;
    QWidget *m_window = nullptr;
    app::TrayController *m_tray = nullptr;
};

void TestTrayController::initTestCase() {
    // AppSettings needs names to store anything; run-with-tray.sh gives the
    // test its own XDG_CONFIG_HOME.
    QCoreApplication::setOrganizationName(u"mailstead-test"_s);
    QCoreApplication::setApplicationName(u"tst_traycontroller"_s);
    // run-with-tray.sh starts the tray next to the test: give it a moment.
    QVERIFY2(QTest::qWaitFor([] { return QSystemTrayIcon::isSystemTrayAvailable(); }, 10000),
             "no system tray: run through tests/app/support/run-with-tray.sh (ctest does)");
}

void TestTrayController::init() {
    m_dir = new QTemporaryDir;
    qputenv("MAILSTEAD_SOCKET", m_dir->filePath(u"admin.sock"_s).toLocal8Bit());
    m_connection = new app::DaemonConnection;
    m_connection->setAutoStart(false);
    m_window = new QWidget;
    m_tray = new app::TrayController(m_connection, m_window);
}

void TestTrayController::cleanup() {
    delete m_tray;
    delete m_window;
    delete m_connection;
    delete m_dir;
    qunsetenv("MAILSTEAD_SOCKET");
}

void TestTrayController::iconForEachHealth_data() {
    QTest::addColumn<QString>("health");
    QTest::addColumn<Health>("expected");
    QTest::addColumn<QString>("icon");
    QTest::addColumn<QString>("toolTipStart");
    QTest::newRow("ok") << u"ok"_s << Health::Ok << u":/icons/tray-ok.svg"_s << u"Mailstead: OK"_s;
    QTest::newRow("warning") << u"warning"_s << Health::Warning << u":/icons/tray-warning.svg"_s
                             << u"Mailstead: Warning"_s;
    QTest::newRow("error") << u"error"_s << Health::Error << u":/icons/tray-error.svg"_s
                           << u"Mailstead: Error"_s;
    QTest::newRow("unknown") << u"confused"_s << Health::Unknown << u":/icons/tray-offline.svg"_s
                             << u"Mailstead: Not connected"_s;
}

void TestTrayController::iconForEachHealth() {
    QFETCH(QString, health);
    QFETCH(Health, expected);
    QFETCH(QString, icon);
    QFETCH(QString, toolTipStart);
    // Start from another level so that every row is a real change.
    m_tray->showStatus({{u"health"_s, expected == Health::Error ? u"ok"_s : u"error"_s}});
    const qint64 before = m_tray->trayIcon()->icon().cacheKey();

    m_tray->showStatus({{u"health"_s, health}, {u"hostname"_s, u"mail.example.test"_s}});
    QCOMPARE(m_tray->health(), expected);
    QCOMPARE(m_tray->iconPath(), icon);
    QVERIFY(QFile::exists(icon));
    QVERIFY(m_tray->trayIcon()->icon().cacheKey() != before);
    QVERIFY(m_tray->toolTip().startsWith(toolTipStart));
    QCOMPARE(m_tray->trayIcon()->toolTip(), m_tray->toolTip());
}

void TestTrayController::iconsAreSharpAtEverySize() {
    // SVG through the icon engine: every size is rendered, not scaled.
    for (const Health health : {Health::Ok, Health::Warning, Health::Error, Health::Unknown}) {
        const QIcon icon(app::TrayController::iconPathFor(health));
        QVERIFY(!icon.isNull());
        for (const int size : {16, 22, 32, 64, 128}) {
            const QImage image = icon.pixmap(QSize(size, size)).toImage();
            QCOMPARE(image.size(), QSize(size, size));
            QVERIFY(image.hasAlphaChannel());
        }
    }
    // The colours differ: the badge's pixel in the lower right corner.
    const auto badge = [](Health health) {
        return QIcon(app::TrayController::iconPathFor(health))
            .pixmap(QSize(64, 64))
            .toImage()
            .pixelColor(52, 60);
    };
    QCOMPARE(badge(Health::Ok), QColor(0x1e, 0x84, 0x49));
    QCOMPARE(badge(Health::Warning), QColor(0xd6, 0x89, 0x10));
    QCOMPARE(badge(Health::Error), QColor(0xc0, 0x39, 0x2b));
    QCOMPARE(badge(Health::Unknown), QColor(0x7f, 0x8c, 0x8d));
}

void TestTrayController::toolTipSummarizes() {
    QCOMPARE(m_tray->toolTip(), u"Mailstead: Not connected"_s);
    m_tray->showStatus(
        {{u"health"_s, u"ok"_s},
         {u"hostname"_s, u"mail.example.test"_s},
         {u"counts"_s, QJsonObject{{u"domains"_s, 2}, {u"mailboxes"_s, 5}, {u"aliases"_s, 1}}}});
    QCOMPARE(m_tray->toolTip(),
             u"Mailstead: OK\nmail.example.test\nDomains: 2, mailboxes: 5, aliases: 1"_s);
    m_tray->showHealthEvent(u"warning"_s, u"certificate expires in 5 days"_s);
    QVERIFY(m_tray->toolTip().contains(u"certificate expires in 5 days"_s));
}

void TestTrayController::notifiesHealthEvents() {
    QSignalSpy notified(m_tray, &app::TrayController::notified);
    m_tray->showHealthEvent(u"ok"_s, u"configuration reloaded"_s);
    QCOMPARE(notified.size(), 0); // ok after ok is no news

    m_tray->showHealthEvent(u"warning"_s, u"certificate expires in 5 days"_s);
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), u"Mailstead: warning"_s);
    QCOMPARE(notified.at(0).at(1).toString(), u"certificate expires in 5 days"_s);
    QCOMPARE(m_tray->health(), Health::Warning);

    m_tray->showHealthEvent(u"error"_s, u"queue growing: 500 messages"_s);
    QCOMPARE(notified.size(), 2);
    QCOMPARE(notified.at(1).at(0).toString(), u"Mailstead: error"_s);
    QCOMPARE(m_tray->iconPath(), u":/icons/tray-error.svg"_s);

    m_tray->showHealthEvent(u"ok"_s, u"queue drained"_s);
    QCOMPARE(notified.size(), 3);
    QCOMPARE(notified.at(2).at(0).toString(), u"Mailstead is healthy again"_s);
    QCOMPARE(m_tray->health(), Health::Ok);
}

void TestTrayController::notifiesWhenDaemonGoesAway() {
    QLocalServer server;
    QVERIFY(server.listen(qEnvironmentVariable("MAILSTEAD_SOCKET")));
    QSignalSpy notified(m_tray, &app::TrayController::notified);
    m_connection->start();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
    QTRY_VERIFY(server.hasPendingConnections());
    m_tray->showStatus({{u"health"_s, u"ok"_s}});
    QCOMPARE(notified.size(), 0);

    QLocalSocket *peer = server.nextPendingConnection();
    server.close();
    peer->abort();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Disconnected);
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), u"Mailstead daemon stopped"_s);
    QCOMPARE(m_tray->health(), Health::Unknown);
    QCOMPARE(m_tray->iconPath(), u":/icons/tray-offline.svg"_s);
}

void TestTrayController::menuActions() {
    QMenu *menu = m_tray->menu();
    QCOMPARE(m_tray->trayIcon()->contextMenu(), menu);
    auto *open = menu->findChild<QAction *>(u"openAction"_s);
    auto *daemon = menu->findChild<QAction *>(u"daemonAction"_s);
    auto *quit = menu->findChild<QAction *>(u"quitAction"_s);
    QVERIFY(open && daemon && quit);
    QCOMPARE(menu->actions().size(), 4); // with one separator

    // Not connected and nothing started: the daemon can be started.
    QCOMPARE(daemon->text(), u"&Start daemon"_s);
    QVERIFY(daemon->isEnabled());

    QVERIFY(!m_window->isVisible());
    open->trigger();
    QVERIFY(m_window->isVisible());

    QSignalSpy quitRequested(m_tray, &app::TrayController::quitRequested);
    quit->trigger();
    QCOMPARE(quitRequested.size(), 1);

    // With a tray the icon shows; without one it is not shown and the
    // window stays the way to reach the app.
    QCOMPARE(m_tray->showIcon(), QSystemTrayIcon::isSystemTrayAvailable());
    QCOMPARE(m_tray->trayIcon()->isVisible(), QSystemTrayIcon::isSystemTrayAvailable());
}

void TestTrayController::notifiesOncePerTransition() {
    QVERIFY(m_tray->showIcon()); // showMessage really runs against the tray
    QSignalSpy notified(m_tray, &app::TrayController::notified);
    m_tray->showHealthEvent(u"warning"_s, u"the TLS certificate expires in 9 days"_s);
    QCOMPARE(notified.size(), 1);
    // The level stays: no second notification, but the tooltip has the news.
    m_tray->showHealthEvent(u"warning"_s, u"the TLS certificate expires in 8 days"_s);
    m_tray->showStatus({{u"health"_s, u"warning"_s}});
    QCOMPARE(notified.size(), 1);
    QVERIFY(m_tray->toolTip().contains(u"expires in 8 days"_s));

    m_tray->showHealthEvent(u"error"_s, u"queue growing: 800 messages"_s);
    m_tray->showHealthEvent(u"error"_s, u"queue growing: 900 messages"_s);
    QCOMPARE(notified.size(), 2);
    QCOMPARE(notified.at(1).at(0).toString(), u"Mailstead: error"_s);
    QCOMPARE(notified.at(1).at(1).toString(), u"queue growing: 800 messages"_s);

    // Back to warning is a change too.
    m_tray->showHealthEvent(u"warning"_s, u"queue shrinking"_s);
    QCOMPARE(notified.size(), 3);
    QCOMPARE(notified.at(2).at(0).toString(), u"Mailstead: warning"_s);

    m_tray->showHealthEvent(u"ok"_s, u"configuration reloaded"_s);
    m_tray->showStatus({{u"health"_s, u"ok"_s}});
    m_tray->showHealthEvent(u"ok"_s, u"configuration reloaded"_s);
    QCOMPARE(notified.size(), 4);
    QCOMPARE(notified.at(3).at(0).toString(), u"Mailstead is healthy again"_s);
}

void TestTrayController::notifiesStatusTransitions() {
    QSignalSpy notified(m_tray, &app::TrayController::notified);
    // Connecting to a healthy daemon is no news.
    m_tray->showStatus({{u"health"_s, u"ok"_s}});
    QCOMPARE(notified.size(), 0);
    // A status poll that finds a problem the app had no event for.
    m_tray->showStatus({{u"health"_s, u"warning"_s}});
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), u"Mailstead: warning"_s);
    QVERIFY(notified.at(0).at(1).toString().contains(u"Status page"_s));
    QCOMPARE(m_tray->iconPath(), u":/icons/tray-warning.svg"_s);
    m_tray->showStatus({{u"health"_s, u"ok"_s}});
    QCOMPARE(notified.size(), 2);
    QCOMPARE(notified.at(1).at(0).toString(), u"Mailstead is healthy again"_s);
    QCOMPARE(notified.at(1).at(1).toString(), u"The mail server reports no problems."_s);
}

void TestTrayController::installedModeMenuDrivesTheService() {
    test::FakeSystemctl fake;
    fake.setActive(true);
    app::DaemonControls *controls = app::DaemonControls::of(m_connection);
    controls->setServiceSocketPath(qEnvironmentVariable("MAILSTEAD_SOCKET"));
    controls->service()->setRunningAsRoot(false);
    controls->service()->setPollInterval(100);
    QLocalServer server;
    QVERIFY(server.listen(qEnvironmentVariable("MAILSTEAD_SOCKET")));
    m_connection->start();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
    QCOMPARE(controls->mode(), app::DaemonControls::Mode::Installed);

    auto *daemon = m_tray->menu()->findChild<QAction *>(u"daemonAction"_s);
    QVERIFY(daemon);
    QTRY_COMPARE(daemon->text(), u"S&top service"_s);
    QVERIFY(daemon->isEnabled());
    QTRY_VERIFY(m_tray->toolTip().contains(
        u"Service mailsteadd.service: active (running), process 4242"_s));

    fake.clearCalls();
    daemon->trigger();
    QTRY_COMPARE(daemon->text(), u"&Start service"_s);
    QCOMPARE(fake.actions(),
             (QStringList{u"pkexec "_s + fake.systemctlPath() + u" stop mailsteadd.service"_s,
                          u"stop mailsteadd.service"_s}));
    QVERIFY(daemon->isEnabled());
    QVERIFY(m_tray->toolTip().contains(u"Service mailsteadd.service: inactive (dead)"_s));

    fake.clearCalls();
    daemon->trigger();
    QTRY_COMPARE(daemon->text(), u"S&top service"_s);
    QCOMPARE(fake.actions(),
             (QStringList{u"pkexec "_s + fake.systemctlPath() + u" start mailsteadd.service"_s,
                          u"start mailsteadd.service"_s}));
}

void TestTrayController::failedServiceActionIsNotified() {
    test::FakeSystemctl fake;
    fake.write(u"pkexec-exit"_s, "126\n");
    fake.write(u"pkexec-stderr"_s, "Error executing command as another user: Request dismissed\n");
    app::DaemonControls *controls = app::DaemonControls::of(m_connection);
    controls->setServiceSocketPath(qEnvironmentVariable("MAILSTEAD_SOCKET"));
    controls->service()->setRunningAsRoot(false);
    m_connection->start(); // nothing listens: the service is down
    QTRY_COMPARE(controls->mode(), app::DaemonControls::Mode::Installed);
    auto *daemon = m_tray->menu()->findChild<QAction *>(u"daemonAction"_s);
    QTRY_COMPARE(controls->service()->status().activeState, u"inactive"_s);
    QCOMPARE(daemon->text(), u"&Start service"_s);
    QVERIFY(daemon->isEnabled());

    // The window is hidden: the tray tells what went wrong, verbatim.
    QSignalSpy notified(m_tray, &app::TrayController::notified);
    daemon->trigger();
    QTRY_COMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), u"Could not start mailsteadd.service"_s);
    QCOMPARE(notified.at(0).at(1).toString(),
             u"The authentication dialog was dismissed (pkexec exit code 126).\n"
             u"Error executing command as another user: Request dismissed"_s);
    QTRY_VERIFY(daemon->isEnabled());
}

void TestTrayController::windowButtonsDriveTheService() {
    // The window's buttons and the tray's menu share one DaemonControls.
    test::FakeSystemctl fake;
    fake.setActive(true);
    app::MainWindow window(m_connection);
    app::DaemonControls *controls = app::DaemonControls::of(m_connection);
    controls->setServiceSocketPath(qEnvironmentVariable("MAILSTEAD_SOCKET"));
    controls->service()->setRunningAsRoot(false);
    QLocalServer server;
    QVERIFY(server.listen(qEnvironmentVariable("MAILSTEAD_SOCKET")));
    m_connection->start();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);

    auto *start = window.findChild<QPushButton *>(u"startDaemonPushButton"_s);
    auto *stop = window.findChild<QPushButton *>(u"stopDaemonPushButton"_s);
    auto *restart = window.findChild<QPushButton *>(u"restartDaemonPushButton"_s);
    auto *status = window.findChild<QLabel *>(u"connectionStatusLabel"_s);
    auto *error = window.findChild<QLabel *>(u"daemonErrorLabel"_s);
    QVERIFY(start && stop && restart && status && error);
    QTRY_VERIFY(
        status->text().contains(u"Service mailsteadd.service: active (running), process 4242"_s));
    QCOMPARE(stop->text(), u"Stop service"_s);
    QVERIFY(stop->isEnabled());
    QVERIFY(restart->isEnabled());
    QVERIFY(!start->isEnabled());

    fake.clearCalls();
    restart->click();
    QVERIFY(!restart->isEnabled()); // one action at a time
    QTRY_VERIFY(restart->isEnabled());
    QCOMPARE(fake.actions().value(0),
             u"pkexec "_s + fake.systemctlPath() + u" restart mailsteadd.service"_s);

    fake.write(u"pkexec-exit"_s, "127\n");
    fake.write(u"pkexec-stderr"_s, "Error executing command as another user: Not authorized\n");
    stop->click();
    QTRY_VERIFY(!error->isHidden());
    QCOMPARE(error->text(),
             u"Could not stop mailsteadd.service:\n"
             u"Not authorized, or the authentication failed (pkexec exit code 127).\n"
             u"Error executing command as another user: Not authorized"_s);
    QVERIFY(status->text().contains(u"active (running)"_s));

    fake.remove(u"pkexec-exit"_s);
    stop->click();
    QVERIFY(error->isHidden());
    QTRY_VERIFY(status->text().contains(u"Service mailsteadd.service: inactive (dead)"_s));
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
}

void TestTrayController::noNotificationWhenStoppedOnPurpose() {
    test::FakeSystemctl fake;
    fake.setActive(true);
    app::DaemonControls *controls = app::DaemonControls::of(m_connection);
    controls->setServiceSocketPath(qEnvironmentVariable("MAILSTEAD_SOCKET"));
    controls->service()->setRunningAsRoot(true);
    auto server = std::make_unique<QLocalServer>();
    QVERIFY(server->listen(qEnvironmentVariable("MAILSTEAD_SOCKET")));
    m_connection->start();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
    QTRY_VERIFY(server->hasPendingConnections());
    QTRY_VERIFY(controls->canStop());

    QSignalSpy notified(m_tray, &app::TrayController::notified);
    controls->stop();
    QTRY_COMPARE(fake.actions(), QStringList{u"stop mailsteadd.service"_s});
    // The service goes down, as asked: no "daemon stopped" notification.
    QLocalSocket *peer = server->nextPendingConnection();
    server->close();
    peer->abort();
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Disconnected);
    QTest::qWait(100);
    QCOMPARE(notified.size(), 0);

    // It comes back and then dies unasked: that is news.
    server = std::make_unique<QLocalServer>();
    QVERIFY(server->listen(qEnvironmentVariable("MAILSTEAD_SOCKET")));
    QTRY_COMPARE(m_connection->state(), app::DaemonConnection::State::Connected);
    QTRY_VERIFY(server->hasPendingConnections());
    peer = server->nextPendingConnection();
    server->close();
    peer->abort();
    QTRY_COMPARE(notified.size(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), u"Mailstead daemon stopped"_s);
}

void TestTrayController::closingTheWindowKeepsTheTray() {
    app::AppSettings().setKeepRunningInTray(true);
    app::MainWindow window(m_connection);
    app::TrayController tray(m_connection, &window);
    window.setTrayController(&tray);
    QVERIFY(tray.showIcon());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy lastWindowClosed(qApp, &QGuiApplication::lastWindowClosed);

    QVERIFY(!window.close()); // refused: the window hides instead
    QVERIFY(!window.isVisible());
    QVERIFY(tray.trayIcon()->isVisible());
    QTest::qWait(100);
    QCOMPARE(lastWindowClosed.size(), 0); // so the app goes on running

    // The tray brings the window back.
    tray.menu()->findChild<QAction *>(u"openAction"_s)->trigger();
    QVERIFY(window.isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(&window));
}

void TestTrayController::closingQuitsWithoutKeepInTray() {
    app::AppSettings().setKeepRunningInTray(false);
    app::MainWindow window(m_connection);
    app::TrayController tray(m_connection, &window);
    window.setTrayController(&tray);
    QVERIFY(tray.showIcon());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const bool quitOnLastWindowClosed = QGuiApplication::quitOnLastWindowClosed();
    QGuiApplication::setQuitOnLastWindowClosed(false); // the test goes on
    QVERIFY(window.close());
    QVERIFY(!window.isVisible());
    QGuiApplication::setQuitOnLastWindowClosed(quitOnLastWindowClosed);
    app::AppSettings().setKeepRunningInTray(true);
}

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
