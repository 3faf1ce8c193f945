// PasswordField.cpp - password input with meter and generator; see PasswordField.h
#include "PasswordField.h"

#include "PasswordStrength.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

constexpr int strengthSteps = 4;

struct LevelLook {
    int value;
    const char *color;
};

LevelLook lookOf(PasswordStrengthLevel level) {
    switch (level) {
    case PasswordStrengthLevel::Empty:
        return {0, "#7f8c8d"};
    case PasswordStrengthLevel::TooShort:
        return {0, "#c0392b"};
    case PasswordStrengthLevel::Weak:
        return {1, "#c0392b"};
    case PasswordStrengthLevel::Fair:
        return {2, "#d68910"};
    case PasswordStrengthLevel::Strong:
        return {3, "#28b463"};
    case PasswordStrengthLevel::VeryStrong:
        return {4, "#1e8449"};
    }
    return {0, "#7f8c8d"};
}

QString levelText(PasswordStrengthLevel level) {
    switch (level) {
    case PasswordStrengthLevel::Empty:
        return PasswordField::tr("No password");
    case PasswordStrengthLevel::TooShort:
        return PasswordField::tr("Too short (at least %1 characters)").arg(minimumPasswordLength);
    case PasswordStrengthLevel::Weak:
        return PasswordField::tr("Weak");
    case PasswordStrengthLevel::Fair:
        return PasswordField::tr("Fair");
    case PasswordStrengthLevel::Strong:
        return PasswordField::tr("Strong");
    case PasswordStrengthLevel::VeryStrong:
        return PasswordField::tr("Very strong");
    }
    return {};
}

} // namespace

PasswordField::PasswordField(QWidget *parent)
    : QWidget(parent)
    , m_random(QRandomGenerator::system()) {
    setObjectName(u"passwordFieldWidget"_s);
    m_lineEdit = new QLineEdit(this);
    m_lineEdit->setObjectName(u"passwordLineEdit"_s);
    m_lineEdit->setEchoMode(QLineEdit::Password);
    m_lineEdit->setPlaceholderText(tr("At least %1 characters").arg(minimumPasswordLength));
    m_showCheckBox = new QCheckBox(tr("S&how"), this);
    m_showCheckBox->setObjectName(u"showPasswordCheckBox"_s);
    m_generateButton = new QPushButton(tr("&Generate"), this);
    m_generateButton->setObjectName(u"generatePasswordPushButton"_s);
    m_generateButton->setToolTip(
        tr("Fill in a random password of %1 characters.").arg(generatedPasswordLength));
    m_copyButton = new QPushButton(tr("Cop&y"), this);
    m_copyButton->setObjectName(u"copyPasswordPushButton"_s);
    m_copyButton->setToolTip(tr("Copy the password to the clipboard."));
    m_strengthBar = new QProgressBar(this);
    m_strengthBar->setObjectName(u"passwordStrengthProgressBar"_s);
    m_strengthBar->setRange(0, strengthSteps);
    m_strengthBar->setTextVisible(true);
    m_strengthBar->setMaximumHeight(m_lineEdit->sizeHint().height() * 3 / 4);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_lineEdit, 0, 0);
    layout->addWidget(m_showCheckBox, 0, 1);
    layout->addWidget(m_generateButton, 0, 2);
    layout->addWidget(m_copyButton, 0, 3);
    layout->addWidget(m_strengthBar, 1, 0);
    setFocusProxy(m_lineEdit);
    setTabOrder(m_lineEdit, m_showCheckBox);
    setTabOrder(m_showCheckBox, m_generateButton);
    setTabOrder(m_generateButton, m_copyButton);

    connect(m_lineEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        updateStrength();
        m_copyButton->setEnabled(!text.isEmpty());
        Q_EMIT passwordChanged(text);
    });
    connect(m_showCheckBox, &QCheckBox::toggled, this, [this](bool show) {
        m_lineEdit->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(m_generateButton, &QPushButton::clicked, this, &PasswordField::generate);
    connect(m_copyButton, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_lineEdit->text()); });
    m_copyButton->setEnabled(false);
    updateStrength();
}

QString PasswordField::password() const {
    return m_lineEdit->text();
}

void PasswordField::generate() {
    m_lineEdit->setText(generatePassword(*m_random));
    // A generated password must be seen to be passed on.
    m_showCheckBox->setChecked(true);
    m_lineEdit->setFocus(Qt::OtherFocusReason);
}

void PasswordField::updateStrength() {
    const PasswordStrength strength = estimatePasswordStrength(m_lineEdit->text());
    const LevelLook look = lookOf(strength.level);
    m_strengthBar->setValue(look.value);
    m_strengthBar->setFormat(levelText(strength.level));
    m_strengthBar->setStyleSheet(u"QProgressBar::chunk { background-color: "_s +
                                 QString::fromLatin1(look.color) + u"; }"_s);
    m_strengthBar->setProperty("strengthLevel", int(strength.level));
}

} // namespace mailstead::app
