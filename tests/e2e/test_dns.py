"""dns.records and dns.check against a real authoritative name server.

nsd serves example.test and the reverse zones of the test addresses
(198.18.0.25 from the RFC 2544 benchmarking range and 2001:2::25 from
RFC 5180's, which libunbound does not treat as local zones) on a free
loopback port. Some records are right, some wrong, some missing; the
daemon forwards to nsd ([dns] servers = 127.0.0.1@PORT) and mailsteadctl's
JSON is checked row by row. Forward-confirmed reverse DNS holds for the
IPv4 address and fails for the IPv6 one (its PTR is right, but the host
name has no AAAA record).

These checks run without DNSSEC validation ([dns] trust_anchor empty): the
reverse zones are served locally, and the root anchor would rightly find no
chain of trust to them. With the default root anchor, names under test.
(RFC 6761) still resolve, as insecure. DNSSEC: nsd also serves signed.test
and broken.test, signed at test time with ldns-signzone under keys made by
ldns-keygen; broken.test's MX was changed after signing. With their DS
records as the trust anchor, signed.test's answers are secure and
broken.test's are bogus, reported as errors quoting libunbound's reason.
"""

import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
import unittest

from mailstead_harness import Daemon, IpcConnection, free_config, tool

HOST = "mail.example.test"
V4 = "198.18.0.25"
V6 = "2001:2::25"
V4_REVERSE = "25.0.18.198.in-addr.arpa"
V6_REVERSE = "5.2.0.0." + "0." * 20 + "2.0.0.0.1.0.0.2.ip6.arpa"

ZONE = """$ORIGIN example.test.
$TTL 300
@             IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 300
@             IN NS  ns.example.test.
ns            IN A   127.0.0.1
mail          IN A   198.18.0.25
@             IN MX  10 mail.example.test.
@             IN TXT "v=spf1 mx ~all"
@             IN TXT "google-site-verification=abc"
_dmarc        IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.test"
mta-sts       IN CNAME mail.example.test.
_mta-sts      IN TXT "v=STSv1; id=20200101"
autoconfig    IN CNAME mail.example.test.
autodiscover  IN A   192.0.2.77
_submissions._tcp IN SRV 0 1 465 mail.example.test.
_submission._tcp  IN SRV 0 1 25 mail.example.test.
_pop3s._tcp   IN SRV 0 1 995 mail.example.test.
"""

REVERSE4 = """$ORIGIN 0.18.198.in-addr.arpa.
$TTL 300
@   IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 300
@   IN NS  ns.example.test.
25  IN PTR mail.example.test.
"""

REVERSE6 = ("""$ORIGIN 2.0.0.0.1.0.0.2.ip6.arpa.
$TTL 300
@   IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 300
@   IN NS  ns.example.test.
%s IN PTR mail.example.test.
""" % ("5.2.0.0." + "0." * 19 + "0"))

# name, type -> (status, found) for every row of the plan.
EXPECTED = {
    (HOST, "A"): ("ok", [V4]),
    (HOST, "AAAA"): ("missing", []),
    ("example.test", "MX"): ("ok", ["10 mail.example.test"]),
    ("example.test", "TXT"): ("different", ["v=spf1 mx ~all"]),
    ("_domainkey.example.test", "TXT"): ("missing", []),
    ("_dmarc.example.test", "TXT"): ("ok", ["v=DMARC1; p=reject; rua=mailto:dmarc@example.test"]),
    ("mta-sts.example.test", "CNAME"): ("ok", ["CNAME mail.example.test", V4]),
    ("_mta-sts.example.test", "TXT"): ("different", ["v=STSv1; id=20200101"]),
    ("_smtp._tls.example.test", "TXT"): ("missing", []),
    ("autoconfig.example.test", "CNAME"): ("ok", ["CNAME mail.example.test", V4]),
    ("autodiscover.example.test", "CNAME"): ("different", ["192.0.2.77"]),
    ("_submissions._tcp.example.test", "SRV"): ("ok", ["0 1 465 mail.example.test"]),
    ("_submission._tcp.example.test", "SRV"): ("different", ["0 1 25 mail.example.test"]),
    ("_imaps._tcp.example.test", "SRV"): ("missing", []),
    ("_pop3s._tcp.example.test", "SRV"): ("ok", ["0 1 995 mail.example.test"]),
    (V4_REVERSE, "PTR"): ("ok", [HOST]),
    (V6_REVERSE, "PTR"): ("different", [HOST]),
}


def nsd_path():
    found = shutil.which("nsd") or ("/usr/sbin/nsd" if os.access("/usr/sbin/nsd", os.X_OK) else None)
    return found or tool("nsd")


def free_port():
    """A port free for both UDP and TCP on 127.0.0.1."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", 0))
            port = udp.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    raise AssertionError("no free port")


def dns_query(port, name, qtype=6, timeout=0.5):
    """One UDP query; the raw reply or None."""
    question = b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\x00"
    packet = struct.pack(">HHHHHH", 0x4d53, 0x0100, 1, 0, 0, 0) + question + struct.pack(">HH", qtype, 1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(packet, ("127.0.0.1", port))
        try:
            return s.recv(4096)
        except OSError:
            return None


SIGNED_ZONE = """$ORIGIN %(zone)s.
$TTL 300
@             IN SOA ns.example.test. hostmaster.example.test. 1 3600 600 86400 300
@             IN NS  ns.example.test.
@             IN MX  10 mail.example.test.
@             IN TXT "v=spf1 mx -all"
"""


def sign_zone(directory, zone):
    """Signs directory/zone.zone in place with a new KSK and ZSK; returns the
    KSK's DS record (the trust anchor)."""
    keygen, signzone = tool("ldns-keygen"), tool("ldns-signzone")
    keys = []
    for flags in (["-k"], []):
        r = subprocess.run([keygen, "-a", "ECDSAP256SHA256"] + flags + [zone], cwd=directory,
                           check=True, capture_output=True, text=True, timeout=60)
        keys.append(r.stdout.strip())
    path = os.path.join(directory, zone + ".zone")
    subprocess.run([signzone, "-f", path + ".signed", path] + keys, cwd=directory, check=True,
                   capture_output=True, timeout=60)
    os.replace(path + ".signed", path)
    with open(os.path.join(directory, keys[0] + ".ds")) as f:
        return f.read()


class NameServer:
    """nsd on 127.0.0.1:port serving the test zones from a temporary directory."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="mailstead-nsd-")
        self.port = free_port()
        zones = {"example.test": ZONE, "0.18.198.in-addr.arpa": REVERSE4,
                 "2.0.0.0.1.0.0.2.ip6.arpa": REVERSE6}
        for zone in ("signed.test", "broken.test"):
            zones[zone] = SIGNED_ZONE % {"zone": zone}
        conf = ["server:",
                "    ip-address: 127.0.0.1@%d" % self.port,
                '    username: ""', '    chroot: ""',
                '    zonesdir: "%s"' % self.dir,
                '    database: ""',
                '    zonelistfile: "%s/zone.list"' % self.dir,
                '    xfrdfile: "%s/xfrd.state"' % self.dir,
                '    xfrdir: "%s"' % self.dir,
                '    pidfile: "%s/nsd.pid"' % self.dir,
                '    logfile: "%s/nsd.log"' % self.dir,
                "    server-count: 1", "    do-ip6: no",
                "remote-control:", "    control-enable: no"]
        for name, text in zones.items():
            with open(os.path.join(self.dir, name + ".zone"), "w") as f:
                f.write(text)
            conf += ["zone:", "    name: %s" % name, "    zonefile: %s.zone" % name]
        # The trust anchor: the DS records of both signed zones.
        self.anchor = os.path.join(self.dir, "anchor.ds")
        with open(self.anchor, "w") as f:
            for zone in ("signed.test", "broken.test"):
                f.write(sign_zone(self.dir, zone).strip() + "\n")
        # A changed MX without a new signature: the RRSIG no longer matches.
        broken = os.path.join(self.dir, "broken.test.zone")
        with open(broken) as f:
            text = f.read()
        signed_mx = "IN\tMX\t10 mail.example.test."
        if text.count(signed_mx) != 1:
            raise AssertionError("unexpected signed zone layout:\n" + text)
        with open(broken, "w") as f:
            f.write(text.replace(signed_mx, "IN\tMX\t20 mail.example.test."))
        self.conf = os.path.join(self.dir, "nsd.conf")
        with open(self.conf, "w") as f:
            f.write("\n".join(conf) + "\n")
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([nsd_path(), "-d", "-c", self.conf],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while dns_query(self.port, "example.test") is None:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("nsd did not start: %s" % self.log())
        return self

    def log(self):
        try:
            with open(os.path.join(self.dir, "nsd.log")) as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class DnsTestCase(unittest.TestCase):
    dns_section = {}

    @classmethod
    def setUpClass(cls):
        cls.nsd = NameServer().start()

    @classmethod
    def tearDownClass(cls):
        cls.nsd.stop()

    def start_daemon(self, domain="example.test", **dns):
        section = {"servers": "127.0.0.1@%d" % self.nsd.port, "trust_anchor": ""}
        section.update(dns)
        daemon = Daemon(dns=section).start()
        self.addCleanup(daemon.cleanup)
        r = daemon.ctl("domain", "add", domain)
        self.assertEqual(r.returncode, 0, r.stderr)
        return daemon


class CheckTests(DnsTestCase):
    def test_every_row_right_wrong_or_missing(self):
        daemon = self.start_daemon(public_addresses="%s %s" % (V4, V6))
        result = daemon.ctl_json("dns", "check", "example.test")
        self.assertEqual(result["domain"], "example.test")
        self.assertEqual(result["hostname"], HOST)
        self.assertEqual(result["addresses"], [V4, V6])
        self.assertEqual(result["addresses_source"], "config")

        rows = {(r["name"], r["type"]): r for r in result["records"]}
        self.assertEqual(set(rows), set(EXPECTED), "rows differ from the plan")
        for key, (status, found) in EXPECTED.items():
            with self.subTest(row=key):
                row = rows[key]
                self.assertEqual(row["status"], status, row)
                self.assertEqual(row["found"], found, row)
                self.assertEqual(row["dnssec"], "insecure")
                self.assertTrue(row["purpose"])
                if status != "ok":
                    self.assertTrue(row["detail"], row)
        self.assertEqual(result["summary"],
                         {"ok": 8, "missing": 4, "different": 5, "error": 0})

        # The details say why.
        self.assertIn("~all", rows[("example.test", "TXT")]["detail"])
        self.assertIn("dkim key not generated: run mailsteadctl dkim generate example.test",
                      rows[("_domainkey.example.test", "TXT")]["detail"])
        self.assertIn("policy id 20200101", rows[("_mta-sts.example.test", "TXT")]["detail"])
        # Forward-confirmed reverse DNS: IPv4 yes, IPv6 no (no AAAA).
        self.assertIs(rows[(V4_REVERSE, "PTR")]["forward_confirmed"], True)
        self.assertIs(rows[(V6_REVERSE, "PTR")]["forward_confirmed"], False)
        self.assertIn("not forward-confirmed", rows[(V6_REVERSE, "PTR")]["detail"])

    def test_human_output_and_exit_code(self):
        daemon = self.start_daemon(public_addresses=V4)
        r = daemon.ctl("dns", "check", "example.test")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("mail server mail.example.test at 198.18.0.25 (from config)", r.stdout)
        self.assertRegex(r.stdout, r"different\s+TXT\s+example\.test\s+v=spf1 mx ~all")
        self.assertRegex(r.stdout, r"missing\s+SRV\s+_imaps\._tcp\.example\.test")
        self.assertRegex(r.stdout, r"\n15 records: 8 ok, 3 missing, 4 different, 0 error\n")
        self.assertIn("  _smtp._tls.example.test TXT v=TLSRPTv1; "
                      "rua=mailto:postmaster@example.test\n", r.stdout)

    def test_addresses_come_from_dns_when_not_configured(self):
        # Listeners on 127.0.0.1 are not public: the host name's A record is used.
        daemon = self.start_daemon()
        result = daemon.ctl_json("dns", "records", "example.test")
        self.assertEqual(result["addresses"], [V4])
        self.assertEqual(result["addresses_source"], "dns")
        checked = daemon.ctl_json("dns", "check", "example.test")
        ptr = [r for r in checked["records"] if r["type"] == "PTR"]
        self.assertEqual([(r["name"], r["status"]) for r in ptr], [(V4_REVERSE, "ok")])

    def test_other_requests_are_served_while_a_check_runs(self):
        daemon = self.start_daemon(public_addresses=V4)
        with IpcConnection(daemon.socket) as c:
            ids = []
            for method, params in (("dns.check", {"domain": "example.test"}),
                                   ("system.status", None),
                                   ("dns.check", {"domain": "nope.test"})):
                msg = {"jsonrpc": "2.0", "id": len(ids) + 1, "method": method}
                if params is not None:
                    msg["params"] = params
                ids.append(msg["id"])
                c.send_raw(json.dumps(msg).encode() + b"\n")
            replies = [c.read_message() for _ in ids]
        # In request order, the deferred reply first.
        self.assertEqual([r["id"] for r in replies], ids)
        self.assertEqual(replies[0]["result"]["summary"]["ok"], 8)
        self.assertEqual(replies[1]["result"]["hostname"], HOST)
        self.assertEqual(replies[2]["error"]["code"], 1001)
        self.assertEqual(replies[2]["error"]["data"]["field"], "domain")


class FailureTests(DnsTestCase):
    def test_a_silent_server_gives_errors_within_the_timeout(self):
        # Nothing listens on this port: every query times out.
        daemon = Daemon(dns={"servers": "127.0.0.1@%d" % free_port(), "timeout": "1",
                             "public_addresses": V4}).start()
        self.addCleanup(daemon.cleanup)
        daemon.ctl("domain", "add", "example.test")
        started = time.monotonic()
        result = daemon.ctl_json("dns", "check", "example.test")
        self.assertLess(time.monotonic() - started, 15)
        statuses = {r["name"] + " " + r["type"]: r["status"] for r in result["records"]}
        self.assertEqual(statuses.pop("_domainkey.example.test TXT"), "missing")
        self.assertEqual(set(statuses.values()), {"error"}, statuses)
        self.assertEqual(result["summary"]["error"], len(statuses))

    def test_bad_requests(self):
        daemon = self.start_daemon(public_addresses=V4)
        r = daemon.ctl("dns", "check", "unknown.test")
        self.assertEqual(r.returncode, 1)
        self.assertIn("domain:", r.stderr)
        r = daemon.ctl("dns", "records", "example.test", "other.test")
        self.assertEqual(r.returncode, 2)
        with daemon.connect() as c:
            reply = c.request("dns.records", {"domain": "example.test", "zone": "yes"})
            self.assertEqual(reply["error"]["code"], -32602)
            reply = c.request("dns.check", {"domain": "example.test", "extra": 1})
            self.assertEqual(reply["error"]["code"], -32602)
            # Without a domain the params stay strict.
            reply = c.request("dns.check", {"extra": 1})
            self.assertEqual(reply["error"]["code"], -32602)
            reply = c.request("dns.check", {"domain": 7})
            self.assertEqual(reply["error"]["code"], -32602)


class ServerRowsTests(DnsTestCase):
    """Without a domain: only the host name's A/AAAA and the PTR rows, so the
    setup wizard can check them before the first domain exists."""

    SERVER_ROWS = {(HOST, "A"): "address", (HOST, "AAAA"): "address",
                   (V4_REVERSE, "PTR"): "ptr", (V6_REVERSE, "PTR"): "ptr"}

    def start_daemon_without_domain(self):
        daemon = Daemon(dns={"servers": "127.0.0.1@%d" % self.nsd.port, "trust_anchor": "",
                             "public_addresses": "%s %s" % (V4, V6)}).start()
        self.addCleanup(daemon.cleanup)
        return daemon

    def test_check_without_a_domain(self):
        daemon = self.start_daemon_without_domain()
        result = daemon.ctl_json("dns", "check")
        self.assertNotIn("domain", result)
        self.assertEqual(result["hostname"], HOST)
        self.assertEqual(result["addresses"], [V4, V6])
        rows = {(r["name"], r["type"]): r for r in result["records"]}
        self.assertEqual({key: row["role"] for key, row in rows.items()}, self.SERVER_ROWS)
        for key in self.SERVER_ROWS:
            with self.subTest(row=key):
                status, found = EXPECTED[key]
                self.assertEqual(rows[key]["status"], status, rows[key])
                self.assertEqual(rows[key]["found"], found, rows[key])
        self.assertIs(rows[(V4_REVERSE, "PTR")]["forward_confirmed"], True)
        self.assertIs(rows[(V6_REVERSE, "PTR")]["forward_confirmed"], False)
        self.assertIn("not forward-confirmed", rows[(V6_REVERSE, "PTR")]["detail"])
        self.assertEqual(result["summary"], {"ok": 2, "missing": 1, "different": 1, "error": 0})

        with daemon.connect() as c:
            reply = c.request("dns.check", {})
            self.assertEqual(reply["result"]["summary"], result["summary"])
            reply = c.request("dns.check", {"domain": "example.test"})
            self.assertEqual(reply["error"]["data"]["field"], "domain")

        r = daemon.ctl("dns", "check")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Mail server mail.example.test at 198.18.0.25, 2001:2::25 (from config)",
                      r.stdout)
        self.assertIn("\n4 records: 2 ok, 1 missing, 1 different, 0 error\n", r.stdout)

    def test_records_without_a_domain(self):
        daemon = self.start_daemon_without_domain()
        result = daemon.ctl_json("dns", "records", "--zone")
        self.assertNotIn("domain", result)
        self.assertEqual({(r["name"], r["type"]): r["role"] for r in result["records"]},
                         self.SERVER_ROWS)
        self.assertIn("; DNS records of mail server mail.example.test", result["zone"])
        self.assertRegex(result["zone"], r"\n" + re.escape(V4_REVERSE + ".")
                         + r" +3600 IN PTR +mail\.example\.test\.\n")


class DnssecTests(DnsTestCase):
    def rows(self, daemon, domain):
        result = daemon.ctl_json("dns", "check", domain)
        return {(r["name"], r["type"]): r for r in result["records"]}

    def test_unsigned_test_zone_with_the_default_root_anchor(self):
        # installers/dev/packages.txt installs dns-root-data.
        self.assertTrue(os.path.exists("/usr/share/dns/root.key"),
                        "no /usr/share/dns/root.key: install the package dns-root-data")
        daemon = Daemon(dns={"servers": "127.0.0.1@%d" % self.nsd.port,
                             "public_addresses": V4}).start()
        self.addCleanup(daemon.cleanup)
        daemon.ctl_json("domain", "add", "example.test")
        rows = self.rows(daemon, "example.test")
        mx = rows[("example.test", "MX")]
        self.assertEqual((mx["status"], mx["dnssec"]), ("ok", "insecure"), mx)
        self.assertEqual(rows[(HOST, "A")]["status"], "ok")

    def test_signed_zone_is_secure(self):
        daemon = self.start_daemon("signed.test", trust_anchor=self.nsd.anchor,
                                   public_addresses=V4)
        rows = self.rows(daemon, "signed.test")
        mx = rows[("signed.test", "MX")]
        self.assertEqual((mx["status"], mx["dnssec"]), ("ok", "secure"), mx)
        spf = rows[("signed.test", "TXT")]
        self.assertEqual((spf["status"], spf["dnssec"]), ("ok", "secure"), spf)
        # A name proven absent (NSEC) is missing, securely.
        dmarc = rows[("_dmarc.signed.test", "TXT")]
        self.assertEqual((dmarc["status"], dmarc["dnssec"]), ("missing", "secure"), dmarc)
        # example.test is outside the anchor: insecure, as before.
        self.assertEqual(rows[(HOST, "A")]["dnssec"], "insecure")

    def test_broken_signature_is_bogus(self):
        daemon = self.start_daemon("broken.test", trust_anchor=self.nsd.anchor,
                                   public_addresses=V4)
        rows = self.rows(daemon, "broken.test")
        mx = rows[("broken.test", "MX")]
        self.assertEqual((mx["status"], mx["dnssec"]), ("error", "bogus"), mx)
        self.assertIn("DNSSEC validation failed", mx["detail"])
        self.assertIn("signature", mx["detail"].lower())
        # The other records of the zone still validate.
        self.assertEqual(rows[("broken.test", "TXT")]["dnssec"], "secure")
        r = daemon.ctl("dns", "check", "broken.test")
        self.assertIn("DNSSEC validation failed", r.stdout)

    def test_missing_anchor_file_is_a_config_error(self):
        daemon = Daemon(dns={"trust_anchor": os.path.join(self.nsd.dir, "nope.key")})
        self.addCleanup(daemon.cleanup)
        daemon.start(expect_ready=False)
        self.assertNotEqual(daemon.wait(30), 0)
        self.assertIn("[dns] trust_anchor", daemon.stderr())


class ReloadTests(DnsTestCase):
    def test_sighup_applies_new_dns_settings(self):
        # First a server that never answers, then nsd after a SIGHUP: the
        # same daemon, no restart.
        silent = {"servers": "127.0.0.1@%d" % free_port(), "timeout": "1",
                  "public_addresses": V4, "trust_anchor": ""}
        daemon = Daemon(dns=silent).start()
        self.addCleanup(daemon.cleanup)
        daemon.ctl_json("domain", "add", "example.test")
        rows = {(r["name"], r["type"]): r
                for r in daemon.ctl_json("dns", "check", "example.test")["records"]}
        self.assertEqual(rows[("example.test", "MX")]["status"], "error")

        with open(daemon.config_path, "w") as f:
            f.write(free_config(daemon.tmp, dns=dict(silent, servers="127.0.0.1@%d"
                                                     % self.nsd.port)))
        daemon.signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while True:
            rows = {(r["name"], r["type"]): r
                    for r in daemon.ctl_json("dns", "check", "example.test")["records"]}
            if rows[("example.test", "MX")]["status"] == "ok":
                break
            self.assertLess(time.monotonic(), deadline, "SIGHUP did not apply [dns] servers")
            time.sleep(0.5)

        # A bad anchor on reload keeps the running settings.
        with open(daemon.config_path, "w") as f:
            f.write(free_config(daemon.tmp, dns=dict(silent, trust_anchor=daemon.config_path)))
        daemon.signal(signal.SIGHUP)
        time.sleep(1)
        self.assertEqual(daemon.ctl_json("dns", "check", "example.test")["summary"]["ok"], 8)


class RecordsTests(DnsTestCase):
    def test_table_and_zone_snippet(self):
        daemon = self.start_daemon(public_addresses="%s %s" % (V4, V6))
        result = daemon.ctl_json("dns", "records", "example.test")
        self.assertNotIn("zone", result)
        rows = [(r["name"], r["type"], r["value"]) for r in result["records"]]
        self.assertEqual(len(rows), len(EXPECTED))
        self.assertIn(("example.test", "TXT", "v=spf1 mx -all"), rows)
        self.assertIn(("_dmarc.example.test", "TXT",
                       "v=DMARC1; p=quarantine; rua=mailto:postmaster@example.test"), rows)
        self.assertIn((V6_REVERSE, "PTR", HOST), rows)
        sts = [r for r in result["records"] if r["name"] == "_mta-sts.example.test"][0]
        self.assertRegex(sts["value"], r"^v=STSv1; id=[0-9a-f]{32}$")

        r = daemon.ctl("dns", "records", "example.test", "--zone")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = [" ".join(l.split()) for l in r.stdout.splitlines() if l and not l.startswith(";")]
        self.assertIn("example.test. 3600 IN MX 10 mail.example.test.", lines)
        self.assertIn('example.test. 3600 IN TXT "v=spf1 mx -all"', lines)
        self.assertIn("_imaps._tcp.example.test. 3600 IN SRV 0 1 993 mail.example.test.", lines)
        self.assertIn("%s. 3600 IN PTR mail.example.test." % V4_REVERSE, lines)
        self.assertIn("; _domainkey.example.test. TXT: dkim key not generated", r.stdout)

        # The snippet is a valid zone for a real server: nsd-checkzone accepts it.
        checkzone = shutil.which("nsd-checkzone") or "/usr/sbin/nsd-checkzone"
        with tempfile.NamedTemporaryFile("w", suffix=".zone") as f:
            f.write("$TTL 300\nexample.test. IN SOA ns.example.test. h.example.test. 1 2 3 4 5\n"
                    "example.test. IN NS ns.example.test.\n")
            f.write("\n".join(l for l in r.stdout.splitlines()
                              if "in-addr.arpa" not in l and "ip6.arpa" not in l) + "\n")
            f.flush()
            check = subprocess.run([checkzone, "example.test", f.name],
                                   capture_output=True, text=True)
            self.assertEqual(check.returncode, 0, check.stdout + check.stderr)

    def test_human_table(self):
        daemon = self.start_daemon(public_addresses=V4)
        r = daemon.ctl("dns", "records", "example.test")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"MX\s+example\.test\s+10 mail\.example\.test")
        self.assertIn("(dkim key not generated: run mailsteadctl dkim generate example.test)",
                      r.stdout)


if __name__ == "__main__":
    unittest.main()
