// DaemonConfigReader.h - reading one INI section's values with the checks
// every section shares: whole numbers in a range, durations, booleans,
// each problem reported as "section/key" with what was written
//
// SECURITY: administrator input, parsed defensively (see DaemonConfig.cpp).
#pragma once

#include "DaemonConfig.h"

#include <QSettings>

namespace mailstead::core {

// A QSettings value as text: a list (the INI "a, b" form) joined back.
QString configValueText(const QVariant &value);

class ConfigSectionReader {
public:
    // `section` as in the file; "general" is QSettings' root group.
    ConfigSectionReader(QSettings &settings, const QString &section, QList<ConfigIssue> *issues);

    bool has(const QString &key) const;
    QString get(const QString &key) const;
    void issue(const QString &key, const QString &message) const;

    // A whole number in [low, high]; *out unchanged on error.
    template <typename T> void integer(const QString &key, qint64 low, qint64 high, T *out) const {
        qint64 number = 0;
        if (readInteger(key, low, high, &number))
            *out = T(number);
    }
    // A duration of 1 s..high s ("300", "300s", "5m", "1h", "1d").
    // `examples` shows the key's own ("(\"600\", \"10m\")").
    void duration(const QString &key, qint64 high, const QString &examples, int *out) const;
    // true/yes/on/1 or false/no/off/0.
    void boolean(const QString &key, bool *out) const;

private:
    bool readInteger(const QString &key, qint64 low, qint64 high, qint64 *out) const;
    QString settingsKey(const QString &key) const;

    QSettings &m_settings;
    QString m_section;
    QList<ConfigIssue> *m_issues;
};

} // namespace mailstead::core
