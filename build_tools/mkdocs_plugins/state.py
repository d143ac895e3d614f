"""Per-process cache of the loaded project, shared by the seven per-language builds.

mkdocs-static-i18n runs the whole build once per language in one process, so parsing and
page generation are done once per content state (keyed by a fingerprint of file stats).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from build_tools.checks.diagnostics import Diagnostic, has_errors
from build_tools.generate import GeneratedPage, generate_pages, write_pages
from build_tools.model import incremental, layout
from build_tools.model.project import Project, load_project

log = logging.getLogger("mkdocs.plugins.ssa-site")
WATCHED = ("guidelines", "country_profiles", "locales", "content", "overrides/generators", "mkdocs.yml")


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap content fingerprint: path, size and mtime of every watched source file.

    Generated pages (see :func:`build_tools.model.layout.is_generated`) are left out, so writing them
    does not change the fingerprint.
    """
    entries: list[tuple[str, int, int]] = []
    top = str(root)
    docs_prefix = layout.CONTENT_DIR + "/"
    stack: list[str] = []
    for name in WATCHED:
        path = os.path.join(top, name)
        if os.path.isfile(path):
            st = os.stat(path)
            entries.append((name, st.st_size, st.st_mtime_ns))
        elif os.path.isdir(path):
            stack.append(name)
    while stack:
        rel_dir = stack.pop()
        try:
            scan = list(os.scandir(os.path.join(top, rel_dir)))
        except OSError:
            continue
        for entry in scan:
            if entry.name.startswith("."):
                continue
            rel = f"{rel_dir}/{entry.name}"
            if rel.startswith(docs_prefix) and layout.is_generated(rel[len(docs_prefix):] + (
                    "/x" if entry.is_dir() else "")):
                continue
            if entry.is_dir():
                stack.append(rel)
                continue
            try:
                st = entry.stat()
            except OSError:
                continue  # removed while scanning
            entries.append((rel, st.st_size, st.st_mtime_ns))
    return tuple(sorted(entries))


@dataclass
class Loaded:
    """A project and its generated pages for one fingerprint."""

    key: tuple[tuple[str, int, int], ...]
    project: Project
    pages: list[GeneratedPage] | None = None
    frozen: bool = False  # a one-shot build: sources are not re-checked between languages
    written: bool = False  # the generated pages are already on disk (written by the build runner)
    pending: bool = False  # preview: generated pages are to be regenerated after this build


_CACHE: dict[Path, Loaded] = {}
# Held while the project is reloaded or pages are generated from it: the preview regenerates
# listings in a background thread while the edited page is already shown.
_LOCK = threading.RLock()


def get(root: Path) -> tuple[Loaded, bool]:
    """The cached project for ``root``, reloading it if sources changed; returns (loaded, fresh)."""
    cached = _CACHE.get(root)
    if cached is not None and cached.frozen:
        return cached, False
    with _LOCK:
        cached = _CACHE.get(root)
        key = fingerprint(root)
        if cached is not None and cached.key == key:
            return cached, False
        only = _PREVIEW.get(root)
        loaded = _preview_reload(root, cached, key, only) if only else Loaded(key, load_project(root))
        _CACHE[root] = loaded
        return loaded, True


def current(root: Path) -> Loaded:
    """The project loaded for the build under way, without re-reading file stats.

    The ``ssa-site`` plugin's ``on_config`` (the first event of every build) calls :func:`get`;
    later events of the same build use this, so a preview rebuild scans the sources once.
    """
    cached = _CACHE.get(root)
    return cached if cached is not None else get(root)[0]


# Live preview: languages to generate, per project root (see build_tools.mkdocs_plugins.preview),
# and the source files that changed at the last reload (rendered again even if MkDocs thinks not).
_PREVIEW: dict[Path, tuple[str, ...]] = {}
_CHANGED: dict[Path, set[str]] = {}
# Preview: the content errors of the last build, shown in the browser instead of the pages.
_ERRORS: dict[Path, list[Diagnostic]] = {}


def preview_errors(root: Path) -> list[Diagnostic]:
    """The content errors that stopped the last preview build (empty when it succeeded)."""
    return _ERRORS.get(root, [])


def set_preview_errors(root: Path, diagnostics: list[Diagnostic]) -> None:
    """Record the outcome of a preview build (an empty list clears the error page)."""
    _ERRORS[root] = list(diagnostics)


def changed_sources(root: Path) -> set[str]:
    """Source paths (relative to ``root``) that changed at the last preview reload."""
    return _CHANGED.get(root, set())


def previewing(root: Path) -> bool:
    """True if ``root`` is being served as a live preview."""
    return root in _PREVIEW


def preview(root: Path, languages: list[str]) -> None:
    """Switch ``root`` to preview mode: generate only ``languages``, reload changed documents only."""
    _PREVIEW[root] = tuple(languages)


def _preview_reload(root: Path, cached: Loaded | None, key: tuple[tuple[str, int, int], ...],
                    only: tuple[str, ...]) -> Loaded:
    """Bring the project up to date for the preview, doing as little as the change needs."""
    started = time.perf_counter()
    if cached is not None:
        modified, added, removed = incremental.changed_paths(cached.key, key)
        _CHANGED[root] = modified | added
        if not added and not removed and all(incremental.document_kind(rel) for rel in modified):
            project = cached.project
            meta_changed = incremental.reload_documents(project, modified)
            log.info("preview: reloaded %d document(s) in %.2f s", len(modified), time.perf_counter() - started)
            # Front matter changed: listings and other generated pages name the document. They are
            # regenerated after this build (generate_pending), so the edited page shows first.
            return Loaded(key, project, None, written=cached.written, pending=cached.pending or meta_changed)
    return _preview_generate(root, Loaded(key, load_project(root)), only, started)


def _preview_generate(root: Path, loaded: Loaded, only: tuple[str, ...], started: float) -> Loaded:
    """Regenerate the preview languages' pages (written only if changed; other languages are left alone)."""
    if has_errors(loaded.project.diagnostics):
        return loaded  # the site plugin reports them and stops this build
    generated = generate_pages(loaded.project, list(only))
    result = write_pages(loaded.project.config.docs_dir, generated, remove_stale=False)
    loaded.written = True
    log.info("preview: reloaded and regenerated %d pages (%d changed) in %.2f s",
             len(generated), len(result.written), time.perf_counter() - started)
    return loaded


def generate_pending(root: Path) -> threading.Thread | None:
    """Preview: regenerate the previewed languages' pages in the background if a reload asked for it.

    Called after a preview build, whose edited page is then already shown. Pages whose text
    changed are written, and the live-reload watcher starts the build that renders them. A build
    starting meanwhile waits in :func:`get` until the pages are written.
    """
    loaded = _CACHE.get(root)
    only = _PREVIEW.get(root)
    if loaded is None or not loaded.pending or not only:
        return None

    def run() -> None:
        with _LOCK:
            current = _CACHE.get(root)
            if current is None or not current.pending:
                return
            current.pending = False
            try:
                _preview_generate(root, current, only, time.perf_counter())
            except Exception as exc:  # noqa: BLE001 - the next full build reports it; keep serving
                log.error("preview: regenerating pages failed: %s: %s", exc.__class__.__name__, exc)

    thread = threading.Thread(target=run, name="ssa-preview-generate", daemon=True)
    thread.start()
    return thread


def pages(loaded: Loaded) -> list[GeneratedPage]:
    """Generated pages for a loaded project (computed once)."""
    if loaded.pages is None:
        loaded.pages = generate_pages(loaded.project)
    return loaded.pages


def prime(root: Path, key: tuple[tuple[str, int, int], ...], project: Project,
          generated: list[GeneratedPage] | None, frozen: bool = True, written: bool = False) -> Loaded:
    """Seed the cache with a project the build runner already loaded (and its generated pages).

    ``key`` must be the fingerprint taken *before* loading, so that an edit made meanwhile
    still triggers a reload. A ``frozen`` entry (the default, for one-shot builds) is used as
    is without re-reading file stats at every MkDocs event of every language.
    """
    loaded = Loaded(key, project, generated, frozen, written)
    _CACHE[root] = loaded
    return loaded
