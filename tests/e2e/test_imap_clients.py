"""Real IMAP clients against a real mailsteadd: mbsync (isync), a strict
two-way sync client, and curl's imap:// and imaps://.

mbsync: folders are created on both sides, flags and moves and deletions
travel both ways, and a third run changes nothing on either side (the
state the sync left is exactly what the server reports). It talks
STARTTLS and trusts the daemon's self-signed certificate through
CertificateFile, as a user of such a server would set it up.
curl: LIST of the account, FETCH of a message by UID, over imaps with
--insecure and over imap with STARTTLS (--ssl-reqd).
"""

import imaplib
import os
import re
import subprocess
import unittest

from imap_support import ALICE, ImapTestCase, deliver, imap_port, ok
from mailstead_harness import tool
from smtp_support import PASSWORD, data_dir, make_message

RUN_TIMEOUT = 120


def maildir_files(root):
    """{folder path relative to root: sorted file base names with flags}."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if os.path.basename(dirpath) in ("cur", "new"):
            folder = os.path.relpath(os.path.dirname(dirpath), root)
            found.setdefault(folder, []).extend(filenames)
    return {k: sorted(v) for k, v in found.items()}


class MbsyncTest(ImapTestCase):

    def setUp(self):
        super().setUp()
        self.mbsync = tool("mbsync")
        self.local = os.path.join(self.daemon.tmp, "local")
        os.makedirs(self.local)
        self.config = os.path.join(self.daemon.tmp, "mbsyncrc")
        with open(self.config, "w") as f:
            f.write(
                "IMAPAccount mailstead\n"
                "Host 127.0.0.1\n"
                "Port %d\n"
                "User %s\n"
                "Pass \"%s\"\n"
                "SSLType STARTTLS\n"
                "CertificateFile %s\n"
                "\n"
                "IMAPStore remote\n"
                "Account mailstead\n"
                "\n"
                "MaildirStore local\n"
                "Path %s/\n"
                "Inbox %s/INBOX\n"
                "SubFolders Verbatim\n"
                "\n"
                "Channel sync\n"
                "Far :remote:\n"
                "Near :local:\n"
                "Patterns *\n"
                "Create Both\n"
                "Remove Both\n"
                "Expunge Both\n"
                "SyncState *\n"
                % (imap_port(self.daemon), ALICE, PASSWORD,
                   os.path.join(data_dir(self.daemon), "tls", "fullchain.pem"),
                   self.local, self.local))

    def sync(self):
        r = subprocess.run([self.mbsync, "-c", self.config, "-a"], capture_output=True,
                           text=True, timeout=RUN_TIMEOUT)
        self.assertEqual(r.returncode, 0, "mbsync failed:\n%s%s\n%s"
                         % (r.stdout, r.stderr, self.daemon.stderr()[-3000:]))
        return r.stdout + r.stderr

    def remote_state(self):
        """{folder: [(uid, flags)]} as the server reports it."""
        client = self.client()
        state = {}
        for line in ok(client.list('""', "*")):
            name = re.search(rb'"/" (.*)$', line).group(1).decode().strip('"')
            if b"\\Noselect" in line or b"\\NonExistent" in line:
                continue
            ok(client.select('"%s"' % name, readonly=True))
            typ, data = client.uid("FETCH", "1:*", "(FLAGS)")
            entries = []
            for item in data or []:
                if not item:
                    continue
                text = item if isinstance(item, bytes) else item[0]
                m = re.search(rb"UID (\d+)", text)
                f = re.search(rb"FLAGS \(([^)]*)\)", text)
                if m:
                    flags = f.group(1).decode().split() if f else []
                    entries.append((int(m.group(1)), sorted(flags)))
            state[name] = sorted(entries)
            ok(client.close())
        client.logout()
        return state

    def test_two_way_sync(self):
        for n in range(3):
            deliver(self.daemon, ALICE, "inbox %d" % n)
        client = self.client()
        ok(client.create("Projects"))
        ok(client.append("Projects", None, None, make_message("project", "plan")))
        client.logout()

        self.sync()
        local = maildir_files(self.local)
        self.assertEqual(len(local["INBOX"]), 3, local)
        self.assertEqual(len(local["Projects"]), 1, local)

        # Near side: a new folder with a message, a flag, a deletion, a move.
        notes = os.path.join(self.local, "Notes")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(notes, sub))
        with open(os.path.join(notes, "new", "1700000000.local.host"), "wb") as f:
            f.write(make_message("note", "written offline"))
        inbox_cur = os.path.join(self.local, "INBOX", "cur")
        inbox_new = os.path.join(self.local, "INBOX", "new")
        names = sorted(os.listdir(inbox_cur)) + sorted(os.listdir(inbox_new))
        def path_of(name):
            return os.path.join(inbox_cur if name in os.listdir(inbox_cur) else inbox_new, name)
        flagged, trashed, moved = names[0], names[1], names[2]
        base = flagged.split(":2,")[0]
        os.rename(path_of(flagged), os.path.join(inbox_cur, base + ":2,F"))
        base = trashed.split(":2,")[0]
        os.rename(path_of(trashed), os.path.join(inbox_cur, base + ":2,T"))
        moved_base = moved.split(",U=")[0]
        os.rename(path_of(moved),
                  os.path.join(self.local, "Projects", "cur", moved_base + ":2,S"))

        # Far side: a flag set over IMAP.
        client = self.client()
        ok(client.select("Projects"))
        ok(client.store("1", "+FLAGS", r"(\Answered)"))
        client.logout()

        self.sync()
        remote = self.remote_state()
        self.assertIn("Notes", remote)
        self.assertEqual(len(remote["Notes"]), 1)
        self.assertEqual(len(remote["INBOX"]), 1, remote["INBOX"])
        self.assertEqual(remote["INBOX"][0][1], ["\\Flagged"])
        self.assertEqual(len(remote["Projects"]), 2, remote["Projects"])
        self.assertTrue(any("\\Answered" in flags for _, flags in remote["Projects"]))
        self.assertTrue(any(flags == ["\\Seen"] for _, flags in remote["Projects"]))
        local = maildir_files(self.local)
        self.assertTrue(any(name.endswith(":2,R") or ":2,R" in name
                            for name in local["Projects"]), local["Projects"])

        # A third run is a no-op on both sides.
        before_remote = remote
        before_local = maildir_files(self.local)
        appended = self.status_counters()["messages_appended"]
        self.sync()
        self.assertEqual(self.remote_state(), before_remote)
        self.assertEqual(maildir_files(self.local), before_local)
        self.assertEqual(self.status_counters()["messages_appended"], appended)


class CurlTest(ImapTestCase):

    def setUp(self):
        super().setUp()
        self.curl = tool("curl")
        deliver(self.daemon, ALICE, "for curl", "fetched by curl\r\n")

    def curl_run(self, *args):
        r = subprocess.run([self.curl, "--silent", "--show-error", "--max-time", "30",
                            "--user", "%s:%s" % (ALICE, PASSWORD)] + list(args),
                           capture_output=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr.decode(errors="replace"))
        return r.stdout

    def test_imaps_list_and_fetch(self):
        base = "imaps://127.0.0.1:%d/" % imap_port(self.daemon, "imaps")
        listing = self.curl_run("--insecure", base)
        self.assertIn(b'"/" INBOX', listing)
        self.assertIn(b"\\Sent", listing)
        message = self.curl_run("--insecure", base + "INBOX;UID=1")
        self.assertIn(b"Subject: for curl", message)
        self.assertIn(b"fetched by curl", message)

    def test_imap_with_starttls(self):
        base = "imap://127.0.0.1:%d/" % imap_port(self.daemon)
        message = self.curl_run("--insecure", "--ssl-reqd", base + "INBOX;UID=1")
        self.assertIn(b"Subject: for curl", message)
        # Without TLS the server does not take the password.
        r = subprocess.run([self.curl, "--silent", "--max-time", "30", "--user",
                            "%s:%s" % (ALICE, PASSWORD), base + "INBOX;UID=1"],
                           capture_output=True, timeout=60)
        self.assertNotEqual(r.returncode, 0)


if __name__ == "__main__":
    unittest.main()
