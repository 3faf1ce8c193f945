#!/usr/bin/env python3
"""SMTP flood benchmark: mailsteadd against Postfix + Dovecot LMTP.

Run through tests/bench/smtp_flood.sh; see tests/bench/README.md. Python 3
standard library only. Needs root (Postfix's master runs as root) and the
Debian packages postfix (smtp-source, the peer's MTA), dovecot-core and
dovecot-lmtpd.

For each load and each server, a fresh server instance in a fresh temporary
directory receives N messages from `smtp-source` over S parallel sessions on
127.0.0.1. The clock runs from the start of smtp-source until smtp-source has
exited and all N messages are files in the mailbox's Maildir (new/ + cur/):
delivered, not just accepted. CPU is the server's cgroup usage (or, without
cgroups, its process tree including reaped children) over the same interval;
memory is sampled from /proc while the load runs.

Not a test: it prints figures and ratios, it asserts no speed.
"""

import argparse
import json
import os
import pwd
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

SENDER = "sender@client.test"
RECIPIENT = "user@bench.test"
DOMAIN = "bench.test"
MAILSTEAD_SERVICES = ["smtp", "submission", "submissions", "imap", "imaps",
                      "pop3", "pop3s", "http", "https"]
POSTFIX_MASTER = "/usr/lib/postfix/sbin/master"
DOVECOT_LMTP = "/usr/lib/dovecot/lmtp"

START_TIMEOUT = 30      # a server must be ready within this
STOP_TIMEOUT = 20       # a server must exit within this after SIGTERM
STALL_TIMEOUT = 60      # give up when no message arrives for this long


def say(text):
    print("smtp_flood: " + text, file=sys.stderr, flush=True)


class Unavailable(Exception):
    """This server cannot be measured on this machine (not an error of the run)."""


class RunError(Exception):
    """A measurement went wrong."""


# --------------------------------------------------------------------------
# small helpers

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def smtp_greeting(port, timeout=10.0):
    """The server's greeting line, after which we say QUIT; None if no answer."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.settimeout(timeout)
            data = b""
            deadline = time.monotonic() + timeout
            while b"\n" not in data and time.monotonic() < deadline:
                chunk = s.recv(1024)
                if not chunk:
                    break
                data += chunk
            try:
                s.sendall(b"QUIT\r\n")
                s.recv(1024)
            except OSError:
                pass
            line = data.split(b"\n", 1)[0].decode("latin-1").strip()
            return line or None
    except OSError:
        return None


def wait_until(predicate, timeout, what, proc=None, interval=0.05):
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return
        if proc is not None and proc.poll() is not None:
            raise RunError("%s: process exited with status %s" % (what, proc.returncode))
        if time.monotonic() > deadline:
            raise RunError("%s: not done within %ss" % (what, timeout))
        time.sleep(interval)


def fill_template(name, values):
    with open(os.path.join(HERE, name)) as f:
        text = f.read()
    for key, value in values.items():
        text = text.replace("@@%s@@" % key, str(value))
    left = re.findall(r"@@[A-Z_]+@@", text)
    if left:
        raise RunError("template %s: unfilled placeholder %s" % (name, left[0]))
    return text


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def tail(path, lines=15):
    try:
        with open(path, "rb") as f:
            data = f.read()[-8192:].decode("utf-8", "replace")
        return "\n".join(data.splitlines()[-lines:])
    except OSError:
        return "(no %s)" % path


def read_proc_stat(pid):
    """(ppid, utime+stime+cutime+cstime in ticks) or None if the process is gone."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            data = f.read().decode("latin-1")
    except OSError:
        return None
    fields = data[data.rindex(")") + 2:].split()
    # fields[0] is field 3 (state); utime is field 14 -> index 11.
    ppid = int(fields[1])
    ticks = int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    return ppid, ticks


def read_memory(pid):
    """(VmHWM, VmRSS, Pss) in bytes for one process; zeros if gone."""
    hwm = rss = pss = 0
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) * 1024
                elif line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) * 1024
    except OSError:
        return 0, 0, 0
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass
    return hwm, rss, pss


# --------------------------------------------------------------------------
# accounting: which processes belong to a server and how much CPU they used

class CgroupAccounting:
    """A fresh cgroup holding every process of one server instance.

    cgroup v1 with the cpuacct controller (cpuacct.usage, ns) or cgroup v2
    (cpu.stat usage_usec). Counts exited processes too, so short-lived
    Postfix and Dovecot workers are included exactly.
    """

    method = "cgroup"

    def __init__(self, path, version):
        self.path = path
        self.version = version
        self.method = "cgroup v%d (%s)" % (version, "cpuacct.usage" if version == 1 else "cpu.stat")

    @classmethod
    def create(cls, name):
        if os.environ.get("SMTP_FLOOD_NO_CGROUP"):
            return None
        candidates = []
        try:
            with open("/proc/mounts") as f:
                for line in f:
                    parts = line.split()
                    if len(parts) < 4:
                        continue
                    if parts[2] == "cgroup" and "cpuacct" in parts[3].split(","):
                        candidates.append((parts[1], 1))
                    elif parts[2] == "cgroup2":
                        candidates.append((parts[1], 2))
        except OSError:
            return None
        candidates.sort(key=lambda c: c[1])     # prefer v1 cpuacct where it is mounted
        for mount, version in candidates:
            path = os.path.join(mount, name)
            try:
                os.mkdir(path)
            except OSError:
                continue
            acct = cls(path, version)
            try:
                acct.cpu_seconds()
                # prove that processes can be moved in: move a short-lived child
                probe = subprocess.Popen(acct.wrap(["sleep", "0"]))
                probe.wait(10)
                if probe.returncode != 0:
                    raise OSError("cannot move a process into %s" % path)
                return acct
            except (OSError, ValueError, subprocess.TimeoutExpired):
                acct.remove()
        return None

    def wrap(self, argv):
        """argv run inside the cgroup: the shell joins it, then execs argv."""
        return ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"',
                os.path.join(self.path, "cgroup.procs")] + list(argv)

    def cpu_seconds(self):
        if self.version == 1:
            with open(os.path.join(self.path, "cpuacct.usage")) as f:
                return int(f.read().strip()) / 1e9
        with open(os.path.join(self.path, "cpu.stat")) as f:
            for line in f:
                key, value = line.split()
                if key == "usage_usec":
                    return int(value) / 1e6
        raise ValueError("no usage_usec in cpu.stat")

    def pids(self):
        try:
            with open(os.path.join(self.path, "cgroup.procs")) as f:
                return [int(x) for x in f.read().split()]
        except OSError:
            return []

    def add_root(self, pid):
        pass

    def remove(self):
        for _ in range(50):
            try:
                os.rmdir(self.path)
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.1)
        say("could not remove cgroup %s" % self.path)


class TreeAccounting:
    """Fallback without cgroups: the process trees under the server's roots.

    CPU = sum over live processes of the trees of utime+stime+cutime+cstime:
    a process that exited was reaped by its parent and is counted in the
    parent's cutime/cstime. Lost: a process that was reparented to init
    (double fork) or whose parent ignores SIGCHLD; neither happens with
    Postfix's master, Dovecot -F or mailsteadd.
    """

    method = "process tree (/proc stat incl. reaped children)"

    def __init__(self):
        self.roots = []

    def wrap(self, argv):
        return list(argv)

    def add_root(self, pid):
        self.roots.append(pid)

    def _table(self):
        table = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                info = read_proc_stat(int(entry))
                if info:
                    table[int(entry)] = info
        return table

    def _tree(self, table):
        children = {}
        for pid, (ppid, _) in table.items():
            children.setdefault(ppid, []).append(pid)
        result, todo = [], [r for r in self.roots if r in table]
        while todo:
            pid = todo.pop()
            result.append(pid)
            todo.extend(children.get(pid, []))
        return result

    def pids(self):
        return self._tree(self._table())

    def cpu_seconds(self):
        table = self._table()
        return sum(table[p][1] for p in self._tree(table)) / CLK_TCK

    def remove(self):
        pass


def make_accounting(name):
    return CgroupAccounting.create(name) or TreeAccounting()


class MemorySampler(threading.Thread):
    """Samples the memory of a server's processes every `interval` seconds.

    peak_hwm: largest sum over the live processes of VmHWM (each process's own
    peak RSS); for a single process, its exact peak RSS. peak_pss: largest
    sampled sum of Pss (shared pages divided among the sharers), a fairer
    figure for many small processes sharing libraries, but sampled.
    """

    def __init__(self, accounting, interval=0.2):
        super().__init__(daemon=True)
        self.accounting = accounting
        self.interval = interval
        self.stop_event = threading.Event()
        self.peak_hwm = 0
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_processes = 0

    def sample(self):
        pids = self.accounting.pids()
        hwm = rss = pss = 0
        for pid in pids:
            h, r, p = read_memory(pid)
            hwm += h
            rss += r
            pss += p
        self.peak_hwm = max(self.peak_hwm, hwm)
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)
        self.peak_processes = max(self.peak_processes, len(pids))

    def run(self):
        while not self.stop_event.wait(self.interval):
            self.sample()

    def finish(self):
        self.stop_event.set()
        self.join(5)
        self.sample()


class MaildirCounter:
    """Counts message files in new/ and cur/ of one Maildir folder.

    A directory is listed again only when its mtime changed, or when its mtime
    is too recent to trust (timestamps are coarse).
    """

    def __init__(self, maildir):
        self.maildir = maildir
        self.cache = {}

    def count(self):
        total = 0
        for sub in ("new", "cur"):
            path = os.path.join(self.maildir, sub)
            try:
                mtime = os.stat(path).st_mtime_ns
            except OSError:
                continue
            cached = self.cache.get(sub)
            if cached and cached[0] == mtime and cached[2]:
                total += cached[1]
                continue
            now_ns = time.time_ns()
            try:
                n = len(os.listdir(path))
            except OSError:
                continue
            self.cache[sub] = (mtime, n, mtime < now_ns - 100_000_000)
            total += n
        return total


# --------------------------------------------------------------------------
# servers

class Server:
    name = "?"

    def __init__(self, tmp):
        self.tmp = tmp
        self.accounting = None
        self.port = None
        self.maildir = None
        self.procs = []

    def spawn(self, argv, log_name, **kwargs):
        log = open(os.path.join(self.tmp, log_name), "ab")
        kwargs.setdefault("stdout", log)
        proc = subprocess.Popen(self.accounting.wrap(argv), stdin=subprocess.DEVNULL,
                                stderr=log, start_new_session=True, **kwargs)
        log.close()
        self.procs.append(proc)
        self.accounting.add_root(proc.pid)
        return proc

    def stop(self):
        """Stops everything this instance started: roots by SIGTERM, then leftovers."""
        for proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    say("%s: pid %d ignored SIGTERM, killing it" % (self.name, proc.pid))
                    proc.kill()
                    proc.wait(10)
                except ProcessLookupError:
                    pass
        if self.accounting is not None:
            # Children that outlived their master (all of them are ours).
            deadline = time.monotonic() + 5
            while self.accounting.pids() and time.monotonic() < deadline:
                time.sleep(0.1)
            for pid in self.accounting.pids():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 5
            while self.accounting.pids() and time.monotonic() < deadline:
                time.sleep(0.1)
            self.accounting.remove()
            self.accounting = None


class Mailsteadd(Server):
    name = "mailsteadd"

    def __init__(self, tmp, build):
        super().__init__(tmp)
        self.daemon = os.path.join(build, "daemon", "mailsteadd")
        self.ctl_bin = os.path.join(build, "daemon", "ctl", "mailsteadctl")
        self.socket = os.path.join(tmp, "admin.sock")
        self.data = os.path.join(tmp, "data")
        self.ready = threading.Event()
        self.stdout_lines = []

    @staticmethod
    def check(build):
        for path in (os.path.join(build, "daemon", "mailsteadd"),
                     os.path.join(build, "daemon", "ctl", "mailsteadctl")):
            if not os.access(path, os.X_OK):
                raise Unavailable("mailsteadd not built: no %s" % path)

    def config_text(self):
        lines = ["[general]", "hostname = mail.bench.test", "data_dir = %s" % self.data, "",
                 "[listen]"]
        for service in MAILSTEAD_SERVICES:
            lines.append("%s = %s" % (service, "127.0.0.1:0" if service == "smtp" else ""))
        lines += ["", "[admin]", "socket = %s" % self.socket, ""]
        return "\n".join(lines)

    def _read_stdout(self, proc):
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.stdout_lines.append(line)
            if line.startswith("mailsteadd: listening smtp "):
                self.port = int(line.rsplit(":", 1)[1])
            elif line == "mailsteadd: ready":
                self.ready.set()

    def ctl(self, *args, stdin=None, json_output=False):
        cmd = [self.ctl_bin, "--socket", self.socket] + (["--json"] if json_output else []) + list(args)
        env = dict(os.environ)
        env.pop("MAILSTEAD_SOCKET", None)
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=60, env=env)

    def start(self):
        self.check(os.path.dirname(os.path.dirname(self.daemon)))
        config = os.path.join(self.tmp, "mailsteadd.conf")
        write(config, self.config_text())
        self.accounting = make_accounting("mailstead-bench-%d-mailsteadd" % os.getpid())
        env = dict(os.environ)
        env.pop("NOTIFY_SOCKET", None)
        env.pop("MAILSTEAD_SOCKET", None)
        proc = self.spawn([self.daemon, "--config", config], "mailsteadd.stderr",
                          stdout=subprocess.PIPE, env=env)
        threading.Thread(target=self._read_stdout, args=(proc,), daemon=True).start()
        try:
            wait_until(self.ready.is_set, START_TIMEOUT, "mailsteadd start", proc)
        except RunError as e:
            raise RunError("%s\n%s" % (e, tail(os.path.join(self.tmp, "mailsteadd.stderr"))))
        if self.port is None:
            raise RunError("mailsteadd printed no 'mailsteadd: listening smtp' line")
        for args, stdin in ((("domain", "add", DOMAIN), None),
                            (("mailbox", "add", RECIPIENT, "--password-stdin"), "benchpassword\n")):
            r = self.ctl(*args, stdin=stdin)
            if r.returncode != 0:
                raise RunError("mailsteadctl %s failed (%d): %s"
                               % (" ".join(args), r.returncode, r.stderr.strip()))
        self.maildir = os.path.join(self.data, "vmail", DOMAIN, "user")
        greeting = smtp_greeting(self.port)
        if greeting is None or not greeting.startswith("220"):
            raise Unavailable("mailsteadd SMTP not available (greeting: %s)"
                              % (greeting or "none"))

    def ctl_message_count(self):
        """Message count reported by `mailsteadctl --json mailbox list`, if it has one."""
        try:
            r = self.ctl("mailbox", "list", json_output=True)
            data = json.loads(r.stdout) if r.returncode == 0 and r.stdout.strip() else None
        except (OSError, ValueError, subprocess.TimeoutExpired):
            return None
        boxes = data.get("mailboxes", []) if isinstance(data, dict) else data or []
        for box in boxes:
            if isinstance(box, dict) and box.get("address") == RECIPIENT:
                for key in ("messages", "message_count", "count"):
                    if isinstance(box.get(key), int):
                        return box[key]
                usage = box.get("usage")
                if isinstance(usage, dict):
                    for key in ("messages", "message_count", "count"):
                        if isinstance(usage.get(key), int):
                            return usage[key]
        return None


class PostfixDovecot(Server):
    name = "postfix+dovecot"

    @staticmethod
    def check():
        if os.geteuid() != 0:
            raise Unavailable("Postfix + Dovecot need root (Postfix's master runs as root)")
        for path, package in ((POSTFIX_MASTER, "postfix"), ("/usr/sbin/postfix", "postfix"),
                              ("/usr/sbin/dovecot", "dovecot-core"), (DOVECOT_LMTP, "dovecot-lmtpd")):
            if not os.access(path, os.X_OK):
                raise Unavailable("no %s: apt-get install %s" % (path, package))
        for user in ("postfix", "dovecot", "dovenull", "nobody"):
            try:
                pwd.getpwnam(user)
            except KeyError:
                raise Unavailable("no user %s (the Debian packages create it)" % user)

    def start(self):
        self.check()
        os.chmod(self.tmp, 0o755)       # postfix, dovecot and nobody walk through it
        pf = os.path.join(self.tmp, "pf")             # config_directory (root's)
        spool = os.path.join(self.tmp, "spool")       # queue_directory
        pfdata = os.path.join(self.tmp, "pfdata")     # data_directory (postfix's)
        dc = os.path.join(self.tmp, "dc")
        mailroot = os.path.join(self.tmp, "mail")
        for d in (pf, spool, pfdata, dc, mailroot):
            os.makedirs(d, mode=0o755, exist_ok=True)
        postfix = pwd.getpwnam("postfix")
        os.chown(pfdata, postfix.pw_uid, postfix.pw_gid)
        os.chmod(pfdata, 0o700)
        nobody = pwd.getpwnam("nobody")
        os.chown(mailroot, nobody.pw_uid, nobody.pw_gid)
        self.port = free_port()
        write(os.path.join(pf, "main.cf"), fill_template("postfix-main.cf.in", {
            "SPOOL": spool, "DATA": pfdata,
            "MAILLOG": os.path.join(self.tmp, "postfix.log"), "TMP": self.tmp}))
        write(os.path.join(pf, "master.cf"), fill_template("postfix-master.cf.in", {
            "SMTP_PORT": self.port}))
        lmtp_socket = os.path.join(spool, "private", "dovecot-lmtp")
        dovecot_conf = os.path.join(dc, "dovecot.conf")
        write(dovecot_conf, fill_template("dovecot.conf.in", {
            "INSTANCE": "mailstead-bench-%d" % os.getpid(),
            "RUN": os.path.join(dc, "run"), "STATE": os.path.join(dc, "state"),
            "LOG": os.path.join(self.tmp, "dovecot.log"), "MAILROOT": mailroot,
            "UID": nobody.pw_uid, "GID": nobody.pw_gid, "LMTP_SOCKET": lmtp_socket}))

        # Creates the queue directories with their owners (post-install create-missing).
        env = dict(os.environ, MAIL_CONFIG=pf)
        r = subprocess.run(["/usr/sbin/postfix", "-c", pf, "check"], capture_output=True,
                           text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise RunError("postfix check failed: %s%s\n%s" % (r.stdout, r.stderr,
                                                                tail(os.path.join(self.tmp, "postfix.log"))))

        self.accounting = make_accounting("mailstead-bench-%d-peer" % os.getpid())
        dovecot = self.spawn(["/usr/sbin/dovecot", "-F", "-c", dovecot_conf], "dovecot.stderr")
        try:
            wait_until(lambda: os.path.exists(lmtp_socket), START_TIMEOUT, "dovecot start", dovecot)
        except RunError as e:
            raise RunError("%s\n%s\n%s" % (e, tail(os.path.join(self.tmp, "dovecot.stderr")),
                                           tail(os.path.join(self.tmp, "dovecot.log"))))
        master = self.spawn([POSTFIX_MASTER, "-c", pf, "-d"], "postfix-master.stderr", env=env)
        try:
            wait_until(lambda: (smtp_greeting(self.port, 2) or "").startswith("220"),
                       START_TIMEOUT, "postfix start", master, interval=0.2)
        except RunError as e:
            raise RunError("%s\n%s\n%s" % (e, tail(os.path.join(self.tmp, "postfix-master.stderr")),
                                           tail(os.path.join(self.tmp, "postfix.log"))))
        self.maildir = os.path.join(mailroot, "user")


# --------------------------------------------------------------------------
# one measurement

def flood(server, counter, base, count, size, sessions, timeout, source_args, log_path):
    """Sends `count` messages and waits until the Maildir holds base + count.

    Returns (delivered, seconds until smtp-source exited, seconds until done,
    error or None). Both times run from the start of smtp-source.
    """
    argv = ["smtp-source", "-4", "-s", str(sessions), "-m", str(count), "-l", str(size),
            "-M", "client.test", "-f", SENDER, "-t", RECIPIENT] + source_args + \
           ["127.0.0.1:%d" % server.port]
    start = time.monotonic()
    with open(log_path, "ab") as log:
        source = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    delivered = 0
    source_end = None
    error = None
    last_progress = start
    try:
        while True:
            now = time.monotonic()
            if source_end is None and source.poll() is not None:
                source_end = last_progress = now
                if source.returncode != 0:
                    error = "smtp-source exited with status %d: %s" % (
                        source.returncode, tail(log_path, 3).replace("\n", " | "))
            before_count = time.monotonic()
            n = counter.count() - base
            cost = time.monotonic() - before_count
            if n > delivered:
                delivered, last_progress = n, now
            if delivered >= count and source_end is not None:
                break
            if now - start > timeout:
                error = error or "not done within %ds (--timeout)" % timeout
                break
            if source_end is not None and now - last_progress > (10 if error else STALL_TIMEOUT):
                error = error or "delivery stalled at %d of %d" % (delivered, count)
                break
            if source_end is None:
                # Returns as soon as smtp-source exits, so its end is not quantized.
                try:
                    source.wait(2.0)
                except subprocess.TimeoutExpired:
                    pass
            else:
                # Listing a Maildir of 50,000 files takes tens of milliseconds
                # of CPU that the servers need: never spend more than a fifth
                # of a core on it.
                time.sleep(max(0.02, 4 * cost))
    finally:
        end = time.monotonic()
        if source.poll() is None:
            source.kill()
            source.wait(10)
    return delivered, (source_end or end) - start, end - start, error


def measure(server, count, size, sessions, timeout, source_args, warmup):
    """Floods a started server; returns a result dict."""
    counter = MaildirCounter(server.maildir)
    base = counter.count()
    if base:
        raise RunError("%s: Maildir not empty before the run (%d)" % (server.name, base))
    log_path = os.path.join(server.tmp, "smtp-source.log")
    if warmup:
        # Lets each server spawn its processes and fill its caches first, so
        # that the figures are of a server in service, not of its start-up.
        delivered, _, _, error = flood(server, counter, 0, warmup, size, sessions, timeout,
                                       source_args, log_path)
        if error or delivered != warmup:
            raise RunError("%s: warm-up of %d messages: %s" % (
                server.name, warmup, error or "%d delivered" % delivered))
        base = counter.count()
    sampler = MemorySampler(server.accounting)
    sampler.sample()
    cpu0 = server.accounting.cpu_seconds()
    sampler.start()
    try:
        delivered, source_seconds, seconds, error = flood(
            server, counter, base, count, size, sessions, timeout, source_args, log_path)
    finally:
        cpu1 = server.accounting.cpu_seconds()
        sampler.finish()
    cpu = cpu1 - cpu0
    return {
        "server": server.name, "count": count, "size": size, "delivered": delivered,
        "ok": error is None and delivered == count, "error": error,
        "seconds": seconds, "rate": delivered / seconds if seconds > 0 else 0.0,
        "source_seconds": source_seconds,
        "cpu": cpu, "cpu_per_1000": cpu * 1000.0 / delivered if delivered else float("nan"),
        "rss_mib": sampler.peak_hwm / 2**20, "pss_mib": sampler.peak_pss / 2**20,
        "processes": sampler.peak_processes, "method": server.accounting.method,
    }


# --------------------------------------------------------------------------
# report

def median(values):
    values = [v for v in values if v == v]      # drop NaN
    return statistics.median(values) if values else float("nan")


def fmt(value, digits=1):
    return "-" if value is None or value != value else "%.*f" % (digits, value)


def print_report(loads, servers, results, repeat, sessions, warmup, loadavg, unavailable):
    print()
    print("SMTP flood: smtp-source, %d sessions, one message per connection unless --source-args "
          "says otherwise;" % sessions)
    print("medians of %d run(s), each after %d warm-up messages; delivered = files in the Maildir; "
          "%d CPUs, load average %s at start" % (repeat, warmup, os.cpu_count() or 0, loadavg))
    header = "%-18s %-16s %11s %9s %12s %12s %12s" % (
        "load", "server", "delivered", "msgs/s", "CPU s/1000", "peak RSS MiB", "peak PSS MiB")
    print(header)
    print("-" * len(header))
    for count, size in loads:
        label = "%d x %d B" % (count, size)
        medians = {}
        for name in servers:
            runs = [r for r in results if r["server"] == name and r["count"] == count
                    and r["size"] == size]
            if name in unavailable and not runs:
                print("%-18s %-16s %s" % (label, name, unavailable[name]))
                label = ""
                continue
            if not runs:
                continue
            good = [r for r in runs if r["ok"]] or runs
            m = {k: median([r[k] for r in good]) for k in
                 ("rate", "cpu_per_1000", "rss_mib", "pss_mib")}
            m["ok"] = all(r["ok"] for r in runs)
            medians[name] = m
            delivered = "%d/%d" % (min(r["delivered"] for r in runs), count)
            print("%-18s %-16s %11s %9s %12s %12s %12s%s" % (
                label, name, delivered, fmt(m["rate"]), fmt(m["cpu_per_1000"], 3),
                fmt(m["rss_mib"]), fmt(m["pss_mib"]), "" if m["ok"] else "  INCOMPLETE"))
            label = ""
        a, b = medians.get("mailsteadd"), medians.get("postfix+dovecot")
        if a and b:
            rate = a["rate"] / b["rate"] if b["rate"] else float("nan")
            cpu = a["cpu_per_1000"] / b["cpu_per_1000"] if b["cpu_per_1000"] else float("nan")
            rss = a["rss_mib"] / b["rss_mib"] if b["rss_mib"] else float("nan")
            pss = a["pss_mib"] / b["pss_mib"] if b["pss_mib"] else float("nan")
            print("%-18s %-16s %11s %8sx %11sx %11sx %11sx" % (
                "", "mailsteadd/peer", "", fmt(rate, 2), fmt(cpu, 2), fmt(rss, 2), fmt(pss, 2)))
            print("%-18s %-16s %11s %9s %12s   rate %s, CPU %s" % (
                "", "target", "", ">=3.00x", "<=0.50x",
                "MET" if rate >= 3.0 else "NOT MET", "MET" if cpu <= 0.5 else "NOT MET"))
    print()
    print("Per run (msgs/s; CPU s/1000):")
    for r in results:
        print("  %-16s %6d x %5d B  %s  %9s msgs/s  %8s CPU s/1000  %6.1f s (smtp-source %5.1f s)"
              "  %d procs%s" % (
                  r["server"], r["count"], r["size"], "ok  " if r["ok"] else "FAIL",
                  fmt(r["rate"]), fmt(r["cpu_per_1000"], 3), r["seconds"], r["source_seconds"],
                  r["processes"], "" if r["ok"] else "  " + (r["error"] or "")))
    methods = sorted({r["method"] for r in results})
    if methods:
        print("CPU measured by: " + ", ".join(methods))
    sys.stdout.flush()


# --------------------------------------------------------------------------
# main

def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="smtp_flood.sh",
        description="Flood mailsteadd and Postfix + Dovecot LMTP with smtp-source and print "
                    "delivered msgs/s, CPU per 1000 messages and peak memory side by side.")
    p.add_argument("build", nargs="?", default=os.environ.get("SMTP_FLOOD_BUILD", "build"),
                   help="build directory with daemon/mailsteadd (default: ./build)")
    p.add_argument("--load1", type=int, default=env_int("SMTP_FLOOD_LOAD1", 5000),
                   help="messages in load 1 (default 5000; 0 skips the load)")
    p.add_argument("--size1", type=int, default=env_int("SMTP_FLOOD_SIZE1", 4096),
                   help="payload bytes per message in load 1 (default 4096)")
    p.add_argument("--load2", type=int, default=env_int("SMTP_FLOOD_LOAD2", 50000),
                   help="messages in load 2 (default 50000; 0 skips the load)")
    p.add_argument("--size2", type=int, default=env_int("SMTP_FLOOD_SIZE2", 100),
                   help="payload bytes per message in load 2 (default 100)")
    p.add_argument("--sessions", type=int, default=env_int("SMTP_FLOOD_SESSIONS", 20),
                   help="parallel smtp-source sessions (default 20)")
    p.add_argument("--repeat", type=int, default=env_int("SMTP_FLOOD_REPEAT", 3),
                   help="runs per load and server; medians are reported (default 3)")
    p.add_argument("--only", choices=["both", "mailsteadd", "peer"],
                   default=os.environ.get("SMTP_FLOOD_ONLY", "both"))
    p.add_argument("--timeout", type=int, default=env_int("SMTP_FLOOD_TIMEOUT", 0),
                   help="seconds per run (default 120 + N/20)")
    p.add_argument("--source-args", default=os.environ.get("SMTP_FLOOD_SOURCE_ARGS", ""),
                   help="extra smtp-source arguments, e.g. '-d' to reuse connections")
    p.add_argument("--warmup", type=int, default=env_int("SMTP_FLOOD_WARMUP", 200),
                   help="messages sent and delivered before each measurement, not counted "
                        "(default 200; 0 measures from a cold start)")
    p.add_argument("--keep", action="store_true", help="keep the temporary directories")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    if shutil.which("smtp-source") is None:
        say("smtp-source not found: apt-get install postfix")
        return 2
    loads = [(n, s) for n, s in ((args.load1, args.size1), (args.load2, args.size2)) if n > 0]
    if not loads or args.repeat < 1 or args.sessions < 1:
        say("nothing to do")
        return 2
    build = os.path.abspath(args.build)
    servers = []
    if args.only in ("both", "mailsteadd"):
        servers.append("mailsteadd")
    if args.only in ("both", "peer"):
        servers.append("postfix+dovecot")

    unavailable = {}
    for name in servers:
        try:
            Mailsteadd.check(build) if name == "mailsteadd" else PostfixDovecot.check()
        except Unavailable as e:
            unavailable[name] = str(e)
            say(str(e))

    try:
        loadavg = " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        loadavg = "?"
    root = tempfile.mkdtemp(prefix="smtp-flood-")
    os.chmod(root, 0o755)       # Postfix and Dovecot drop privileges and walk through it
    say("temporary directory %s" % root)
    results = []
    failed = False
    current = [None]

    def on_signal(signum, frame):
        raise KeyboardInterrupt("signal %d" % signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    try:
        for rep in range(args.repeat):
            for count, size in loads:
                for name in servers:
                    if name in unavailable:
                        continue
                    tmp = tempfile.mkdtemp(prefix="%s-" % ("m" if name == "mailsteadd" else "p"),
                                           dir=root)
                    server = Mailsteadd(tmp, build) if name == "mailsteadd" else PostfixDovecot(tmp)
                    current[0] = server
                    timeout = args.timeout or 120 + count // 20
                    say("run %d/%d: %s, %d x %d B, %d sessions"
                        % (rep + 1, args.repeat, name, count, size, args.sessions))
                    try:
                        server.start()
                        result = measure(server, count, size, args.sessions, timeout,
                                         args.source_args.split(), args.warmup)
                        if name == "mailsteadd":
                            result["ctl_messages"] = server.ctl_message_count()
                        results.append(result)
                        say("  %s: %d/%d delivered in %.2f s, %.1f msgs/s, %.3f CPU s/1000, "
                            "RSS %.1f MiB, PSS %.1f MiB%s" % (
                                name, result["delivered"], count, result["seconds"], result["rate"],
                                result["cpu_per_1000"], result["rss_mib"], result["pss_mib"],
                                "" if result["ok"] else "  FAILED: %s" % result["error"]))
                        if result.get("ctl_messages") is not None:
                            say("  mailsteadctl mailbox list: %s messages" % result["ctl_messages"])
                        if not result["ok"]:
                            failed = True
                            args.keep = True
                    except Unavailable as e:
                        unavailable[name] = str(e)
                        say(str(e))
                    except (RunError, OSError, subprocess.SubprocessError) as e:
                        failed = True
                        args.keep = True
                        say("%s: %s" % (name, e))
                    finally:
                        server.stop()
                        current[0] = None
                        if not args.keep:
                            shutil.rmtree(tmp, ignore_errors=True)
    except KeyboardInterrupt as e:
        say("interrupted (%s), stopping" % (e or "SIGINT"))
        failed = True
    finally:
        if current[0] is not None:
            current[0].stop()
        if args.keep:
            say("kept %s" % root)
        else:
            shutil.rmtree(root, ignore_errors=True)

    print_report(loads, servers, results, args.repeat, args.sessions, args.warmup, loadavg,
                 unavailable)
    if failed:
        return 1
    if unavailable:
        for name, why in unavailable.items():
            print("NOT MEASURED: %s: %s" % (name, why))
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
