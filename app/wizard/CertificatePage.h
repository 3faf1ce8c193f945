// CertificatePage.h - setup wizard page 5: the TLS certificate
//
// Three ways: a self-signed certificate (cert.selfsigned; mail programs
// ask once whether to trust it), one from Let's Encrypt (cert.request,
// progress from event.cert as it comes, the CA's error word for word), or
// certificate and key files the person already has (cert.import, its error
// beside the file it concerns). The contact address, the CA (production or
// staging) and the agreement go with cert.request; the daemon keeps them
// in config.db for renewals.
#pragma once

#include "dialogs/FieldErrors.h"
#include "SetupWizardPage.h"

class QCheckBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace mailstead::app {

class CertificatePage : public SetupWizardPage {
    Q_OBJECT
public:
    explicit CertificatePage(SetupWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    QString errorFor(const QString &field) const { return m_fieldErrors.errorFor(field); }

    // The Let's Encrypt directory URLs, production and staging.
    static QString productionDirectory();
    static QString stagingDirectory();

private:
    QWidget *createLetsEncryptBox();
    QWidget *createImportBox();
    QLineEdit *addFileRow(QWidget *box, QFormLayout *form, const QString &labelText,
                          const QString &field, const QString &prefix);
    void updateState();
    void requestCertificate();
    void onNotification(const QString &method, const QJsonObject &params);
    void showStatus();

    QRadioButton *m_selfSignedRadioButton = nullptr;
    QRadioButton *m_letsEncryptRadioButton = nullptr;
    QRadioButton *m_importRadioButton = nullptr;
    QLabel *m_statusLabel = nullptr;
    QGroupBox *m_letsEncryptBox = nullptr;
    QGroupBox *m_importBox = nullptr;
    QLineEdit *m_emailLineEdit = nullptr;
    QCheckBox *m_termsCheckBox = nullptr;
    QCheckBox *m_stagingCheckBox = nullptr;
    QPushButton *m_requestButton = nullptr;
    QPlainTextEdit *m_progressPlainTextEdit = nullptr;
    QLineEdit *m_chainLineEdit = nullptr;
    QLineEdit *m_keyLineEdit = nullptr;
    QLabel *m_generalErrorLabel = nullptr;
    FieldErrors m_fieldErrors;
    bool m_requesting = false;
    bool m_issued = false;
};

} // namespace mailstead::app
