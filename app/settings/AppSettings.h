// AppSettings.h - the desktop app's own settings, in QSettings
//
// Stored per user (~/.config/mailstead/mailstead.conf on Linux). Only
// preferences live here; the daemon's configuration lives in the daemon.
// The language is a locale name ("de", "en") or empty for the system's.
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace mailstead::app {

class AppSettings {
public:
    QString language() const;
    void setLanguage(const QString &language);
    // What the app uses: MAILSTEAD_LANG, else the setting, else the system locale.
    QLocale effectiveLocale() const;

    // Closing the window leaves the app running in the tray.
    bool keepRunningInTray() const;
    void setKeepRunningInTray(bool keep);

    // Which daemon the app talks to, as chosen in the setup wizard:
    // DaemonMode::Local (a local-mode daemon, started by the app when
    // needed), DaemonMode::Service (the installed service's socket) or
    // DaemonMode::Automatic (never chosen: the installed socket when it
    // exists, else local). $MAILSTEAD_SOCKET overrides all of them.
    enum class DaemonMode { Automatic, Local, Service };
    DaemonMode daemonMode() const;
    void setDaemonMode(DaemonMode mode);

    // Languages with a translation, as locale names.
    static QStringList availableLanguages();
};

} // namespace mailstead::app
