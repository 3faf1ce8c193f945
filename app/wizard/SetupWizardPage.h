// SetupWizardPage.h - what every page of the setup wizard shares
//
// Access to the wizard, its daemon connection and progress, and the way a
// page sends what the person entered to the daemon on Next: validatePage()
// calls commitThenNext(), which returns false at once, sends the request
// and, when the daemon accepts, remembers what was accepted and moves the
// wizard on. Pressing Next again for the same input does not send it twice.
#pragma once

#include <functional>
#include <QJsonObject>
#include <QWizardPage>

namespace mailstead::ipc {
class IpcClient;
struct Reply;
} // namespace mailstead::ipc

namespace mailstead::app {

class SetupWizard;
class WizardProgress;

class SetupWizardPage : public QWizardPage {
    Q_OBJECT
public:
    explicit SetupWizardPage(SetupWizard *wizard);

    // A request to the daemon is running for this page.
    bool isBusy() const { return m_busy; }

protected:
    SetupWizard *setupWizard() const { return m_wizard; }
    ipc::IpcClient *client() const;
    WizardProgress &progress() const;

    // True when key was accepted already. Otherwise sends method(params),
    // returns false and, once the daemon answered, calls handle(reply):
    // when that returns true, key counts as accepted and the wizard moves
    // to the next page.
    bool commitThenNext(const QString &key, const QString &method, const QJsonObject &params,
                        std::function<bool(const ipc::Reply &)> handle);
    // Forgets what was accepted (the input changed).
    void setCommittedKey(const QString &key) { m_committedKey = key; }
    QString committedKey() const { return m_committedKey; }

private:
    SetupWizard *m_wizard = nullptr;
    QString m_committedKey;
    bool m_busy = false;
};

} // namespace mailstead::app
