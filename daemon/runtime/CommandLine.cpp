// CommandLine.cpp - mailsteadd's options and which configuration to run with
#include "CommandLine.h"

#include "Version.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QFileInfo>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::runtime {

namespace {

void writeTo(FILE *stream, const QString &text) {
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

ConfigChoice ConfigChoice::choose(const QString &configOption, bool forceLocal) {
    if (!configOption.isEmpty())
        return {ConfigSource::File, QFileInfo(configOption).absoluteFilePath()};
    if (forceLocal)
        return {ConfigSource::LocalMode, QString()};
    if (::geteuid() == 0) {
        const QString installed = QString::fromLatin1(installedConfigPath);
        if (QFileInfo::exists(installed))
            return {ConfigSource::File, installed};
        return {ConfigSource::InstalledDefaults, QString()};
    }
    return {ConfigSource::LocalMode, QString()};
}

core::LoadedConfig ConfigChoice::load() const {
    switch (source) {
    case ConfigSource::File:
        return core::loadConfigFile(path);
    case ConfigSource::InstalledDefaults:
        return {core::installedDefaults(), {}};
    case ConfigSource::LocalMode:
        return {core::localModeDefaults(), {}};
    }
    return {};
}

QString ConfigChoice::describe() const {
    switch (source) {
    case ConfigSource::File:
        return u"config file "_s + path;
    case ConfigSource::InstalledDefaults:
        return u"installed defaults (no "_s + QString::fromLatin1(installedConfigPath) + u")"_s;
    case ConfigSource::LocalMode:
        return u"local mode"_s;
    }
    return {};
}

CommandLine CommandLine::parse(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Mailstead mail daemon: SMTP, IMAP, POP3, HTTP and the admin IPC socket.\n\n"
        "Without --config, root uses /etc/mailstead/mailsteadd.conf (or the installed\n"
        "defaults) and other users run in local mode: data in $XDG_DATA_HOME/mailstead,\n"
        "socket in $XDG_RUNTIME_DIR/mailstead, every port + 10000 on 127.0.0.1.\n"
        "--local chooses local mode for root too."_s);
    const QCommandLineOption helpOption({u"h"_s, u"help"_s}, u"Show this help and exit."_s);
    const QCommandLineOption versionOption({u"v"_s, u"version"_s}, u"Show the version and exit."_s);
    const QCommandLineOption configOption(u"config"_s, u"Read the configuration from FILE."_s,
                                          u"FILE"_s);
    const QCommandLineOption checkOption(
        u"check-config"_s, u"Validate the configuration, print every issue and exit."_s);
    const QCommandLineOption foregroundOption(
        u"foreground"_s, u"Stay in the foreground (always the case; for compatibility)."_s);
    const QCommandLineOption localOption(
        u"local"_s, u"Run in local mode (per-user data, ports + 10000), also as root."_s);
    parser.addOptions(
        {helpOption, versionOption, configOption, localOption, checkOption, foregroundOption});

    CommandLine result;
    result.action = Action::Exit;
    if (!parser.parse(arguments)) {
        writeTo(stderr, u"mailsteadd: "_s + parser.errorText() + u"\nTry 'mailsteadd --help'.\n"_s);
        result.exitCode = 2;
        return result;
    }
    if (parser.isSet(helpOption)) {
        writeTo(stdout, parser.helpText());
        return result;
    }
    if (parser.isSet(versionOption)) {
        writeTo(stdout, u"mailsteadd "_s + QString::fromLatin1(versionString) + u'\n');
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        writeTo(stderr, u"mailsteadd: unexpected argument '"_s +
                            parser.positionalArguments().constFirst() +
                            u"'\nTry 'mailsteadd --help'.\n"_s);
        result.exitCode = 2;
        return result;
    }
    if (parser.isSet(configOption) && parser.value(configOption).isEmpty()) {
        writeTo(stderr, u"mailsteadd: --config needs a file name\n"_s);
        result.exitCode = 2;
        return result;
    }
    if (parser.isSet(configOption) && parser.isSet(localOption)) {
        writeTo(stderr, u"mailsteadd: --config and --local exclude each other\n"_s);
        result.exitCode = 2;
        return result;
    }
    result.config = ConfigChoice::choose(parser.value(configOption), parser.isSet(localOption));
    result.action = parser.isSet(checkOption) ? Action::CheckConfig : Action::Run;
    return result;
}

int checkConfig(const ConfigChoice &choice) {
    const core::LoadedConfig loaded = choice.load();
    if (!loaded.ok()) {
        for (const core::ConfigIssue &issue : loaded.issues)
            writeTo(stderr, u"mailsteadd: config: "_s + issue.toString() + u'\n');
        return 1;
    }
    writeTo(stdout, u"configuration ok\n"_s);
    return 0;
}

void printErrorLines(const QString &text) {
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts))
        writeTo(stderr, u"mailsteadd: "_s + line + u'\n');
}

void printOutputLine(const QString &line) {
    writeTo(stdout, line + u'\n');
}

} // namespace mailstead::runtime
