"""testssl.sh audits every TLS port of a running daemon: the implicit-TLS
listeners (imaps, pop3s, submissions, https) and STARTTLS on smtp,
submission, imap and pop3. No finding may be rated HIGH or CRITICAL, and
no scan may fail.

The daemon serves a certificate from a test CA (given to testssl with
--add-ca) for the hostname, valid for a year and naming a CRL, as a
production certificate would: the audit is about the TLS configuration
(TlsProfile), and a self-signed certificate is by definition untrusted.

Checks run: protocols (-p), standard cipher lists (-s), forward secrecy
(-f), server preference (-P), server defaults and certificate (-S) and the
vulnerabilities (-U); HTTP headers (-h) on https only. Client simulation
(-c) and per-cipher scans (-e, -E) are left out: they take minutes and
restate what -s, -f and -P establish. Ports are scanned AUDIT_PARALLEL at
a time."""

import json
import os
import subprocess
import unittest
from concurrent.futures import ThreadPoolExecutor

from mailstead_harness import DaemonTestCase, tool
from smtp_support import smtp_port

HOSTNAME = "mail.example.test"
# (listener, testssl -t protocol or None for implicit TLS)
AUDITED = [("imaps", None), ("pop3s", None), ("submissions", None), ("https", None),
           ("smtp", "smtp"), ("submission", "smtp"), ("imap", "imap"), ("pop3", "pop3")]
AUDIT_PARALLEL = 4
SCAN_TIMEOUT = 300  # seconds for one port's scan
FAILING = {"HIGH", "CRITICAL", "FATAL"}


def openssl(directory, *args):
    subprocess.run([tool("openssl")] + list(args), cwd=directory, check=True,
                   capture_output=True, timeout=60)


def make_certificate(directory):
    """root.pem, and chain.pem/leaf.key for HOSTNAME signed by it."""
    openssl(directory, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-nodes", "-days", "730", "-subj", "/CN=Audit Test Root", "-addext",
            "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout", "root.key", "-out", "root.pem")
    openssl(directory, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-subj", "/CN=" + HOSTNAME, "-keyout", "leaf.key", "-out", "leaf.csr")
    with open(os.path.join(directory, "leaf.ext"), "w") as f:
        f.write("subjectAltName=DNS:%s\n" % HOSTNAME
                + "extendedKeyUsage=serverAuth\n"
                + "keyUsage=critical,digitalSignature\n"
                + "crlDistributionPoints=URI:http://crl.example.test/root.crl\n")
    openssl(directory, "x509", "-req", "-in", "leaf.csr", "-CA", "root.pem", "-CAkey", "root.key",
            "-CAcreateserial", "-days", "365", "-sha256", "-extfile", "leaf.ext",
            "-out", "leaf.pem")
    with open(os.path.join(directory, "chain.pem"), "w") as out:
        for name in ("leaf.pem", "root.pem"):
            with open(os.path.join(directory, name)) as f:
                out.write(f.read())


class TlsAuditTest(DaemonTestCase):
    def scan(self, service, starttls):
        port = smtp_port(self.daemon, service)
        report = os.path.join(self.daemon.tmp, "testssl-%s.json" % service)
        args = [tool("testssl"), "--quiet", "--color", "0", "--warnings", "off",
                "--connect-timeout", "10", "--openssl-timeout", "10",
                "--ip", "127.0.0.1", "--add-ca", os.path.join(self.daemon.tmp, "root.pem"),
                "--jsonfile", report, "-p", "-s", "-f", "-P", "-S", "-U"]
        if service == "https":
            args.append("-h")
        if starttls:
            args += ["-t", starttls]
        args.append("%s:%d" % (HOSTNAME, port))
        run = subprocess.run(args, capture_output=True, text=True, timeout=SCAN_TIMEOUT,
                             cwd=self.daemon.tmp)
        try:
            with open(report) as f:
                findings = json.load(f)
        except (OSError, ValueError) as e:
            raise AssertionError("testssl on %s wrote no report (%s):\n%s%s"
                                 % (service, e, run.stdout[-3000:], run.stderr[-3000:]))
        return findings

    def test_no_high_or_critical_finding(self):
        make_certificate(self.daemon.tmp)
        self.daemon.ctl_json("cert", "import", os.path.join(self.daemon.tmp, "chain.pem"),
                             os.path.join(self.daemon.tmp, "leaf.key"))
        with ThreadPoolExecutor(max_workers=AUDIT_PARALLEL) as pool:
            results = list(pool.map(lambda entry: (entry[0], self.scan(*entry)), AUDITED))
        for service, findings in results:
            with self.subTest(service=service):
                by_id = {f["id"]: f for f in findings}
                # The scan reached the TLS layer: the protocols were tested
                # and the certificate was seen and trusted.
                self.assertEqual(by_id.get("TLS1_3", {}).get("finding"), "offered with final",
                                 by_id.get("TLS1_3"))
                self.assertEqual(by_id.get("TLS1_2", {}).get("finding"), "offered",
                                 by_id.get("TLS1_2"))
                self.assertEqual(by_id.get("cert_chain_of_trust", {}).get("severity"), "OK",
                                 by_id.get("cert_chain_of_trust"))
                bad = ["%s %s: %s" % (f["severity"], f["id"], f["finding"])
                       for f in findings if f.get("severity") in FAILING]
                self.assertEqual(bad, [], "testssl findings on %s" % service)


if __name__ == "__main__":
    unittest.main()
