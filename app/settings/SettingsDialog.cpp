// SettingsDialog.cpp - language and tray preferences; see SettingsDialog.h
#include "SettingsDialog.h"

#include "AppSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent) {
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Mailstead settings"));
    const AppSettings settings;

    m_languageComboBox = new QComboBox(this);
    m_languageComboBox->setObjectName(u"languageComboBox"_s);
    m_languageComboBox->addItem(
        tr("System language (%1)").arg(QLocale::system().nativeLanguageName()), QString());
    const QStringList languages = AppSettings::availableLanguages();
    for (const QString &language : languages)
        m_languageComboBox->addItem(QLocale(language).nativeLanguageName(), language);
    m_languageComboBox->setCurrentIndex(
        std::max(0, m_languageComboBox->findData(settings.language())));
    auto *languageLabel = new QLabel(tr("&Language:"), this);
    languageLabel->setObjectName(u"languageLabel"_s);
    languageLabel->setBuddy(m_languageComboBox);
    auto *languageNote =
        new QLabel(tr("A new language applies when Mailstead starts again."), this);
    languageNote->setObjectName(u"languageNoteLabel"_s);
    languageNote->setWordWrap(true);

    m_keepInTrayCheckBox =
        new QCheckBox(tr("&Keep running in the system tray when the window is closed"), this);
    m_keepInTrayCheckBox->setObjectName(u"keepInTrayCheckBox"_s);
    m_keepInTrayCheckBox->setChecked(settings.keepRunningInTray());
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        m_keepInTrayCheckBox->setToolTip(tr("This desktop has no system tray at the moment; "
                                            "closing the window quits Mailstead."));

    auto *form = new QFormLayout;
    form->addRow(languageLabel, m_languageComboBox);
    form->addRow(QString(), languageNote);
    form->addRow(QString(), m_keepInTrayCheckBox);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"dialogButtonBox"_s);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(u"okPushButton"_s);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelPushButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

void SettingsDialog::accept() {
    AppSettings settings;
    settings.setLanguage(m_languageComboBox->currentData().toString());
    settings.setKeepRunningInTray(m_keepInTrayCheckBox->isChecked());
    QDialog::accept();
}

} // namespace mailstead::app
