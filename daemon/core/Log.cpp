// Log.cpp - the mailsteadd message handler
//
// Every qDebug/qCInfo/qCWarning... goes through messageHandler(): filtered by
// the configured level, written as one write(2) to stderr (so lines from
// several threads never interleave) and, when a bus is attached, posted to
// the bus's thread as "event.log". Posting is always queued: a handler that
// runs inside an IPC write can never re-enter the admin server. Messages
// logged while an event.log is being delivered are printed but not
// published, which cuts the loop "log -> notify -> write error -> log".
#include "Log.h"

#include "EventBus.h"

#include <atomic>
#include <cerrno>
#include <QDateTime>
#include <QJsonObject>
#include <QMutex>
#include <QStringList>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::core {

Q_LOGGING_CATEGORY(lcCore, "mailstead.core")
Q_LOGGING_CATEGORY(lcStore, "mailstead.store")
Q_LOGGING_CATEGORY(lcNet, "mailstead.net")
Q_LOGGING_CATEGORY(lcSmtp, "mailstead.smtp")
Q_LOGGING_CATEGORY(lcAdmin, "mailstead.admin")
Q_LOGGING_CATEGORY(lcRuntime, "mailstead.runtime")

namespace {

enum Severity { Debug = 0, Info = 1, Warning = 2, Error = 3 };

std::atomic<int> s_level{Info};
std::atomic<bool> s_journal{false};
QMutex s_busMutex;
EventBus *s_bus = nullptr; // guarded by s_busMutex

thread_local bool t_inHandler = false;
thread_local bool t_deliveringLogEvent = false;

const QStringList &levelNames() {
    static const QStringList names = {u"debug"_s, u"info"_s, u"warning"_s, u"error"_s};
    return names;
}

int severityOf(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return Debug;
    case QtInfoMsg:
        return Info;
    case QtWarningMsg:
        return Warning;
    case QtCriticalMsg:
    case QtFatalMsg:
        return Error;
    }
    return Error;
}

// sd-daemon(3) priority prefixes: journald strips them and records the level.
const char *journalPrefix(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return "<7>";
    case QtInfoMsg:
        return "<6>";
    case QtWarningMsg:
        return "<4>";
    case QtCriticalMsg:
        return "<3>";
    case QtFatalMsg:
        return "<2>";
    }
    return "<3>";
}

// $JOURNAL_STREAM is "device:inode" of the stream systemd connected to
// stdout/stderr; it only counts when stderr is still that stream.
bool stderrIsJournal() {
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const qsizetype colon = stream.indexOf(':');
    if (colon <= 0)
        return false;
    bool devOk = false;
    bool inodeOk = false;
    const qulonglong device = stream.left(colon).toULongLong(&devOk);
    const qulonglong inode = stream.mid(colon + 1).toULongLong(&inodeOk);
    struct stat info {};
    if (!devOk || !inodeOk || ::fstat(STDERR_FILENO, &info) != 0)
        return false;
    return qulonglong(info.st_dev) == device && qulonglong(info.st_ino) == inode;
}

void writeStderr(const QByteArray &line) {
    const char *data = line.constData();
    qsizetype left = line.size();
    while (left > 0) {
        const ssize_t written = ::write(STDERR_FILENO, data, size_t(left));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        data += written;
        left -= written;
    }
}

QString subsystemOf(const QMessageLogContext &context) {
    const QString category = context.category ? QString::fromLatin1(context.category) : QString();
    if (category.isEmpty() || category == u"default"_s)
        return u"mailsteadd"_s;
    if (category.startsWith(u"mailstead."_s))
        return category.mid(int(qstrlen("mailstead.")));
    return category;
}

void publishLogEvent(QtMsgType type, const QString &subsystem, const QString &message) {
    QMutexLocker locker(&s_busMutex);
    EventBus *bus = s_bus;
    if (!bus)
        return;
    const QJsonObject params{
        {u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {u"level"_s, levelNames().at(severityOf(type))},
        {u"subsystem"_s, subsystem},
        {u"message"_s, message},
    };
    // Queued even on the bus's own thread: the slot must never run inside
    // the code that logged.
    QMetaObject::invokeMethod(
        bus,
        [bus, params] {
            t_deliveringLogEvent = true;
            bus->publish(u"event.log"_s, params);
            t_deliveringLogEvent = false;
        },
        Qt::QueuedConnection);
}

void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    if (type != QtFatalMsg && severityOf(type) < s_level.load())
        return;

    const QString subsystem = subsystemOf(context);
    const QString level = levelNames().at(severityOf(type)).toUpper();
    QByteArray line;
    if (s_journal.load())
        line = journalPrefix(type);
    else
        line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ';
    line += (level + u' ' + subsystem + u": "_s + message).toUtf8() + '\n';
    writeStderr(line);

    if (t_inHandler || t_deliveringLogEvent)
        return;
    t_inHandler = true;
    publishLogEvent(type, subsystem, message);
    t_inHandler = false;
}

} // namespace

namespace Log {

bool isValidLevel(const QString &level) {
    return levelNames().contains(level);
}

void setLevel(const QString &level) {
    const int severity = int(levelNames().indexOf(level));
    if (severity < 0)
        return;
    s_level.store(severity);
    // Let disabled categories skip formatting altogether.
    QStringList rules;
    if (severity > Debug)
        rules << u"mailstead.*.debug=false"_s;
    if (severity > Info)
        rules << u"mailstead.*.info=false"_s;
    if (severity > Warning)
        rules << u"mailstead.*.warning=false"_s;
    QLoggingCategory::setFilterRules(rules.join(u'\n'));
}

void install(const QString &level) {
    s_journal.store(stderrIsJournal());
    setLevel(isValidLevel(level) ? level : u"info"_s);
    qInstallMessageHandler(messageHandler);
}

void setEventBus(EventBus *bus) {
    QMutexLocker locker(&s_busMutex);
    s_bus = bus;
}

} // namespace Log

} // namespace mailstead::core
