"""Per-process cache of the loaded project, shared by the seven per-language builds.

mkdocs-static-i18n runs the whole build once per language in one process, so parsing and
page generation are done once per content state (keyed by a fingerprint of file stats).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from build_tools import layout
from build_tools.generate import GeneratedPage, generate_pages
from build_tools.project import Project, load_project

WATCHED = ("guidelines", "country_profiles", "locales", "content", "overrides/generators", "mkdocs.yml")


def fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap content fingerprint: path, size and mtime of every watched source file.

    Generated pages (see :func:`build_tools.layout.is_generated`) are left out, so writing them
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


_CACHE: dict[Path, Loaded] = {}


def get(root: Path) -> tuple[Loaded, bool]:
    """The cached project for ``root``, reloading it if sources changed; returns (loaded, fresh)."""
    cached = _CACHE.get(root)
    if cached is not None and cached.frozen:
        return cached, False
    key = fingerprint(root)
    if cached is not None and cached.key == key:
        return cached, False
    loaded = Loaded(key, load_project(root))
    _CACHE[root] = loaded
    return loaded, True


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
