// main.cpp - mailsteadctl: command-line admin client for mailsteadd
#include "CtlRunner.h"

#include <QCoreApplication>

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mailsteadctl"));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    return mailstead::ctl::runCtl(arguments);
}
