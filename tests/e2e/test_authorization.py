"""Who may administer the daemon: SO_PEERCRED checks with real other users.

Runs mailsteadctl as `nobody` through setpriv (needs root, as CI has)."""

import grp
import os
import stat
import unittest

from mailstead_harness import Daemon, DaemonTestCase, tool

NOBODY = 65534


def as_nobody(*groups):
    cmd = [tool("setpriv"), "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY]
    if groups:
        cmd.append("--groups=" + ",".join(str(g) for g in groups))
    else:
        cmd.append("--clear-groups")
    return cmd


def open_path(path):
    """Lets other users traverse every directory up to path."""
    d = os.path.dirname(path)
    while d not in ("/", ""):
        mode = os.stat(d).st_mode
        os.chmod(d, mode | stat.S_IXOTH | stat.S_IXGRP)
        d = os.path.dirname(d)


@unittest.skipUnless(os.geteuid() == 0, "needs root to switch users")
class AuthorizationTests(DaemonTestCase):
    def test_socket_mode_is_0660(self):
        mode = stat.S_IMODE(os.stat(self.daemon.socket).st_mode)
        self.assertEqual(mode, 0o660)

    def test_other_user_cannot_open_the_socket(self):
        open_path(self.daemon.socket)
        r = self.daemon.ctl("domain", "list", prefix=as_nobody())
        self.assertEqual(r.returncode, 3, r.stdout + r.stderr)

    def test_other_user_is_refused_by_peer_credentials_and_disconnected(self):
        open_path(self.daemon.socket)
        os.chmod(self.daemon.socket, 0o666)  # get past the file mode to reach the check
        r = self.daemon.ctl("domain", "add", "evil.test", prefix=as_nobody())
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("nobody", r.stderr)
        self.assertIn("may not administer", r.stderr)
        # Nothing happened, and the daemon still serves its admins.
        self.assertEqual(self.daemon.ctl_json("domain", "list")["domains"], [])
        self.assertIn("unauthorized", self.daemon.stderr().lower())


@unittest.skipUnless(os.geteuid() == 0, "needs root to switch users")
class AdminGroupTests(unittest.TestCase):
    def setUp(self):
        try:
            self.group = grp.getgrnam("users")
        except KeyError:
            self.skipTest("no group 'users' on this machine")
        self.daemon = Daemon(admin={"group": "users"}).start()
        self.addCleanup(self.daemon.cleanup)
        open_path(self.daemon.socket)

    def test_members_of_the_admin_group_may_administer(self):
        st = os.stat(self.daemon.socket)
        self.assertEqual(st.st_gid, self.group.gr_gid)
        r = self.daemon.ctl("domain", "add", "group.test", prefix=as_nobody(self.group.gr_gid))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual([d["name"] for d in self.daemon.ctl_json("domain", "list")["domains"]],
                         ["group.test"])

    def test_non_members_still_cannot(self):
        os.chmod(self.daemon.socket, 0o666)
        r = self.daemon.ctl("domain", "list", prefix=as_nobody())
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)


if __name__ == "__main__":
    unittest.main()
