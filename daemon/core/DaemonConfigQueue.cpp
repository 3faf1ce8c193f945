// DaemonConfigQueue.cpp - [queue] retry schedule and concurrency
//
// max_age 1h..30d (RFC 5321 section 4.5.4.1 suggests at least 4-5 days,
// the default), retry_base 1s..1d, retry_max retry_base..7d (a test sets
// seconds; a server keeps minutes and hours), max_concurrency 1..1000
// sessions, max_domain_concurrency 1..100 per destination domain (remote
// servers limit connections per client; Postfix's default is 20).
// delay_warning 0 (off, the default, as Postfix's delay_warning_time) or
// 1m..30d. warn_messages 0..1000000: more messages waiting than this is a
// health warning (a stuck destination or a spam run from a hijacked
// mailbox: the tray tells the admin); 0 turns it off. smarthost = host[:port] (a name, an IPv4
// address or [IPv6]), smarthost_tls = starttls (default, port 587) | implicit (port 465, RFC 8314),
// smarthost_user and smarthost_password_file (the password is read from that file, first line, so
// it never sits in mailsteadd.conf; both or neither), smarthost_ca_file (PEM CAs trusted besides
// the system's), smarthost_domains (sender domains that use the smarthost; empty: all). One
// smarthost for the whole server: mailsteadd.conf has one [queue] section, and servers on
// residential addresses relay everything anyway.
#include "DaemonConfigQueue.h"

#include <QFile>
#include <QHostAddress>
#include <QSettings>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

constexpr qint64 day = 86400;
constexpr int maxWarnMessages = 1000000;
// A password longer than this in smarthost_password_file is refused.
constexpr qsizetype maxPasswordOctets = 1024;

QString settingsText(QSettings &settings, const QString &key) {
    const QVariant value = settings.value(u"queue/"_s + key);
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    return value.toString().trimmed();
}

void readDuration(QSettings &settings, QList<ConfigIssue> *issues, const QString &key, qint64 low,
                  qint64 high, const QString &range, qint64 *out) {
    if (!settings.contains(u"queue/"_s + key))
        return;
    const QString value = settingsText(settings, key);
    const qint64 seconds = parseDurationSeconds(value);
    if (seconds < low || seconds > high) {
        issues->append({u"queue/"_s + key,
                        u"must be a duration of "_s + range + u", not \""_s + value + u"\""_s});
        return;
    }
    *out = seconds;
}

void readCount(QSettings &settings, QList<ConfigIssue> *issues, const QString &key, int high,
               int *out) {
    if (!settings.contains(u"queue/"_s + key))
        return;
    const QString value = settingsText(settings, key);
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok || number < 1 || number > high) {
        issues->append({u"queue/"_s + key, u"must be a whole number 1.."_s + QString::number(high) +
                                               u", not \""_s + value + u"\""_s});
        return;
    }
    *out = number;
}

// smarthost = host[:port]; [v6]:port for IPv6.
void readSmarthost(QSettings &settings, QList<ConfigIssue> *issues, QueueConfig *config) {
    if (settings.contains(u"queue/smarthost"_s)) {
        const QString value = settingsText(settings, u"smarthost"_s);
        QString host = value;
        QString port;
        if (value.startsWith(u'[')) {
            const qsizetype close = value.indexOf(u']');
            host = value.mid(1, close - 1);
            if (close < 0 || (close + 1 < value.size() && value.at(close + 1) != u':'))
                host.clear();
            else if (close + 1 < value.size())
                port = value.mid(close + 2);
        } else if (value.count(u':') == 1) {
            host = value.section(u':', 0, 0);
            port = value.section(u':', 1);
        }
        bool ok = true;
        const int number = port.isEmpty() ? 0 : port.toInt(&ok);
        const bool hostOk =
            !host.isEmpty() && (!QHostAddress(host).isNull() || !QUrl::toAce(host).isEmpty());
        if (value.isEmpty()) {
            config->smarthostHost.clear();
        } else if (!hostOk || !ok || number < 0 || number > 65535 ||
                   (!port.isEmpty() && number == 0)) {
            issues->append(
                {u"queue/smarthost"_s,
                 u"must be host[:port] ([address]:port for IPv6), not \""_s + value + u"\""_s});
        } else {
            config->smarthostHost = host;
            config->smarthostPort = number;
        }
    }
    if (settings.contains(u"queue/smarthost_tls"_s)) {
        const QString value = settingsText(settings, u"smarthost_tls"_s).toLower();
        if (value == u"starttls"_s || value == u"implicit"_s)
            config->smarthostImplicitTls = value == u"implicit"_s;
        else
            issues->append({u"queue/smarthost_tls"_s,
                            u"must be starttls or implicit, not \""_s + value + u"\""_s});
    }
    if (settings.contains(u"queue/smarthost_user"_s))
        config->smarthostUser = settingsText(settings, u"smarthost_user"_s);
    const bool hasPasswordFile = settings.contains(u"queue/smarthost_password_file"_s);
    if (hasPasswordFile) {
        const QString path = settingsText(settings, u"smarthost_password_file"_s);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            issues->append({u"queue/smarthost_password_file"_s,
                            u"cannot read \""_s + path + u"\": "_s + file.errorString()});
        } else {
            const QByteArray line = file.readLine(maxPasswordOctets + 2).trimmed();
            if (line.isEmpty() || line.size() > maxPasswordOctets)
                issues->append(
                    {u"queue/smarthost_password_file"_s, u"must hold the password (1.."_s +
                                                             QString::number(maxPasswordOctets) +
                                                             u" octets) on its first line"_s});
            else
                config->smarthostPassword = QString::fromUtf8(line);
        }
    }
    if (config->smarthostUser.isEmpty() != !hasPasswordFile)
        issues->append({u"queue/smarthost_user"_s,
                        u"smarthost_user and smarthost_password_file go together"_s});
    if (settings.contains(u"queue/smarthost_ca_file"_s)) {
        const QString path = settingsText(settings, u"smarthost_ca_file"_s);
        if (!QFile::exists(path))
            issues->append({u"queue/smarthost_ca_file"_s, u"no such file: \""_s + path + u"\""_s});
        else
            config->smarthostCaFile = path;
    }
    if (settings.contains(u"queue/smarthost_domains"_s)) {
        config->smarthostDomains.clear();
        const QString value = settingsText(settings, u"smarthost_domains"_s);
        for (const QString &domain : value.split(u',', Qt::SkipEmptyParts)) {
            const QString trimmed = domain.trimmed().toLower();
            if (!trimmed.isEmpty())
                config->smarthostDomains.append(trimmed);
        }
    }
}

} // namespace

QStringList queueConfigKeys() {
    return {u"max_age"_s,
            u"retry_base"_s,
            u"retry_max"_s,
            u"max_concurrency"_s,
            u"max_domain_concurrency"_s,
            u"delay_warning"_s,
            u"warn_messages"_s,
            u"smarthost"_s,
            u"smarthost_tls"_s,
            u"smarthost_user"_s,
            u"smarthost_password_file"_s,
            u"smarthost_ca_file"_s,
            u"smarthost_domains"_s};
}

void validateQueueValues(QSettings &settings, QueueConfig *config, QList<ConfigIssue> *issues) {
    readDuration(settings, issues, u"max_age"_s, 3600, 30 * day, u"1h..30d"_s,
                 &config->maxAgeSeconds);
    readDuration(settings, issues, u"retry_base"_s, 1, day, u"1s..1d"_s, &config->retryBaseSeconds);
    readDuration(settings, issues, u"retry_max"_s, 1, 7 * day, u"1s..7d"_s,
                 &config->retryMaxSeconds);
    if (config->retryMaxSeconds < config->retryBaseSeconds)
        issues->append({u"queue/retry_max"_s, u"must not be shorter than retry_base ("_s +
                                                  QString::number(config->retryBaseSeconds) +
                                                  u"s)"_s});
    readCount(settings, issues, u"max_concurrency"_s, 1000, &config->maxConcurrency);
    readCount(settings, issues, u"max_domain_concurrency"_s, 100, &config->maxDomainConcurrency);
    if (settings.contains(u"queue/warn_messages"_s)) {
        const QString value = settingsText(settings, u"warn_messages"_s);
        bool ok = false;
        const int number = value.toInt(&ok);
        if (!ok || number < 0 || number > maxWarnMessages)
            issues->append({u"queue/warn_messages"_s, u"must be a whole number 0.."_s +
                                                          QString::number(maxWarnMessages) +
                                                          u", not \""_s + value + u"\""_s});
        else
            config->warnMessages = number;
    }
    if (settings.contains(u"queue/delay_warning"_s)) {
        const QString value = settingsText(settings, u"delay_warning"_s);
        if (parseDurationSeconds(value) == 0)
            config->delayWarningSeconds = 0;
        else
            readDuration(settings, issues, u"delay_warning"_s, 60, 30 * day, u"0 or 1m..30d"_s,
                         &config->delayWarningSeconds);
    }
    readSmarthost(settings, issues, config);
}

} // namespace mailstead::core
