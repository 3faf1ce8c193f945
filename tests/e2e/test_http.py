"""The HTTP endpoints of a real mailsteadd, driven by curl, openssl and
Python's http.client: Thunderbird autoconfig, Outlook autodiscover and the
Apple profile checked field by field, the MTA-STS policy byte for byte,
/healthz, ACME tokens, 404/405/501, the limits (431, 413, 411), slow
clients cut off, the per-address connection limit, https with the daemon's
own certificate, and a SIGHUP changing the policy.
"""

import http.client
import os
import plistlib
import re
import signal
import socket
import ssl
import subprocess
import time
import unittest
import xml.etree.ElementTree as ET

from mailstead_harness import DaemonTestCase, free_config, tool

REQUEST_TIMEOUT = 2  # seconds, [http] request_timeout of these daemons
HOSTNAME = "mail.example.test"
POX_REQUEST_NS = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"
POX_RESPONSE_NS = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
POX_OUTLOOK_NS = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"


def pox_request(address):
    return ('<?xml version="1.0" encoding="utf-8"?>\r\n'
            '<Autodiscover xmlns="%s">\r\n'
            '  <Request>\r\n'
            '    <EMailAddress>%s</EMailAddress>\r\n'
            '    <AcceptableResponseSchema>%s</AcceptableResponseSchema>\r\n'
            '  </Request>\r\n'
            '</Autodiscover>\r\n' % (POX_REQUEST_NS, address, POX_OUTLOOK_NS)).encode()


class CurlResult:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name.lower())


class HttpTestCase(DaemonTestCase):
    daemon_sections = {"http": {"request_timeout": "%ds" % REQUEST_TIMEOUT,
                                "mta_sts_mode": "enforce",
                                "mta_sts_max_age": "86400",
                                "max_connections_per_ip": "4"}}

    def setUp(self):
        super().setUp()
        self.curl_path = tool("curl")
        self.assertCtlOk("domain", "add", "example.test")
        status = self.daemon.rpc("system.status")
        self.ports = {}
        for listener in status["listeners"]:
            self.ports.setdefault(listener["service"], listener["port"])
        self.http_port = self.ports["http"]
        self.https_port = self.ports["https"]

    # -- clients --------------------------------------------------------
    def curl(self, path, *args, https=False, data=None):
        """Runs curl; returns status, lower-cased headers and body."""
        scheme, port = ("https", self.https_port) if https else ("http", self.http_port)
        cmd = [self.curl_path, "--silent", "--show-error", "--max-time", "20",
               "--dump-header", "-", "--output", os.path.join(self.daemon.tmp, "body")]
        if https:
            cmd.append("--insecure")
        if data is not None:
            cmd += ["--data-binary", "@-"]
        cmd += list(args) + ["%s://127.0.0.1:%d%s" % (scheme, port, path)]
        r = subprocess.run(cmd, input=data, capture_output=True, timeout=30)
        self.assertEqual(r.returncode, 0, "curl %s: %s" % (" ".join(cmd), r.stderr.decode()))
        head = r.stdout.decode("latin-1")
        # The last header block (after any 100 Continue).
        blocks = [b for b in head.split("\r\n\r\n") if b.strip()]
        lines = blocks[-1].split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        with open(os.path.join(self.daemon.tmp, "body"), "rb") as f:
            body = f.read()
        return CurlResult(status, headers, body)

    def raw(self, data, port=None, wait=10):
        """Sends data on a plain socket, returns everything until EOF."""
        with socket.create_connection(("127.0.0.1", port or self.http_port), timeout=wait) as s:
            s.sendall(data)
            received = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    return received
                received += chunk

    def status_of(self, response_bytes):
        m = re.match(rb"HTTP/1\.[01] (\d{3}) ", response_bytes)
        self.assertIsNotNone(m, response_bytes[:200])
        return int(m.group(1))


class AutoconfigTests(HttpTestCase):
    def check_autoconfig(self, body, domain="example.test"):
        root = ET.fromstring(body)
        self.assertEqual(root.tag, "clientConfig")
        self.assertEqual(root.get("version"), "1.1")
        provider = root.find("emailProvider")
        self.assertEqual(provider.get("id"), domain)
        self.assertEqual(provider.findtext("domain"), domain)
        servers = [(s.tag, s.get("type"), s.findtext("hostname"), int(s.findtext("port")),
                    s.findtext("socketType"), s.findtext("authentication"),
                    s.findtext("username"))
                   for s in provider if s.tag in ("incomingServer", "outgoingServer")]
        p = self.ports
        auth, user = "password-cleartext", "%EMAILADDRESS%"
        self.assertEqual(servers, [
            ("incomingServer", "imap", HOSTNAME, p["imaps"], "SSL", auth, user),
            ("incomingServer", "imap", HOSTNAME, p["imap"], "STARTTLS", auth, user),
            ("incomingServer", "pop3", HOSTNAME, p["pop3s"], "SSL", auth, user),
            ("outgoingServer", "smtp", HOSTNAME, p["submissions"], "SSL", auth, user),
            ("outgoingServer", "smtp", HOSTNAME, p["submission"], "STARTTLS", auth, user),
        ])

    def test_autoconfig_by_address(self):
        r = self.curl("/mail/config-v1.1.xml?emailaddress=alice%40example.test")
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.header("content-type"), "text/xml; charset=utf-8")
        self.assertEqual(r.header("connection"), "close")
        self.assertEqual(r.header("cache-control"), "no-store")
        self.check_autoconfig(r.body)

    def test_well_known_autoconfig_by_host(self):
        r = self.curl("/.well-known/autoconfig/mail/config-v1.1.xml",
                      "--header", "Host: example.test")
        self.assertEqual(r.status, 200, r.body)
        self.check_autoconfig(r.body)
        r = self.curl("/mail/config-v1.1.xml", "--header", "Host: autoconfig.example.test:80")
        self.assertEqual(r.status, 200, r.body)
        self.check_autoconfig(r.body)

    def test_autoconfig_over_https(self):
        r = self.curl("/mail/config-v1.1.xml?emailaddress=bob@example.test", https=True)
        self.assertEqual(r.status, 200, r.body)
        self.check_autoconfig(r.body)

    def test_domain_not_ours_is_404(self):
        r = self.curl("/mail/config-v1.1.xml?emailaddress=eve%40elsewhere.example")
        self.assertEqual(r.status, 404)
        r = self.curl("/.well-known/autoconfig/mail/config-v1.1.xml",
                      "--header", "Host: elsewhere.example")
        self.assertEqual(r.status, 404)
        r = self.curl("/mail/config-v1.1.xml?emailaddress=not-an-address")
        self.assertEqual(r.status, 400)

    def test_new_domain_is_served_without_restart(self):
        self.assertEqual(
            self.curl("/mail/config-v1.1.xml?emailaddress=a@later.example").status, 404)
        self.assertCtlOk("domain", "add", "later.example")
        r = self.curl("/mail/config-v1.1.xml?emailaddress=a@later.example")
        self.assertEqual(r.status, 200)
        self.check_autoconfig(r.body, "later.example")


class AutodiscoverTests(HttpTestCase):
    def check_pox(self, body, address):
        ns = {"a": POX_RESPONSE_NS, "o": POX_OUTLOOK_NS}
        root = ET.fromstring(body)
        self.assertEqual(root.tag, "{%s}Autodiscover" % POX_RESPONSE_NS)
        account = root.find("o:Response/o:Account", ns)
        self.assertIsNotNone(account, body)
        self.assertEqual(account.findtext("o:AccountType", namespaces=ns), "email")
        self.assertEqual(account.findtext("o:Action", namespaces=ns), "settings")
        protocols = {}
        for p in account.findall("o:Protocol", ns):
            fields = {child.tag.split("}")[1]: child.text for child in p}
            protocols[fields["Type"]] = fields
        self.assertEqual(sorted(protocols), ["IMAP", "SMTP"])
        imap, smtp = protocols["IMAP"], protocols["SMTP"]
        self.assertEqual(imap["Server"], HOSTNAME)
        self.assertEqual(int(imap["Port"]), self.ports["imaps"])
        self.assertEqual(imap["SSL"], "on")
        self.assertEqual(imap["LoginName"], address)
        self.assertEqual(imap["SPA"], "off")
        self.assertEqual(imap["AuthRequired"], "on")
        self.assertEqual(imap["DomainRequired"], "off")
        self.assertEqual(smtp["Server"], HOSTNAME)
        self.assertEqual(int(smtp["Port"]), self.ports["submissions"])
        self.assertEqual(smtp["SSL"], "on")
        self.assertEqual(smtp["LoginName"], address)
        self.assertEqual(smtp["AuthRequired"], "on")

    def test_outlook_request_with_curl(self):
        r = self.curl("/autodiscover/autodiscover.xml", "--header", "Content-Type: text/xml",
                      data=pox_request("alice@example.test"))
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.header("content-type"), "text/xml; charset=utf-8")
        self.check_pox(r.body, "alice@example.test")

    def test_outlook_request_with_http_client(self):
        conn = http.client.HTTPSConnection("127.0.0.1", self.https_port, timeout=20,
                                           context=ssl._create_unverified_context())
        conn.request("POST", "/Autodiscover/Autodiscover.xml", body=pox_request("bob@example.test"),
                     headers={"Content-Type": "text/xml", "Host": "autodiscover.example.test"})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        self.assertEqual(response.status, 200, body)
        self.check_pox(body, "bob@example.test")

    def test_errors(self):
        r = self.curl("/autodiscover/autodiscover.xml", data=b"<Autodiscover>")
        self.assertEqual(r.status, 400)
        root = ET.fromstring(r.body)
        self.assertEqual(root.findtext("{%s}Response/{%s}Error/{%s}ErrorCode"
                                       % ((POX_RESPONSE_NS,) * 3)), "600")
        r = self.curl("/autodiscover/autodiscover.xml", data=pox_request("eve@elsewhere.example"))
        self.assertEqual(r.status, 404)
        r = self.curl("/autodiscover/autodiscover.xml")
        self.assertEqual(r.status, 405)
        self.assertEqual(r.header("allow"), "POST")


class MobileconfigTests(HttpTestCase):
    def test_profile_parses_with_plistlib(self):
        r = self.curl("/apple/mobileconfig?email=alice%40example.test", https=True)
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.header("content-type"), "application/x-apple-aspen-config")
        self.assertEqual(r.header("content-disposition"),
                         'attachment; filename="example.test.mobileconfig"')
        profile = plistlib.loads(r.body)
        self.assertEqual(profile["PayloadType"], "Configuration")
        self.assertEqual(profile["PayloadVersion"], 1)
        self.assertEqual(len(profile["PayloadContent"]), 1)
        mail = profile["PayloadContent"][0]
        self.assertEqual(mail["PayloadType"], "com.apple.mail.managed")
        self.assertEqual(mail["EmailAccountType"], "EmailTypeIMAP")
        self.assertEqual(mail["EmailAddress"], "alice@example.test")
        self.assertEqual(mail["IncomingMailServerHostName"], HOSTNAME)
        self.assertEqual(mail["IncomingMailServerPortNumber"], self.ports["imaps"])
        self.assertIs(mail["IncomingMailServerUseSSL"], True)
        self.assertEqual(mail["IncomingMailServerUsername"], "alice@example.test")
        self.assertEqual(mail["IncomingMailServerAuthentication"], "EmailAuthPassword")
        self.assertEqual(mail["OutgoingMailServerHostName"], HOSTNAME)
        self.assertEqual(mail["OutgoingMailServerPortNumber"], self.ports["submissions"])
        self.assertIs(mail["OutgoingMailServerUseSSL"], True)
        self.assertEqual(mail["OutgoingMailServerUsername"], "alice@example.test")
        self.assertIs(mail["OutgoingPasswordSameAsIncomingPassword"], True)
        self.assertNotEqual(mail["PayloadUUID"], profile["PayloadUUID"])
        # Name-based UUIDs: the same profile again replaces, not adds.
        again = plistlib.loads(self.curl("/apple/mobileconfig?email=alice%40example.test").body)
        self.assertEqual(again["PayloadUUID"], profile["PayloadUUID"])

    def test_bad_requests(self):
        self.assertEqual(self.curl("/apple/mobileconfig").status, 400)
        self.assertEqual(self.curl("/apple/mobileconfig?email=a@elsewhere.example").status, 404)
        r = self.curl("/apple/mobileconfig?email=a@example.test", "--request", "POST")
        self.assertEqual(r.status, 405)
        self.assertEqual(r.header("allow"), "GET, HEAD")


class MtaStsTests(HttpTestCase):
    POLICY = (b"version: STSv1\r\nmode: enforce\r\nmx: mail.example.test\r\n"
              b"max_age: 86400\r\n")

    def test_policy_for_our_domain(self):
        r = self.curl("/.well-known/mta-sts.txt", "--header", "Host: mta-sts.example.test")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type"), "text/plain; charset=utf-8")
        self.assertEqual(r.body, self.POLICY)

    def test_policy_over_https_with_sni(self):
        # As a sending MTA fetches it: by name, SNI and Host both
        # mta-sts.example.test.
        cmd = [self.curl_path, "--silent", "--insecure", "--max-time", "20", "--resolve",
               "mta-sts.example.test:%d:127.0.0.1" % self.https_port,
               "https://mta-sts.example.test:%d/.well-known/mta-sts.txt" % self.https_port]
        out = subprocess.run(cmd, capture_output=True, timeout=30)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout, self.POLICY)

    def test_other_hosts_get_404(self):
        for host in ["mail.example.test", "example.test", "mta-sts.elsewhere.example"]:
            r = self.curl("/.well-known/mta-sts.txt", "--header", "Host: " + host)
            self.assertEqual(r.status, 404, host)

    def test_sighup_changes_the_mode(self):
        with open(self.daemon.config_path, "w") as f:
            f.write(free_config(self.daemon.tmp, http={"mta_sts_mode": "testing",
                                                       "mta_sts_max_age": "3600"}))
        self.daemon.signal(signal.SIGHUP)
        expected = (b"version: STSv1\r\nmode: testing\r\nmx: mail.example.test\r\n"
                    b"max_age: 3600\r\n")
        deadline = time.monotonic() + 20
        while True:
            r = self.curl("/.well-known/mta-sts.txt", "--header", "Host: mta-sts.example.test")
            if r.body == expected or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.assertEqual(r.body, expected)


class ProtocolTests(HttpTestCase):
    def test_healthz(self):
        r = self.curl("/healthz")
        self.assertEqual((r.status, r.body), (200, b"ok\n"))
        self.assertEqual(r.header("content-length"), "3")
        conn = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=20)
        conn.request("HEAD", "/healthz")
        response = conn.getresponse()
        self.assertEqual(response.status, 200)
        self.assertEqual(response.getheader("Content-Length"), "3")
        self.assertEqual(response.read(), b"")
        conn.close()

    def test_not_found_and_methods(self):
        self.assertEqual(self.curl("/").status, 404)
        self.assertEqual(self.curl("/wp-login.php").status, 404)
        self.assertEqual(self.curl("/.well-known/acme-challenge/unknownToken_123").status, 404)
        r = self.curl("/healthz", "--request", "DELETE")
        self.assertEqual(r.status, 405)
        self.assertEqual(r.header("allow"), "GET, HEAD")
        reply = self.raw(b"BREW /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
        self.assertEqual(self.status_of(reply), 501)

    def test_one_request_per_connection(self):
        # A pipelined second request is never answered: every request goes
        # through the limits on a connection of its own.
        reply = self.raw(b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n"
                         b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
        self.assertEqual(reply.count(b"HTTP/1.1 200"), 1, reply)
        self.assertIn(b"\r\nConnection: close\r\n", reply)

    def test_oversized_header_is_431(self):
        r = self.curl("/healthz", "--header", "X-Big: " + "a" * 10000)
        self.assertEqual(r.status, 431)
        args = []
        for i in range(60):
            args += ["--header", "X-Field-%d: v" % i]
        self.assertEqual(self.curl("/healthz", *args).status, 431)
        reply = self.raw(b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\nHost: a\r\n\r\n")
        self.assertEqual(self.status_of(reply), 414)

    def test_oversized_body_is_413(self):
        r = self.curl("/autodiscover/autodiscover.xml", "--header", "Expect:",
                      data=b"x" * (100 * 1024))
        self.assertEqual(r.status, 413)
        # With Expect: 100-continue the refusal comes before the body.
        r = self.curl("/autodiscover/autodiscover.xml", "--header", "Expect: 100-continue",
                      data=b"x" * (100 * 1024))
        self.assertEqual(r.status, 413)

    def test_body_needs_content_length(self):
        reply = self.raw(b"POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: a\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        self.assertEqual(self.status_of(reply), 411)
        reply = self.raw(b"POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: a\r\n"
                         b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nhello")
        self.assertEqual(self.status_of(reply), 400)

    def test_expect_continue_with_small_body(self):
        r = self.curl("/autodiscover/autodiscover.xml", "--header", "Expect: 100-continue",
                      data=pox_request("alice@example.test"))
        self.assertEqual(r.status, 200, r.body)

    def test_slow_client_is_cut_off(self):
        with socket.create_connection(("127.0.0.1", self.http_port), timeout=30) as s:
            started = time.monotonic()
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\n")
            received = b""
            # A slowloris trickle does not extend the deadline.
            while True:
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    break
                s.settimeout(0.3)
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    continue
                if not chunk:
                    break
                received += chunk
                if time.monotonic() - started > 20:
                    break
            elapsed = time.monotonic() - started
        self.assertEqual(self.status_of(received), 408)
        self.assertGreaterEqual(elapsed, REQUEST_TIMEOUT - 0.5)
        self.assertLess(elapsed, REQUEST_TIMEOUT + 5)

    def test_silent_tls_client_is_cut_off(self):
        with socket.create_connection(("127.0.0.1", self.https_port), timeout=30) as s:
            started = time.monotonic()
            self.assertEqual(s.recv(1024), b"")
            self.assertLess(time.monotonic() - started, REQUEST_TIMEOUT + 5)

    def test_connections_per_address_are_limited(self):
        # max_connections_per_ip = 4 for http: a fifth is closed at once,
        # while https (its own service limit) still answers.
        held = [socket.create_connection(("127.0.0.1", self.http_port), timeout=10)
                for _ in range(4)]
        try:
            time.sleep(0.3)
            with socket.create_connection(("127.0.0.1", self.http_port), timeout=10) as s:
                started = time.monotonic()
                try:
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
                    data = s.recv(1024)
                except ConnectionResetError:
                    data = b""
                self.assertEqual(data, b"")
                self.assertLess(time.monotonic() - started, REQUEST_TIMEOUT)
            self.assertEqual(self.curl("/healthz", https=True).status, 200)
        finally:
            for s in held:
                s.close()
        deadline = time.monotonic() + 10
        while self.curl("/healthz").status != 200 and time.monotonic() < deadline:
            time.sleep(0.1)


class HttpsCertificateTests(HttpTestCase):
    def test_certificate_is_the_daemons(self):
        openssl = tool("openssl")
        r = self.curl("/healthz", https=True)
        self.assertEqual((r.status, r.body), (200, b"ok\n"))
        out = subprocess.run([openssl, "s_client", "-connect", "127.0.0.1:%d" % self.https_port,
                              "-servername", HOSTNAME, "-showcerts"],
                             input=b"", capture_output=True, timeout=30)
        pem = re.search(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----",
                        out.stdout, re.S)
        self.assertIsNotNone(pem, out.stdout + out.stderr)
        with open(os.path.join(self.daemon.tmp, "data", "tls", "fullchain.pem"), "rb") as f:
            stored = re.search(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----",
                               f.read(), re.S)
        self.assertEqual(ssl.PEM_cert_to_DER_cert(pem.group(0).decode()),
                         ssl.PEM_cert_to_DER_cert(stored.group(0).decode()))
        self.assertIn(b"TLSv1.3", out.stdout)

    def test_plaintext_on_the_tls_port_gets_nothing(self):
        with socket.create_connection(("127.0.0.1", self.https_port), timeout=30) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
            try:
                data = s.recv(4096)
            except ConnectionResetError:
                data = b""
            self.assertNotIn(b"HTTP/1.1 200", data)


if __name__ == "__main__":
    unittest.main()
