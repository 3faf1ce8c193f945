// WizardProgress.cpp - the setup wizard's progress in QSettings; see WizardProgress.h
#include "WizardProgress.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

const QString pageKey = u"setup_wizard/page"_s;
const QString valuesGroup = u"setup_wizard/values"_s;
const QString finishedKey = u"setup_wizard/finished"_s;

} // namespace

int WizardProgress::page() const {
    bool ok = false;
    const int page = QSettings().value(pageKey).toInt(&ok);
    return ok ? page : -1;
}

void WizardProgress::setPage(int page) {
    QSettings().setValue(pageKey, page);
}

QString WizardProgress::value(const QString &name) const {
    return QSettings().value(valuesGroup + u'/' + name).toString();
}

void WizardProgress::setValue(const QString &name, const QString &value) {
    QSettings settings;
    if (value.isEmpty())
        settings.remove(valuesGroup + u'/' + name);
    else
        settings.setValue(valuesGroup + u'/' + name, value);
}

bool WizardProgress::finished() const {
    return QSettings().value(finishedKey, false).toBool();
}

void WizardProgress::setFinished(bool finished) {
    QSettings().setValue(finishedKey, finished);
}

void WizardProgress::clear() {
    QSettings settings;
    settings.remove(pageKey);
    settings.remove(valuesGroup);
}

} // namespace mailstead::app
