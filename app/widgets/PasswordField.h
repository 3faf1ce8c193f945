// PasswordField.h - password input with strength meter and generator
//
// A hidden-text line edit, a "Show" check box, a "Generate" button that
// fills in a random password (and shows it, so that it can be passed on),
// a "Copy" button and a bar that rates the password as it is typed.
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRandomGenerator;

namespace mailstead::app {

class PasswordField : public QWidget {
    Q_OBJECT
public:
    explicit PasswordField(QWidget *parent = nullptr);

    QString password() const;
    QLineEdit *lineEdit() const { return m_lineEdit; }
    // The generator's source of randomness; default: the system generator.
    void setRandomGenerator(QRandomGenerator *random) { m_random = random; }
    void generate();

Q_SIGNALS:
    void passwordChanged(const QString &password);

private:
    void updateStrength();

    QLineEdit *m_lineEdit = nullptr;
    QCheckBox *m_showCheckBox = nullptr;
    QPushButton *m_generateButton = nullptr;
    QPushButton *m_copyButton = nullptr;
    QProgressBar *m_strengthBar = nullptr;
    QRandomGenerator *m_random = nullptr;
};

} // namespace mailstead::app
