// MaildirName.cpp - Maildir unique names and info suffixes
#include "MaildirName.h"

#include <atomic>
#include <QSysInfo>
#include <sys/time.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::store::MaildirName {

namespace {

std::atomic<quint64> s_counter{0};

struct FlagLetter {
    char letter;
    MessageFlag flag;
};

// ASCII order, as the Maildir spec requires.
constexpr FlagLetter kLetters[] = {
    {'D', MessageFlag::Draft}, {'F', MessageFlag::Flagged}, {'R', MessageFlag::Answered},
    {'S', MessageFlag::Seen},  {'T', MessageFlag::Deleted},
};

qint64 fieldValue(const QString &baseName, QStringView field) {
    const qsizetype at = baseName.indexOf(field);
    if (at < 0)
        return -1;
    qsizetype end = at + field.size();
    while (end < baseName.size() && baseName.at(end).isDigit())
        ++end;
    bool ok = false;
    const qint64 value =
        QStringView(baseName).mid(at + field.size(), end - at - field.size()).toLongLong(&ok);
    return ok ? value : -1;
}

} // namespace

QString sanitizedHostName() {
    static const QString host = [] {
        QString name = QSysInfo::machineHostName();
        if (name.isEmpty())
            name = u"localhost"_s;
        name.replace(u'/', u"\\057"_s);
        name.replace(u':', u"\\072"_s);
        name.replace(u',', u"\\054"_s);
        return name;
    }();
    return host;
}

QString uniqueBaseName(qint64 size, qint64 virtualSize) {
    struct timeval now {};
    ::gettimeofday(&now, nullptr);
    const quint64 sequence = s_counter.fetch_add(1, std::memory_order_relaxed);
    return QString::number(qint64(now.tv_sec)) + u".M"_s + QString::number(qint64(now.tv_usec)) +
           u'P' + QString::number(qint64(::getpid())) + u'Q' + QString::number(sequence) + u'.' +
           sanitizedHostName() + (size >= 0 ? u",S="_s + QString::number(size) : QString()) +
           (virtualSize >= 0 ? u",W="_s + QString::number(virtualSize) : QString());
}

QString flagLetters(MessageFlags flags) {
    QString letters;
    for (const FlagLetter &entry : kLetters) {
        if (flags.testFlag(entry.flag))
            letters.append(QLatin1Char(entry.letter));
    }
    return letters;
}

QString withInfo(const QString &baseName, MessageFlags flags) {
    return baseName + u":2,"_s + flagLetters(flags);
}

Parsed parse(const QString &fileName) {
    Parsed parsed;
    const qsizetype colon = fileName.indexOf(u':');
    parsed.baseName = colon < 0 ? fileName : fileName.left(colon);
    if (colon >= 0 && QStringView(fileName).mid(colon).startsWith(u":2,")) {
        parsed.hasInfo = true;
        for (const QChar c : QStringView(fileName).mid(colon + 3)) {
            for (const FlagLetter &entry : kLetters) {
                if (c == QLatin1Char(entry.letter))
                    parsed.flags |= entry.flag;
            }
        }
    }
    parsed.size = fieldValue(parsed.baseName, u",S=");
    parsed.virtualSize = fieldValue(parsed.baseName, u",W=");
    return parsed;
}

qint64 virtualSizeOf(const QByteArray &bytes) {
    qint64 bareLf = 0;
    const char *data = bytes.constData();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
            ++bareLf;
    }
    return bytes.size() + bareLf;
}

} // namespace mailstead::store::MaildirName
