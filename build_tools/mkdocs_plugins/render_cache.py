"""Convert an untranslated page's Markdown once per build process, not once per language.

mkdocs-static-i18n builds every language in full. A page without a translation is rendered in
each language from the same default-language file, and (since the per-language metadata box of
good practices and reports is added after rendering) from the same Markdown. Its HTML is then
identical in every language as long as every relative link in it points to a page: pages sit at
the same place below each language root (``x/`` and ``fr/x/``), so ``../y/`` means the same in
both, while a link to an asset (``../img/a.png``) would not. Only such portable results are
kept, keyed by the page's place below its language root and the Markdown itself.

Python-Markdown takes about half of a language build; on the portal corpus about half of the
editor pages of a non-default language are such fallbacks.

This module holds the cache; :func:`build_tools.mkdocs_plugins.compat.install_render_cache` wraps
``Page.render`` with it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from build_tools.model import kinds, layout

_URL_ATTR = re.compile(r'\s(?:href|src|srcset|data|poster|action)="([^"]*)"')
# A relative URL that names a page (directory URL), possibly with an anchor, or an anchor alone.
_PAGE_URL = re.compile(r"^(?:#.*|(?:\.\./|\./)*(?:[^/?#.:][^?#:]*/)?(?:#.*)?)$")
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|/)")


@dataclass(frozen=True)
class Rendered:
    """What ``Page.render`` leaves on a page."""

    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]


class RenderCache:
    """Rendered pages of default-language sources, by place below the language root and Markdown."""

    def __init__(self, languages: set[str]) -> None:
        self.languages = languages
        self.entries: dict[tuple[str, str], Rendered] = {}
        self.hits = 0
        self.lookups = 0  # untranslated pages seen: unlike hits, it does not depend on build order

    def key(self, src_path: str, src_uri: str, dest_uri: str, markdown: str) -> tuple[str, str] | None:
        """The cache key of a page, or None if the page is not an untranslated editor page."""
        name = layout.split_name(PurePosixPath(src_path).name)
        if name is None or name.lang is not None or kinds.is_generated(src_uri):
            return None
        parts = dest_uri.split("/", 1)
        place = parts[1] if len(parts) == 2 and parts[0] in self.languages else dest_uri
        return place, hashlib.blake2b(markdown.encode("utf-8"), digest_size=20).hexdigest()

    def get(self, key: tuple[str, str]) -> Rendered | None:
        """The stored rendering for ``key``, if any."""
        found = self.entries.get(key)
        self.lookups += 1
        if found is not None:
            self.hits += 1
        return found

    def put(self, key: tuple[str, str], rendered: Rendered) -> None:
        """Keep ``rendered`` if its HTML means the same under every language root."""
        if portable(rendered.content):
            self.entries[key] = rendered


def portable(html: str) -> bool:
    """True if every URL in ``html`` is absolute, an anchor, or a relative link to a page."""
    for match in _URL_ATTR.finditer(html):
        url = match.group(1)
        if _ABSOLUTE.match(url):
            continue
        if not _PAGE_URL.match(url):
            return False
    return True
