// SecretStore.cpp - secrets through QtKeychain; see SecretStore.h
#include "SecretStore.h"

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

// The job's message, or empty when it succeeded.
QString jobError(const QKeychain::Job *job) {
    if (job->error() == QKeychain::NoError)
        return {};
    const QString message = job->errorString();
    return message.isEmpty() ? SecretStore::tr("The keychain refused the request (error %1).")
                                   .arg(int(job->error()))
                             : message;
}

// Jobs have no parent: deleting a job while the keychain still answers it
// is not safe, so each job deletes itself once finished (autoDelete) and
// only the connection to `done` depends on the store being alive.
template <typename JobType> JobType *newJob(const QString &key) {
    auto *job = new JobType(SecretStore::serviceName());
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file instead of the keychain
    job->setKey(key);
    return job;
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent) {}

SecretStore::~SecretStore() = default;

QString SecretStore::serviceName() {
    return u"Mailstead"_s;
}

void SecretStore::write(const QString &key, const QString &secret,
                        std::function<void(QString error)> done) {
    auto *job = newJob<QKeychain::WritePasswordJob>(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this,
            [done = std::move(done)](QKeychain::Job *finished) { done(jobError(finished)); });
    job->start();
}

void SecretStore::read(const QString &key,
                       std::function<void(std::optional<QString> secret, QString error)> done) {
    auto *job = newJob<QKeychain::ReadPasswordJob>(key);
    connect(job, &QKeychain::Job::finished, this,
            [done = std::move(done)](QKeychain::Job *finished) {
                if (finished->error() == QKeychain::EntryNotFound) {
                    done(std::nullopt, {});
                    return;
                }
                const QString error = jobError(finished);
                if (!error.isEmpty()) {
                    done(std::nullopt, error);
                    return;
                }
                done(static_cast<QKeychain::ReadPasswordJob *>(finished)->textData(), {});
            });
    job->start();
}

void SecretStore::remove(const QString &key, std::function<void(QString error)> done) {
    auto *job = newJob<QKeychain::DeletePasswordJob>(key);
    connect(job, &QKeychain::Job::finished, this,
            [done = std::move(done)](QKeychain::Job *finished) {
                if (finished->error() == QKeychain::EntryNotFound) {
                    done({});
                    return;
                }
                done(jobError(finished));
            });
    job->start();
}

} // namespace mailstead::app
