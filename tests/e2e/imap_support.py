"""Helpers for the IMAP end-to-end tests: a daemon with a domain and
mailboxes, imaplib clients over STARTTLS (port imap) and implicit TLS
(port imaps) with an unverified context (the daemon's self-signed
certificate, as a real user of it would connect), a raw line client for
bad input, and delivery over SMTP.

The daemon listens on port 0; the real ports come from system.status.
Every socket has a timeout, so a server that stops answering fails a test
instead of hanging it.
"""

import imaplib
import smtplib
import socket
import ssl

from mailstead_harness import DaemonTestCase
from smtp_support import DOMAIN, PASSWORD, make_message, smtp_port, unverified_context

# imaplib (Python 3.11) does not know RFC 2971 ID; it only needs the states.
imaplib.Commands.setdefault("ID", ("NONAUTH", "AUTH", "SELECTED"))

# Seconds a client waits for one response.
IMAP_TIMEOUT = 20
ALICE = "alice@" + DOMAIN
BOB = "bob@" + DOMAIN


def imap_port(daemon, service="imap"):
    return smtp_port(daemon, service)


def starttls_client(daemon):
    """imaplib over the imap port, upgraded with STARTTLS (not logged in)."""
    client = imaplib.IMAP4("127.0.0.1", imap_port(daemon), timeout=IMAP_TIMEOUT)
    client.starttls(ssl_context=unverified_context())
    return client


def imaps_client(daemon):
    """imaplib over the imaps port (implicit TLS, RFC 8314)."""
    return imaplib.IMAP4_SSL("127.0.0.1", imap_port(daemon, "imaps"),
                             ssl_context=unverified_context(), timeout=IMAP_TIMEOUT)


def deliver(daemon, to, subject, body="Hello\r\n", sender="sender@elsewhere.example"):
    """One message over SMTP to the MX port; returns when it is acknowledged."""
    with smtplib.SMTP("127.0.0.1", smtp_port(daemon), timeout=IMAP_TIMEOUT) as smtp:
        smtp.sendmail(sender, [to], make_message(subject, body, sender=sender, to=to))


def ok(response, what=""):
    """The data of an imaplib (typ, data) pair that must be OK."""
    typ, data = response
    if typ != "OK":
        raise AssertionError("%s: %s %r" % (what, typ, data))
    return data


class RawImap:
    """A line-oriented IMAP client on a plain or TLS socket, for bad input
    and for watching untagged responses (IDLE) exactly as sent."""

    def __init__(self, port, tls=False, timeout=IMAP_TIMEOUT):
        sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        if tls:
            sock = unverified_context().wrap_socket(sock)
        self.sock = sock
        self.buf = b""

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def starttls(self):
        self.send(b"S1 STARTTLS\r\n")
        self.until_tagged(b"S1")
        self.sock = unverified_context().wrap_socket(self.sock)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def line(self):
        """The next line with its CRLF; b"" when the server closed."""
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                rest, self.buf = self.buf, b""
                return rest
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line + b"\n"

    def until_tagged(self, tag):
        """Lines up to and including the tagged response for tag."""
        lines = []
        while True:
            line = self.line()
            if not line:
                raise AssertionError("connection closed before %r; got %r" % (tag, lines))
            lines.append(line)
            if line.startswith(tag + b" "):
                return lines

    def command(self, tag, text):
        self.send(tag + b" " + text + b"\r\n")
        return self.until_tagged(tag)

    def login(self, user=ALICE, password=PASSWORD):
        lines = self.command(b"L1", b"LOGIN " + user.encode() + b' "' + password.encode() + b'"')
        if not lines[-1].startswith(b"L1 OK"):
            raise AssertionError("login failed: %r" % lines)
        return lines


class ImapTestCase(DaemonTestCase):
    """A daemon with example.test, alice and bob, and helpers for clients."""

    mailboxes = ["alice", "bob"]
    daemon_sections = {"imap": {"idle_timeout": "30m"}}

    def setUp(self):
        super().setUp()
        self.assertCtlOk("domain", "add", DOMAIN)
        for name in self.mailboxes:
            self.add_mailbox(name + "@" + DOMAIN)

    def add_mailbox(self, address, *options):
        self.assertCtlOk("mailbox", "add", address, "--password-stdin", *options,
                         stdin=PASSWORD + "\n")

    def client(self, user=ALICE, implicit_tls=False):
        """A logged-in imaplib client; logged out at the end of the test."""
        client = imaps_client(self.daemon) if implicit_tls else starttls_client(self.daemon)
        ok(client.login(user, PASSWORD), "LOGIN")
        self.addCleanup(self._logout, client)
        return client

    @staticmethod
    def _logout(client):
        try:
            client.logout()
        except (imaplib.IMAP4.error, OSError):
            pass

    def raw(self, tls=False):
        c = RawImap(imap_port(self.daemon, "imaps" if tls else "imap"), tls=tls)
        self.addCleanup(c.close)
        greeting = c.line()
        self.assertTrue(greeting.startswith(b"* OK"), greeting)
        return c

    def status_counters(self):
        return self.daemon.rpc("system.status")["counters"]["imap"]
