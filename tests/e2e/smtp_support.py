"""Helpers for the SMTP end-to-end tests: a daemon with a domain and
mailboxes, a raw SMTP client, and readers for the Maildir store and its index.

The daemon listens on port 0; the real SMTP port comes from system.status.
Every socket has a timeout, so a server that stops answering fails a test
instead of hanging it.
"""

import os
import re
import socket
import sqlite3
import ssl
import subprocess
import unicodedata
import urllib.parse
import uuid

from mailstead_harness import DaemonTestCase, tool

PASSWORD = "correct horse battery"
DOMAIN = "example.test"
HOSTNAME = "mail.example.test"
# Seconds a client waits for one reply; the server answers at once or after
# an fsync, so this only matters when something is broken.
REPLY_TIMEOUT = 20
TRACE_FIELDS = (b"return-path", b"delivered-to", b"received")


# -- the daemon ---------------------------------------------------------------

def smtp_port(daemon, service="smtp"):
    for listener in daemon.rpc("system.status")["listeners"]:
        if listener["service"] == service:
            return listener["port"]
    raise AssertionError("no %s listener in system.status" % service)


def data_dir(daemon):
    return os.path.join(daemon.tmp, "data")


def encode_local_part(local):
    """Directory name of a local part, as daemon/store/VmailPath.cpp makes it."""
    folded = unicodedata.normalize("NFC", local).casefold()
    out = []
    for i, byte in enumerate(folded.encode("utf-8")):
        c = chr(byte)
        plain = ("a" <= c <= "z") or ("0" <= c <= "9") or c in "-_+=" or (c == "." and i > 0)
        out.append(c if plain else "%%%02X" % byte)
    return "".join(out)


def mailbox_dir(daemon, address):
    local, domain = address.rsplit("@", 1)
    if domain.startswith("["):
        raise ValueError(address)
    domain = domain.encode("idna").decode("ascii").lower() if not domain.isascii() else domain.lower()
    return os.path.join(data_dir(daemon), "vmail", domain, encode_local_part(local))


def message_files(daemon, address):
    """INBOX message files of a mailbox: sorted absolute paths in new/ and cur/."""
    base = mailbox_dir(daemon, address)
    files = []
    for sub in ("new", "cur"):
        d = os.path.join(base, sub)
        if os.path.isdir(d):
            files += [os.path.join(d, n) for n in os.listdir(d)]
    return sorted(files)


def all_message_files(daemon):
    """Every message file anywhere under vmail (every mailbox, every folder)."""
    root = os.path.join(data_dir(daemon), "vmail")
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in (".spool", ".removed", "tmp")]
        if os.path.basename(dirpath) in ("new", "cur"):
            found += [os.path.join(dirpath, f) for f in filenames]
    return sorted(found)


def read_messages(daemon, address):
    out = []
    for path in message_files(daemon, address):
        with open(path, "rb") as f:
            out.append(f.read())
    return out


def index_rows(daemon, address):
    """INBOX rows of the mailbox's index.db: [(uid, filename, size)]."""
    path = os.path.join(mailbox_dir(daemon, address), "index.db")
    db = sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(path), uri=True, timeout=10)
    try:
        rows = db.execute(
            "SELECT m.uid, m.filename, m.size FROM messages m JOIN folders f ON f.id = m.folder_id"
            " WHERE f.dir = '' ORDER BY m.uid").fetchall()
        usage = db.execute("SELECT bytes, messages FROM usage WHERE id = 1").fetchone()
        totals = db.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM messages").fetchone()
    finally:
        db.close()
    return rows, usage, totals


def split_trace(raw):
    """(trace header fields [(name, value)], rest) for a stored message.

    The server prepends Return-Path, Delivered-To and Received; everything
    after the leading run of those fields is what the client sent."""
    pos = 0
    fields = []
    while pos < len(raw):
        end = raw.find(b"\n", pos)
        if end < 0:
            break
        m = re.match(rb"([A-Za-z-]+):", raw[pos:end])
        if not m or m.group(1).lower() not in TRACE_FIELDS:
            break
        # the field and its folded continuation lines
        stop = end + 1
        while stop < len(raw) and raw[stop:stop + 1] in (b" ", b"\t"):
            nxt = raw.find(b"\n", stop)
            stop = len(raw) if nxt < 0 else nxt + 1
        value = raw[pos + len(m.group(0)):stop]
        value = re.sub(rb"\r?\n[ \t]+", b" ", value).strip()
        fields.append((m.group(1).decode().lower(), value.decode("utf-8", "replace")))
        pos = stop
    return fields, raw[pos:]


def stored_equals_sent(stored_rest, sent):
    """The message as sent (CRLF lines) equals what is stored after the trace
    fields: byte for byte, or with every CRLF stored as LF (the Maildir
    convention) and nothing else changed."""
    if stored_rest == sent:
        return True
    return b"\r" not in stored_rest and stored_rest == sent.replace(b"\r\n", b"\n")


def make_message(subject, body, sender="sender@elsewhere.example",
                 to="alice@example.test", message_id=None, extra_headers=()):
    """An RFC 5322 message with CRLF line ends, ending in CRLF."""
    message_id = message_id or "<%s@elsewhere.example>" % uuid.uuid4().hex
    lines = ["From: %s" % sender, "To: %s" % to, "Subject: %s" % subject,
             "Message-ID: %s" % message_id, "Date: Thu, 01 Jan 2026 00:00:00 +0000"]
    lines += list(extra_headers)
    text = "\r\n".join(lines) + "\r\n\r\n" + body.replace("\r\n", "\n").replace("\n", "\r\n")
    if not text.endswith("\r\n"):
        text += "\r\n"
    return text.encode("utf-8")


def unverified_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


# -- a raw SMTP client -------------------------------------------------------

class Reply:
    def __init__(self, code, lines):
        self.code = code
        self.lines = lines  # text after "NNN-" / "NNN "

    @property
    def text(self):
        return "\n".join(self.lines)

    @property
    def enhanced(self):
        m = re.match(r"([245]\.\d{1,3}\.\d{1,3})\b", self.lines[0]) if self.lines else None
        return m.group(1) if m else None

    def __repr__(self):
        return "%d %s" % (self.code, " | ".join(self.lines))


class RawSmtp:
    """An SMTP client that sends exactly the bytes it is given."""

    def __init__(self, port, host="127.0.0.1", timeout=REPLY_TIMEOUT):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""
        self.closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def send(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.sock.sendall(data)

    def _line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                self.closed = True
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def reply(self):
        """The next reply, or None when the server closed the connection."""
        lines = []
        while True:
            line = self._line()
            if line is None:
                if lines:
                    raise AssertionError("connection closed inside a reply: %r" % lines)
                return None
            if len(line) < 3 or not line[:3].isdigit() or (len(line) > 3 and line[3:4] not in b" -"):
                raise AssertionError("malformed reply line %r" % line)
            lines.append(line)
            if line[3:4] != b"-":
                break
        codes = {l[:3] for l in lines}
        if len(codes) != 1:
            raise AssertionError("mixed codes in one reply: %r" % lines)
        return Reply(int(lines[0][:3]), [l[4:].decode("utf-8", "replace") for l in lines])

    def cmd(self, line):
        self.send(line.encode("utf-8") + b"\r\n" if isinstance(line, str) else line + b"\r\n")
        return self.reply()

    def greeting(self):
        r = self.reply()
        if r is None or r.code != 220:
            raise AssertionError("greeting: %r" % (r,))
        return r

    def ehlo(self, name="client.elsewhere.example"):
        r = self.cmd("EHLO " + name)
        if r is None or r.code != 250:
            raise AssertionError("EHLO: %r" % (r,))
        return r

    def extensions(self, ehlo_reply):
        return {l.split(" ")[0].upper(): l[len(l.split(" ")[0]):].strip()
                for l in ehlo_reply.lines[1:]}

    def starttls(self, context=None):
        """TLS on this connection after a 220 was read."""
        if self.buf:
            raise AssertionError("bytes after the STARTTLS reply before TLS: %r" % self.buf)
        self.sock = (context or unverified_context()).wrap_socket(self.sock, server_hostname=HOSTNAME)
        return self.sock

    def nothing_more(self, wait=0.5):
        """True when the server sends nothing within `wait` seconds (and has
        not closed the connection)."""
        if self.buf:
            return False
        old = self.sock.gettimeout()
        self.sock.settimeout(wait)
        try:
            chunk = self.sock.recv(65536)
        except (socket.timeout, ssl.SSLWantReadError):
            return True
        finally:
            self.sock.settimeout(old)
        self.buf += chunk
        return False

    def wait_closed(self, timeout):
        """Reads replies until EOF; returns them (raises when still open after timeout)."""
        self.sock.settimeout(timeout)
        replies = []
        try:
            while True:
                r = self.reply()
                if r is None:
                    return replies
                replies.append(r)
        except (ConnectionResetError, BrokenPipeError):
            return replies
        except socket.timeout:
            raise AssertionError("connection still open after %ss; replies %r" % (timeout, replies))


# -- the test case -----------------------------------------------------------

class SmtpTestCase(DaemonTestCase):
    """A daemon with example.test and the mailboxes in `mailboxes`."""

    mailboxes = ["alice", "bob"]

    def setUp(self):
        super().setUp()
        self.assertCtlOk("domain", "add", DOMAIN)
        for name in self.mailboxes:
            self.add_mailbox(name if "@" in name else name + "@" + DOMAIN)
        self.port = smtp_port(self.daemon)

    def add_mailbox(self, address, *options):
        self.assertCtlOk("mailbox", "add", address, "--password-stdin", *options,
                         stdin=PASSWORD + "\n")

    def raw(self, ehlo=True):
        c = RawSmtp(self.port)
        self.addCleanup(c.close)
        c.greeting()
        if ehlo:
            c.ehlo()
        return c

    def expect(self, reply, code, enhanced=None, what=""):
        self.assertIsNotNone(reply, "%s: connection closed, expected %d" % (what, code))
        self.assertEqual(reply.code, code, "%s: %r" % (what, reply))
        if enhanced is not None:
            self.assertEqual(reply.enhanced, enhanced, "%s: %r" % (what, reply))
        return reply

    def raw_send(self, sender, recipients, message, client=None):
        """MAIL, RCPT..., DATA with dot-stuffing; returns the reply to the end of data."""
        c = client or self.raw()
        self.expect(c.cmd("MAIL FROM:<%s>" % sender), 250, what="MAIL")
        for r in recipients:
            self.expect(c.cmd("RCPT TO:<%s>" % r), 250, what="RCPT " + r)
        self.expect(c.cmd("DATA"), 354, what="DATA")
        stuffed = re.sub(rb"(?m)^\.", b"..", message)
        c.send(stuffed + b".\r\n")
        return c.reply()

    def stored(self, address):
        """The messages of a mailbox as [(trace fields, rest)]."""
        return [split_trace(raw) for raw in read_messages(self.daemon, address)]

    def assertDeliveredOnce(self, address, sent):
        """Exactly one message in the mailbox, equal to `sent` after the trace fields."""
        msgs = self.stored(address)
        self.assertEqual(len(msgs), 1, "%s holds %d messages" % (address, len(msgs)))
        fields, rest = msgs[0]
        self.assertTrue(stored_equals_sent(rest, sent),
                        "stored message differs from the one sent:\n%r\n---\n%r" % (rest, sent))
        self.assertIndexAgrees(address)
        return dict_of(fields), fields

    def assertIndexAgrees(self, address):
        files = message_files(self.daemon, address)
        base = mailbox_dir(self.daemon, address)
        rows, usage, totals = index_rows(self.daemon, address)
        names = sorted(os.path.join(base, r[1]) for r in rows)
        self.assertEqual(names, files, "index rows and files of %s differ" % address)
        for uid, filename, size in rows:
            self.assertEqual(size, os.path.getsize(os.path.join(base, filename)),
                             "size of uid %d in %s" % (uid, address))
        self.assertEqual(tuple(usage), (totals[1], totals[0]), "usage row of %s" % address)
        return rows

    def assertEmptyStore(self):
        files = all_message_files(self.daemon)
        self.assertEqual(files, [], "messages were stored")


def dict_of(fields):
    d = {}
    for name, value in fields:
        d.setdefault(name, []).append(value)
    return d


def swaks(*args, timeout=60):
    return subprocess.run([tool("swaks")] + list(args), capture_output=True, text=True,
                          timeout=timeout)


TLS_VERSION_RE = re.compile(r"TLS\s*v?1[._]?[23]", re.I)
