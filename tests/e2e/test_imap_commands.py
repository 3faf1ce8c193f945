"""IMAP end to end with Python's imaplib (an IMAP4rev1 client) through every
command family, over STARTTLS on the imap port and over implicit TLS on
imaps: capabilities and login rules, ENABLE/ID/NAMESPACE, mailboxes
(CREATE with superiors, LIST with patterns, LIST-EXTENDED and LIST-STATUS,
RENAME with children, RENAME INBOX, DELETE, SUBSCRIBE/LSUB, STATUS with
SIZE), APPEND with flags, date and APPENDUID, SELECT/EXAMINE, FETCH, STORE
(flags, keywords, .SILENT, UNCHANGEDSINCE), SEARCH and ESEARCH, COPY/MOVE
with COPYUID, EXPUNGE and UID EXPUNGE, CLOSE/UNSELECT, GETQUOTAROOT, and
IMAP4rev2 after ENABLE (ESEARCH answers, UTF-8 names).
"""

import imaplib
import re
import unittest

from imap_support import (ALICE, BOB, IMAP_TIMEOUT, ImapTestCase, deliver, imap_port, ok,
                          starttls_client)
from smtp_support import PASSWORD, make_message


def uids(data):
    """The UIDs in FETCH results, in order."""
    out = []
    for item in data:
        text = item[0] if isinstance(item, tuple) else item
        if text and b"UID " in text:
            out.append(int(re.search(rb"UID (\d+)", text).group(1)))
    return out


def listed_names(data):
    """Mailbox names of LIST/LSUB results."""
    return [line.split(b'"/" ', 1)[1].strip(b'"') for line in data if line]


def untagged(client, name):
    """imaplib's untagged responses of one kind, removed from its store."""
    return client.untagged_responses.pop(name, [])


class ImapCommandsTest(ImapTestCase):

    def test_capabilities_and_login_rules(self):
        plain = imaplib.IMAP4("127.0.0.1", imap_port(self.daemon), timeout=IMAP_TIMEOUT)
        self.addCleanup(plain.shutdown)
        self.assertIn("STARTTLS", plain.capabilities)
        self.assertIn("LOGINDISABLED", plain.capabilities)
        self.assertNotIn("AUTH=PLAIN", plain.capabilities)
        # LOGIN in the clear is refused without looking at the password.
        with self.assertRaisesRegex(imaplib.IMAP4.error, "PRIVACYREQUIRED"):
            plain.login(ALICE, PASSWORD)

        client = starttls_client(self.daemon)
        self.addCleanup(self._logout, client)
        self.assertIn("AUTH=PLAIN", client.capabilities)
        self.assertNotIn("LOGINDISABLED", client.capabilities)
        with self.assertRaisesRegex(imaplib.IMAP4.error, "AUTHENTICATIONFAILED"):
            client.login(ALICE, "wrong password")
        ok(client.login(ALICE, PASSWORD))
        typ, data = client.capability()
        caps = data[0].decode().split()
        for cap in ("IMAP4rev2", "IDLE", "MOVE", "UIDPLUS", "CONDSTORE", "QRESYNC", "ESEARCH",
                    "LIST-STATUS", "SPECIAL-USE", "QUOTA", "STATUS=SIZE", "UTF8=ACCEPT"):
            self.assertIn(cap, caps)
        self.assertTrue(any(c.startswith("APPENDLIMIT=") for c in caps))

    def test_authenticate_plain_over_imaps(self):
        client = imaplib.IMAP4_SSL("127.0.0.1", imap_port(self.daemon, "imaps"),
                                   ssl_context=__import__("smtp_support").unverified_context(),
                                   timeout=IMAP_TIMEOUT)
        self.addCleanup(self._logout, client)
        ok(client.authenticate("PLAIN",
                               lambda _: ("\0%s\0%s" % (BOB, PASSWORD)).encode()))
        self.assertEqual(client.state, "AUTH")
        ok(client.select("INBOX"))

    def test_enable_id_namespace(self):
        client = self.client()
        typ, data = client._simple_command("ID", '("name" "test")')
        self.assertEqual(typ, "OK")
        self.assertIn(b"Mailstead", untagged(client, "ID")[0])
        ok(client.namespace())
        typ, data = client._simple_command("ENABLE", "CONDSTORE", "UNKNOWN")
        self.assertEqual(typ, "OK")
        self.assertEqual(untagged(client, "ENABLED"), [b"CONDSTORE"])

    def mailbox_commands(self, client):
        ok(client.create("Projects/2026/Q1"))
        ok(client.create("Archive/Old"))
        typ, data = client.create("Projects")
        self.assertEqual(typ, "NO")
        self.assertIn(b"ALREADYEXISTS", data[0])
        names = [line.decode() for line in ok(client.list('""', "*"))]
        for name in ("INBOX", "Sent", "Projects", "Projects/2026", "Projects/2026/Q1"):
            self.assertTrue(any(line.endswith(' "/" ' + name) or line.endswith(' "/" "%s"' % name)
                                for line in names), (name, names))
        self.assertTrue(any("\\Sent" in line for line in names))
        self.assertTrue(any("\\HasChildren" in line and line.endswith("Projects")
                            for line in names), names)
        top = [line.decode() for line in ok(client.list('""', "%"))]
        self.assertFalse(any("Projects/2026" in line for line in top), top)
        self.assertEqual(len(ok(client.list("Projects/", "%"))), 1)

        ok(client.rename("Projects", "Work"))
        names = b" ".join(ok(client.list('""', "*")))
        self.assertIn(b"Work/2026/Q1", names)
        self.assertNotIn(b"Projects", names)
        typ, data = client.rename("Nothing", "Else")
        self.assertEqual(typ, "NO")

        ok(client.unsubscribe("Work"))
        lsub = listed_names(ok(client.lsub('""', "*")))
        self.assertNotIn(b"Work", lsub)
        self.assertIn(b"Work/2026", lsub)
        self.assertIn(b"INBOX", lsub)
        ok(client.subscribe("Work"))

        ok(client.delete("Work/2026/Q1"))
        typ, data = client.delete("Work/2026/Q1")
        self.assertEqual(typ, "NO")
        self.assertIn(b"NONEXISTENT", data[0])
        typ, data = client.delete("INBOX")
        self.assertEqual(typ, "NO")

        # LIST-EXTENDED with RETURN (SUBSCRIBED CHILDREN STATUS (...)).
        typ, data = client._simple_command(
            "LIST", '""', '"*"', "RETURN", "(SUBSCRIBED CHILDREN STATUS (MESSAGES SIZE UIDNEXT))")
        self.assertEqual(typ, "OK")
        statuses = untagged(client, "STATUS")
        self.assertTrue(any(s.startswith(b"INBOX (MESSAGES ") for s in statuses), statuses)
        self.assertTrue(any(b"\\Subscribed" in line for line in untagged(client, "LIST")))

        status = ok(client.status("INBOX", "(MESSAGES UIDNEXT UIDVALIDITY UNSEEN SIZE "
                                           "HIGHESTMODSEQ APPENDLIMIT DELETED)"))[0]
        for item in (b"MESSAGES", b"UIDNEXT", b"UIDVALIDITY", b"UNSEEN", b"SIZE",
                     b"HIGHESTMODSEQ", b"APPENDLIMIT", b"DELETED"):
            self.assertIn(item, status)

    def message_commands(self, client):
        deliver(self.daemon, ALICE, "first")
        deliver(self.daemon, ALICE, "second")
        typ, data = client.append("INBOX", r"(\Flagged $Work)", '"01-Feb-2026 10:00:00 +0100"',
                                  make_message("third", "appended body"))
        self.assertEqual(typ, "OK")
        self.assertRegex(data[0], rb"\[APPENDUID \d+ 3\]")

        typ, data = client.select("INBOX")
        self.assertEqual(typ, "OK")
        self.assertEqual(data, [b"3"])
        self.assertIn("READ-WRITE", client.untagged_responses)

        data = ok(client.fetch("1:*", "(UID FLAGS RFC822.SIZE INTERNALDATE)"))
        self.assertEqual(len(data), 3)
        self.assertIn(b"\\Flagged", data[2])
        self.assertIn(b"$Work", data[2])
        # The store keeps the instant; it is reported in UTC.
        self.assertIn(b'" 1-Feb-2026 09:00:00 +0000"', data[2])
        data = ok(client.fetch("3", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
        self.assertIn(b"Subject: third", data[0][1])
        data = ok(client.uid("FETCH", "1", "(RFC822)"))
        self.assertIn(b"Subject: first", data[0][1])
        # RFC822 without PEEK set \Seen.
        flags = ok(client.fetch("1", "(FLAGS)"))[0]
        self.assertIn(b"\\Seen", flags)

        data = ok(client.store("2", "+FLAGS", r"(\Answered $Label1)"))
        self.assertIn(b"\\Answered", data[0])
        self.assertIn(b"$Label1", data[0])
        # .SILENT: no FLAGS echo, except the MODSEQ report that CONDSTORE
        # (enabled by STATUS HIGHESTMODSEQ above) asks for.
        data = ok(client.store("2", "-FLAGS.SILENT", r"($Label1)"))
        self.assertTrue(data == [None] or all(b"MODSEQ" in d for d in data), data)
        self.assertEqual(ok(client.search(None, "KEYWORD", "$Label1")), [b""])
        self.assertEqual(ok(client.search(None, "ANSWERED")), [b"2"])
        self.assertEqual(ok(client.uid("SEARCH", "UNSEEN")), [b"2 3"])
        self.assertEqual(ok(client.search(None, "SUBJECT", "second")), [b"2"])
        typ, data = client._simple_command("SEARCH", "RETURN", "(MIN MAX COUNT ALL)", "ALL")
        self.assertEqual(typ, "OK")
        self.assertRegex(untagged(client, "ESEARCH")[0],
                         rb'\(TAG "\w+"\) MIN 1 MAX 3 ALL 1:3 COUNT 3')

        # CONDSTORE: UNCHANGEDSINCE with an old modseq fails for the message.
        modseq = int(re.search(rb"MODSEQ \((\d+)\)",
                               ok(client.fetch("3", "(MODSEQ)"))[0]).group(1))
        ok(client.store("3", "+FLAGS", r"(\Seen)"))
        typ, data = client._simple_command("STORE", "3", "(UNCHANGEDSINCE %d)" % modseq,
                                           "+FLAGS", r"(\Draft)")
        self.assertEqual(typ, "OK")
        self.assertIn(b"MODIFIED 3", data[0])

        typ, data = client.copy("1:2", "Archive")
        self.assertEqual(typ, "OK")
        self.assertRegex(data[0], rb"\[COPYUID \d+ 1:2 1:2\]")
        typ, data = client.copy("1", "Nowhere")
        self.assertEqual(typ, "NO")
        self.assertIn(b"TRYCREATE", data[0])

        typ, data = client._simple_command("MOVE", "1", "Trash")
        self.assertEqual(typ, "OK")
        self.assertTrue(any(b"COPYUID" in r for r in untagged(client, "OK")))
        self.assertEqual(untagged(client, "EXPUNGE"), [b"1"])
        self.assertEqual(uids(ok(client.fetch("1:*", "(UID)"))), [2, 3])

        ok(client.store("1", "+FLAGS", r"(\Deleted)"))
        typ, data = client._simple_command("UID", "EXPUNGE", "3")  # not \Deleted: stays
        self.assertEqual(typ, "OK")
        self.assertEqual(untagged(client, "EXPUNGE"), [])
        typ, data = client.expunge()
        self.assertEqual(data, [b"1"])
        self.assertEqual(uids(ok(client.fetch("1:*", "(UID)"))), [3])

        ok(client.select("Archive", readonly=True))
        self.assertIn("READ-ONLY", client.untagged_responses)
        typ, data = client.store("1", "+FLAGS", r"(\Deleted)")
        self.assertEqual(typ, "NO")
        ok(client.unselect())
        self.assertEqual(client.state, "AUTH")

        typ, data = client._simple_command("GETQUOTAROOT", "INBOX")
        self.assertEqual(typ, "OK")
        self.assertEqual(untagged(client, "QUOTAROOT"), [b'INBOX ""'])

        ok(client.select("Trash"))
        ok(client.store("1", "+FLAGS", r"(\Deleted)"))
        ok(client.close())
        status = ok(client.status("Trash", "(MESSAGES)"))[0]
        self.assertIn(b"MESSAGES 0", status)

        # RENAME INBOX moves the messages and leaves INBOX empty.
        ok(client.rename("INBOX", '"Old mail"'))
        self.assertIn(b"MESSAGES 0", ok(client.status("INBOX", "(MESSAGES)"))[0])
        self.assertIn(b"MESSAGES 1", ok(client.status('"Old mail"', "(MESSAGES)"))[0])

    def test_every_family_over_starttls(self):
        client = self.client()
        self.mailbox_commands(client)
        self.message_commands(client)
        typ, data = client.logout()  # imaplib reports the BYE that precedes the OK
        self.assertEqual(typ, "BYE")

    def test_every_family_over_imaps(self):
        client = self.client(implicit_tls=True)
        self.mailbox_commands(client)
        self.message_commands(client)

    def test_imap4rev2_session(self):
        client = self.client(user=BOB)
        deliver(self.daemon, BOB, "rev2")
        typ, _ = client._simple_command("ENABLE", "IMAP4rev2")
        self.assertEqual(typ, "OK")
        self.assertEqual(untagged(client, "ENABLED"), [b"IMAP4rev2"])
        # UTF-8 names now; the same folder is modified UTF-7 for rev1 clients.
        typ, _ = client._simple_command("CREATE", '"Entwürfe"'.encode())
        self.assertEqual(typ, "OK")
        client.untagged_responses.pop("RECENT", None)
        ok(client.select("INBOX"))
        self.assertNotIn("RECENT", client.untagged_responses)
        typ, _ = client._simple_command("SEARCH", "ALL")
        self.assertEqual(typ, "OK")
        self.assertRegex(untagged(client, "ESEARCH")[0], rb'\(TAG "\w+"\) ALL 1')
        # SELECT under IMAP4rev2 sent a LIST for INBOX (RFC 9051 section 6.3.2).
        self.assertEqual(untagged(client, "LIST"), [b'() "/" INBOX'])
        typ, _ = client._simple_command("LIST", '""', '"Entw*"')
        self.assertEqual(untagged(client, "LIST"), ['(\\HasNoChildren) "/" "Entwürfe"'.encode()])

        rev1 = self.client(user=BOB)
        names = b" ".join(ok(rev1.list('""', "Entw*")))
        self.assertIn(b"Entw&APw-rfe", names)

    def test_cached_structure_per_session(self):
        """ENVELOPE, BODY and BODYSTRUCTURE of an APPENDed message come from
        its index row: each session variant gets its own bytes (8-bit values
        as literals for IMAP4rev1, quoted under UTF8=ACCEPT and IMAP4rev2,
        message/global described as a message under IMAP4rev2 only), the
        header cache path gives the same ENVELOPE, and a COPY answers alike."""
        subject = "Grüße".encode()
        inner = "inner ü".encode()
        message = (b"From: =?utf-8?q?J=C3=B6rg?= <joerg@example.org>\r\n"
                   b"Subject: " + subject + b"\r\n"
                   b"MIME-Version: 1.0\r\n"
                   b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                   b"--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
                   b"--b\r\nContent-Type: application/pdf\r\n"
                   b"Content-Disposition: attachment; filename=a.pdf\r\n\r\nx\r\n"
                   b"--b\r\nContent-Type: message/global\r\n\r\n"
                   b"From: x@example.org\r\nSubject: " + inner + b"\r\n\r\ninner\r\n"
                   b"--b--\r\n")

        def fetched(client, items, which="1"):
            parts = []
            for item in ok(client.fetch(which, items)):
                parts.extend(item if isinstance(item, tuple) else (item,))
            return b"".join(parts)

        rev1 = self.client(user=BOB)
        ok(rev1.append("INBOX", None, None, message))
        ok(rev1.select("INBOX"))
        envelope = fetched(rev1, "(ENVELOPE)")
        self.assertIn(b"{%d}%s" % (len(subject), subject), envelope)
        self.assertNotIn(b'"' + subject + b'"', envelope)
        structure = fetched(rev1, "(BODYSTRUCTURE)")
        self.assertIn(b'"attachment"', structure)
        self.assertNotIn(inner, structure)
        # The header cache answers the fields; ENVELOPE stays the same.
        value = envelope[envelope.index(b"ENVELOPE ("):-1]
        for _ in range(2):
            self.assertIn(value, fetched(rev1, "(ENVELOPE BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))

        utf8 = self.client(user=BOB)
        typ, _ = utf8._simple_command("ENABLE", "UTF8=ACCEPT")
        self.assertEqual(typ, "OK")
        ok(utf8.select("INBOX"))
        self.assertIn(b'"' + subject + b'"', fetched(utf8, "(ENVELOPE)"))
        self.assertNotIn(inner, fetched(utf8, "(BODYSTRUCTURE)"))

        rev2 = self.client(user=BOB)
        typ, _ = rev2._simple_command("ENABLE", "IMAP4rev2")
        self.assertEqual(typ, "OK")
        ok(rev2.select("INBOX"))
        self.assertIn(b'"' + inner + b'"', fetched(rev2, "(BODYSTRUCTURE)"))
        body = fetched(rev2, "(BODY)")
        self.assertIn(b'"' + inner + b'"', body)
        self.assertNotIn(b'"attachment"', body)

        ok(rev1.copy("1", "Archive"))
        ok(rev1.select("Archive"))
        self.assertEqual(fetched(rev1, "(ENVELOPE)"), envelope)
        self.assertEqual(fetched(rev1, "(BODYSTRUCTURE)"), structure)

    def test_status_counters(self):
        client = self.client()
        ok(client.noop())
        counters = self.status_counters()
        self.assertGreaterEqual(counters["logins"], 1)
        self.assertGreaterEqual(counters["tls_sessions"], 1)
        self.assertGreaterEqual(counters["connections_active"], 1)


if __name__ == "__main__":
    unittest.main()
