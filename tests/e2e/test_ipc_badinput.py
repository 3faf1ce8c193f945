"""Bad input on the admin socket: each gets a JSON-RPC error with a stable
code, the daemon keeps serving, and nothing is half-written."""

import json
import socket
import unittest

from mailstead_harness import DaemonTestCase, IpcConnection, RpcError

MAX_LINE = 16 * 1024 * 1024


class BadInputTests(DaemonTestCase):
    def setUp(self):
        super().setUp()
        self.conn = self.daemon.connect()
        self.addCleanup(self.conn.close)
        self.conn.call("domain.add", {"name": "example.test"})

    def assertError(self, reply, code, field=None):
        self.assertIsNotNone(reply, "connection closed")
        self.assertIn("error", reply, reply)
        self.assertEqual(reply["error"]["code"], code, reply)
        self.assertTrue(reply["error"]["message"], reply)
        if field is not None:
            self.assertEqual(reply["error"].get("data", {}).get("field"), field, reply)
        return reply["error"]

    def raw(self, text):
        self.conn.send_raw(text if isinstance(text, bytes) else text.encode())
        return self.conn.read_message()

    def test_malformed_json_keeps_the_connection(self):
        for line in ['{"jsonrpc": "2.0", "id": 1, "method": ', "not json at all", "\x00\xff",
                     '{"jsonrpc":"2.0","id":1,"method":"system.hello"']:
            self.assertError(self.raw(line.encode("utf-8", "surrogateescape") + b"\n"), -32700)
        self.assertEqual(self.conn.call("system.hello")["server"], "mailsteadd")

    def test_invalid_requests(self):
        cases = [
            '[{"jsonrpc":"2.0","id":1,"method":"system.hello"}]',  # batch
            '{"id":1,"method":"system.hello"}',                      # no jsonrpc
            '{"jsonrpc":"1.0","id":1,"method":"system.hello"}',
            '{"jsonrpc":"2.0","id":1,"method":42}',
            '{"jsonrpc":"2.0","id":{},"method":"system.hello"}',
            '{"jsonrpc":"2.0","id":1,"method":"system.hello","params":[1,2]}',
            '"just a string"',
        ]
        for line in cases:
            self.assertError(self.raw(line + "\n"), -32600)
        self.assertEqual(self.conn.call("system.hello")["server"], "mailsteadd")

    def test_id_is_echoed(self):
        reply = self.raw('{"jsonrpc":"2.0","id":"abc-1","method":"nope.nothing"}\n')
        self.assertEqual(reply["id"], "abc-1")
        self.assertError(reply, -32601)

    def test_notifications_get_no_reply(self):
        self.conn.send_raw(b'{"jsonrpc":"2.0","method":"domain.add","params":{"name":"n.test"}}\n')
        # The next reply on this connection answers the next request.
        result = self.conn.call("system.hello")
        self.assertEqual(result["server"], "mailsteadd")

    def test_wrong_types_and_missing_params(self):
        c = self.conn
        cases = [
            ("domain.add", {}, "name"),
            ("domain.add", {"name": 42}, "name"),
            ("domain.add", {"name": "x.test", "quota": "10G"}, "quota"),
            ("domain.add", {"name": "x.test", "quota": -1}, "quota"),
            ("domain.add", {"name": "x.test", "quota": 1.5}, "quota"),
            ("domain.add", {"name": "x.test", "active": "yes"}, "active"),
            ("domain.add", {"name": "x.test", "colour": "blue"}, None),
            ("mailbox.add", {"address": "a@example.test"}, None),
            ("mailbox.add", {"address": "a@example.test", "password": "long enough", "password_hash": "$y$x"}, None),
            ("alias.add", {"source": "s@example.test", "targets": "a@example.test"}, "targets"),
            ("alias.add", {"source": "s@example.test", "targets": [1]}, "targets"),
            ("mailbox.list", {"domain": ["example.test"]}, "domain"),
        ]
        for method, params, field in cases:
            reply = c.request(method, params)
            self.assertError(reply, -32602, field)
        self.assertEqual([d["name"] for d in c.call("domain.list")["domains"]], ["example.test"])

    def test_invalid_values(self):
        c = self.conn
        for method, params, field in [
            ("domain.add", {"name": "bad..name"}, "name"),
            ("mailbox.add", {"address": "a..b@example.test", "password": "long enough"}, "address"),
            ("mailbox.add", {"address": "a@example.test", "password": "short"}, "password"),
            ("mailbox.add", {"address": "a@example.test", "password_hash": "plaintext"}, "password_hash"),
            ("alias.add", {"source": "s@example.test", "targets": ["not an address"]}, "targets"),
        ]:
            self.assertError(c.request(method, params), 1003, field)
        self.assertError(c.request("domain.get", {"name": "missing.test"}), 1001, "name")
        self.assertError(c.request("domain.add", {"name": "example.test"}), 1002, "name")
        self.assertEqual(c.call("mailbox.list")["mailboxes"], [])

    def test_oversize_line_is_refused_and_closed(self):
        big = b'{"jsonrpc":"2.0","id":1,"method":"domain.add","params":{"name":"' + \
              b"a" * MAX_LINE + b'"}}\n'
        try:
            self.conn.send_raw(big)
        except (BrokenPipeError, ConnectionResetError):
            pass
        reply = self.conn.read_message()
        self.assertError(reply, -32001)
        self.assertIsNone(self.conn.read_message())
        # The daemon still serves others.
        with self.daemon.connect() as other:
            self.assertEqual([d["name"] for d in other.call("domain.list")["domains"]],
                             ["example.test"])

    def test_many_errors_do_not_hurt(self):
        for i in range(200):
            self.assertError(self.raw(b"{broken %d\n" % i), -32700)
        self.assertEqual(self.conn.call("system.hello")["server"], "mailsteadd")


class SubscriptionTests(DaemonTestCase):
    def test_config_events_reach_subscribers(self):
        with self.daemon.connect() as watcher:
            self.assertIn("event.config", watcher.call("system.subscribe", {"events": ["event.config"]})["events"])
            self.daemon.rpc("domain.add", {"name": "watched.test"})
            note = watcher.read_message()
            self.assertEqual(note["method"], "event.config")
            self.assertNotIn("id", note)
            self.assertEqual(note["params"]["object"], "domain")
            self.assertEqual(note["params"]["action"], "added")
            self.assertEqual(note["params"]["name"], "watched.test")

    def test_unknown_event_is_refused(self):
        with self.assertRaises(RpcError) as cm:
            self.daemon.rpc("system.subscribe", {"events": ["event.nonsense"]})
        self.assertEqual(cm.exception.code, -32602)


if __name__ == "__main__":
    unittest.main()
