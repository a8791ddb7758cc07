#!/usr/bin/env python3
"""End-to-end check of scripts/cluster: popshop instances behind real nginx.

Run as `scripts/cluster python3 scripts/cluster-check.py` (scripts/test does,
with POPSHOP_STREAMS_PER_CLIENT=1). Checks, through nginx only:
  1. nginx serves the storefront from its cache (X-Cache-Status: HIT), with
     no cookie, as popshop's Cache-Control allows;
  2. a fan buys on one instance and a viewer connected to the other instance
     sees the sale within 1 s, while the cached storefront keeps being served;
  3. popshop sees the fans' own addresses (as nginx reports them), not
     nginx's: per-client limits count each fan separately, and a fan cannot
     pretend to be another by sending X-Forwarded-For.
Fans connect from different loopback addresses (127.0.0.2, 127.0.0.3, ...).
Exits non-zero with a message on the first failure.
"""
import http.client
import json
import os
import re
import socket
import sys
import time
import urllib.parse

URL = urllib.parse.urlparse(os.environ["CLUSTER_URL"])
INSTANCES = os.environ["CLUSTER_INSTANCES"].split()


def fail(message):
    print(f"cluster-check: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


class Fan:
    """One browser: its own loopback address and cookies."""

    def __init__(self, address):
        self.address = address
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=10, source_address=(self.address, 0))
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        res = conn.getresponse()
        data = res.read()
        for name, value in res.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";")[0]
        conn.close()
        return res, data.decode("utf-8", "replace")

    def stream(self, path, extra_headers=None):
        """Opens an SSE stream; returns (status, upstream, reader or None)."""
        conn = http.client.HTTPConnection(URL.hostname, URL.port, timeout=10, source_address=(self.address, 0))
        conn.request("GET", path, headers=dict(extra_headers or {}))
        res = conn.getresponse()
        if res.status != 200:
            res.read()
            conn.close()
            return res.status, res.getheader("X-Upstream"), None
        return 200, res.getheader("X-Upstream"), (conn, res)


def csrf_of(html):
    match = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    if not match:
        fail("no CSRF field on a form page")
    return match.group(1)


def next_totals(reader, deadline):
    """The next `totals` event's JSON, or None by `deadline` (time.monotonic)."""
    conn, res = reader
    sock = conn.sock
    frame = []
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            line = res.fp.readline()
        except (socket.timeout, TimeoutError):
            return None
        if not line:
            return None
        line = line.decode().rstrip("\n")
        if line == "":
            data = [l[6:] for l in frame if l.startswith("data: ")]
            frame = []
            if data:
                return json.loads(data[0])
        else:
            frame.append(line)
    return None


artist = Fan("127.0.0.1")
_, form = artist.request("GET", "/")
res, _ = artist.request("POST", "/", {
    "csrf": csrf_of(form), "slogan": "Cluster Friday", "artist_name": "The Losers", "price": "25",
    "currency": "usd", "sizes": ["M"], "colours": ["black"], "stock": "50",
    "email": "cluster@example.com", "password": "correct horse battery", "action": "launch",
})
if res.status != 303:
    fail(f"launch answered {res.status}")
slug = "cluster-friday"
page = f"/d/{slug}"

# 1. The storefront from nginx's cache.
fan = Fan("127.0.0.2")
statuses = []
for _ in range(3):
    res, html = fan.request("GET", page, headers={"Accept-Encoding": "identity"})
    if res.status != 200 or res.getheader("Set-Cookie"):
        fail(f"storefront: {res.status}, Set-Cookie {res.getheader('Set-Cookie')}")
    statuses.append(res.getheader("X-Cache-Status"))
if statuses[-1] != "HIT":
    fail(f"nginx did not cache the storefront: {statuses}")
print(f"storefront through nginx: {statuses} (cached)")

# 2. A viewer on each instance; a sale on one reaches the other within 1 s.
viewers = {}
watcher = Fan("127.0.0.4")
for _ in range(8):
    status, upstream, reader = watcher.stream(f"{page}/events")
    if reader is None:
        continue
    if upstream in viewers:
        reader[0].close()
        continue
    first = next_totals(reader, time.monotonic() + 5)
    if first is None or first["sold"] != 0:
        fail(f"first live totals: {first}")
    viewers[upstream] = reader
    if len(viewers) == len(INSTANCES):
        break
if len(viewers) < 2:
    fail(f"could not reach two instances through nginx: {list(viewers)}")

buyer = Fan("127.0.0.5")
res, _ = buyer.request("POST", f"{page}/checkout", {"size": "M", "colour": "black", "quantity": "1"},
                       headers={"Origin": os.environ["CLUSTER_URL"]})
if res.status != 303:
    fail(f"checkout answered {res.status}")
bought_on = res.getheader("X-Upstream")
demo = urllib.parse.urlparse(res.getheader("Location")).path
_, pay_page = buyer.request("GET", demo)
res, _ = buyer.request("POST", demo, {
    "csrf": csrf_of(pay_page), "action": "pay", "email": "fan@example.com", "name": "Fan Person",
    "line1": "1 Main St", "postal_code": "10115", "city": "Berlin", "country": "DE", "card": "4242 4242 4242 4242",
})
paid_at = time.monotonic()
if res.status != 303:
    fail(f"paying answered {res.status}")
others = [u for u in viewers if u != bought_on] or list(viewers)
for upstream in others:
    reader = viewers[upstream]
    while True:
        totals = next_totals(reader, paid_at + 1.0)
        if totals is None:
            fail(f"the viewer on {upstream} did not see the sale made on {bought_on} within 1 s")
        if totals["sold"] == 1:
            break
print(f"sale checked out on {bought_on}, seen live on {others} within {time.monotonic() - paid_at:.3f} s")
res, _ = fan.request("GET", page, headers={"Accept-Encoding": "identity"})
print(f"storefront meanwhile: {res.getheader('X-Cache-Status')}")
for reader in viewers.values():
    reader[0].close()

# 3. Fans are told apart (POPSHOP_STREAMS_PER_CLIENT=1 per instance).
time.sleep(0.2)
crowd = Fan("127.0.0.6")
held = []
for _ in range(len(INSTANCES) + 1):
    status, upstream, reader = crowd.stream(f"{page}/events")
    if reader:
        held.append(reader)
if len(held) != len(INSTANCES):
    fail(f"127.0.0.6 holds {len(held)} streams; the per-client cap allows one per instance")
newcomer = Fan("127.0.0.7")
status, _, reader = newcomer.stream(f"{page}/events", {"X-Forwarded-For": "127.0.0.6"})
if reader is None:
    fail(f"another fan (127.0.0.7, claiming to be 127.0.0.6) was refused ({status}): popshop saw nginx's address")
reader[0].close()
for reader in held:
    reader[0].close()
print("per-client limits count each fan behind nginx separately")
print("cluster-check: ok")
