// SettingsDialog.h - the app's preferences: language and tray behaviour
//
// Saved to AppSettings on OK. A new language applies the next time the app
// starts (every window would otherwise have to re-translate itself).
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;

namespace mailstead::app {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    void accept() override;

private:
    QComboBox *m_languageComboBox = nullptr;
    QCheckBox *m_keepInTrayCheckBox = nullptr;
};

} // namespace mailstead::app
