"""ACME end to end against pebble (Let's Encrypt's test CA) with
pebble-challtestsrv as its DNS: a full issuance for the hostname and the
per-domain names over HTTP-01 served by the daemon's http listener, a
failing challenge with the CA's words and a successful retry, a renewal
installed while an open TLS session goes on."""

import imaplib
import json
import os
import shutil
import smtplib
import subprocess
import tempfile
import time
import unittest
import urllib.request

from mailstead_harness import Daemon, RpcError, tool
from smtp_support import smtp_port, unverified_context

HOSTNAME = "mail.example.test"


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, what, timeout=30):
    import socket
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError("%s exited with %s" % (what, proc.returncode))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("%s did not listen on %d" % (what, port))


def http_port(daemon):
    for listener in daemon.rpc("system.status")["listeners"]:
        if listener["service"] == "http":
            return listener["port"]
    raise AssertionError("no http listener")


def served_certificate(port, starttls="smtp"):
    """(issuer line, serial line) of the certificate a new session gets:
    STARTTLS on an SMTP port, or implicit TLS with starttls=None."""
    command = [tool("openssl"), "s_client", "-connect", "127.0.0.1:%d" % port]
    if starttls:
        command[2:2] = ["-starttls", starttls]
    r = subprocess.run(command, input="QUIT\n", capture_output=True, text=True, timeout=30)
    x509 = subprocess.run([tool("openssl"), "x509", "-noout", "-issuer", "-serial"],
                          input=r.stdout, capture_output=True, text=True, timeout=30)
    lines = x509.stdout.splitlines()
    if len(lines) != 2:
        raise AssertionError("no certificate from s_client:\n" + r.stdout + r.stderr)
    return lines[0], lines[1]


class AcmeCase(unittest.TestCase):
    """A daemon, pebble and pebble-challtestsrv; ini_acme() is the INI [acme]."""

    def ini_acme(self, ca_file):
        return {"directory": self.directory_url(), "email": "admin@example.test",
                "ca_file": ca_file}

    def directory_url(self):
        return "https://127.0.0.1:%d/dir" % self.pebble_port

    def pebble_extra(self):
        return {}

    def setUp(self):
        self.pebble_port = free_port()
        tmp = tempfile.mkdtemp(prefix="mailstead-acme-")
        self.addCleanup(shutil.rmtree, tmp, True)
        # pebble's own TLS identity, trusted by the daemon through [acme] ca_file.
        cert, key = os.path.join(tmp, "pebble-cert.pem"), os.path.join(tmp, "pebble-key.pem")
        subprocess.run([tool("openssl"), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj",
                        "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-keyout", key, "-out", cert], check=True, capture_output=True, timeout=60)
        self.daemon = Daemon(tmp=tmp, acme=self.ini_acme(cert))
        self.addCleanup(self.daemon.cleanup)
        self.daemon.start()
        self.assertEqual(self.daemon.ctl("domain", "add", "example.test").returncode, 0)

        dns_port, self.mgmt_port = free_port(), free_port()
        self.challtest = subprocess.Popen(
            [tool("pebble-challtestsrv"), "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
             "-dns01", "127.0.0.1:%d" % dns_port, "-http01", "", "-https01", "",
             "-tlsalpn01", "", "-management", "127.0.0.1:%d" % self.mgmt_port],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(self.stop, self.challtest)
        config = os.path.join(tmp, "pebble.json")
        with open(config, "w") as f:
            json.dump({"pebble": {
                "listenAddress": "127.0.0.1:%d" % self.pebble_port,
                "managementListenAddress": "127.0.0.1:%d" % free_port(),
                "certificate": cert, "privateKey": key,
                "httpPort": http_port(self.daemon), "tlsPort": free_port(),
                "ocspResponderURL": "", "externalAccountBindingRequired": False,
                **self.pebble_extra()}}, f)
        env = dict(os.environ, PEBBLE_VA_NOSLEEP="1", PEBBLE_WFE_NONCEREJECT="0")
        self.pebble_log = open(os.path.join(tmp, "pebble.log"), "w")
        self.addCleanup(self.pebble_log.close)
        self.pebble = subprocess.Popen([tool("pebble"), "-config", config, "-dnsserver",
                                        "127.0.0.1:%d" % dns_port], env=env,
                                       stdout=self.pebble_log, stderr=subprocess.STDOUT)
        self.addCleanup(self.stop, self.pebble)
        wait_for_port(self.mgmt_port, self.challtest, "pebble-challtestsrv")
        wait_for_port(self.pebble_port, self.pebble, "pebble")

    @staticmethod
    def stop(proc):
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def challtest_call(self, path, body):
        request = urllib.request.Request("http://127.0.0.1:%d/%s" % (self.mgmt_port, path),
                                         data=json.dumps(body).encode(), method="POST")
        urllib.request.urlopen(request, timeout=10).read()



class AcmeTest(AcmeCase):
    def test_issue_fail_retry_renew(self):
        names = ["autoconfig.example.test", "autodiscover.example.test", HOSTNAME,
                 "mta-sts.example.test"]
        # A challenge that cannot succeed: autoconfig. points where nothing listens.
        self.challtest_call("add-a", {"host": "autoconfig.example.test.",
                                      "addresses": ["127.0.0.2"]})
        r = self.daemon.ctl("cert", "request")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("could not validate autoconfig.example.test", r.stderr)
        self.assertIn("127.0.0.2", r.stderr)   # the CA's own words
        status = self.daemon.ctl_json("cert", "status")
        self.assertEqual(status["source"], "self-signed")
        self.assertIn("autoconfig.example.test", status["acme"]["last_error"])

        # Fixed DNS, asked again: issued and installed.
        self.challtest_call("clear-a", {"host": "autoconfig.example.test."})
        issued = self.daemon.ctl_json("cert", "request")
        self.assertEqual(issued["source"], "acme")
        self.assertEqual(sorted(issued["names"]), names)
        self.assertIn("Pebble", issued["issuer"])
        self.assertNotIn("last_error", issued["acme"])
        port = smtp_port(self.daemon)
        issuer, serial = served_certificate(port)
        self.assertIn("Pebble", issuer)
        # The account key was kept for the next order.
        key = os.path.join(self.daemon.tmp, "data", "tls", "acme-account.pem")
        self.assertEqual(os.stat(key).st_mode & 0o077, 0)

        # Renewal while a TLS session is open: it goes on, new ones get the new chain.
        session = smtplib.SMTP("127.0.0.1", port, timeout=30)
        session.ehlo("client.example")
        session.starttls(context=unverified_context())
        session.ehlo("client.example")
        renewed = self.daemon.ctl_json("cert", "renew")
        self.assertEqual(renewed["source"], "acme")
        self.assertEqual(session.noop()[0], 250)
        issuer, renewed_serial = served_certificate(port)
        self.assertIn("Pebble", issuer)
        self.assertNotEqual(renewed_serial, serial)
        session.quit()
        # The renewal survives a restart.
        self.daemon.stop()
        self.daemon.start()
        self.assertEqual(self.daemon.ctl_json("cert", "status")["source"], "acme")


class AcmeParamsTest(AcmeCase):
    """cert.request with its own account settings, none in the INI file."""

    def ini_acme(self, ca_file):
        return {"email": "", "ca_file": ca_file}

    def test_request_with_params_and_renew_with_stored_ones(self):
        with self.assertRaises(RpcError) as bad:
            self.daemon.rpc("cert.request", {"email": "not an address",
                                             "directory": self.directory_url(),
                                             "agree_terms": True})
        self.assertEqual(bad.exception.code, -32602)
        self.assertEqual(bad.exception.data.get("field"), "email")
        with self.assertRaises(RpcError) as unagreed:
            self.daemon.rpc("cert.request", {"email": "wizard@example.test",
                                             "directory": self.directory_url()})
        self.assertEqual(unagreed.exception.data.get("field"), "agree_terms")
        with self.assertRaises(RpcError) as plain:
            self.daemon.rpc("cert.request", {"directory": "http://127.0.0.1/dir",
                                             "agree_terms": True})
        self.assertEqual(plain.exception.data.get("field"), "directory")
        self.assertEqual(self.daemon.ctl_json("cert", "status")["source"], "self-signed")

        issued = self.daemon.ctl_json("cert", "request", "--email", "wizard@example.test",
                                      "--directory", self.directory_url(), "--agree-terms")
        self.assertEqual(issued["source"], "acme")
        self.assertIn("Pebble", issued["issuer"])
        self.assertEqual(issued["acme"]["email"], "wizard@example.test")
        self.assertEqual(issued["acme"]["directory"], self.directory_url())
        # A renewal without parameters uses them.
        renewed = self.daemon.ctl_json("cert", "renew")
        self.assertEqual(renewed["source"], "acme")
        self.assertIn("Pebble", renewed["issuer"])
        # They come from config.db after a restart, not from the INI file
        # (which names neither; pebble's httpPort no longer fits the new
        # listener, so no further order here).
        self.daemon.stop()
        self.daemon.start()
        acme = self.daemon.ctl_json("cert", "status")["acme"]
        self.assertEqual(acme["email"], "wizard@example.test")
        self.assertEqual(acme["directory"], self.directory_url())


class AcmeRenewalTest(AcmeCase):
    """Renewal by the daemon's own timer: pebble issues certificates valid for
    LIFETIME seconds, so two thirds of the lifetime pass during the test and
    the renewal happens without any command, while an IMAPS session stays open."""

    LIFETIME = 45

    def ini_acme(self, ca_file):
        return dict(super().ini_acme(ca_file), renewal_check="2s")

    def pebble_extra(self):
        return {"certificateValidityPeriod": self.LIFETIME}

    def test_automatic_renewal_keeps_open_sessions(self):
        issued = self.daemon.ctl_json("cert", "request")
        self.assertEqual(issued["source"], "acme")
        imaps = None
        for listener in self.daemon.rpc("system.status")["listeners"]:
            if listener["service"] == "imaps":
                imaps = listener["port"]
        self.assertIsNotNone(imaps)
        first = served_certificate(imaps, starttls=None)
        self.assertIn("Pebble", first[0])
        session = imaplib.IMAP4_SSL("127.0.0.1", imaps, ssl_context=unverified_context(),
                                    timeout=30)
        self.addCleanup(session.shutdown)
        self.assertEqual(session.noop()[0], "OK")
        # Renewal is due after two thirds of LIFETIME; the timer looks every 2 s.
        deadline = time.monotonic() + self.LIFETIME + 30
        while True:
            current = served_certificate(imaps, starttls=None)
            if current[1] != first[1]:
                break
            self.assertLess(time.monotonic(), deadline, "no automatic renewal")
            time.sleep(2)
        self.assertIn("Pebble", current[0])
        self.assertEqual(session.noop()[0], "OK")  # the open session went on
        status = self.daemon.ctl_json("cert", "status")
        self.assertEqual(status["source"], "acme")
        self.assertNotIn("last_error", status["acme"])


if __name__ == "__main__":
    unittest.main()
