// DaemonConfigDns.cpp - [dns] public_addresses and the resolver's limits
//
// public_addresses: IP addresses separated by spaces or commas, as the
// Internet sees the server (behind NAT the listeners cannot tell). The
// limits: a query timeout of 1..60 s, 1..1000 records parsed per answer,
// 1..10000 queries in flight. trust_anchor: the file DNSSEC validation
// starts from (RFC 4035 section 4.4: DS or DNSKEY records of the trusted
// zone), by default Debian's root anchor; empty turns validation off.
//
// SECURITY: administrator input, parsed defensively (see DaemonConfig.cpp).
#include "DaemonConfigDns.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::core {

namespace {

constexpr qint64 maxQueryTimeout = 60;
constexpr int maxAnswersLimit = 1000;
constexpr int maxConcurrentQueriesLimit = 10000;

QString settingsText(const QVariant &value) {
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    return value.toString().trimmed();
}

void readInteger(QSettings &settings, QList<ConfigIssue> *issues, const QString &key, int high,
                 int *out) {
    if (!settings.contains(u"dns/"_s + key))
        return;
    const QString value = settingsText(settings.value(u"dns/"_s + key));
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok || number < 1 || number > high) {
        issues->append({u"dns/"_s + key, u"must be a whole number 1.."_s + QString::number(high) +
                                             u", not \""_s + value + u"\""_s});
        return;
    }
    *out = number;
}

} // namespace

QStringList dnsConfigKeys() {
    return {u"public_addresses"_s, u"timeout"_s, u"max_answers"_s, u"max_concurrent_queries"_s,
            u"trust_anchor"_s};
}

void validateDnsValues(QSettings &settings, DnsConfig *config, QList<ConfigIssue> *issues) {
    if (settings.contains(u"dns/public_addresses"_s)) {
        static const QRegularExpression separators(u"[\\s,]+"_s);
        const QString value = settingsText(settings.value(u"dns/public_addresses"_s));
        QStringList addresses;
        bool ok = true;
        for (const QString &entry : value.split(separators, Qt::SkipEmptyParts)) {
            const QHostAddress address(entry);
            if (address.isNull() || address.isLoopback() || address == QHostAddress::AnyIPv4 ||
                address == QHostAddress::AnyIPv6) {
                issues->append(
                    {u"dns/public_addresses"_s,
                     u"\""_s + entry + u"\" is not a public IP address of this server"_s});
                ok = false;
            } else if (!addresses.contains(address.toString())) {
                addresses << address.toString();
            }
        }
        if (ok)
            config->publicAddresses = addresses;
    }
    if (settings.contains(u"dns/timeout"_s)) {
        const QString value = settingsText(settings.value(u"dns/timeout"_s));
        const qint64 seconds = parseDurationSeconds(value);
        if (seconds < 1 || seconds > maxQueryTimeout)
            issues->append({u"dns/timeout"_s,
                            u"must be a duration of 1s.."_s + QString::number(maxQueryTimeout) +
                                u"s (\"8\", \"8s\"), not \""_s + value + u"\""_s});
        else
            config->queryTimeoutSeconds = int(seconds);
    }
    if (settings.contains(u"dns/trust_anchor"_s)) {
        const QString path = settingsText(settings.value(u"dns/trust_anchor"_s));
        const QFileInfo file(path);
        if (!path.isEmpty() && (!file.isFile() || !file.isReadable()))
            issues->append({u"dns/trust_anchor"_s,
                            u"\""_s + path +
                                u"\" is not a readable file (DS or DNSKEY records; empty "
                                "turns DNSSEC validation off)"_s});
        else
            config->trustAnchor = path;
    }
    readInteger(settings, issues, u"max_answers"_s, maxAnswersLimit, &config->maxAnswers);
    readInteger(settings, issues, u"max_concurrent_queries"_s, maxConcurrentQueriesLimit,
                &config->maxConcurrentQueries);
}

} // namespace mailstead::core
