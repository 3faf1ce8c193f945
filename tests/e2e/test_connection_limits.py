"""[general] max_connections and max_connections_per_ip: the limits over all
services at once, against a real mailsteadd.

Each service has its own limits ([smtp], [imap], [pop3], [http]); the
general ones are the backstop above them: with max_connections = 3, three
connections held on three different services leave no room for a fourth on
any service, and the first freed slot serves again. The daemon raises its
open-file limit to fit, read back from /proc.
"""

import resource
import socket
import time
import unittest

from mailstead_harness import Daemon, DaemonTestCase


def greeting(port, timeout=10):
    """The first bytes a service sends, b"" when it closes at once."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            return s.recv(1024)
        except ConnectionResetError:
            return b""


class GeneralConnectionLimitTests(DaemonTestCase):
    daemon_sections = {"general": {"max_connections": "3", "max_connections_per_ip": "3"}}

    def setUp(self):
        super().setUp()
        self.ports = {}
        for listener in self.daemon.rpc("system.status")["listeners"]:
            self.ports.setdefault(listener["service"], listener["port"])

    def test_total_over_all_services(self):
        held = []
        try:
            for service in ("smtp", "imap", "pop3"):
                s = socket.create_connection(("127.0.0.1", self.ports[service]), timeout=10)
                held.append(s)
                self.assertTrue(s.recv(1024).startswith((b"220", b"* OK", b"+OK")), service)
            # The fourth, on any service, is refused: plaintext services
            # say why in their protocol, implicit TLS closes without a byte.
            refusals = {"smtp": b"421 4.7.0 ", "submission": b"421 4.7.0 ",
                        "imap": b"* BYE ", "pop3": b"-ERR ", "imaps": b""}
            for service, start in refusals.items():
                answer = greeting(self.ports[service])
                self.assertTrue(answer.startswith(start), (service, answer))
                if start:
                    self.assertIn(b"oo many connections", answer, service)
                else:
                    self.assertEqual(answer, b"", service)
        finally:
            for s in held:
                s.close()
        deadline = time.monotonic() + 10
        answer = b""
        while not answer.startswith(b"220") and time.monotonic() < deadline:
            answer = greeting(self.ports["smtp"])
            time.sleep(0.1)
        self.assertTrue(answer.startswith(b"220"), answer)

    def test_open_file_limit_fits(self):
        # 3 connections need far less than the 1024 kept aside: the soft
        # limit the daemon runs with is at least that.
        with open("/proc/%d/limits" % self.daemon.proc.pid) as f:
            line = next(l for l in f if l.startswith("Max open files"))
        soft = line.split()[3]
        self.assertTrue(soft == "unlimited" or int(soft) >= 1027, line)


class GeneralConnectionLimitConfigTests(unittest.TestCase):
    def test_bad_value_is_refused_by_name(self):
        daemon = Daemon(general={"max_connections": "0"})
        try:
            daemon.start(expect_ready=False)
            daemon.proc.wait(timeout=30)
            self.assertNotEqual(daemon.proc.returncode, 0)
            with open(daemon.stderr_path) as f:
                err = f.read()
            self.assertIn("[general] max_connections", err)
            self.assertIn("must be a whole number 1..1000000", err)
        finally:
            daemon.cleanup()

    def test_open_file_limit_is_raised_for_many_connections(self):
        # A soft limit of 1024 (systemd's default) with max_connections
        # 4000: the daemon raises its soft limit to 5024 (the hard limit
        # allows it), as a service under systemd must.
        hard = 0
        with open("/proc/self/limits") as f:
            for l in f:
                if l.startswith("Max open files"):
                    hard = l.split()[4]
        wanted = 4000 + 1024
        if hard != "unlimited" and int(hard) < wanted:
            self.fail("this test needs a hard open-file limit of at least %d (ulimit -Hn), not %s"
                      % (wanted, hard))
        daemon = Daemon(general={"max_connections": "4000"})
        old = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (1024, old[1]))
        try:
            daemon.start()
        finally:
            resource.setrlimit(resource.RLIMIT_NOFILE, old)
        try:
            with open("/proc/%d/limits" % daemon.proc.pid) as f:
                line = next(l for l in f if l.startswith("Max open files"))
            self.assertEqual(int(line.split()[3]), wanted, line)
        finally:
            daemon.cleanup()


if __name__ == "__main__":
    unittest.main()
