// MailAuthenticator.h - checks a mailbox login for IMAP, POP3 and SMTP AUTH
//
// The login name is the mailbox address (as Dovecot is set up in mailcow);
// the password is checked against the hash in the RecipientDirectory
// snapshot with PasswordHash::verify on a small worker pool of its own,
// because yescrypt and bcrypt cost milliseconds of CPU that an I/O thread
// must not spend. The answer comes back in the thread of the caller's
// context object.
//
// Failures are slowed down per peer address, like Dovecot's
// auth_failure_delay but growing: the n-th failure from one address within
// failureMemory is answered after failureDelayBase * 2^(n-1), capped at
// failureDelayMax. A success is answered at once. Addresses are forgotten
// after failureMemory without a failure; at most maxTrackedPeers are kept
// (the oldest are dropped), so a spray from many addresses costs bounded
// memory.
//
// SECURITY: user names and passwords come from unauthenticated peers. The
// answer does not tell an unknown user from a wrong password (both Failed);
// only the server log says which. A disabled mailbox or domain with the
// right password is Disabled, so the session can say "contact the admin".
#pragma once

#include "RecipientDirectory.h"

#include <chrono>
#include <functional>
#include <memory>
#include <QHostAddress>
#include <QString>

class QObject;

namespace mailstead::core {

struct AuthLimits {
    std::chrono::milliseconds failureDelayBase{1000};
    std::chrono::milliseconds failureDelayMax{15000};
    // Milliseconds so tests can watch addresses being forgotten.
    std::chrono::milliseconds failureMemory = std::chrono::minutes(15);
    int maxTrackedPeers = 10000;
    int workerThreads = 2; // concurrent hash verifications
};

struct AuthOutcome {
    enum class Status { Ok, Failed, Disabled };
    Status status = Status::Failed;
    MailboxTarget mailbox; // with Ok and Disabled
    QString detail;        // for the server log only: why it failed

    bool ok() const { return status == Status::Ok; }
};

class MailAuthenticator {
public:
    // directory: not owned, must outlive this object.
    explicit MailAuthenticator(const RecipientDirectory *directory, const AuthLimits &limits = {});
    // Waits for verifications in progress; their answers are dropped.
    ~MailAuthenticator();
    MailAuthenticator(const MailAuthenticator &) = delete;
    MailAuthenticator &operator=(const MailAuthenticator &) = delete;

    // Thread safe. `done` runs in context's thread (queued), after the
    // failure delay when the login failed; never when context is destroyed
    // first.
    void authenticate(const QString &user, const QString &password, const QHostAddress &peer,
                      QObject *context, std::function<void(AuthOutcome)> done);

    // Synchronous check without delay and without counting (mailbox
    // auth_test over IPC, tests).
    AuthOutcome verify(const QString &user, const QString &password) const;

    // The delay the next failure from `peer` would get (failureDelayBase
    // once its earlier failures are older than failureMemory).
    std::chrono::milliseconds failureDelay(const QHostAddress &peer) const;

private:
    struct Private;
    std::shared_ptr<Private> m_private;
};

} // namespace mailstead::core
