"""The SMTP protocol on the wire against a real mailsteadd: EHLO keywords,
BDAT (RFC 3030), PIPELINING (RFC 2920), dot-unstuffing, command order,
line and size limits (RFC 1870), recipient limits, timeouts and the error
budget. A raw socket sends exactly the bytes under test.
"""

import smtplib
import time
import unittest

from smtp_support import (RawSmtp, SmtpTestCase, make_message, message_files, swaks,
                          split_trace, read_messages, REPLY_TIMEOUT)


class EhloTests(SmtpTestCase):
    def test_greeting_and_keywords(self):
        c = RawSmtp(self.port)
        self.addCleanup(c.close)
        g = c.greeting()
        self.assertIn("mail.example.test", g.lines[0])
        r = c.ehlo()
        self.assertIn("mail.example.test", r.lines[0])
        ext = c.extensions(r)
        for keyword in ["PIPELINING", "SIZE", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES",
                        "STARTTLS", "CHUNKING"]:
            self.assertIn(keyword, ext, r)
        self.assertEqual(ext["SIZE"], str(50 * 1024 * 1024))
        self.expect(c.cmd("QUIT"), 221, "2.0.0")
        self.assertIsNone(c.reply())

    def test_vrfy_help_noop_rset(self):
        c = self.raw()
        vrfy_alice = self.expect(c.cmd("VRFY alice@example.test"), 252)
        vrfy_nobody = self.expect(c.cmd("VRFY nobody@example.test"), 252)
        # No enumeration: the answer does not depend on the mailbox existing.
        self.assertEqual(vrfy_alice.enhanced, vrfy_nobody.enhanced)
        self.assertNotIn("alice", vrfy_alice.text.lower().replace("alice@example.test", ""))
        expn = c.cmd("EXPN team@example.test")
        self.assertIn(expn.code, (252, 500, 502), expn)
        help_reply = c.cmd("HELP")
        self.assertIn(help_reply.code, (211, 214), help_reply)
        self.expect(c.cmd("NOOP"), 250, "2.0.0")
        self.expect(c.cmd("NOOP with an argument"), 250)
        self.expect(c.cmd("RSET"), 250, "2.0.0")
        self.expect(c.cmd("QUIT"), 221)


class SequenceTests(SmtpTestCase):
    def test_bad_sequences_get_503(self):
        c = RawSmtp(self.port)
        self.addCleanup(c.close)
        c.greeting()
        # RFC 5321 section 4.1.4: MAIL needs a HELO/EHLO first.
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 503)
        c.ehlo()
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 503, "5.5.1")
        self.expect(c.cmd("DATA"), 503, "5.5.1")
        self.expect(c.cmd("BDAT 0 LAST"), 503)
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250, "2.1.0")
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 503, "5.5.1")
        r = c.cmd("DATA")
        # No valid recipient: 503 or 554 (RFC 5321 section 3.3).
        self.assertIn(r.code, (503, 554), r)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250, "2.1.5")
        self.expect(c.cmd("RSET"), 250)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 503)
        self.expect(c.cmd("QUIT"), 221)
        self.assertEmptyStore()

    def test_syntax_errors(self):
        c = self.raw()
        self.expect(c.cmd("FROB"), 500, "5.5.1")
        self.expect(c.cmd("MAIL FROM:alice"), 501)
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example> FROB=1"), 555)
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        r = c.cmd("RCPT TO:<>")
        self.assertIn(r.code, (501, 553), r)
        self.expect(c.cmd("RCPT TO:<alice@example.test> FROB=1"), 555)
        self.expect(c.cmd("NOOP " + "x" * 600), 500, "5.5.2")
        # Still in step after the long line.
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        self.expect(c.cmd("QUIT"), 221)

    def test_error_budget_then_421(self):
        c = self.raw()
        replies = []
        for _ in range(30):
            r = c.cmd("FROB")
            if r is None:
                break
            replies.append(r)
            if r.code == 421:
                break
        self.assertEqual(replies[-1].code, 421, replies)
        self.assertLessEqual(len(replies), 11, replies)
        c.wait_closed(10)


class SmallErrorBudgetTests(SmtpTestCase):
    daemon_sections = {"smtp": {"max_errors": "3"}}

    def test_configured_error_budget(self):
        c = self.raw()
        codes = []
        for _ in range(10):
            r = c.cmd("RCPT TO:<alice@example.test>")
            if r is None:
                break
            codes.append(r.code)
            if r.code == 421:
                break
        self.assertEqual(codes[-1], 421, codes)
        self.assertLessEqual(len(codes), 4, codes)
        c.wait_closed(10)


class DataTests(SmtpTestCase):
    def test_dot_unstuffing(self):
        body = ("first\r\n..\r\n.hidden\r\n...two dots\r\n. \r\nx.\r\n").encode()
        msg = make_message("dots", "") + body
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        self.expect(c.cmd("DATA"), 354)
        stuffed = msg.replace(b"\r\n.", b"\r\n..")
        c.send(stuffed + b".\r\n")
        self.expect(c.reply(), 250, "2.0.0")
        self.assertDeliveredOnce("alice@example.test", msg)

    def test_dot_after_text_is_not_the_end(self):
        # "a\r\n.\r\n" ends; a "." without CRLF before it does not.
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        self.expect(c.cmd("DATA"), 354)
        c.send(b"Subject: x\r\n\r\nabc.\r\n")
        self.assertTrue(c.nothing_more(0.5), "abc.CRLF ended the data")
        c.send(b".\r\n")
        self.expect(c.reply(), 250)
        self.assertDeliveredOnce("alice@example.test", b"Subject: x\r\n\r\nabc.\r\n")

    def test_data_line_limit(self):
        ok = make_message("998", "y" * 998 + "\n")
        self.assertEqual(self.raw_send("s@elsewhere.example", ["alice@example.test"], ok).code, 250)
        bad = make_message("999", "z" * 999 + "\n")
        r = self.raw_send("s@elsewhere.example", ["bob@example.test"], bad)
        self.expect(r, 554, "5.6.0")
        self.assertDeliveredOnce("alice@example.test", ok)
        self.assertEqual(message_files(self.daemon, "bob@example.test"), [])

    def test_large_message_byte_identical(self):
        rng_lines = []
        for i in range(60000):
            rng_lines.append(("%06d " % i) + "äöü€ ".join("w%d" % (i * 7 % 97) for _ in range(i % 13)))
        msg = make_message("large", "\n".join(rng_lines) + "\n",
                           extra_headers=["MIME-Version: 1.0",
                                          "Content-Type: text/plain; charset=utf-8",
                                          "Content-Transfer-Encoding: 8bit"])
        self.assertGreater(len(msg), 2 * 1024 * 1024)
        self.expect(self.raw_send("s@elsewhere.example", ["alice@example.test"], msg), 250)
        self.assertDeliveredOnce("alice@example.test", msg)
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example> BODY=8BITMIME SIZE=%d" % len(msg)), 250)
        self.expect(c.cmd("RCPT TO:<bob@example.test>"), 250)
        cut = len(msg) // 3
        c.send(b"BDAT %d\r\n" % cut + msg[:cut])
        self.expect(c.reply(), 250)
        c.send(b"BDAT %d LAST\r\n" % (len(msg) - cut) + msg[cut:])
        self.expect(c.reply(), 250)
        self.assertDeliveredOnce("bob@example.test", msg)

    def test_data_after_refused_recipients_only(self):
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<nobody@example.test>"), 550)
        r = c.cmd("DATA")
        self.assertIn(r.code, (503, 554), r)
        self.expect(c.cmd("NOOP"), 250)
        self.assertEmptyStore()


class BdatTests(SmtpTestCase):
    def test_bdat_single_chunk_exact_bytes(self):
        # No dot-stuffing with BDAT: ".hidden" and a lone "." are content.
        msg = make_message("bdat", "line one\n.hidden\n.\nlast\n")
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example> BODY=8BITMIME"), 250)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        c.send(b"BDAT %d LAST\r\n" % len(msg) + msg)
        self.expect(c.reply(), 250)
        self.expect(c.cmd("QUIT"), 221)
        self.assertDeliveredOnce("alice@example.test", msg)

    def test_bdat_multi_chunk(self):
        msg = make_message("chunks", "alpha\nbeta\ngamma\n" + ("delta " * 15 + "\n") * 20)
        # Cut inside a CRLF, inside a word, and end with an empty LAST chunk.
        cut1 = msg.index(b"\r\nbeta") + 1
        cut2 = msg.index(b"amma")
        parts = [msg[:cut1], msg[cut1:cut2], msg[cut2:]]
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        self.expect(c.cmd("RCPT TO:<bob@example.test>"), 250)
        for part in parts:
            c.send(b"BDAT %d\r\n" % len(part) + part)
            self.expect(c.reply(), 250, what="BDAT chunk")
        c.send(b"BDAT 0 LAST\r\n")
        self.expect(c.reply(), 250)
        # A second message in the same session.
        second = make_message("second", "second message\n")
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<bob@example.test>"), 250)
        c.send(b"BDAT %d LAST\r\n" % len(second) + second)
        self.expect(c.reply(), 250)
        self.expect(c.cmd("QUIT"), 221)
        self.assertDeliveredOnce("alice@example.test", msg)
        rests = sorted(split_trace(m)[1] for m in read_messages(self.daemon, "bob@example.test"))
        self.assertEqual(len(rests), 2)
        self.assertIndexAgrees("bob@example.test")

    def test_bdat_pipelined_in_one_write(self):
        msg = make_message("bdat pipelined", "all in one write\n")
        half = len(msg) // 2
        c = self.raw()
        c.send(b"MAIL FROM:<s@elsewhere.example>\r\nRCPT TO:<alice@example.test>\r\n"
               b"BDAT %d\r\n" % half + msg[:half] +
               b"BDAT %d LAST\r\n" % (len(msg) - half) + msg[half:] + b"QUIT\r\n")
        codes = [c.reply().code for _ in range(5)]
        self.assertEqual(codes, [250, 250, 250, 250, 221])
        self.assertDeliveredOnce("alice@example.test", msg)

    def test_bdat_with_bare_lf_is_refused(self):
        msg = b"Subject: bare\r\n\r\nbare\nline\r\n"
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        c.send(b"BDAT %d LAST\r\n" % len(msg) + msg)
        r = c.reply()
        self.assertEqual(r.code // 100, 5, r)
        self.expect(c.cmd("NOOP"), 250)
        self.assertEmptyStore()

    def test_data_after_bdat_is_refused(self):
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        c.send(b"BDAT 5\r\nabcde")
        self.expect(c.reply(), 250)
        self.expect(c.cmd("DATA"), 503)
        self.expect(c.cmd("RSET"), 250)
        self.expect(c.cmd("QUIT"), 221)
        self.assertEmptyStore()


class PipeliningTests(SmtpTestCase):
    mailboxes = ["alice", "bob", "carol"]

    def test_all_commands_in_one_write(self):
        msg = make_message("pipelined", "one write\n")
        c = RawSmtp(self.port)
        self.addCleanup(c.close)
        c.greeting()
        c.ehlo()
        c.send(b"MAIL FROM:<s@elsewhere.example>\r\n"
               b"RCPT TO:<alice@example.test>\r\n"
               b"RCPT TO:<nobody@example.test>\r\n"
               b"RCPT TO:<bob@example.test>\r\n"
               b"DATA\r\n")
        replies = [c.reply() for _ in range(5)]
        self.assertEqual([r.code for r in replies], [250, 250, 550, 250, 354], replies)
        c.send(msg + b".\r\nMAIL FROM:<t@elsewhere.example>\r\nRCPT TO:<carol@example.test>\r\n"
               b"DATA\r\n")
        replies = [c.reply() for _ in range(4)]
        self.assertEqual([r.code for r in replies], [250, 250, 250, 354], replies)
        c.send(msg + b".\r\nRSET\r\nQUIT\r\n")
        replies = [c.reply() for _ in range(3)]
        self.assertEqual([r.code for r in replies], [250, 250, 221], replies)
        self.assertIsNone(c.reply())
        for box in ["alice@example.test", "bob@example.test", "carol@example.test"]:
            self.assertDeliveredOnce(box, msg)

    def test_ehlo_through_quit_in_one_write(self):
        msg = make_message("one packet", "everything at once\n")
        c = RawSmtp(self.port)
        self.addCleanup(c.close)
        c.greeting()
        c.send(b"EHLO client.elsewhere.example\r\nMAIL FROM:<s@elsewhere.example>\r\n"
               b"RCPT TO:<alice@example.test>\r\nDATA\r\n")
        codes = [c.reply().code for _ in range(4)]
        self.assertEqual(codes, [250, 250, 250, 354])
        c.send(msg + b".\r\nQUIT\r\n")
        self.assertEqual([c.reply().code for _ in range(2)], [250, 221])
        self.assertDeliveredOnce("alice@example.test", msg)

    def test_whole_session_in_one_write(self):
        # Not what RFC 2920 asks of a client (it waits for 354), but when
        # every command succeeds the server must read the stream in order.
        msg = make_message("one write", "the whole session at once\n")
        c = RawSmtp(self.port)
        self.addCleanup(c.close)
        c.greeting()
        c.send(b"EHLO client.elsewhere.example\r\nMAIL FROM:<s@elsewhere.example>\r\n"
               b"RCPT TO:<alice@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n" +
               msg + b".\r\nNOOP\r\nQUIT\r\n")
        codes = [c.reply().code for _ in range(7)]
        self.assertEqual(codes, [250, 250, 250, 250, 354, 250, 250])
        self.expect(c.reply(), 221)
        self.assertIsNone(c.reply())
        self.assertDeliveredOnce("alice@example.test", msg)
        self.assertDeliveredOnce("bob@example.test", msg)

    def test_swaks_pipeline(self):
        r = swaks("--server", "127.0.0.1", "--port", str(self.port), "--pipeline",
                  "--from", "swaks@elsewhere.example", "--to", "alice@example.test,bob@example.test",
                  "--header", "Subject: swaks pipeline", "--body", "pipelined by swaks",
                  "--timeout", "20")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        for box in ["alice@example.test", "bob@example.test"]:
            msgs = [split_trace(m)[1] for m in read_messages(self.daemon, box)]
            self.assertEqual(len(msgs), 1, r.stdout)
            self.assertIn(b"pipelined by swaks", msgs[0])
            self.assertIndexAgrees(box)


class LimitTests(SmtpTestCase):
    mailboxes = ["alice", "bob", "carol", "dave"]
    daemon_sections = {"smtp": {"max_message_size": "64K", "max_recipients": "3",
                                "max_line_length": "200"}}

    def test_size_keyword(self):
        c = self.raw(ehlo=False)
        ext = c.extensions(c.ehlo())
        self.assertEqual(ext["SIZE"], str(64 * 1024))

    def test_size_parameter_over_limit_552_at_mail(self):
        c = self.raw()
        r = self.expect(c.cmd("MAIL FROM:<s@elsewhere.example> SIZE=%d" % (64 * 1024 + 1)), 552)
        self.assertEqual(r.enhanced, "5.3.4", r)
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example> SIZE=%d" % (64 * 1024)), 250)
        self.expect(c.cmd("QUIT"), 221)

    def test_data_over_limit_552_after_data(self):
        big = make_message("big", ("b" * 78 + "\n") * 1000)  # ~80 KB
        c = self.raw()
        r = self.raw_send("s@elsewhere.example", ["alice@example.test"], big, client=c)
        self.expect(r, 552, "5.3.4")
        # The session is still usable and in step.
        small = make_message("small", "fits\n")
        r = self.raw_send("s@elsewhere.example", ["alice@example.test"], small, client=c)
        self.expect(r, 250)
        self.assertDeliveredOnce("alice@example.test", small)

    def test_size_boundary(self):
        def sized(n, tag):
            head = make_message(tag, "")
            line = b"s" * 98 + b"\r\n"
            body = line * ((n - len(head)) // len(line))
            rest = n - len(head) - len(body)
            body += b"t" * (rest - 2) + b"\r\n" if rest >= 2 else b""
            msg = head + body
            self.assertEqual(len(msg), n)
            return msg
        exact = sized(64 * 1024, "exact")
        self.expect(self.raw_send("s@elsewhere.example", ["alice@example.test"], exact), 250)
        self.assertDeliveredOnce("alice@example.test", exact)
        over = sized(64 * 1024 + 2, "over")
        self.expect(self.raw_send("s@elsewhere.example", ["bob@example.test"], over), 552, "5.3.4")
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<bob@example.test>"), 250)
        c.send(b"BDAT %d LAST\r\n" % len(exact) + exact)
        self.expect(c.reply(), 250)
        self.assertDeliveredOnce("bob@example.test", exact)

    def test_bdat_over_limit_552(self):
        big = make_message("big bdat", ("c" * 78 + "\n") * 1000)
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        half = len(big) // 2
        c.send(b"BDAT %d\r\n" % half + big[:half])
        replies = [c.reply()]
        c.send(b"BDAT %d LAST\r\n" % (len(big) - half) + big[half:])
        replies.append(c.reply())
        self.assertTrue(any(r.code == 552 and r.enhanced == "5.3.4" for r in replies), replies)
        self.expect(c.cmd("RSET"), 250)
        self.expect(c.cmd("NOOP"), 250)
        self.assertEmptyStore()

    def test_too_many_recipients_452_4_5_3(self):
        msg = make_message("many", "to four\n")
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        for name in ["alice", "bob", "carol"]:
            self.expect(c.cmd("RCPT TO:<%s@example.test>" % name), 250)
        self.expect(c.cmd("RCPT TO:<dave@example.test>"), 452, "4.5.3")
        self.expect(c.cmd("DATA"), 354)
        c.send(msg + b".\r\n")
        self.expect(c.reply(), 250)
        for name in ["alice", "bob", "carol"]:
            self.assertDeliveredOnce(name + "@example.test", msg)
        self.assertEqual(message_files(self.daemon, "dave@example.test"), [])

    def test_configured_line_length(self):
        ok = make_message("200", "l" * 200 + "\n")
        self.expect(self.raw_send("s@elsewhere.example", ["alice@example.test"], ok), 250)
        bad = make_message("201", "l" * 201 + "\n")
        self.expect(self.raw_send("s@elsewhere.example", ["bob@example.test"], bad), 554, "5.6.0")
        self.assertEqual(message_files(self.daemon, "bob@example.test"), [])

    def test_smtplib_sees_size_refusal(self):
        big = make_message("big smtplib", ("s" * 78 + "\n") * 1000)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            s.ehlo()
            with self.assertRaises(smtplib.SMTPSenderRefused) as cm:
                s.sendmail("s@elsewhere.example", ["alice@example.test"], big)
            self.assertEqual(cm.exception.smtp_code, 552)
        self.assertEmptyStore()


class TimeoutTests(SmtpTestCase):
    daemon_sections = {"smtp": {"command_timeout": "2s", "data_timeout": "2s"}}

    def test_command_timeout_421(self):
        c = self.raw()
        start = time.monotonic()
        replies = c.wait_closed(15)
        elapsed = time.monotonic() - start
        self.assertTrue(replies and replies[-1].code == 421, replies)
        self.assertTrue((replies[-1].enhanced or "4.").startswith("4."), replies)
        self.assertGreaterEqual(elapsed, 1.5)
        self.assertLess(elapsed, 12)

    def test_data_timeout_421_and_nothing_delivered(self):
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        self.expect(c.cmd("DATA"), 354)
        c.send(b"Subject: slow\r\n\r\nhalf a messa")
        start = time.monotonic()
        replies = c.wait_closed(15)
        self.assertTrue(replies and replies[-1].code == 421, replies)
        self.assertLess(time.monotonic() - start, 12)
        self.assertEmptyStore()

    def test_bdat_timeout_421(self):
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        c.send(b"BDAT 100 LAST\r\nonly a few bytes")
        replies = c.wait_closed(15)
        self.assertTrue(replies and replies[-1].code == 421, replies)
        self.assertEmptyStore()

    def test_slow_but_steady_client_is_not_cut_off(self):
        # Each pause is below the timeout; the whole session is longer.
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        time.sleep(1.2)
        self.expect(c.cmd("RCPT TO:<alice@example.test>"), 250)
        self.expect(c.cmd("DATA"), 354)
        msg = make_message("slow", "slow but steady\n")
        for piece in (msg[:20], msg[20:]):
            time.sleep(1.2)
            c.send(piece)
        c.send(b".\r\n")
        self.expect(c.reply(), 250)
        self.assertDeliveredOnce("alice@example.test", msg)


if __name__ == "__main__":
    unittest.main()
