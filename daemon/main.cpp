// main.cpp - mailsteadd, the Mailstead mail daemon
//
// Only wiring: the command line decides what to do, Daemon does it.
#include "runtime/CommandLine.h"
#include "runtime/Daemon.h"
#include "Version.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"mailsteadd"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(mailstead::versionString));

    using mailstead::runtime::CommandLine;
    const CommandLine commandLine = CommandLine::parse(QCoreApplication::arguments());
    switch (commandLine.action) {
    case CommandLine::Action::Exit:
        return commandLine.exitCode;
    case CommandLine::Action::CheckConfig:
        return mailstead::runtime::checkConfig(commandLine.config);
    case CommandLine::Action::Run:
        break;
    }

    mailstead::runtime::Daemon daemon(commandLine.config);
    QString error;
    if (!daemon.start(&error)) {
        mailstead::runtime::printErrorLines(error);
        return 1;
    }
    return QCoreApplication::exec();
}
