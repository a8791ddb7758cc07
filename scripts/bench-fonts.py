#!/usr/bin/env python3
"""scripts/bench-fonts.py -- bytes over the wire of one storefront per corpus
slogan (issue 21 item 11; docs/BENCHMARKS.md). scripts/bench-fonts builds
popshop and runs this over every look.

For every slogan in the corpus (TSV: language<TAB>slogan<TAB>why; lines
starting with '#' are comments) this launches a drop through popshop's real
create form, then loads its storefront /d/{slug} in headless Chromium with an
empty cache and sums what came over the wire: the document plus every
resource (PerformanceResourceTiming.transferSize, i.e. headers + encoded
body; for fonts also encodedBodySize), after `load` and `document.fonts.ready`
and a short settle. Prints one line per slogan, then the max and the slogans
over the target.

Needs only python3's standard library plus Debian's `chromium` and
`chromium-driver` (scripts/ensure-chromium); WebDriver is spoken over plain
HTTP, the cache is emptied with chromedriver's CDP bridge
(Network.clearBrowserCache).

  measure.py --base http://127.0.0.1:8080            # a running popshop
  measure.py --start target/release/popshop          # starts one itself
  options: --corpus PATH (default ../shared/corpus/slogans.tsv beside the repository)
           --themes auto|all|poster,retro,...  (default auto: the form's default)
           --target BYTES (default 300000)  --json OUT  --verbose

A server you start yourself should allow the launches: POPSHOP_LAUNCH_RATE=0
(default 30 an hour per client) and POPSHOP_SIGNUP_RATE=0.
Exit status: 0 when every storefront is under the target, 1 otherwise.
"""

import argparse
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
THEMES = ["poster", "retro", "zine", "typewriter", "geometric", "serif", "brush", "neon", "pastel", "sketch"]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_for(url, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    return False


# --- popshop: launching drops through the create form ----------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Shop:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self.opener = urllib.request.build_opener(cookies)
        self.no_redirect = urllib.request.build_opener(cookies, NoRedirect)
        self.email = f"fontbench-{os.getpid()}-{int(time.time())}@example.com"

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as res:
            return res.read().decode("utf-8", "replace")

    def launch(self, slogan, language, theme):
        page = self.get("/")
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        fields = [
            ("csrf", csrf), ("slogan", slogan), ("artist_name", "The Losers"), ("price", "25.00"),
            ("currency", "usd"), ("theme", theme), ("language", language), ("sizes", "S"), ("sizes", "M"),
            ("sizes", "L"), ("colours", "black"), ("colours", "white"), ("action", "launch"),
            ("email", self.email), ("password", "correct horse battery"),
        ]
        data = urllib.parse.urlencode(fields).encode()
        try:
            res = self.no_redirect.open(self.base + "/", data=data, timeout=60)
            status, location, body = res.status, res.headers.get("location", ""), res.read()
        except urllib.error.HTTPError as e:
            status, location, body = e.code, e.headers.get("location", ""), e.read()
        if status != 303 or "/dashboard/drops/" not in location:
            text = re.sub(r"<[^>]+>", " ", body.decode("utf-8", "replace"))
            errors = re.findall(r'class="error[^"]*"[^>]*>([^<]+)', body.decode("utf-8", "replace"))
            raise RuntimeError(f"launch of {slogan!r} failed: HTTP {status} {location} {errors or text[:300]}")
        dashboard = self.get(location)
        slug = re.search(r'/d/([a-z0-9-]+)/events', dashboard) or re.search(r'href="[^"]*/d/([a-z0-9-]+)"', dashboard)
        return slug.group(1)


# --- Chromium over WebDriver (plain HTTP) -----------------------------------------


class Browser:
    def __init__(self):
        self.port = free_port()
        self.profile = tempfile.TemporaryDirectory(prefix="font-bench-")
        self.driver = subprocess.Popen(
            [CHROMEDRIVER, f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.url = f"http://127.0.0.1:{self.port}"
        if not wait_for(self.url + "/status"):
            raise RuntimeError("chromedriver did not start")
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": CHROMIUM,
                        "args": [
                            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--no-first-run", "--hide-scrollbars", "--window-size=1280,900", "--lang=en-US",
                            f"--user-data-dir={self.profile.name}",
                        ],
                    },
                }
            }
        }
        self.session = self.call("POST", "/session", caps)["sessionId"]
        self.call("POST", f"/session/{self.session}/timeouts", {"script": 30000, "pageLoad": 60000})

    def call(self, method, path, body=None):
        data = json.dumps(body if body is not None else {}).encode() if method == "POST" else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as res:
                reply = json.load(res)
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"webdriver {path}: {e.read().decode()[:500]}") from None
        return reply.get("value", reply) if "sessionId" not in reply else reply

    def cdp(self, cmd, params=None):
        return self.call("POST", f"/session/{self.session}/goog/cdp/execute", {"cmd": cmd, "params": params or {}})

    def goto(self, url):
        self.call("POST", f"/session/{self.session}/url", {"url": url})

    def run_async(self, script):
        return self.call("POST", f"/session/{self.session}/execute/async", {"script": script, "args": []})

    def close(self):
        try:
            self.call("DELETE", f"/session/{self.session}")
        except Exception:
            pass
        self.driver.terminate()
        self.driver.wait()
        self.profile.cleanup()


# After load: wait for the fonts the page uses, then a moment for late
# requests (lazy images scrolled into view, a second font round), then read
# every entry. transferSize is headers + encoded body (0 from the cache).
MEASURE = r"""
const done = arguments[arguments.length - 1];
const settle = () => new Promise((r) => setTimeout(r, 700));
const loaded = document.readyState === 'complete' ? Promise.resolve()
  : new Promise((r) => addEventListener('load', r, { once: true }));
loaded.then(() => document.fonts.ready).then(settle).then(() => document.fonts.ready).then(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  const entries = [nav, ...res].map((e) => ({
    path: new URL(e.name).pathname, type: e.initiatorType,
    transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize,
  }));
  const faces = [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
  done({ entries, faces });
});
"""

FONT_RE = re.compile(r"\.(woff2?|otf|ttf)$|/fonts\.css$")


def measure(browser, url):
    browser.cdp("Network.enable")
    browser.cdp("Network.clearBrowserCache")
    browser.goto("about:blank")
    browser.goto(url)
    got = browser.run_async(MEASURE)
    entries = got["entries"]
    total = sum(e["transfer"] or e["encoded"] for e in entries)
    fonts = [e for e in entries if FONT_RE.search(e["path"])]
    font_bytes = sum(e["transfer"] or e["encoded"] for e in fonts)
    return {"total": total, "fonts": font_bytes, "entries": entries, "faces": got["faces"],
            "font_files": [(e["path"], e["transfer"] or e["encoded"]) for e in fonts if not e["path"].endswith(".css")]}


def read_corpus(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            rows.append((cols[0], cols[1], cols[2] if len(cols) > 2 else ""))
    return rows


def short(path):
    name = path.rsplit("/", 1)[-1]
    return re.sub(r"-(Bold|Regular|BoldItalic)(-subset)?\.woff2$", "", name)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", help="a running popshop, e.g. http://127.0.0.1:8080")
    ap.add_argument("--start", metavar="BINARY", help="start this popshop binary on a free port and a temp database")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "slogans.tsv"))
    ap.add_argument("--themes", default="auto", help="auto, all, or a comma list of looks")
    ap.add_argument("--target", type=int, default=300_000)
    ap.add_argument("--json", help="write every measurement here")
    ap.add_argument("--verbose", action="store_true", help="list every font file per storefront")
    args = ap.parse_args()
    if bool(args.base) == bool(args.start):
        ap.error("give exactly one of --base and --start")

    server, tmp = None, None
    if args.start:
        tmp = tempfile.TemporaryDirectory(prefix="font-bench-db-")
        port = free_port()
        args.base = f"http://127.0.0.1:{port}"
        env = dict(os.environ, RUST_LOG="warn", POPSHOP_ADDR=f"127.0.0.1:{port}",
                   POPSHOP_SQLITE_PATH=f"{tmp.name}/bench.db", POPSHOP_MAIL_DIR=f"{tmp.name}/mail",
                   POPSHOP_LAUNCH_RATE="0", POPSHOP_SIGNUP_RATE="0", POPSHOP_PREVIEW_RATE="0")
        env.pop("DATABASE_URL", None)
        server = subprocess.Popen([args.start], env=env, stdout=open(f"{tmp.name}/server.log", "w"),
                                  stderr=subprocess.STDOUT)
        if not wait_for(args.base + "/healthz"):
            sys.exit("popshop did not start: " + open(f"{tmp.name}/server.log").read()[-2000:])

    themes = ["auto"] if args.themes == "auto" else THEMES if args.themes == "all" else args.themes.split(",")
    corpus = read_corpus(args.corpus)
    shop = Shop(args.base)
    browser = Browser()
    results = []
    try:
        print(f"{'lang':5} {'look':10} {'total':>9} {'fonts':>9} {'req':>4}  slogan  [font files]")
        for theme in themes:
            for lang, slogan, why in corpus:
                slug = shop.launch(slogan, "de" if lang == "de" else "en", theme)
                shop.get(f"/d/{slug}")  # rendered once, as after a launch
                m = measure(browser, f"{args.base}/d/{slug}")
                m.update(lang=lang, slogan=slogan, why=why, theme=theme, slug=slug)
                results.append(m)
                files = ", ".join(f"{short(p)} {b // 1000}K" for p, b in m["font_files"])
                flag = " OVER" if m["total"] >= args.target else ""
                print(f"{lang:5} {theme:10} {m['total']:9,d} {m['fonts']:9,d} {len(m['entries']):4d}  "
                      f"{slogan[:40]}  [{files}]{flag}", flush=True)
                if args.verbose:
                    for e in m["entries"]:
                        print(f"        {e['transfer']:9,d} {e['encoded']:9,d}  {e['type']:10} {e['path']}")
    finally:
        browser.close()
        if server:
            server.terminate()
            server.wait()
        if tmp:
            tmp.cleanup()

    worst = max(results, key=lambda r: r["total"])
    over = [r for r in results if r["total"] >= args.target]
    print(f"\nmax: {worst['total']:,d} bytes ({worst['fonts']:,d} of them fonts): "
          f"{worst['lang']} {worst['theme']} {worst['slogan']!r}")
    print(f"target {args.target:,d}: {len(results) - len(over)}/{len(results)} storefronts under it")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=1)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
