// AdminServer.cpp - the admin IPC server: socket file, authorization, fan-out
//
// SECURITY: any local process that can open the socket file (mode 0660,
// group = admin group) reaches acceptConnections(). Its kernel credentials
// are checked before a single byte of its input is read; a refused peer gets
// one error line and is disconnected. Authorized peers are served by
// AdminSession.
#include "AdminServer.h"

#include "AdminSession.h"
#include "core/EventBus.h"
#include "core/Log.h"
#include "ipc/JsonRpc.h"
#include "MethodTable.h"
#include "PeerCredentials.h"

#include <cerrno>
#include <cstring>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

// How long listen() waits for an existing socket to answer.
constexpr int probeTimeoutMs = 1000;

QString systemError() {
    return QString::fromLocal8Bit(std::strerror(errno));
}

QString defaultAdminGroup() {
    return u"mailstead-admin"_s;
}

// chgrp that is quiet when we may not (an unprivileged daemon can only give
// files to its own groups).
void giveToGroup(const QString &path, std::optional<gid_t> gid) {
    if (!gid)
        return;
    if (::chown(QFile::encodeName(path).constData(), uid_t(-1), *gid) == 0)
        return;
    const QString message = u"cannot chgrp "_s + path + u": "_s + systemError();
    if (errno == EPERM)
        qCDebug(core::lcAdmin).noquote() << message;
    else
        qCWarning(core::lcAdmin).noquote() << message;
}

// Creates dir and any missing parents; the ones created get mode and the
// admin group.
bool createDirectory(const QString &dir, mode_t mode, std::optional<gid_t> gid, QString *error) {
    QStringList missing;
    for (QString path = QDir::cleanPath(dir); !QFileInfo::exists(path);
         path = QFileInfo(path).path()) {
        missing.prepend(path);
        if (path == QFileInfo(path).path())
            break;
    }
    for (const QString &path : std::as_const(missing)) {
        const QByteArray native = QFile::encodeName(path);
        if (::mkdir(native.constData(), mode) != 0 && errno != EEXIST) {
            *error = u"cannot create directory "_s + path + u": "_s + systemError();
            return false;
        }
        // mkdir's mode passes through the umask; set it exactly.
        if (::chmod(native.constData(), mode) != 0) {
            *error = u"cannot set the mode of "_s + path + u": "_s + systemError();
            return false;
        }
        giveToGroup(path, gid);
    }
    return true;
}

bool isUnderRuntimeDir(const QString &path) {
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (runtimeDir.isEmpty())
        return false;
    return path.startsWith(QDir::cleanPath(runtimeDir) + u'/');
}

// Refuses when a live server answers on path; removes a stale socket file.
bool clearSocketPath(const QString &path, QString *error) {
    const QByteArray native = QFile::encodeName(path);
    struct stat info {};
    if (::lstat(native.constData(), &info) != 0) {
        if (errno == ENOENT)
            return true;
        *error = u"cannot inspect "_s + path + u": "_s + systemError();
        return false;
    }
    if (!S_ISSOCK(info.st_mode)) {
        *error = path + u" exists and is not a socket; refusing to replace it"_s;
        return false;
    }
    QLocalSocket probe;
    probe.connectToServer(path);
    if (probe.waitForConnected(probeTimeoutMs)) {
        probe.abort();
        *error = u"another mailsteadd is listening on "_s + path;
        return false;
    }
    if (::unlink(native.constData()) != 0 && errno != ENOENT) {
        *error = u"cannot remove the stale socket "_s + path + u": "_s + systemError();
        return false;
    }
    qCInfo(core::lcAdmin).noquote() << QString(u"removed stale socket "_s + path);
    return true;
}

// A refused peer gets one error line; its input is never parsed.
void refuse(QLocalSocket *socket, ipc::ErrorCode code, const QString &message) {
    QObject::connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    closeWithError(socket, ipc::encodeError(QJsonValue::Null, ipc::RpcError{code, message, {}}));
}

} // namespace

struct AdminServer::Private {
    AdminContext context;
    MethodTable methods;
    QString adminGroup = defaultAdminGroup();
    QLocalServer *server = nullptr;
    QString socketPath;
    QList<AdminSession *> sessions;
};

AdminServer::AdminServer(const AdminContext &context, QObject *parent)
    : QObject(parent)
    , d(new Private) {
    d->context = context;
    if (d->context.events) {
        connect(d->context.events, &core::EventBus::published, this, &AdminServer::forwardEvent);
    }
}

AdminServer::~AdminServer() {
    close();
    delete d;
}

bool AdminServer::listen(const QString &socketPath, QString *error) {
    QString ignored;
    if (!error)
        error = &ignored;
    if (d->server) {
        *error = u"the admin server is already listening on "_s + d->socketPath;
        return false;
    }
    if (socketPath.isEmpty()) {
        *error = u"no admin socket path configured"_s;
        return false;
    }
    const QString path = QFileInfo(socketPath).absoluteFilePath();
    const std::optional<gid_t> adminGid = lookupGroupId(d->adminGroup);

    const QString dir = QFileInfo(path).path();
    if (!createDirectory(dir, isUnderRuntimeDir(path) ? 0700 : 0750, adminGid, error))
        return false;
    if (!clearSocketPath(path, error))
        return false;

    auto *server = new QLocalServer(this);
    // Qt binds in a private directory, sets the mode, then renames into
    // place, so the socket is never reachable with looser permissions.
    server->setSocketOptions(QLocalServer::UserAccessOption | QLocalServer::GroupAccessOption);
    if (!server->listen(path)) {
        *error = u"cannot listen on "_s + path + u": "_s + server->errorString();
        delete server;
        return false;
    }
    const QByteArray native = QFile::encodeName(path);
    if (::chmod(native.constData(), 0660) != 0) {
        *error = u"cannot set the mode of "_s + path + u": "_s + systemError();
        server->close();
        delete server;
        return false;
    }
    giveToGroup(path, adminGid);

    d->server = server;
    d->socketPath = path;
    connect(server, &QLocalServer::newConnection, this, &AdminServer::acceptConnections);
    qCInfo(core::lcAdmin).noquote() << QString(u"admin socket listening on "_s + path);
    return true;
}

void AdminServer::close() {
    const QList<AdminSession *> sessions = d->sessions;
    d->sessions.clear();
    for (AdminSession *session : sessions) {
        session->disconnect(this);
        session->abort();
        session->deleteLater();
    }
    if (d->server) {
        d->server->close(); // also removes the socket file
        delete d->server;
        d->server = nullptr;
    }
}

QString AdminServer::socketPath() const {
    return d->socketPath;
}

void AdminServer::setAdminGroup(const QString &group) {
    if (group == d->adminGroup)
        return;
    d->adminGroup = group;
    // On reload the socket file follows the new group (the directory is
    // left as it is: it may hold other things).
    if (d->server)
        giveToGroup(d->socketPath, lookupGroupId(group));
}

int AdminServer::connectionCount() const {
    return int(d->sessions.size());
}

void AdminServer::acceptConnections() {
    while (QLocalSocket *socket = d->server->nextPendingConnection()) {
        QString credentialError;
        const std::optional<PeerCredentials> peer =
            readPeerCredentials(int(socket->socketDescriptor()), &credentialError);
        if (!peer) {
            qCWarning(core::lcAdmin).noquote()
                << QString(u"unauthorized admin connection refused: "_s + credentialError);
            refuse(socket, ipc::ErrorCode::Unauthorized,
                   u"cannot verify who you are: "_s + credentialError);
            continue;
        }
        // Looked up per connection: the group may be created while we run.
        const std::optional<gid_t> adminGid = lookupGroupId(d->adminGroup);
        if (!isAuthorized(*peer, ::geteuid(), adminGid)) {
            const QString who =
                peer->userName.isEmpty() ? QString::number(peer->uid) : peer->userName;
            qCWarning(core::lcAdmin).noquote() << QString(
                u"unauthorized admin connection refused: user "_s + who + u" (uid "_s +
                QString::number(peer->uid) + u", pid "_s + QString::number(peer->pid) +
                u") is not root, not the daemon's user and not in group "_s + d->adminGroup);
            refuse(socket, ipc::ErrorCode::Unauthorized,
                   u"user "_s + who + u" (uid "_s + QString::number(peer->uid) +
                       u") may not administer mailsteadd; ask to be added to group "_s +
                       d->adminGroup);
            continue;
        }
        if (d->sessions.size() >= maxAdminConnections) {
            qCWarning(core::lcAdmin).noquote()
                << QString(u"admin connection refused: already "_s +
                           QString::number(maxAdminConnections) + u" open"_s);
            refuse(socket, ipc::ErrorCode::LimitReached,
                   u"too many admin connections (at most "_s +
                       QString::number(maxAdminConnections) + u"); close another client"_s);
            continue;
        }

        MethodContext context;
        static_cast<AdminServices &>(context) = d->context;
        auto *session = new AdminSession(socket, *peer, d->methods, context, this);
        d->sessions.append(session);
        connect(session, &AdminSession::finished, this, [this, session] {
            qCDebug(core::lcAdmin).noquote()
                << QString(u"admin client "_s + session->peerDescription() + u" disconnected"_s);
            d->sessions.removeOne(session);
            session->deleteLater();
        });
        qCDebug(core::lcAdmin).noquote()
            << QString(u"admin client "_s + session->peerDescription() + u" connected"_s);
        session->start();
    }
}

void AdminServer::forwardEvent(const QString &event, const QJsonObject &params) {
    const QByteArray line = ipc::encodeNotification(event, params);
    // send() may disconnect a slow subscriber, which edits d->sessions.
    const QList<QPointer<AdminSession>> sessions(d->sessions.cbegin(), d->sessions.cend());
    for (const QPointer<AdminSession> &session : sessions) {
        if (session && session->isSubscribed(event))
            session->send(line);
    }
}

} // namespace mailstead::admin
