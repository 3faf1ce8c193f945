// AppSettings.cpp - the app's preferences in QSettings; see AppSettings.h
#include "AppSettings.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

const QString languageKey = u"ui/language"_s;
const QString keepInTrayKey = u"ui/keep_running_in_tray"_s;
const QString daemonModeKey = u"daemon/mode"_s;

} // namespace

QString AppSettings::language() const {
    return QSettings().value(languageKey).toString();
}

void AppSettings::setLanguage(const QString &language) {
    QSettings settings;
    if (language.isEmpty())
        settings.remove(languageKey);
    else
        settings.setValue(languageKey, language);
}

QLocale AppSettings::effectiveLocale() const {
    const QString fromEnvironment = qEnvironmentVariable("MAILSTEAD_LANG");
    if (!fromEnvironment.isEmpty())
        return QLocale(fromEnvironment);
    const QString chosen = language();
    return chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
}

AppSettings::DaemonMode AppSettings::daemonMode() const {
    const QString mode = QSettings().value(daemonModeKey).toString();
    if (mode == u"local"_s)
        return DaemonMode::Local;
    if (mode == u"service"_s)
        return DaemonMode::Service;
    return DaemonMode::Automatic;
}

void AppSettings::setDaemonMode(DaemonMode mode) {
    QSettings settings;
    if (mode == DaemonMode::Automatic)
        settings.remove(daemonModeKey);
    else
        settings.setValue(daemonModeKey, mode == DaemonMode::Local ? u"local"_s : u"service"_s);
}

bool AppSettings::keepRunningInTray() const {
    return QSettings().value(keepInTrayKey, true).toBool();
}

void AppSettings::setKeepRunningInTray(bool keep) {
    QSettings().setValue(keepInTrayKey, keep);
}

QStringList AppSettings::availableLanguages() {
    return {u"en"_s, u"de"_s};
}

} // namespace mailstead::app
