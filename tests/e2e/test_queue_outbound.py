"""End-to-end tests of what the queue adds to outgoing mail: DKIM
signatures and the smarthost.

DKIM: a message from an outside sender to an alias whose target is
outside leaves through the queue (origin "forward") and is signed with the
alias domain's key (daemon/queue/OutboundSigning.h); it arrives at the
Python MX of test_queue.py behind nsd, and verifies with dkimpy (the key
given through its dnsfunc) and with OpenDKIM (`opendkim -t` with the key in
TestDNSData: opendkim-testmsg only asks the live DNS); a tampered copy
fails both. A message whose From is the alias domain itself arrives
unsigned (an outsider is not vouched for).

Smarthost: a Python SMTP relay with STARTTLS or implicit TLS and AUTH
(certificate from openssl, trusted through smarthost_ca_file) receives the
mail with the right credentials; wrong ones leave the message deferred
with the relay's 535 in `mailsteadctl queue show`. No DNS is configured for
the recipient domain: the smarthost route needs none.
"""

import base64
import os
import re
import smtplib
import socketserver
import ssl
import subprocess
import tempfile
import threading
import time

from mailstead_harness import tool
from smtp_support import DOMAIN, PASSWORD, SmtpTestCase, smtp_port, unverified_context
from test_dkim import import_dkimpy, require_program
from test_queue import REMOTE, NameServer, RemoteMx

WAIT = 30
RELAY_USER = "relay-user@isp.test"
RELAY_PASSWORD = "correct horse battery staple"


class Waiting:
    def wait_for(self, predicate, what):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.1)
        self.fail("%s did not happen in %ss:\n%s" % (what, WAIT, self.daemon.stderr()[-3000:]))


class DkimSigningTests(Waiting, SmtpTestCase):
    mailboxes = ["alice"]

    @classmethod
    def setUpClass(cls):
        cls.nsd = NameServer()

    @classmethod
    def tearDownClass(cls):
        cls.nsd.stop()

    def setUp(self):
        self.mx = RemoteMx()
        self.addCleanup(self.mx.stop)
        self.daemon_sections = {"dns": {"servers": "127.0.0.1@%d" % self.nsd.port},
                                "queue": {"remote_port": str(self.mx.port)}}
        super().setUp()
        self.dkim = import_dkimpy()
        self.opendkim = require_program("opendkim")
        self.work = tempfile.mkdtemp(prefix="mailstead-signing-", dir=self.daemon.tmp)

    def generate(self, selector, algorithm):
        self.daemon.ctl_json("dkim", "generate", DOMAIN, "--selector", selector,
                             "--algorithm", algorithm)
        for key in self.daemon.ctl_json("dkim", "show", DOMAIN)["keys"]:
            if key["selector"] == selector:
                return "".join(key["dns"]["strings"]).encode()
        self.fail("no key %s" % selector)

    def forward(self, sender, from_field, subject):
        self.assertCtlOk("alias", "add", "fwd@" + DOMAIN, "bob@" + REMOTE)
        message = ("From: %s\r\nTo: fwd@%s\r\nSubject: %s\r\n"
                   "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n"
                   "Message-ID: <%s@outside.test>\r\n\r\n"
                   "Shall we meet at noon?\r\n" % (from_field, DOMAIN, subject, subject)).encode()
        self.expect(self.raw_send(sender, ["fwd@" + DOMAIN], message), 250, what="end of data")
        self.wait_for(lambda: self.mx.messages, "delivery to the remote MX")
        return self.mx.messages[0][2]

    def dkimpy_verifies(self, signed, selector, txt):
        wanted = ("%s._domainkey.%s." % (selector, DOMAIN)).encode()
        return self.dkim.verify(signed, dnsfunc=lambda name, timeout=5:
                                txt if name == wanted else None)

    def opendkim_verifies(self, signed, selector, txt):
        directory = tempfile.mkdtemp(dir=self.work)
        dns = os.path.join(directory, "dns")
        with open(dns, "wb") as f:
            f.write(("%s._domainkey.%s " % (selector, DOMAIN)).encode() + txt + b"\n")
        conf = os.path.join(directory, "opendkim.conf")
        with open(conf, "w") as f:
            f.write("Mode v\nSyslog no\nLogResults yes\nTestDNSData file:%s\n" % dns)
        path = os.path.join(directory, "message")
        with open(path, "wb") as f:
            f.write(signed)
        r = subprocess.run([self.opendkim, "-x", conf, "-t", path],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        output = r.stdout + r.stderr
        verdicts = [line for line in output.splitlines() if "verification (" in line]
        self.assertEqual(len(verdicts), 1, output)
        return verdicts[0].endswith(" succeeded")

    def check_signed_forward(self, algorithm, selector):
        txt = self.generate(selector, algorithm)
        sent = self.forward("carol@outside.test", "Carol <carol@outside.test>", "lunch")
        self.assertTrue(sent.startswith(b"DKIM-Signature: v=1; "), sent[:200])
        self.assertIn(b" d=" + DOMAIN.encode() + b";", sent.split(b"\r\n\r\n")[0])
        self.assertIn(("a=%s-sha256" % algorithm).encode(), sent)
        self.assertTrue(self.dkimpy_verifies(sent, selector, txt), "dkimpy: %r" % sent[:600])
        self.assertTrue(self.opendkim_verifies(sent, selector, txt))
        for old, new in [(b"noon", b"one"), (b"Subject: lunch", b"Subject: dinner"),
                         (b"To: fwd", b"From: Mallory <m@evil.test>\r\nTo: fwd")]:
            tampered = sent.replace(old, new, 1)
            self.assertNotEqual(tampered, sent)
            self.assertFalse(self.dkimpy_verifies(tampered, selector, txt), old)
            self.assertFalse(self.opendkim_verifies(tampered, selector, txt), old)
        counters = self.daemon.rpc("system.status")["counters"]["queue"]
        self.assertEqual(counters["signed_total"], 1)

    def check_verifies_and_tampering_fails(self, sent, selector, txt, algorithm):
        self.assertTrue(sent.startswith(b"DKIM-Signature: v=1; "), sent[:200])
        self.assertIn(b" d=" + DOMAIN.encode() + b";", sent.split(b"\r\n\r\n")[0])
        self.assertIn(("a=%s-sha256" % algorithm).encode(), sent)
        self.assertTrue(self.dkimpy_verifies(sent, selector, txt), "dkimpy: %r" % sent[:600])
        self.assertTrue(self.opendkim_verifies(sent, selector, txt))
        for old, new in [(b"noon", b"one"), (b"Subject: ", b"Subject: Re: "),
                         (b"To: ", b"From: Mallory <m@evil.test>\r\nTo: ")]:
            tampered = sent.replace(old, new, 1)
            self.assertNotEqual(tampered, sent)
            self.assertFalse(self.dkimpy_verifies(tampered, selector, txt), old)
            self.assertFalse(self.opendkim_verifies(tampered, selector, txt), old)

    def test_submitted_on_587_is_signed_with_the_from_domain(self):
        txt = self.generate("sub2026", "rsa")
        client = smtplib.SMTP("127.0.0.1", smtp_port(self.daemon, "submission"), timeout=WAIT)
        self.addCleanup(client.close)
        client.ehlo("client.example.test")
        client.starttls(context=unverified_context())
        client.ehlo("client.example.test")
        client.login("alice@" + DOMAIN, PASSWORD)
        message = ("From: Alice <alice@%s>\r\nTo: bob@%s\r\nSubject: lunch\r\n\r\n"
                   "Shall we meet at noon?\r\n" % (DOMAIN, REMOTE))
        self.assertEqual(client.sendmail("alice@" + DOMAIN, ["bob@" + REMOTE], message), {})
        client.quit()
        self.wait_for(lambda: self.mx.messages, "delivery to the remote MX")
        sent = self.mx.messages[0][2]
        self.check_verifies_and_tampering_fails(sent, "sub2026", txt, "rsa")
        # Message-ID and Date were added by submission before signing: signed.
        signature = re.sub(rb"\s+", b"", sent.split(b"\r\n\r\n")[0]).lower()
        signed_fields = re.search(rb";h=([^;]+)", signature).group(1).split(b":")
        self.assertIn(b"message-id", signed_fields)
        self.assertIn(b"date", signed_fields)

    def test_forward_signed_with_rsa_verifies_and_tampering_fails(self):
        self.check_signed_forward("rsa", "s2026")

    def test_forward_signed_with_ed25519_verifies_and_tampering_fails(self):
        self.check_signed_forward("ed25519", "ed2026")

    def test_outsider_writing_as_our_domain_is_not_signed(self):
        self.generate("s2026", "rsa")
        sent = self.forward("someone@outside.test", "boss@" + DOMAIN, "spoof")
        self.assertNotIn(b"DKIM-Signature", sent)

    def test_without_a_key_mail_goes_unsigned(self):
        sent = self.forward("carol@outside.test", "carol@outside.test", "nokey")
        self.assertNotIn(b"DKIM-Signature", sent)
        self.assertIn(b"Subject: nokey\r\n", sent)


# ---------------------------------------------------------------------------
# The smarthost

def make_certificate(directory):
    cert = os.path.join(directory, "relay.crt")
    key = os.path.join(directory, "relay.key")
    subprocess.run([tool("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)
    return cert, key


class Smarthost(socketserver.ThreadingTCPServer):
    """An authenticating relay: STARTTLS (or implicit TLS), AUTH PLAIN/LOGIN."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, cert, key, implicit=False, mechanisms=("PLAIN", "LOGIN")):
        super().__init__(("127.0.0.1", 0), SmarthostHandler)
        self.port = self.server_address[1]
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert, key)
        self.implicit = implicit
        self.mechanisms = mechanisms
        self.auth = []      # (mechanism, user, password, over tls)
        self.commands = []  # (command verb, over tls)
        self.messages = []  # (mail from, [rcpt], content)
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self):
        self.shutdown()
        self.server_close()


class SmarthostHandler(socketserver.BaseRequestHandler):
    def setup_files(self, sock):
        self.sock = sock
        self.rfile = sock.makefile("rb")

    def send(self, line):
        self.sock.sendall(line.encode() + b"\r\n")

    def finish(self):
        if getattr(self, "sock", None) is not None and self.sock is not self.request:
            self.sock.close()

    def handle(self):
        server = self.server
        tls = False
        sock = self.request
        try:
            if server.implicit:
                sock = server.context.wrap_socket(sock, server_side=True)
                tls = True
        except (ssl.SSLError, OSError):
            return
        self.setup_files(sock)
        self.send("220 relay.isp.test ESMTP")
        authed, mail, rcpts = False, None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            text = line.decode(errors="replace").rstrip("\r\n")
            verb = text.split(" ")[0].upper()
            with server.lock:
                server.commands.append((verb, tls))
            if verb == "EHLO":
                caps = ["PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES"]
                if not tls:
                    caps.append("STARTTLS")
                else:
                    caps.append("AUTH " + " ".join(server.mechanisms))
                self.send("250-relay.isp.test")
                for i, cap in enumerate(caps):
                    self.send(("250 " if i == len(caps) - 1 else "250-") + cap)
            elif verb == "STARTTLS" and not tls:
                self.send("220 2.0.0 go ahead")
                try:
                    sock = server.context.wrap_socket(sock, server_side=True)
                except (ssl.SSLError, OSError):
                    return
                tls = True
                self.setup_files(sock)
            elif verb == "AUTH":
                if not tls:
                    self.send("530 5.7.0 must issue a STARTTLS command first")
                    continue
                parts = text.split(" ")
                mechanism = parts[1].upper() if len(parts) > 1 else ""
                if mechanism == "PLAIN" and "PLAIN" in server.mechanisms and len(parts) > 2:
                    _, user, password = base64.b64decode(parts[2]).split(b"\0")
                elif mechanism == "LOGIN" and "LOGIN" in server.mechanisms:
                    self.send("334 VXNlcm5hbWU6")
                    user = base64.b64decode(self.rfile.readline().strip())
                    self.send("334 UGFzc3dvcmQ6")
                    password = base64.b64decode(self.rfile.readline().strip())
                else:
                    self.send("504 5.5.4 unrecognized authentication type")
                    continue
                with server.lock:
                    server.auth.append((mechanism, user.decode(), password.decode(), tls))
                if user.decode() == RELAY_USER and password.decode() == RELAY_PASSWORD:
                    authed = True
                    self.send("235 2.7.0 Authentication successful")
                else:
                    self.send("535 5.7.8 Error: authentication failed: bad credentials")
            elif verb == "MAIL":
                if not authed:
                    self.send("530 5.7.0 Authentication required")
                    continue
                mail, rcpts = text, []
                self.send("250 2.1.0 ok")
            elif verb == "RCPT":
                rcpts.append(text[text.index("<") + 1:text.index(">")])
                self.send("250 2.1.5 ok")
            elif verb == "DATA":
                self.send("354 go ahead")
                data = b""
                while True:
                    chunk = self.rfile.readline()
                    if not chunk or chunk == b".\r\n":
                        break
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                with server.lock:
                    server.messages.append((mail, rcpts, data))
                self.send("250 2.0.0 relayed")
            elif verb == "QUIT":
                self.send("221 2.0.0 bye")
                return
            else:
                self.send("250 2.0.0 ok")


class SmarthostTests(Waiting, SmtpTestCase):
    mailboxes = ["alice"]
    implicit = False
    mechanisms = ("PLAIN", "LOGIN")
    password = RELAY_PASSWORD

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="mailstead-smarthost-")
        cert, key = make_certificate(self.dir)
        self.relay = Smarthost(cert, key, implicit=self.implicit, mechanisms=self.mechanisms)
        self.addCleanup(self.relay.stop)
        password_file = os.path.join(self.dir, "password")
        with open(password_file, "w") as f:
            f.write(self.password + "\n")
        os.chmod(password_file, 0o600)
        self.daemon_sections = {"queue": {
            "smarthost": "127.0.0.1:%d" % self.relay.port,
            "smarthost_tls": "implicit" if self.implicit else "starttls",
            "smarthost_user": RELAY_USER,
            "smarthost_password_file": password_file,
            "smarthost_ca_file": cert,
            "retry_base": "1h", "retry_max": "2h"}}
        super().setUp()

    def send(self, subject):
        # nowhere.invalid has no DNS at all: only the smarthost can take it.
        self.assertCtlOk("alias", "add", "fwd@" + DOMAIN, "bob@nowhere.invalid")
        message = ("From: alice@%s\r\nTo: fwd@%s\r\nSubject: %s\r\n\r\nhello\r\n"
                   % (DOMAIN, DOMAIN, subject)).encode()
        self.expect(self.raw_send("alice@" + DOMAIN, ["fwd@" + DOMAIN], message), 250,
                    what="end of data")

    def check_relayed(self, mechanism):
        self.send("via the smarthost")
        self.wait_for(lambda: self.relay.messages, "delivery to the smarthost")
        mail, rcpts, data = self.relay.messages[0]
        self.assertTrue(mail.startswith("MAIL FROM:<alice@%s>" % DOMAIN), mail)
        self.assertEqual(rcpts, ["bob@nowhere.invalid"])
        self.assertIn(b"Subject: via the smarthost\r\n", data)
        self.assertEqual(self.relay.auth, [(mechanism, RELAY_USER, RELAY_PASSWORD, True)])
        # Nothing but EHLO and STARTTLS before TLS.
        self.assertTrue(all(tls or verb in ("EHLO", "STARTTLS")
                            for verb, tls in self.relay.commands), self.relay.commands)
        self.wait_for(lambda: not self.daemon.ctl_json("queue", "list")["messages"],
                      "an empty queue")


class SmarthostStartTlsTests(SmarthostTests):
    def test_relayed_with_auth_plain_over_starttls(self):
        self.check_relayed("PLAIN")


class SmarthostLoginOnlyTests(SmarthostTests):
    mechanisms = ("LOGIN",)

    def test_auth_login_when_only_that_is_offered(self):
        self.check_relayed("LOGIN")


class SmarthostImplicitTlsTests(SmarthostTests):
    implicit = True

    def test_relayed_over_implicit_tls(self):
        self.check_relayed("PLAIN")


class SmarthostWrongPasswordTests(SmarthostTests):
    password = "wrong password"

    def test_refused_credentials_are_deferred_and_shown(self):
        self.send("refused")
        self.wait_for(lambda: self.relay.auth, "an AUTH attempt")
        self.wait_for(lambda: self.daemon.ctl_json("queue", "list")["messages"] and
                      self.daemon.ctl_json("queue", "list")["messages"][0]["recipients"][0]
                      .get("last_answer"), "the answer recorded")
        message = self.daemon.ctl_json("queue", "list")["messages"][0]
        self.assertEqual(message["recipients"][0]["state"], "deferred")
        shown = self.daemon.ctl_json("queue", "show", message["id"])
        self.assertTrue(any("535 5.7.8" in a["answer"] and "127.0.0.1" in a["host"]
                            for a in shown["attempts"]), shown["attempts"])
        self.assertIn("535 5.7.8", self.assertCtlOk("queue", "show", message["id"]))
        self.assertEqual(self.relay.messages, [])
        self.assertNotIn("MAIL", [verb for verb, _ in self.relay.commands])


if __name__ == "__main__":
    import unittest
    unittest.main()
