"""Several IMAP sessions on one mailbox see each other's changes (RFC 9051
sections 5.2 and 7.5.1), and IDLE (RFC 2177) pushes a delivery within a
second.

Session A watches, session B changes: B's STORE shows up in A as an
untagged FETCH, B's EXPUNGE as EXPUNGE (only when A may hear it: not
during a FETCH/STORE/SEARCH without UID, where the message keeps its
number), new mail as EXISTS. IDLE latency is measured from the SMTP
server's acknowledgement of a message to the EXISTS line in an idling
raw session.
"""

import signal
import time
import unittest

from imap_support import ALICE, ImapTestCase, deliver, ok

IDLE_LATENCY_LIMIT = 1.0


class ImapSessionsTest(ImapTestCase):

    def test_two_sessions_see_each_others_changes(self):
        for n in range(3):
            deliver(self.daemon, ALICE, "message %d" % n)
        a = self.client()
        b = self.client()
        ok(a.select("INBOX"))
        ok(b.select("INBOX"))
        a.untagged_responses.clear()
        b.untagged_responses.clear()

        ok(b.store("2", "+FLAGS", r"(\Flagged)"))
        ok(a.noop())
        fetches = a.untagged_responses.pop("FETCH", [])
        self.assertEqual(fetches, [rb"2 (FLAGS (\Flagged))"])

        # B expunges message 1. During A's FETCH without UID the EXPUNGE
        # must wait: message 1 is still number 1 for A.
        ok(b.store("1", "+FLAGS", r"(\Deleted)"))
        ok(b.expunge())
        data = ok(a.fetch("1", "(UID)"))
        self.assertIn(b"UID 1", data[-1] if isinstance(data[-1], bytes) else data[-1][0])
        self.assertEqual(a.untagged_responses.pop("EXPUNGE", []), [])
        # NOOP may announce it.
        ok(a.noop())
        self.assertEqual(a.untagged_responses.pop("EXPUNGE", []), [b"1"])
        self.assertEqual([d.split(b" (")[0] for d in ok(a.fetch("1:*", "(UID)"))], [b"1", b"2"])
        self.assertIn(b"UID 2", ok(a.fetch("1", "(UID)"))[0])

        # New mail: EXISTS in both.
        deliver(self.daemon, ALICE, "message 3")
        ok(a.noop())
        self.assertEqual(a.untagged_responses.pop("EXISTS", []), [b"3"])
        ok(b.noop())
        self.assertEqual(b.untagged_responses.pop("EXISTS", [])[-1:], [b"3"])

        # A UID command may hear EXPUNGE at once.
        ok(b.store("1", "+FLAGS", r"(\Deleted)"))
        ok(b.expunge())
        a.untagged_responses.clear()
        typ, data = a.uid("FETCH", "1:*", "(FLAGS)")
        self.assertEqual(typ, "OK")
        self.assertEqual(a.untagged_responses.pop("EXPUNGE", []), [b"1"])

    def test_idle_pushes_delivery_within_a_second(self):
        raw = self.raw()
        raw.starttls()
        raw.login()
        raw.command(b"S", b"SELECT INBOX")
        raw.send(b"I IDLE\r\n")
        self.assertTrue(raw.line().startswith(b"+ "))
        latencies = []
        for n in range(3):
            deliver(self.daemon, ALICE, "pushed %d" % n)
            acked = time.monotonic()
            line = raw.line()
            latencies.append(time.monotonic() - acked)
            self.assertEqual(line, b"* %d EXISTS\r\n" % (n + 1))
            # IMAP4rev1 session: RECENT follows EXISTS.
            self.assertEqual(raw.line(), b"* 0 RECENT\r\n")
        raw.send(b"DONE\r\n")
        self.assertTrue(raw.until_tagged(b"I")[-1].startswith(b"I OK"))
        self.assertLess(max(latencies), IDLE_LATENCY_LIMIT, latencies)

    def test_idle_sees_flag_change_and_expunge_from_another_session(self):
        deliver(self.daemon, ALICE, "one")
        deliver(self.daemon, ALICE, "two")
        raw = self.raw(tls=True)
        raw.login()
        raw.command(b"S", b"SELECT INBOX")
        raw.send(b"I IDLE\r\n")
        self.assertTrue(raw.line().startswith(b"+ "))
        other = self.client(implicit_tls=True)
        ok(other.select("INBOX"))
        ok(other.store("2", "+FLAGS", r"(\Seen)"))
        self.assertEqual(raw.line(), rb"* 2 FETCH (FLAGS (\Seen))" + b"\r\n")
        ok(other.store("1", "+FLAGS", r"(\Deleted)"))
        ok(other.expunge())
        line = raw.line()
        if line.startswith(b"* 1 FETCH"):
            line = raw.line()  # the \Deleted flag, then the expunge
        self.assertEqual(line, b"* 1 EXPUNGE\r\n")
        raw.send(b"DONE\r\n")
        raw.until_tagged(b"I")

    def test_sigterm_says_bye_unavailable(self):
        idle = self.raw(tls=True)
        idle.login()
        idle.command(b"S", b"SELECT INBOX")
        idle.send(b"I IDLE\r\n")
        self.assertTrue(idle.line().startswith(b"+ "))
        plain = self.raw()
        started = time.monotonic()
        self.daemon.signal(signal.SIGTERM)
        for raw in (idle, plain):
            self.assertEqual(raw.line(), b"* BYE [UNAVAILABLE] shutting down\r\n")
        self.assertEqual(self.daemon.wait(30), 0)
        self.assertLess(time.monotonic() - started, 15)


if __name__ == "__main__":
    unittest.main()
