// DaemonConfigReader.cpp - the checks every config section shares
#include "DaemonConfigReader.h"

using namespace Qt::StringLiterals;

namespace mailstead::core {

QString configValueText(const QVariant &value) {
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(u", "_s);
    return value.toString().trimmed();
}

ConfigSectionReader::ConfigSectionReader(QSettings &settings, const QString &section,
                                         QList<ConfigIssue> *issues)
    : m_settings(settings)
    , m_section(section)
    , m_issues(issues) {}

QString ConfigSectionReader::settingsKey(const QString &key) const {
    return m_section == u"general"_s ? key : m_section + u'/' + key;
}

bool ConfigSectionReader::has(const QString &key) const {
    return m_settings.contains(settingsKey(key));
}

QString ConfigSectionReader::get(const QString &key) const {
    return configValueText(m_settings.value(settingsKey(key)));
}

void ConfigSectionReader::issue(const QString &key, const QString &message) const {
    m_issues->append({m_section + u'/' + key, message});
}

bool ConfigSectionReader::readInteger(const QString &key, qint64 low, qint64 high,
                                      qint64 *out) const {
    if (!has(key))
        return false;
    const QString value = get(key);
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    if (!ok || number < low || number > high) {
        issue(key, u"must be a whole number "_s + QString::number(low) + u".."_s +
                       QString::number(high) + u", not \""_s + value + u"\""_s);
        return false;
    }
    *out = number;
    return true;
}

void ConfigSectionReader::duration(const QString &key, qint64 high, const QString &examples,
                                   int *out) const {
    if (!has(key))
        return;
    const QString value = get(key);
    const qint64 seconds = parseDurationSeconds(value);
    if (seconds < 1 || seconds > high) {
        issue(key, u"must be a duration of 1s.."_s + QString::number(high) + u"s "_s + examples +
                       u", not \""_s + value + u"\""_s);
        return;
    }
    *out = int(seconds);
}

void ConfigSectionReader::boolean(const QString &key, bool *out) const {
    if (!has(key))
        return;
    const QString value = get(key).toLower();
    if (value == u"true"_s || value == u"yes"_s || value == u"on"_s || value == u"1"_s)
        *out = true;
    else if (value == u"false"_s || value == u"no"_s || value == u"off"_s || value == u"0"_s)
        *out = false;
    else
        issue(key, u"must be true or false, not \""_s + get(key) + u"\""_s);
}

} // namespace mailstead::core
