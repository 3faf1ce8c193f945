"""mailsteadd as a process: command line, config checks, locking, signals,
systemd notification, local mode, crash safety of config.db."""

import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest

from mailstead_harness import (MAILSTEADD, SOURCE_DIR, Daemon, DaemonTestCase, free_config,
                               tool)


def run_daemon(*args, env=None, timeout=60):
    return subprocess.run([MAILSTEADD] + list(args), capture_output=True, text=True,
                          env=env, timeout=timeout)


class CommandLineTests(unittest.TestCase):
    def test_help_and_version(self):
        r = run_daemon("--help")
        self.assertEqual(r.returncode, 0)
        for option in ["--config", "--check-config", "--version"]:
            self.assertIn(option, r.stdout)
        r = run_daemon("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout.strip(), r"^mailsteadd \d+\.\d+\.\d+$")

    def test_unknown_option_is_a_usage_error(self):
        r = run_daemon("--frobnicate")
        self.assertEqual(r.returncode, 2)
        self.assertIn("frobnicate", r.stderr)

    def test_check_config_accepts_the_sample(self):
        sample = os.path.join(SOURCE_DIR, "resources", "mailsteadd.conf.sample")
        r = run_daemon("--config", sample, "--check-config")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_check_config_names_every_bad_key(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.conf")
            with open(path, "w") as f:
                f.write("[general]\nhostname = not a host name\nhostnmae = x\ndata_dir = relative/dir\n"
                        "[listen]\nsmtp = 0.0.0.0:99999\nimap = nonsense\n"
                        "[queue]\nremote_port = 0\n[dns]\nservers = 300.1.1.1\n"
                        "[log]\nlevel = chatty\n[colours]\nred = 1\nthis line is junk\n")
            r = run_daemon("--config", path, "--check-config")
            self.assertNotEqual(r.returncode, 0)
            for needle in ["hostname", "hostnmae", "data_dir", "smtp", "imap", "remote_port",
                           "servers", "level", "colours", "line 16"]:
                self.assertIn(needle, r.stderr, "missing %r in:\n%s" % (needle, r.stderr))

    def test_missing_config_file(self):
        r = run_daemon("--config", "/nonexistent/mailsteadd.conf")
        self.assertEqual(r.returncode, 1)
        self.assertIn("/nonexistent/mailsteadd.conf", r.stderr)


class LockTests(DaemonTestCase):
    def test_second_daemon_on_same_data_dir_refuses(self):
        other_tmp = tempfile.mkdtemp(prefix="mailstead-e2e-")
        data_dir = os.path.join(self.daemon.tmp, "data")
        second = Daemon(tmp=other_tmp, general={"hostname": "mail.example.test", "data_dir": data_dir})
        self.addCleanup(second.cleanup)
        second.owns_tmp = True
        second.start(expect_ready=False)
        self.assertEqual(second.wait(30), 1)
        err = second.stderr()
        self.assertIn(data_dir, err)
        self.assertIn(str(self.daemon.proc.pid), err)
        # The first one is unharmed.
        self.assertEqual(self.daemon.ctl("status").returncode, 0)

    def test_second_daemon_on_same_socket_refuses(self):
        other_tmp = tempfile.mkdtemp(prefix="mailstead-e2e-")
        second = Daemon(tmp=other_tmp, admin={"socket": self.daemon.socket})
        second.owns_tmp = True
        self.addCleanup(second.cleanup)
        second.start(expect_ready=False)
        self.assertEqual(second.wait(30), 1)
        self.assertIn(self.daemon.socket, second.stderr())
        self.assertEqual(self.daemon.ctl("status").returncode, 0)


class SignalTests(DaemonTestCase):
    def test_sigterm_stops_gracefully(self):
        self.daemon.rpc("domain.add", {"name": "kept.test"})
        self.daemon.signal(signal.SIGTERM)
        self.assertEqual(self.daemon.wait(30), 0)
        self.assertFalse(os.path.exists(self.daemon.socket))
        # Restart on the same directory: state is there, the lock was released.
        again = Daemon(tmp=self.daemon.tmp, config_text=False).start()
        try:
            self.assertEqual([d["name"] for d in again.rpc("domain.list")["domains"]], ["kept.test"])
        finally:
            again.stop()

    def test_sighup_reloads_listeners_without_dropping_connections(self):
        status = self.daemon.rpc("system.status")
        smtp_before = [l for l in status["listeners"] if l["service"] == "smtp"]
        self.assertEqual(len(smtp_before), 1)
        held = self.daemon.connect()  # an admin connection survives the reload
        self.addCleanup(held.close)
        with open(self.daemon.config_path) as f:
            text = f.read()
        with open(self.daemon.config_path, "w") as f:
            f.write(text.replace("smtp = 127.0.0.1:0", "smtp = 127.0.0.1:0 127.0.0.1:0")
                        .replace("pop3 = 127.0.0.1:0", "pop3 ="))
        self.daemon.signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while True:
            status = held.call("system.status")
            smtp = [l for l in status["listeners"] if l["service"] == "smtp"]
            if len(smtp) == 2 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.assertEqual(len(smtp), 2)
        self.assertIn(smtp_before[0]["port"], [l["port"] for l in smtp])
        self.assertNotIn("pop3", [l["service"] for l in status["listeners"]])

    def test_sighup_with_a_broken_config_keeps_running(self):
        with open(self.daemon.config_path, "a") as f:
            f.write("\n[log]\nlevel = shouting\n")
        self.daemon.signal(signal.SIGHUP)
        time.sleep(1)
        self.assertIsNone(self.daemon.proc.poll())
        self.assertEqual(self.daemon.ctl("status").returncode, 0)
        self.assertIn("level", self.daemon.stderr())


class ListenerTests(DaemonTestCase):
    def test_port_zero_listeners_are_real(self):
        status = self.daemon.rpc("system.status")
        for l in status["listeners"]:
            with socket.create_connection(("127.0.0.1", l["port"]), timeout=10):
                pass

    def test_submission_listener_is_an_smtp_server(self):
        # Submission is served (tests/e2e/test_submission.py): it greets
        # with 220 and wants a login before MAIL (RFC 6409 section 4.2).
        port = [l["port"] for l in self.daemon.rpc("system.status")["listeners"]
                if l["service"] == "submission"][0]
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            f = s.makefile("rwb")
            greeting = f.readline()
            self.assertTrue(greeting.startswith(b"220 "), greeting)
            f.write(b"HELO client.example.test\r\nMAIL FROM:<a@example.test>\r\nQUIT\r\n")
            f.flush()
            self.assertTrue(f.readline().startswith(b"250"))
            self.assertTrue(f.readline().startswith(b"530 5.7.0"))
            self.assertTrue(f.readline().startswith(b"221"))

    def test_port_in_use_is_a_clear_error(self):
        busy = socket.socket()
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        self.addCleanup(busy.close)
        port = busy.getsockname()[1]
        other = Daemon(listen={"smtp": "127.0.0.1:%d" % port})
        self.addCleanup(other.cleanup)
        other.start(expect_ready=False)
        self.assertEqual(other.wait(30), 1)
        self.assertIn(str(port), other.stderr())
        self.assertIn("smtp", other.stderr())


class SystemdNotifyTests(unittest.TestCase):
    def test_ready_watchdog_and_stopping(self):
        tmp = tempfile.mkdtemp(prefix="mailstead-e2e-")
        path = os.path.join(tmp, "notify.sock")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)
        sock.settimeout(30)
        messages = []
        daemon = Daemon(tmp=tmp, env={"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "400000"})
        daemon.owns_tmp = True
        self.addCleanup(daemon.cleanup)
        self.addCleanup(sock.close)
        daemon.start()

        def collect(until, deadline):
            while time.monotonic() < deadline:
                try:
                    messages.extend(sock.recv(4096).decode().split("\n"))
                except socket.timeout:
                    break
                if any(m.startswith(until) for m in messages):
                    return True
            return False

        self.assertTrue(collect("READY=1", time.monotonic() + 30), messages)
        self.assertTrue(collect("WATCHDOG=1", time.monotonic() + 5), messages)
        daemon.signal(signal.SIGTERM)
        self.assertTrue(collect("STOPPING=1", time.monotonic() + 30), messages)
        self.assertEqual(daemon.wait(30), 0)


class LocalModeTests(unittest.TestCase):
    PORTS = [10025, 10587, 10465, 10143, 10993, 10110, 10995, 10080, 10443]

    def test_local_mode_defaults(self):
        for port in self.PORTS:
            s = socket.socket()
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                self.skipTest("port %d is in use on this machine" % port)
            finally:
                s.close()
        tmp = tempfile.mkdtemp(prefix="mailstead-local-")
        runtime = os.path.join(tmp, "runtime")
        os.mkdir(runtime, 0o700)
        env = {"HOME": tmp, "XDG_DATA_HOME": os.path.join(tmp, "data"),
               "XDG_RUNTIME_DIR": runtime}
        daemon = Daemon(tmp=tmp, config_text=False, env=env, args=[])
        daemon.owns_tmp = True
        daemon.socket = os.path.join(runtime, "mailstead", "admin.sock")
        self.addCleanup(daemon.cleanup)
        if os.geteuid() == 0:
            # Local mode is for users; as root the installed defaults apply.
            # Run as nobody in a directory it owns to see the real thing.
            os.chown(tmp, 65534, 65534)
            os.chown(runtime, 65534, 65534)
            os.chmod(tmp, 0o755)
            daemon.args = []
            from mailstead_harness import MAILSTEADD as binary
            daemon.proc = None
            cmd_prefix = [tool("setpriv"), "--reuid=65534", "--regid=65534", "--clear-groups"]
            daemon.stderr_path = os.path.join(tmp, "stderr")
            daemon._stderr = open(daemon.stderr_path, "ab")
            daemon.proc = subprocess.Popen(cmd_prefix + [binary], stdout=subprocess.PIPE,
                                           stderr=daemon._stderr, env=daemon.env)
            threading.Thread(target=daemon._read_stdout, daemon=True).start()
            if not daemon._ready.wait(30):
                self.fail("local-mode daemon not ready:\n" + daemon.stderr())
        else:
            daemon.start()
        self.assertEqual(daemon.socket, os.path.join(runtime, "mailstead", "admin.sock"))
        printed = "\n".join(daemon.stdout_lines)
        for port in self.PORTS:
            self.assertIn("127.0.0.1:%d" % port, printed)
        status = daemon.rpc("system.status")
        self.assertTrue(status["local_mode"])
        self.assertEqual(status["data_dir"], os.path.join(tmp, "data", "mailstead"))
        self.assertEqual(sorted(l["port"] for l in status["listeners"]), sorted(self.PORTS))
        self.assertTrue(os.path.exists(os.path.join(tmp, "data", "mailstead", "config.db")))

    def test_local_flag(self):
        """--local chooses local mode whoever runs the daemon."""
        for port in self.PORTS:
            s = socket.socket()
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                self.skipTest("port %d is in use on this machine" % port)
            finally:
                s.close()
        tmp = tempfile.mkdtemp(prefix="mailstead-local-")
        runtime = os.path.join(tmp, "runtime")
        os.mkdir(runtime, 0o700)
        env = {"HOME": tmp, "XDG_DATA_HOME": os.path.join(tmp, "data"),
               "XDG_RUNTIME_DIR": runtime}
        daemon = Daemon(tmp=tmp, config_text=False, env=env, args=["--local"])
        daemon.owns_tmp = True
        self.addCleanup(daemon.cleanup)
        daemon.start()
        status = daemon.rpc("system.status")
        self.assertTrue(status["local_mode"])
        self.assertEqual(status["socket"], os.path.join(runtime, "mailstead", "admin.sock"))
        r = run_daemon("--local", "--config", "/dev/null")
        self.assertEqual(r.returncode, 2)


class CrashSafetyTests(unittest.TestCase):
    def test_kill9_loses_no_acknowledged_change(self):
        daemon = Daemon().start()
        self.addCleanup(daemon.cleanup)
        acknowledged = []
        stop = threading.Event()

        def writer():
            conn = daemon.connect()
            i = 0
            try:
                while not stop.is_set():
                    name = "d%05d.test" % i
                    reply = conn.request("domain.add", {"name": name})
                    if reply is None:
                        return
                    if "result" in reply:
                        acknowledged.append(name)
                    i += 1
            except OSError:
                return

        threads = [threading.Thread(target=writer) for _ in range(1)]
        for t in threads:
            t.start()
        time.sleep(1.5)
        daemon.kill9()
        stop.set()
        for t in threads:
            t.join(10)
        self.assertGreater(len(acknowledged), 10)
        again = Daemon(tmp=daemon.tmp, config_text=False).start()
        self.addCleanup(again.stop)
        names = {d["name"] for d in again.rpc("domain.list")["domains"]}
        missing = [n for n in acknowledged if n not in names]
        self.assertEqual(missing, [])


if __name__ == "__main__":
    unittest.main()
