"""docs/ipc.md and the daemon agree: every method the daemon offers is
documented, and every documented method exists."""

import os
import re
import unittest

from mailstead_harness import SOURCE_DIR, DaemonTestCase


class ReferenceTests(DaemonTestCase):
    def test_methods_and_events_match_the_reference(self):
        with open(os.path.join(SOURCE_DIR, "docs", "ipc.md"), encoding="utf-8") as f:
            doc = f.read()
        documented = set(re.findall(r"^### ([a-z]+\.[a-z_]+)$", doc, re.M))
        documented_events = set(re.findall(r"^\| `(event\.[a-z.]+)` \|", doc, re.M))
        hello = self.daemon.rpc("system.hello")
        self.assertEqual(set(hello["methods"]), documented)
        self.assertEqual(set(hello["events"]), documented_events)
        self.assertEqual(hello["server"], "mailsteadd")
        self.assertIsInstance(hello["api_version"], int)


if __name__ == "__main__":
    unittest.main()
