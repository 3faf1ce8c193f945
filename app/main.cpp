// main.cpp - mailstead: the desktop manager for mailsteadd
#include "pages/StatusPage.h"
#include "settings/AppSettings.h"
#include "supervision/DaemonConnection.h"
#include "supervision/QuitSignalWatcher.h"
#include "tray/TrayController.h"
#include "Version.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"mailstead"_s);
    QApplication::setApplicationName(u"mailstead"_s);
    QApplication::setApplicationDisplayName(u"Mailstead"_s);
    QApplication::setApplicationVersion(QString::fromLatin1(mailstead::versionString));
    QApplication::setDesktopFileName(u"mailstead"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/mailstead.svg"_s));

    // MAILSTEAD_LANG (e.g. "de") overrides the setting, which overrides the
    // system locale.
    const QLocale locale = mailstead::app::AppSettings().effectiveLocale();
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, u"qtbase"_s, u"_"_s,
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(locale, u"mailstead"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Desktop manager for the Mailstead mail server."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption pageOption(
        u"page"_s,
        QCoreApplication::translate("main",
                                    "Open on PAGE: status, domains, mailboxes, aliases or log."),
        u"PAGE"_s);
    const QCommandLineOption hiddenOption(
        u"hidden"_s, QCoreApplication::translate("main", "Start in the tray, without a window."));
    parser.addOption(pageOption);
    parser.addOption(hiddenOption);
    parser.process(app);

    mailstead::app::QuitSignalWatcher quitOnSignal;
    mailstead::app::DaemonConnection connection;
    mailstead::app::MainWindow window(&connection);
    window.setOfferSetupWizard(true); // first start: no domain yet
    mailstead::app::TrayController tray(&connection, &window);
    window.setTrayController(&tray);
    QObject::connect(window.statusPage(), &mailstead::app::StatusPage::statusReceived, &tray,
                     &mailstead::app::TrayController::showStatus);
    QObject::connect(window.statusPage(), &mailstead::app::StatusPage::healthEventReceived, &tray,
                     &mailstead::app::TrayController::showHealthEvent);
    QObject::connect(&tray, &mailstead::app::TrayController::quitRequested, &app,
                     &QApplication::quit);
    if (parser.isSet(pageOption)) {
        const auto page = mailstead::app::MainWindow::pageFromName(parser.value(pageOption));
        if (!page) {
            qWarning("mailstead: unknown page \"%s\"", qPrintable(parser.value(pageOption)));
            return 2;
        }
        window.showPage(*page);
    }
    const bool trayShown = tray.showIcon();
    if (!(parser.isSet(hiddenOption) && trayShown))
        window.show();
    connection.start();

    // A daemon the app started goes down with it, gracefully.
    QObject::connect(&app, &QApplication::aboutToQuit, &connection,
                     &mailstead::app::DaemonConnection::stopDaemonAndWait);
    return QApplication::exec();
}
