#!/usr/bin/env python3
"""Relay benchmark: mailsteadd against Postfix, relaying to smtp-sink.

Run through tests/bench/relay_bench.sh; see tests/bench/README.md. Python 3
standard library only. Needs root (Postfix's master runs as root) and the
Debian packages postfix (smtp-source, smtp-sink, the peer MTA), opendkim
and nsd.

Four runs in one invocation, each on a fresh server in a fresh temporary
directory: mailsteadd and Postfix, without signing and with DKIM rsa-2048
(mailsteadd signs in its queue; Postfix through OpenDKIM as a milter). Each
server accepts N messages from `smtp-source` over S parallel sessions on
port 25 addressed to the alias relay@bench.test, whose target
user@sink.test is outside, and relays them to one smtp-sink on loopback.
The load goes through the alias path on port 25 for both servers, the
same unauthenticated input (mailsteadd: origin "forward", signed with
bench.test's key, the alias domain; submission on 587 is not measured). mailsteadd finds the sink by an MX lookup at a
private nsd ([dns] servers) and [queue] remote_port; Postfix by relayhost.
The clock runs from the start of smtp-source until smtp-sink has counted
all N messages: relayed, not just accepted. CPU is the server's cgroup
usage (OpenDKIM included) over the same interval. A warm-up batch goes to a
dumping sink first, which also shows that the messages arrive signed.

Not a test: it prints figures and ratios, it asserts no speed.
"""

import argparse
import glob
import os
import pty
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "smtp_flood"))
import flood  # noqa: E402  (shared helpers: accounting, server start and stop)
from flood import (RunError, Unavailable, free_port, make_accounting,  # noqa: E402
                   smtp_greeting, tail, wait_until, write)

SENDER = "sender@client.test"
ALIAS = "relay@bench.test"
TARGET = "user@sink.test"
DOMAIN = "bench.test"
SELECTOR = "bench"
START_TIMEOUT = 30
STALL_TIMEOUT = 60
NSD_ZONE = """$ORIGIN sink.test.
$TTL 3600
@    IN SOA ns.sink.test. hostmaster.sink.test. 1 3600 600 86400 300
@    IN NS  ns.sink.test.
ns   IN A   127.0.0.1
@    IN MX  10 mx.sink.test.
mx   IN A   127.0.0.1
"""


def say(text):
    print("relay_bench: " + text, file=sys.stderr, flush=True)


def fill(name, values):
    with open(os.path.join(HERE, name)) as f:
        text = f.read()
    for key, value in values.items():
        text = text.replace("@@%s@@" % key, str(value))
    return text


class Sink:
    """smtp-sink on a loopback port, counting messages (its -c counter)."""

    def __init__(self, tmp, port, dump_dir=None):
        self.count = 0
        argv = ["smtp-sink", "-u", "nobody", "-c"]
        if dump_dir:
            os.makedirs(dump_dir, exist_ok=True)
            shutil.chown(dump_dir, "nobody")
            argv += ["-d", os.path.join(dump_dir, "msg.")]
        argv += ["127.0.0.1:%d" % port, "1024"]
        self.log = open(os.path.join(tmp, "smtp-sink.stderr"), "ab")
        # A terminal: smtp-sink writes its counter at once, not when a
        # pipe's buffer fills.
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave,
                                     stderr=self.log, start_new_session=True)
        os.close(slave)
        threading.Thread(target=self._read, daemon=True).start()
        wait_until(lambda: (smtp_greeting(port, 2) or "").startswith("220"), START_TIMEOUT,
                   "smtp-sink start", self.proc, interval=0.1)
        # The greeting check is a session of its own; the counter is of messages.

    def _read(self):
        buffer = b""
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return  # the terminal closed with smtp-sink
            if not chunk:
                return
            buffer += chunk
            found = re.findall(rb"mesg=(\d+)", buffer)
            if found:
                self.count = int(found[-1])
            buffer = buffer[-64:]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()
        os.close(self.master)


class NameServer:
    """nsd on a loopback port with sink.test's MX at 127.0.0.1."""

    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "nsd")
        os.makedirs(self.dir)
        self.port = free_port()
        with open(os.path.join(self.dir, "sink.test.zone"), "w") as f:
            f.write(NSD_ZONE)
        conf = os.path.join(self.dir, "nsd.conf")
        d = self.dir
        write(conf, "\n".join([
            "server:", "    ip-address: 127.0.0.1@%d" % self.port, '    username: ""',
            '    chroot: ""', '    zonesdir: "%s"' % d, '    database: ""',
            '    zonelistfile: "%s/zone.list"' % d, '    xfrdfile: "%s/xfrd.state"' % d,
            '    xfrdir: "%s"' % d, '    pidfile: "%s/nsd.pid"' % d,
            '    logfile: "%s/nsd.log"' % d, "    server-count: 1", "    do-ip6: no",
            "remote-control:", "    control-enable: no",
            "zone:", "    name: sink.test", "    zonefile: sink.test.zone", ""]))
        nsd = shutil.which("nsd") or "/usr/sbin/nsd"
        if not os.access(nsd, os.X_OK):
            raise Unavailable("nsd is missing: apt-get install nsd")
        self.proc = subprocess.Popen([nsd, "-d", "-c", conf], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(0.5)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


class MailsteaddRelay(flood.Mailsteadd):
    def __init__(self, tmp, build, sink_port, dns_port, sessions, dkim):
        super().__init__(tmp, build)
        self.name = "mailsteadd" + (" (DKIM)" if dkim else "")
        self.sink_port, self.dns_port, self.sessions, self.dkim = sink_port, dns_port, sessions, dkim

    def config_text(self):
        return super().config_text() + "\n".join([
            "", "[dns]", "servers = 127.0.0.1@%d" % self.dns_port, "",
            "[queue]", "remote_port = %d" % self.sink_port,
            "max_concurrency = %d" % self.sessions,
            "max_domain_concurrency = %d" % self.sessions, ""])

    def start(self):
        flood.DOMAIN, flood.RECIPIENT = DOMAIN, "postmaster@" + DOMAIN
        super().start()
        for args in (("alias", "add", ALIAS, TARGET),) + (
                (("dkim", "generate", DOMAIN, "--selector", SELECTOR, "--algorithm", "rsa",
                  "--bits", "2048"),) if self.dkim else ()):
            r = self.ctl(*args)
            if r.returncode != 0:
                raise RunError("mailsteadctl %s: %s" % (" ".join(args), r.stderr.strip()))


class PostfixRelay(flood.Server):
    def __init__(self, tmp, sink_port, sessions, dkim):
        super().__init__(tmp)
        self.name = "postfix" + (" + OpenDKIM" if dkim else "")
        self.sink_port, self.sessions, self.dkim = sink_port, sessions, dkim

    @staticmethod
    def check(dkim):
        if os.geteuid() != 0:
            raise Unavailable("Postfix needs root (its master runs as root)")
        for path, package in ((flood.POSTFIX_MASTER, "postfix"), ("/usr/sbin/postfix", "postfix"),
                              ("/usr/sbin/opendkim", "opendkim")):
            if (dkim or package != "opendkim") and not os.access(path, os.X_OK):
                raise Unavailable("no %s: apt-get install %s" % (path, package))

    def start_opendkim(self):
        d = os.path.join(self.tmp, "opendkim")
        os.makedirs(d)
        key = os.path.join(d, "bench.pem")
        subprocess.run(["openssl", "genrsa", "-out", key, "2048"], check=True,
                       capture_output=True, timeout=60)
        write(os.path.join(d, "keytable"), "benchkey %s:%s:%s\n" % (DOMAIN, SELECTOR, key))
        write(os.path.join(d, "signingtable"), "* benchkey\n")
        port = free_port()
        conf = os.path.join(d, "opendkim.conf")
        write(conf, fill("opendkim.conf.in", {
            "PORT": port, "KEYTABLE": os.path.join(d, "keytable"),
            "SIGNINGTABLE": os.path.join(d, "signingtable")}))
        proc = self.spawn(["/usr/sbin/opendkim", "-f", "-x", conf], "opendkim.stderr")

        def listening():
            try:
                import socket
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return True
            except OSError:
                return False
        wait_until(listening, START_TIMEOUT, "opendkim start", proc)
        return port

    def start(self):
        self.check(self.dkim)
        os.chmod(self.tmp, 0o755)
        pf, spool, pfdata = (os.path.join(self.tmp, n) for n in ("pf", "spool", "pfdata"))
        for d in (pf, spool, pfdata):
            os.makedirs(d, mode=0o755, exist_ok=True)
        postfix = pwd.getpwnam("postfix")
        os.chown(pfdata, postfix.pw_uid, postfix.pw_gid)
        os.chmod(pfdata, 0o700)
        self.accounting = make_accounting("mailstead-relay-%d-postfix" % os.getpid())
        milter = ""
        if self.dkim:
            port = self.start_opendkim()
            milter = ("smtpd_milters = inet:127.0.0.1:%d\nmilter_default_action = tempfail\n"
                      % port)
        self.port = free_port()
        write(os.path.join(pf, "main.cf"), fill("postfix-main.cf.in", {
            "SPOOL": spool, "DATA": pfdata, "SINK_PORT": self.sink_port,
            "SESSIONS": self.sessions, "MAILLOG": os.path.join(self.tmp, "postfix.log"),
            "TMP": self.tmp, "MILTER": milter}))
        with open(os.path.join(flood.HERE, "postfix-master.cf.in")) as f:
            write(os.path.join(pf, "master.cf"), f.read().replace("@@SMTP_PORT@@", str(self.port)))
        env = dict(os.environ, MAIL_CONFIG=pf)
        r = subprocess.run(["/usr/sbin/postfix", "-c", pf, "check"], capture_output=True,
                           text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise RunError("postfix check failed: %s%s" % (r.stdout, r.stderr))
        master = self.spawn([flood.POSTFIX_MASTER, "-c", pf, "-d"], "postfix-master.stderr",
                            env=env)
        try:
            wait_until(lambda: (smtp_greeting(self.port, 2) or "").startswith("220"),
                       START_TIMEOUT, "postfix start", master, interval=0.2)
        except RunError as e:
            raise RunError("%s\n%s" % (e, tail(os.path.join(self.tmp, "postfix.log"))))


def send(server, sink, base, count, size, sessions, timeout, log_path):
    """smtp-source to the server; waits until the sink counted base + count."""
    argv = ["smtp-source", "-4", "-s", str(sessions), "-m", str(count), "-l", str(size),
            "-M", "client.test", "-f", SENDER, "-t", ALIAS, "127.0.0.1:%d" % server.port]
    start = time.monotonic()
    with open(log_path, "ab") as log:
        source = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    error, last, seen = None, start, 0
    try:
        while True:
            now = time.monotonic()
            n = sink.count - base
            if n > seen:
                seen, last = n, now
            if n >= count and source.poll() is not None:
                break
            if source.poll() is not None and source.returncode != 0 and error is None:
                error = "smtp-source exited with %d" % source.returncode
            if now - start > timeout:
                error = error or "not done within %d s" % timeout
                break
            if now - last > STALL_TIMEOUT:
                error = error or "relaying stalled at %d of %d" % (n, count)
                break
            time.sleep(0.02)
    finally:
        end = time.monotonic()
        if source.poll() is None:
            source.kill()
            source.wait(10)
    return sink.count - base, end - start, error


def run_one(server, tmp, sink_port, count, size, sessions, warmup, timeout):
    log_path = os.path.join(tmp, "smtp-source.log")
    # Warm-up into a dumping sink: the server's processes and caches are
    # up, and the dumped messages show whether they were signed.
    dump = os.path.join(tmp, "dump")
    sink = Sink(tmp, sink_port, dump)
    try:
        delivered, _, error = send(server, sink, 0, warmup, size, sessions, timeout, log_path)
    finally:
        sink.stop()
    if error or delivered < warmup:
        raise RunError("%s: warm-up: %s" % (server.name, error or "%d relayed" % delivered))
    files = sorted(glob.glob(os.path.join(dump, "msg.*")))
    sample = open(files[0], "rb").read() if files else b""
    signed = b"DKIM-Signature:" in sample and (b"d=" + DOMAIN.encode()) in sample
    sink = Sink(tmp, sink_port)
    try:
        cpu0 = server.accounting.cpu_seconds()
        delivered, seconds, error = send(server, sink, 0, count, size, sessions, timeout,
                                         log_path)
        cpu1 = server.accounting.cpu_seconds()
    finally:
        sink.stop()
    return {"server": server.name, "delivered": delivered, "seconds": seconds,
            "rate": delivered / seconds if seconds > 0 else 0.0,
            "cpu_ms": (cpu1 - cpu0) * 1000.0 / delivered if delivered else float("nan"),
            "signed": signed, "error": error, "ok": error is None and delivered >= count}


def parse_args(argv):
    p = argparse.ArgumentParser(prog="relay_bench.sh", description=__doc__.split("\n")[0])
    p.add_argument("build", nargs="?", default="build",
                   help="build directory with daemon/mailsteadd (a Release build)")
    p.add_argument("--count", type=int, default=5000, help="messages per run (default 5000)")
    p.add_argument("--size", type=int, default=4096, help="payload bytes (default 4096)")
    p.add_argument("--sessions", type=int, default=20, help="smtp-source sessions (default 20)")
    p.add_argument("--warmup", type=int, default=200, help="warm-up messages (default 200)")
    p.add_argument("--timeout", type=int, default=600, help="seconds per run (default 600)")
    p.add_argument("--only", choices=["both", "mailsteadd", "postfix"], default="both")
    p.add_argument("--keep", action="store_true", help="keep the temporary directories")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    for tool in ("smtp-source", "smtp-sink"):
        if shutil.which(tool) is None:
            say("%s not found: apt-get install postfix" % tool)
            return 2
    build = os.path.abspath(args.build)
    root = tempfile.mkdtemp(prefix="relay-bench-")
    os.chmod(root, 0o755)
    say("temporary directory %s" % root)
    signal.signal(signal.SIGTERM, lambda s, f: (_ for _ in ()).throw(KeyboardInterrupt()))
    nsd = NameServer(root)
    results, failed = [], False
    try:
        for dkim in (False, True):
            for name in ("mailsteadd", "postfix"):
                if args.only not in ("both", name):
                    continue
                tmp = tempfile.mkdtemp(prefix=name[0] + "-", dir=root)
                os.chmod(tmp, 0o755)
                sink_port = free_port()
                server = (MailsteaddRelay(tmp, build, sink_port, nsd.port, args.sessions, dkim)
                          if name == "mailsteadd" else
                          PostfixRelay(tmp, sink_port, args.sessions, dkim))
                say("%s: %d x %d B over %d sessions" % (server.name, args.count, args.size,
                                                        args.sessions))
                try:
                    server.start()
                    result = run_one(server, tmp, sink_port, args.count, args.size,
                                     args.sessions, args.warmup, args.timeout)
                    result["dkim"] = dkim
                    results.append(result)
                    say("  %d relayed in %.2f s: %.1f msgs/s, %.3f CPU ms/msg, signed: %s%s" % (
                        result["delivered"], result["seconds"], result["rate"], result["cpu_ms"],
                        "yes" if result["signed"] else "no",
                        "" if result["ok"] else "  FAILED: %s" % result["error"]))
                    failed = failed or not result["ok"] or result["signed"] != dkim
                except (Unavailable, RunError, OSError, subprocess.SubprocessError) as e:
                    failed = True
                    say("%s: %s" % (server.name, e))
                finally:
                    server.stop()
    except KeyboardInterrupt:
        failed = True
        say("interrupted")
    finally:
        nsd.stop()
        if args.keep or failed:
            say("kept %s" % root)
        else:
            shutil.rmtree(root, ignore_errors=True)

    print()
    print("Relay: %d messages of %d B over %d sessions, port 25 alias %s -> %s, "
          "relayed to smtp-sink" % (args.count, args.size, args.sessions, ALIAS, TARGET))
    print("(both servers: port 25, alias path; mailsteadd signs forwarded mail with the alias "
          "domain's key)")
    print("%-8s %-20s %10s %10s %12s %8s" % ("signing", "server", "msgs/s", "seconds",
                                             "CPU ms/msg", "signed"))
    for r in results:
        print("%-8s %-20s %10.1f %10.2f %12.3f %8s%s" % (
            "DKIM" if r["dkim"] else "none", r["server"], r["rate"], r["seconds"], r["cpu_ms"],
            "yes" if r["signed"] else "no", "" if r["ok"] else "  FAILED: %s" % r["error"]))
    for dkim, target in ((False, 1.5), (True, 2.0)):
        pair = {r["server"].split()[0]: r for r in results if r["dkim"] == dkim}
        if "mailsteadd" in pair and "postfix" in pair and pair["postfix"]["rate"] > 0:
            ratio = pair["mailsteadd"]["rate"] / pair["postfix"]["rate"]
            cpu = pair["postfix"]["cpu_ms"] / pair["mailsteadd"]["cpu_ms"]
            print("%s: mailsteadd/postfix throughput %.2fx (target %.1fx: %s), "
                  "CPU per message %.2fx less" % (
                      "with DKIM" if dkim else "without signing", ratio, target,
                      "met" if ratio >= target else "MISSED", cpu))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
