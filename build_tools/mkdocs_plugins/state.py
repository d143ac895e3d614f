"""Per-process cache of the loaded project, shared by the seven per-language builds.

mkdocs-static-i18n runs the whole build once per language in one process, so parsing and
page generation are done once per content state (keyed by a fingerprint of file stats).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from build_tools.generate import GeneratedPage, generate_pages
from build_tools.project import Project, load_project

WATCHED = ("guidelines", "country_profiles", "locales", "content", "overrides/generators", "mkdocs.yml")


def fingerprint(root: Path, docs_generated: set[str] | None = None) -> tuple[tuple[str, int, int], ...]:
    """Cheap content fingerprint: path, size and mtime of every watched source file."""
    entries: list[tuple[str, int, int]] = []
    for name in WATCHED:
        base = root / name
        if base.is_file():
            st = base.stat()
            entries.append((name, st.st_size, st.st_mtime_ns))
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            if rel_dir.startswith("content/") and rel_dir.split("/")[1] in (
                "guidelines", "self-assessment", "countries", "status", "_listing"
            ):
                dirnames[:] = []
                continue
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for fname in filenames:
                if fname.startswith(".") or fname.startswith("index.") and rel_dir in (
                    "content/good-practices", "content/reports"
                ):
                    continue
                st = (Path(dirpath) / fname).stat()
                entries.append((f"{rel_dir}/{fname}", st.st_size, st.st_mtime_ns))
    return tuple(sorted(entries))


@dataclass
class Loaded:
    """A project and its generated pages for one fingerprint."""

    key: tuple[tuple[str, int, int], ...]
    project: Project
    pages: list[GeneratedPage] | None = None


_CACHE: dict[Path, Loaded] = {}


def get(root: Path) -> tuple[Loaded, bool]:
    """The cached project for ``root``, reloading it if sources changed; returns (loaded, fresh)."""
    key = fingerprint(root)
    cached = _CACHE.get(root)
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
