#!/usr/bin/env python3
"""Figures for the daemon's foundation: start-up time, idle memory, admin IPC
round trips, durable config writes, mailsteadctl wall time.

Usage: tests/bench/admin_ipc.py [BUILD_DIR]   (a Release build gives real figures)
No peer exists for these; they are the baseline later changes are held to.
"""
import os, sys, time, subprocess, statistics, json, socket, tempfile
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "build"))
os.environ["MAILSTEADD"] = os.path.join(BUILD, "daemon", "mailsteadd")
os.environ["MAILSTEADCTL"] = os.path.join(BUILD, "daemon", "ctl", "mailsteadctl")
import mailstead_harness as h
h.MAILSTEADD = os.environ["MAILSTEADD"]; h.MAILSTEADCTL = os.environ["MAILSTEADCTL"]
starts = []
for i in range(5):
    t = time.monotonic(); d = h.Daemon(log={"level": "info"}).start(); starts.append(time.monotonic() - t)
    if i < 4: d.cleanup()
print("start-to-ready ms median of 5: %.1f" % (statistics.median(starts) * 1000))
rss = [l for l in open("/proc/%d/status" % d.proc.pid) if l.startswith(("VmRSS", "VmHWM"))]
print("idle:", " ".join(x.split()[0] + x.split()[1] for x in rss))
with d.connect() as c:
    t = time.monotonic()
    for i in range(2000): c.call("system.status")
    el = time.monotonic() - t
    print("system.status round trips: %.0f/s (%.3f ms each)" % (2000 / el, el / 2000 * 1000))
    t = time.monotonic()
    for i in range(300): c.call("domain.add", {"name": "d%04d.test" % i})
    el = time.monotonic() - t
    print("domain.add (durable, synchronous=FULL): %.0f/s (%.2f ms each)" % (300 / el, el / 300 * 1000))
    t = time.monotonic()
    for i in range(20): c.call("mailbox.add", {"address": "u%d@d0000.test" % i, "password": "long enough pw"})
    el = time.monotonic() - t
    print("mailbox.add incl. yescrypt hash: %.1f ms each" % (el / 20 * 1000))
ts = []
for i in range(10):
    t = time.monotonic(); r = d.ctl("domain", "list"); ts.append(time.monotonic() - t); assert r.returncode == 0
print("mailsteadctl domain list (300 domains) wall ms median: %.1f" % (statistics.median(ts) * 1000))
rss = [l for l in open("/proc/%d/status" % d.proc.pid) if l.startswith(("VmRSS", "VmHWM"))]
print("after:", " ".join(x.split()[0] + x.split()[1] for x in rss))
d.cleanup()
