// DaemonConfigSmtp.cpp - [smtp] keys: sizes, counts, timeouts, delimiter
//
// Ranges: wide enough for any sane installation, narrow enough that a typo
// ("50" meant as megabytes) is caught rather than silently refusing mail.
//
// SECURITY: administrator input, parsed defensively (see DaemonConfig.cpp).
#include "DaemonConfigSmtp.h"

#include "DaemonConfigReader.h"
#include "validation/Address.h"

#include <limits>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

// RFC 5321 section 4.5.3.1.6 floor-ish bounds; see SmtpLimits.h.
constexpr qint64 minMessageSize = 1024;
constexpr qint64 maxMessageSize = qint64(4) * 1024 * 1024 * 1024;
constexpr int maxRecipientsLimit = 10000;
constexpr int minLineLength = 78; // RFC 5322 section 2.1.1's "SHOULD"
constexpr int maxLineLengthLimit = 1000000;
constexpr qint64 maxCommandTimeout = 3600;
constexpr qint64 maxDataTimeout = 7200;
constexpr int maxErrorsLimit = 1000;
constexpr int maxConnectionsLimit = 100000;
// Characters that may separate a user from a tag (user+tag@). Not INI
// syntax (',' ';' '#'), not address syntax ('@' '"' '\\'), not blanks.
const QString delimiterCharacters = u"+-_.=~&"_s;
const QString durationExamples = u"(\"300\", \"300s\", \"5m\")"_s;

} // namespace

qint64 parseDurationSeconds(const QString &text) {
    QString value = text.trimmed().toLower();
    qint64 factor = 1;
    if (value.endsWith(u's')) {
        value.chop(1);
    } else if (value.endsWith(u'm')) {
        factor = 60;
        value.chop(1);
    } else if (value.endsWith(u'h')) {
        factor = 3600;
        value.chop(1);
    } else if (value.endsWith(u'd')) {
        factor = 86400;
        value.chop(1);
    }
    if (value.isEmpty())
        return -1;
    for (const QChar c : std::as_const(value)) {
        if (!c.isDigit() || c.unicode() > 127)
            return -1;
    }
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    if (!ok || number > std::numeric_limits<qint64>::max() / factor)
        return -1;
    return number * factor;
}

QStringList smtpConfigKeys() {
    return {u"max_message_size"_s,    u"max_recipients"_s,  u"max_line_length"_s,
            u"recipient_delimiter"_s, u"command_timeout"_s, u"data_timeout"_s,
            u"max_errors"_s,          u"max_connections"_s, u"max_connections_per_ip"_s};
}

void validateSmtpValues(QSettings &settings, SmtpConfig *config, QList<ConfigIssue> *issues) {
    const ConfigSectionReader r(settings, u"smtp"_s, issues);

    if (r.has(u"max_message_size"_s)) {
        const QString value = r.get(u"max_message_size"_s);
        // Sizes as everywhere else in Mailstead: "50M", "1.5G", "52428800".
        const qint64 size = mailstead::parseByteSize(value);
        if (size < minMessageSize || size > maxMessageSize)
            r.issue(u"max_message_size"_s,
                    u"must be a size of 1K..4G (\"50M\", \"52428800\"), not \""_s + value +
                        u"\""_s);
        else
            config->maxMessageSize = size;
    }
    r.integer(u"max_recipients"_s, 1, maxRecipientsLimit, &config->maxRecipients);
    r.integer(u"max_line_length"_s, minLineLength, maxLineLengthLimit, &config->maxLineLength);
    if (r.has(u"recipient_delimiter"_s)) {
        const QString value = r.get(u"recipient_delimiter"_s);
        bool ok = value.size() <= delimiterCharacters.size();
        for (const QChar c : value)
            ok = ok && delimiterCharacters.contains(c);
        if (!ok)
            r.issue(u"recipient_delimiter"_s, u"must be empty or characters out of \""_s +
                                                  delimiterCharacters + u"\", not \""_s + value +
                                                  u"\""_s);
        else
            config->recipientDelimiter = value;
    }
    r.duration(u"command_timeout"_s, maxCommandTimeout, durationExamples,
               &config->commandTimeoutSeconds);
    r.duration(u"data_timeout"_s, maxDataTimeout, durationExamples, &config->dataTimeoutSeconds);
    r.integer(u"max_errors"_s, 1, maxErrorsLimit, &config->maxErrors);
    r.integer(u"max_connections"_s, 1, maxConnectionsLimit, &config->maxConnections);
    r.integer(u"max_connections_per_ip"_s, 1, maxConnectionsLimit, &config->maxConnectionsPerIp);
}

} // namespace mailstead::core
