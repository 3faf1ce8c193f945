"""POP3 end to end: a real mailsteadd, mail delivered over SMTP with
smtplib, read and deleted with Python's poplib over STLS and pop3s, curl and
raw sockets.

Covers RFC 1939 (STAT, LIST, UIDL, TOP, RETR, DELE, RSET, NOOP, QUIT and
the UPDATE state), RFC 2449 (CAPA), RFC 2595 (STLS, no plaintext login
before it), RFC 5034 (AUTH PLAIN with and without an initial response), the
named limits (line length, idle timeout, connections per address) and the
growing delay after failed logins. Clients accept the self-signed
certificate without verification, as users of one do.
"""

import base64
import os
import poplib
import signal
import smtplib
import socket
import sqlite3
import subprocess
import time
import unittest
import urllib.parse

from mailstead_harness import tool
from smtp_support import (DOMAIN, PASSWORD, REPLY_TIMEOUT, SmtpTestCase, make_message,
                          mailbox_dir, read_messages, smtp_port, split_trace,
                          unverified_context)

ALICE = "alice@" + DOMAIN
BOB = "bob@" + DOMAIN
SEEN = 0x01  # store::MessageFlag::Seen


def crlf(raw):
    """A stored message (LF or CRLF lines) as POP3 sends it: CRLF lines."""
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def plain_ir(user, password):
    return base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()


class Pop3TestCase(SmtpTestCase):
    """A daemon with alice and bob; helpers to deliver and to log in."""

    def setUp(self):
        super().setUp()
        self.pop3_port = smtp_port(self.daemon, "pop3")
        self.pop3s_port = smtp_port(self.daemon, "pop3s")

    def deliver(self, to, subject, body, **kwargs):
        message = make_message(subject, body, to=to, **kwargs)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            refused = s.sendmail("sender@elsewhere.example", [to], message)
        self.assertEqual(refused, {})
        return message

    def plain(self):
        p = poplib.POP3("127.0.0.1", self.pop3_port, timeout=REPLY_TIMEOUT)
        self.addCleanup(p.close)
        return p

    def stls(self):
        p = self.plain()
        p.stls(unverified_context())
        return p

    def pop3s(self, user=ALICE, password=PASSWORD):
        p = poplib.POP3_SSL("127.0.0.1", self.pop3s_port, context=unverified_context(),
                            timeout=REPLY_TIMEOUT)
        self.addCleanup(p.close)
        if user:
            p.user(user)
            p.pass_(password)
        return p

    def usage(self, address):
        return self.daemon.ctl_json("mailbox", "show", address)["usage"]

    def flags(self, address):
        path = os.path.join(mailbox_dir(self.daemon, address), "index.db")
        db = sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(path), uri=True, timeout=10)
        try:
            return dict(db.execute(
                "SELECT m.uid, m.flags FROM messages m JOIN folders f ON f.id = m.folder_id"
                " WHERE f.dir = '' ORDER BY m.uid").fetchall())
        finally:
            db.close()


class Pop3ProtocolTest(Pop3TestCase):

    def test_capa_before_and_after_stls(self):
        p = self.plain()
        self.assertTrue(p.getwelcome().startswith(b"+OK mail.example.test"))
        before = p.capa()
        self.assertIn("STLS", before)
        for name in ("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"):
            self.assertIn(name, before)
        self.assertNotIn("USER", before)
        self.assertNotIn("SASL", before)
        p.stls(unverified_context())
        after = p.capa()
        self.assertNotIn("STLS", after)
        self.assertIn("USER", after)
        self.assertEqual(after["SASL"], ["PLAIN"])
        q = self.pop3s(user=None)
        self.assertIn("USER", q.capa())
        self.assertNotIn("STLS", q.capa())

    def test_logins_refused_before_tls(self):
        p = self.plain()
        with self.assertRaises(poplib.error_proto) as e:
            p.user(ALICE)
        self.assertTrue(e.exception.args[0].startswith(b"-ERR [AUTH]"), e.exception)
        with self.assertRaises(poplib.error_proto) as e:
            p.pass_(PASSWORD)
        self.assertTrue(e.exception.args[0].startswith(b"-ERR [AUTH]"), e.exception)
        with self.assertRaises(poplib.error_proto) as e:
            p._shortcmd("AUTH PLAIN " + plain_ir(ALICE, PASSWORD))
        self.assertTrue(e.exception.args[0].startswith(b"-ERR [AUTH]"), e.exception)
        with self.assertRaises(poplib.error_proto):
            p.stat()
        # The session survives and can still upgrade.
        p.stls(unverified_context())
        p.user(ALICE)
        self.assertTrue(p.pass_(PASSWORD).startswith(b"+OK"))

    def test_wrong_password_gets_auth_code_and_a_growing_delay(self):
        p = self.stls()
        durations = []
        for _ in range(2):
            p.user(ALICE)
            start = time.monotonic()
            with self.assertRaises(poplib.error_proto) as e:
                p.pass_("not the password")
            durations.append(time.monotonic() - start)
            self.assertTrue(e.exception.args[0].startswith(b"-ERR [AUTH]"), e.exception)
        # core::AuthLimits defaults: 1 s, then 2 s.
        self.assertGreaterEqual(durations[0], 0.95, durations)
        self.assertGreaterEqual(durations[1], 1.95, durations)
        # An unknown user gets the same answer as a wrong password.
        p.user("nobody@" + DOMAIN)
        with self.assertRaises(poplib.error_proto) as e:
            p.pass_(PASSWORD)
        self.assertEqual(e.exception.args[0], b"-ERR [AUTH] Authentication failed")
        # Three failures end the session.
        self.assertEqual(p.file.readline(), b"-ERR [AUTH] Too many failed logins, closing the connection\r\n")
        self.assertEqual(p.file.readline(), b"")
        counters = self.daemon.rpc("system.status")["counters"]["pop3"]
        self.assertEqual(counters["login_failures"], 3)

    def test_auth_plain(self):
        p = self.stls()
        with self.assertRaises(poplib.error_proto):
            p._shortcmd("AUTH CRAM-MD5")
        # Continuation, cancelled with "*".
        self.assertEqual(p._shortcmd("AUTH PLAIN"), b"+ ")
        with self.assertRaises(poplib.error_proto) as e:
            p._shortcmd("*")
        self.assertEqual(e.exception.args[0], b"-ERR Authentication cancelled")
        # Continuation with the response.
        self.assertEqual(p._shortcmd("AUTH PLAIN"), b"+ ")
        self.assertTrue(p._shortcmd(plain_ir(ALICE, PASSWORD)).startswith(b"+OK Logged in"))
        self.assertEqual(p.stat(), (0, 0))
        p.quit()
        # Initial response (RFC 5034 section 4) over pop3s.
        q = self.pop3s(user=None)
        self.assertTrue(q._shortcmd("AUTH PLAIN " + plain_ir(ALICE, PASSWORD)).startswith(b"+OK"))
        self.assertEqual(q.stat(), (0, 0))

    def test_stat_list_uidl_top_retr_are_byte_exact(self):
        sent = [
            self.deliver(ALICE, "first", "Hello Alice.\nSecond line.\n"),
            self.deliver(ALICE, "dots", ".\n..\n.leading dot\nmiddle . dot\n.\nlast line\n"),
            self.deliver(ALICE, "long", "".join("line %d %s\n" % (i, "x" * 70) for i in range(3000))),
        ]
        stored = [crlf(raw) for raw in read_messages(self.daemon, ALICE)]
        p = self.pop3s()
        count, octets = p.stat()
        self.assertEqual(count, 3)
        self.assertEqual(octets, sum(len(s) for s in stored))
        listing = p.list()[1]
        sizes = [int(line.split()[1]) for line in listing]
        uidls = [line.split()[1] for line in p.uidl()[1]]
        self.assertEqual(len(set(uidls)), 3)
        retrieved = []
        for n in range(1, 4):
            resp, lines, _ = p.retr(n)
            self.assertTrue(resp.startswith(b"+OK"))
            retrieved.append(b"\r\n".join(lines) + b"\r\n")
            self.assertEqual(p.list(n), b"+OK %d %d" % (n, sizes[n - 1]))
            self.assertEqual(p.uidl(n), b"+OK %d %s" % (n, uidls[n - 1]))
        by_subject = {}
        for data in retrieved:
            fields, rest = split_trace(data)
            self.assertIn("received", dict(fields))
            by_subject[rest.split(b"Subject: ")[1].split(b"\r\n")[0]] = (data, rest)
        for message in sent:
            subject = message.split(b"Subject: ")[1].split(b"\r\n")[0]
            self.assertEqual(by_subject[subject][1], message, subject)
        self.assertEqual(sorted(retrieved), sorted(stored))
        self.assertEqual(sorted(sizes), sorted(len(s) for s in stored))
        # TOP: the header, the blank line, n body lines.
        header, body = retrieved[1].split(b"\r\n\r\n", 1)
        resp, lines, _ = p.top(2, 3)
        self.assertEqual(b"\r\n".join(lines) + b"\r\n",
                         header + b"\r\n\r\n" + b"\r\n".join(body.split(b"\r\n")[:3]) + b"\r\n")
        self.assertEqual(p.top(2, 0)[1], header.split(b"\r\n") + [b""])
        # Dot-stuffing on the wire: every line starting with "." is doubled.
        p._putcmd("RETR 2")
        self.assertTrue(p._getline()[0].startswith(b"+OK"))
        raw = []
        while True:
            line = p.file.readline()
            if line == b".\r\n":
                break
            raw.append(line)
        self.assertIn(b"..\r\n", raw)
        self.assertIn(b"...\r\n", raw)
        self.assertIn(b"..leading dot\r\n", raw)
        self.assertNotIn(b".\r\n", raw)
        # Unique-ids are stable across sessions.
        p.quit()
        q = self.pop3s()
        self.assertEqual([line.split()[1] for line in q.uidl()[1]], uidls)
        counters = self.daemon.rpc("system.status")["counters"]["pop3"]
        self.assertEqual(counters["messages_retrieved"], 4)
        self.assertGreaterEqual(counters["tls_sessions"], 2)

    def test_errors_keep_the_session(self):
        self.deliver(ALICE, "one", "body\n")
        p = self.pop3s()
        for command, answer in [("RETR 2", b"-ERR No such message"),
                                ("RETR 0", b"-ERR No such message"),
                                ("RETR x", b"-ERR Invalid message number"),
                                ("TOP 1", b"-ERR TOP needs a message number and a line count"),
                                ("XYZZY", b"-ERR Unknown command"),
                                ("STLS", b"-ERR STLS is only available before logging in"),
                                ("USER " + ALICE, b"-ERR Already logged in")]:
            with self.assertRaises(poplib.error_proto) as e:
                p._shortcmd(command)
            self.assertEqual(e.exception.args[0], answer, command)
        p._putcmd("NOOP " + "x" * 300)
        self.assertEqual(p._getline()[0], b"-ERR Line too long")
        self.assertEqual(p.noop(), b"+OK")
        self.assertEqual(p.stat()[0], 1)

    def test_dele_rset_quit_expunge_and_mark_seen(self):
        for i in range(3):
            self.deliver(ALICE, "m%d" % i, "message %d\n" % i)
        self.assertEqual(self.usage(ALICE)["messages"], 3)
        p = self.pop3s()
        uidls = p.uidl()[1]
        p.dele(1)
        with self.assertRaises(poplib.error_proto) as e:
            p.retr(1)
        self.assertEqual(e.exception.args[0], b"-ERR Message 1 is deleted")
        self.assertEqual(p.stat()[0], 2)
        self.assertNotIn(b"1 ", b"".join(l[:2] for l in p.list()[1]))
        p.rset()
        self.assertEqual(p.stat()[0], 3)
        p.dele(1)
        p.dele(3)
        p.retr(2)
        # Nothing changes before QUIT: another session sees all three.
        q = self.pop3s()
        self.assertEqual(q.stat()[0], 3)
        q.quit()
        self.assertEqual(self.usage(ALICE)["messages"], 3)
        self.assertEqual(p.quit(), b"+OK mail.example.test signing off (2 messages deleted)")
        # The store (as IMAP sees it): one message left, flagged \Seen.
        self.assertEqual(self.usage(ALICE)["messages"], 1)
        flags = self.flags(ALICE)
        self.assertEqual(len(flags), 1)
        self.assertTrue(list(flags.values())[0] & SEEN)
        self.assertEqual(len(read_messages(self.daemon, ALICE)), 1)
        r = self.pop3s()
        self.assertEqual(r.stat()[0], 1)
        self.assertEqual(r.uidl()[1][0].split()[1], uidls[1].split()[1])
        self.assertEqual(self.daemon.rpc("system.status")["counters"]["pop3"]["messages_deleted"], 2)

    def test_session_ending_without_quit_deletes_nothing(self):
        self.deliver(ALICE, "keep", "keep me\n")
        p = self.pop3s()
        p.retr(1)
        p.dele(1)
        p.close()
        # A later session still has it, not \Seen (RFC 1939 section 6).
        q = self.pop3s()
        self.assertEqual(q.stat()[0], 1)
        self.assertFalse(list(self.flags(ALICE).values())[0] & SEEN)

    def test_message_expunged_by_another_session(self):
        for i in range(2):
            self.deliver(ALICE, "m%d" % i, "message %d\n" % i)
        a = self.pop3s()
        self.assertEqual(a.stat()[0], 2)
        b = self.pop3s()
        b.dele(1)
        b.quit()
        with self.assertRaises(poplib.error_proto) as e:
            a.retr(1)
        self.assertEqual(e.exception.args[0], b"-ERR Message 1 was removed by another session")
        self.assertTrue(a.retr(2)[0].startswith(b"+OK"))
        a.dele(1)
        a.dele(2)
        self.assertTrue(a.quit().startswith(b"+OK"))
        self.assertEqual(self.usage(ALICE)["messages"], 0)

    def test_mailboxes_are_separate(self):
        self.deliver(BOB, "for bob", "hi bob\n")
        self.assertEqual(self.pop3s().stat()[0], 0)
        self.assertEqual(self.pop3s(user=BOB).stat()[0], 1)

    def test_curl_lists_and_retrieves(self):
        curl = tool("curl")
        self.deliver(ALICE, "curl", "fetched by curl\n.with a dot\n")
        stored = crlf(read_messages(self.daemon, ALICE)[0])
        url = "pop3s://127.0.0.1:%d/" % self.pop3s_port
        listing = subprocess.run([curl, "--silent", "--show-error", "--insecure", "--user",
                                  ALICE + ":" + PASSWORD, url],
                                 capture_output=True, timeout=60)
        self.assertEqual(listing.returncode, 0, listing.stderr)
        self.assertEqual(listing.stdout, b"1 %d\r\n" % len(stored))
        fetched = subprocess.run([curl, "--silent", "--show-error", "--insecure", "--user",
                                  ALICE + ":" + PASSWORD, url + "1"],
                                 capture_output=True, timeout=60)
        self.assertEqual(fetched.returncode, 0, fetched.stderr)
        self.assertEqual(fetched.stdout, stored)
        # STLS on the plain port (curl --ssl-reqd).
        upgraded = subprocess.run([curl, "--silent", "--show-error", "--insecure", "--ssl-reqd",
                                   "--user", ALICE + ":" + PASSWORD,
                                   "pop3://127.0.0.1:%d/1" % self.pop3_port],
                                  capture_output=True, timeout=60)
        self.assertEqual(upgraded.returncode, 0, upgraded.stderr)
        self.assertEqual(upgraded.stdout, stored)

    def test_openssl_starttls_pop3(self):
        openssl = tool("openssl")
        script = ("USER %s\r\nPASS %s\r\nSTAT\r\nQUIT\r\n" % (ALICE, PASSWORD)).encode()
        run = subprocess.run([openssl, "s_client", "-quiet", "-starttls", "pop3", "-connect",
                              "127.0.0.1:%d" % self.pop3_port], input=script,
                             capture_output=True, timeout=60)
        lines = run.stdout.split(b"\r\n")
        self.assertIn(b"+OK 0 0", lines, run.stdout)
        self.assertTrue(any(l.startswith(b"+OK mail.example.test signing off") for l in lines),
                        run.stdout)


class Pop3LimitsTest(Pop3TestCase):
    daemon_sections = {"pop3": {"idle_timeout": "2s", "max_connections_per_ip": "3",
                                "max_connections_per_user": "2"}}

    def test_sessions_per_mailbox(self):
        first = self.pop3s()
        self.pop3s()
        third = self.pop3s(user=None)
        third.user(ALICE)
        with self.assertRaises(poplib.error_proto) as e:
            third.pass_(PASSWORD)
        self.assertTrue(e.exception.args[0].startswith(b"-ERR [IN-USE]"), e.exception)
        # Another mailbox is not affected, and a session that ends frees
        # its slot.
        third.user(BOB)
        self.assertTrue(third.pass_(PASSWORD).startswith(b"+OK"))
        third.quit()
        first.quit()
        self.assertEqual(self.pop3s().stat(), (0, 0))

    def test_idle_timeout(self):
        with socket.create_connection(("127.0.0.1", self.pop3_port), timeout=20) as s, \
                s.makefile("rb") as f:
            self.assertTrue(f.readline().startswith(b"+OK"))
            start = time.monotonic()
            self.assertEqual(f.readline(), b"-ERR [SYS/TEMP] Autologout; idle for too long\r\n")
            self.assertGreaterEqual(time.monotonic() - start, 1.5)
            self.assertEqual(f.readline(), b"")

    def test_idle_timeout_deletes_nothing(self):
        self.deliver(ALICE, "keep", "keep\n")
        p = self.pop3s()
        p.dele(1)
        time.sleep(3)
        with self.assertRaises((poplib.error_proto, OSError)):
            p.quit()
        self.assertEqual(self.usage(ALICE)["messages"], 1)

    def test_connections_per_address(self):
        held = []
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", self.pop3_port), timeout=20)
            self.addCleanup(s.close)
            with s.makefile("rb") as f:
                self.assertTrue(f.readline().startswith(b"+OK"))
            held.append(s)
        with socket.create_connection(("127.0.0.1", self.pop3_port), timeout=20) as s, \
                s.makefile("rb") as f:
            self.assertEqual(f.readline(),
                             b"-ERR [SYS/TEMP] Too many connections from this address,"
                             b" try again later\r\n")
            self.assertEqual(f.readline(), b"")
        held.pop().close()
        # A freed slot is usable again (the count drops once the server
        # has seen the close).
        deadline = time.monotonic() + 10
        while True:
            with socket.create_connection(("127.0.0.1", self.pop3_port), timeout=20) as s, \
                    s.makefile("rb") as f:
                if f.readline().startswith(b"+OK"):
                    break
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.1)

    def test_connections_per_address_implicit_tls(self):
        # Over the limit on pop3s the connection closes without a byte: a
        # plaintext "-ERR" would reach a client expecting a TLS handshake.
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", self.pop3s_port), timeout=20)
            self.addCleanup(s.close)
        # The three above were counted once the server answers a fourth.
        deadline = time.monotonic() + 10
        while True:
            with socket.create_connection(("127.0.0.1", self.pop3s_port), timeout=20) as s:
                s.settimeout(2)
                try:
                    first = s.recv(64)
                except socket.timeout:
                    first = None  # accepted: waiting for our ClientHello
            if first == b"":
                break
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.1)


class Pop3ConfigTest(Pop3TestCase):

    def test_check_config_names_bad_pop3_keys(self):
        path = os.path.join(self.daemon.tmp, "bad.conf")
        with open(path, "w") as f:
            f.write("[pop3]\nidle_timeout = 0\nmax_connections = many\n"
                    "max_connections_per_user = 0\nallow_plaintext_loopback = maybe\n"
                    "max_conections_per_ip = 3\n")
        r = subprocess.run([os.environ.get("MAILSTEADD", "mailsteadd"), "--config", path,
                            "--check-config"], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 1, r.stderr)
        for key in ("idle_timeout", "max_connections:", "max_connections_per_user",
                    "allow_plaintext_loopback", "max_conections_per_ip: unknown key"):
            self.assertIn("[pop3] " + key, r.stderr)

    def test_sighup_applies_pop3_settings_to_new_sessions(self):
        with socket.create_connection(("127.0.0.1", self.pop3_port), timeout=20) as old, \
                old.makefile("rb") as old_file:
            self.assertTrue(old_file.readline().startswith(b"+OK"))
            with open(self.daemon.config_path, "a") as f:
                f.write("\n[pop3]\nidle_timeout = 1s\n")
            self.daemon.signal(signal.SIGHUP)
            deadline = time.monotonic() + 20
            while "configuration reloaded" not in self.daemon.stderr():
                self.assertLess(time.monotonic(), deadline, "no reload")
                time.sleep(0.05)
            with socket.create_connection(("127.0.0.1", self.pop3_port), timeout=20) as new, \
                    new.makefile("rb") as new_file:
                self.assertTrue(new_file.readline().startswith(b"+OK"))
                self.assertEqual(new_file.readline(),
                                 b"-ERR [SYS/TEMP] Autologout; idle for too long\r\n")
            # The session from before the reload keeps its 10 minutes.
            old.sendall(b"NOOP\r\n")
            self.assertEqual(old_file.readline(), b"-ERR Log in first (USER and PASS, or AUTH)\r\n")


class Pop3ShutdownTest(Pop3TestCase):

    def test_sigterm_closes_sessions_with_err(self):
        self.deliver(ALICE, "keep", "keep\n")
        p = self.pop3s()
        p.dele(1)
        self.daemon.signal(signal.SIGTERM)
        self.assertEqual(p.file.readline(),
                         b"-ERR [SYS/TEMP] mail.example.test Server shutting down,"
                         b" try again later\r\n")
        self.assertEqual(self.daemon.wait(30), 0)
        # Not a QUIT: nothing was deleted.
        self.assertEqual(len(read_messages(self.daemon, ALICE)), 1)


class Pop3PlaintextLoopbackTest(Pop3TestCase):
    daemon_sections = {"pop3": {"allow_plaintext_loopback": "true"}}

    def test_plaintext_login_on_loopback(self):
        p = self.plain()
        self.assertIn("USER", p.capa())
        p.user(ALICE)
        self.assertTrue(p.pass_(PASSWORD).startswith(b"+OK"))
        self.assertEqual(p.stat(), (0, 0))


if __name__ == "__main__":
    unittest.main()
