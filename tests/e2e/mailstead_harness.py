"""Start a real mailsteadd for end-to-end tests and talk to it.

Every daemon gets its own temporary directory (config file, data directory,
admin socket) and binds port 0 on 127.0.0.1 for every listener, so tests run
in parallel. The binaries come from $MAILSTEADD and $MAILSTEADCTL (set by
CTest).
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest

MAILSTEADD = os.environ.get("MAILSTEADD", "mailsteadd")
MAILSTEADCTL = os.environ.get("MAILSTEADCTL", "mailsteadctl")
SOURCE_DIR = os.environ.get(
    "MAILSTEAD_SOURCE_DIR",
    os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

SERVICES = ["smtp", "submission", "submissions", "imap", "imaps",
            "pop3", "pop3s", "http", "https"]

START_TIMEOUT = 30


def free_config(tmp, **sections):
    """Config text with every listener on 127.0.0.1:0 under tmp."""
    conf = {
        "general": {"hostname": "mail.example.test",
                    "data_dir": os.path.join(tmp, "data")},
        "listen": {s: "127.0.0.1:0" for s in SERVICES},
        "admin": {"socket": os.path.join(tmp, "run", "admin.sock")},
        "log": {"level": "debug"},
    }
    for section, values in sections.items():
        conf.setdefault(section, {}).update(values)
    lines = []
    for section, values in conf.items():
        lines.append("[%s]" % section)
        for key, value in values.items():
            lines.append("%s = %s" % (key, value))
        lines.append("")
    return "\n".join(lines)


class Daemon:
    """One mailsteadd process on a temporary directory."""

    def __init__(self, tmp=None, config_text=None, env=None, args=None, **sections):
        self.owns_tmp = tmp is None
        self.tmp = tmp or tempfile.mkdtemp(prefix="mailstead-e2e-")
        self.config_path = os.path.join(self.tmp, "mailsteadd.conf")
        if config_text is None:
            config_text = free_config(self.tmp, **sections)
        if config_text is not False:
            with open(self.config_path, "w") as f:
                f.write(config_text)
        self.socket = os.path.join(self.tmp, "run", "admin.sock")
        self.env = dict(os.environ)
        self.env.pop("MAILSTEAD_SOCKET", None)
        self.env.pop("NOTIFY_SOCKET", None)
        if env:
            self.env.update(env)
        self.args = args if args is not None else ["--config", self.config_path]
        self.proc = None
        self.stdout_lines = []
        self.stderr_path = os.path.join(self.tmp, "mailsteadd.stderr")
        self._ready = threading.Event()

    # -- process -------------------------------------------------------
    def start(self, expect_ready=True):
        self._ready.clear()   # a restart waits for the new process
        self._stderr = open(self.stderr_path, "ab")
        self.proc = subprocess.Popen([MAILSTEADD] + self.args, stdout=subprocess.PIPE,
                                     stderr=self._stderr, env=self.env)
        threading.Thread(target=self._read_stdout, daemon=True).start()
        if expect_ready:
            deadline = time.monotonic() + START_TIMEOUT
            while not self._ready.wait(0.05):
                if self.proc.poll() is not None:
                    raise AssertionError("mailsteadd exited with %s:\n%s"
                                         % (self.proc.returncode, self.stderr()))
                if time.monotonic() > deadline:
                    raise AssertionError("mailsteadd not ready in %ss:\n%s"
                                         % (START_TIMEOUT, self.stderr()))
        return self

    def _read_stdout(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.stdout_lines.append(line)
            if line == "mailsteadd: ready":
                self._ready.set()
            elif line.startswith("mailsteadd: admin socket "):
                self.socket = line[len("mailsteadd: admin socket "):]

    def wait(self, timeout=30):
        return self.proc.wait(timeout)

    def signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self, timeout=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "_stderr", None):
            self._stderr.close()
            self._stderr = None

    def kill9(self):
        self.proc.kill()
        self.proc.wait()

    def cleanup(self):
        self.stop()
        if self.owns_tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def stderr(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    # -- clients -------------------------------------------------------
    def ctl(self, *args, stdin=None, json_output=False, env=None, prefix=None):
        """Runs mailsteadctl; returns CompletedProcess (text)."""
        cmd = list(prefix or []) + [MAILSTEADCTL, "--socket", self.socket]
        if json_output:
            cmd.append("--json")
        cmd += list(args)
        run_env = dict(self.env)
        if env:
            run_env.update(env)
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True,
                              env=run_env, timeout=60)

    def ctl_json(self, *args, stdin=None):
        r = self.ctl(*args, stdin=stdin, json_output=True)
        if r.returncode != 0:
            raise AssertionError("mailsteadctl %s failed (%d): %s"
                                 % (" ".join(args), r.returncode, r.stderr))
        return json.loads(r.stdout) if r.stdout.strip() else None

    def connect(self):
        return IpcConnection(self.socket)

    def rpc(self, method, params=None):
        with self.connect() as c:
            return c.call(method, params)


class IpcConnection:
    """A raw JSON-RPC connection to the admin socket."""

    def __init__(self, path, timeout=30):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buf = b""
        self.next_id = 1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.sock.close()

    def send_raw(self, data):
        self.sock.sendall(data)

    def read_message(self):
        """Next JSON object from the server, or None at end of stream."""
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def request(self, method, params=None):
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        self.next_id += 1
        if params is not None:
            msg["params"] = params
        self.send_raw(json.dumps(msg).encode() + b"\n")
        return self.read_message()

    def call(self, method, params=None):
        reply = self.request(method, params)
        if reply is None:
            raise AssertionError("connection closed on %s" % method)
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply["result"]


class RpcError(Exception):
    def __init__(self, error):
        super().__init__("%s: %s" % (error.get("code"), error.get("message")))
        self.code = error.get("code")
        self.message = error.get("message")
        self.data = error.get("data") or {}


class DaemonTestCase(unittest.TestCase):
    """A test case with one running daemon in self.daemon."""

    daemon_sections = {}

    def setUp(self):
        self.daemon = Daemon(**self.daemon_sections).start()
        self.addCleanup(self.daemon.cleanup)

    def assertCtlOk(self, *args, stdin=None):
        r = self.daemon.ctl(*args, stdin=stdin)
        self.assertEqual(r.returncode, 0, "mailsteadctl %s: %s%s" % (" ".join(args), r.stdout, r.stderr))
        return r.stdout

    def assertCtlFails(self, code, *args, stdin=None, message=None):
        r = self.daemon.ctl(*args, stdin=stdin)
        self.assertEqual(r.returncode, code, "mailsteadctl %s: %s%s" % (" ".join(args), r.stdout, r.stderr))
        if message is not None:
            self.assertIn(message, r.stderr)
        return r.stderr


def tool(name):
    """Path of an external tool, or skip the test when it is missing."""
    path = shutil.which(name)
    if not path:
        if os.environ.get("CI"):
            raise AssertionError("%s is not installed; installers/dev/setup.sh must install it" % name)
        raise unittest.SkipTest("%s is not installed (installers/dev/setup.sh installs it)" % name)
    return path
