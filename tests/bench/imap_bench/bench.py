#!/usr/bin/env python3
"""IMAP benchmark: mailsteadd against Dovecot, side by side in one run.

Run through tests/bench/imap_bench.sh; see tests/bench/README.md. Python 3
standard library only (plus the servers: Debian's dovecot-core and
dovecot-imapd, run as a private instance; root, because Dovecot drops
privileges to the mail user).

Both servers get the same data set: N generated messages (deterministic:
plain and multipart/alternative, 1-12 KiB, one message in a hundred holds the
search word) APPENDed into one user's INBOX over IMAP with LITERAL+, then a
warm-up FETCH of flags. Each operation then runs on C clients at once, each on
its own slice of the UIDs, so the total work is the same for any C:

  fetch-headers  UID FETCH slice (UID FLAGS BODY.PEEK[HEADER.FIELDS (...)])
  fetch-bodies   UID FETCH slice (UID BODY.PEEK[])
  fetch-structure UID FETCH slice (UID FLAGS ENVELOPE BODYSTRUCTURE)
  search-text    UID SEARCH UID slice TEXT "<word>"
  store          UID STORE slice +FLAGS.SILENT (\\Flagged), then -FLAGS.SILENT

Every answer is checked (FETCH responses = messages in the slice, SEARCH hits
= the messages generated with the word) before its time counts. Both servers
run side by side and every measurement alternates between them, so a busy
moment of a shared machine does not fall on one server only. Then K TLS
connections log in (spread over U users), SELECT INBOX and IDLE; the servers'
memory (RSS and PSS summed over their processes) is read before and after,
and reported per 1,000 idle connections.

Not a test: it prints medians and ratios, it asserts no speed.
"""

import argparse
import asyncio
import crypt
import os
import pwd
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "smtp_flood"))
import flood  # noqa: E402  (shared server plumbing: cgroups, memory, templates)
from imapwire import ImapConnection, ImapError, idle_connection  # noqa: E402

DOMAIN = "bench.test"
USER = "user@bench.test"
PASSWORD = "benchpassword"
SEARCH_WORD = "zebracorn"
HEADER_FIELDS = b"(FROM TO CC SUBJECT DATE MESSAGE-ID)"
OPERATIONS = ("fetch-headers", "fetch-bodies", "fetch-structure", "search-text", "store")
WORDS = ("mail server queue folder budget meeting invoice project holiday garden "
         "report travel family photo weekend release update coffee kitchen music "
         "bicycle window morning evening contract customer support ticket "
         "question answer summary detail number letter market river mountain").split()


def say(text):
    print("imap_bench: " + text, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# data set

def make_messages(count, seed=20261128):
    """(messages, uids holding SEARCH_WORD as 1-based positions)."""
    rng = random.Random(seed)
    messages, hits = [], []
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(150, 1800))]
        has_word = i % 100 == 7
        if has_word:
            words.insert(rng.randrange(len(words)), SEARCH_WORD)
            hits.append(i + 1)
        lines, line = [], []
        for word in words:
            line.append(word)
            if sum(len(w) + 1 for w in line) > 70:
                lines.append(" ".join(line))
                line = []
        lines.append(" ".join(line))
        text = "\r\n".join(lines)
        subject = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 7)))
        sender = "%s.%s@example.org" % (rng.choice(WORDS), rng.choice(WORDS))
        head = ("From: Sender %d <%s>\r\nTo: User <%s>\r\nSubject: %s\r\n"
                "Date: Sat, 28 Nov 2026 %02d:%02d:%02d +0000\r\nMessage-ID: <%d.bench@example.org>\r\n"
                "MIME-Version: 1.0\r\n" % (i, sender, USER, subject, (i // 3600) % 24,
                                          (i // 60) % 60, i % 60, i))
        if i % 5 == 0:
            html = "<html><body><p>" + "</p>\r\n<p>".join(lines) + "</p></body></html>"
            body = ("Content-Type: multipart/alternative; boundary=\"b%d\"\r\n\r\n"
                    "--b%d\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n"
                    "--b%d\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s\r\n--b%d--\r\n"
                    % (i, i, text, i, html, i))
        else:
            body = "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n"
        messages.append((head + body).encode())
    return messages, hits


def cheap_hash(password):
    # The same scheme on both sides, cheap enough for thousands of logins.
    return crypt.crypt(password, "$5$rounds=1000$" + "benchsalt%04d" % random.randrange(10000))


# --------------------------------------------------------------------------
# servers

class Mailsteadd(flood.Server):
    name = "mailsteadd"

    def __init__(self, tmp, build, connections):
        super().__init__(tmp)
        self.daemon = os.path.join(build, "daemon", "mailsteadd")
        self.ctl_bin = os.path.join(build, "daemon", "ctl", "mailsteadctl")
        self.socket = os.path.join(tmp, "admin.sock")
        self.data = os.path.join(tmp, "data")
        self.connections = connections
        self.ports = {}
        self.ready = threading.Event()

    def _read_stdout(self, proc):
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if line.startswith("mailsteadd: listening "):
                service, address = line.split()[2:4]
                self.ports.setdefault(service, int(address.rsplit(":", 1)[1]))
            elif line == "mailsteadd: ready":
                self.ready.set()

    def ctl(self, *args, stdin=None):
        env = dict(os.environ)
        env.pop("MAILSTEAD_SOCKET", None)
        r = subprocess.run([self.ctl_bin, "--socket", self.socket] + list(args), input=stdin,
                           capture_output=True, text=True, timeout=60, env=env)
        if r.returncode != 0:
            raise flood.RunError("mailsteadctl %s: %s" % (" ".join(args), r.stderr.strip()))

    def start(self, users):
        config = os.path.join(self.tmp, "mailsteadd.conf")
        limit = self.connections + 100
        flood.write(config, "\n".join([
            "[general]", "hostname = mail.bench.test", "data_dir = " + self.data,
            "max_connections = %d" % limit, "max_connections_per_ip = %d" % limit, "",
            "[listen]", "smtp =", "submission =", "submissions =", "imap = 127.0.0.1:0",
            "imaps = 127.0.0.1:0", "pop3 =", "pop3s =", "http =", "https =", "",
            "[imap]", "allow_plaintext_loopback = true", "max_connections = %d" % limit,
            "max_connections_per_ip = %d" % limit, "max_connections_per_user = %d" % limit, "",
            "[admin]", "socket = " + self.socket, ""]))
        self.accounting = flood.make_accounting("mailstead-imapbench-%d-mailsteadd" % os.getpid())
        env = dict(os.environ)
        env.pop("NOTIFY_SOCKET", None)
        proc = self.spawn([self.daemon, "--config", config], "mailsteadd.stderr",
                          stdout=subprocess.PIPE, env=env)
        threading.Thread(target=self._read_stdout, args=(proc,), daemon=True).start()
        try:
            flood.wait_until(self.ready.is_set, flood.START_TIMEOUT, "mailsteadd start", proc)
        except flood.RunError as e:
            raise flood.RunError("%s\n%s" % (e, flood.tail(os.path.join(self.tmp, "mailsteadd.stderr"))))
        self.ctl("domain", "add", DOMAIN)
        for user in users:
            self.ctl("mailbox", "add", user, "--password-hash-stdin", stdin=cheap_hash(PASSWORD) + "\n")
        self.port, self.tls_port = self.ports["imap"], self.ports["imaps"]


class Dovecot(flood.Server):
    name = "dovecot"

    def __init__(self, tmp, connections):
        super().__init__(tmp)
        self.connections = connections

    @staticmethod
    def check():
        if os.geteuid() != 0:
            raise flood.Unavailable("Dovecot needs root here (it switches to the mail user)")
        for path, package in (("/usr/sbin/dovecot", "dovecot-core"),
                              ("/usr/lib/dovecot/imap", "dovecot-imapd")):
            if not os.access(path, os.X_OK):
                raise flood.Unavailable("no %s: apt-get install %s" % (path, package))

    def start(self, users):
        self.check()
        os.chmod(self.tmp, 0o755)
        dc = os.path.join(self.tmp, "dc")
        mailroot = os.path.join(self.tmp, "mail")
        for d in (dc, mailroot):
            os.makedirs(d, mode=0o755, exist_ok=True)
        nobody = pwd.getpwnam("nobody")
        os.chown(mailroot, nobody.pw_uid, nobody.pw_gid)
        cert, key = os.path.join(dc, "cert.pem"), os.path.join(dc, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj",
                        "/CN=mail.bench.test", "-keyout", key, "-out", cert],
                       check=True, capture_output=True, timeout=60)
        passwd = os.path.join(dc, "passwd")
        flood.write(passwd, "".join("%s:{SHA256-CRYPT}%s\n" % (u, cheap_hash(PASSWORD))
                                    for u in users))
        self.port, self.tls_port = flood.free_port(), flood.free_port()
        conf = os.path.join(dc, "dovecot.conf")
        flood.write(conf, flood.fill_template(os.path.join(HERE, "dovecot-imap.conf.in"), {
            "INSTANCE": "mailstead-imapbench-%d" % os.getpid(), "RUN": os.path.join(dc, "run"),
            "STATE": os.path.join(dc, "state"), "LOG": os.path.join(self.tmp, "dovecot.log"),
            "CERT": cert, "KEY": key, "MAILROOT": mailroot, "PASSWD": passwd,
            "UID": nobody.pw_uid, "GID": nobody.pw_gid, "CONNECTIONS": self.connections + 100,
            "IMAP_PORT": self.port, "IMAPS_PORT": self.tls_port}))
        self.accounting = flood.make_accounting("mailstead-imapbench-%d-dovecot" % os.getpid())
        proc = self.spawn(["/usr/sbin/dovecot", "-F", "-c", conf], "dovecot.stderr")

        def answers():
            try:
                ImapConnection("127.0.0.1", self.port, timeout=2).close()
                return True
            except (OSError, ImapError):
                return False
        try:
            flood.wait_until(answers, flood.START_TIMEOUT, "dovecot start", proc, interval=0.2)
        except flood.RunError as e:
            raise flood.RunError("%s\n%s" % (e, flood.tail(os.path.join(self.tmp, "dovecot.log"))))


# --------------------------------------------------------------------------
# measurements

def connect(server):
    conn = ImapConnection("127.0.0.1", server.port)
    conn.login(USER, PASSWORD)
    return conn


def populate(server, messages):
    """APPENDs the data set over one session, in order, so UIDs follow it."""
    started = time.monotonic()
    try:
        conn = connect(server)
        conn.append_many("INBOX", messages)
        conn.command(b"LOGOUT", check=False)
        conn.close()
    except (OSError, ImapError) as e:
        raise flood.RunError("%s: APPEND failed: %s" % (server.name, e))
    return time.monotonic() - started


def uid_slices(uids, clients):
    size = (len(uids) + clients - 1) // clients
    return [uids[i * size:(i + 1) * size] for i in range(clients) if uids[i * size:(i + 1) * size]]


def run_operation(server, operation, uids, hits, clients):
    """Wall seconds and server CPU seconds for one operation on `clients` sessions."""
    conns = [connect(server) for _ in range(clients)]
    for conn in conns:
        conn.command(b"SELECT INBOX")
    slices = uid_slices(uids, clients)
    barrier = threading.Barrier(len(slices) + 1)
    errors = []

    def work(conn, part):
        first, last = part[0], part[-1]
        barrier.wait()
        try:
            if operation == "fetch-headers":
                r = conn.command(b"UID FETCH %d:%d (UID FLAGS BODY.PEEK[HEADER.FIELDS %s])"
                                 % (first, last, HEADER_FIELDS))
                if r.counts.get(b"FETCH", 0) != len(part):
                    raise ImapError("%d FETCH responses for %d messages" % (r.counts.get(b"FETCH", 0), len(part)))
            elif operation == "fetch-bodies":
                r = conn.command(b"UID FETCH %d:%d (UID BODY.PEEK[])" % (first, last))
                if r.counts.get(b"FETCH", 0) != len(part):
                    raise ImapError("%d FETCH responses for %d messages" % (r.counts.get(b"FETCH", 0), len(part)))
            elif operation == "fetch-structure":
                r = conn.command(b"UID FETCH %d:%d (UID FLAGS ENVELOPE BODYSTRUCTURE)" % (first, last))
                if r.counts.get(b"FETCH", 0) != len(part):
                    raise ImapError("%d FETCH responses for %d messages" % (r.counts.get(b"FETCH", 0), len(part)))
            elif operation == "search-text":
                r = conn.command(b'UID SEARCH UID %d:%d TEXT "%s"' % (first, last, SEARCH_WORD.encode()),
                                 keep_untagged=True)
                found = set()
                for line in r.untagged:
                    if line.startswith(b"* SEARCH"):
                        found.update(int(x) for x in line.split()[2:] if x.isdigit())
                expected = {uids[h - 1] for h in hits if first <= uids[h - 1] <= last}
                if found != expected:
                    raise ImapError("SEARCH found %d, expected %d" % (len(found), len(expected)))
            elif operation == "store":
                for sign in (b"+", b"-"):
                    conn.command(b"UID STORE %d:%d %sFLAGS.SILENT (\\Flagged)" % (first, last, sign))
        except (OSError, ImapError) as e:
            errors.append(e)
    threads = [threading.Thread(target=work, args=(c, p)) for c, p in zip(conns, slices)]
    for t in threads:
        t.start()
    barrier.wait()
    cpu0, t0 = server.accounting.cpu_seconds(), time.monotonic()
    for t in threads:
        t.join()
    wall, cpu = time.monotonic() - t0, server.accounting.cpu_seconds() - cpu0
    for conn in conns:
        conn.close()
    if errors:
        raise flood.RunError("%s %s x%d: %s" % (server.name, operation, clients, errors[0]))
    return wall, cpu


def server_memory(server):
    rss = pss = 0
    for pid in server.accounting.pids():
        _, r, p = flood.read_memory(pid)
        rss += r
        pss += p
    return rss, pss, len(server.accounting.pids())


def measure_idle(server, users, count, setup_parallel=64):
    """Opens `count` idle TLS connections; server memory before and after, setup time."""
    before = server_memory(server)

    async def main():
        release = asyncio.Event()
        # At most setup_parallel connections are in their handshake and login
        # at once; a connection releases its slot once it is idling.
        gate = asyncio.Semaphore(setup_parallel)

        async def connection(i):
            await gate.acquire()
            idling = asyncio.Event()

            def on_ready():
                idling.set()
                gate.release()
            source = "127.0.%d.%d" % (1 + i // 250 % 250, 2 + i % 250)
            task = asyncio.ensure_future(idle_connection(
                "127.0.0.1", server.tls_port, users[i % len(users)], PASSWORD, on_ready, release,
                source))
            waiter = asyncio.ensure_future(idling.wait())
            finished, _ = await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
            if task in finished:
                waiter.cancel()
                if not idling.is_set():
                    gate.release()
                task.result()   # raises the setup error
            return task
        t0 = time.monotonic()
        tasks = await asyncio.gather(*(connection(i) for i in range(count)))
        setup = time.monotonic() - t0
        await asyncio.sleep(3)
        after = server_memory(server)
        release.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        return setup, after
    setup, after = asyncio.run(main())
    return before, after, setup


# --------------------------------------------------------------------------
# report

def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else None


def fmt(value, digits=3):
    return "-" if value is None else ("%.*f" % (digits, value))


def print_report(args, results, idle, populate_times):
    print()
    print("IMAP benchmark: %d messages, repeat %d, load average at start %s"
          % (args.messages, args.repeat, " ".join(open("/proc/loadavg").read().split()[:3])))
    print("APPEND of the data set (one session, LITERAL+, 32 in flight): "
          + ", ".join("%s %.1f s" % (n, t) for n, t in populate_times.items()))
    print()
    print("%-15s %7s | %12s %12s | %12s %12s | %9s %9s" % (
        "operation", "clients", "mailsteadd s", "dovecot s", "mailsteadd cpu", "dovecot cpu",
        "speed x", "cpu x"))
    for operation in args.operations:
        for clients in args.clients:
            m = results.get(("mailsteadd", operation, clients))
            d = results.get(("dovecot", operation, clients))
            mw = median([w for w, _ in m]) if m else None
            dw = median([w for w, _ in d]) if d else None
            mc = median([c for _, c in m]) if m else None
            dc = median([c for _, c in d]) if d else None
            print("%-15s %7d | %12s %12s | %14s %11s | %9s %9s" % (
                operation, clients, fmt(mw), fmt(dw), fmt(mc), fmt(dc),
                fmt(dw / mw, 2) if mw and dw else "-", fmt(mc / dc, 2) if mc and dc else "-"))
    print("(speed x = dovecot time / mailsteadd time: above 1 means mailsteadd is faster;"
          " cpu x = mailsteadd CPU / dovecot CPU)")
    if idle:
        print()
        print("%d idle TLS connections (LOGIN, SELECT INBOX, IDLE) over %d users:"
              % (args.idle, args.idle_users))
        per = {}
        for name, (before, after, setup) in idle.items():
            rss = (after[0] - before[0]) / args.idle * 1000 / 2**20
            pss = (after[1] - before[1]) / args.idle * 1000 / 2**20
            per[name] = (rss, pss)
            print("  %-10s setup %.1f s, processes %d -> %d, RSS %.0f -> %.0f MiB, PSS %.0f -> %.0f MiB;"
                  " per 1,000 connections: RSS %.1f MiB, PSS %.1f MiB" % (
                      name, setup, before[2], after[2], before[0] / 2**20, after[0] / 2**20,
                      before[1] / 2**20, after[1] / 2**20, rss, pss))
        if len(per) == 2:
            print("  mailsteadd / dovecot per connection: RSS %.2f, PSS %.2f (target: at most 0.25)"
                  % (per["mailsteadd"][0] / per["dovecot"][0], per["mailsteadd"][1] / per["dovecot"][1]))


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("build", nargs="?", default="build")
    p.add_argument("--messages", type=int, default=10000)
    p.add_argument("--clients", type=lambda s: [int(x) for x in s.split(",")], default=[1, 20])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--idle", type=int, default=10000, help="idle TLS connections (0 skips)")
    p.add_argument("--idle-users", type=int, default=100)
    p.add_argument("--only", choices=("both", "mailsteadd", "dovecot"), default="both")
    p.add_argument("--operations", type=lambda s: s.split(","), default=list(OPERATIONS),
                   help="comma-separated subset of: " + ", ".join(OPERATIONS))
    p.add_argument("--keep", action="store_true")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    unknown = [op for op in args.operations if op not in OPERATIONS]
    if unknown:
        say("unknown operation %s (known: %s)" % (", ".join(unknown), ", ".join(OPERATIONS)))
        return 2
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = max(soft, 4 * args.idle + 4096)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, max(hard, want)), max(hard, want)))
    except (ValueError, OSError):
        say("cannot raise the open file limit to %d; idle connections may fail" % want)
    messages, hits = make_messages(args.messages)
    users = [USER] + ["idle%03d@%s" % (i, DOMAIN) for i in range(1, args.idle_users + 1)]
    results, idle, populate_times = {}, {}, {}
    names = ["mailsteadd", "dovecot"] if args.only == "both" else [args.only]
    status = 0
    servers, uid_lists = {}, {}
    try:
        for name in names:
            tmp = tempfile.mkdtemp(prefix="imapbench-%s-" % name)
            server = (Mailsteadd(tmp, os.path.abspath(args.build), args.idle) if name == "mailsteadd"
                      else Dovecot(tmp, args.idle))
            servers[name] = server
            say("%s: starting in %s" % (name, tmp))
            server.start(users)
            populate_times[name] = populate(server, messages)
            conn = connect(server)
            conn.command(b"SELECT INBOX")
            r = conn.command(b"UID FETCH 1:* (UID FLAGS)", keep_untagged=True)
            uids = [int(line.split(b"UID ")[1].split()[0].rstrip(b")")) for line in r.untagged
                    if b" FETCH " in line]
            conn.close()
            if len(uids) != len(messages):
                raise flood.RunError("%s holds %d messages, expected %d" % (name, len(uids), len(messages)))
            uid_lists[name] = uids
        # Both servers run side by side: each measurement is taken on one
        # and then at once on the other, so they share the machine's noise.
        for _ in range(args.repeat):
            for operation in args.operations:
                for clients in args.clients:
                    for name in names:
                        results.setdefault((name, operation, clients), []).append(
                            run_operation(servers[name], operation, uid_lists[name], hits, clients))
        if args.idle:
            for name in names:
                say("%s: opening %d idle connections" % (name, args.idle))
                idle[name] = measure_idle(servers[name], users[1:], args.idle)
    except (flood.RunError, flood.Unavailable, ImapError, OSError) as e:
        say("%s (directories kept: %s)" % (e, ", ".join(s.tmp for s in servers.values())))
        status = 1
        args.keep = True
    finally:
        for server in servers.values():
            server.stop()
            if not args.keep:
                subprocess.run(["rm", "-rf", server.tmp])
    print_report(args, results, idle, populate_times)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
