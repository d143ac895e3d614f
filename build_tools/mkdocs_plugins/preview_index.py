"""Live preview: keep every page's search documents across dirty rebuilds.

A dirty rebuild renders only the pages whose source changed, so a search index written from
that build alone would hold those pages only (search would stop working after the first edit).
This keeps the documents of every page, per language, and replaces those of the pages rendered
again. It is specific to an index written at the end of each build from the pages rendered in it
(the ``ssa-search`` plugin); an engine that indexes the built HTML folder as a whole (e.g.
Pagefind) sees every page anyway, and would not need it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar

Doc = TypeVar("Doc")


class PreviewIndex(Generic[Doc]):
    """Search documents by language and page, merged build after build."""

    def __init__(self) -> None:
        self._pages: dict[str, dict[str, list[Doc]]] = {}

    def merge(self, lang: str, rendered: dict[str, list[Doc]], existing_pages: Iterable[str]) -> list[Doc]:
        """Replace the documents of the ``rendered`` pages, forget pages that no longer exist.

        ``rendered`` maps each page rendered in this build to its documents (an empty list for a
        page that is no longer indexed); returns every document of ``lang``, ordered by page.
        """
        pages = self._pages.setdefault(lang, {})
        pages.update(rendered)
        keep = set(existing_pages)
        for gone in [src for src in pages if src not in keep]:
            del pages[gone]
        return [doc for src in sorted(pages) for doc in pages[src]]


# MkDocs loads the configuration, and so new plugin instances, for every preview rebuild:
# the documents are kept here, per project root, for the life of the process.
_INDEXES: dict[Path, PreviewIndex[Any]] = {}


def for_root(root: Path) -> PreviewIndex[Any]:
    """The preview index of the project at ``root``."""
    return _INDEXES.setdefault(root, PreviewIndex())
