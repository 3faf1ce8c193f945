// main.cpp - mailstead: the desktop manager for mailsteadd
#include "supervision/DaemonConnection.h"
#include "supervision/QuitSignalWatcher.h"
#include "Version.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"mailstead"_s);
    QApplication::setApplicationDisplayName(u"Mailstead"_s);
    QApplication::setApplicationVersion(QString::fromLatin1(mailstead::versionString));
    QApplication::setDesktopFileName(u"mailstead"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/mailstead.svg"_s));

    // MAILSTEAD_LANG (e.g. "de") overrides the system locale.
    const QString language = qEnvironmentVariable("MAILSTEAD_LANG");
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, u"qtbase"_s, u"_"_s,
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator appTranslator;
    if (appTranslator.load(locale, u"mailstead"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(&appTranslator);

    mailstead::app::QuitSignalWatcher quitOnSignal;
    mailstead::app::DaemonConnection connection;
    mailstead::app::MainWindow window(&connection);
    window.show();
    connection.start();

    // A daemon the app started goes down with it, gracefully.
    QObject::connect(&app, &QApplication::aboutToQuit, &connection,
                     &mailstead::app::DaemonConnection::stopDaemonAndWait);
    return QApplication::exec();
}
