// DaemonConfig.cpp - reading and validating mailsteadd.conf
//
// Two passes over the file: QSettings (IniFormat) reads the values, and a
// line scan reports what QSettings silently accepts or drops: malformed
// lines, unknown sections, unknown and duplicate keys. Every value is then
// validated, and every issue is collected, so --check-config names all of
// them at once rather than the first.
//
// SECURITY: the file is written by the administrator (root-owned under
// /etc); it is still parsed defensively because typos are expected.
#include "DaemonConfig.h"

#include "DaemonConfigDns.h"
#include "DaemonConfigHttp.h"
#include "DaemonConfigImap.h"
#include "DaemonConfigPop3.h"
#include "DaemonConfigQueue.h"
#include "DaemonConfigReader.h"
#include "DaemonConfigSmtp.h"
#include "DaemonConfigSubmission.h"
#include "ipc/IpcClient.h"
#include "validation/Address.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSettings>
#include <QStringDecoder>
#include <QSysInfo>
#include <QUrl>
#include <sys/un.h>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

constexpr quint16 localModePortOffset = 10000;
constexpr qint64 maxRenewalCheckSeconds = 24 * 3600;
// The largest [general] max_connections / max_connections_per_ip accepted
// (each connection holds a descriptor; see runtime/OpenFileLimit.h).
constexpr int maxConnectionLimit = 1000000;
// sockaddr_un::sun_path holds 108 bytes including the terminating NUL.
constexpr int maxSocketPathBytes = int(sizeof(sockaddr_un::sun_path)) - 1;

const QString letsEncryptDirectory = u"https://acme-v02.api.letsencrypt.org/directory"_s;

struct KnownSection {
    QString name;
    QStringList keys;
};

const QList<KnownSection> &knownSections() {
    static const QList<KnownSection> sections = [] {
        QStringList listenKeys;
        for (Service service : allServices())
            listenKeys << serviceName(service);
        return QList<KnownSection>{
            {u"general"_s,
             {u"hostname"_s, u"data_dir"_s, u"max_connections"_s, u"max_connections_per_ip"_s}},
            {u"listen"_s, listenKeys},
            {u"admin"_s, {u"socket"_s, u"group"_s}},
            {u"dns"_s, QStringList{u"servers"_s} + dnsConfigKeys()},
            {u"queue"_s, QStringList{u"remote_port"_s} + queueConfigKeys()},
            {u"acme"_s, {u"directory"_s, u"email"_s, u"ca_file"_s, u"renewal_check"_s}},
            {u"log"_s, {u"level"_s}},
            {u"smtp"_s, smtpConfigKeys()},
            {u"submission"_s, submissionConfigKeys()},
            {u"imap"_s, imapConfigKeys()},
            {u"pop3"_s, pop3ConfigKeys()},
            {u"http"_s, httpConfigKeys()},
        };
    }();
    return sections;
}

const KnownSection *findSection(const QString &name) {
    for (const KnownSection &section : knownSections()) {
        if (section.name == name)
            return &section;
    }
    return nullptr;
}

QString machineHostnameOrLocalhost() {
    const DomainName name = parseDomain(QSysInfo::machineHostName(), false);
    return name.ok ? name.ace : u"localhost"_s;
}

QString abbreviated(const QString &text) {
    constexpr int maxShown = 60;
    return text.size() <= maxShown ? text : text.left(maxShown) + u"..."_s;
}

// Where a line's inline comment starts: ';' outside double quotes. Like
// QSettings, '#' starts a comment only at the beginning of a line.
qsizetype commentStart(QStringView line) {
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'"')
            quoted = !quoted;
        else if (c == u'\\' && quoted)
            ++i;
        else if (!quoted && c == u';')
            return i;
    }
    return -1;
}

// The structural scan: everything QSettings does not report.
void scanLines(const QString &text, QList<ConfigIssue> *issues) {
    const QStringList lines = text.split(u'\n');
    QString section;          // current known section, empty before the first
    bool inUnknown = false;   // inside an unknown section: its keys are not reported again
    QHash<QString, int> seen; // "section/key" -> line of first occurrence

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i) + 1;
        const QString lineKey = u"line "_s + QString::number(lineNo);
        QStringView line = QStringView(lines.at(i));
        if (line.endsWith(u'\r'))
            line.chop(1);
        line = line.trimmed();
        if (line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#'))
            continue;

        if (line.startsWith(u'[')) {
            const qsizetype close = line.indexOf(u']');
            const QStringView rest = close < 0 ? QStringView() : line.mid(close + 1).trimmed();
            if (close < 0 || !(rest.isEmpty() || rest.startsWith(u';'))) {
                issues->append(
                    {lineKey, u"malformed section header: "_s + abbreviated(line.toString())});
                inUnknown = true;
                continue;
            }
            const QString name = line.mid(1, close - 1).trimmed().toString();
            if (findSection(name)) {
                section = name;
                inUnknown = false;
            } else {
                issues->append({lineKey, u"unknown section ["_s + name + u"]"_s});
                inUnknown = true;
            }
            continue;
        }

        const qsizetype equals = line.indexOf(u'=');
        const qsizetype comment = commentStart(line);
        if (equals < 0 || (comment >= 0 && comment < equals)) {
            issues->append(
                {lineKey, u"expected \"key = value\", found: "_s + abbreviated(line.toString())});
            continue;
        }
        const QString key = line.left(equals).trimmed().toString();
        if (key.isEmpty()) {
            issues->append({lineKey, u"missing key before '='"_s});
            continue;
        }
        if (inUnknown)
            continue;
        if (section.isEmpty()) {
            issues->append({lineKey, u"key \""_s + key + u"\" before any [section]"_s});
            continue;
        }
        const QString fullKey = section + u'/' + key;
        if (!findSection(section)->keys.contains(key)) {
            issues->append({fullKey, u"unknown key"_s});
            continue;
        }
        // QSettings keeps "value # text" whole; a path would silently include it.
        static const QRegularExpression hashComment(u"\\s#"_s);
        const QStringView value = line.mid(equals + 1, comment < 0 ? -1 : comment - equals - 1);
        if (value.toString().contains(hashComment))
            issues->append({fullKey, u"'#' after a value is not a comment; use ';'"_s});
        const auto previous = seen.constFind(fullKey);
        if (previous != seen.constEnd()) {
            issues->append({fullKey, u"set twice (lines "_s + QString::number(*previous) +
                                         u" and "_s + QString::number(lineNo) + u")"_s});
            continue;
        }
        seen.insert(fullKey, lineNo);
    }
}

// QSettings turns "a, b" into a QStringList; the config wants the text back.
QString settingsString(const QVariant &value) {
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    return value.toString().trimmed();
}

// The settings key of "section/key": QSettings maps [general] to the root.
QString settingsKey(const QString &section, const QString &key) {
    return section == u"general"_s ? key : section + u'/' + key;
}

QString validHostOrError(const QString &host) {
    QHostAddress address;
    if (address.setAddress(host))
        return {};
    const DomainName name = parseDomain(host, true);
    if (name.ok)
        return {};
    return u"\""_s + host + u"\" is neither an IP address nor a host name"_s;
}

QStringList splitList(const QString &value) {
    static const QRegularExpression separators(u"[\\s,]+"_s);
    return value.split(separators, Qt::SkipEmptyParts);
}

void validateDnsServers(const QString &value, DaemonConfig *config, QList<ConfigIssue> *issues) {
    const QString key = u"dns/servers"_s;
    config->dnsServers.clear();
    for (const QString &entry : splitList(value)) {
        QString host = entry;
        QString port;
        const qsizetype at = entry.lastIndexOf(u'@');
        if (at >= 0) {
            host = entry.left(at);
            port = entry.mid(at + 1);
        }
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        bool entryOk = true;
        QHostAddress address;
        if (!address.setAddress(host)) {
            issues->append(
                {key, u"\""_s + entry + u"\": \""_s + host + u"\" is not an IP address"_s});
            entryOk = false;
        }
        if (at >= 0) {
            bool ok = false;
            const uint number = port.toUInt(&ok);
            if (!ok || number < 1 || number > 65535) {
                issues->append({key, u"\""_s + entry + u"\": port must be 1..65535"_s});
                entryOk = false;
            }
        }
        if (entryOk)
            config->dnsServers << entry;
    }
}

bool isAbsolutePath(const QString &path) {
    return !path.isEmpty() && QDir::isAbsolutePath(path);
}

void validateValues(QSettings &settings, DaemonConfig *config, QList<ConfigIssue> *issues) {
    auto has = [&](const QString &section, const QString &key) {
        return settings.contains(settingsKey(section, key));
    };
    auto get = [&](const QString &section, const QString &key) {
        return settingsString(settings.value(settingsKey(section, key)));
    };

    if (has(u"general"_s, u"hostname"_s)) {
        const QString value = get(u"general"_s, u"hostname"_s);
        const DomainName name = parseDomain(value, true);
        if (value.isEmpty())
            issues->append({u"general/hostname"_s, u"must not be empty"_s});
        else if (!name.ok)
            issues->append({u"general/hostname"_s,
                            u"\""_s + value + u"\" is not a valid host name: "_s + name.error});
        else
            config->hostname = name.ace;
    }
    if (has(u"general"_s, u"data_dir"_s)) {
        const QString value = get(u"general"_s, u"data_dir"_s);
        if (!isAbsolutePath(value))
            issues->append(
                {u"general/data_dir"_s, u"must be an absolute path, not \""_s + value + u"\""_s});
        else
            config->dataDir = QDir::cleanPath(value);
    }

    const ConfigSectionReader general(settings, u"general"_s, issues);
    general.integer(u"max_connections"_s, 1, maxConnectionLimit, &config->maxConnections);
    general.integer(u"max_connections_per_ip"_s, 1, maxConnectionLimit,
                    &config->maxConnectionsPerIp);

    for (Service service : allServices()) {
        const QString name = serviceName(service);
        if (has(u"listen"_s, name))
            config->listen[int(service)] =
                parseListenValue(get(u"listen"_s, name), u"listen/"_s + name, issues);
    }
    // Two services cannot share one address; bind() would fail later with a
    // less helpful message.
    QHash<QString, QString> usedBy;
    for (Service service : allServices()) {
        for (const ListenAddress &address : config->listenFor(service)) {
            if (address.port == 0)
                continue;
            const QString text = address.toString();
            const QString other = usedBy.value(text);
            if (!other.isEmpty())
                issues->append(
                    {u"listen/"_s + serviceName(service), text + u" is also used by "_s + other});
            else
                usedBy.insert(text, serviceName(service));
        }
    }

    if (has(u"admin"_s, u"socket"_s)) {
        const QString value = get(u"admin"_s, u"socket"_s);
        if (!isAbsolutePath(value))
            issues->append(
                {u"admin/socket"_s, u"must be an absolute path, not \""_s + value + u"\""_s});
        else if (value.toLocal8Bit().size() > maxSocketPathBytes)
            issues->append({u"admin/socket"_s, u"path is longer than "_s +
                                                   QString::number(maxSocketPathBytes) +
                                                   u" bytes, too long for a local socket"_s});
        else
            config->adminSocket = QDir::cleanPath(value);
    }
    if (has(u"admin"_s, u"group"_s)) {
        // Empty: only root and the daemon's own user may administer.
        static const QRegularExpression groupName(u"^[A-Za-z_][A-Za-z0-9_.-]*\\$?$"_s);
        const QString value = get(u"admin"_s, u"group"_s);
        if (!value.isEmpty() && !groupName.match(value).hasMatch())
            issues->append({u"admin/group"_s, u"\""_s + value + u"\" is not a valid group name"_s});
        else
            config->adminGroup = value;
    }

    if (has(u"dns"_s, u"servers"_s))
        validateDnsServers(get(u"dns"_s, u"servers"_s), config, issues);
    validateDnsValues(settings, &config->dns, issues);
    validateQueueValues(settings, &config->queue, issues);

    if (has(u"queue"_s, u"remote_port"_s)) {
        const QString value = get(u"queue"_s, u"remote_port"_s);
        bool ok = false;
        const uint port = value.toUInt(&ok);
        if (!ok || port < 1 || port > 65535)
            issues->append({u"queue/remote_port"_s,
                            u"must be a port number 1..65535, not \""_s + value + u"\""_s});
        else
            config->queueRemotePort = quint16(port);
    }

    if (has(u"acme"_s, u"directory"_s)) {
        const QString value = get(u"acme"_s, u"directory"_s);
        const QUrl url(value, QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty() || (scheme != u"https"_s && scheme != u"http"_s))
            issues->append({u"acme/directory"_s,
                            u"must be an https:// or http:// URL, not \""_s + value + u"\""_s});
        else
            config->acmeDirectory = value;
    }
    if (has(u"acme"_s, u"email"_s)) {
        const QString value = get(u"acme"_s, u"email"_s);
        const qsizetype at = value.indexOf(u'@');
        static const QRegularExpression whitespace(u"\\s"_s);
        if (!value.isEmpty() && (at <= 0 || at == value.size() - 1 || value.contains(whitespace)))
            issues->append({u"acme/email"_s, u"\""_s + value + u"\" is not a mail address"_s});
        else
            config->acmeEmail = value;
    }
    if (has(u"acme"_s, u"ca_file"_s)) {
        const QString value = get(u"acme"_s, u"ca_file"_s);
        const QFileInfo info(value);
        if (!value.isEmpty() && !(info.isFile() && info.isReadable()))
            issues->append({u"acme/ca_file"_s, u"\""_s + value + u"\" is not a readable file"_s});
        else
            config->acmeCaFile = value;
    }
    if (has(u"acme"_s, u"renewal_check"_s)) {
        const QString value = get(u"acme"_s, u"renewal_check"_s);
        const qint64 seconds = parseDurationSeconds(value);
        if (seconds < 1 || seconds > maxRenewalCheckSeconds)
            issues->append({u"acme/renewal_check"_s,
                            u"must be a duration of 1s..1d, not \""_s + value + u"\""_s});
        else
            config->acmeRenewalCheckSeconds = int(seconds);
    }

    if (has(u"log"_s, u"level"_s)) {
        static const QStringList levels = {u"debug"_s, u"info"_s, u"warning"_s, u"error"_s};
        const QString value = get(u"log"_s, u"level"_s);
        if (!levels.contains(value))
            issues->append(
                {u"log/level"_s,
                 u"must be one of debug, info, warning, error, not \""_s + value + u"\""_s});
        else
            config->logLevel = value;
    }

    validateSmtpValues(settings, &config->smtp, issues);
    validateSubmissionValues(settings, &config->submission, issues);
    validateImapValues(settings, &config->imap, issues);
    validatePop3Values(settings, &config->pop3, issues);
    validateHttpValues(settings, &config->http, issues);
}

} // namespace

QString ConfigIssue::toString() const {
    if (key.isEmpty() || key.startsWith(u"line "_s))
        return key.isEmpty() ? message : key + u": "_s + message;
    const qsizetype slash = key.indexOf(u'/');
    if (slash < 0)
        return u'[' + key + u"]: "_s + message;
    return u'[' + key.left(slash) + u"] "_s + key.mid(slash + 1) + u": "_s + message;
}

DaemonConfig installedDefaults() {
    DaemonConfig config;
    config.hostname = machineHostnameOrLocalhost();
    config.dataDir = u"/var/lib/mailstead"_s;
    for (Service service : allServices())
        config.listen[int(service)] = {ListenAddress{u"0.0.0.0"_s, serviceDefaultPort(service)}};
    config.adminSocket = ipc::installedSocketPath();
    config.acmeDirectory = letsEncryptDirectory;
    return config;
}

DaemonConfig localModeDefaults() {
    DaemonConfig config = installedDefaults();
    config.localMode = true;

    // XDG Base Directory: relative values are invalid and must be ignored.
    QString dataHome = qEnvironmentVariable("XDG_DATA_HOME");
    if (!QDir::isAbsolutePath(dataHome))
        dataHome = QDir::homePath() + u"/.local/share"_s;
    config.dataDir = QDir::cleanPath(dataHome + u"/mailstead"_s);
    config.adminSocket = ipc::localModeSocketPath();
    for (Service service : allServices()) {
        const auto port = quint16(serviceDefaultPort(service) + localModePortOffset);
        config.listen[int(service)] = {ListenAddress{u"127.0.0.1"_s, port}};
    }
    return config;
}

QList<ListenAddress> parseListenValue(const QString &value, const QString &key,
                                      QList<ConfigIssue> *issues) {
    QList<ListenAddress> result;
    for (const QString &token : splitList(value)) {
        QString host;
        QString portText;
        if (token.startsWith(u'[')) {
            const qsizetype close = token.indexOf(u"]:"_s);
            if (close < 0) {
                issues->append({key, u"\""_s + token + u"\": expected [ipv6]:port"_s});
                continue;
            }
            host = token.mid(1, close - 1);
            portText = token.mid(close + 2);
            QHostAddress address;
            if (!address.setAddress(host) || address.protocol() != QAbstractSocket::IPv6Protocol) {
                issues->append(
                    {key, u"\""_s + token + u"\": \""_s + host + u"\" is not an IPv6 address"_s});
                continue;
            }
        } else {
            const qsizetype colon = token.lastIndexOf(u':');
            if (colon < 0) {
                issues->append({key, u"\""_s + token + u"\": expected host:port"_s});
                continue;
            }
            if (token.indexOf(u':') != colon) {
                issues->append(
                    {key, u"\""_s + token + u"\": IPv6 addresses need brackets, as in [::1]:25"_s});
                continue;
            }
            host = token.left(colon);
            portText = token.mid(colon + 1);
            if (host.isEmpty()) {
                issues->append(
                    {key,
                     u"\""_s + token + u"\": missing host (use 0.0.0.0 for all IPv4 addresses)"_s});
                continue;
            }
            const QString hostError = validHostOrError(host);
            if (!hostError.isEmpty()) {
                issues->append({key, u"\""_s + token + u"\": "_s + hostError});
                continue;
            }
        }
        bool ok = false;
        const uint port = portText.toUInt(&ok);
        if (!ok || port > 65535) {
            issues->append(
                {key, u"\""_s + token + u"\": port must be 0..65535 (0 picks a free port)"_s});
            continue;
        }
        const ListenAddress address{host, quint16(port)};
        bool duplicate = false;
        for (const ListenAddress &existing : std::as_const(result))
            duplicate = duplicate || (existing.host == address.host &&
                                      existing.port == address.port && port != 0);
        if (duplicate) {
            issues->append({key, u"\""_s + token + u"\" is listed twice"_s});
            continue;
        }
        result << address;
    }
    return result;
}

LoadedConfig loadConfigFile(const QString &path) {
    LoadedConfig loaded;
    loaded.config = installedDefaults();
    loaded.config.configFile = QFileInfo(path).absoluteFilePath();

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        loaded.issues.append({QString(), u"cannot read "_s + path + u": "_s + file.errorString()});
        return loaded;
    }
    const QByteArray bytes = file.readAll();
    file.close();
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (decoder.hasError()) {
        loaded.issues.append({QString(), path + u" is not valid UTF-8"_s});
        return loaded;
    }

    scanLines(text, &loaded.issues);
    QSettings settings(path, QSettings::IniFormat);
    validateValues(settings, &loaded.config, &loaded.issues);
    return loaded;
}

} // namespace mailstead::core
