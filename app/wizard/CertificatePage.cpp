// CertificatePage.cpp - self-signed, Let's Encrypt or imported; see CertificatePage.h
#include "CertificatePage.h"

#include "ipc/IpcClient.h"
#include "SetupWizard.h"
#include "validation/Address.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

const QString choiceKey = u"certificate"_s;
const QString emailKey = u"acme_email"_s;
const QString stagingKey = u"acme_staging"_s;
const QString certEvent = u"event.cert"_s;
constexpr qint64 maxPemFileBytes = 1024 * 1024; // as the daemon accepts

} // namespace

QString CertificatePage::productionDirectory() {
    return u"https://acme-v02.api.letsencrypt.org/directory"_s;
}

QString CertificatePage::stagingDirectory() {
    return u"https://acme-staging-v02.api.letsencrypt.org/directory"_s;
}

CertificatePage::CertificatePage(SetupWizard *wizard)
    : SetupWizardPage(wizard) {
    setObjectName(u"certificateWizardPage"_s);
    setTitle(tr("Certificate"));
    setSubTitle(tr("Mail programs and other servers encrypt their connections to yours with "
                   "this certificate."));

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(u"certificateStatusLabel"_s);
    m_statusLabel->setWordWrap(true);
    m_selfSignedRadioButton =
        new QRadioButton(tr("&Self-signed: works at once; mail programs ask you once to "
                            "trust it"),
                         this);
    m_selfSignedRadioButton->setObjectName(u"selfSignedRadioButton"_s);
    m_letsEncryptRadioButton = new QRadioButton(
        tr("&Let's Encrypt: trusted everywhere; the server must be reachable on port 80"), this);
    m_letsEncryptRadioButton->setObjectName(u"letsEncryptRadioButton"_s);
    m_importRadioButton = new QRadioButton(tr("&Import certificate and key files"), this);
    m_importRadioButton->setObjectName(u"importRadioButton"_s);
    auto *group = new QButtonGroup(this);
    group->addButton(m_selfSignedRadioButton);
    group->addButton(m_letsEncryptRadioButton);
    group->addButton(m_importRadioButton);
    m_generalErrorLabel = createErrorLabel(u"certificateGeneralErrorLabel"_s, this);
    m_fieldErrors.setGeneralLabel(m_generalErrorLabel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_statusLabel);
    layout->addWidget(m_selfSignedRadioButton);
    layout->addWidget(m_letsEncryptRadioButton);
    layout->addWidget(createLetsEncryptBox());
    layout->addWidget(m_importRadioButton);
    layout->addWidget(createImportBox());
    layout->addWidget(m_generalErrorLabel);
    layout->addStretch(1);

    const QString choice = progress().value(choiceKey);
    if (choice == u"acme"_s)
        m_letsEncryptRadioButton->setChecked(true);
    else if (choice == u"import"_s)
        m_importRadioButton->setChecked(true);
    else
        m_selfSignedRadioButton->setChecked(true);
    for (QRadioButton *radio :
         {m_selfSignedRadioButton, m_letsEncryptRadioButton, m_importRadioButton})
        connect(radio, &QRadioButton::toggled, this, &CertificatePage::updateState);
    connect(client(), &ipc::IpcClient::notificationReceived, this,
            &CertificatePage::onNotification);
    updateState();
}

QWidget *CertificatePage::createLetsEncryptBox() {
    m_letsEncryptBox = new QGroupBox(this);
    m_letsEncryptBox->setObjectName(u"letsEncryptGroupBox"_s);
    auto *form = new QFormLayout(m_letsEncryptBox);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_emailLineEdit = new QLineEdit(progress().value(emailKey), m_letsEncryptBox);
    m_emailLineEdit->setObjectName(u"acmeEmailLineEdit"_s);
    m_emailLineEdit->setPlaceholderText(tr("for example you@example.com"));
    m_emailLineEdit->setToolTip(tr("Let's Encrypt writes here when a certificate is about to "
                                   "expire and was not renewed."));
    auto *emailLabel = new QLabel(tr("Contact &email:"), m_letsEncryptBox);
    emailLabel->setBuddy(m_emailLineEdit);
    form->addRow(emailLabel, m_fieldErrors.addField(u"email"_s, m_emailLineEdit, u"acmeEmail"_s));
    m_termsCheckBox = new QCheckBox(m_letsEncryptBox);
    m_termsCheckBox->setObjectName(u"acmeTermsCheckBox"_s);
    m_termsCheckBox->setText(tr("I &agree to the Let's Encrypt Subscriber Agreement"));
    auto *termsLink =
        new QLabel(u"<a href=\"https://letsencrypt.org/repository/\">%1</a>"_s.arg(tr("Read it")),
                   m_letsEncryptBox);
    termsLink->setObjectName(u"acmeTermsLinkLabel"_s);
    termsLink->setOpenExternalLinks(true);
    auto *termsRow = new QHBoxLayout;
    termsRow->addWidget(m_termsCheckBox);
    termsRow->addWidget(termsLink);
    termsRow->addStretch(1);
    form->addRow(termsRow);
    m_stagingCheckBox =
        new QCheckBox(tr("Use the s&taging CA (for trying out: its certificates are not trusted)"),
                      m_letsEncryptBox);
    m_stagingCheckBox->setObjectName(u"acmeStagingCheckBox"_s);
    m_stagingCheckBox->setChecked(progress().value(stagingKey) == u"1"_s);
    form->addRow(m_stagingCheckBox);
    m_requestButton = new QPushButton(tr("&Request certificate"), m_letsEncryptBox);
    m_requestButton->setObjectName(u"requestCertificatePushButton"_s);
    auto *requestRow = new QHBoxLayout;
    requestRow->addWidget(m_requestButton);
    requestRow->addStretch(1);
    form->addRow(requestRow);
    m_progressPlainTextEdit = new QPlainTextEdit(m_letsEncryptBox);
    m_progressPlainTextEdit->setObjectName(u"acmeProgressPlainTextEdit"_s);
    m_progressPlainTextEdit->setReadOnly(true);
    m_progressPlainTextEdit->setMaximumHeight(90);
    m_progressPlainTextEdit->setAccessibleName(tr("Certificate request progress"));
    form->addRow(m_progressPlainTextEdit);

    connect(m_emailLineEdit, &QLineEdit::textChanged, this, &CertificatePage::updateState);
    connect(m_termsCheckBox, &QCheckBox::toggled, this, &CertificatePage::updateState);
    connect(m_stagingCheckBox, &QCheckBox::toggled, this, &CertificatePage::updateState);
    connect(m_requestButton, &QPushButton::clicked, this, &CertificatePage::requestCertificate);
    return m_letsEncryptBox;
}

QLineEdit *CertificatePage::addFileRow(QWidget *box, QFormLayout *form, const QString &labelText,
                                       const QString &field, const QString &prefix) {
    auto *lineEdit = new QLineEdit(box);
    lineEdit->setObjectName(prefix + u"LineEdit"_s);
    auto *browse = new QPushButton(tr("Browse…"), box);
    browse->setObjectName(prefix + u"BrowsePushButton"_s);
    auto *row = new QHBoxLayout;
    row->addWidget(lineEdit, 1);
    row->addWidget(browse);
    auto *column = new QVBoxLayout;
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(m_fieldErrors.addFieldLabel(field, lineEdit, prefix));
    auto *label = new QLabel(labelText, box);
    label->setBuddy(lineEdit);
    form->addRow(label, column);
    connect(browse, &QPushButton::clicked, this, [this, lineEdit, labelText] {
        const QString path = QFileDialog::getOpenFileName(
            this, QString(labelText).remove(u'&').remove(u':'), lineEdit->text(),
            tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!path.isEmpty())
            lineEdit->setText(path);
    });
    connect(lineEdit, &QLineEdit::textChanged, this, [this] {
        setCommittedKey(QString()); // other files: import again
        updateState();
    });
    return lineEdit;
}

QWidget *CertificatePage::createImportBox() {
    m_importBox = new QGroupBox(this);
    m_importBox->setObjectName(u"importGroupBox"_s);
    auto *form = new QFormLayout(m_importBox);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_chainLineEdit =
        addFileRow(m_importBox, form, tr("&Certificate chain:"), u"chain"_s, u"chainFile"_s);
    m_chainLineEdit->setPlaceholderText(tr("for example fullchain.pem"));
    m_keyLineEdit = addFileRow(m_importBox, form, tr("Private &key:"), u"key"_s, u"keyFile"_s);
    m_keyLineEdit->setPlaceholderText(tr("for example privkey.pem (not encrypted)"));
    return m_importBox;
}

void CertificatePage::initializePage() {
    client()->subscribe({certEvent});
    showStatus();
}

void CertificatePage::showStatus() {
    QPointer<CertificatePage> self(this);
    client()->call(u"cert.status"_s, {}, [self](const ipc::Reply &reply) {
        if (!self || !reply.ok)
            return;
        const QJsonObject cert = reply.result.toObject();
        const QString until =
            QDateTime::fromString(cert.value(u"not_after"_s).toString(), Qt::ISODate)
                .toLocalTime()
                .date()
                .toString(Qt::ISODate);
        self->m_statusLabel->setText(tr("Installed now: %1 certificate for %2, issued by %3, "
                                        "valid until %4.")
                                         .arg(cert.value(u"source"_s).toString(),
                                              cert.value(u"subject"_s).toString(),
                                              cert.value(u"issuer"_s).toString(), until));
    });
}

void CertificatePage::updateState() {
    const bool acme = m_letsEncryptRadioButton->isChecked();
    m_letsEncryptBox->setEnabled(acme);
    m_importBox->setEnabled(m_importRadioButton->isChecked());
    const MailAddress email = parseAddress(m_emailLineEdit->text().trimmed());
    m_requestButton->setEnabled(acme && email.ok && m_termsCheckBox->isChecked() && !m_requesting);
    Q_EMIT completeChanged();
}

void CertificatePage::requestCertificate() {
    m_fieldErrors.clear();
    const MailAddress email = parseAddress(m_emailLineEdit->text().trimmed());
    if (!email.ok) {
        m_fieldErrors.showForField(u"email"_s, email.error);
        return;
    }
    progress().setValue(emailKey, email.toString());
    progress().setValue(stagingKey, m_stagingCheckBox->isChecked() ? u"1"_s : QString());
    m_requesting = true;
    m_issued = false;
    m_progressPlainTextEdit->clear();
    m_progressPlainTextEdit->appendPlainText(tr("Asking the CA for a certificate…"));
    updateState();
    QPointer<CertificatePage> self(this);
    // The daemon keeps the address and the CA for renewals (docs/ipc.md).
    const QJsonObject params{
        {u"email"_s, email.toString()},
        {u"directory"_s,
         m_stagingCheckBox->isChecked() ? stagingDirectory() : productionDirectory()},
        {u"agree_terms"_s, m_termsCheckBox->isChecked()},
    };
    client()->call(u"cert.request"_s, params, [self](const ipc::Reply &reply) {
        if (!self)
            return;
        self->m_requesting = false;
        if (reply.ok) {
            self->m_issued = true;
            self->m_progressPlainTextEdit->appendPlainText(tr("The certificate is installed."));
            self->showStatus();
        } else {
            // The CA's answer, word for word (docs/ipc.md: ExternalError quotes
            // it); a refused parameter beside its field.
            self->m_progressPlainTextEdit->appendPlainText(reply.error.message);
            if (reply.error.field == u"email"_s)
                self->m_fieldErrors.show(reply.error);
            else
                self->m_fieldErrors.showForField(QString(), reply.error.message);
        }
        self->updateState();
    });
}

void CertificatePage::onNotification(const QString &method, const QJsonObject &params) {
    if (method != certEvent || !m_requesting)
        return;
    const QString state = params.value(u"state"_s).toString();
    if (state == u"running"_s)
        m_progressPlainTextEdit->appendPlainText(params.value(u"step"_s).toString());
    else if (state == u"failed"_s)
        m_progressPlainTextEdit->appendPlainText(params.value(u"error"_s).toString());
}

bool CertificatePage::isComplete() const {
    if (isBusy() || m_requesting)
        return false;
    if (m_letsEncryptRadioButton->isChecked())
        return m_issued;
    if (m_importRadioButton->isChecked())
        return !m_chainLineEdit->text().isEmpty() && !m_keyLineEdit->text().isEmpty();
    return true;
}

bool CertificatePage::validatePage() {
    m_fieldErrors.clear();
    if (m_letsEncryptRadioButton->isChecked()) {
        progress().setValue(choiceKey, u"acme"_s);
        return m_issued;
    }
    if (m_selfSignedRadioButton->isChecked()) {
        progress().setValue(choiceKey, u"selfsigned"_s);
        return commitThenNext(u"selfsigned"_s, u"cert.selfsigned"_s, {},
                              [this](const ipc::Reply &reply) {
                                  if (!reply.ok)
                                      m_fieldErrors.show(reply.error);
                                  return reply.ok;
                              });
    }
    progress().setValue(choiceKey, u"import"_s);
    QJsonObject params;
    for (const auto &[field, lineEdit] :
         {std::pair{u"chain"_s, m_chainLineEdit}, std::pair{u"key"_s, m_keyLineEdit}}) {
        QFile file(lineEdit->text());
        if (file.size() > maxPemFileBytes) {
            m_fieldErrors.showForField(field, tr("The file is larger than 1 MiB."));
            return false;
        }
        if (!file.open(QIODevice::ReadOnly)) {
            m_fieldErrors.showForField(
                field, tr("Could not read %1: %2").arg(lineEdit->text(), file.errorString()));
            return false;
        }
        params.insert(field, QString::fromUtf8(file.readAll()));
    }
    return commitThenNext(u"import"_s, u"cert.import"_s, params, [this](const ipc::Reply &reply) {
        if (!reply.ok)
            m_fieldErrors.show(reply.error);
        return reply.ok;
    });
}

} // namespace mailstead::app
