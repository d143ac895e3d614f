"""The loaded project of one build process, shared by its per-language builds and preview rebuilds.

mkdocs-static-i18n runs the whole build once per language in one process, so parsing and
page generation are done once per content state (keyed by a fingerprint of file stats). A
:class:`ProjectSession` holds that state for one project root; the build pipeline makes one and
hands it to the engine's adapters (the ``ssa-site`` plugin keeps it on its instance), and the
live preview keeps one across rebuilds. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from build_tools.checks.diagnostics import Diagnostic
from build_tools.generate import GeneratedPage, generate_pages, write_pages
from build_tools.model import incremental, kinds, layout
from build_tools.model.project import Project, load_project
from build_tools.output.link_check import PreviewLinks

log = logging.getLogger("mkdocs.plugins.ssa-site")  # the name editors see in the preview's log lines
T = TypeVar("T")

WATCHED = ("guidelines", "country_profiles", "locales", "content", "overrides/generators", "mkdocs.yml")


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap content fingerprint: path, size and mtime of every watched source file.

    Generated pages (see :func:`build_tools.model.kinds.is_generated`) are left out, so writing them
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
            if rel.startswith(docs_prefix) and kinds.is_generated(rel[len(docs_prefix):] + (
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



class ProjectSession:
    """The project loaded for ``root`` (and its generated pages), reloaded when sources change.

    In a live preview (:meth:`preview`), a changed document is re-read alone and only the
    previewed languages' pages are regenerated.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.loaded: Loaded | None = None
        # Live preview: languages to generate, and the source files that changed at the last
        # reload (rendered again even if MkDocs thinks not).
        self.preview_languages: tuple[str, ...] = ()
        self.changed: set[str] = set()
        # Live preview: the content errors of the last build, shown in the browser instead of the pages.
        self.errors: list[Diagnostic] = []
        # Live preview: the link check's parsed pages, kept across rebuilds (output.link_check.PreviewLinks).
        self.links: PreviewLinks | None = None
        # Held while the project is reloaded or pages are generated from it: the preview regenerates
        # listings in a background thread while the edited page is already shown.
        self.lock = threading.RLock()
        # What engine adapters keep for the life of this session (see :meth:`held`).
        self._held: dict[str, Any] = {}

    def held(self, key: str, make: Callable[[], T]) -> T:
        """The object an adapter keeps under ``key`` for this session, made by ``make()`` the first time.

        MkDocs makes new plugin instances for every preview rebuild, so what must outlive one build
        (compiled templates, the preview's search documents, what was last written) lives here, on
        the session, not in module globals: a second session in the same process starts empty.
        """
        with self.lock:
            if key not in self._held:
                self._held[key] = make()
            return cast(T, self._held[key])

    def get(self) -> tuple[Loaded, bool]:
        """The project, reloaded if sources changed; returns (loaded, fresh)."""
        cached = self.loaded
        if cached is not None and cached.frozen:
            return cached, False
        with self.lock:
            cached = self.loaded
            key = fingerprint(self.root)
            if cached is not None and cached.key == key:
                return cached, False
            only = self.preview_languages
            loaded = self._preview_reload(cached, key, only) if only else Loaded(key, load_project(self.root))
            self.loaded = loaded
            return loaded, True

    def current(self) -> Loaded:
        """The project loaded for the build under way, without re-reading file stats.

        The ``ssa-site`` plugin's ``on_config`` (the first event of every build) calls :meth:`get`;
        later events of the same build use this, so a preview rebuild scans the sources once.
        """
        cached = self.loaded
        return cached if cached is not None else self.get()[0]

    def changed_sources(self) -> set[str]:
        """Source paths (relative to the root) that changed at the last preview reload."""
        return self.changed

    def preview_errors(self) -> list[Diagnostic]:
        """The content errors that stopped the last preview build (empty when it succeeded)."""
        return self.errors

    def set_preview_errors(self, diagnostics: list[Diagnostic]) -> None:
        """Record the outcome of a preview build (an empty list clears the error page)."""
        self.errors = list(diagnostics)

    def preview_link_errors(self, project: Project) -> list[Diagnostic]:
        """Preview: the broken links and missing images of the previewed language (shown with the content errors)."""
        if not self.preview_languages:
            return []
        if self.links is None:
            self.links = PreviewLinks()
        return self.links.check(project, self.preview_languages[0])

    @property
    def previewing(self) -> bool:
        """True if the project is being served as a live preview."""
        return bool(self.preview_languages)

    def preview(self, languages: list[str]) -> None:
        """Switch to preview mode: generate only ``languages``, reload changed documents only."""
        self.preview_languages = tuple(languages)

    def _preview_reload(self, cached: Loaded | None, key: tuple[tuple[str, int, int], ...],
                        only: tuple[str, ...]) -> Loaded:
        """Bring the project up to date for the preview, doing as little as the change needs."""
        started = time.perf_counter()
        if cached is not None:
            modified, added, removed = incremental.changed_paths(cached.key, key)
            self.changed = modified | added
            if not added and not removed and all(incremental.document_kind(rel) for rel in modified):
                project = cached.project
                meta_changed = incremental.reload_documents(project, modified)
                log.info("preview: reloaded %d document(s) in %.2f s", len(modified), time.perf_counter() - started)
                # Front matter changed: listings and other generated pages name the document. They are
                # regenerated after this build (generate_pending), so the edited page shows first.
                return Loaded(key, project, None, written=cached.written, pending=cached.pending or meta_changed)
        return _preview_generate(Loaded(key, load_project(self.root)), only, started)

    def generate_pending(self) -> threading.Thread | None:
        """Preview: regenerate the previewed languages' pages in the background if a reload asked for it.

        Called after a preview build, whose edited page is then already shown. Pages whose text
        changed are written, and the live-reload watcher starts the build that renders them. A build
        starting meanwhile waits in :meth:`get` until the pages are written.
        """
        loaded = self.loaded
        only = self.preview_languages
        if loaded is None or not loaded.pending or not only:
            return None

        def run() -> None:
            with self.lock:
                current = self.loaded
                if current is None or not current.pending:
                    return
                current.pending = False
                try:
                    # Only documents' front matter changed (see _preview_reload): open data are made
                    # from profiles and locale files, so they stay as written.
                    _preview_generate(current, only, time.perf_counter(), pages_only=True)
                except Exception as exc:  # noqa: BLE001 - the next full build reports it; keep serving
                    log.error("preview: regenerating pages failed: %s: %s", exc.__class__.__name__, exc)

        thread = threading.Thread(target=run, name="ssa-preview-generate", daemon=True)
        thread.start()
        return thread

    def prime(self, key: tuple[tuple[str, int, int], ...], project: Project,
              generated: list[GeneratedPage] | None, frozen: bool = True, written: bool = False) -> Loaded:
        """Seed the session with a project the build pipeline already loaded (and its generated pages).

        ``key`` must be the fingerprint taken *before* loading, so that an edit made meanwhile
        still triggers a reload. A ``frozen`` entry (the default, for one-shot builds) is used as
        is without re-reading file stats at every MkDocs event of every language.
        """
        loaded = Loaded(key, project, generated, frozen, written)
        self.loaded = loaded
        return loaded


def _preview_generate(loaded: Loaded, only: tuple[str, ...], started: float, pages_only: bool = False) -> Loaded:
    """Regenerate the preview languages' pages (written only if changed; other languages are left alone).

    ``pages_only`` leaves the open-data files (CSV, JSON, workbooks) as they are.
    """
    if loaded.project.blocking():
        return loaded  # the site plugin reports them and stops this build
    generated = generate_pages(loaded.project, list(only), pages_only=pages_only)
    result = write_pages(loaded.project.config.docs_dir, generated, remove_stale=False)
    loaded.written = True
    log.info("preview: reloaded and regenerated %d pages (%d changed)%s in %.2f s", len(generated),
             len(result.written), ", open data left as they were" if pages_only else "", time.perf_counter() - started)
    return loaded


def pages(loaded: Loaded) -> list[GeneratedPage]:
    """Generated pages for a loaded project (computed once)."""
    if loaded.pages is None:
        loaded.pages = generate_pages(loaded.project)
    return loaded.pages
