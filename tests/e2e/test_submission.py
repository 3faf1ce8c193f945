"""End-to-end tests of authenticated submission (ports 587 and 465).

A real mailsteadd with example.test, driven by Python's smtplib (STARTTLS on
the submission listener, SMTP_SSL on submissions) and swaks. Mail to a
local mailbox is read back with imaplib; mail to an outside domain goes
through the outbound queue to a Python SMTP server standing in for the
remote MX behind nsd (the peers of tests/e2e/test_queue.py).
RFC 4954 (AUTH), RFC 6409 (submission), RFC 8314 (implicit TLS).
"""

import base64
import email
import email.policy
import smtplib
import socket
import time
import unittest

from imap_support import starttls_client
from smtp_support import DOMAIN, HOSTNAME, PASSWORD, RawSmtp, SmtpTestCase, smtp_port, swaks, \
    unverified_context
from test_queue import REMOTE, NameServer, RemoteMx

ALICE = "alice@" + DOMAIN
BOB = "bob@" + DOMAIN
TIMEOUT = 30


def plain(user, password):
    return base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()


def message(sender, to, subject, extra=""):
    return ("From: %s\r\nTo: %s\r\nSubject: %s\r\n%s\r\nhello from %s\r\n"
            % (sender, to, subject, extra, sender))


class SubmissionCase(SmtpTestCase):
    mailboxes = ["alice", "bob"]
    submission = {}

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
                                "queue": {"remote_port": str(self.mx.port),
                                          "retry_base": "1s", "retry_max": "2s"},
                                "submission": dict(self.submission)}
        super().setUp()
        self.submission_port = smtp_port(self.daemon, "submission")
        self.submissions_port = smtp_port(self.daemon, "submissions")

    def client(self, tls=True, login=None):
        c = smtplib.SMTP("127.0.0.1", self.submission_port, timeout=TIMEOUT)
        self.addCleanup(self.close, c)
        c.ehlo("client.example.test")
        if tls:
            c.starttls(context=unverified_context())
            c.ehlo("client.example.test")
        if login:
            self.assertEqual(c.docmd("AUTH", "PLAIN " + plain(login, PASSWORD))[0], 235)
        return c

    @staticmethod
    def close(c):
        try:
            c.close()
        except OSError:
            pass

    def inbox(self, user):
        """The INBOX messages of user, parsed, read with imaplib."""
        imap = starttls_client(self.daemon)
        try:
            imap.login(user, PASSWORD)
            imap.select("INBOX")
            _, data = imap.search(None, "ALL")
            out = []
            for num in data[0].split():
                _, parts = imap.fetch(num, "(RFC822)")
                out.append(email.message_from_bytes(parts[0][1], policy=email.policy.default))
            return out
        finally:
            imap.logout()

    def wait_for(self, predicate, what):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.1)
        self.fail("%s did not happen in %ss:\n%s" % (what, TIMEOUT, self.daemon.stderr()[-3000:]))

    def expect_code(self, answer, code, enhanced):
        self.assertEqual(answer[0], code, answer)
        self.assertTrue(answer[1].startswith(enhanced.encode()), answer)


class AuthenticationTests(SubmissionCase):
    def test_auth_and_mail_before_starttls_get_530(self):
        c = self.client(tls=False)
        self.assertNotIn("auth", c.esmtp_features)
        self.assertIn("starttls", c.esmtp_features)
        self.expect_code(c.docmd("AUTH", "PLAIN " + plain(ALICE, PASSWORD)), 530, "5.7.0")
        self.expect_code(c.docmd("MAIL", "FROM:<%s>" % ALICE), 530, "5.7.0")
        c.starttls(context=unverified_context())
        c.ehlo("client.example.test")
        self.assertEqual(c.esmtp_features["auth"].split(), ["PLAIN", "LOGIN"])

    def test_mail_without_auth_gets_530(self):
        c = self.client()
        self.expect_code(c.docmd("MAIL", "FROM:<%s>" % ALICE), 530, "5.7.0")
        self.expect_code(c.docmd("MAIL", "FROM:<>"), 530, "5.7.0")

    def test_wrong_password_is_535_after_a_growing_delay_then_421(self):
        c = self.client()
        delays = []
        for attempt in range(2):
            started = time.monotonic()
            answer = c.docmd("AUTH", "PLAIN " + plain(ALICE, "wrong password %d" % attempt))
            delays.append(time.monotonic() - started)
            self.expect_code(answer, 535, "5.7.8")
        # MailAuthenticator: 1 s, then 2 s from the same address.
        self.assertGreaterEqual(delays[0], 0.9, delays)
        self.assertGreater(delays[1], delays[0] + 0.5, delays)
        # The third failure of the session ([submission] max_auth_failures = 3).
        c.sock.sendall(b"AUTH PLAIN " + plain(ALICE, "third").encode() + b"\r\n")
        with c.sock.makefile("rb") as f:
            self.assertTrue(f.readline().startswith(b"535 5.7.8"))
            self.assertTrue(f.readline().startswith(b"421 4.7.0"))
            self.assertEqual(f.readline(), b"")
        counters = self.daemon.rpc("system.status")["counters"]["smtp"]
        self.assertEqual(counters["auth_failures"], 3)

    def test_login_mechanism_cancel_bad_base64_and_auth_twice(self):
        c = self.client()
        self.assertEqual(c.docmd("AUTH", "LOGIN"), (334, b"VXNlcm5hbWU6"))
        self.expect_code(c.docmd("*"), 501, "5.7.0")
        self.expect_code(c.docmd("AUTH", "PLAIN !!!!"), 501, "5.5.2")
        self.assertEqual(c.docmd("AUTH", "PLAIN")[0], 334)
        self.expect_code(c.docmd("not base64!"), 501, "5.5.2")
        c2 = self.client()
        self.assertEqual(c2.docmd("AUTH", "LOGIN " + base64.b64encode(ALICE.encode()).decode()),
                         (334, b"UGFzc3dvcmQ6"))
        self.expect_code(c2.docmd(base64.b64encode(PASSWORD.encode()).decode()), 235, "2.7.0")
        self.expect_code(c2.docmd("AUTH", "PLAIN " + plain(ALICE, PASSWORD)), 503, "5.5.1")
        self.expect_code(c2.docmd("AUTH", "CRAM-MD5"), 503, "5.5.1")
        c3 = self.client()
        self.expect_code(c3.docmd("AUTH", "CRAM-MD5"), 504, "5.5.4")

    def test_disabled_mailbox_gets_a_clear_refusal(self):
        self.assertCtlOk("mailbox", "set", BOB, "--active", "no")
        c = self.client()
        answer = c.docmd("AUTH", "PLAIN " + plain(BOB, PASSWORD))
        self.expect_code(answer, 525, "5.7.13")
        self.assertIn(b"disabled", answer[1])

    def test_pipelined_auth_then_bdat(self):
        # Commands pipelined behind AUTH wait for its verdict (RFC 2920);
        # BDAT content gets the same header checks and additions as DATA.
        c = RawSmtp(self.submission_port)
        self.addCleanup(c.close)
        c.greeting()
        c.ehlo()
        self.expect(c.cmd("STARTTLS"), 220, "2.0.0")
        c.starttls(unverified_context())
        self.assertIn("CHUNKING", c.extensions(c.ehlo()))
        c.send("AUTH PLAIN %s\r\nMAIL FROM:<%s>\r\nRCPT TO:<%s>\r\n"
               % (plain(ALICE, PASSWORD), ALICE, BOB))
        self.expect(c.reply(), 235, "2.7.0", "AUTH")
        self.expect(c.reply(), 250, "2.1.0", "MAIL")
        self.expect(c.reply(), 250, "2.1.5", "RCPT")
        body = message(ALICE, BOB, "chunked").encode()
        c.send(b"BDAT %d\r\n" % 10 + body[:10] + b"BDAT %d LAST\r\n" % (len(body) - 10)
               + body[10:])
        self.expect(c.reply(), 250, "2.0.0", "BDAT")
        self.expect(c.reply(), 250, "2.0.0", "BDAT LAST")
        [stored] = self.wait_for(lambda: self.inbox(BOB), "delivery")
        self.assertEqual(stored["Subject"], "chunked")
        self.assertTrue(stored["Message-ID"].endswith("@%s>" % HOSTNAME))

    def test_swaks_logs_in_and_sends(self):
        result = swaks("--server", "127.0.0.1:%d" % self.submission_port, "--tls",
                       "--auth", "LOGIN", "--auth-user", ALICE, "--auth-password", PASSWORD,
                       "--from", ALICE, "--to", BOB, "--header", "Subject: via swaks",
                       "--ehlo", "client.example.test")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("235 2.7.0", result.stdout)
        subjects = self.wait_for(lambda: [m["Subject"] for m in self.inbox(BOB)], "delivery")
        self.assertEqual(subjects, ["via swaks"])
        refused = swaks("--server", "127.0.0.1:%d" % self.submission_port, "--tls",
                        "--auth", "PLAIN", "--auth-user", ALICE, "--auth-password", "nope",
                        "--from", ALICE, "--to", BOB)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("535 5.7.8", refused.stdout)


class SenderTests(SubmissionCase):
    def test_sending_as_someone_else_is_refused(self):
        c = self.client(login=ALICE)
        self.expect_code(c.docmd("MAIL", "FROM:<%s>" % BOB), 553, "5.7.1")
        self.expect_code(c.docmd("MAIL", "FROM:<anyone@%s>" % REMOTE), 553, "5.7.1")
        # The envelope is hers, the header From is not: 550 after the data.
        with self.assertRaises(smtplib.SMTPDataError) as caught:
            c.sendmail(ALICE, [BOB], message(BOB, BOB, "forged"))
        self.assertEqual(caught.exception.smtp_code, 550)
        self.assertTrue(caught.exception.smtp_error.startswith(b"5.7.1"))
        self.assertEqual(self.inbox(BOB), [])

    def test_own_address_extension_null_sender_and_alias_are_allowed(self):
        self.assertCtlOk("alias", "add", "sales@" + DOMAIN, ALICE)
        self.assertCtlOk("alias", "add", "@" + DOMAIN, ALICE)  # a catch-all: never counts
        c = self.client(login=ALICE)
        c.sendmail("alice+lists@" + DOMAIN, [BOB], message(ALICE, BOB, "own"))
        c.sendmail("sales@" + DOMAIN, [BOB], message("Sales <sales@%s>" % DOMAIN, BOB, "alias"))
        c.sendmail("", [BOB], message(ALICE, BOB, "null sender"))
        self.expect_code(c.docmd("MAIL", "FROM:<whoever@%s>" % DOMAIN), 553, "5.7.1")
        subjects = self.wait_for(lambda: sorted(m["Subject"] for m in self.inbox(BOB))
                                 if len(self.inbox(BOB)) == 3 else None, "three deliveries")
        self.assertEqual(subjects, ["alias", "null sender", "own"])

    def test_send_as_grant_from_mailsteadctl(self):
        c = self.client(login=ALICE)
        self.expect_code(c.docmd("MAIL", "FROM:<news@%s>" % DOMAIN), 553, "5.7.1")
        c.rset()
        out = self.assertCtlOk("mailbox", "send-as", "add", ALICE, "news@" + DOMAIN)
        self.assertIn("send-as news@example.test added", out)
        self.assertCtlOk("mailbox", "send-as", "add", ALICE, "@" + REMOTE)
        grants = self.daemon.ctl_json("mailbox", "send-as", "list", ALICE)["grants"]
        self.assertEqual([(g["address"], g["kind"]) for g in grants],
                         [("@" + REMOTE, "domain"), ("news@" + DOMAIN, "address")])
        self.assertCtlFails(1, "mailbox", "send-as", "add", ALICE, "NEWS@" + DOMAIN)
        c.sendmail("news@" + DOMAIN, [BOB], message("news@" + DOMAIN, BOB, "granted"))
        c.sendmail("me@" + REMOTE, [BOB], message("me@" + REMOTE, BOB, "domain grant"))
        self.wait_for(lambda: len(self.inbox(BOB)) == 2, "two deliveries")
        self.assertCtlOk("mailbox", "send-as", "remove", ALICE, "news@" + DOMAIN)
        self.expect_code(c.docmd("MAIL", "FROM:<news@%s>" % DOMAIN), 553, "5.7.1")


class MessageTests(SubmissionCase):
    def test_message_id_and_date_are_added_when_missing(self):
        c = self.client(login=ALICE)
        c.sendmail(ALICE, [BOB], message(ALICE, BOB, "bare"))
        c.sendmail(ALICE, [BOB], message(ALICE, BOB, "complete",
                                         "Date: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                                         "Message-ID: <own.id@client.example.test>\r\n"))
        msgs = self.wait_for(lambda: self.inbox(BOB) if len(self.inbox(BOB)) == 2 else None,
                             "two deliveries")
        by_subject = {m["Subject"]: m for m in msgs}
        bare = by_subject["bare"]
        self.assertRegex(bare["Message-ID"], r"^<[0-9A-Z.]+@%s>$" % HOSTNAME.replace(".", r"\."))
        self.assertIsNotNone(bare["Date"].datetime)
        self.assertIn("with ESMTPSA", " ".join(bare["Received"].split()))
        complete = by_subject["complete"]
        self.assertEqual(complete.get_all("Message-ID"), ["<own.id@client.example.test>"])
        self.assertEqual(complete.get_all("Date"), ["Sat, 28 Nov 2026 10:00:00 +0000"])

    def test_submissions_uses_implicit_tls(self):
        c = smtplib.SMTP_SSL("127.0.0.1", self.submissions_port, timeout=TIMEOUT,
                             context=unverified_context())
        self.addCleanup(self.close, c)
        c.ehlo("client.example.test")
        self.assertNotIn("starttls", c.esmtp_features)
        c.login(ALICE, PASSWORD)
        c.sendmail(ALICE, [BOB], message(ALICE, BOB, "over 465"))
        self.assertEqual(self.wait_for(lambda: [m["Subject"] for m in self.inbox(BOB)],
                                       "delivery"), ["over 465"])
        # Plaintext on the implicit-TLS port gets no SMTP greeting.
        with socket.create_connection(("127.0.0.1", self.submissions_port), timeout=5) as s:
            s.sendall(b"EHLO client.example.test\r\n")
            self.assertFalse(s.recv(100).startswith(b"220"))

    def test_external_recipients_go_through_the_queue(self):
        self.mx.rcpt_replies["carl@" + REMOTE] = "451 4.3.0 try again later"
        c = self.client(login=ALICE)
        answer = c.sendmail(ALICE, ["carl@" + REMOTE, BOB], message(ALICE, "carl@" + REMOTE,
                                                                    "outside"))
        self.assertEqual(answer, {})
        queued = self.wait_for(
            lambda: [m for m in self.daemon.ctl_json("queue", "list")["messages"]
                     if any(r["state"] == "deferred" for r in m["recipients"])],
            "a deferred queue entry")
        self.assertEqual(queued[0]["origin"], "submission")
        self.assertEqual(queued[0]["sender"], ALICE)
        self.assertIn(queued[0]["id"], self.assertCtlOk("queue", "list"))
        # The local recipient was delivered by the queue.
        self.wait_for(lambda: len(self.inbox(BOB)) == 1, "local delivery")
        del self.mx.rcpt_replies["carl@" + REMOTE]
        self.assertCtlOk("queue", "retry", "--all")
        self.wait_for(lambda: self.mx.messages, "remote delivery")
        mail, rcpts, data = self.mx.messages[0]
        self.assertEqual(mail, b"MAIL FROM:<alice@example.test>")
        self.assertEqual(rcpts, ["carl@" + REMOTE])
        self.assertIn(b"Message-ID: <", data)
        self.assertIn(b"Subject: outside\r\n", data)


class RateLimitTests(SubmissionCase):
    submission = {"mailbox_messages_per_hour": "2", "mailbox_recipients_per_day": "5"}

    def test_messages_per_hour(self):
        c = self.client(login=ALICE)
        for n in range(2):
            c.sendmail(ALICE, [BOB], message(ALICE, BOB, "n%d" % n))
        answer = c.docmd("MAIL", "FROM:<%s>" % ALICE)
        self.expect_code(answer, 450, "4.7.1")
        self.assertIn(b"2 messages per hour", answer[1])
        # Another session of the same mailbox shares the budget.
        self.expect_code(self.client(login=ALICE).docmd("MAIL", "FROM:<%s>" % ALICE), 450,
                         "4.7.1")
        # Bob has his own.
        self.client(login=BOB).sendmail(BOB, [ALICE], message(BOB, ALICE, "bob's"))
        counters = self.daemon.rpc("system.status")["counters"]["smtp"]
        self.assertEqual(counters["messages_submitted"], 3)
        self.assertGreaterEqual(counters["rate_limited"], 2)

    def test_recipients_per_day(self):
        c = self.client(login=ALICE)
        self.expect_code(c.docmd("MAIL", "FROM:<%s>" % ALICE), 250, "2.1.0")
        for n in range(5):
            self.expect_code(c.docmd("RCPT", "TO:<r%d@%s>" % (n, REMOTE)), 250, "2.1.5")
        self.expect_code(c.docmd("RCPT", "TO:<%s>" % BOB), 450, "4.7.1")


if __name__ == "__main__":
    unittest.main()
