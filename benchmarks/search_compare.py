"""Search measured through the site's own search box in headless Chromium, per language.

For a built site (any engine behind the ``#ssa-search-input`` dialog) and each language:

- **relevance**: every query of ``tests/search_relevance.py`` typed into the search box; a hit
  when the expected page is among the first five results;
- **first result (ms)**: a cold browser context opens search (the engine loads), then a query is
  typed; time until the first result is in the list (what a reader waits for after typing);
- **first-query gzip bytes**: everything the browser fetched for search in a cold context, from
  opening the dialog to the first results of a two-word query (script, engine, index pieces),
  gzip-compressed as a server would send it.

``python -m benchmarks.search_compare`` builds the sample site and measures both engines on it:
the project's own and Pagefind over a copy of the same site (:mod:`benchmarks.pagefind_index`),
in one run; ``bench.py`` does the same on its corpus (:func:`compare_engines`).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
LANGS = ("en", "fr", "de", "es", "ar", "ru", "zh")
#: Two-word first queries (as in BENCHMARKS.md "Search").
SAMPLE_QUERIES = {"en": "pension contributions", "fr": "cotisations de retraite", "de": "digitale Kompetenzen",
                  "es": "cotizaciones de pensiones", "ar": "اشتراكات التقاعد", "ru": "пенсионные взносы",
                  "zh": "养老保险"}
_SEARCH_PATHS = ("/search/", "/pagefind/", "/assets/js/search")

_MEASURE = """async ([query]) => {
  const input = document.getElementById("ssa-search-input");
  const list = document.getElementById("ssa-search-results");
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (list.querySelector("[role=option]")) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(list, { childList: true });
  });
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  const end = await Promise.race([done, new Promise((r) => setTimeout(() => r(NaN), 10000))]);
  return end - start;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on localhost; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _home(base: str, lang: str) -> str:
    return f"{base}/" if lang == "en" else f"{base}/{lang}/"


def top_results(page: Any, query: str, limit: int = 5) -> list[str]:
    """Type ``query`` into the open search box; the URLs of the first ``limit`` results."""
    page.locator("#ssa-search-input").fill(query)
    page.wait_for_function("q => document.getElementById('ssa-search-results').dataset.query === q", arg=query)
    page.wait_for_timeout(50)
    return list(page.eval_on_selector_all("#ssa-search-results [role=option]",
                                          f"els => els.slice(0, {limit}).map(a => a.href)"))


def relevance(browser: Any, base: str, cases: dict[str, list[tuple[str, str]]],
              langs: tuple[str, ...] = LANGS) -> dict[str, dict[str, Any]]:
    """Per language: hits, total and the misses (query, expected, top five)."""
    out: dict[str, dict[str, Any]] = {}
    for lang in langs:
        context = browser.new_context()
        page = context.new_page()
        page.goto(_home(base, lang))
        page.wait_for_function("() => self.SSASearch !== undefined")
        page.locator(".ssa-search__open").click()
        misses = []
        for query, expected in cases[lang]:
            root = _home(base, lang)
            top = [h.replace(root, "", 1) for h in top_results(page, query)]
            if expected not in top:
                misses.append((query, expected, top))
        out[lang] = {"hits": len(cases[lang]) - len(misses), "total": len(cases[lang]), "misses": misses}
        context.close()
    return out


def first_query(browser: Any, base: str, site: Path, lang: str, query: str) -> tuple[float, int]:
    """(ms from typing to the first result after opening search, gzip bytes fetched for search)."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url))
    page.goto(_home(base, lang))
    page.wait_for_function("() => self.SSASearch !== undefined")
    fetched.clear()
    page.locator(".ssa-search__open").click()
    engine = "self.SSASearch.engine ? self.SSASearch.engine.load() : self.SSASearch.index.load()"
    page.evaluate(f"async () => {{ await {engine}; }}")
    ms = float(page.evaluate(_MEASURE, [query]))
    page.wait_for_timeout(300)
    script = next((u for u in page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
                   if "/assets/js/search" in u), None)
    urls = set(fetched) | ({script} if script else set())
    total = 0
    for url in urls:
        path = urlsplit(url).path
        if any(p in path for p in _SEARCH_PATHS):
            file = site / path.lstrip("/")
            if file.is_file():
                data = file.read_bytes()
                # Pagefind's index files are gzip already (.pf_*): a server sends them as they are.
                total += len(data) if path.endswith((".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")) \
                    else len(gzip.compress(data, 9, mtime=0))
    context.close()
    return ms, total


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def measure_site(site: Path, runs: int = 3, browser: Any = None, with_relevance: bool = True) -> dict[str, Any]:
    """Relevance (sample site only), first-result times (median of ``runs``) and first-query bytes, per language."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.search_relevance import RELEVANCE

    def run(b: Any) -> dict[str, Any]:
        with serve(site) as base:
            rel = relevance(b, base, RELEVANCE) if with_relevance else {}
            timing: dict[str, float] = {}
            sizes: dict[str, int] = {}
            for lang in LANGS:
                samples = [first_query(b, base, site, lang, SAMPLE_QUERIES[lang]) for _ in range(runs)]
                timing[lang] = round(statistics.median(s[0] for s in samples), 1)
                sizes[lang] = max(s[1] for s in samples)
            return {"relevance": rel, "first_result_ms": timing, "first_query_gz_bytes": sizes}

    if browser is not None:
        return run(browser)
    with chromium() as b:
        return run(b)


def tree_bytes(folder: Path) -> int:
    """Bytes of every file under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def our_output_bytes(site: Path) -> int:
    """Bytes of the project's search output: every language's index, search.js and the Snowball stemmers."""
    folders = [site / "search", *site.glob("*/search")]
    return (sum(tree_bytes(f) for f in folders if f.is_dir()) + (site / "assets/js/search.js").stat().st_size
            + tree_bytes(site / "assets/js/snowball"))


def compare_engines(site: Path, our_index_s: float | None, work: Path, runs: int = 3,
                    with_relevance: bool = True) -> dict[str, Any]:
    """Both engines on the same built site: the project's (as built) and Pagefind (over a copy).

    The relevance set is written from the sample content: pass ``with_relevance=False`` for the
    benchmark's synthetic corpus.
    """
    from benchmarks.pagefind_index import BUNDLE_DIR, index_site, prepare_copy

    copy = work / "pagefind-site"
    prepare_copy(site, copy)
    started = time.perf_counter()
    indexed = index_site(copy)
    pagefind_s = time.perf_counter() - started
    with chromium() as browser:
        ours = measure_site(site, runs, browser, with_relevance)
        theirs = measure_site(copy, runs, browser, with_relevance)
    ours.update(index_build_s=our_index_s, output_bytes=our_output_bytes(site))
    theirs.update(index_build_s=round(pagefind_s, 2), output_bytes=tree_bytes(copy / BUNDLE_DIR)
                  + (copy / "assets/js/search.js").stat().st_size, pages=indexed.pages, principles=indexed.principles)
    shutil.rmtree(copy, ignore_errors=True)
    return {"project": ours, "pagefind": theirs}


def summary(engines: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Table rows: measure, project engine, Pagefind."""
    rows = []
    for name in ("project", "pagefind"):
        per_lang = engines[name]["relevance"]
        engines[name]["relevance_hits"] = sum(v["hits"] for v in per_lang.values())
        engines[name]["relevance_total"] = sum(v["total"] for v in per_lang.values())
    p, f = engines["project"], engines["pagefind"]

    def rel(e: dict[str, Any], lang: str) -> str:
        return f"{e['relevance'][lang]['hits']}/{e['relevance'][lang]['total']}; " if e["relevance"] else ""

    if p["relevance"]:
        rows.append(("relevance (expected page in top 5)", f"{p['relevance_hits']}/{p['relevance_total']}",
                     f"{f['relevance_hits']}/{f['relevance_total']}"))
    for lang in LANGS:
        rows.append((f"  {lang}: {'relevance; ' if p['relevance'] else ''}first result ms; first-query gzip B",
                     f"{rel(p, lang)}{p['first_result_ms'][lang]}; {p['first_query_gz_bytes'][lang]}",
                     f"{rel(f, lang)}{f['first_result_ms'][lang]}; {f['first_query_gz_bytes'][lang]}"))
    rows.append(("index build (s)", str(p["index_build_s"]), str(f["index_build_s"])))
    rows.append(("output bytes", str(p["output_bytes"]), str(f["output_bytes"])))
    return rows


def index_seconds(log_text: str) -> float:
    """Seconds the project's build spent on its search indexes (its "search index" log or progress lines)."""
    return round(sum(float(m.group(1)) for m in _INDEX_LINE.finditer(log_text)), 2)


_INDEX_LINE = re.compile(r"search index(?: \w+: .* in)? ([\d.]+) s")


def main(argv: list[str]) -> int:
    """Build the sample site, then measure both engines on it and print the figures (JSON with --json FILE)."""
    import argparse
    import json
    import subprocess
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_compare")
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[1]), help="project to build")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    root = Path(args.root)
    proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build"], cwd=root,
                          capture_output=True, text=True, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    if proc.returncode != 0:
        print(proc.stderr[-3000:], file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        engines = compare_engines(root / "site", index_seconds(proc.stderr), Path(work), args.runs)
    for measure, ours, theirs in summary(engines):
        print(f"{measure:<55} {ours:<28} {theirs}")
    if args.json:
        Path(args.json).write_text(json.dumps(engines, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
