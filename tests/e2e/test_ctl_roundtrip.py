"""mailsteadctl against a real mailsteadd: domains, mailboxes, aliases.

Each command goes through the real admin socket; results are read back both
as human tables and as --json.
"""

import json
import subprocess
import unittest

from mailstead_harness import DaemonTestCase, tool

PASSWORD = "correct horse battery"


class DomainTests(DaemonTestCase):
    def test_add_list_show_set_remove(self):
        out = self.assertCtlOk("domain", "add", "example.test", "--quota", "10G",
                               "--max-mailboxes", "5", "--description", "Main")
        self.assertIn("example.test", out)
        domains = self.daemon.ctl_json("domain", "list")["domains"]
        self.assertEqual([d["name"] for d in domains], ["example.test"])
        self.assertEqual(domains[0]["quota"], 10 * 1024 ** 3)
        self.assertEqual(domains[0]["max_mailboxes"], 5)
        table = self.assertCtlOk("domain", "list")
        self.assertIn("example.test", table)
        self.assertIn("10 GiB", table)

        self.assertCtlOk("domain", "set", "example.test", "--quota", "1G", "--active", "no")
        d = self.daemon.ctl_json("domain", "show", "example.test")
        self.assertEqual(d["quota"], 1024 ** 3)
        self.assertFalse(d["active"])

        self.assertCtlOk("domain", "remove", "example.test")
        self.assertEqual(self.daemon.ctl_json("domain", "list")["domains"], [])

    def test_idn_stored_as_a_label_shown_as_u_label(self):
        self.assertCtlOk("domain", "add", "bücher.example")
        d = self.daemon.ctl_json("domain", "show", "xn--bcher-kva.example")
        self.assertEqual(d["name"], "xn--bcher-kva.example")
        self.assertEqual(d["name_unicode"], "bücher.example")
        self.assertIn("bücher.example", self.assertCtlOk("domain", "list"))
        self.assertCtlFails(1, "domain", "add", "BÜCHER.example.", message="exists")

    def test_alias_domain(self):
        self.assertCtlOk("domain", "add", "example.com")
        self.assertCtlOk("domain", "add", "example.org", "--alias-for", "example.com")
        listing = self.daemon.ctl_json("domain", "list")
        self.assertEqual([a["name"] for a in listing["alias_domains"]], ["example.org"])
        self.assertEqual(listing["alias_domains"][0]["alias_for"], "example.com")
        self.assertEqual(listing["domains"][0]["alias_domains"], ["example.org"])
        # An alias domain holds no mailboxes of its own.
        self.assertCtlFails(1, "mailbox", "add", "bob@example.org", "--password-stdin",
                            stdin=PASSWORD + "\n")
        self.assertCtlFails(1, "domain", "add", "example.com", "--alias-for", "example.org")
        self.assertCtlFails(1, "domain", "add", "example.net", "--alias-for", "missing.test")

    def test_invalid_names_are_refused_with_the_reason(self):
        for bad in ["-bad.test", "a..b.test", "x" * 64 + ".test", "[127.0.0.1]", "exa mple.test"]:
            err = self.assertCtlFails(1, "domain", "add", bad)
            self.assertIn("name", err)
        self.assertEqual(self.daemon.ctl_json("domain", "list")["domains"], [])

    def test_remove_with_mailboxes_needs_force(self):
        self.assertCtlOk("domain", "add", "example.test")
        self.assertCtlOk("mailbox", "add", "alice@example.test", "--password-stdin", stdin=PASSWORD + "\n")
        self.assertCtlOk("alias", "add", "sales@example.test", "alice@example.test")
        self.assertCtlFails(1, "domain", "remove", "example.test", message="force")
        self.assertEqual(len(self.daemon.ctl_json("mailbox", "list")["mailboxes"]), 1)
        self.assertCtlOk("domain", "remove", "example.test", "--force")
        self.assertEqual(self.daemon.ctl_json("mailbox", "list")["mailboxes"], [])
        self.assertEqual(self.daemon.ctl_json("alias", "list")["aliases"], [])


class MailboxTests(DaemonTestCase):
    def setUp(self):
        super().setUp()
        self.assertCtlOk("domain", "add", "example.test", "--quota", "10G", "--max-mailboxes", "3")

    def test_add_list_show_set_remove(self):
        self.assertCtlOk("mailbox", "add", "alice@example.test", "--password-stdin",
                         "--quota", "2G", "--name", "Alice Liddell", stdin=PASSWORD + "\n")
        boxes = self.daemon.ctl_json("mailbox", "list", "example.test")["mailboxes"]
        self.assertEqual(len(boxes), 1)
        self.assertEqual(boxes[0]["address"], "alice@example.test")
        self.assertEqual(boxes[0]["name"], "Alice Liddell")
        self.assertEqual(boxes[0]["quota"], 2 * 1024 ** 3)
        self.assertNotIn("password_hash", json.dumps(boxes))
        self.assertIn("Alice Liddell", self.assertCtlOk("mailbox", "list"))

        self.assertCtlOk("mailbox", "set", "alice@example.test", "--quota", "1G", "--active", "no")
        m = self.daemon.ctl_json("mailbox", "show", "alice@example.test")
        self.assertEqual(m["quota"], 1024 ** 3)
        self.assertFalse(m["active"])

        self.assertCtlOk("mailbox", "remove", "alice@example.test")
        self.assertCtlFails(1, "mailbox", "show", "alice@example.test")

    def test_password_checks(self):
        self.assertCtlOk("mailbox", "add", "alice@example.test", "--password-stdin", stdin=PASSWORD + "\n")
        r = self.daemon.ctl("mailbox", "auth-test", "alice@example.test", "--password-stdin",
                            stdin=PASSWORD + "\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("yescrypt", r.stdout)
        r = self.daemon.ctl("mailbox", "auth-test", "alice@example.test", "--password-stdin",
                            stdin="wrong password\n")
        self.assertEqual(r.returncode, 1)
        # A new password replaces the old one.
        self.assertCtlOk("mailbox", "set", "alice@example.test", "--password-stdin", stdin="another secret\n")
        r = self.daemon.ctl("mailbox", "auth-test", "alice@example.test", "--password-stdin",
                            stdin=PASSWORD + "\n")
        self.assertEqual(r.returncode, 1)
        # Too short passwords are refused with the reason.
        self.assertCtlFails(1, "mailbox", "add", "bob@example.test", "--password-stdin",
                            stdin="short\n", message="password")

    def test_case_insensitive_and_unicode_local_parts(self):
        self.assertCtlOk("mailbox", "add", "Alice@EXAMPLE.test", "--password-stdin", stdin=PASSWORD + "\n")
        self.assertCtlFails(1, "mailbox", "add", "alice@example.test", "--password-stdin",
                            stdin=PASSWORD + "\n", message="exists")
        self.assertCtlOk("mailbox", "add", "δοκιμή@example.test", "--password-stdin", stdin=PASSWORD + "\n")
        self.assertCtlOk("mailbox", "add", '"john smith"@example.test', "--password-stdin",
                         stdin=PASSWORD + "\n")
        addresses = sorted(m["address"] for m in self.daemon.ctl_json("mailbox", "list")["mailboxes"])
        self.assertIn('"john smith"@example.test', addresses)
        self.assertIn("δοκιμή@example.test", addresses)

    def test_limits(self):
        for name in ["a", "b", "c"]:
            self.assertCtlOk("mailbox", "add", name + "@example.test", "--password-stdin", stdin=PASSWORD + "\n")
        self.assertCtlFails(1, "mailbox", "add", "d@example.test", "--password-stdin",
                            stdin=PASSWORD + "\n", message="3")
        self.assertCtlFails(1, "mailbox", "set", "a@example.test", "--quota", "20G", message="quota")
        self.assertCtlFails(1, "mailbox", "add", "x@unknown.test", "--password-stdin",
                            stdin=PASSWORD + "\n", message="unknown.test")
        for bad in ["a..b@example.test", "nobody", "@example.test", "x" * 65 + "@example.test"]:
            self.assertCtlFails(1, "mailbox", "add", bad, "--password-stdin", stdin=PASSWORD + "\n")


class HashImportTests(DaemonTestCase):
    """Users moving from Dovecot or mailcow keep their passwords."""

    def setUp(self):
        super().setUp()
        self.assertCtlOk("domain", "add", "example.test")

    def check_import(self, name, stored):
        address = name + "@example.test"
        self.assertCtlOk("mailbox", "add", address, "--password-hash-stdin", stdin=stored + "\n")
        ok = self.daemon.ctl("mailbox", "auth-test", address, "--password-stdin", stdin=PASSWORD + "\n")
        self.assertEqual(ok.returncode, 0, "%s: %s %s" % (stored, ok.stdout, ok.stderr))
        bad = self.daemon.ctl("mailbox", "auth-test", address, "--password-stdin", stdin="nope nope\n")
        self.assertEqual(bad.returncode, 1, stored)

    def mkpasswd(self, method):
        return subprocess.run([tool("mkpasswd"), "-m", method, PASSWORD], capture_output=True,
                              text=True, check=True).stdout.strip()

    def test_mkpasswd_hashes(self):
        for i, method in enumerate(["yescrypt", "sha-512", "sha-256", "bcrypt"]):
            self.check_import("mk%d" % i, self.mkpasswd(method))

    def test_openssl_hashes_with_dovecot_prefixes(self):
        openssl = tool("openssl")
        for i, (flag, scheme) in enumerate([("-6", "SHA512-CRYPT"), ("-5", "SHA256-CRYPT")]):
            h = subprocess.run([openssl, "passwd", flag, PASSWORD], capture_output=True,
                               text=True, check=True).stdout.strip()
            self.check_import("os%d" % i, h)
            self.check_import("dv%d" % i, "{%s}%s" % (scheme, h))

    def test_bcrypt_2y_as_mailcow_stores_it(self):
        out = subprocess.run([tool("htpasswd"), "-nbB", "u", PASSWORD], capture_output=True,
                             text=True, check=True).stdout.strip()
        h = out.split(":", 1)[1]
        self.assertTrue(h.startswith("$2y$"))
        self.check_import("blf", "{BLF-CRYPT}" + h)

    def test_garbage_hash_is_refused(self):
        self.assertCtlFails(1, "mailbox", "add", "g@example.test", "--password-hash-stdin",
                            stdin="{PLAIN}secret\n")
        self.assertCtlFails(1, "mailbox", "add", "g@example.test", "--password-hash-stdin",
                            stdin="not a hash\n")


class AliasTests(DaemonTestCase):
    def setUp(self):
        super().setUp()
        self.assertCtlOk("domain", "add", "example.test", "--max-aliases", "4")
        self.assertCtlOk("mailbox", "add", "alice@example.test", "--password-stdin", stdin=PASSWORD + "\n")
        self.assertCtlOk("mailbox", "add", "bob@example.test", "--password-stdin", stdin=PASSWORD + "\n")

    def test_add_list_show_set_remove(self):
        self.assertCtlOk("alias", "add", "sales@example.test", "alice@example.test",
                         "bob@example.test", "partner@elsewhere.example")
        a = self.daemon.ctl_json("alias", "show", "sales@example.test")
        self.assertEqual(a["targets"], ["alice@example.test", "bob@example.test",
                                        "partner@elsewhere.example"])
        self.assertFalse(a["catch_all"])
        self.assertIn("sales@example.test", self.assertCtlOk("alias", "list"))
        self.assertCtlOk("alias", "set", "sales@example.test", "--targets", "bob@example.test")
        self.assertEqual(self.daemon.ctl_json("alias", "show", "sales@example.test")["targets"],
                         ["bob@example.test"])
        self.assertCtlOk("alias", "remove", "sales@example.test")
        self.assertEqual(self.daemon.ctl_json("alias", "list")["aliases"], [])

    def test_catch_all(self):
        self.assertCtlOk("alias", "add", "@example.test", "alice@example.test")
        a = self.daemon.ctl_json("alias", "list", "example.test")["aliases"]
        self.assertEqual(len(a), 1)
        self.assertTrue(a[0]["catch_all"])

    def test_loops_duplicates_and_conflicts(self):
        self.assertCtlOk("alias", "add", "a@example.test", "b@example.test")
        self.assertCtlFails(1, "alias", "add", "b@example.test", "a@example.test", message="loop")
        self.assertCtlOk("alias", "add", "b@example.test", "c@example.test")
        self.assertCtlFails(1, "alias", "add", "c@example.test", "a@example.test", message="loop")
        self.assertCtlFails(1, "alias", "add", "d@example.test", "alice@example.test",
                            "ALICE@example.test")
        self.assertCtlFails(1, "alias", "add", "a@example.test", "bob@example.test", message="exists")
        # An address is a mailbox or an alias, not both.
        self.assertCtlFails(1, "alias", "add", "alice@example.test", "bob@example.test")
        # Alias sources live in local domains.
        self.assertCtlFails(1, "alias", "add", "x@elsewhere.example", "bob@example.test")

    def test_max_aliases(self):
        for i in range(4):
            self.assertCtlOk("alias", "add", "l%d@example.test" % i, "alice@example.test")
        self.assertCtlFails(1, "alias", "add", "l9@example.test", "alice@example.test")


class CliContractTests(DaemonTestCase):
    def test_usage_errors_exit_2(self):
        for args in [[], ["domain"], ["domain", "frobnicate"], ["nonsense", "list"],
                     ["domain", "add"], ["domain", "add", "x.test", "--quota", "ten"],
                     ["mailbox", "add", "a@example.test"]]:
            r = self.daemon.ctl(*args)
            self.assertEqual(r.returncode, 2, "%s: %s" % (args, r.stderr))
            self.assertTrue(r.stderr.strip(), args)

    def test_unreachable_daemon_exits_3(self):
        r = self.daemon.ctl("status", env={})
        self.assertEqual(r.returncode, 0)
        from mailstead_harness import MAILSTEADCTL
        r = subprocess.run([MAILSTEADCTL, "--socket", self.daemon.tmp + "/nothing.sock", "status"],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 3)
        self.assertIn("nothing.sock", r.stderr)

    def test_socket_from_environment(self):
        from mailstead_harness import MAILSTEADCTL
        import os
        env = dict(os.environ, MAILSTEAD_SOCKET=self.daemon.socket)
        r = subprocess.run([MAILSTEADCTL, "status"], capture_output=True, text=True, env=env, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("mail.example.test", r.stdout)

    def test_status_reports_real_ports(self):
        status = self.daemon.ctl_json("status")
        services = {l["service"] for l in status["listeners"]}
        self.assertEqual(services, {"smtp", "submission", "submissions", "imap", "imaps",
                                    "pop3", "pop3s", "http", "https"})
        for listener in status["listeners"]:
            self.assertGreater(listener["port"], 0)
            self.assertEqual(listener["address"], "127.0.0.1")
        self.assertEqual(status["hostname"], "mail.example.test")
        self.assertFalse(status["local_mode"])


if __name__ == "__main__":
    unittest.main()
