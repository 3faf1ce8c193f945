// tst_traycontroller.cpp - the tray icon's state for each health level
//
// One class alone: health values go in directly (as StatusPage hands them
// over), and a QLocalServer stands in for the daemon where the connection
// itself matters (the "daemon stopped" notification). The offscreen
// platform has no system tray, so notifications are observed through
// TrayController::notified, which fires whether or not a tray shows them.
#include "supervision/DaemonConnection.h"
#include "tray/TrayController.h"

#include <QAction>
#include <QFile>
#include <QIcon>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMenu>
#include <QPointer>
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
    void init();
    void cleanup();
    void iconForEachHealth_data();
    void iconForEachHealth();
    void iconsAreSharpAtEverySize();
    void toolTipSummarizes();
    void notifiesHealthEvents();
    void notifiesWhenDaemonGoesAway();
    void menuActions();

private:
    QTemporaryDir *m_dir = nullptr;
    app::DaemonConnection *m_connection = nullptr;
    QWidget *m_window = nullptr;
    app::TrayController *m_tray = nullptr;
};

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

    // Without a tray (offscreen) the icon is not shown and the window stays
    // the way to reach the app.
    QCOMPARE(m_tray->showIcon(), QSystemTrayIcon::isSystemTrayAvailable());
}

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
