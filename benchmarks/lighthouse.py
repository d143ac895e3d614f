"""Lighthouse on the built site, served gzip-compressed like any real host (issue 18).

``python -m benchmarks.lighthouse --site site`` (``make lighthouse`` builds the site first) serves the
built site from 127.0.0.1 with gzip (:class:`GzipHandler`), runs the pinned npm ``lighthouse``
(package.json; ``make node-tools``) in headless Chromium (``CHROME_PATH``, default /usr/bin/chromium)
with Lighthouse's default mobile profile: a Moto G Power-sized screen and simulated slow 4G
(150 ms RTT, 1.6 Mbit/s, 4x CPU slowdown). It audits the front page and deep pages in every language
and prints a table of the four category scores; ``--json FILE`` keeps them, ``--keep DIR`` keeps every
run's full report (long tasks, bootup time, main-thread breakdown: where the blocking time went). Simulated throttling scales
the CPU time it observes, so a busy machine lowers the performance score: ``--runs 3`` keeps the median
of three runs per page, as Lighthouse's own documentation advises. It exits non-zero when a
page misses the goals (performance >= 0.95, accessibility 1.0), so it can guard a release.

Python's ``http.server`` sends files uncompressed; a real host (and the project's ``_headers`` for
static hosts) compresses text, so an uncompressed run would measure a setup nobody reads.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
LANGUAGES = ("en", "fr", "de", "es", "ar", "ru", "zh")
PAGES = {
    "home": "",
    "guideline": "guidelines/good-governance/",
    "good-practice": "good-practices/gp-cn-cross-province-portability/",
    "country": "countries/cn/",
    "compare": "countries/compare/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 0.95, "accessibility": 1.0}
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (as a production host would)."""

    def send_head(self):  # type: ignore[no-untyped-def]
        """Serve text files compressed (level 6, like nginx's usual setting); others as they are."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the parent class redirects to the address with a slash
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Stay quiet: Lighthouse makes hundreds of requests."""


class _Body:
    """A bytes body with the file-like interface ``SimpleHTTPRequestHandler.do_GET`` copies from."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        self.data = b""


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` with gzip on a free local port; returns the server and its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def audit(url: str, out: Path) -> dict[str, float]:
    """Run Lighthouse on ``url``; the four category scores (0-1)."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    subprocess.run(cmd, env=env, check=True, timeout=300, capture_output=True)
    report = json.loads(out.read_text("utf-8"))
    scores = {c: float(report["categories"][c]["score"] or 0) for c in CATEGORIES}
    audits = report["audits"]
    scores["lcp_ms"] = float(audits["largest-contentful-paint"]["numericValue"])
    scores["cls"] = float(audits["cumulative-layout-shift"]["numericValue"])
    scores["bytes"] = float(audits["total-byte-weight"]["numericValue"])
    scores["tbt_ms"] = float(audits["total-blocking-time"]["numericValue"])
    # Lighthouse's own measure of how fast this machine ran at that moment (lower = busier or slower).
    scores["benchmark_index"] = float(report.get("environment", {}).get("benchmarkIndex") or 0)
    failing = [a for a in report["categories"]["accessibility"]["auditRefs"]
               if audits[a["id"]].get("score") == 0 and a.get("weight")]
    scores["a11y_failures"] = ", ".join(a["id"] for a in failing)  # type: ignore[assignment]
    return scores


def main(argv: list[str] | None = None) -> int:
    """Audit every page kind in every language; print a table; exit 1 if a goal is missed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse", description=__doc__)
    parser.add_argument("--site", default="site", help="the built site (default: site)")
    parser.add_argument("--lang", action="append", help="only these languages (repeatable)")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these page kinds")
    parser.add_argument("--runs", type=int, default=1,
                        help="audit each page this many times and keep the median run (by performance score)")
    parser.add_argument("--json", help="write the scores as JSON to this file")
    parser.add_argument("--keep", help="keep each run's full Lighthouse report in this folder "
                        "(long tasks, bootup time, main-thread breakdown)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("lighthouse is not installed: run `make node-tools`", file=sys.stderr)
        return 2
    server, base = serve(Path(args.site))
    results: list[dict[str, object]] = []
    misses = 0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"{'page':<14} {'lang':<4} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'LCP ms':>7} "
                  f"{'TBT ms':>7} {'CLS':>6} {'KB':>6} {'bench':>6}")
            for lang in args.lang or LANGUAGES:
                for kind in args.page or PAGES:
                    path = PAGES[kind] if lang == "en" else f"{lang}/{PAGES[kind]}"
                    keep = Path(args.keep) if args.keep else Path(tmp)
                    keep.mkdir(parents=True, exist_ok=True)
                    runs = sorted((audit(f"{base}/{path}", keep / f"{kind}-{lang}-{i}.json")
                                   for i in range(max(1, args.runs))),
                                  key=lambda r: float(r["performance"]))
                    scores = runs[len(runs) // 2]
                    missed = [c for c, goal in GOALS.items() if float(scores[c]) < goal]
                    misses += bool(missed)
                    results.append({"page": kind, "lang": lang, **scores})
                    print(f"{kind:<14} {lang:<4} {scores['performance']:>5.2f} {scores['accessibility']:>5.2f} "
                          f"{scores['best-practices']:>5.2f} {scores['seo']:>5.2f} {scores['lcp_ms']:>7.0f} "
                          f"{scores['tbt_ms']:>7.0f} {scores['cls']:>6.3f} {scores['bytes'] / 1024:>6.0f} "
                          f"{scores['benchmark_index']:>6.0f}"
                          + (f"  MISSED {missed} {scores['a11y_failures']}" if missed else ""), flush=True)
    finally:
        server.shutdown()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
