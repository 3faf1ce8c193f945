"""End-to-end tests of the outbound queue (daemon/queue).

A local message to an alias whose target is outside goes through the
queue: the daemon looks up the target domain's MX at a real name server
(nsd on a loopback port, [dns] servers), connects to a Python SMTP server
standing in for the remote MX ([queue] remote_port), and reports failures
to the sender with an RFC 3464 bounce in the sender's INBOX, checked with
Python's email module. Everything runs on 127.0.0.1 with free ports.
"""

import email
import email.policy
import os
import shutil
import socket
import socketserver
import subprocess
import tempfile
import threading
import time
import unittest

from mailstead_harness import tool
from smtp_support import DOMAIN, SmtpTestCase, read_messages

REMOTE = "remote.test"
ZONES = {
    REMOTE: """$ORIGIN remote.test.
$TTL 300
@    IN SOA ns.remote.test. hostmaster.remote.test. 1 3600 600 86400 300
@    IN NS  ns.remote.test.
ns   IN A   127.0.0.1
@    IN MX  10 mx.remote.test.
mx   IN A   127.0.0.1
""",
    "nullmx.test": """$ORIGIN nullmx.test.
$TTL 300
@    IN SOA ns.nullmx.test. hostmaster.nullmx.test. 1 3600 600 86400 300
@    IN NS  ns.nullmx.test.
ns   IN A   127.0.0.1
@    IN MX  0 .
""",
}
WAIT = 30


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NameServer:
    """nsd on 127.0.0.1:port serving ZONES from a temporary directory."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="mailstead-queue-nsd-")
        self.port = free_port()
        conf = ["server:", "    ip-address: 127.0.0.1@%d" % self.port,
                '    username: ""', '    chroot: ""', '    zonesdir: "%s"' % self.dir,
                '    database: ""', '    zonelistfile: "%s/zone.list"' % self.dir,
                '    xfrdfile: "%s/xfrd.state"' % self.dir, '    xfrdir: "%s"' % self.dir,
                '    pidfile: "%s/nsd.pid"' % self.dir, '    logfile: "%s/nsd.log"' % self.dir,
                "    server-count: 1", "    do-ip6: no",
                "remote-control:", "    control-enable: no"]
        for name, text in ZONES.items():
            with open(os.path.join(self.dir, name + ".zone"), "w") as f:
                f.write(text)
            conf += ["zone:", "    name: %s" % name, "    zonefile: %s.zone" % name]
        self.conf = os.path.join(self.dir, "nsd.conf")
        with open(self.conf, "w") as f:
            f.write("\n".join(conf) + "\n")
        nsd = shutil.which("nsd") or ("/usr/sbin/nsd" if os.access("/usr/sbin/nsd", os.X_OK)
                                      else tool("nsd"))
        self.proc = subprocess.Popen([nsd, "-d", "-c", self.conf],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


class RemoteMx(socketserver.ThreadingTCPServer):
    """A small SMTP server: answers RCPT per `rcpt_replies`, records messages."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port=0):
        super().__init__(("127.0.0.1", port), RemoteMxHandler)
        self.port = self.server_address[1]
        self.rcpt_replies = {}
        self.rcpt_attempts = {}  # address -> RCPTs seen
        self.messages = []  # (mail from, [rcpt], content bytes)
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self):
        self.shutdown()
        self.server_close()


class RemoteMxHandler(socketserver.StreamRequestHandler):
    def handle(self):
        server = self.server
        self.wfile.write(b"220 mx.remote.test ESMTP\r\n")
        mail, rcpts = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-mx.remote.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n"
                                 b"250 ENHANCEDSTATUSCODES\r\n")
            elif verb == b"MAIL":
                mail, rcpts = line.strip(), []
                self.wfile.write(b"250 2.1.0 ok\r\n")
            elif verb == b"RCPT":
                address = line[line.index(b"<") + 1:line.index(b">")].decode()
                with server.lock:
                    server.rcpt_attempts[address] = server.rcpt_attempts.get(address, 0) + 1
                reply = server.rcpt_replies.get(address, "250 2.1.5 ok")
                if reply.startswith("2"):
                    rcpts.append(address)
                self.wfile.write(reply.encode() + b"\r\n")
            elif verb == b"DATA":
                if not rcpts:
                    self.wfile.write(b"554 5.5.1 no valid recipients\r\n")
                    continue
                self.wfile.write(b"354 go ahead\r\n")
                data = b""
                while True:
                    chunk = self.rfile.readline()
                    if not chunk or chunk == b".\r\n":
                        break
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                with server.lock:
                    server.messages.append((mail, rcpts, data))
                self.wfile.write(b"250 2.0.0 queued\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 2.0.0 bye\r\n")
                return
            else:
                self.wfile.write(b"250 2.0.0 ok\r\n")


class QueueTests(SmtpTestCase):
    mailboxes = ["alice"]

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
                                          # Retries within seconds, not minutes.
                                          "retry_base": "1s", "retry_max": "2s",
                                          "warn_messages": "2"}}
        super().setUp()

    def send_as_alice(self, to, subject):
        message = ("From: alice@%s\r\nTo: %s\r\nSubject: %s\r\n\r\nhello\r\n"
                   % (DOMAIN, to, subject)).encode()
        reply = self.raw_send("alice@" + DOMAIN, [to], message)
        self.expect(reply, 250, what="end of data")

    def wait_for(self, predicate, what):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.1)
        self.fail("%s did not happen in %ss:\n%s" % (what, WAIT, self.daemon.stderr()[-3000:]))

    def test_forward_is_delivered_to_the_remote_mx(self):
        self.assertCtlOk("alias", "add", "fwd@" + DOMAIN, "bob@" + REMOTE)
        self.send_as_alice("fwd@" + DOMAIN, "forwarded")
        self.wait_for(lambda: self.mx.messages, "delivery to the remote MX")
        mail, rcpts, data = self.mx.messages[0]
        self.assertEqual(mail, b"MAIL FROM:<alice@example.test>")
        self.assertEqual(rcpts, ["bob@" + REMOTE])
        self.assertIn(b"Subject: forwarded\r\n", data)
        self.assertFalse(data.lower().startswith(b"return-path:"))
        time.sleep(1)
        self.assertEqual(len(self.mx.messages), 1)
        counters = self.daemon.rpc("system.status")["counters"]["queue"]
        self.assertEqual(counters["delivered_total"], 1)
        self.assertEqual(counters["messages"], 0)

    def test_permanent_failure_bounces_to_the_local_sender(self):
        self.mx.rcpt_replies["gone@" + REMOTE] = "550 5.1.1 no such user here"
        self.assertCtlOk("alias", "add", "lost@" + DOMAIN, "gone@" + REMOTE)
        self.send_as_alice("lost@" + DOMAIN, "will bounce")
        self.wait_for(lambda: read_messages(self.daemon, "alice@" + DOMAIN), "the bounce")
        raw = read_messages(self.daemon, "alice@" + DOMAIN)[0]
        self.assertTrue(raw.startswith(b"Return-Path: <>\r\n"))
        dsn = email.message_from_bytes(raw, policy=email.policy.compat32)
        self.assertEqual(dsn.get_content_type(), "multipart/report")
        self.assertEqual(dsn.get_param("report-type"), "delivery-status")
        parts = dsn.get_payload()
        self.assertEqual([p.get_content_type() for p in parts],
                         ["text/plain", "message/delivery-status", "text/rfc822-headers"])
        per_message, per_recipient = parts[1].get_payload()[:2]
        self.assertEqual(per_message["Reporting-MTA"], "dns;mail.example.test")
        self.assertEqual(per_recipient["Final-Recipient"], "rfc822;gone@remote.test")
        self.assertEqual(per_recipient["Original-Recipient"], "rfc822;lost@example.test")
        self.assertEqual(per_recipient["Action"], "failed")
        self.assertEqual(per_recipient["Status"], "5.1.1")
        self.assertEqual(per_recipient["Remote-MTA"], "dns;mx.remote.test")
        self.assertEqual(per_recipient["Diagnostic-Code"], "smtp;550 5.1.1 no such user here")
        self.assertIn("Subject: will bounce", parts[2].get_payload())
        self.assertEqual(self.mx.messages, [])

    def test_temporary_failure_is_retried(self):
        self.mx.rcpt_replies["later@" + REMOTE] = "451 4.3.0 try again later"
        self.assertCtlOk("alias", "add", "fwd@" + DOMAIN, "later@" + REMOTE)
        self.send_as_alice("fwd@" + DOMAIN, "deferred once")
        self.wait_for(lambda: self.mx.rcpt_attempts.get("later@" + REMOTE), "a first attempt")
        self.assertEqual(self.mx.messages, [])
        self.assertEqual(self.daemon.rpc("system.status")["counters"]["queue"]["messages"], 1)
        del self.mx.rcpt_replies["later@" + REMOTE]
        self.wait_for(lambda: self.mx.messages, "delivery on a retry")
        self.assertGreaterEqual(self.mx.rcpt_attempts["later@" + REMOTE], 2)
        time.sleep(1.5)
        self.assertEqual(len(self.mx.messages), 1)
        self.assertEqual(read_messages(self.daemon, "alice@" + DOMAIN), [])  # no bounce

    def test_peer_down_then_up(self):
        port = self.mx.port
        self.mx.stop()  # nothing listens on the remote MX's port now
        self.assertCtlOk("alias", "add", "fwd@" + DOMAIN, "bob@" + REMOTE)
        self.send_as_alice("fwd@" + DOMAIN, "while the peer is down")
        time.sleep(1.5)
        self.mx = RemoteMx(port)
        self.addCleanup(self.mx.stop)
        self.wait_for(lambda: self.mx.messages, "delivery once the peer is up")
        self.assertIn(b"Subject: while the peer is down", self.mx.messages[0][2])

    def test_growing_queue_is_a_health_warning(self):
        health = lambda: self.daemon.rpc("system.status")["health"]
        self.assertEqual(health(), "ok")
        port = self.mx.port
        self.mx.stop()
        self.assertCtlOk("alias", "add", "fwd@" + DOMAIN, "bob@" + REMOTE)
        for i in range(3):  # one more than warn_messages
            self.send_as_alice("fwd@" + DOMAIN, "waiting %d" % i)
        self.wait_for(lambda: health() == "warning", "the queue warning")
        self.mx = RemoteMx(port)
        self.addCleanup(self.mx.stop)
        self.wait_for(lambda: len(self.mx.messages) == 3, "delivery once the peer is up")
        self.wait_for(lambda: health() == "ok", "the warning lifted")

    def test_kill9_with_a_full_queue_loses_and_repeats_nothing(self):
        port = self.mx.port
        self.mx.stop()
        self.assertCtlOk("alias", "add", "fwd@" + DOMAIN, "bob@" + REMOTE)
        count = 20
        for i in range(count):
            self.send_as_alice("fwd@" + DOMAIN, "queued %02d" % i)
        self.assertEqual(self.daemon.rpc("system.status")["counters"]["queue"]["messages"], count)
        self.daemon.kill9()
        self.mx = RemoteMx(port)
        self.addCleanup(self.mx.stop)
        self.daemon.start()
        self.wait_for(lambda: len(self.mx.messages) >= count, "every message after the restart")
        time.sleep(2)
        subjects = sorted(line for _, _, data in self.mx.messages
                          for line in data.split(b"\r\n") if line.startswith(b"Subject: queued"))
        self.assertEqual(subjects, [b"Subject: queued %02d" % i for i in range(count)])

    def test_administration_through_mailsteadctl(self):
        self.mx.rcpt_replies["later@" + REMOTE] = "451 4.7.1 greylisted, try again"
        self.assertCtlOk("alias", "add", "fwd@" + DOMAIN, "later@" + REMOTE)
        self.send_as_alice("fwd@" + DOMAIN, "administered")
        self.wait_for(lambda: self.mx.rcpt_attempts.get("later@" + REMOTE), "a first attempt")
        self.wait_for(lambda: self.daemon.ctl_json("queue", "list")["messages"][0]
                      ["recipients"][0].get("last_answer"), "the answer recorded")
        message = self.daemon.ctl_json("queue", "list")["messages"][0]
        qid = message["id"]
        self.assertEqual(message["sender"], "alice@" + DOMAIN)
        recipient = message["recipients"][0]
        self.assertEqual(recipient["address"], "later@" + REMOTE)
        self.assertEqual(recipient["original"], "fwd@" + DOMAIN)
        self.assertEqual(recipient["state"], "deferred")
        self.assertIn("greylisted", recipient["last_answer"])
        shown = self.daemon.ctl_json("queue", "show", qid)
        self.assertTrue(any("451 4.7.1 greylisted" in a["answer"] and "mx.remote.test" in a["host"]
                            for a in shown["attempts"]), shown["attempts"])
        text = self.assertCtlOk("queue", "show", qid)
        self.assertIn("greylisted", text)
        self.assertIn(qid, self.assertCtlOk("queue", "list"))

        # A recipient in a delivery attempt at that moment is left alone:
        # ask until the attempt is over.
        self.wait_for(lambda: self.daemon.ctl_json("queue", "hold", qid)["ids"], "the hold")
        self.assertEqual(self.assertCtlOk("queue", "hold", qid), "no message changed\n")
        state = self.daemon.ctl_json("queue", "show", qid)["recipients"][0]["state"]
        self.assertEqual(state, "held")
        self.assertCtlOk("queue", "release", qid)
        self.assertCtlFails(1, "queue", "hold", "nonexistent", message="No message")
        self.assertCtlFails(2, "queue", "retry", message="give a message ID or --all")

        # Bounced by the administrator: the DSN reaches the local sender.
        self.wait_for(lambda: self.daemon.ctl_json("queue", "bounce", qid)["ids"], "the bounce")
        self.wait_for(lambda: read_messages(self.daemon, "alice@" + DOMAIN), "the bounce")
        dsn = email.message_from_bytes(read_messages(self.daemon, "alice@" + DOMAIN)[0])
        self.assertEqual(dsn.get_payload()[1].get_payload()[1]["Action"], "failed")
        self.wait_for(lambda: not self.daemon.ctl_json("queue", "list")["messages"],
                      "an empty queue")
        self.assertEqual(self.assertCtlOk("queue", "list"), "The queue is empty.\n")

        # Retry and delete.
        self.send_as_alice("fwd@" + DOMAIN, "deleted later")
        self.wait_for(lambda: self.daemon.ctl_json("queue", "list")["messages"], "queued")
        qid = self.daemon.ctl_json("queue", "list")["messages"][0]["id"]
        self.wait_for(lambda: qid in self.daemon.ctl_json("queue", "retry", "--all")["ids"],
                      "the retry")
        self.assertCtlOk("queue", "delete", qid)
        self.assertEqual(self.daemon.ctl_json("queue", "list")["messages"], [])
        self.assertEqual(self.mx.messages, [])

    def test_null_mx_bounces_at_once(self):
        self.assertCtlOk("alias", "add", "void@" + DOMAIN, "x@nullmx.test")
        self.send_as_alice("void@" + DOMAIN, "to a null MX")
        self.wait_for(lambda: read_messages(self.daemon, "alice@" + DOMAIN), "the bounce")
        dsn = email.message_from_bytes(read_messages(self.daemon, "alice@" + DOMAIN)[0])
        status = dsn.get_payload()[1].get_payload()[1]
        self.assertEqual(status["Status"], "5.1.10")
        self.assertEqual(status["Action"], "failed")


if __name__ == "__main__":
    unittest.main()
