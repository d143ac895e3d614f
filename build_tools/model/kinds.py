"""The content-type registry: one declaration per kind of content, read by every stage.

Each content-type module of this package (``guidelines``, ``country_profiles``,
``good_practices``, ``reports``, ``pages``) declares its own :class:`ContentKind` with
:func:`register`: where its sources live, their extension and schema, how they load, how their
translations load and are reported, where they are published and how search labels them.
Loading (``project``), live reloading (``incremental``), translation status
(``i18n.translation_status``), the status page, feeds, search and the collections plugin ask the
registry instead of knowing the kinds. A new kind is a new module here that registers itself (it
is found by :func:`kinds`), plus its schema and templates.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from build_tools.checks.diagnostics import Diagnostic
from build_tools.model import layout
from build_tools.model.base import SourceFile, Translation, TranslationReport

Loader = Callable[[SourceFile], tuple[Any, list[Diagnostic]]]
TranslationLoader = Callable[[SourceFile, Any], tuple[Translation | None, list[Diagnostic]]]


@dataclass(frozen=True)
class ContentKind:
    """Everything the pipeline needs to know about one kind of content."""

    name: str  # "good-practice": the kind in reports, search documents and feeds
    folder: str  # where sources live: relative to docs_dir if ``in_docs`` ("good-practices"), else to the root
    ext: str  # "md" or "yml"
    schema: str  # JSON Schema of the source (build_tools/schemas/<schema>.schema.json)
    load: Loader
    load_translation: TranslationLoader  # (translation file, loaded source item)
    translation_report: Callable[[Any, str], TranslationReport]  # (item, lang)
    stamp_hashes: Callable[[Any, Translation], dict[str, str]]
    in_docs: bool = False  # sources are Markdown pages inside docs_dir (MkDocs renders them directly)
    order: int = 100  # loading and reporting order (lower first)
    attribute: str | None = None  # the Project attribute holding the items, if it has one
    url_folder: str | None = None  # items are published at <url_folder>/<id>/ (None: no such folder)
    label_key: str = "search.type_page"  # locale key naming the kind to readers
    owns_folder: bool = False  # every file in ``folder`` must be of this kind (else: only *.<ext>)
    stem_rule: str | None = None  # "iso2": file stems are two-letter country codes
    keyed_by_path: bool = False  # items keyed by their path under docs_dir (plain pages), not by ID
    claims_ids: bool = False  # item IDs share one namespace with the other kinds' IDs
    tagged: bool = False  # front matter refers to guidelines, principles, countries and topics
    in_feed: bool = False  # items appear in the Atom feed of each language
    header_template: str | None = None  # HTML template put before each item's rendered body
    listing_template: str | None = None  # generic listing page at <url_folder>/index.md
    scaffold_template: str | None = None  # skeleton for `python -m build_tools new` (build_tools/data/scaffold/)

    @property
    def reloadable(self) -> bool:
        """Editor Markdown documents that the live preview re-reads in place."""
        return self.in_docs


_REGISTRY: dict[str, ContentKind] = {}
_ORDERED: list[ContentKind] = []
_discovered = False


def register(kind: ContentKind) -> ContentKind:
    """Declare a content kind (a module calls this once, at import); returns it."""
    existing = _REGISTRY.get(kind.name)
    if existing is not None and existing != kind:
        raise ValueError(f"content kind '{kind.name}' is declared twice")
    _REGISTRY[kind.name] = kind
    _ORDERED.clear()
    return kind


def unregister(name: str) -> None:
    """Remove a kind (tests that declare a temporary kind)."""
    _REGISTRY.pop(name, None)
    _ORDERED.clear()


@contextmanager
def registered(kind: ContentKind) -> Iterator[ContentKind]:
    """Register ``kind`` for the duration of a ``with`` block."""
    kinds()
    register(kind)
    try:
        yield kind
    finally:
        unregister(kind.name)


def _discover() -> None:
    """Import every module of this package once, so that each content-type module registers itself."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    package = importlib.import_module("build_tools.model")
    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"build_tools.model.{info.name}")


def kinds() -> list[ContentKind]:
    """Every registered kind, in loading order."""
    _discover()
    if not _ORDERED:
        _ORDERED.extend(sorted(_REGISTRY.values(), key=lambda k: (k.order, k.name)))
    return list(_ORDERED)


def get(name: str) -> ContentKind | None:
    """The kind called ``name``, if registered."""
    _discover()
    return _REGISTRY.get(name)


def for_file(path: Path, root: Path, docs_dir: Path) -> ContentKind | None:
    """The kind of the source file ``path`` from where it lives, or None if it is no kind's source."""
    def rel(base: Path) -> str | None:
        try:
            return path.relative_to(base).as_posix()  # the common case: found by walking ``base``
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            return None

    return match(rel(root), rel(docs_dir))


def match(root_rel: str | None, docs_rel: str | None) -> ContentKind | None:
    """The kind of a source from its path relative to the project root and to docs_dir (None: outside).

    The deepest folder wins, so ``reports/x.md`` in docs_dir is a report although docs_dir holds
    plain pages. Kinds that do not own their folder only claim files with their extension, and
    generated pages inside docs_dir belong to no kind.
    """
    best: ContentKind | None = None
    for kind in kinds():
        rel = docs_rel if kind.in_docs else root_rel
        folder = kind.folder.strip("/")
        if rel is None or (folder and not rel.startswith(folder + "/")):
            continue
        if not kind.owns_folder and not rel.endswith(f".{kind.ext}"):
            continue
        if kind.in_docs and is_generated(rel):
            continue
        if best is None or (best.in_docs == kind.in_docs and len(folder) > len(best.folder.strip("/"))):
            best = kind
    return best


def for_outside_file(path: Path) -> ContentKind | None:
    """The kind of a file outside the project (checked in its context) from the folder names around it.

    ``incoming/good-practices/x.md`` is a good practice: the kind whose folder names appear in the
    path (the most specific one wins), else the kind of docs_dir's own Markdown pages.
    """
    dirs = path.resolve().parent.parts
    best: tuple[int, ContentKind] | None = None
    for kind in kinds():
        segments = tuple(s for s in kind.folder.strip("/").split("/") if s)
        if segments and not any(dirs[i:i + len(segments)] == segments for i in range(len(dirs))):
            continue
        if not kind.owns_folder and path.suffix != f".{kind.ext}":
            continue
        if not segments and not kind.in_docs:
            continue
        if best is None or len(segments) > best[0]:
            best = (len(segments), kind)
    return best[1] if best else None


def source_path(kind: ContentKind, root: Path, docs_dir: Path, stem: str) -> Path:
    """Where the default-language source of item ``stem`` of ``kind`` lives."""
    return (docs_dir if kind.in_docs else root) / kind.folder.strip("/") / f"{stem}.{kind.ext}"


def source_folders(root: Path, docs_dir: Path) -> list[Path]:
    """The distinct folders that hold sources (a folder inside another one is left out)."""
    candidates: dict[Path, Path] = {}  # resolved -> as given
    for kind in kinds():
        folder = (docs_dir if kind.in_docs else root) / kind.folder.strip("/")
        candidates.setdefault(folder.resolve(), folder)
    out = [given for real, given in candidates.items()
           if not any(real != other and real.is_relative_to(other) for other in candidates)]
    return out


def by_url_folder(folder: str) -> ContentKind | None:
    """The kind published under ``folder`` (the first part of a page path), if any."""
    return next((k for k in kinds() if k.url_folder == folder), None)


def listing_prefixes() -> tuple[str, ...]:
    """Generated listing files (relative to docs_dir) of kinds with a generic listing page."""
    return tuple(f"{k.url_folder}/index." for k in kinds() if k.listing_template and k.url_folder)


def generated_prefixes() -> tuple[str, ...]:
    """Single generated files: :data:`layout.GENERATED_PREFIXES` plus the listings content kinds declare."""
    return layout.GENERATED_PREFIXES + listing_prefixes()


def is_generated(docs_rel: str) -> bool:
    """True if a path relative to docs_dir is a generated page (never an editor's file)."""
    path = PurePosixPath(docs_rel)
    if path.parts and path.parts[0] in layout.GENERATED_DIRS:
        return True
    return any(docs_rel.startswith(prefix) for prefix in generated_prefixes())
