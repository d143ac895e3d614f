"""``python -m benchmarks``: the project's build against the plain stack, in one run.

On a synthetic corpus (see :mod:`benchmarks.corpus`) it measures, on this machine:

1. the project's full build (``python -m build_tools build``), wall time and peak RSS of the
   whole process tree;
2. the plain stack (Material + search + mkdocs-static-i18n, suffix structure, default options,
   every page in the nav) building the same Markdown pages the project rendered;
3. python-markdown alone converting the source of every page that is built (the floor);

then page sizes, search download sizes and the time to a first search result in headless
Chromium. Results are printed as a table and written as JSON.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from benchmarks import corpus

GOALS = {
    "build_vs_baseline": 0.25,
    "build_vs_floor": 3.0,
    "median_page_bytes": 40_000,
    "peak_rss_mb": 1_536,
    "search_vs_baseline": 1 / 20,
    "median_page_growth": 1.10,  # median page, full corpus / a quarter of it: flat
    "preview_edit_s": 2.0,
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# The project's search dialog (build_tools/search, overrides/partials/search.html), or Material's.
SEARCH_OPEN = os.environ.get("BENCH_SEARCH_OPEN", ".ssa-search__open")
SEARCH_INPUT = os.environ.get("BENCH_SEARCH_INPUT", "#ssa-search-input, input.md-search__input")
SEARCH_RESULT = os.environ.get("BENCH_SEARCH_RESULT", ".ssa-search__result, .md-search-result__item")
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n(?:---|\.\.\.)\s*\n", re.S)


def log(message: str) -> None:
    """Progress output (flushed at once, the run takes minutes)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- measuring commands ------------------------------------------------------------------------


@dataclass
class Measured:
    """Wall time, peak RSS of the process tree, and exit code of one command."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    tail: list[str]
    cpu_s: float = 0.0  # user + system time of the command and every process it waited for


def run_measured(cmd: list[str], cwd: Path, show: Callable[[str], bool] = lambda line: True,
                 env: dict[str, str] | None = None) -> Measured:
    """Run ``cmd``, streaming selected output lines, sampling the RSS of it and its children."""
    import resource

    import psutil

    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1", **(env or {})}
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, bufsize=1)
    tail: list[str] = []

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            line = line.rstrip("\n")
            tail.append(line)
            del tail[:-60]
            if show(line):
                print(f"    | {line}", flush=True)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    peak = 0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    reader.join(timeout=10)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    return Measured(seconds, peak / 2**20, proc.returncode, tail, cpu)


# --- the plain stack -----------------------------------------------------------------------------


def _mkdocs_yaml(root: Path) -> dict[str, Any]:
    from build_tools.model.site_config import _TolerantLoader

    return yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_TolerantLoader) or {}


def _represent_call(dumper: yaml.SafeDumper, value: Any) -> yaml.Node:
    return dumper.represent_mapping(f"tag:yaml.org,2002:python/object/apply:{value.name}", {"kwds": dict(value.kwds)})


class _Dumper(yaml.SafeDumper):
    """Writes the plain stack's mkdocs.yml, keeping ``!!python/object/apply`` values (the toc slugify)."""


def _register_call() -> None:
    from build_tools.model.site_config import PythonCall

    _Dumper.add_representer(PythonCall, _represent_call)


_register_call()


def markdown_extensions(project_cfg: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """The project's Markdown extensions (names and configs), as MkDocs passes them."""
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in project_cfg.get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, cfg in item.items():
                names.append(name)
                if cfg:
                    configs[name] = cfg
        else:
            names.append(str(item))
    return names, configs


def prepare_plain(project: Path, plain: Path, languages: list[dict[str, Any]]) -> int:
    """Copy every Markdown page the project built from into ``plain/docs`` and write a plain config."""
    if plain.exists():
        shutil.rmtree(plain)
    docs = plain / "docs"
    count = 0
    content = project / "content"
    for src in content.rglob("*.md"):
        rel = src.relative_to(content)
        if any(part.startswith(".") for part in rel.parts):
            continue
        dest = docs / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        count += 1
    cfg = _mkdocs_yaml(project)
    names, configs = markdown_extensions(cfg)
    plain_cfg = {
        "site_name": "Plain stack",
        "site_url": cfg.get("site_url") or "https://example.org/",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {"name": "material", "language": "en"},
        "plugins": ["search", {"i18n": {"docs_structure": "suffix", "languages": [
            {"locale": lang["locale"], "name": lang.get("name", lang["locale"]), "default": bool(lang.get("default")),
             "build": True} for lang in languages]}}],
        "markdown_extensions": [{n: configs[n]} if n in configs else n for n in names],
    }
    (plain / "mkdocs.yml").write_text(yaml.dump(plain_cfg, Dumper=_Dumper, allow_unicode=True, sort_keys=False), "utf-8")
    return count


def _languages(project_cfg: dict[str, Any]) -> list[dict[str, Any]]:
    for plugin in project_cfg.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return list(plugin["i18n"].get("languages") or [])
    return [{"locale": "en", "default": True}]


# --- the floor ------------------------------------------------------------------------------------


def page_sources(docs: Path, codes: list[str], default: str) -> list[Path]:
    """The Markdown source of every page built: each document in each language, or its fallback."""
    groups: dict[str, dict[str, Path]] = {}
    for path in sorted(docs.rglob("*.md")):
        parts = path.name.split(".")
        if len(parts) == 3 and parts[1] in codes:
            norm, lang = str(path.with_name(f"{parts[0]}.md")), parts[1]
        else:
            norm, lang = str(path), default
        groups.setdefault(norm, {})[lang] = path
    out: list[Path] = []
    for variants in groups.values():
        for lang in codes:
            src = variants.get(lang) or variants.get(default)
            if src is not None:
                out.append(src)
    return out


def floor(docs: Path, codes: list[str], default: str, names: list[str], configs: dict[str, Any]) -> tuple[float, int]:
    """Seconds python-markdown needs to convert every built page's source, and how many pages."""
    import markdown

    sources = page_sources(docs, codes, default)
    texts = [_FRONT_MATTER.sub("", p.read_text("utf-8"), count=1) for p in sources]
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", *[n for n in names if n not in (
        "toc", "tables", "fenced_code")]], extension_configs=configs)
    started = time.perf_counter()
    for text in texts:
        md.reset()
        md.convert(text)
    return time.perf_counter() - started, len(texts)


def _encode_call(value: Any) -> Any:
    """JSON for a ``!!python/object/apply`` value of mkdocs.yml (the toc slugify), for the floor process."""
    from build_tools.model.site_config import PythonCall

    if isinstance(value, PythonCall):
        return {"__python_call__": value.name, "kwds": dict(value.kwds)}
    raise TypeError(f"cannot encode {value!r}")


def _decode_call(obj: dict[str, Any]) -> Any:
    """The function a ``_encode_call`` value names, made as MkDocs makes it (python-markdown gets a callable)."""
    if "__python_call__" in obj:
        from build_tools.model.site_config import PythonCall
        from build_tools.output.link_check import make_slugify

        return make_slugify(PythonCall(obj["__python_call__"], tuple(sorted(obj["kwds"].items()))))
    return obj


def _floor_main(argv: list[str]) -> int:
    docs, default = Path(argv[0]), argv[1]
    codes = argv[2].split(",")
    names, configs = json.loads(argv[3]), json.loads(argv[4], object_hook=_decode_call)
    cpu = time.process_time()
    seconds, pages = floor(docs, codes, default, names, configs)
    print(json.dumps({"floor_s": seconds, "floor_pages": pages, "floor_cpu_s": time.process_time() - cpu}))
    return 0


# --- site measures --------------------------------------------------------------------------------


def html_pages(site: Path) -> list[int]:
    """Sizes of every HTML page of a built site (the 404 page excluded)."""
    return [p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html"]


def tree_bytes(folder: Path) -> int:
    """Total size of the files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def gz_size(data: bytes) -> int:
    """Size of ``data`` gzip-compressed at level 6 (what a web server sends)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def search_gz_bytes(site: Path, codes: list[str], default: str) -> dict[str, int]:
    """Gzip bytes a reader downloads for a first query, per language.

    Uses the search package's own accounting (``benchmarks.search_sizes``) when it is there:
    the worst case for any one- or two-word query (search script, manifest, stemmer, the largest
    term shards and result chunks). Otherwise the gzip size of every file in the language's
    ``search/`` folder (an upper bound).
    """
    try:
        from benchmarks.search_sizes import first_query_bytes

        sizes = first_query_bytes(site)
    except Exception as exc:  # noqa: BLE001 - fall back to measuring files
        log(f"search sizes not available from build_tools.search ({exc}); measuring files")
        sizes = {}
    out: dict[str, int] = {}
    for lang in codes:
        if lang in sizes:
            out[lang] = int(sizes[lang]["max"])
            continue
        folder = site / "search" if lang == default else site / lang / "search"
        out[lang] = sum(gz_size(p.read_bytes()) for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0
    return out


#: The slow phone of issue 25's readers: 390 x 844, 400 kbps both ways, 400 ms round trip, 4x slower CPU.
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "kbps": 400, "latency_ms": 400, "cpu_slowdown": 4}


def _throttle(context: Any, page: Any) -> None:
    """Give ``page`` the network and CPU of :data:`PHONE` (Chrome DevTools Protocol)."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = PHONE["kbps"] * 1000 / 8
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": PHONE["latency_ms"],
                                                  "downloadThroughput": rate, "uploadThroughput": rate})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE["cpu_slowdown"]})


def first_results(site: Path, codes: list[str], default: str, seed: int,
                  phone: bool = False) -> tuple[dict[str, float | None], dict[str, int]]:
    """Milliseconds from typing a query to the first search result, per language, in headless Chromium.

    Also returns the gzip bytes of the search files the browser actually fetched. With ``phone``,
    on the throttled phone (:data:`PHONE`), measured as a reader does it: search opened (its
    manifest and stemmer loaded), then the query typed.
    """
    import functools
    import http.server

    if not Path(CHROMIUM).exists():
        log("chromium not found: first_result_ms not measured")
        return {lang: None for lang in codes}, {}
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    times: dict[str, float | None] = {}
    fetched: dict[str, int] = {}
    measure_in_page: Any = None
    try:
        from benchmarks import search_timing

        measure_in_page = search_timing.first_result_ms
    except ImportError:
        pass
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang in codes:
                context = browser.new_context(viewport=PHONE["viewport"] if phone else {"width": 1280, "height": 900},
                                              is_mobile=phone, has_touch=phone)
                context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
                page = context.new_page()
                if phone:
                    _throttle(context, page)
                seen: list[Any] = []
                page.on("response", functools.partial(_remember_search, seen))
                url = f"{base}/" if lang == default else f"{base}/{lang}/"
                query = corpus.query_word(lang, seed)
                try:
                    times[lang] = _first_result(page, url, query, measure_in_page, open_first=phone)
                    fetched[lang] = sum(_body_gz(resp) for resp in seen)
                except Exception as exc:  # noqa: BLE001 - report and continue with the next language
                    log(f"first result for {lang} not measured: {str(exc).splitlines()[0]}")
                    times[lang] = None
                log(f"first result {lang} ({query}){' on the throttled phone' if phone else ''}: {times[lang]} ms")
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return times, fetched


def _first_result(page: Any, url: str, query: str, measure_in_page: Any, open_first: bool = False) -> float | None:
    """Milliseconds to the first result on ``url`` for ``query`` (None if no result came)."""
    if measure_in_page is not None:  # the search package's in-page measurement
        value = float(measure_in_page(page, url, query, open_first))
        return None if value != value else round(value, 1)  # NaN: no result within its timeout
    page.goto(url, wait_until="domcontentloaded")
    opener = page.locator(SEARCH_OPEN)
    opener.first.wait_for(state="visible", timeout=10_000)
    started = time.perf_counter()
    if opener.count():
        opener.first.click()
    box = page.locator(SEARCH_INPUT).first
    box.click(timeout=10_000)
    box.type(query)
    page.wait_for_selector(SEARCH_RESULT, state="visible", timeout=120_000)
    return round((time.perf_counter() - started) * 1000, 1)


def _body_gz(response: Any) -> int:
    try:
        return gz_size(response.body())
    except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
        return 0


def _remember_search(seen: list[Any], response: Any) -> None:
    if "/search" in response.url:
        seen.append(response)


def _fetch(url: str) -> str | None:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - localhost only
            return str(resp.read().decode("utf-8", "replace"))
    except OSError:
        return None


def measure_preview(project: Path, lang: str, timeout: float = 900.0) -> dict[str, float | None]:
    """Seconds until ``serve --lang`` shows an edited good practice again (body edit, then a title edit)."""
    import signal
    import socket

    folder = project / "content" / "good-practices"
    candidates = sorted(folder.glob(f"gp-*.{lang}.md")) if lang != "en" else sorted(
        p for p in folder.glob("gp-*.md") if p.name.count(".") == 1)
    if not candidates:
        return {"preview_start_s": None, "preview_edit_s": None, "preview_meta_edit_s": None}
    source = candidates[len(candidates) // 2]
    doc_id = source.name.split(".")[0]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    prefix = "" if lang == "en" else f"{lang}/"
    url = f"http://127.0.0.1:{port}/{prefix}good-practices/{doc_id}/"
    original = source.read_text("utf-8")
    out: dict[str, float | None] = {"preview_start_s": None, "preview_edit_s": None, "preview_meta_edit_s": None,
                                    "preview_listing_s": None}
    logfile = (project.parent / f"serve-{lang}.log").open("w")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "build_tools", "--root", str(project), "serve", "--lang", lang,
                             "--addr", f"127.0.0.1:{port}"], cwd=project, stdout=logfile, stderr=subprocess.STDOUT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        while time.perf_counter() - started < timeout and proc.poll() is None:
            if _fetch(url):
                out["preview_start_s"] = round(time.perf_counter() - started, 2)
                break
            time.sleep(0.5)
        if out["preview_start_s"] is None:
            return out
        log(f"preview of {lang} ready in {out['preview_start_s']} s; editing {source.name}")
        time.sleep(2)
        for key, edit in (("preview_edit_s", lambda text, m: text.rstrip() + f"\n\n{m} paragraph.\n"),
                          ("preview_meta_edit_s", lambda text, m: text.replace("title: ", f"title: {m} ", 1))):
            marker = f"Benchmarkmarker{int(time.time() * 1000)}"
            t0 = time.perf_counter()
            source.write_text(edit(original, marker), "utf-8")
            while time.perf_counter() - t0 < 120:
                html = _fetch(url)
                if html and marker in html:
                    out[key] = round(time.perf_counter() - t0, 2)
                    break
                time.sleep(0.05)
            log(f"preview {key}: {out[key]} s")
            if key == "preview_meta_edit_s":  # the listing of cases is regenerated after the page shows
                listing = f"http://127.0.0.1:{port}/{prefix}good-practices/"
                while time.perf_counter() - t0 < 120:
                    html = _fetch(listing)
                    if html and marker in html:
                        out["preview_listing_s"] = round(time.perf_counter() - t0, 2)
                        break
                    time.sleep(0.05)
                log(f"preview preview_listing_s: {out.get('preview_listing_s')} s")
            source.write_text(original, "utf-8")
            time.sleep(3)
    finally:
        source.write_text(original, "utf-8")
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        logfile.close()
    return out


def machine() -> dict[str, Any]:
    """Machine and software versions, for BENCHMARKS.md."""
    import psutil

    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions: dict[str, str | None] = {}
    for pkg in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "markdown"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "os": platform.platform(), **versions}


# --- the run ---------------------------------------------------------------------------------------


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 4) if a is not None and b else None


def _show_build(line: str) -> bool:
    keep = ("generated", "site built", "[", "ERROR", "error", "Traceback", "failed", "stopped")
    return line.startswith(keep) or any(k in line for k in (" built ", "Error", "language"))


def _show_plain(line: str) -> bool:
    return "Building '" in line or "Documentation built" in line or line.startswith(("ERROR", "Traceback"))


def run_bench(scale: str, json_path: str | None = None, keep: bool = False, seed: int = 1,
              browser: bool = True, repo: Path | None = None, workdir: Path | None = None,
              preview: bool | None = None) -> int:
    """Generate the corpus, measure everything, print a table, write JSON; returns an exit code.

    The corpus goes to ``workdir`` (default ``$SSA_BENCH_DIR/<scale>`` or ``<repo>/.bench/<scale>``).
    The live-preview timing (``serve``) is measured at portal scale, or when ``preview`` is true.
    """
    from build_tools.app.validate import find_root

    repo = repo or find_root(Path.cwd())
    base = workdir or Path(os.environ.get("SSA_BENCH_DIR") or repo / ".bench") / scale
    project = base / "project"
    plain = base / "plain"
    log(f"scale {scale}: writing the synthetic corpus into {project}")
    t0 = time.perf_counter()
    info = corpus.generate(repo, project, scale, seed)
    log(f"corpus: {info.documents} documents, {info.translations} translations "
        f"in {time.perf_counter() - t0:.1f} s")
    cfg = _mkdocs_yaml(project)
    languages = _languages(cfg)
    codes = [str(lang["locale"]) for lang in languages]
    default = next((str(lang["locale"]) for lang in languages if lang.get("default")), codes[0])
    codes = [default] + [c for c in codes if c != default]

    log("1/3 the project's full build (python -m build_tools build)")
    index_lines: list[str] = []

    def show_build(line: str) -> bool:
        if "search index " in line:
            index_lines.append(line)
        return _show_build(line)

    built = run_measured([sys.executable, "-m", "build_tools", "--root", str(project), "build"], project,
                         show_build)
    if built.returncode != 0:
        print("\n".join(built.tail), file=sys.stderr)
        log("the project's build failed")
        return 1
    site = project / "site"
    log(f"project build: {built.seconds:.1f} s, peak RSS {built.peak_rss_mb:.0f} MB")

    files = prepare_plain(project, plain, languages)
    log(f"2/3 the plain stack on the same {files} Markdown files (Material + search + static-i18n)")
    # The same engine as the project's build: MkDocs 1.6, or ProperDocs where it is installed.
    engine = "properdocs" if importlib.util.find_spec("properdocs") is not None else "mkdocs"
    baseline = run_measured([sys.executable, "-m", engine, "build", "-f", str(plain / "mkdocs.yml")], plain,
                            _show_plain)
    if baseline.returncode != 0:
        print("\n".join(baseline.tail), file=sys.stderr)
        log("the plain stack's build failed")
        return 1
    log(f"plain stack: {baseline.seconds:.1f} s, peak RSS {baseline.peak_rss_mb:.0f} MB")

    names, configs = markdown_extensions(cfg)
    log("3/3 python-markdown alone on the source of every built page (the floor)")
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench", "floor", str(plain / "docs"), default,
                           ",".join(codes), json.dumps(names), json.dumps(configs, default=_encode_call)],
                          capture_output=True, text=True, check=True)
    floor_result = json.loads(proc.stdout.strip().splitlines()[-1])
    log(f"floor: {floor_result['floor_s']:.1f} s for {floor_result['floor_pages']} pages")

    sizes = html_pages(site)
    plain_sizes = html_pages(plain / "site")
    search = search_gz_bytes(site, codes, default)
    plain_index = plain / "site" / "search" / "search_index.json"
    baseline_search = gz_size(plain_index.read_bytes()) if plain_index.is_file() else None
    first_ms: dict[str, float | None] = {}
    phone_ms: dict[str, float | None] = {}
    fetched: dict[str, int] = {}
    if browser:
        log("first search result in headless Chromium, per language")
        first_ms, fetched = first_results(site, codes, default, seed)
        log("first search result on the throttled phone (390 px, 400 kbps, 400 ms, 4x CPU), per language")
        phone_ms, _ = first_results(site, codes, default, seed, phone=True)
    engines: dict[str, Any] = {}
    if browser and os.environ.get("BENCH_ENGINES", "1") != "0":
        log("search engines side by side on this site: the project's and Pagefind (relevance, first result, bytes)")
        from benchmarks import search_compare

        try:
            engines = search_compare.compare_engines(site, search_compare.index_seconds("\n".join(index_lines)),
                                                     base / "engines", with_relevance=False)
            for measure, ours, theirs in search_compare.summary(engines):
                log(f"  {measure}: project {ours} | Pagefind {theirs}")
        except Exception as exc:  # noqa: BLE001 - the comparison must not lose the run's other figures
            log(f"engine comparison failed: {exc.__class__.__name__}: {exc}")
    growth: dict[str, Any] = {}
    if scale == "portal":
        log("page size when the corpus grows 4x: the project's build of a quarter of the corpus")
        growth = page_growth(repo, base / "quarter", seed)
    preview_times: dict[str, float | None] = {}
    if preview if preview is not None else scale == "portal":
        log("live preview: serve --lang fr, edit a good practice, wait until the page shows the edit")
        preview_times = measure_preview(project, "fr" if "fr" in codes else default)
    largest_search = max(search.values()) if search and max(search.values()) > 0 else None
    result: dict[str, Any] = {
        "scale": scale,
        "machine": machine(),
        "documents": info.documents,
        "translations": info.translations,
        "markdown_files": files,
        "pages": len(sizes),
        "baseline_pages": len(plain_sizes),
        "floor_pages": floor_result["floor_pages"],
        "build_s": round(built.seconds, 2),
        "baseline_s": round(baseline.seconds, 2),
        "floor_s": round(floor_result["floor_s"], 2),
        "build_cpu_s": round(built.cpu_s, 2),
        "baseline_cpu_s": round(baseline.cpu_s, 2),
        "floor_cpu_s": round(floor_result["floor_cpu_s"], 2),
        "load_average_during_run": _load_average(),
        "peak_rss_mb": round(built.peak_rss_mb, 1),
        "baseline_peak_rss_mb": round(baseline.peak_rss_mb, 1),
        "median_page_bytes": int(statistics.median(sizes)) if sizes else 0,
        "baseline_median_page_bytes": int(statistics.median(plain_sizes)) if plain_sizes else 0,
        "output_bytes": tree_bytes(site),
        "baseline_output_bytes": tree_bytes(plain / "site"),
        "search_gz_bytes": search,
        "search_gz_bytes_fetched": fetched,
        "baseline_search_gz_bytes": baseline_search,
        "baseline_search_raw_bytes": plain_index.stat().st_size if plain_index.is_file() else None,
        "first_result_ms": first_ms,
        "first_result_phone_ms": phone_ms,
        "search_engines": engines,
        **growth,
        **preview_times,
    }
    result["ratios"] = {
        "build_vs_baseline": _ratio(built.seconds, baseline.seconds),
        "build_vs_floor": _ratio(built.seconds, floor_result["floor_s"]),
        "baseline_vs_floor": _ratio(baseline.seconds, floor_result["floor_s"]),
        "search_vs_baseline": _ratio(largest_search, baseline_search),
        "build_cpu_vs_baseline_cpu": _ratio(built.cpu_s, baseline.cpu_s),
        "build_cpu_vs_floor_cpu": _ratio(built.cpu_s, floor_result["floor_cpu_s"]),
        "median_page_vs_baseline": _ratio(result["median_page_bytes"], result["baseline_median_page_bytes"]),
        "median_page_growth": _ratio(result["median_page_bytes"], growth.get("quarter_median_page_bytes")),
    }
    result["goals"] = goal_status(result)
    print(table(result), flush=True)
    if json_path:
        Path(json_path).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
        log(f"results written to {json_path}")
    if not keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0


def page_growth(repo: Path, base: Path, seed: int) -> dict[str, Any]:
    """Build a corpus with a quarter of the portal's documents; its page count and median page bytes.

    With long collections on listing pages and a nav of sections, a page's size must not depend
    on how many documents the site has: the median page of the full corpus should be the same.
    """
    project = base / "project"
    corpus.generate(repo, project, "quarter", seed)
    built = run_measured([sys.executable, "-m", "build_tools", "--root", str(project), "build"], project,
                         lambda line: False)
    if built.returncode != 0:
        print("\n".join(built.tail), file=sys.stderr)
        log("the quarter corpus' build failed")
        return {}
    sizes = html_pages(project / "site")
    log(f"quarter corpus: {len(sizes)} pages, median {int(statistics.median(sizes)) if sizes else 0} B")
    return {"quarter_pages": len(sizes), "quarter_median_page_bytes": int(statistics.median(sizes)) if sizes else 0,
            "quarter_build_s": round(built.seconds, 2)}


def goal_status(r: dict[str, Any]) -> dict[str, bool | None]:
    """Whether each goal is met (None when it could not be measured)."""
    ratios = r["ratios"]

    def le(value: float | None, limit: float) -> bool | None:
        return None if value is None else value <= limit

    return {
        "build_vs_baseline": le(ratios["build_vs_baseline"], GOALS["build_vs_baseline"]),
        "build_vs_floor": le(ratios["build_vs_floor"], GOALS["build_vs_floor"]),
        "median_page_bytes": le(r["median_page_bytes"], GOALS["median_page_bytes"]),
        "peak_rss_mb": le(r["peak_rss_mb"], GOALS["peak_rss_mb"]),
        "search_vs_baseline": le(ratios["search_vs_baseline"], GOALS["search_vs_baseline"]),
        "median_page_growth": le(ratios.get("median_page_growth"), GOALS["median_page_growth"]),
        "preview_edit_s": le(r.get("preview_edit_s"), GOALS["preview_edit_s"]),
    }


def table(r: dict[str, Any]) -> str:
    """The results as a plain-text table."""
    ratios, goals = r["ratios"], r["goals"]

    def mark(key: str) -> str:
        return {True: "met", False: "NOT met", None: "n/a"}[goals[key]]

    rows = [
        ("pages (project / plain)", f"{r['pages']} / {r['baseline_pages']}", "", ""),
        ("build_s (project)", f"{r['build_s']:.1f}", "", ""),
        ("baseline_s (plain stack)", f"{r['baseline_s']:.1f}", "", ""),
        ("floor_s (python-markdown)", f"{r['floor_s']:.1f}", "", ""),
        ("CPU s: build / plain / floor", f"{r['build_cpu_s']:.0f} / {r['baseline_cpu_s']:.0f} / "
         f"{r['floor_cpu_s']:.0f}", "", ""),
        ("build / baseline", f"{ratios['build_vs_baseline']}", "<= 0.25", mark("build_vs_baseline")),
        ("build / floor", f"{ratios['build_vs_floor']}", "<= 3", mark("build_vs_floor")),
        ("median page bytes (plain)", f"{r['median_page_bytes']} ({r['baseline_median_page_bytes']})",
         "<= 40000", mark("median_page_bytes")),
        ("peak RSS MB (plain)", f"{r['peak_rss_mb']:.0f} ({r['baseline_peak_rss_mb']:.0f})", "<= 1536",
         mark("peak_rss_mb")),
        ("largest search gz / plain", f"{max(r['search_gz_bytes'].values(), default=0)} / "
         f"{r['baseline_search_gz_bytes']}", "<= 1/20", mark("search_vs_baseline")),
    ]
    if r.get("quarter_median_page_bytes"):
        rows.append(("median page: full / quarter corpus", f"{r['median_page_bytes']} / "
                     f"{r['quarter_median_page_bytes']} ({ratios.get('median_page_growth')})", "<= 1.10",
                     mark("median_page_growth")))
    if r.get("preview_edit_s") is not None or r.get("preview_start_s") is not None:
        rows.append(("preview: start / body edit / title edit / listing",
                     f"{r.get('preview_start_s')} / {r.get('preview_edit_s')} / {r.get('preview_meta_edit_s')} / "
                     f"{r.get('preview_listing_s')} s",
                     "edit <= 2 s", mark("preview_edit_s")))
    for lang, gz in r["search_gz_bytes"].items():
        ms = r["first_result_ms"].get(lang)
        phone = r.get("first_result_phone_ms", {}).get(lang)
        rows.append((f"  {lang}: search gz, first result, on the phone",
                     f"{gz} B, {ms if ms is not None else '-'} ms, {phone if phone is not None else '-'} ms",
                     "<= 300 ms, phone < 2,000 ms", ""))
    width = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["", f"Benchmark, scale {r['scale']} ({r['machine']['cores']} cores, {r['machine']['cpu']})"]
    header = ("measure", "value", "goal", "status")
    lines.append("  ".join(h.ljust(w) for h, w in zip(header, width, strict=True)))
    lines.append("  ".join("-" * w for w in width))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, width, strict=True)) for row in rows]
    return "\n".join(lines)


def results_markdown(r: dict[str, Any]) -> str:
    """The results of a run as Markdown tables, for BENCHMARKS.md."""
    ra, goals = r["ratios"], r["goals"]

    def st(key: str) -> str:
        return {True: "**met**", False: "**not met**", None: "n/a"}[goals[key]]

    def num(value: float | None, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    largest = max(r["search_gz_bytes"].values(), default=0)
    rows = [
        "| measure | project | plain stack | floor | goal | status |", "|---|---|---|---|---|---|",
        f"| pages (HTML) | {r['pages']:,} | {r['baseline_pages']:,} | {r['floor_pages']:,} conversions | | |",
        f"| wall time | {r['build_s']:.1f} s | {r['baseline_s']:.1f} s | {r['floor_s']:.1f} s | | |",
        f"| CPU time (user+sys) | {r.get('build_cpu_s', 0):.0f} s | {r.get('baseline_cpu_s', 0):.0f} s "
        f"| {r.get('floor_cpu_s', 0):.0f} s | | |",
        f"| build_s / baseline_s | {num(ra['build_vs_baseline'], '.3f')} | | | ≤ 0.25 | {st('build_vs_baseline')} |",
        f"| build_s / floor_s | {num(ra['build_vs_floor'], '.2f')} | {num(ra['baseline_vs_floor'], '.2f')} | | ≤ 3 "
        f"| {st('build_vs_floor')} |",
        f"| CPU build / plain; CPU build / floor | {num(ra.get('build_cpu_vs_baseline_cpu'), '.3f')}; "
        f"{num(ra.get('build_cpu_vs_floor_cpu'), '.2f')} | | | | |",
        f"| median page | {r['median_page_bytes']:,} B | {r['baseline_median_page_bytes']:,} B | | ≤ 40,000 B "
        f"| {st('median_page_bytes')} |",
        f"| peak RSS (process tree) | {r['peak_rss_mb']:.0f} MB | {r['baseline_peak_rss_mb']:.0f} MB | | ≤ 1,536 MB "
        f"| {st('peak_rss_mb')} |",
        f"| search download, first query (gzip) | largest {largest:,} B | {r['baseline_search_gz_bytes'] or 0:,} B "
        f"| | ≤ 1/20 | {st('search_vs_baseline')} ({num(ra['search_vs_baseline'], '.4f')}) |",
    ]
    if r.get("quarter_median_page_bytes"):
        rows.append(f"| median page, full corpus / a quarter of it ({r['quarter_pages']:,} pages) "
                    f"| {r['median_page_bytes']:,} B / {r['quarter_median_page_bytes']:,} B "
                    f"= {num(ra.get('median_page_growth'), '.3f')} | | | ≤ 1.10 (flat) | {st('median_page_growth')} |")
    if r.get("preview_start_s") is not None:
        rows.append(f"| live preview (`serve --lang fr`): start; body edit shown; title edit shown; in the listing "
                    f"| {r['preview_start_s']} s; {r.get('preview_edit_s')} s; {r.get('preview_meta_edit_s')} s; "
                    f"{r.get('preview_listing_s', '-')} s "
                    f"| | | edit ≤ 2 s | {st('preview_edit_s')} |")
    rows += [
        "", "| language | search gzip bytes (worst first query) | first result (ms, headless Chromium) "
        "| first result on the throttled phone (ms) |",
        "|---|---|---|---|",
    ]
    for lang, size in r["search_gz_bytes"].items():
        ms = r["first_result_ms"].get(lang)
        phone = r.get("first_result_phone_ms", {}).get(lang)
        rows.append(f"| {lang} | {size:,} | {ms if ms is not None else 'not measured'} "
                    f"| {phone if phone is not None else 'not measured'} |")
    return "\n".join(rows)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "floor":
        raise SystemExit(_floor_main(sys.argv[2:]))
    if len(sys.argv) > 2 and sys.argv[1] == "markdown":  # python -m benchmarks.bench markdown BENCHMARKS.json
        print(results_markdown(json.loads(Path(sys.argv[2]).read_text("utf-8"))))
        raise SystemExit(0)
    raise SystemExit("usage: python -m benchmarks --scale small|portal")
