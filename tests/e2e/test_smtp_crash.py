"""Crash safety of SMTP delivery: many concurrent sessions flood a real
mailsteadd, the daemon is killed with SIGKILL mid-flood and restarted on the
same data directory. Every message that got a 250 must then be present
exactly once per recipient and byte-identical, nothing else may appear, and
each mailbox's index.db must agree with its files (issue 3, Durability).
"""

import os
import random
import re
import signal
import threading
import time
import unittest

from mailstead_harness import Daemon
from smtp_support import (RawSmtp, SmtpTestCase, make_message, mailbox_dir, message_files,
                          smtp_port, split_trace, stored_equals_sent)

THREADS = 8
MAILBOXES = ["m0", "m1", "m2", "m3"]
FLOOD_SECONDS = 3.0
MESSAGE_ID_RE = re.compile(rb"(?mi)^Message-ID:\s*(<[^>\r\n]+>)")


class Flood:
    """Client threads sending distinct messages until the server goes away."""

    def __init__(self, port):
        self.port = port
        self.lock = threading.Lock()
        self.sent = {}       # message id -> (bytes, [recipients]) for every DATA content sent
        self.acked = set()   # got 250 after the data
        self.refused = {}    # got an explicit non-250 reply after the data
        self.errors = []     # unexpected client-side problems
        self.stop = threading.Event()
        self.killed = threading.Event()

    def run(self, index):
        rng = random.Random(index)
        n = 0
        try:
            while not self.stop.is_set():
                try:
                    c = RawSmtp(self.port, timeout=30)
                except OSError:
                    return
                try:
                    if c.reply() is None:
                        return
                    if c.cmd("EHLO flood%d.elsewhere.example" % index).code != 250:
                        return
                    for _ in range(rng.randint(1, 20)):
                        if self.stop.is_set():
                            return
                        n += 1
                        if not self.one(c, index, n, rng):
                            return
                    c.cmd("QUIT")
                finally:
                    c.close()
        except (OSError, AttributeError):
            # The daemon died under us (reset, EOF: reply() returned None).
            return
        except Exception as e:  # noqa: BLE001 - reported by the test
            if not self.killed.is_set():
                with self.lock:
                    self.errors.append("thread %d: %r" % (index, e))

    def one(self, c, index, n, rng):
        first = MAILBOXES[(index + n) % len(MAILBOXES)]
        recipients = [first + "@example.test"]
        if n % 5 == 0:
            recipients.append(MAILBOXES[(index + n + 1) % len(MAILBOXES)] + "@example.test")
        message_id = "<flood-%d-%d-%08x@elsewhere.example>" % (index, n, rng.getrandbits(32))
        lines = ["thread %d message %d %s" % (index, n, message_id)]
        for i in range(rng.randint(1, 120)):
            lines.append("%04d " % i + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789 .")
                                               for _ in range(rng.randint(0, 70))))
        msg = make_message("flood %d/%d" % (index, n), "\n".join(lines) + "\n",
                           to=", ".join(recipients), message_id=message_id)
        c.send(b"MAIL FROM:<flood%d@elsewhere.example>\r\n" % index +
               b"".join(b"RCPT TO:<%s>\r\n" % r.encode() for r in recipients) + b"DATA\r\n")
        replies = [c.reply() for _ in range(len(recipients) + 2)]
        if any(r is None for r in replies):
            return False
        codes = [r.code for r in replies]
        if codes != [250] + [250] * len(recipients) + [354]:
            if self.killed.is_set():
                return False
            with self.lock:
                self.errors.append("thread %d: %r" % (index, replies))
            return False
        with self.lock:
            self.sent[message_id] = (msg, recipients)
        c.send(re.sub(rb"(?m)^\.", b"..", msg) + b".\r\n")
        r = c.reply()
        if r is None:
            return False
        with self.lock:
            if r.code == 250:
                self.acked.add(message_id)
            else:
                self.refused[message_id] = r
        return r.code == 250


class CrashSafetyTests(SmtpTestCase):
    mailboxes = MAILBOXES

    def test_kill_9_mid_flood(self):
        self.flood_and_stop(lambda: self.daemon.kill9())

    def test_sigterm_mid_flood(self):
        # A clean shutdown under load: the daemon exits 0, and the same
        # guarantees hold (sessions in DATA are answered or dropped, never
        # acknowledged without the message).
        def stop():
            self.daemon.signal(signal.SIGTERM)
            self.assertEqual(self.daemon.wait(30), 0, self.daemon.stderr()[-3000:])
        self.flood_and_stop(stop)

    def flood_and_stop(self, stop_daemon):
        flood = Flood(self.port)
        threads = [threading.Thread(target=flood.run, args=(i,), daemon=True) for i in range(THREADS)]
        for t in threads:
            t.start()
        time.sleep(FLOOD_SECONDS)
        with flood.lock:
            acked_before_kill = len(flood.acked)
        flood.killed.set()
        stop_daemon()
        flood.stop.set()
        for t in threads:
            t.join(40)
            self.assertFalse(t.is_alive(), "a client thread hangs after the kill")
        self.assertEqual(flood.errors, [])
        self.assertGreaterEqual(acked_before_kill, THREADS,
                                "the flood delivered too little to test anything")

        # Restart on the same directory and config.
        second = Daemon(tmp=self.daemon.tmp, config_text=False)
        second.start()
        self.addCleanup(second.stop)
        port = smtp_port(second)
        # Touch every mailbox: the listing opens the indexes (recovery), and a
        # fresh delivery to each must still work.
        listed = {m["address"]: m for m in second.ctl_json("mailbox", "list")["mailboxes"]}
        probes = {}
        for name in MAILBOXES:
            address = name + "@example.test"
            probe = make_message("after restart", "probe for %s\n" % address,
                                 message_id="<probe-%s@elsewhere.example>" % name)
            c = RawSmtp(port)
            try:
                c.greeting()
                c.ehlo()
                self.expect(c.cmd("MAIL FROM:<probe@elsewhere.example>"), 250)
                self.expect(c.cmd("RCPT TO:<%s>" % address), 250)
                self.expect(c.cmd("DATA"), 354)
                c.send(probe + b".\r\n")
                self.expect(c.reply(), 250, what="probe delivery after restart")
                self.expect(c.cmd("QUIT"), 221)
            finally:
                c.close()
            probes["<probe-%s@elsewhere.example>" % name] = probe
        listed_after = {m["address"]: m for m in second.ctl_json("mailbox", "list")["mailboxes"]}
        second.stop()
        self.assertEqual(second.proc.returncode, 0, second.stderr()[-3000:])

        # What each mailbox holds, by Message-ID.
        self.daemon = second  # message_files()/index_rows() read daemon.tmp
        found = {}
        problems = []
        for name in MAILBOXES:
            address = name + "@example.test"
            for path in message_files(second, address):
                with open(path, "rb") as f:
                    raw = f.read()
                fields, rest = split_trace(raw)
                m = MESSAGE_ID_RE.search(rest)
                if not m:
                    problems.append("%s: no Message-ID (torn or foreign file)" % path)
                    continue
                mid = m.group(1).decode()
                found.setdefault((address, mid), []).append(path)
                expected = probes.get(mid) or flood.sent.get(mid, (None,))[0]
                if expected is None:
                    problems.append("%s: unknown message %s" % (path, mid))
                elif not stored_equals_sent(rest, expected):
                    problems.append("%s: %s differs from what was sent (%d vs %d bytes)"
                                    % (path, mid, len(rest), len(expected)))
                if mid in flood.sent and address not in flood.sent[mid][1]:
                    problems.append("%s: %s delivered to a mailbox it was not sent to" % (path, mid))
        for key, paths in found.items():
            if len(paths) != 1:
                problems.append("%s in %s %d times: %s" % (key[1], key[0], len(paths), paths))
        for mid in flood.acked:
            for address in flood.sent[mid][1]:
                if (address, mid) not in found:
                    problems.append("acknowledged %s missing from %s" % (mid, address))
        for mid, reply in flood.refused.items():
            for address in flood.sent[mid][1]:
                if (address, mid) in found:
                    problems.append("refused (%r) %s was delivered to %s" % (reply, mid, address))
        self.assertEqual(problems, [], "\n".join(problems[:40]))

        # The index agrees with the files, and the counters with both.
        for name in MAILBOXES:
            address = name + "@example.test"
            with self.subTest(mailbox=address):
                rows = self.assertIndexAgrees(address)
                files = message_files(second, address)
                self.assertEqual(len(rows), len(files))
                self.assertEqual(listed_after[address]["usage"]["messages"], len(files))
                self.assertEqual(listed_after[address]["usage"]["bytes"],
                                 sum(os.path.getsize(p) for p in files))
                self.assertLessEqual(listed[address]["usage"]["messages"], len(files))
                # UIDs are unique and the directory holds nothing half-written.
                self.assertEqual(len({r[0] for r in rows}), len(rows))
                tmp = os.path.join(mailbox_dir(second, address), "tmp")
                self.assertEqual(os.listdir(tmp) if os.path.isdir(tmp) else [], [])
        acked_copies = sum(len(flood.sent[m][1]) for m in flood.acked)
        stored_copies = sum(len(p) for (a, mid), p in found.items() if not mid.startswith("<probe-"))
        self.assertGreaterEqual(stored_copies, acked_copies)
        print("\nflood: %d messages sent, %d acknowledged (%d copies), %d copies stored, %d refused"
              % (len(flood.sent), len(flood.acked), acked_copies, stored_copies, len(flood.refused)))


if __name__ == "__main__":
    unittest.main()
