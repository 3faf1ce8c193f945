// tst_peercredentials.cpp - the admin access rule and SO_PEERCRED on a real socket pair
#include "admin/PeerCredentials.h"

#include <grp.h>
#include <pwd.h>
#include <QTest>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using mailstead::admin::PeerCredentials;

Q_DECLARE_METATYPE(std::optional<gid_t>)

class TestPeerCredentials : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void isAuthorized_data();
    void isAuthorized();
    void readsOwnCredentials();
    void badDescriptor();
    void lookupGroupId();
};

void TestPeerCredentials::isAuthorized_data() {
    QTest::addColumn<uint>("uid");
    QTest::addColumn<uint>("gid");
    QTest::addColumn<QList<gid_t>>("groups");
    QTest::addColumn<uint>("daemonUid");
    QTest::addColumn<std::optional<gid_t>>("adminGid");
    QTest::addColumn<bool>("allowed");

    const std::optional<gid_t> noGroup;
    const std::optional<gid_t> admins = gid_t(990);
    QTest::newRow("root, daemon unprivileged")
        << 0u << 0u << QList<gid_t>{} << 1000u << noGroup << true;
    QTest::newRow("root, daemon root") << 0u << 0u << QList<gid_t>{} << 0u << admins << true;
    QTest::newRow("daemon's own user")
        << 1000u << 1000u << QList<gid_t>{} << 1000u << noGroup << true;
    QTest::newRow("stranger, no admin group")
        << 1001u << 1001u << QList<gid_t>{} << 1000u << noGroup << false;
    QTest::newRow("stranger, not a member")
        << 1001u << 1001u << QList<gid_t>{100, 27} << 0u << admins << false;
    QTest::newRow("admin group primary") << 1001u << 990u << QList<gid_t>{} << 0u << admins << true;
    QTest::newRow("admin group supplementary")
        << 1001u << 1001u << QList<gid_t>{27, 990} << 0u << admins << true;
    QTest::newRow("member, but group unknown")
        << 1001u << 990u << QList<gid_t>{990} << 0u << noGroup << false;
    QTest::newRow("gid 0 is not root")
        << 1001u << 0u << QList<gid_t>{0} << 1000u << noGroup << false;
    QTest::newRow("root group as admin group")
        << 1001u << 1001u << QList<gid_t>{0} << 1000u << std::optional<gid_t>(0) << true;
}

void TestPeerCredentials::isAuthorized() {
    QFETCH(uint, uid);
    QFETCH(uint, gid);
    QFETCH(QList<gid_t>, groups);
    QFETCH(uint, daemonUid);
    QFETCH(std::optional<gid_t>, adminGid);
    QFETCH(bool, allowed);

    PeerCredentials peer;
    peer.uid = uid;
    peer.gid = gid;
    peer.pid = 4242;
    peer.groups = groups;
    QCOMPARE(mailstead::admin::isAuthorized(peer, daemonUid, adminGid), allowed);
}

void TestPeerCredentials::readsOwnCredentials() {
    int fds[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    QString error;
    const std::optional<PeerCredentials> peer =
        mailstead::admin::readPeerCredentials(fds[0], &error);
    ::close(fds[0]);
    ::close(fds[1]);
    QVERIFY2(peer.has_value(), qPrintable(error));
    QCOMPARE(peer->uid, ::geteuid());
    QCOMPARE(peer->gid, ::getegid());
    QCOMPARE(peer->pid, ::getpid());

    const passwd *entry = ::getpwuid(::geteuid());
    if (entry)
        QCOMPARE(peer->userName, QString::fromLocal8Bit(entry->pw_name));

    // The kernel's list is our supplementary groups.
    const int count = ::getgroups(0, nullptr);
    QVERIFY(count >= 0);
    QList<gid_t> own(count);
    QCOMPARE(::getgroups(count, own.data()), count);
    QList<gid_t> read = peer->groups;
    std::sort(own.begin(), own.end());
    std::sort(read.begin(), read.end());
    QCOMPARE(read, own);
}

void TestPeerCredentials::badDescriptor() {
    QString error;
    QVERIFY(!mailstead::admin::readPeerCredentials(-1, &error).has_value());
    QVERIFY(error.startsWith(u"cannot read peer credentials"_s));

    // A descriptor that is not a socket.
    int pipeFds[2];
    QCOMPARE(::pipe(pipeFds), 0);
    QVERIFY(!mailstead::admin::readPeerCredentials(pipeFds[0]).has_value());
    ::close(pipeFds[0]);
    ::close(pipeFds[1]);
}

void TestPeerCredentials::lookupGroupId() {
    const group *own = ::getgrgid(::getegid());
    QVERIFY(own);
    QCOMPARE(mailstead::admin::lookupGroupId(QString::fromLocal8Bit(own->gr_name)),
             std::optional<gid_t>(::getegid()));
    QCOMPARE(mailstead::admin::lookupGroupId(u"no-such-group-mailstead-test"_s), std::nullopt);
    QCOMPARE(mailstead::admin::lookupGroupId(QString()), std::nullopt);
}

QTEST_GUILESS_MAIN(TestPeerCredentials)
#include "tst_peercredentials.moc"
