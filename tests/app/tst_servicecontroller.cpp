// tst_servicecontroller.cpp - systemctl command lines, `show` parsing and the controller
//
// The pure functions are checked against tables. The controller itself
// runs the fake systemctl and pkexec scripts from support/ (first on PATH,
// see FakeSystemctl.h): they record their arguments, keep the unit's state
// and print `systemctl show` output, and fail the way the real tools do
// when a test asks them to. A unit test of one class, so fakes are fine;
// the real systemd cannot be driven from a test (and is not PID 1 here).
#include "FakeSystemctl.h"
#include "supervision/ServiceController.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mailstead;
using app::ServiceAction;

Q_DECLARE_METATYPE(ServiceAction)

namespace {

const QString unit = u"mailsteadd.service"_s;
const QString showProperties =
    u"--property=Id,LoadState,ActiveState,SubState,MainPID,UnitFileState,Result,ExecMainStatus"_s;

} // namespace

class TestServiceController : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commandLines_data();
    void commandLines();
    void commandLineQuotesForShells();
    void parsesShow_data();
    void parsesShow();
    void failureMessages_data();
    void failureMessages();
    void stateTexts_data();
    void stateTexts();

    void refreshReadsTheState();
    void showFailureIsShownVerbatim();
    void startAsUserGoesThroughPkexec();
    void stopAndRestartAsRoot();
    void dismissedDialog();
    void notAuthorized();
    void systemctlErrorIsVerbatim();
    void oneActionAtATime();
    void monitoringPolls();
    void missingPkexec();
};

void TestServiceController::commandLines_data() {
    QTest::addColumn<ServiceAction>("action");
    QTest::addColumn<bool>("asRoot");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("viaPkexec");
    const QString systemctl = u"/usr/bin/systemctl"_s;
    const QStringList show{u"show"_s, unit, showProperties, u"--no-pager"_s};
    QTest::newRow("show as user") << ServiceAction::Show << false << systemctl << show << false;
    QTest::newRow("show as root") << ServiceAction::Show << true << systemctl << show << false;
    QTest::newRow("start as root")
        << ServiceAction::Start << true << systemctl << QStringList{u"start"_s, unit} << false;
    QTest::newRow("stop as root") << ServiceAction::Stop << true << systemctl
                                  << QStringList{u"stop"_s, unit} << false;
    QTest::newRow("restart as root")
        << ServiceAction::Restart << true << systemctl << QStringList{u"restart"_s, unit} << false;
    QTest::newRow("start as user") << ServiceAction::Start << false << u"pkexec"_s
                                   << QStringList{systemctl, u"start"_s, unit} << true;
    QTest::newRow("stop as user") << ServiceAction::Stop << false << u"pkexec"_s
                                  << QStringList{systemctl, u"stop"_s, unit} << true;
    QTest::newRow("restart as user") << ServiceAction::Restart << false << u"pkexec"_s
                                     << QStringList{systemctl, u"restart"_s, unit} << true;
}

void TestServiceController::commandLines() {
    QFETCH(ServiceAction, action);
    QFETCH(bool, asRoot);
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(bool, viaPkexec);
    const app::ServiceCommand command =
        app::serviceCommand(action, unit, asRoot, u"/usr/bin/systemctl"_s);
    QCOMPARE(command.program, program);
    QCOMPARE(command.arguments, arguments);
    QCOMPARE(command.viaPkexec, viaPkexec);
}

void TestServiceController::commandLineQuotesForShells() {
    QCOMPARE(app::serviceCommand(ServiceAction::Start, unit, false, u"/usr/bin/systemctl"_s)
                 .commandLine(),
             u"pkexec /usr/bin/systemctl start mailsteadd.service"_s);
    const app::ServiceCommand odd{u"/opt/my tools/systemctl"_s, {u"start"_s, u"it's"_s}, false};
    QCOMPARE(odd.commandLine(), u"'/opt/my tools/systemctl' start 'it'\\''s'"_s);
}

void TestServiceController::parsesShow_data() {
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("activeState");
    QTest::addColumn<QString>("subState");
    QTest::addColumn<qint64>("mainPid");
    QTest::addColumn<bool>("loaded");
    QTest::addColumn<bool>("running");
    QTest::newRow("running") << u"Id=mailsteadd.service\nLoadState=loaded\nActiveState=active\n"
                                u"SubState=running\nMainPID=1234\nUnitFileState=enabled\n"
                                u"Result=success\nExecMainStatus=0\n"_s
                             << u"active"_s << u"running"_s << qint64(1234) << true << true;
    QTest::newRow("stopped")
        << u"LoadState=loaded\nActiveState=inactive\nSubState=dead\nMainPID=0\n"_s << u"inactive"_s
        << u"dead"_s << qint64(0) << true << false;
    QTest::newRow("starting") << u"LoadState=loaded\nActiveState=activating\nSubState=start\n"
                                 u"MainPID=99\n"_s
                              << u"activating"_s << u"start"_s << qint64(99) << true << true;
    QTest::newRow("failed") << u"LoadState=loaded\nActiveState=failed\nSubState=failed\n"
                               u"Result=exit-code\nExecMainStatus=78\nMainPID=0\n"_s
                            << u"failed"_s << u"failed"_s << qint64(0) << true << false;
    QTest::newRow("not installed") << u"Id=mailsteadd.service\nLoadState=not-found\n"
                                      u"ActiveState=inactive\nSubState=dead\n"_s
                                   << u"inactive"_s << u"dead"_s << qint64(0) << false << false;
    QTest::newRow("crlf, noise, other order")
        << u"garbage line\r\n=nokey\r\nSubState=running\r\nMainPID=7\r\nActiveState=reloading\r\n"
           u"LoadState=loaded\r\nUnknownKey=x=y\r\n"_s
        << u"reloading"_s << u"running"_s << qint64(7) << true << true;
    QTest::newRow("empty") << QString() << QString() << QString() << qint64(0) << false << false;
}

void TestServiceController::parsesShow() {
    QFETCH(QString, output);
    QFETCH(QString, activeState);
    QFETCH(QString, subState);
    QFETCH(qint64, mainPid);
    QFETCH(bool, loaded);
    QFETCH(bool, running);
    const app::ServiceStatus status = app::parseServiceShow(output);
    QCOMPARE(status.activeState, activeState);
    QCOMPARE(status.subState, subState);
    QCOMPARE(status.mainPid, mainPid);
    QCOMPARE(status.isLoaded(), loaded);
    QCOMPARE(status.isRunning(), running);
    QCOMPARE(status.isKnown(), !activeState.isEmpty());
}

void TestServiceController::failureMessages_data() {
    QTest::addColumn<ServiceAction>("action");
    QTest::addColumn<bool>("asRoot");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("standardError");
    QTest::addColumn<QString>("expected");
    QTest::newRow("dismissed")
        << ServiceAction::Start << false << 126
        << u"Error executing command as another user: Request dismissed\n"_s
        << u"The authentication dialog was dismissed (pkexec exit code 126).\n"
           u"Error executing command as another user: Request dismissed"_s;
    QTest::newRow("not authorized")
        << ServiceAction::Stop << false << 127
        << u"Error executing command as another user: Not authorized\n\n"
           u"This incident has been reported.\n"_s
        << u"Not authorized, or the authentication failed (pkexec exit code 127).\n"
           u"Error executing command as another user: Not authorized\n\n"
           u"This incident has been reported."_s;
    QTest::newRow("systemctl as root: 126 is just a code")
        << ServiceAction::Restart << true << 126 << QString()
        << u"/usr/bin/systemctl restart mailsteadd.service exited with code 126."_s;
    QTest::newRow("job failed through pkexec")
        << ServiceAction::Start << false << 1
        << u"Job for mailsteadd.service failed because the control process exited with error "
           u"code.\n"_s
        << u"pkexec /usr/bin/systemctl start mailsteadd.service exited with code 1.\n"
           u"Job for mailsteadd.service failed because the control process exited with error "
           u"code."_s;
    QTest::newRow("no systemd")
        << ServiceAction::Show << false << 1
        << u"System has not been booted with systemd as init system (PID 1). Can't operate.\n"
           u"Failed to connect to bus: Host is down\n"_s
        << u"/usr/bin/systemctl show mailsteadd.service " + showProperties +
               u" --no-pager exited with code 1.\n"
               u"System has not been booted with systemd as init system (PID 1). Can't operate.\n"
               u"Failed to connect to bus: Host is down"_s;
}

void TestServiceController::failureMessages() {
    QFETCH(ServiceAction, action);
    QFETCH(bool, asRoot);
    QFETCH(int, exitCode);
    QFETCH(QString, standardError);
    QFETCH(QString, expected);
    const app::ServiceCommand command =
        app::serviceCommand(action, unit, asRoot, u"/usr/bin/systemctl"_s);
    QCOMPARE(app::serviceFailureMessage(command, exitCode, standardError), expected);
}

void TestServiceController::stateTexts_data() {
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("expected");
    QTest::newRow("running") << u"LoadState=loaded\nActiveState=active\nSubState=running\n"
                                u"MainPID=4242\n"_s
                             << u"active (running), process 4242"_s;
    QTest::newRow("stopped") << u"LoadState=loaded\nActiveState=inactive\nSubState=dead\n"_s
                             << u"inactive (dead)"_s;
    QTest::newRow("failed") << u"LoadState=loaded\nActiveState=failed\nSubState=failed\n"
                               u"Result=exit-code\n"_s
                            << u"failed (exit-code)"_s;
    QTest::newRow("starting") << u"LoadState=loaded\nActiveState=activating\nSubState=start\n"_s
                              << u"starting (start)"_s;
    QTest::newRow("not installed")
        << u"LoadState=not-found\nActiveState=inactive\n"_s << u"not installed"_s;
    QTest::newRow("masked") << u"LoadState=masked\nActiveState=inactive\n"_s << u"masked"_s;
    QTest::newRow("nothing") << QString() << u"unknown"_s;
}

void TestServiceController::stateTexts() {
    QFETCH(QString, output);
    QFETCH(QString, expected);
    QCOMPARE(app::serviceStateText(app::parseServiceShow(output)), expected);
}

void TestServiceController::refreshReadsTheState() {
    test::FakeSystemctl fake;
    QVERIFY(fake.isValid());
    fake.setActive(true);
    app::ServiceController controller;
    QCOMPARE(controller.unit(), unit);
    QSignalSpy changed(&controller, &app::ServiceController::statusChanged);
    controller.refresh();
    QVERIFY(changed.wait(10000));
    QCOMPARE(controller.statusError(), QString());
    QCOMPARE(controller.status().activeState, u"active"_s);
    QCOMPARE(controller.status().subState, u"running"_s);
    QCOMPARE(controller.status().mainPid, qint64(4242));
    QCOMPARE(controller.status().unitFileState, u"enabled"_s);
    QCOMPARE(fake.calls(),
             QStringList{u"show mailsteadd.service "_s + showProperties + u" --no-pager"_s});

    // The same answer again is no change.
    controller.refresh();
    QTRY_COMPARE(fake.calls().size(), 2);
    QTest::qWait(200);
    QCOMPARE(changed.size(), 1);

    fake.setActive(false);
    controller.refresh();
    QVERIFY(changed.wait(10000));
    QCOMPARE(controller.status().activeState, u"inactive"_s);
    QCOMPARE(controller.status().mainPid, qint64(0));
}

void TestServiceController::showFailureIsShownVerbatim() {
    test::FakeSystemctl fake;
    fake.write(u"show-fails"_s,
               "System has not been booted with systemd as init system (PID 1). Can't operate.\n");
    app::ServiceController controller;
    QSignalSpy changed(&controller, &app::ServiceController::statusChanged);
    controller.refresh();
    QVERIFY(changed.wait(10000));
    QVERIFY(!controller.status().isKnown());
    QVERIFY2(controller.statusError().endsWith(
                 u" exited with code 1.\nSystem has not been booted with systemd as init system "
                 u"(PID 1). Can't operate."_s),
             qPrintable(controller.statusError()));

    fake.remove(u"show-fails"_s);
    controller.refresh();
    QVERIFY(changed.wait(10000));
    QCOMPARE(controller.statusError(), QString());
    QCOMPARE(controller.status().activeState, u"inactive"_s);
}

void TestServiceController::startAsUserGoesThroughPkexec() {
    test::FakeSystemctl fake;
    app::ServiceController controller;
    controller.setRunningAsRoot(false);
    QSignalSpy finished(&controller, &app::ServiceController::actionFinished);
    QSignalSpy busy(&controller, &app::ServiceController::busyChanged);
    controller.startService();
    QVERIFY(controller.isBusy());
    QVERIFY(finished.wait(10000));
    QVERIFY(!controller.isBusy());
    QCOMPARE(busy.size(), 2);
    QCOMPARE(finished.at(0).at(0).value<ServiceAction>(), ServiceAction::Start);
    QCOMPARE(finished.at(0).at(1).toString(), QString());
    QCOMPARE(fake.actions(),
             (QStringList{u"pkexec "_s + fake.systemctlPath() + u" start mailsteadd.service"_s,
                          u"start mailsteadd.service"_s}));
    // The state is read again after every action.
    QTRY_COMPARE(controller.status().activeState, u"active"_s);
}

void TestServiceController::stopAndRestartAsRoot() {
    test::FakeSystemctl fake;
    fake.setActive(true);
    app::ServiceController controller;
    controller.setRunningAsRoot(true);
    QSignalSpy finished(&controller, &app::ServiceController::actionFinished);
    controller.stopService();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(1).toString(), QString());
    QTRY_COMPARE(controller.status().activeState, u"inactive"_s);
    controller.restartService();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(1).at(0).value<ServiceAction>(), ServiceAction::Restart);
    QTRY_COMPARE(controller.status().activeState, u"active"_s);
    QCOMPARE(fake.actions(),
             (QStringList{u"stop mailsteadd.service"_s, u"restart mailsteadd.service"_s}));
}

void TestServiceController::dismissedDialog() {
    test::FakeSystemctl fake;
    fake.write(u"pkexec-exit"_s, "126\n");
    fake.write(u"pkexec-stderr"_s, "Error executing command as another user: Request dismissed\n");
    app::ServiceController controller;
    controller.setRunningAsRoot(false);
    QSignalSpy finished(&controller, &app::ServiceController::actionFinished);
    controller.startService();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(1).toString(),
             u"The authentication dialog was dismissed (pkexec exit code 126).\n"
             u"Error executing command as another user: Request dismissed"_s);
    // systemctl itself never ran.
    QCOMPARE(fake.actions(),
             QStringList{u"pkexec "_s + fake.systemctlPath() + u" start mailsteadd.service"_s});
}

void TestServiceController::notAuthorized() {
    test::FakeSystemctl fake;
    fake.setActive(true);
    fake.write(u"pkexec-exit"_s, "127\n");
    fake.write(u"pkexec-stderr"_s, "Error executing command as another user: Not authorized\n");
    app::ServiceController controller;
    controller.setRunningAsRoot(false);
    QSignalSpy finished(&controller, &app::ServiceController::actionFinished);
    controller.stopService();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(1).toString(),
             u"Not authorized, or the authentication failed (pkexec exit code 127).\n"
             u"Error executing command as another user: Not authorized"_s);
    QTRY_COMPARE(controller.status().activeState, u"active"_s);
}

void TestServiceController::systemctlErrorIsVerbatim() {
    test::FakeSystemctl fake;
    fake.write(u"action-fails"_s,
               "Job for mailsteadd.service failed because the control process exited with error "
               "code.\nSee \"systemctl status mailsteadd.service\" and \"journalctl -xeu "
               "mailsteadd.service\" for details.\n");
    app::ServiceController controller;
    controller.setRunningAsRoot(true);
    QSignalSpy finished(&controller, &app::ServiceController::actionFinished);
    controller.startService();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(1).toString(),
             fake.systemctlPath() +
                 u" start mailsteadd.service exited with code 1.\n"
                 u"Job for mailsteadd.service failed because the control process exited with "
                 u"error code.\nSee \"systemctl status mailsteadd.service\" and \"journalctl "
                 u"-xeu mailsteadd.service\" for details."_s);
}

void TestServiceController::oneActionAtATime() {
    test::FakeSystemctl fake;
    app::ServiceController controller;
    controller.setRunningAsRoot(true);
    QSignalSpy finished(&controller, &app::ServiceController::actionFinished);
    controller.startService();
    controller.stopService(); // refused: the start still runs
    QVERIFY(finished.wait(10000));
    QTest::qWait(200);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(fake.actions(), QStringList{u"start mailsteadd.service"_s});
}

void TestServiceController::monitoringPolls() {
    test::FakeSystemctl fake;
    app::ServiceController controller;
    controller.setPollInterval(50);
    QVERIFY(!controller.isMonitoring());
    controller.setMonitoring(true);
    QVERIFY(controller.isMonitoring());
    QTRY_VERIFY(fake.calls().size() >= 3);
    QCOMPARE(controller.status().activeState, u"inactive"_s);
    fake.setActive(true);
    QTRY_COMPARE(controller.status().activeState, u"active"_s);
    controller.setMonitoring(false);
    QTest::qWait(200); // a show that was running finishes
    const qsizetype calls = fake.calls().size();
    QTest::qWait(300);
    QCOMPARE(fake.calls().size(), calls);
}

void TestServiceController::missingPkexec() {
    test::FakeSystemctl fake;
    QFile::remove(fake.binDir() + u"/pkexec"_s);
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", fake.binDir().toLocal8Bit()); // no real pkexec either
    app::ServiceController controller;
    controller.setRunningAsRoot(false);
    QSignalSpy finished(&controller, &app::ServiceController::actionFinished);
    controller.startService();
    QVERIFY(finished.wait(10000));
    qputenv("PATH", path);
    const QString error = finished.at(0).at(1).toString();
    QVERIFY2(error.startsWith(u"Could not run pkexec: "_s), qPrintable(error));
    QVERIFY2(error.endsWith(u"Install pkexec (package pkexec) or run \""_s + fake.systemctlPath() +
                            u" start mailsteadd.service\" as root."_s),
             qPrintable(error));
    QVERIFY(fake.actions().isEmpty());
}

QTEST_GUILESS_MAIN(TestServiceController)
#include "tst_servicecontroller.moc"
