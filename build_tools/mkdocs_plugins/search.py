"""The ``ssa-search`` MkDocs plugin: one search index per language, written under its root.

mkdocs-static-i18n runs every event once per language in one process (default language first,
the others from inside its ``on_post_build``), so pages are collected per language and each
language's index is written at the end of its own build: ``site/search/`` for the default
language, ``site/<lang>/search/`` for the others. Material's ``search`` plugin stays disabled, so
no all-language ``search_index.json`` exists.

Every page a reader can browse in a language is in that language's index (issue 25): its own
pages analysed in its language, and the pages it shows in the default language (fallback copies,
untranslated generated pages, untranslated principles inside a translated guideline) analysed in
the default language and marked as such (``build_tools.search.index``, "Fallback pages").
A language without a Snowball stemmer or stop-word list is indexed anyway, with a warning.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from build_tools.i18n import cldr
from build_tools.mkdocs_plugins import compat, preview_index
from build_tools.mkdocs_plugins.compat import current_language, default_language
from build_tools.mkdocs_plugins.site import project_session
from build_tools.model import kinds
from build_tools.search.analysis import SNOWBALL, missing_analysis
from build_tools.search.extract import extract
from build_tools.search.index import SEARCH_DIR, AnalyzedDoc, BuiltIndex, Fallback, analyze, write_index

log = logging.getLogger("mkdocs.plugins.ssa-search")
_SKIP_KINDS = ("compare", "translation-status", "country-region")


def page_kind(page: Page) -> str:
    """The content type of a page: ``meta.ssa.kind``, else guessed from where it lives."""
    ssa = page.meta.get("ssa")
    if isinstance(ssa, dict) and ssa.get("kind"):
        return str(ssa["kind"])
    src = page.file.src_uri
    folder, _, rest = src.partition("/")
    kind = kinds.by_url_folder(folder) if rest and "/" not in rest and not rest.startswith("index.") else None
    return kind.name if kind is not None else "page"


def _ssa_meta(page: Page) -> dict[str, Any]:
    ssa = page.meta.get("ssa")
    return ssa if isinstance(ssa, dict) else {}


def _language_root(config: MkDocsConfig, lang: str) -> str:
    """The folder of ``lang`` inside site_dir ('' for the default language)."""
    return "" if lang == default_language(config) or compat.builds_one_locale_at_root(config) else lang


class SearchPlugin(BasePlugin):  # type: ignore[type-arg]
    """Collect page text per language and write that language's search index."""

    def __init__(self) -> None:
        # Per language, the analysed documents of each page rendered in this build (documents are
        # analysed as their page renders, so the preview analyses only the pages a dirty rebuild
        # renders again).
        self.rendered: dict[str, dict[str, list[AnalyzedDoc]]] = {}
        self.pages: set[str] = set()
        self.analysis_s: dict[str, float] = {}  # per language, reported with the index (as before analysis moved here)
        #: Seconds spent on each language's index (analysis and writing): the build's progress line shows them.
        self.index_s: dict[str, float] = {}
        self._warned: set[str] = set()

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Start a fresh collection for the language being built (and say what its search lacks)."""
        lang = current_language(config)
        self.rendered[lang] = {}
        self.analysis_s[lang] = 0.0
        if lang not in self._warned:
            self._warned.add(lang)
            for problem in missing_analysis(lang):
                log.warning("search: %s", problem)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Remember the pages of this build (the preview forgets the documents of removed pages)."""
        self.pages = {f.src_uri for f in files.documentation_pages()}
        return files

    def _indexed_as(self, page: Page, config: MkDocsConfig, lang: str, kind: str) -> str | None:
        """The language a page is indexed in: its own, the default one (a page shown untranslated), or
        None (not indexed)."""
        meta_search = page.meta.get("search")
        if isinstance(meta_search, dict) and meta_search.get("exclude"):
            return None
        if kind.endswith("-index") or kind in _SKIP_KINDS:
            return None
        default = default_language(config)
        if lang == default:
            return lang
        if _ssa_meta(page).get("translation_status") in ("missing", "fallback", "untranslated"):
            return default
        src = page.file.src_uri
        if not kinds.is_generated(src) and f".{lang}." not in Path(src).name:
            return default  # a fallback copy of the default-language page
        return lang

    def _context(self, page: Page, kind: str, lang: str) -> str:
        if kind != "good-practice":
            return ""
        ssa = _ssa_meta(page)
        codes = page.meta.get("countries") or ssa.get("countries") or []
        if isinstance(codes, str):
            codes = [codes]
        return ", ".join(cldr.country_name(str(code), lang) for code in codes)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Extract this page's search documents (in the language being built)."""
        lang = current_language(config)
        kind = page_kind(page)
        rendered = self.rendered.setdefault(lang, {})
        indexed_as = self._indexed_as(page, config, lang, kind)
        if indexed_as is None:
            rendered[page.file.src_uri] = []
            return html
        root = _language_root(config, lang)
        url = page.url[len(root) + 1:] if root and page.url.startswith(f"{root}/") else page.url
        started = time.perf_counter()
        context = self._context(page, kind, lang)
        found = extract(html, url=url, title=page.title or "", kind=kind, lang=indexed_as, context=context)
        docs = analyze(found, indexed_as, fallback_of=lang if indexed_as != lang else "")
        if indexed_as == lang and lang != default_language(config) and kind == "guideline":
            # Principles this translation shows in the default language (marked lang="en").
            own = {doc.url for doc in found}
            default = default_language(config)
            shown = [doc for doc in extract(html, url=url, title=page.title or "", kind=kind, lang=default)
                     if doc.kind == "principle" and doc.url not in own]
            docs += analyze(shown, default, fallback_of=lang)
        self.analysis_s[lang] = self.analysis_s.get(lang, 0.0) + time.perf_counter() - started
        rendered[page.file.src_uri] = docs
        return html

    def on_page_context(  # type: ignore[override]
        self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        """Tell the search partial where this language's index lives, relative to the page."""
        lang = current_language(config)
        root = _language_root(config, lang)
        target = f"{root}/{SEARCH_DIR}/" if root else f"{SEARCH_DIR}/"
        context["ssa_search"] = {"url": get_relative_url(target, page.url), "lang": lang,
                                 "stemmer": SNOWBALL.get(lang) or ""}
        return context

    @event_priority(100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write the index of the language just built (before i18n starts the next language)."""
        lang = current_language(config)
        root = _language_root(config, lang)
        out = Path(config.site_dir) / root / SEARCH_DIR
        started = time.perf_counter()
        # Popped in every build: a process builds several languages with this plugin instance, and
        # keeping each language's analysed documents would hold them all until the process ends.
        rendered = self.rendered.pop(lang, {})
        if project_session(config).previewing:
            # A dirty rebuild rendered only the changed pages: index them with all the others,
            # after the build (the edited page is shown first).
            index: preview_index.PreviewIndex[Any] = project_session(config).held(
                "search-preview-index", preview_index.PreviewIndex)
            everything = index.merge(lang, rendered, self.pages)

            fallback = _fallback(config, lang)

            def write(previous: dict[str, str] | None) -> tuple[dict[str, str], str]:
                built = write_index(everything, lang, out, previous, fallback)
                return built.digests, f"{_summary(built)}, {built.written} file(s) written"

            index.write_later(out, write)
            return
        built = write_index([doc for docs in rendered.values() for doc in docs], lang, out,
                            fallback=_fallback(config, lang))
        self.index_s[lang] = time.perf_counter() - started + self.analysis_s.pop(lang, 0.0)
        log.info("%s in %.1f s", _summary(built), self.index_s[lang])


def _fallback(config: MkDocsConfig, lang: str) -> Fallback | None:
    """The language of ``lang``'s fallback pages (None for the default language)."""
    default = default_language(config)
    return None if lang == default else Fallback(default)


def _summary(built: BuiltIndex) -> str:
    return (f"search index {built.lang}: {built.docs} documents, {built.terms} terms, {built.shards} shards, "
            f"{built.chunks} chunks, {built.bytes / 1024:.0f} KB")
