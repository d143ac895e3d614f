"""Run a full site build: validate → generate → build (engine injected) → link check → publish.

The engine step is a :class:`LanguageBuilder` handed in by the caller (the CLI passes
:func:`build_tools.mkdocs_plugins.build_step.build_languages`, the MkDocs/ProperDocs adapter); nothing
here imports an engine.

Speed (see BENCHMARKS.md):

- the project is loaded and validated once, and handed to the engine's adapters in a
  :class:`build_tools.app.session.ProjectSession` (no second load inside MkDocs);
- one process per CPU core (``--jobs``). Page generation is split by language groups; once the
  parent has written every page, each process builds the next free language from a shared queue
  into its own staging folder with the usual URL prefixes (the default language at the root,
  ``<lang>/`` otherwise: *not* ``build_only_locale``, which would put any language at the root).
  The parent merges the folders and sitemaps, checks the links of the whole site, and publishes
  atomically;
- each process runs its languages itself (the adapter bypasses mkdocs-static-i18n's own loop) and
  prints per-language progress and timing.
"""

from __future__ import annotations

import gzip
import logging
import multiprocessing
import os
import pickle
import re
import shutil
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from build_tools.app.session import ProjectSession, fingerprint
from build_tools.checks.diagnostics import Diagnostic, Severity, format_report
from build_tools.generate import GeneratedPage, generate_pages, write_pages
from build_tools.model.project import load_project
from build_tools.output import css_subset, finish
from build_tools.output.admin import write_admin
from build_tools.output.link_check import BuiltSite, attribute_generated, built_sources, check_project
from build_tools.output.publish import discard, publish, staging_dir

_URLSET = re.compile(r"<urlset\b[^>]*>(.*)</urlset>", re.S)
_URL_ENTRY = re.compile(r"<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def say(message: str) -> None:
    """One progress line on stderr."""
    print(message, file=sys.stderr, flush=True)


def language_groups(codes: list[str], jobs: int) -> list[list[str]]:
    """Split languages (default first) round-robin into at most ``jobs`` groups; the default is in the first."""
    jobs = max(1, min(jobs, len(codes)))
    return [codes[i::jobs] for i in range(jobs)]


# --- forked workers ---------------------------------------------------------------------------------


def _die_with_parent(parent: int) -> None:
    """Ask Linux to end this child when its parent dies, so a killed build leaves no workers behind."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _child(task: Any, result_file: Path, parent: int) -> None:
    """In a worker process: run ``task()`` and pickle its result into ``result_file``.

    The result goes through a file, not a pipe, so that the worker exits (and frees its memory)
    as soon as it is done, even while the parent is still busy with its own task.
    """
    _die_with_parent(parent)
    try:
        value = task()
        with open(result_file, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # noqa: BLE001 - reported by the parent through the exit code
        if os.environ.get("SSA_DEBUG"):
            traceback.print_exc()
        say(f"worker failed: {exc.__class__.__name__}: {exc}")
        raise SystemExit(1) from None


def _collect(process: Any, result_file: Path) -> Any:
    """Wait for a worker and load its result; raises if it failed."""
    process.join()
    if process.exitcode != 0 or not result_file.is_file():
        raise RuntimeError("a parallel language build failed (see the messages above)")
    with open(result_file, "rb") as fh:
        value = pickle.load(fh)
    result_file.unlink(missing_ok=True)
    return value


def _parallel(tasks: list[Any], scratch: Path, name: str) -> list[Any]:
    """Run ``tasks[1:]`` in worker processes and ``tasks[0]`` here; returns their results in order.

    Workers are forked (``multiprocessing``'s fork context): the tasks are closures over the
    loaded project, which a fork shares without pickling it.
    """
    context = multiprocessing.get_context("fork")
    children = []
    sys.stdout.flush()
    sys.stderr.flush()
    for i, task in enumerate(tasks[1:], start=1):
        result_file = scratch / f".{name}-{os.getpid()}-{i}.pickle"
        process = context.Process(target=_child, args=(task, result_file, os.getpid()), name=f"ssa-{name}-{i}",
                                  daemon=True)
        process.start()
        children.append((process, result_file))
    results = []
    error: BaseException | None = None
    try:
        results.append(tasks[0]())
    except BaseException as exc:  # noqa: BLE001 - wait for the children before raising
        error = exc
    for process, result_file in children:
        try:
            results.append(_collect(process, result_file))
        except BaseException as exc:  # noqa: BLE001
            error = error or exc
    if error is not None:
        raise error
    return results


# --- generation -------------------------------------------------------------------------------------


def _generate(project: Any, groups: list[list[str]], scratch: Path) -> list[GeneratedPage]:
    """Generate the pages of every language, one language group per process."""

    def task(group: list[str]) -> Any:
        def run() -> list[GeneratedPage]:
            t0 = time.perf_counter()
            pages = generate_pages(project, group)
            say(f"[{','.join(group)}] generated {len(pages)} pages in {time.perf_counter() - t0:.1f} s")
            return pages
        return run

    if len(groups) == 1:
        return generate_pages(project)
    seen: set[str] = set()
    out: list[GeneratedPage] = []
    for pages in _parallel([task(g) for g in groups], scratch, "generate"):
        for page in pages:
            if page.path not in seen:  # language-neutral files may come from several groups
                seen.add(page.path)
                out.append(page)
    return out


# --- MkDocs builds ----------------------------------------------------------------------------------


class LanguageQueue:
    """Languages handed out one at a time to whichever build process is free (shared across fork)."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        self.next = multiprocessing.Value("i", 0)

    def take(self) -> str | None:
        """The next language to build, or None when all are taken."""
        with self.next.get_lock():
            index = self.next.value
            self.next.value = index + 1
        return self.codes[index] if index < len(self.codes) else None


@dataclass
class BuildJob:
    """What one build process is asked to do: build languages taken from ``queue`` into ``site_dir``."""

    root: Path
    site_dir: Path
    queue: LanguageQueue
    languages: list[str]  # every language of this build (the others are not built)
    first: str | None  # a language to build before taking from the queue (the default one, in the parent)
    session: ProjectSession
    caches: bool = True  # the engine's per-process caches (off: every page is rendered anew)


@dataclass
class EngineOutput:
    """What the engine step built in one process: its languages, and where each page came from."""

    languages: list[str]
    #: Built HTML file (relative to the job's site folder) → its source file (relative to the project
    #: root), for the link check; None when the site does not check links.
    sources: dict[str, str] | None = None
    whole_page: bool = False  # check every link of a page, not only those of its content


class LanguageBuilder(Protocol):
    """The engine step, injected: render the job's languages with the theme, nothing more."""

    def __call__(self, job: BuildJob) -> EngineOutput:
        """Build the languages of ``job`` in this process."""
        ...


def finish_languages(job: BuildJob, output: EngineOutput) -> tuple[BuiltSite | None, list[str]]:
    """The pass over the HTML the engine wrote for ``output.languages`` (:mod:`build_tools.output.finish`).

    Returns the link index of those pages (None without link checking) and the languages.
    """
    if not output.languages:
        return None, []
    t0 = time.perf_counter()
    project = job.session.current().project
    languages = finish.page_languages(project.config, lambda code: project.catalog.t(code, "site.permalink"))
    built = BuiltSite(output.whole_page) if output.sources is not None else None
    sources = built_sources(job.root, output.sources or {})
    count = finish.finish_site(job.site_dir, languages, project.config.default_language, only=output.languages,
                               sources=sources, built=built)
    say(f"[{','.join(output.languages)}] finished the built HTML ({count} files) in {time.perf_counter() - t0:.1f} s")
    return built, output.languages


def _loc(entry: str) -> str:
    """The ``<loc>`` of a sitemap ``<url>`` entry ("" if it has none)."""
    found = _LOC.search(entry)
    return found.group(1) if found else ""


def _merge_sitemaps(target: Path, others: list[Path]) -> None:
    """Join the ``<url>`` entries of the groups' sitemaps into ``target/sitemap.xml`` (and .gz).

    Entries are sorted by ``<loc>``: which process built which language depends on timing,
    and the output must not.
    """
    main = target / "sitemap.xml"
    if not main.is_file():
        return
    text = main.read_text("utf-8")
    match = _URLSET.search(text)
    if match is None:
        return
    entries = _URL_ENTRY.findall(match.group(1))
    for other in others:
        path = other / "sitemap.xml"
        if path.is_file():
            m = _URLSET.search(path.read_text("utf-8"))
            if m:
                entries.extend(_URL_ENTRY.findall(m.group(1)))
    unique = {_loc(e): e for e in entries}
    body = "".join(f"\n    {unique[loc]}" for loc in sorted(unique))
    merged = text[:match.start(1)] + body + "\n" + text[match.end(1):]
    main.write_text(merged, "utf-8")
    with gzip.GzipFile(target / "sitemap.xml.gz", "wb", mtime=0) as fh:
        fh.write(merged.encode("utf-8"))


def _merge_tree(src: Path, dest: Path, overwrite: bool) -> None:
    """Move files from ``src`` into ``dest``; existing files are kept unless ``overwrite``."""
    for dirpath, _dirs, files in os.walk(src):
        rel = Path(dirpath).relative_to(src)
        (dest / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            target = dest / rel / name
            if overwrite or not target.exists():
                os.replace(Path(dirpath) / name, target)


def _merge_sites(staging: Path, parts: list[tuple[Path, list[str]]]) -> None:
    """Merge the other groups' staging folders into ``staging``."""
    _merge_sitemaps(staging, [part for part, _langs in parts])
    for part, langs in parts:
        for lang in langs:
            if (part / lang).is_dir():
                _merge_tree(part / lang, staging / lang, overwrite=True)
        _merge_tree(part, staging, overwrite=False)  # theme assets and other shared files
        shutil.rmtree(part, ignore_errors=True)


def _check_links(built: list[BuiltSite | None], staging: Path) -> list[Diagnostic]:
    """Check the links of every built page against the merged site."""
    indexes = [b for b in built if b is not None]
    if not indexes:
        return []
    whole = indexes[0]
    for other in indexes[1:]:
        whole.merge(other)
    return list(whole.check(staging))


def _build_site(root: Path, staging: Path, jobs: int, build_codes: list[str], builder: LanguageBuilder,
                session: ProjectSession, caches: bool = True) -> list[Diagnostic]:
    """Build the languages in ``jobs`` parallel processes, merge into ``staging``; returns link diagnostics.

    Each process takes the next language from a shared queue when it is free (the first
    language, the default one, is built here, at the root of ``staging``).
    """
    jobs = max(1, min(jobs, len(build_codes)))
    parts = [staging] + [staging.with_name(f"{staging.name}-{i}") for i in range(1, jobs)]
    for part in parts[1:]:
        shutil.rmtree(part, ignore_errors=True)
    queue = LanguageQueue(build_codes)
    first = queue.take()

    def task(i: int) -> Any:
        job = BuildJob(root, parts[i], queue, build_codes, first if i == 0 else None, session, caches)
        return lambda: finish_languages(job, builder(job))

    try:
        results = _parallel([task(i) for i in range(jobs)], staging.parent, "build")
        t0 = time.perf_counter()
        _merge_sites(staging, [(part, langs) for part, (_built, langs) in zip(parts[1:], results[1:], strict=True)])
        diags = _check_links([built for built, _langs in results], staging)
        if jobs > 1:
            say(f"merged {jobs} build folders and checked links in {time.perf_counter() - t0:.1f} s")
        return diags
    finally:
        for part in parts[1:]:
            shutil.rmtree(part, ignore_errors=True)


def run_build(root: Path, builder: LanguageBuilder, site_dir: str = "site", languages: list[str] | None = None,
              jobs: int = 0, strict: bool = False, caches: bool = True, admin: bool = True) -> int:
    """Build the site into ``site_dir`` atomically; returns a process exit code.

    ``admin=False`` leaves the web editor (``/admin/``, ``output/admin``) out of the published site.

    ``caches=False`` renders every page of every language without the per-process caches (the
    reproducibility test compares such a build with a normal one).
    """
    # One progress line per language (printed by the engine step); MkDocs' INFO lines from parallel
    # workers would interleave. Warnings and errors stay visible.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s", stream=sys.stderr)
    root = root.resolve()
    started = time.perf_counter()
    key = fingerprint(root)
    project = load_project(root)
    diags = project.diagnostics
    if diags:
        print(format_report(diags), file=sys.stderr)
    if project.blocking() or (strict and any(d.severity is Severity.WARNING for d in diags)):
        print("build stopped: fix the errors above; the published site was not changed", file=sys.stderr)
        return 1
    withheld = sorted(rel for rel, w in project.withheld.items() if w.reason == "errors")
    if withheld:
        print(f"translations with errors are shown in English until fixed: {', '.join(withheld)}", file=sys.stderr)
    say(f"loaded and validated the content in {time.perf_counter() - started:.1f} s")
    codes = project.languages
    build_codes = [c for c in codes if not languages or c in languages or c == project.config.default_language]
    groups = language_groups(build_codes, jobs or os.cpu_count() or 1)
    target = (root / site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        pages = _generate(project, [[c for c in codes if c in g or c not in build_codes] if i == 0 else g
                                    for i, g in enumerate(groups)], target.parent)
        result = write_pages(project.config.docs_dir, pages)
    except Exception as exc:  # noqa: BLE001 - report, never show a traceback to editors
        if os.environ.get("SSA_DEBUG"):
            raise
        print(f"page generation failed: {exc.__class__.__name__}: {exc} (set SSA_DEBUG=1 for details); "
              "the published site was not changed", file=sys.stderr)
        return 1
    link_diags = check_project(project, {page.path: page.text for page in pages})
    if link_diags:
        print(format_report(link_diags), file=sys.stderr)
        # A broken link in a translated page withholds that page (English shown), not the site.
        if [d for d in link_diags if d.severity is Severity.ERROR and not project.withhold(d.path)]:
            print("build stopped: fix the broken links above; the published site was not changed", file=sys.stderr)
            return 1
    say(f"generated {len(pages)} pages ({len(result.written)} written) in "
        f"{time.perf_counter() - started:.1f} s; building {len(build_codes)} languages in {len(groups)} "
        "process(es), each taking the next language when free")
    del pages
    session = ProjectSession(root)
    session.prime(key, project, None, written=True)
    staging = staging_dir(target)
    try:
        built_diags = _build_site(root, staging, len(groups), build_codes, builder, session, caches)
    except BaseException as exc:  # noqa: BLE001 - any failure must leave the old site intact
        discard(staging)
        if os.environ.get("SSA_DEBUG") or isinstance(exc, KeyboardInterrupt):
            raise
        print(f"build failed: {exc.__class__.__name__}: {exc}; the published site was not changed", file=sys.stderr)
        return 1
    if built_diags:
        built_diags = attribute_generated(built_diags, project)
        print(format_report(built_diags), file=sys.stderr)
        discard(staging)
        print(f"build stopped: link check failed with {len(built_diags)} broken link(s); "
              "the published site was not changed", file=sys.stderr)
        return 1
    try:
        before, after = css_subset.subset_site(staging)
    except (OSError, UnicodeError) as exc:  # a smaller stylesheet is an optimization, never a reason to fail
        before = after = 0
        say(f"theme stylesheet left whole: {exc}")
    if before:
        say(f"theme stylesheet: kept the rules the pages use, {before // 1024} KB -> {after // 1024} KB")
    if admin:
        written = write_admin(project, staging)
        say("web editor written to /admin/" if written.written else f"web editor left out: {written.reason}")
    publish(staging, target)
    say(f"site built in {time.perf_counter() - started:.1f} s -> {target}")
    return 0
