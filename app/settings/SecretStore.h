// SecretStore.h - secrets in the desktop's keychain (QtKeychain)
//
// Passwords never go into QSettings: they are kept by the platform's
// keychain (the Secret Service, i.e. gnome-keyring or KWallet, on Linux)
// under the service name "Mailstead" and a key the caller chooses. Every
// call is asynchronous and ends with exactly one call of `done`, from the
// event loop of the store's thread. A call still running when the store is
// destroyed finishes in the keychain but its `done` is not called, so
// callbacks may capture an owner of the store.
//
// `error` is empty on success and otherwise the keychain's own message.
// Reading a key that was never written gives std::nullopt with an empty
// error: "no secret" is an answer, not a failure. Removing a key that is
// not there succeeds too.
#pragma once

#include <functional>
#include <optional>
#include <QObject>
#include <QString>

namespace mailstead::app {

class SecretStore : public QObject {
    Q_OBJECT
public:
    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    // The keychain's service name for every secret of the app.
    static QString serviceName();

    void write(const QString &key, const QString &secret, std::function<void(QString error)> done);
    void read(const QString &key,
              std::function<void(std::optional<QString> secret, QString error)> done);
    void remove(const QString &key, std::function<void(QString error)> done);
};

} // namespace mailstead::app
