"""Bad input and limits of the IMAP server: malformed commands answer BAD
and the session goes on, the bad command budget ends it, an overlong line
gets BYE, a literal over APPENDLIMIT is refused before a byte of it is
read, an APPEND over quota answers NO [OVERQUOTA] before the literal, a
COPY over quota too, bad modified UTF-7 names are refused, invalid
sequence sets and unknown charsets get clear answers, connections per
user are limited, and the autologout timer closes an idle session.
"""

import socket
import time
import unittest

from imap_support import ALICE, BOB, ImapTestCase, RawImap, deliver, imap_port, ok
from smtp_support import PASSWORD, make_message


class ImapBadInputTest(ImapTestCase):
    daemon_sections = {"imap": {"append_limit": "64K", "max_connections_per_user": "3"}}

    def session(self):
        raw = self.raw()
        raw.starttls()
        raw.login()
        return raw

    def test_malformed_commands_answer_bad_and_session_survives(self):
        raw = self.session()
        for text in (b"FROB", b"SELECT", b'LIST "" "unterminated', b"FETCH 1 (FLAGS)",
                     b"UID FROB 1", b"LOGIN a b", b"STORE 1 +FLAGS (\\Recent)"):
            lines = raw.command(b"B1", text)
            self.assertTrue(lines[-1].startswith(b"B1 BAD"), (text, lines))
        lines = raw.command(b"B2", b"SELECT INBOX")
        self.assertTrue(lines[-1].startswith(b"B2 OK"), lines)
        lines = raw.command(b"B3", b"FETCH 99 (FLAGS)")
        self.assertTrue(lines[-1].startswith(b"B3 BAD"), lines)
        lines = raw.command(b"B4", b"FETCH 1:x (FLAGS)")
        self.assertTrue(lines[-1].startswith(b"B4 BAD"), lines)
        lines = raw.command(b"B5", b"SEARCH CHARSET KOI8-R TEXT x")
        self.assertIn(b"NO [BADCHARSET", lines[-1])
        lines = raw.command(b"B6", b"NOOP")
        self.assertTrue(lines[-1].startswith(b"B6 OK"), lines)

    def test_bad_command_budget_ends_session(self):
        raw = self.raw()
        for n in range(25):
            raw.send(b"X%d FROB\r\n" % n)
        lines = []
        while True:
            line = raw.line()
            if not line:
                break
            lines.append(line)
        self.assertTrue(lines[-1].startswith(b"* BYE"), lines[-3:])
        self.assertLessEqual(sum(1 for l in lines if b" BAD " in l), 20)

    def test_too_long_line_gets_bye(self):
        raw = self.raw()
        raw.send(b"A1 NOOP " + b"x" * (70 * 1024) + b"\r\n")
        self.assertTrue(raw.line().startswith(b"* BYE"))
        self.assertEqual(raw.line(), b"")

    def test_literal_over_appendlimit_refused_before_read(self):
        raw = self.session()
        # Synchronizing: refused instead of a continuation, nothing sent.
        lines = raw.command(b"A1", b"APPEND INBOX {1000000}")
        self.assertIn(b"A1 NO [TOOBIG]", lines[-1])
        # The session goes on.
        self.assertTrue(raw.command(b"A2", b"NOOP")[-1].startswith(b"A2 OK"))
        # Within the limit it is accepted.
        message = make_message("small", "body")
        raw.send(b"A3 APPEND INBOX {%d}\r\n" % len(message))
        self.assertTrue(raw.line().startswith(b"+ "))
        raw.send(message + b"\r\n")
        self.assertRegex(raw.until_tagged(b"A3")[-1], rb"A3 OK \[APPENDUID \d+ 1\]")

    def test_bad_modified_utf7_names(self):
        raw = self.session()
        for name in (b"&AGE-", b"&Jjo", b"&-&-&AOQ-&AOQ-"):
            lines = raw.command(b"C1", b"CREATE " + name)
            self.assertRegex(lines[-1], rb"C1 (NO|BAD)", name)
        # A valid one works and lists back the same way.
        self.assertTrue(raw.command(b"C2", b"CREATE Entw&APw-rfe")[-1].startswith(b"C2 OK"))
        listed = b"".join(raw.command(b"C3", b'LIST "" Entw*'))
        self.assertIn(b"Entw&APw-rfe", listed)

    def test_connections_per_user(self):
        clients = [self.client() for _ in range(3)]
        raw = self.raw()
        raw.starttls()
        lines = raw.command(b"L1", b'LOGIN %s "%s"' % (ALICE.encode(), PASSWORD.encode()))
        self.assertIn(b"L1 NO [LIMIT]", lines[-1])
        # Another user is not affected.
        raw.login(BOB)
        clients[0].logout()
        # The slot is free once the server has closed that session.
        deadline = time.monotonic() + 10
        while True:
            raw2 = self.raw()
            raw2.starttls()
            lines = raw2.command(b"L2", b'LOGIN %s "%s"' % (ALICE.encode(), PASSWORD.encode()))
            if lines[-1].startswith(b"L2 OK") or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.assertTrue(lines[-1].startswith(b"L2 OK"), lines)


class ImapQuotaTest(ImapTestCase):

    def setUp(self):
        super().setUp()
        self.assertCtlOk("mailbox", "add", "carol@example.test", "--password-stdin",
                         "--quota", "20K", stdin=PASSWORD + "\n")

    def test_append_over_quota_refused_before_literal(self):
        raw = self.raw(tls=True)
        raw.login("carol@example.test")
        big = make_message("big", "x" * 12000)
        raw.send(b"Q1 APPEND INBOX {%d}\r\n" % len(big))
        self.assertTrue(raw.line().startswith(b"+ "))
        raw.send(big + b"\r\n")
        self.assertTrue(raw.until_tagged(b"Q1")[-1].startswith(b"Q1 OK"))
        # The second does not fit: NO before the literal is read.
        lines = raw.command(b"Q2", b"APPEND INBOX {%d}" % len(big))
        self.assertIn(b"Q2 NO [OVERQUOTA]", lines[-1])
        # LITERAL+: the octets are on their way; they are read and dropped.
        raw.send(b"Q3 APPEND INBOX {%d+}\r\n" % len(big) + big + b"\r\n")
        self.assertIn(b"Q3 NO [OVERQUOTA]", raw.until_tagged(b"Q3")[-1])
        lines = raw.command(b"Q4", b"GETQUOTAROOT INBOX")
        text = b"".join(lines)
        self.assertIn(b'* QUOTAROOT INBOX ""', text)
        self.assertRegex(text, rb'\* QUOTA "" \(STORAGE 1[23] 20\)')
        # COPY that would exceed the quota.
        raw.command(b"Q5", b"SELECT INBOX")
        lines = raw.command(b"Q6", b"COPY 1 Archive")
        self.assertIn(b"Q6 NO [OVERQUOTA]", lines[-1])


class ImapTimeoutTest(ImapTestCase):
    daemon_sections = {"imap": {"idle_timeout": "2s"}}

    def test_autologout(self):
        raw = self.raw(tls=True)
        raw.login()
        started = time.monotonic()
        line = raw.line()
        self.assertTrue(line.startswith(b"* BYE"), line)
        self.assertLess(time.monotonic() - started, 10)


if __name__ == "__main__":
    unittest.main()
