"""SMTP delivery against a real mailsteadd: Python's smtplib and swaks send
mail; the test then reads the Maildir files and index.db the daemon wrote.

Covers delivery to a mailbox, aliases, catch-all, plus-addressing, alias
domains, UTF-8 addresses (SMTPUTF8), unknown and disabled recipients,
quota, trace headers and admin counters (issue 3).
"""

import os
import re
import smtplib
import ssl
import subprocess
import time
import unittest

from smtp_support import (DOMAIN, HOSTNAME, RawSmtp, SmtpTestCase, TLS_VERSION_RE,
                          make_message, message_files, swaks, tool, unverified_context, REPLY_TIMEOUT)


class MailboxDeliveryTests(SmtpTestCase):
    def smtp(self):
        s = smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT)
        self.addCleanup(s.close)
        return s

    def test_smtplib_delivery_to_mailbox(self):
        msg = make_message("hello", "Hello Alice,\n.leading dot\n..two dots\n\nbye\n")
        with self.smtp() as s:
            code, ehlo = s.ehlo("client.elsewhere.example")
            self.assertEqual(code, 250)
            refused = s.sendmail("sender@elsewhere.example", ["alice@example.test"], msg)
            self.assertEqual(refused, {})
        headers, fields = self.assertDeliveredOnce("alice@example.test", msg)
        self.assertEqual(message_files(self.daemon, "bob@example.test"), [])
        # The trace fields come first, newest first: Return-Path, Delivered-To, Received.
        self.assertEqual(headers["return-path"], ["<sender@elsewhere.example>"])
        self.assertEqual(headers["delivered-to"], ["alice@example.test"])
        self.assertEqual(len(headers["received"]), 1, fields)
        self.assertEqual(fields[0][0], "return-path", fields)
        received = headers["received"][0]
        self.assertRegex(received, r"^from .*\bclient\.elsewhere\.example\b.* by ", received)
        self.assertIn("127.0.0.1", received)
        self.assertRegex(received, r"\bby %s\b" % re.escape(HOSTNAME), received)
        self.assertRegex(received, r"\bwith ESMTP\b", received)
        self.assertNotRegex(received, r"\bwith ESMTPS\b", received)
        self.assertRegex(received, r";\s*(\w{3},\s*)?\d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}", received)

        box = self.daemon.ctl_json("mailbox", "show", "alice@example.test")
        size = sum(os.path.getsize(p) for p in message_files(self.daemon, "alice@example.test"))
        self.assertEqual(box["usage"], {"bytes": size, "messages": 1})
        listed = {m["address"]: m for m in self.daemon.ctl_json("mailbox", "list")["mailboxes"]}
        self.assertEqual(listed["alice@example.test"]["usage"]["messages"], 1)
        self.assertEqual(listed["bob@example.test"]["usage"]["messages"], 0)

    def test_null_sender_and_case_insensitive_recipient(self):
        msg = make_message("bounce", "A delivery status notification.\n")
        with self.smtp() as s:
            s.ehlo("client.elsewhere.example")
            self.assertEqual(s.sendmail("", ["ALICE@Example.TEST"], msg), {})
        headers, _ = self.assertDeliveredOnce("alice@example.test", msg)
        self.assertEqual(headers["return-path"], ["<>"])

    def test_helo_and_plain_smtp(self):
        msg = make_message("helo", "Sent after HELO.\n")
        with self.smtp() as s:
            code, _ = s.helo("old.elsewhere.example")
            self.assertEqual(code, 250)
            self.assertEqual(s.sendmail("old@elsewhere.example", ["bob@example.test"], msg), {})
        headers, _ = self.assertDeliveredOnce("bob@example.test", msg)
        self.assertRegex(headers["received"][0], r"\bwith SMTP\b")

    def test_two_recipients_two_messages_one_session(self):
        first = make_message("one", "first\n")
        second = make_message("two", "second\n")
        with self.smtp() as s:
            s.ehlo()
            self.assertEqual(s.sendmail("s@elsewhere.example", ["alice@example.test", "bob@example.test"], first), {})
            self.assertEqual(s.sendmail("s@elsewhere.example", ["bob@example.test"], second), {})
        self.assertDeliveredOnce("alice@example.test", first)
        bodies = sorted(rest for _, rest in self.stored("bob@example.test"))
        self.assertEqual(len(bodies), 2)
        self.assertIndexAgrees("bob@example.test")

    def test_dsn_parameters_are_accepted(self):
        msg = make_message("dsn", "with DSN parameters\n")
        with self.smtp() as s:
            s.ehlo()
            code, _ = s.mail("s@elsewhere.example", ["RET=HDRS", "ENVID=QQ314159", "BODY=8BITMIME",
                                                     "SIZE=%d" % len(msg)])
            self.assertEqual(code, 250)
            code, _ = s.rcpt("alice@example.test", ["NOTIFY=SUCCESS,FAILURE",
                                                    "ORCPT=rfc822;alice@example.test"])
            self.assertEqual(code, 250)
            code, _ = s.data(msg)
            self.assertEqual(code, 250)
        self.assertDeliveredOnce("alice@example.test", msg)

    def test_eight_bit_body(self):
        msg = make_message("8bit", "Grüße aus Köln – ≥ 8 bit.\n",
                           extra_headers=["MIME-Version: 1.0",
                                          "Content-Type: text/plain; charset=utf-8",
                                          "Content-Transfer-Encoding: 8bit"])
        with self.smtp() as s:
            s.ehlo()
            self.assertTrue(s.has_extn("8bitmime"))
            self.assertEqual(s.sendmail("s@elsewhere.example", ["alice@example.test"], msg,
                                        mail_options=["BODY=8BITMIME"]), {})
        self.assertDeliveredOnce("alice@example.test", msg)

    def test_unknown_recipient_550_5_1_1(self):
        with self.smtp() as s:
            s.ehlo()
            self.assertEqual(s.mail("s@elsewhere.example")[0], 250)
            code, text = s.rcpt("nobody@example.test")
            self.assertEqual(code, 550, text)
            self.assertTrue(text.startswith(b"5.1.1"), text)
            self.assertEqual(s.rcpt("alice@example.test")[0], 250)
        self.assertEqual(message_files(self.daemon, "alice@example.test"), [])

    def test_disabled_mailbox_550_5_2_1(self):
        self.assertCtlOk("mailbox", "set", "bob@example.test", "--active", "no")
        with self.smtp() as s:
            s.ehlo()
            s.mail("s@elsewhere.example")
            code, text = s.rcpt("bob@example.test")
            self.assertEqual(code, 550, text)
            self.assertTrue(text.startswith(b"5.2.1"), text)
        self.assertCtlOk("mailbox", "set", "bob@example.test", "--active", "yes")
        msg = make_message("again", "active again\n")
        with self.smtp() as s:
            self.assertEqual(s.sendmail("s@elsewhere.example", ["bob@example.test"], msg), {})
        self.assertDeliveredOnce("bob@example.test", msg)

    def test_disabled_domain_is_refused(self):
        self.assertCtlOk("domain", "set", DOMAIN, "--active", "no")
        with self.smtp() as s:
            s.ehlo()
            s.mail("s@elsewhere.example")
            code, text = s.rcpt("alice@example.test")
            self.assertEqual(code // 100, 5, text)
            self.assertNotEqual(code, 250)

    def test_mailbox_added_later_receives_without_restart(self):
        with self.smtp() as s:
            s.ehlo()
            s.mail("s@elsewhere.example")
            self.assertEqual(s.rcpt("carol@example.test")[0], 550)
        self.add_mailbox("carol@example.test")
        msg = make_message("new", "welcome carol\n")
        with self.smtp() as s:
            self.assertEqual(s.sendmail("s@elsewhere.example", ["carol@example.test"], msg), {})
        self.assertDeliveredOnce("carol@example.test", msg)


class AliasDeliveryTests(SmtpTestCase):
    mailboxes = ["alice", "bob", "carol"]

    def send(self, recipients, msg, sender="s@elsewhere.example"):
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            s.ehlo()
            return s.sendmail(sender, recipients, msg)

    def test_alias_to_two_mailboxes(self):
        self.assertCtlOk("alias", "add", "team@example.test", "alice@example.test", "bob@example.test")
        msg = make_message("team", "to the team\n", to="team@example.test")
        self.assertEqual(self.send(["team@example.test"], msg), {})
        for box in ["alice@example.test", "bob@example.test"]:
            headers, _ = self.assertDeliveredOnce(box, msg)
            self.assertEqual(headers["return-path"], ["<s@elsewhere.example>"])
        self.assertEqual(message_files(self.daemon, "carol@example.test"), [])

    def test_delivered_to_on_every_copy(self):
        # Issue 3: Delivered-To on delivery, naming the mailbox (Postfix and
        # Dovecot add it to every copy; it is what detects forwarding loops).
        self.assertCtlOk("alias", "add", "team@example.test", "alice@example.test", "bob@example.test")
        msg = make_message("team", "to the team\n", to="team@example.test")
        self.assertEqual(self.send(["team@example.test", "carol@example.test"], msg), {})
        for box in ["alice@example.test", "bob@example.test", "carol@example.test"]:
            headers, _ = self.assertDeliveredOnce(box, msg)
            self.assertEqual(headers.get("delivered-to"), [box], box)

    def test_alias_and_member_in_one_transaction_deliver_once(self):
        self.assertCtlOk("alias", "add", "team@example.test", "alice@example.test", "bob@example.test")
        msg = make_message("dup", "alice twice\n")
        self.assertEqual(self.send(["team@example.test", "alice@example.test"], msg), {})
        self.assertDeliveredOnce("alice@example.test", msg)
        self.assertDeliveredOnce("bob@example.test", msg)

    def test_nested_alias(self):
        self.assertCtlOk("alias", "add", "all@example.test", "team@example.test", "carol@example.test")
        self.assertCtlOk("alias", "add", "team@example.test", "alice@example.test", "bob@example.test")
        msg = make_message("all", "to everyone\n")
        self.assertEqual(self.send(["all@example.test"], msg), {})
        for box in ["alice@example.test", "bob@example.test", "carol@example.test"]:
            self.assertDeliveredOnce(box, msg)

    def test_catch_all(self):
        self.assertCtlOk("alias", "add", "@example.test", "carol@example.test")
        msg = make_message("catch", "for anyone\n", to="whoever@example.test")
        self.assertEqual(self.send(["whoever@example.test"], msg), {})
        headers, _ = self.assertDeliveredOnce("carol@example.test", msg)
        self.assertEqual(headers["delivered-to"], ["carol@example.test"])
        # Existing mailboxes still get their own mail, not the catch-all's.
        own = make_message("own", "for alice\n")
        self.assertEqual(self.send(["alice@example.test"], own), {})
        self.assertDeliveredOnce("alice@example.test", own)
        self.assertEqual(len(message_files(self.daemon, "carol@example.test")), 1)

    def test_plus_address(self):
        msg = make_message("plus", "tagged\n", to="alice+news@example.test")
        self.assertEqual(self.send(["alice+news@example.test"], msg), {})
        headers, _ = self.assertDeliveredOnce("alice@example.test", msg)
        self.assertIn(headers["delivered-to"][0], ["alice@example.test", "alice+news@example.test"])
        # An unknown user stays unknown with a tag.
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            s.ehlo()
            s.mail("s@elsewhere.example")
            self.assertEqual(s.rcpt("nobody+news@example.test")[0], 550)

    def test_plus_address_of_an_alias(self):
        self.assertCtlOk("alias", "add", "team@example.test", "alice@example.test", "bob@example.test")
        msg = make_message("plus alias", "tagged alias\n")
        self.assertEqual(self.send(["TEAM+x@example.test"], msg), {})
        self.assertDeliveredOnce("alice@example.test", msg)
        self.assertDeliveredOnce("bob@example.test", msg)

    def test_alias_domain(self):
        self.assertCtlOk("domain", "add", "example.org", "--alias-for", DOMAIN)
        self.assertCtlOk("alias", "add", "team@example.test", "alice@example.test", "carol@example.test")
        msg = make_message("alias domain", "via example.org\n", to="bob@example.org")
        self.assertEqual(self.send(["bob@example.org"], msg), {})
        self.assertDeliveredOnce("bob@example.test", msg)
        msg2 = make_message("alias domain alias", "team via example.org\n")
        self.assertEqual(self.send(["Team@EXAMPLE.org", "bob+tag@example.org"], msg2), {})
        self.assertDeliveredOnce("alice@example.test", msg2)
        self.assertDeliveredOnce("carol@example.test", msg2)
        self.assertEqual(len(message_files(self.daemon, "bob@example.test")), 2)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            s.ehlo()
            s.mail("s@elsewhere.example")
            code, text = s.rcpt("nobody@example.org")
            self.assertEqual(code, 550, text)
            self.assertTrue(text.startswith(b"5.1.1"), text)

    def test_alias_with_external_target_is_not_silently_dropped(self):
        # Until the outbound queue exists an external target is refused with
        # 451; afterwards it is accepted. Never a 250 that loses the copy.
        self.assertCtlOk("alias", "add", "fwd@example.test", "partner@elsewhere.example")
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            s.ehlo()
            s.mail("s@elsewhere.example")
            code, text = s.rcpt("fwd@example.test")
            self.assertIn(code, (250, 451), text)

    def test_postmaster(self):
        # RFC 5321 section 4.5.1: postmaster@ every domain and the bare
        # <Postmaster> must be accepted (here: an alias the admin made).
        self.assertCtlOk("alias", "add", "postmaster@example.test", "carol@example.test")
        msg = make_message("postmaster", "hello postmaster\n")
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        self.expect(c.cmd("RCPT TO:<Postmaster>"), 250)
        self.expect(c.cmd("RCPT TO:<POSTMASTER@Example.Test>"), 250)
        self.expect(c.cmd("DATA"), 354)
        c.send(msg + b".\r\n")
        self.expect(c.reply(), 250)
        self.assertDeliveredOnce("carol@example.test", msg)


class AdminTests(SmtpTestCase):
    def test_delivery_events_and_counters(self):
        self.assertCtlOk("alias", "add", "team@example.test", "alice@example.test", "bob@example.test")
        before = self.daemon.rpc("system.status")["counters"]["smtp"]
        with self.daemon.connect() as events:
            events.call("system.subscribe", {"events": ["event.delivery"]})
            msg = make_message("events", "watch this\n")
            c = self.raw()
            self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
            self.expect(c.cmd("RCPT TO:<team@example.test>"), 250)
            self.expect(c.cmd("RCPT TO:<nobody@example.test>"), 550)
            self.expect(c.cmd("DATA"), 354)
            c.send(msg + b".\r\n")
            self.expect(c.reply(), 250)
            self.expect(c.cmd("STARTTLS"), 220)
            c.starttls()
            c.ehlo()
            self.expect(c.cmd("QUIT"), 221)
            got = {}
            while len(got) < 2:
                note = events.read_message()
                self.assertIsNotNone(note, "admin connection closed")
                if note.get("method") == "event.delivery":
                    got[note["params"]["mailbox"]] = note["params"]
        self.assertEqual(sorted(got), ["alice@example.test", "bob@example.test"])
        for box, params in got.items():
            self.assertEqual(params["folder"], "INBOX")
            [path] = message_files(self.daemon, box)
            self.assertEqual(params["size"], os.path.getsize(path))
            rows = self.assertIndexAgrees(box)
            self.assertEqual([r[0] for r in rows], [params["uid"]])
        after = self.daemon.rpc("system.status")["counters"]["smtp"]
        delta = {k: after[k] - before[k] for k in after}
        self.assertEqual(delta["messages_accepted"], 1, delta)
        self.assertEqual(delta["recipients_accepted"], 1, delta)
        self.assertEqual(delta["recipients_rejected"], 1, delta)
        self.assertEqual(delta["tls_sessions"], 1, delta)
        self.assertGreaterEqual(delta["connections_total"], 1, delta)
        self.assertGreater(delta["bytes_accepted"], len(msg), delta)
        # The session ends in the server's I/O thread after its 221: the
        # count drops right after, not necessarily before this status call.
        deadline = time.monotonic() + 5
        while after["connections_active"] != 0 and time.monotonic() < deadline:
            time.sleep(0.05)
            after = self.daemon.rpc("system.status")["counters"]["smtp"]
        self.assertEqual(after["connections_active"], 0, after)


class CustomDelimiterTests(SmtpTestCase):
    daemon_sections = {"smtp": {"recipient_delimiter": "-"}}

    def test_configured_delimiter(self):
        msg = make_message("dash", "dash tag\n")
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            s.ehlo()
            self.assertEqual(s.sendmail("s@elsewhere.example", ["alice-lists@example.test"], msg), {})
            s.mail("s@elsewhere.example")
            code, text = s.rcpt("alice+lists@example.test")
            self.assertEqual(code, 550, text)
        self.assertDeliveredOnce("alice@example.test", msg)


class Utf8AddressTests(SmtpTestCase):
    mailboxes = ["alice", "δοκιμή"]

    def test_smtputf8_delivery(self):
        sender = "αποστολέας@παράδειγμα.example"
        msg = make_message("Καλημέρα", "Γειά σου κόσμε\n", sender=sender, to="δοκιμή@example.test")
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            s.ehlo()
            self.assertTrue(s.has_extn("smtputf8"))
            refused = s.sendmail(sender, ["ΔΟΚΙΜΉ@example.test"], msg,
                                 mail_options=["SMTPUTF8", "BODY=8BITMIME"])
            self.assertEqual(refused, {})
        headers, _ = self.assertDeliveredOnce("δοκιμή@example.test", msg)
        # The domain may be given as U-label or A-label (the same name, RFC 5890).
        ace = "αποστολέας@" + "παράδειγμα.example".encode("idna").decode()
        self.assertIn(headers["return-path"], (["<%s>" % sender], ["<%s>" % ace]))
        self.assertEqual(headers["delivered-to"], ["δοκιμή@example.test"])
        self.assertRegex(headers["received"][0], r"\bwith UTF8SMTP\b")

    def test_idn_domain_as_a_label_and_u_label(self):
        self.assertCtlOk("domain", "add", "bücher.example")
        self.add_mailbox("anna@bücher.example")
        first = make_message("ace", "to the A-label\n")
        self.expect(self.raw_send("s@elsewhere.example", ["anna@xn--bcher-kva.example"], first), 250)
        second = make_message("utf8", "to the U-label\n")
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example> SMTPUTF8"), 250)
        self.expect(c.cmd("RCPT TO:<anna@BÜCHER.example>"), 250)
        self.expect(c.cmd("DATA"), 354)
        c.send(second + b".\r\n")
        self.expect(c.reply(), 250)
        rests = sorted(rest for _, rest in self.stored("anna@xn--bcher-kva.example"))
        self.assertEqual(rests, sorted([first, second]))
        self.assertIndexAgrees("anna@xn--bcher-kva.example")

    def test_utf8_address_without_smtputf8_is_refused_553(self):
        c = self.raw()
        self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
        r = c.cmd("RCPT TO:<δοκιμή@example.test>")
        self.expect(r, 553)
        self.assertTrue((r.enhanced or "5.").startswith("5."), r)
        self.expect(c.cmd("RSET"), 250)
        r = c.cmd("MAIL FROM:<αποστολέας@elsewhere.example>")
        self.expect(r, 553)
        self.expect(c.cmd("QUIT"), 221)
        self.assertEmptyStore()


class QuotaTests(SmtpTestCase):
    def test_quota_452_4_2_2(self):
        self.assertCtlOk("mailbox", "set", "alice@example.test", "--quota", "1M")
        chunk = 300 * 1024
        accepted = []
        refusal = None
        for i in range(6):
            msg = make_message("fill %d" % i, ("%d" % i) * 76 + "\n", extra_headers=())
            body_line = ("x" * 76 + "\r\n").encode()
            msg = msg + body_line * (chunk // len(body_line))
            c = RawSmtp(self.port)
            try:
                c.greeting()
                c.ehlo()
                self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
                r = c.cmd("RCPT TO:<alice@example.test>")
                if r.code == 250:
                    self.expect(c.cmd("DATA"), 354)
                    c.send(msg + b".\r\n")
                    r = c.reply()
                if r.code == 250:
                    accepted.append(msg)
                    continue
                refusal = r
                break
            finally:
                c.close()
        self.assertIsNotNone(refusal, "the mailbox never filled up")
        self.assertEqual(refusal.code, 452, refusal)
        self.assertEqual(refusal.enhanced, "4.2.2", refusal)
        # 3 x 300 KiB fit into 1 MiB; 5 never do.
        self.assertIn(len(accepted), (3, 4), accepted and len(accepted))
        rows = self.assertIndexAgrees("alice@example.test")
        self.assertEqual(len(rows), len(accepted))
        usage = self.daemon.ctl_json("mailbox", "show", "alice@example.test")["usage"]
        self.assertEqual(usage["messages"], len(accepted))
        # Other mailboxes are not affected.
        small = make_message("bob", "still fine\n")
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            self.assertEqual(s.sendmail("s@elsewhere.example", ["bob@example.test"], small), {})
        self.assertDeliveredOnce("bob@example.test", small)
        # Raising the quota lets mail in again.
        self.assertCtlOk("mailbox", "set", "alice@example.test", "--quota", "10M")
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            self.assertEqual(s.sendmail("s@elsewhere.example", ["alice@example.test"], small), {})
        self.assertEqual(len(message_files(self.daemon, "alice@example.test")), len(accepted) + 1)

    def test_no_partial_delivery_behind_a_4xx(self):
        # Without SIZE the quota can only be checked after the data. A reply
        # other than 250 tells the client nothing was delivered, so it sends
        # the message again to every recipient (RFC 5321 sections 4.2.5 and
        # 6.1): a copy stored behind a 4xx becomes a duplicate on every retry.
        self.assertCtlOk("mailbox", "set", "alice@example.test", "--quota", "100K")
        msg = make_message("fill", "x\n") + (b"y" * 70 + b"\r\n") * 800  # ~57 KiB
        self.expect(self.raw_send("s@elsewhere.example", ["alice@example.test"], msg), 250)
        second = make_message("second", "y\n") + (b"z" * 70 + b"\r\n") * 800
        replies = []
        for attempt in range(3):  # what a sending MTA does with a 4xx
            c = RawSmtp(self.port)
            try:
                c.greeting()
                c.ehlo()
                self.expect(c.cmd("MAIL FROM:<s@elsewhere.example>"), 250)
                self.expect(c.cmd("RCPT TO:<bob@example.test>"), 250)
                rcpt = c.cmd("RCPT TO:<alice@example.test>")
                self.expect(c.cmd("DATA"), 354)
                c.send(second + b".\r\n")
                r = c.reply()
            finally:
                c.close()
            replies.append((rcpt, r))
            if r.code // 100 != 4:
                break
        final = replies[-1][1]
        copies = {box: sum(1 for _, rest in self.stored(box) if b"Subject: second" in rest)
                  for box in ["alice@example.test", "bob@example.test"]}
        if final.code == 250:
            self.assertEqual(copies["bob@example.test"], 1, (copies, replies))
        else:
            self.assertEqual(copies, {"alice@example.test": 0, "bob@example.test": 0},
                             "copies stored behind %r" % replies)


class TlsDeliveryTests(SmtpTestCase):
    def test_starttls_with_the_self_signed_certificate(self):
        msg = make_message("tls", "over TLS\n")
        with smtplib.SMTP("127.0.0.1", self.port, timeout=REPLY_TIMEOUT) as s:
            s.ehlo("client.elsewhere.example")
            self.assertTrue(s.has_extn("starttls"))
            code, _ = s.starttls(context=unverified_context())
            self.assertEqual(code, 220)
            cipher = s.sock.cipher()
            version = s.sock.version()
            self.assertIn(version, ("TLSv1.2", "TLSv1.3"))
            s.ehlo("client.elsewhere.example")
            self.assertFalse(s.has_extn("starttls"), "STARTTLS offered again inside TLS")
            self.assertEqual(s.sendmail("s@elsewhere.example", ["alice@example.test"], msg), {})
        headers, _ = self.assertDeliveredOnce("alice@example.test", msg)
        received = headers["received"][0]
        self.assertRegex(received, r"\bwith ESMTPS\b", received)
        self.assertRegex(received, TLS_VERSION_RE, received)
        self.assertTrue(version.replace("v", "") in received.replace("v", "").replace("_", ".")
                        or version in received, "%s not in %s" % (version, received))
        self.assertTrue(cipher[0] in received or cipher[0].replace("-", "_") in received,
                        "cipher %s not in %s" % (cipher[0], received))

    def test_certificate_names_the_host(self):
        c = self.raw()
        self.expect(c.cmd("STARTTLS"), 220)
        tls = c.starttls()
        der = tls.getpeercert(binary_form=True)
        pem = ssl.DER_cert_to_PEM_cert(der)
        text = subprocess.run([tool("openssl"), "x509", "-noout", "-text"], input=pem,
                              capture_output=True, text=True, timeout=30).stdout
        self.assertIn("DNS:" + HOSTNAME, text)
        c.ehlo()
        self.expect(c.cmd("QUIT"), 221)

    def test_swaks_tls(self):
        r = swaks("--server", "127.0.0.1", "--port", str(self.port), "--tls",
                  "--from", "swaks@elsewhere.example", "--to", "bob@example.test",
                  "--helo", "swaks.elsewhere.example", "--header", "Subject: swaks tls",
                  "--body", "sent by swaks over TLS", "--timeout", "20")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("=== TLS started", r.stdout)
        msgs = self.stored("bob@example.test")
        self.assertEqual(len(msgs), 1, r.stdout)
        fields, rest = msgs[0]
        received = [v for n, v in fields if n == "received"][0]
        self.assertRegex(received, r"\bwith ESMTPS\b", received)
        self.assertRegex(received, TLS_VERSION_RE, received)
        self.assertIn(b"sent by swaks over TLS", rest)
        self.assertIndexAgrees("bob@example.test")


class SwaksTests(SmtpTestCase):
    def test_swaks_basic_run(self):
        r = swaks("--server", "127.0.0.1", "--port", str(self.port),
                  "--from", "swaks@elsewhere.example", "--to", "alice@example.test",
                  "--helo", "swaks.elsewhere.example", "--header", "Subject: swaks basic",
                  "--body", "sent by swaks", "--timeout", "20")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"<-  250[ -]")
        msgs = self.stored("alice@example.test")
        self.assertEqual(len(msgs), 1, r.stdout)
        fields, rest = msgs[0]
        self.assertIn(b"Subject: swaks basic", rest)
        self.assertIn(b"sent by swaks", rest)
        self.assertEqual([v for n, v in fields if n == "return-path"], ["<swaks@elsewhere.example>"])
        self.assertIndexAgrees("alice@example.test")

    def test_swaks_unknown_recipient_fails(self):
        r = swaks("--server", "127.0.0.1", "--port", str(self.port),
                  "--from", "swaks@elsewhere.example", "--to", "nobody@example.test",
                  "--timeout", "20")
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertRegex(r.stdout, r"<\*\* 550[ -]5\.1\.1")
        self.assertEmptyStore()


if __name__ == "__main__":
    unittest.main()
