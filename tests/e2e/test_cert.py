"""Certificates end to end: cert status, import (and every refusal through
mailsteadctl), self-signed re-issue, and hot reload: an SMTP session that
did STARTTLS before an import keeps working, the next one gets the new
certificate (seen by openssl s_client). Per-domain certificates chosen by
SNI: openssl s_client -servername and Python's ssl with server_hostname on
every TLS port (implicit and STARTTLS), the main certificate without a name
or for an unknown one, SIGHUP reload and cert remove."""

import os
import signal
import smtplib
import socket
import ssl
import subprocess
import time
import unittest

from mailstead_harness import DaemonTestCase, tool
from smtp_support import smtp_port, unverified_context

HOSTNAME = "mail.example.test"


def openssl(*args, cwd):
    subprocess.run([tool("openssl")] + list(args), cwd=cwd, check=True, capture_output=True,
                   timeout=60)


def read(path):
    with open(path) as f:
        return f.read()


def make_pki(directory):
    """A root and a leaf for HOSTNAME signed by it, as PEM files in directory."""
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-days", "30", "-subj", "/CN=E2E Test Root", "-addext",
            "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign",
            "-keyout", "root.key", "-out", "root.pem", cwd=directory)
    for name, sans in (("leaf", "DNS:%s,DNS:imap.example.test" % HOSTNAME),
                       ("other", "DNS:www.example.test")):
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=%s" % sans.split(",")[0][4:], "-keyout", name + ".key",
                "-out", name + ".csr", cwd=directory)
        with open(os.path.join(directory, name + ".ext"), "w") as f:
            f.write("subjectAltName=%s\nextendedKeyUsage=serverAuth\n" % sans)
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "root.pem", "-CAkey", "root.key",
                "-CAcreateserial", "-days", "20", "-extfile", name + ".ext", "-out",
                name + ".pem", cwd=directory)
    path = lambda n: os.path.join(directory, n)  # noqa: E731
    with open(path("chain.pem"), "w") as out:
        out.write(read(path("leaf.pem")) + read(path("root.pem")))
    with open(path("reversed.pem"), "w") as out:
        out.write(read(path("root.pem")) + read(path("leaf.pem")))
    return path


def served_certificate(port):
    """The subject line openssl s_client sees after STARTTLS on the SMTP port."""
    r = subprocess.run([tool("openssl"), "s_client", "-starttls", "smtp", "-connect",
                        "127.0.0.1:%d" % port, "-servername", HOSTNAME],
                       input="QUIT\n", capture_output=True, text=True, timeout=30)
    for line in r.stdout.splitlines():
        if line.startswith("subject="):
            return line
    raise AssertionError("no certificate from s_client:\n" + r.stdout + r.stderr)


class CertificateTest(DaemonTestCase):
    def status(self):
        return self.daemon.ctl_json("cert", "status")

    def test_self_signed_at_start_follows_the_domains(self):
        status = self.status()
        self.assertEqual(status["source"], "self-signed")
        self.assertTrue(status["self_signed"])
        self.assertIn(HOSTNAME, status["names"])
        self.assertGreater(status["days_left"], 300)
        self.assertCtlOk("domain", "add", "example.test")
        names = self.status()["names"]
        for prefix in ("autoconfig.", "autodiscover.", "mta-sts."):
            self.assertIn(prefix + "example.test", names)
        text = self.assertCtlOk("cert", "status")
        self.assertIn("Source:", text)
        self.assertIn("autoconfig.example.test", text)
        self.assertIn("days left", text)

    def test_import_hot_reload_and_back_to_self_signed(self):
        pki = make_pki(self.daemon.tmp)
        port = smtp_port(self.daemon)
        self.assertIn(HOSTNAME, served_certificate(port))
        # A session with TLS established before the import.
        before = smtplib.SMTP("127.0.0.1", port, timeout=30)
        before.ehlo("client.example")
        before.starttls(context=unverified_context())
        before.ehlo("client.example")

        result = self.daemon.ctl_json("cert", "import", pki("chain.pem"), pki("leaf.key"))
        self.assertEqual(result["source"], "imported")
        self.assertEqual(result["issuer"], "E2E Test Root")
        self.assertEqual(sorted(result["names"]), ["imap.example.test", HOSTNAME])
        self.assertLessEqual(result["days_left"], 20)
        self.assertEqual(self.status()["issuer"], "E2E Test Root")
        # The open session goes on; a new one sees the imported certificate
        # (its issuer is the test root, not the hostname).
        self.assertEqual(before.noop()[0], 250)
        before.quit()
        r = subprocess.run([tool("openssl"), "s_client", "-starttls", "smtp", "-connect",
                            "127.0.0.1:%d" % port, "-CAfile", pki("root.pem"),
                            "-verify_hostname", HOSTNAME, "-verify_return_error"],
                           input="QUIT\n", capture_output=True, text=True, timeout=30)
        self.assertIn("Verify return code: 0 (ok)", r.stdout, r.stdout + r.stderr)

        # Renewing an imported certificate is the administrator's import.
        r = self.daemon.ctl("cert", "renew")
        self.assertEqual(r.returncode, 1)
        self.assertIn("importing its successor", r.stderr)
        # The import survives a restart.
        self.daemon.stop()
        self.daemon.start()
        self.assertEqual(self.status()["source"], "imported")
        result = self.daemon.ctl_json("cert", "selfsigned")
        self.assertEqual(result["source"], "self-signed")
        self.assertIn(HOSTNAME, served_certificate(smtp_port(self.daemon)))
        renewed = self.daemon.ctl_json("cert", "renew")
        self.assertEqual(renewed["source"], "self-signed")

    def test_every_refusal_says_what_to_fix(self):
        pki = make_pki(self.daemon.tmp)
        garbage = os.path.join(self.daemon.tmp, "garbage.pem")
        with open(garbage, "w") as f:
            f.write("this is not PEM\n")
        cases = [
            ((pki("chain.pem"), pki("other.key")), "does not belong to certificate 1"),
            ((pki("reversed.pem"), pki("leaf.key")), "the chain is not in order"),
            ((pki("other.pem"), pki("other.key")), "does not cover %s" % HOSTNAME),
            ((garbage, pki("leaf.key")), "no certificate in the chain file"),
            ((pki("chain.pem"), garbage), "the private key cannot be read"),
            ((pki("leaf.key"), pki("leaf.key")), "holds a private key"),
        ]
        for args, message in cases:
            with self.subTest(message=message):
                r = self.daemon.ctl("cert", "import", *args)
                self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
                self.assertIn(message, r.stderr)
        # JSON-RPC errors name the field to fix.
        with self.daemon.connect() as c:
            r = c.request("cert.import", {"chain": read(pki("chain.pem")),
                                          "key": read(pki("other.key"))})
            self.assertEqual(r["error"]["data"]["field"], "key")
            r = c.request("cert.import", {"chain": "x", "key": read(pki("leaf.key"))})
            self.assertEqual(r["error"]["data"]["field"], "chain")
        # A missing file is a usage error on the client side.
        r = self.daemon.ctl("cert", "import", os.path.join(self.daemon.tmp, "nope.pem"),
                            pki("leaf.key"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot read CHAIN file", r.stderr)
        # Nothing was installed by any of these.
        self.assertEqual(self.status()["source"], "self-signed")


def make_domain_certificate(directory, name, common_name, sans, days=20):
    """A leaf named common_name for sans, signed by make_pki's root."""
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-subj", "/CN=%s" % common_name, "-keyout", name + ".key", "-out", name + ".csr",
            cwd=directory)
    with open(os.path.join(directory, name + ".ext"), "w") as f:
        f.write("subjectAltName=%s\nextendedKeyUsage=serverAuth\n"
                % ",".join("DNS:" + san for san in sans))
    openssl("x509", "-req", "-in", name + ".csr", "-CA", "root.pem", "-CAkey", "root.key",
            "-CAcreateserial", "-days", str(days), "-extfile", name + ".ext", "-out",
            name + ".pem", cwd=directory)
    return os.path.join(directory, name + ".pem"), os.path.join(directory, name + ".key")


# (listener, openssl -starttls protocol or None for implicit TLS)
TLS_PORTS = [("imaps", None), ("pop3s", None), ("submissions", None), ("https", None),
             ("smtp", "smtp"), ("submission", "smtp"), ("imap", "imap"), ("pop3", "pop3")]
A_NAMES = ["mail.a.test", "imap.a.test", "pop.a.test"]


class SniTest(DaemonTestCase):
    """Per-domain certificates, selected by the client's server name."""

    def served_subject(self, service, starttls, servername):
        args = [tool("openssl"), "s_client", "-connect",
                "127.0.0.1:%d" % smtp_port(self.daemon, service)]
        args += ["-starttls", starttls] if starttls else []
        args += ["-servername", servername] if servername else ["-noservername"]
        r = subprocess.run(args, input="", capture_output=True, text=True, timeout=30)
        for line in r.stdout.splitlines():
            if line.startswith("subject="):
                return line
        raise AssertionError("no certificate from s_client on %s:\n%s%s"
                             % (service, r.stdout, r.stderr))

    def test_domain_certificate_by_server_name(self):
        pki = make_pki(self.daemon.tmp)
        chain, key = make_domain_certificate(self.daemon.tmp, "a", "A Test Mail", A_NAMES)
        result = self.daemon.ctl_json("cert", "import", chain, key, "--domain", "a.test")
        self.assertEqual(result["source"], "self-signed")  # the main one is unchanged
        self.assertEqual(len(result["domains"]), 1)
        domain = result["domains"][0]
        self.assertEqual(domain["domain"], "a.test")
        self.assertEqual(sorted(domain["names"]), sorted(A_NAMES))
        self.assertEqual(domain["issuer"], "E2E Test Root")
        text = self.assertCtlOk("cert", "status")
        self.assertIn("Domain:", text)
        self.assertIn("imap.a.test", text)

        for service, starttls in TLS_PORTS:
            with self.subTest(service=service):
                self.assertIn("A Test Mail", self.served_subject(service, starttls, "imap.a.test"))
                self.assertIn(HOSTNAME, self.served_subject(service, starttls, None))
                self.assertIn(HOSTNAME, self.served_subject(service, starttls, "www.c.test"))

        # Python's ssl verifies the chain and the name: only the domain's
        # certificate passes for mail.a.test.
        context = ssl.create_default_context(cafile=pki("root.pem"))
        port = smtp_port(self.daemon, "imaps")
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
            with context.wrap_socket(raw, server_hostname="mail.a.test") as tls:
                self.assertTrue(tls.recv(1024).startswith(b"* OK"))
                subject = dict(item[0] for item in tls.getpeercert()["subject"])
                self.assertEqual(subject["commonName"], "A Test Mail")
        with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
            with self.assertRaises(ssl.SSLCertVerificationError):
                context.wrap_socket(raw, server_hostname="mail.b.test")
        # Over SMTP STARTTLS too.
        with smtplib.SMTP("127.0.0.1", smtp_port(self.daemon), timeout=30) as smtp:
            smtp._host = "mail.a.test"  # the name starttls() sends as SNI
            smtp.ehlo("client.test")
            smtp.starttls(context=context)
            self.assertEqual(smtp.ehlo("client.test")[0], 250)

    def test_refusals_reload_and_remove(self):
        make_pki(self.daemon.tmp)
        other_chain, other_key = make_domain_certificate(self.daemon.tmp, "b", "B", ["mail.b.test"])
        r = self.daemon.ctl("cert", "import", other_chain, other_key, "--domain", "a.test")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("the certificate names nothing in a.test", r.stderr)
        with self.daemon.connect() as c:
            reply = c.request("cert.import", {"chain": read(other_chain), "key": read(other_key),
                                              "domain": "not a domain"})
            self.assertEqual(reply["error"]["data"]["field"], "domain")
        self.assertEqual(self.daemon.ctl_json("cert", "status")["domains"], [])
        r = self.daemon.ctl("cert", "remove")
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)

        chain, key = make_domain_certificate(self.daemon.tmp, "a1", "First A", A_NAMES)
        self.daemon.ctl_json("cert", "import", chain, key, "--domain", "a.test")
        self.assertIn("First A", self.served_subject("pop3s", None, "pop.a.test"))
        # New files behind the daemon's back, then SIGHUP.
        chain, key = make_domain_certificate(self.daemon.tmp, "a2", "Second A", A_NAMES)
        target = os.path.join(self.daemon.tmp, "data", "tls", "domains", "a.test")
        for source, name in ((key, "privkey.pem"), (chain, "fullchain.pem")):
            with open(os.path.join(target, name), "w") as f:
                f.write(read(source))
        self.daemon.signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while "Second A" not in self.served_subject("pop3s", None, "pop.a.test"):
            self.assertLess(time.monotonic(), deadline, "SIGHUP did not reload the certificate")
            time.sleep(0.2)

        # A domain certificate about to expire is a health warning.
        chain, key = make_domain_certificate(self.daemon.tmp, "a3", "Short A", A_NAMES, days=5)
        self.daemon.ctl_json("cert", "import", chain, key, "--domain", "a.test")
        self.daemon.stop()
        self.daemon.start()
        deadline = time.monotonic() + 20
        while self.daemon.rpc("system.status").get("health") != "warning":
            self.assertLess(time.monotonic(), deadline, "no expiry warning")
            time.sleep(0.2)

        removed = self.daemon.ctl_json("cert", "remove", "--domain", "a.test")
        self.assertEqual(removed["domains"], [])
        self.assertIn(HOSTNAME, self.served_subject("pop3s", None, "pop.a.test"))
        self.assertFalse(os.path.exists(target))
        r = self.daemon.ctl("cert", "remove", "--domain", "a.test")
        self.assertEqual(r.returncode, 1)
        self.assertIn("a.test has no certificate of its own", r.stderr)


if __name__ == "__main__":
    unittest.main()
