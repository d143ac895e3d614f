"""Live preview: keep every page's search documents across dirty rebuilds, and write the index late.

A dirty rebuild renders only the pages whose source changed, so a search index written from
that build alone would hold those pages only (search would stop working after the first edit).
This keeps the analysed documents of every page, per language, and replaces those of the pages
rendered again; only those are analysed again. It is specific to an index written at the end of
each build from the pages rendered in it (the ``ssa-search`` plugin); an engine that indexes the
built HTML folder as a whole (e.g. Pagefind) sees every page anyway, and would not need it.

Writing a portal's index (a thousand documents per language: scores, shards, excerpts) takes
seconds, and the edited page need not wait for it: after a rebuild the index is written in a
background thread, only the files whose text changed, and a newer rebuild's index supersedes an
older one that has not started yet. Search in the preview is then up to date a moment after
the page is.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

Doc = TypeVar("Doc")
log = logging.getLogger("mkdocs.plugins.ssa-search")


class PreviewIndex(Generic[Doc]):
    """Search documents by language and page, merged build after build."""

    def __init__(self) -> None:
        self._pages: dict[str, dict[str, list[Doc]]] = {}
        self._digests: dict[Path, dict[str, str]] = {}
        self._generation: dict[Path, int] = {}
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()

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

    def write_later(self, out: Path, write: Callable[[dict[str, str] | None], tuple[dict[str, str], str]]
                    ) -> threading.Thread:
        """Run ``write(previous_digests)`` for the index folder ``out`` in a background thread.

        ``write`` returns the digests of the files it wrote (passed to the next write into ``out``,
        so that only changed files are written) and a line for the log. A write requested while
        another waits replaces it; writes into one folder never overlap.
        """
        with self._lock:
            generation = self._generation.get(out, 0) + 1
            self._generation[out] = generation

        def run() -> None:
            with self._write_lock:
                if self._generation.get(out) != generation:
                    return  # a newer build asked for this folder's index meanwhile
                started = time.perf_counter()
                try:
                    digests, summary = write(self._digests.get(out))
                except Exception as exc:  # noqa: BLE001 - the preview keeps serving; a full build reports it
                    self._digests.pop(out, None)
                    log.error("preview: writing the search index failed: %s: %s", exc.__class__.__name__, exc)
                    return
                self._digests[out] = digests
                log.info("%s in %.1f s (after the pages)", summary, time.perf_counter() - started)

        thread = threading.Thread(target=run, name="ssa-preview-search", daemon=True)
        thread.start()
        return thread
