"""A minimal IMAP client for benchmarks: raw commands, responses framed with
their literals, nothing parsed beyond what the figures need.

Python's imaplib parses every response into Python objects; over 10,000
messages that costs more CPU than the server being measured. This client only
finds where each response ends (CRLF, or a literal "{n}" / "{n+}" / "~{n}"
whose n octets follow), counts untagged responses by kind and returns the
tagged status line, so the client's own cost stays small and equal for both
servers.
"""

import asyncio
import re
import socket
import ssl

LITERAL_TAIL = re.compile(rb"\{(\d+)\+?\}")   # at the end of a line; "~{n}" is literal8
RESPONSE_KIND = re.compile(rb"\* (?:\d+ )?([^ ]+)")


class ImapError(Exception):
    pass


def tls_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE   # the servers use self-signed test certificates
    return context


class Response:
    def __init__(self):
        self.status = b""       # the tagged line
        self.untagged = []      # untagged response heads (text before any literal), when kept
        self.counts = {}        # b"FETCH" -> number of untagged FETCH responses, ...
        self.octets = 0         # bytes of the whole response

    def ok(self):
        parts = self.status.split(b" ", 2)
        return len(parts) > 1 and parts[1] == b"OK"


class ImapConnection:
    def __init__(self, host, port, tls=False, timeout=600):
        sock = socket.create_connection((host, port), timeout=timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if tls:
            sock = tls_context().wrap_socket(sock)
        self.sock = sock
        self.buf = bytearray()
        self.pos = 0
        self.next_tag = 0
        greeting = self._read_line()
        if not greeting.startswith(b"* OK"):
            raise ImapError("greeting: %r" % bytes(greeting[:200]))

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def _fill(self):
        if self.pos > (1 << 20):
            del self.buf[:self.pos]
            self.pos = 0
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ImapError("connection closed by the server")
        self.buf += chunk

    def _read_line(self):
        while True:
            end = self.buf.find(b"\r\n", self.pos)
            if end >= 0:
                line = bytes(self.buf[self.pos:end])
                self.pos = end + 2
                return line
            self._fill()

    def tag(self):
        self.next_tag += 1
        return b"b%d" % self.next_tag

    def send(self, data):
        self.sock.sendall(data)

    def _line_end(self):
        """Index of the CRLF ending the line at self.pos (reading as needed;
        a refill may move self.pos)."""
        while True:
            end = self.buf.find(b"\r\n", self.pos)
            if end >= 0:
                return end
            self._fill()

    def read_response(self, tag, keep_untagged=False):
        """Reads until the tagged line of `tag`; literals are skipped by size.

        Each response is looked at in place: its first line gives the kind,
        literals are skipped by their size, and only the "{n}" at the end of
        a line goes through a regular expression. The client must stay cheaper
        than either server even for 10,000 small FETCH responses, or the
        figures measure the client."""
        response = Response()
        counts = response.counts
        tagged = tag + b" "
        while True:
            buf = self.buf
            end = buf.find(b"\r\n", self.pos)
            if end < 0:
                end = self._line_end()
                buf = self.buf
            start = self.pos
            if buf.startswith(tagged, start):
                response.status = bytes(buf[start:end])
                response.octets += end - start + 2
                self.pos = end + 2
                return response
            head = bytes(buf[start:min(end, start + 200)]) if keep_untagged else None
            untagged = buf.startswith(b"* ", start)
            kind = RESPONSE_KIND.match(buf, start, end)
            kind = kind.group(1) if kind else b""
            multiline = False
            line_start = start
            while end > line_start and buf[end - 1] == 0x7D:  # "}": maybe a literal
                brace = buf.rfind(b"{", line_start, end)
                literal = LITERAL_TAIL.fullmatch(buf, brace, end) if brace >= 0 else None
                if not literal:
                    break
                size = int(literal.group(1))
                multiline = True
                response.octets += end - line_start + 2 + size
                self.pos = end + 2
                while len(self.buf) - self.pos < size:
                    size -= len(self.buf) - self.pos
                    self.pos = len(self.buf)
                    self._fill()
                self.pos += size
                buf = self.buf
                end = buf.find(b"\r\n", self.pos)
                if end < 0:
                    end = self._line_end()
                    buf = self.buf
                line_start = self.pos
            response.octets += end - line_start + 2
            self.pos = end + 2
            if untagged:
                counts[kind] = counts.get(kind, 0) + 1
                if keep_untagged:
                    response.untagged.append(head if multiline else bytes(buf[start:end]))

    def command(self, text, keep_untagged=False, check=True):
        tag = self.tag()
        self.send(tag + b" " + text + b"\r\n")
        response = self.read_response(tag, keep_untagged)
        if check and not response.ok():
            raise ImapError("%s -> %r" % (text[:80], response.status[:300]))
        return response

    def login(self, user, password):
        self.command(b"LOGIN %s %s" % (user.encode(), password.encode()))

    def append_many(self, mailbox, messages, window=32):
        """APPEND with LITERAL+, `window` commands in flight."""
        pending = []
        for message in messages:
            tag = self.tag()
            self.send(b"%s APPEND %s {%d+}\r\n" % (tag, mailbox.encode(), len(message))
                      + message + b"\r\n")
            pending.append(tag)
            if len(pending) >= window:
                self._expect_ok(pending.pop(0))
        while pending:
            self._expect_ok(pending.pop(0))

    def _expect_ok(self, tag):
        response = self.read_response(tag)
        if not response.ok():
            raise ImapError("APPEND -> %r" % response.status[:300])


async def idle_connection(host, port, user, password, ready, hold, source=None):
    """One TLS connection that logs in, selects INBOX and IDLEs until `hold` is set.

    source: the local address to connect from (the idle test spreads its
    connections over 127.0.0.0/8, as many clients would be, so per-address
    limits of either server do not decide the outcome)."""
    reader, writer = await asyncio.open_connection(host, port, ssl=tls_context(),
                                                   server_hostname="mail.bench.test",
                                                   local_addr=(source, 0) if source else None)
    try:
        greeting = await reader.readline()
        if not greeting.startswith(b"* OK"):
            raise ImapError("greeting %r" % greeting[:100])
        for tag, text in ((b"i1", b"LOGIN %s %s" % (user.encode(), password.encode())),
                          (b"i2", b"SELECT INBOX")):
            writer.write(tag + b" " + text + b"\r\n")
            while True:
                line = await reader.readline()
                if not line:
                    raise ImapError("closed during %s" % text[:20])
                if line.startswith(tag + b" "):
                    if not line.startswith(tag + b" OK"):
                        raise ImapError("%s -> %r" % (text[:20], line[:200]))
                    break
        writer.write(b"i3 IDLE\r\n")
        line = await reader.readline()
        if not line.startswith(b"+"):
            raise ImapError("IDLE -> %r" % line[:200])
        ready()
        await hold.wait()
        writer.write(b"DONE\r\ni4 LOGOUT\r\n")
        await writer.drain()
    finally:
        writer.close()
