// tst_adminserver.cpp - a real AdminServer on a socket in a temporary
// directory, driven by raw QLocalSocket clients (and, as root, by a forked
// client running as nobody).
#include "admin/AdminServer.h"
#include "core/ConfigStore.h"
#include "core/EventBus.h"
#include "ipc/JsonRpc.h"

#include <cstring>
#include <grp.h>
#include <memory>
#include <pwd.h>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using mailstead::admin::AdminContext;
using mailstead::admin::AdminServer;
using mailstead::core::ConfigStore;
using mailstead::core::EventBus;

namespace {

constexpr int timeoutMs = 10000;

// A raw line-based client; waiting spins the event loop so that the server,
// living in the same thread, keeps running.
class Client {
public:
    bool connectTo(const QString &path) {
        m_socket.connectToServer(path);
        return QTest::qWaitFor([this] { return m_socket.state() == QLocalSocket::ConnectedState; },
                               timeoutMs);
    }

    void send(const QByteArray &bytes) { m_socket.write(bytes); }

    // The next line as JSON, or an empty object when the connection ended
    // (ended() then tells) or nothing came in time.
    QJsonObject read(int waitMs = timeoutMs) {
        // A timeout is not an error here: the caller checks what arrived.
        (void)QTest::qWaitFor(
            [this] {
                m_buffer += m_socket.readAll();
                return m_buffer.contains('\n') ||
                       m_socket.state() == QLocalSocket::UnconnectedState;
            },
            waitMs);
        m_buffer += m_socket.readAll();
        const qsizetype end = m_buffer.indexOf('\n');
        if (end < 0)
            return {};
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        return QJsonDocument::fromJson(line).object();
    }

    QJsonObject call(const QString &method, const QJsonObject &params = {}) {
        send(mailstead::ipc::encodeRequest(++m_id, method, params));
        return read();
    }

    bool waitForEnd() {
        return QTest::qWaitFor(
            [this] {
                m_buffer += m_socket.readAll();
                return m_socket.state() == QLocalSocket::UnconnectedState;
            },
            timeoutMs);
    }

    bool ended() const { return m_socket.state() == QLocalSocket::UnconnectedState; }
    QLocalSocket &socket() { return m_socket; }

private:
    QLocalSocket m_socket;
    QByteArray m_buffer;
    int m_id = 0;
};

int errorCode(const QJsonObject &reply) {
    return reply.value(u"error"_s).toObject().value(u"code"_s).toInt();
}

struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<ConfigStore> store;
    EventBus bus;
    std::unique_ptr<AdminServer> server;
    QString socketPath;

    Fixture() {
        store = std::make_unique<ConfigStore>(dir.filePath(u"config.db"_s));
        socketPath = dir.filePath(u"run/admin.sock"_s);
        server = std::make_unique<AdminServer>(makeContext());
    }

    AdminContext makeContext() {
        AdminContext context;
        context.store = store.get();
        context.events = &bus;
        context.status = [] { return QJsonObject{{u"health"_s, u"ok"_s}}; };
        return context;
    }

    bool listen() {
        QString error;
        const bool ok = server->listen(socketPath, &error);
        if (!ok)
            qWarning("listen: %s", qPrintable(error));
        return ok;
    }
};

} // namespace

class TestAdminServer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hello();
    void socketFileAndDirectoryModes();
    void adminGroupOwnsSocket();
    void malformedJsonKeepsConnection();
    void batchRefused();
    void notificationGetsNoReply();
    void repliesInOrder();
    void oversizeLineClosesConnection();
    void subscriptionReceivesConfigEvents();
    void slowSubscriberIsDisconnected();
    void staleSocketReplaced();
    void secondServerRefused();
    void notASocketRefused();
    void connectionLimit();
    void closeRemovesSocket();
    void unauthorizedPeerIsRefused();
};

void TestAdminServer::hello() {
    Fixture f;
    QVERIFY(f.listen());
    QCOMPARE(f.server->socketPath(), f.socketPath);
    Client client;
    QVERIFY(client.connectTo(f.socketPath));
    client.send(R"({"jsonrpc":"2.0","id":"h-1","method":"system.hello"})"
                "\n");
    const QJsonObject reply = client.read();
    QCOMPARE(reply.value(u"jsonrpc"_s).toString(), u"2.0"_s);
    QCOMPARE(reply.value(u"id"_s).toString(), u"h-1"_s);
    QCOMPARE(reply.value(u"result"_s).toObject().value(u"server"_s).toString(), u"mailsteadd"_s);
    QVERIFY(reply.value(u"result"_s)
                .toObject()
                .value(u"methods"_s)
                .toArray()
                .contains(u"domain.add"_s));
    QCOMPARE(f.server->connectionCount(), 1);

    // "\r\n" is tolerated, and system.status comes from the context.
    client.send(R"({"jsonrpc":"2.0","id":2,"method":"system.status"})"
                "\r\n");
    QCOMPARE(client.read().value(u"result"_s).toObject(), QJsonObject({{u"health"_s, u"ok"_s}}));

    client.socket().disconnectFromServer();
    QTRY_COMPARE(f.server->connectionCount(), 0);
}

void TestAdminServer::socketFileAndDirectoryModes() {
    Fixture f;
    QVERIFY(f.listen());
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(f.socketPath).constData(), &info), 0);
    QVERIFY(S_ISSOCK(info.st_mode));
    QCOMPARE(info.st_mode & 07777, mode_t(0660));
    QCOMPARE(::stat(QFile::encodeName(f.dir.filePath(u"run"_s)).constData(), &info), 0);
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const bool underRuntimeDir =
        !runtimeDir.isEmpty() && f.socketPath.startsWith(runtimeDir + u'/');
    QCOMPARE(info.st_mode & 07777, mode_t(underRuntimeDir ? 0700 : 0750));
}

void TestAdminServer::adminGroupOwnsSocket() {
    // Any group other than our own primary one shows the chgrp.
    const group *other = ::getgrnam("users");
    if (!other || other->gr_gid == ::getegid() || ::geteuid() != 0)
        QSKIP("needs root and a group 'users'");
    const gid_t usersGid = other->gr_gid;
    Fixture f;
    f.server->setAdminGroup(u"users"_s);
    QVERIFY(f.listen());
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(f.socketPath).constData(), &info), 0);
    QCOMPARE(info.st_gid, usersGid);
    QCOMPARE(::stat(QFile::encodeName(f.dir.filePath(u"run"_s)).constData(), &info), 0);
    QCOMPARE(info.st_gid, usersGid); // created by listen(), so it is the group's too

    // A reload with another group moves the socket file along.
    const group *own = ::getgrgid(::getegid());
    QVERIFY(own);
    f.server->setAdminGroup(QString::fromLocal8Bit(own->gr_name));
    QCOMPARE(::stat(QFile::encodeName(f.socketPath).constData(), &info), 0);
    QCOMPARE(info.st_gid, ::getegid());
    QCOMPARE(info.st_mode & 07777, mode_t(0660));
}

void TestAdminServer::malformedJsonKeepsConnection() {
    Fixture f;
    QVERIFY(f.listen());
    Client client;
    QVERIFY(client.connectTo(f.socketPath));
    for (const QByteArray &line : {QByteArray("not json at all\n"),
                                   QByteArray(R"({"jsonrpc":"2.0","id":1,"method":)"
                                              "\n"),
                                   QByteArray("\x00\xff\n", 3)}) {
        client.send(line);
        const QJsonObject reply = client.read();
        QCOMPARE(errorCode(reply), -32700);
        QVERIFY(reply.contains(u"id"_s));
        QVERIFY(reply.value(u"id"_s).isNull());
        QVERIFY(!reply.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
    }
    // A readable id is echoed even when the request is invalid.
    client.send(R"({"jsonrpc":"1.0","id":17,"method":"system.hello"})"
                "\n");
    const QJsonObject invalid = client.read();
    QCOMPARE(errorCode(invalid), -32600);
    QCOMPARE(invalid.value(u"id"_s).toInt(), 17);
    QCOMPARE(client.call(u"system.hello"_s).value(u"result"_s).toObject().value(u"server"_s),
             QJsonValue(u"mailsteadd"_s));
}

void TestAdminServer::batchRefused() {
    Fixture f;
    QVERIFY(f.listen());
    Client client;
    QVERIFY(client.connectTo(f.socketPath));
    client.send(R"([{"jsonrpc":"2.0","id":1,"method":"system.hello"}])"
                "\n");
    QCOMPARE(errorCode(client.read()), -32600);
    QVERIFY(!client.ended());
    QVERIFY(client.call(u"system.hello"_s).contains(u"result"_s));
}

void TestAdminServer::notificationGetsNoReply() {
    Fixture f;
    QVERIFY(f.listen());
    Client client;
    QVERIFY(client.connectTo(f.socketPath));
    client.send(R"({"jsonrpc":"2.0","method":"domain.add","params":{"name":"n.test"}})"
                "\n");
    client.send(R"({"jsonrpc":"2.0","method":"no.such.method"})"
                "\n");
    client.send(R"({"jsonrpc":"2.0","id":7,"method":"domain.list"})"
                "\n");
    const QJsonObject reply = client.read();
    QCOMPARE(reply.value(u"id"_s).toInt(), 7);
    QCOMPARE(reply.value(u"result"_s).toObject().value(u"domains"_s).toArray(), QJsonArray());
}

void TestAdminServer::repliesInOrder() {
    Fixture f;
    QVERIFY(f.listen());
    Client client;
    QVERIFY(client.connectTo(f.socketPath));
    // Several requests in one write, including an error in the middle.
    client.send(R"({"jsonrpc":"2.0","id":1,"method":"domain.add","params":{"name":"a.test"}})"
                "\n"
                R"({"jsonrpc":"2.0","id":2,"method":"domain.add","params":{"name":"a.test"}})"
                "\n"
                R"({"jsonrpc":"2.0","id":3,"method":"domain.get","params":{"name":"a.test"}})"
                "\n");
    const QJsonObject first = client.read();
    const QJsonObject second = client.read();
    const QJsonObject third = client.read();
    QCOMPARE(first.value(u"id"_s).toInt(), 1);
    QVERIFY(first.contains(u"result"_s));
    QCOMPARE(second.value(u"id"_s).toInt(), 2);
    QCOMPARE(errorCode(second), 1002);
    QCOMPARE(second.value(u"error"_s).toObject().value(u"data"_s).toObject().value(u"field"_s),
             QJsonValue(u"name"_s));
    QCOMPARE(third.value(u"id"_s).toInt(), 3);
    QCOMPARE(third.value(u"result"_s).toObject().value(u"name"_s), QJsonValue(u"a.test"_s));
}

void TestAdminServer::oversizeLineClosesConnection() {
    Fixture f;
    QVERIFY(f.listen());
    Client client;
    QVERIFY(client.connectTo(f.socketPath));
    // One byte over the limit and no newline: the server cannot wait for the end.
    client.send(QByteArray(mailstead::ipc::maxIpcLineBytes + 1, 'a'));
    const QJsonObject reply = client.read(60000);
    QCOMPARE(errorCode(reply), -32001);
    QVERIFY(reply.value(u"id"_s).isNull());
    QVERIFY(client.waitForEnd());
    QTRY_COMPARE(f.server->connectionCount(), 0);

    // Others are still served.
    Client other;
    QVERIFY(other.connectTo(f.socketPath));
    QVERIFY(other.call(u"system.hello"_s).contains(u"result"_s));
}

void TestAdminServer::subscriptionReceivesConfigEvents() {
    Fixture f;
    QVERIFY(f.listen());
    Client watcher;
    Client bystander;
    Client actor;
    QVERIFY(watcher.connectTo(f.socketPath));
    QVERIFY(bystander.connectTo(f.socketPath));
    QVERIFY(actor.connectTo(f.socketPath));
    const QJsonObject subscribed =
        watcher.call(u"system.subscribe"_s, {{u"events"_s, QJsonArray({u"event.config"_s})}});
    QCOMPARE(subscribed.value(u"result"_s).toObject().value(u"events"_s).toArray(),
             QJsonArray({u"event.config"_s}));

    QVERIFY(actor.call(u"domain.add"_s, {{u"name"_s, u"watched.test"_s}}).contains(u"result"_s));
    const QJsonObject note = watcher.read();
    QCOMPARE(note.value(u"method"_s).toString(), u"event.config"_s);
    QVERIFY(!note.contains(u"id"_s));
    QCOMPARE(note.value(u"params"_s).toObject(), QJsonObject({{u"object"_s, u"domain"_s},
                                                              {u"action"_s, u"added"_s},
                                                              {u"name"_s, u"watched.test"_s}}));

    // Only subscribed events reach a connection; the others get nothing.
    f.bus.publish(u"event.health"_s, {{u"health"_s, u"warning"_s}, {u"message"_s, u"x"_s}});
    QVERIFY(watcher.read(200).isEmpty());
    QVERIFY(bystander.read(200).isEmpty());
    QVERIFY(actor.read(200).isEmpty());
}

void TestAdminServer::slowSubscriberIsDisconnected() {
    Fixture f;
    QVERIFY(f.listen());
    Client slow;
    QVERIFY(slow.connectTo(f.socketPath));
    QVERIFY(slow.call(u"system.subscribe"_s, {{u"events"_s, QJsonArray({u"event.log"_s})}})
                .contains(u"result"_s));
    QCOMPARE(f.server->connectionCount(), 1);
    // Without returning to the event loop nothing is flushed, exactly like a
    // client that stopped reading.
    const QJsonObject big{{u"message"_s, QString(1024 * 1024, u'x')}};
    for (int i = 0; i < 70 && f.server->connectionCount() == 1; ++i)
        f.bus.publish(u"event.log"_s, big);
    QTRY_COMPARE(f.server->connectionCount(), 0);
    QVERIFY(slow.waitForEnd());
}

void TestAdminServer::staleSocketReplaced() {
    Fixture f;
    QVERIFY(QDir().mkpath(f.dir.filePath(u"run"_s)));
    // A socket file nobody listens on, as a crashed daemon leaves it.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray path = QFile::encodeName(f.socketPath);
    QVERIFY(size_t(path.size()) < sizeof(address.sun_path));
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    ::close(fd);
    QVERIFY(QFileInfo::exists(f.socketPath));

    QVERIFY(f.listen());
    Client client;
    QVERIFY(client.connectTo(f.socketPath));
    QVERIFY(client.call(u"system.hello"_s).contains(u"result"_s));
}

void TestAdminServer::secondServerRefused() {
    Fixture f;
    QVERIFY(f.listen());
    AdminServer second(f.makeContext());
    QString error;
    QVERIFY(!second.listen(f.socketPath, &error));
    QCOMPARE(error, u"another mailsteadd is listening on "_s + f.socketPath);
    // The first one is untouched.
    Client client;
    QVERIFY(client.connectTo(f.socketPath));
    QVERIFY(client.call(u"system.hello"_s).contains(u"result"_s));
}

void TestAdminServer::notASocketRefused() {
    Fixture f;
    QVERIFY(QDir().mkpath(f.dir.filePath(u"run"_s)));
    QFile file(f.socketPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    QVERIFY(!f.server->listen(f.socketPath, &error));
    QVERIFY2(error.contains(u"not a socket"_s), qPrintable(error));
    QVERIFY(QFileInfo(f.socketPath).isFile()); // left alone
}

void TestAdminServer::connectionLimit() {
    Fixture f;
    QVERIFY(f.listen());
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < mailstead::admin::maxAdminConnections; ++i) {
        clients.push_back(std::make_unique<Client>());
        QVERIFY(clients.back()->connectTo(f.socketPath));
    }
    QTRY_COMPARE(f.server->connectionCount(), mailstead::admin::maxAdminConnections);
    Client extra;
    QVERIFY(extra.connectTo(f.socketPath));
    const QJsonObject refused = extra.read();
    QCOMPARE(errorCode(refused), 1005);
    QVERIFY(extra.waitForEnd());
    QCOMPARE(f.server->connectionCount(), mailstead::admin::maxAdminConnections);

    // Idle connections stay usable.
    QVERIFY(clients.front()->call(u"system.hello"_s).contains(u"result"_s));
    clients.pop_back();
    QTRY_COMPARE(f.server->connectionCount(), mailstead::admin::maxAdminConnections - 1);
    Client next;
    QVERIFY(next.connectTo(f.socketPath));
    QVERIFY(next.call(u"system.hello"_s).contains(u"result"_s));
}

void TestAdminServer::closeRemovesSocket() {
    Fixture f;
    QVERIFY(f.listen());
    Client client;
    QVERIFY(client.connectTo(f.socketPath));
    QTRY_COMPARE(f.server->connectionCount(), 1);
    f.server->close();
    QVERIFY(!QFileInfo::exists(f.socketPath));
    QCOMPARE(f.server->connectionCount(), 0);
    QVERIFY(client.waitForEnd());
    // And it can listen again.
    QVERIFY(f.listen());
}

void TestAdminServer::unauthorizedPeerIsRefused() {
    if (::geteuid() != 0)
        QSKIP("needs root to connect as another user");
    constexpr uid_t nobody = 65534;
    Fixture f;
    f.server->setAdminGroup(u"no-such-group-mailstead-test"_s);
    QVERIFY(f.listen());
    // Let nobody reach the socket, so that only the credential check stops it.
    QCOMPARE(::chmod(QFile::encodeName(f.dir.path()).constData(), 0755), 0);
    QCOMPARE(::chmod(QFile::encodeName(f.dir.filePath(u"run"_s)).constData(), 0755), 0);
    QCOMPARE(::chmod(QFile::encodeName(f.socketPath).constData(), 0666), 0);

    const QByteArray path = QFile::encodeName(f.socketPath);
    const QByteArray request =
        R"({"jsonrpc":"2.0","id":1,"method":"domain.add","params":{"name":"evil.test"}})"
        "\n";
    int pipeFds[2];
    QCOMPARE(::pipe(pipeFds), 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        // Only async-signal-safe calls from here on.
        ::close(pipeFds[0]);
        if (::setgroups(0, nullptr) != 0 || ::setgid(nobody) != 0 || ::setuid(nobody) != 0)
            ::_exit(2);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
        if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0)
            ::_exit(3);
        if (::write(fd, request.constData(), size_t(request.size())) != request.size())
            ::_exit(4);
        char buffer[4096];
        ssize_t n;
        while ((n = ::read(fd, buffer, sizeof(buffer))) > 0) {
            if (::write(pipeFds[1], buffer, size_t(n)) != n)
                ::_exit(5);
        }
        ::_exit(n == 0 ? 0 : 6); // 0: the server ended the stream cleanly
    }
    ::close(pipeFds[1]);
    int status = -1;
    QVERIFY(
        QTest::qWaitFor([&] { return ::waitpid(child, &status, WNOHANG) == child; }, timeoutMs));
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
    QByteArray received;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(pipeFds[0], buffer, sizeof(buffer))) > 0)
        received.append(buffer, n);
    ::close(pipeFds[0]);

    QVERIFY(received.endsWith('\n'));
    QCOMPARE(received.count('\n'), 1);
    const QJsonObject reply = QJsonDocument::fromJson(received).object();
    QCOMPARE(errorCode(reply), -32002);
    QVERIFY(reply.value(u"id"_s).isNull());
    const QString message = reply.value(u"error"_s).toObject().value(u"message"_s).toString();
    const QString name =
        QString::fromLocal8Bit(::getpwuid(nobody) ? ::getpwuid(nobody)->pw_name : "65534");
    QCOMPARE(
        message,
        u"user "_s + name +
            u" (uid 65534) may not administer mailsteadd; ask to be added to group no-such-group-mailstead-test"_s);
    QCOMPARE(f.server->connectionCount(), 0);

    // The request was never run.
    Client admin;
    QVERIFY(admin.connectTo(f.socketPath));
    QCOMPARE(
        admin.call(u"domain.list"_s).value(u"result"_s).toObject().value(u"domains"_s).toArray(),
        QJsonArray());
}

QTEST_GUILESS_MAIN(TestAdminServer)
#include "tst_adminserver.moc"
