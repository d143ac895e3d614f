"""Link checker: every internal link and anchor must resolve in every language (error E181).

Two checks share this module; neither imports MkDocs.

* :func:`check_sources` works on Markdown sources (editor pages and generated pages) before
  anything is built. It knows which page each URL maps to in each language (a missing
  translation falls back to the English text, as on the site) and which anchors each page
  has (explicit ``{ #id }``/``id="..."`` anchors, and heading anchors), and reports a broken
  link at its line in the file that holds it. It is part of validation.
* :func:`check_built_site` works on the built HTML, where every URL, file and ``id`` is
  final. The MkDocs adapter runs it after the last language is built and maps each page
  back to its source file, so that the build fails with the file and line to fix.
"""

from __future__ import annotations

import difflib
import importlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from build_tools.checks import md_links
from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.md_links import is_external
from build_tools.checks.reading import relative_path
from build_tools.model import kinds, layout
from build_tools.model.site_config import PythonCall
from build_tools.output.theme import CONTENT_CLASS

if TYPE_CHECKING:
    from build_tools.model.project import Project

_SUFFIXED = re.compile(r"^(?P<stem>.+)\.(?P<lang>[A-Za-z_]{2,8})\.md$")

# Built HTML: the reader-facing content of a Material page, and every id in a page.
_CONTENT_START = re.compile(rf"<(?:article)\b[^>]*\b{CONTENT_CLASS}\b[^>]*>")  # a pattern, not markup
_CONTENT_END = re.compile(r"<footer\b|</main>")
_BUILT_ID = re.compile(r"\s(?:id|name)=\"([^\"]+)\"")
_BUILT_URL = re.compile(r"\s(?:href|src)=\"([^\"]*)\"")

Link = md_links.Link


@dataclass
class SourcePage:
    """The Markdown text shown at one page URL in one language."""

    key: str  # language-neutral path relative to docs_dir, e.g. "good-practices/gp-x.md"
    lang: str  # language of the URL the text is shown at
    rel: str  # file that holds the text, relative to the project root (for diagnostics)
    text: str
    site: SiteSources | None = field(default=None, repr=False, compare=False)
    parsed_anchors: set[str] | None = field(default=None, repr=False)
    parsed_links: list[Link] | None = field(default=None, repr=False)

    @property
    def anchors(self) -> set[str]:
        """The anchors of the page (parsed when first asked for)."""
        if self.parsed_anchors is None:
            self._parse()
        return self.parsed_anchors or set()

    @property
    def links(self) -> list[Link]:
        """The links of the page (parsed when first asked for)."""
        if self.parsed_links is None:
            self._parse()
        return self.parsed_links or []

    def _parse(self) -> None:
        if self.site is None:
            parsed = md_links.parse(self.text)
            self.parsed_anchors, self.parsed_links = md_links.anchors(parsed, make_slugify(None)), parsed.links
        else:
            self.site.parse_page(self)


def extract_links(text: str) -> list[Link]:
    """Every link target in a Markdown text (links, images, HTML href/src), found on parser tokens.

    Links inside code (fenced or indented blocks, code spans) are not links and are not returned.
    """
    return md_links.extract_links(text)


Slugify = Callable[[str, str], str]


def make_slugify(call: PythonCall | None) -> Slugify:
    """The heading-id function the build uses: the ``toc`` extension's configured ``slugify``.

    mkdocs.yml names it as ``!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}``:
    the named factory is called with those keywords, as MkDocs does. Without one, Python-Markdown's
    default (ASCII) slugify.
    """
    if call is None:
        from markdown.extensions.toc import slugify

        return slugify
    module, _, name = call.name.rpartition(".")
    factory = getattr(importlib.import_module(module), name)
    return factory(**dict(call.kwds))  # type: ignore[no-any-return]


def extract_anchors(text: str, slugify: Slugify | None = None) -> set[str]:
    """Anchors a Markdown page defines: explicit ids, attr_list ``#id`` and heading slugs (``slugify``)."""
    return md_links.anchors(md_links.parse(text), slugify or make_slugify(None))


def page_url(key: str) -> str:
    """The directory URL of a page from its language-neutral docs path (``a/b.md`` -> ``a/b/``)."""
    stem = key[:-3] if key.endswith(".md") else key
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


@dataclass
class SiteSources:
    """Every page of the site in every language, as Markdown, for checking links before a build."""

    languages: list[str]
    default: str
    slugify: Slugify | None = None
    pages: dict[tuple[str, str], SourcePage] = field(default_factory=dict)  # (lang, key) -> page
    by_url: dict[str, str] = field(default_factory=dict)  # directory URL -> key
    # Folders a linked file (image, PDF) may come from: docs_dir first, then the theme's custom_dir.
    file_roots: list[Path] = field(default_factory=list)
    _parsed: dict[str, md_links.Parsed] = field(default_factory=dict, repr=False)
    #: Folders of generated pages whose links are all made from the model: anchors are read, links are not.
    anchors_only: tuple[str, ...] = ()

    def add(self, key: str, lang: str, rel: str, text: str) -> None:
        """Record the text shown at ``key`` in ``lang`` (add the default language's pages first).

        A translation's headings carry the ids of the English headings (see
        :func:`build_tools.checks.md_links.carried_ids`), as on the built site.
        """
        self.pages[(lang, key)] = SourcePage(key, lang, rel, text, self)
        self.by_url[page_url(key)] = key

    def _parse_text(self, text: str, headings_only: bool = False) -> md_links.Parsed:
        """A text parsed once (a page's mode follows its key, so a text is always read one way)."""
        parsed = self._parsed.get(text)
        if parsed is None:
            parsed = self._parsed[text] = md_links.parse(text, headings_only=headings_only)
            if headings_only:
                parsed.links = []
        return parsed

    def parse_page(self, page: SourcePage) -> None:
        """Parse a page's text (once per distinct text) and give it its links and anchors."""
        slugify = self.slugify or make_slugify(None)
        # Every link of the pages in anchors_only is made by their generator from the content model
        # (no editor wrote one) and is checked in the built HTML; only their anchors are needed
        # here. The status page is megabytes of links at portal scale.
        anchors_only = page.key.startswith(self.anchors_only)
        parsed = self._parse_text(page.text, anchors_only)
        ids = None
        english = self.pages.get((self.default, page.key)) if page.lang != self.default else None
        if english is not None and english.text != page.text:
            ids = md_links.carried_ids(parsed.headings, self._parse_text(english.text, anchors_only).headings,
                                       slugify)
        page.parsed_anchors = md_links.anchors(parsed, slugify, ids)
        page.parsed_links = parsed.links

    def complete(self) -> None:
        """Fill languages without a translation with the default-language page (the site falls back)."""
        for (lang, key), page in list(self.pages.items()):
            if lang != self.default:
                continue
            for other in self.languages:
                self.pages.setdefault((other, key), SourcePage(key, other, page.rel, page.text, self))


def collect_sources(docs_dir: Path, root: Path, languages: list[str], default: str,
                    generated: dict[str, str] | None = None, slugify: Slugify | None = None) -> SiteSources:
    """Read every Markdown page under ``docs_dir``; ``generated`` (docs path -> text) wins over disk."""
    site = SiteSources(languages, default, slugify)
    texts: dict[str, tuple[str, str]] = {}
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*.md")):
            rel_docs = path.relative_to(docs_dir).as_posix()
            if any(part.startswith(".") for part in rel_docs.split("/")):
                continue
            if generated is not None and kinds.is_generated(rel_docs):
                continue  # generated pages come from memory, stale files on disk do not count
            try:
                texts[rel_docs] = (path.read_text("utf-8"), relative_path(path, root))
            except (OSError, UnicodeDecodeError):
                continue  # unreadable files are reported by validation
    for rel_docs, text in (generated or {}).items():
        if rel_docs.endswith(".md"):  # open data (JSON, CSV) and feeds are not pages
            texts[rel_docs] = (text, relative_path(docs_dir / rel_docs, root))
    entries = [(*split_language(rel_docs, languages, default), text, rel) for rel_docs, (text, rel) in texts.items()]
    for key, lang, text, rel in sorted(entries, key=lambda e: (e[1] != default, e[0], e[1])):
        site.add(key, lang, rel, text)
    site.complete()
    return site


def split_language(rel_docs: str, languages: list[str], default: str) -> tuple[str, str]:
    """``a/b.fr.md`` -> (``a/b.md``, ``fr``); ``a/b.md`` -> (``a/b.md``, default)."""
    match = _SUFFIXED.match(rel_docs)
    if match and match["lang"] in languages:
        return f"{match['stem']}.md", match["lang"]
    return rel_docs, default




def _resolve_source_link(site: SiteSources, page: SourcePage, target: str) -> tuple[str | None, str, str | None]:
    """(target key or None if no such page, fragment, problem) for one Markdown link target.

    Returns a key of ``""`` for targets that are not pages (files), which are checked in the built site.
    """
    parts = urlsplit(target)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return page.key, fragment, None
    if path.endswith(".md"):
        base = posixpath.dirname(page.key)
        joined = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join(base, path))
        key, _lang = split_language(joined, site.languages, site.default)
        if (site.default, key) in site.pages:
            return key, fragment, None
        return None, fragment, f"no page {joined}"
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if "." in last and not path.endswith("/"):
        return "", fragment, _missing_file(site, page, path)  # a file: exists among the sources?
    here = page_url(page.key)
    url = path if path.startswith("/") else posixpath.normpath(posixpath.join("/" + here, path))
    url = url.lstrip("/")
    if url in (".", ""):
        url = ""
    elif not url.endswith("/"):
        url += "/"
    first = url.split("/", 1)[0]
    if first in site.languages and first != site.default:
        url = url[len(first) + 1:]
    found = site.by_url.get(url)
    if found is None:
        return None, fragment, f"no page at /{url}" if url else "no home page"
    return found, fragment, None


def _missing_file(site: SiteSources, page: SourcePage, path: str) -> str | None:
    """Why a file linked from an editor's page (an image, a PDF) is missing, or None if it exists.

    Generated pages link to files the build writes (open data, feeds): those are checked in the
    built site only.
    """
    if not site.file_roots or kinds.is_generated(page.key):
        return None
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/"))
        first = joined.split("/", 1)[0]
        if first in site.languages and "/" in joined:
            joined = joined.split("/", 1)[1]
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.key), path))
    if joined.startswith("../") or joined == "..":
        return f"'{path}' points outside the content folder"
    for folder in site.file_roots:
        if (folder / joined).is_file():
            return None
    return f"no file {layout.CONTENT_DIR}/{joined} (images and attachments belong in {layout.CONTENT_DIR}/)"


def check_sources(site: SiteSources, only: str | None = None, files: set[str] | None = None) -> list[Diagnostic]:
    """Check every internal link and anchor of every page in every language.

    ``only`` restricts the check to the pages shown in one language, ``files`` to the pages whose
    text comes from those files (the live preview checks what changed).
    """
    broken: dict[tuple[str, int, int, str, str], set[str]] = {}
    hints: dict[tuple[str, int, int, str, str], str] = {}
    for (lang, _key), page in sorted(site.pages.items()):
        if (only is not None and lang != only) or (files is not None and page.rel not in files):
            continue
        for link in page.links:
            target = link.target.strip()
            if not target or is_external(target):
                continue
            if target.startswith("/") and not kinds.is_generated(page.key):
                absolute = (page.rel, link.line, link.column, target,
                            _SITE_ABSOLUTE)
                hints[absolute] = _relative_hint(site, page, target)
                broken.setdefault(absolute, set()).add(lang)
                continue
            target_key, fragment, problem = _resolve_source_link(site, page, target)
            if problem is None and target_key and fragment:
                target_page = site.pages.get((_link_language(target, lang, site), target_key))
                if target_page is not None and fragment not in target_page.anchors:
                    problem = f"no anchor #{fragment} on the page /{page_url(target_key)}"
            if problem is not None:
                key = (page.rel, link.line, link.column, target, problem)
                broken.setdefault(key, set()).add(lang)
                if key not in hints:  # the same link in every language: look for what it meant once
                    hints[key] = _nearest_hint(site, page, target, target_key, fragment)
    diags: list[Diagnostic] = []
    for (rel, line, col, target, problem), langs in sorted(broken.items()):
        where = "" if problem == _SITE_ABSOLUTE or (len(langs) == 1 and not _is_shared(rel, site)) else (
            " (in every language)" if set(langs) == set(site.languages) else f" (in {', '.join(sorted(langs))})")
        hint = hints.get((rel, line, col, target, problem))
        diags.append(make(rel, line, col, "E181", f"broken link '{target}': {problem}{where}", hint=hint))
    return diags


_SITE_ABSOLUTE = "a site-absolute link does not follow the reader's language (it leads to the same page from every language)"


def _nearest_hint(site: SiteSources, page: SourcePage, target: str, target_key: str | None,
                  fragment: str) -> str:
    """What the editor probably meant: the closest anchor on the target page, or the closest page or file."""
    if target_key:  # the page exists, the anchor does not
        target_page = site.pages.get((site.default, target_key))
        anchors = sorted(target_page.anchors) if target_page is not None else []
        close = difflib.get_close_matches(fragment, anchors, n=1, cutoff=0.5)
        path = target.split("#", 1)[0]
        if close:
            return f"did you mean {path}#{close[0]}?"
        shown = ", ".join(f"#{a}" for a in anchors[:8]) + (" ..." if len(anchors) > 8 else "")
        return (f"the headings of that page give these anchors: {shown}" if anchors
                else "that page has no headings to link to: link to the page without #...")
    wanted = unquote(urlsplit(target).path).rstrip("/")
    stem = wanted.rsplit("/", 1)[-1].removesuffix(".md")
    if target_key == "" and site.file_roots:  # an image or attachment: the closest file of the same type
        suffix = posixpath.splitext(stem)[1]
        files = sorted({f.relative_to(root).as_posix() for root in site.file_roots if root.is_dir()
                        for f in root.rglob(f"*{suffix}") if f.is_file()}) if suffix else []
        names = {f.rsplit("/", 1)[-1]: f for f in files}
        close = difflib.get_close_matches(stem, list(names), n=1, cutoff=0.6)
        if close:
            return f"did you mean {posixpath.relpath(names[close[0]], posixpath.dirname(page.key) or '.')}?"
        return "images and attachments belong in content/, linked relative to this file"
    keys = sorted({key for (_lang, key) in site.pages})
    by_stem: dict[str, list[str]] = {}
    for key in keys:  # "a/b.md" and "a/b/index.md" are both found as "b"
        by_stem.setdefault(key.removesuffix(".md").removesuffix("/index").rsplit("/", 1)[-1], []).append(key)
    close = difflib.get_close_matches(stem, list(by_stem), n=1, cutoff=0.6)
    if close:
        relative = posixpath.relpath(by_stem[close[0]][0], posixpath.dirname(page.key) or ".")
        suffix = f"#{fragment}" if fragment else ""
        return f"did you mean {relative}{suffix}? (links are written to the page's file, relative to this file)"
    return ("link to the page's file, relative to this file (e.g. ../good-practices/gp-xx-example.md); "
            "images and attachments belong in content/")


def _relative_hint(site: SiteSources, page: SourcePage, target: str) -> str:
    """How to write a site-absolute link relative to the page's file (it then stays in the reader's language)."""
    parts = urlsplit(target)
    path = unquote(parts.path).strip("/")
    first = path.split("/", 1)[0]
    if first in site.languages and first != site.default:
        path = path[len(first):].strip("/")
    last = path.rsplit("/", 1)[-1]
    if path.endswith(".md") or ("." in last and not target.rstrip("?#").endswith("/")):
        key = path  # a page's file or an image, attachment
    else:
        key = site.by_url.get(f"{path}/" if path else "", f"{path}.md" if path else "index.md")
    relative = posixpath.relpath(key, posixpath.dirname(page.key) or ".")
    suffix = f"#{parts.fragment}" if parts.fragment else ""
    return (f"write it relative to this file: {relative}{suffix} (a relative link stays in the reader's "
            "language and works wherever the site is published)")


def _link_language(target: str, lang: str, site: SiteSources) -> str:
    """The language of the page a link lands on (an absolute ``/fr/...`` link switches language)."""
    if target.startswith("/"):
        first = target.lstrip("/").split("/", 1)[0]
        return first if first in site.languages else site.default
    return lang


def _is_shared(rel: str, site: SiteSources) -> bool:
    """True if the file's text is shown in more than one language (a source with fallbacks)."""
    return sum(1 for p in site.pages.values() if p.rel == rel) > 1


# --- Built HTML ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BuiltPage:
    """Where a built HTML page came from, for reporting."""

    rel: str  # source file relative to the project root
    text: str  # source text, to find the line of a link


def _content_region(html: str) -> str:
    start = _CONTENT_START.search(html)
    if start is None:
        return ""
    end = _CONTENT_END.search(html, start.end())
    return html[start.end(): end.start() if end else len(html)]


def source_line(text: str, href: str) -> tuple[int, int]:
    """Best guess of the (line, column) of ``href`` in a source text (1, 1 if not found)."""
    parts = urlsplit(href)
    probes = [href, unquote(href)]
    if parts.fragment:
        probes.append(f"#{parts.fragment}")
    if parts.path.strip("/"):
        probes.append(parts.path.rstrip("/").rsplit("/", 1)[-1])
    for probe in probes:
        index = text.find(probe)
        if index >= 0:
            line = text.count("\n", 0, index) + 1
            return line, index - (text.rfind("\n", 0, index) + 1) + 1
    return 1, 1


class BuiltSite:
    """Links and ids of the pages of a built site, collected page by page as they are written.

    Keeping only what the check needs (ids, and the links of the content area) avoids reading
    every HTML file back from disk after the build.
    """

    def __init__(self, whole_page: bool = False) -> None:
        self.whole_page = whole_page
        self.page_ids: dict[str, set[str]] = {}
        self.page_links: dict[str, list[str]] = {}
        self.sources: dict[str, BuiltPage] = {}

    def add_page(self, page_file: str, html: str, source: BuiltPage) -> None:
        """Record one built page (``page_file`` relative to the site folder) and its source."""
        self.page_ids[page_file] = set(_BUILT_ID.findall(html))
        region = html if self.whole_page else _content_region(html)
        self.page_links[page_file] = sorted(set(_BUILT_URL.findall(region)))
        self.sources[page_file] = source

    def merge(self, other: BuiltSite) -> None:
        """Add the pages recorded by ``other`` (built by another process) to this index."""
        self.page_ids.update(other.page_ids)
        self.page_links.update(other.page_links)
        self.sources.update(other.sources)

    def check(self, site_dir: Path) -> list[Diagnostic]:
        """Resolve every recorded link against the files of ``site_dir`` and the recorded ids."""
        files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
        broken: dict[tuple[str, int, int, str, str], list[str]] = {}
        for page_file, hrefs in sorted(self.page_links.items()):
            source = self.sources[page_file]
            for raw in hrefs:
                href = raw.replace("&amp;", "&")
                if not href or is_external(href):
                    continue
                target, fragment = resolve_built(files, page_file, href)
                problem = None
                if target is None:
                    problem = "the target does not exist in the built site"
                elif fragment and target.endswith(".html") and fragment not in self._ids(site_dir, target):
                    problem = f"no anchor #{fragment} on /{target.removesuffix('index.html')}"
                if problem is not None:
                    line, col = source_line(source.text, href)
                    broken.setdefault((source.rel, line, col, href, problem), []).append(page_file)
        diags = []
        for (rel, line, col, href, problem), pages in sorted(broken.items()):
            shown = ", ".join(f"/{p.removesuffix('index.html')}" for p in pages[:3]) + (" ..." if len(pages) > 3 else "")
            diags.append(make(rel, line, col, "E181", f"broken link '{href}': {problem} (on {shown})"))
        return diags

    def _ids(self, site_dir: Path, rel_file: str) -> set[str]:
        if rel_file not in self.page_ids:
            try:
                html = (site_dir / rel_file).read_text("utf-8", errors="replace")
            except OSError:
                html = ""
            self.page_ids[rel_file] = set(_BUILT_ID.findall(html))
        return self.page_ids[rel_file]


def resolve_built(files: set[str], page_file: str, href: str) -> tuple[str | None, str]:
    """(file an internal link of ``page_file`` lands on, or None if missing; its fragment)."""
    parts = urlsplit(href)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return page_file, fragment
    base = posixpath.dirname(page_file)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.normpath(posixpath.join(base, path))
    if joined == ".." or joined.startswith("../"):
        return None, fragment
    joined = "" if joined == "." else joined
    for candidate in (joined, posixpath.join(joined, "index.html")):
        if candidate in files:
            return candidate, fragment
    return None, fragment


def built_sources(root: Path, sources: dict[str, str]) -> dict[str, BuiltPage]:
    """Built file → :class:`BuiltPage`, from built file → source path relative to ``root``.

    Each source is read once, however many built pages come from it ("" when unreadable).
    """
    texts = {rel: _read(root / rel) for rel in set(sources.values())}
    return {page: BuiltPage(rel, texts[rel]) for page, rel in sources.items()}


def check_built_site(site_dir: Path, sources: dict[str, BuiltPage], whole_page: bool = False) -> list[Diagnostic]:
    """Check the links of the built pages listed in ``sources`` (HTML file -> its source).

    Only the page content is checked unless ``whole_page``: navigation, header and footer are
    generated by the theme from the list of pages and cannot point to a missing one.
    """
    built = BuiltSite(whole_page)
    for page_file, source in sorted(sources.items()):
        try:
            html = (site_dir / page_file).read_text("utf-8", errors="replace")
        except OSError:
            continue
        built.add_page(page_file, html, source)
    return built.check(site_dir)


def check_project(project: Project, generated: dict[str, str] | None = None) -> list[Diagnostic]:
    """Check the links of a loaded project; ``generated`` maps docs paths to generated page texts.

    Without ``generated``, the pages are generated in memory (nothing is written). Links written
    in YAML text are checked at their YAML file and line (:func:`check_yaml_text`); the generated
    pages that show them do not report them again.
    """
    from build_tools.generate import status_page

    if generated is None:
        from build_tools.generate import generate_pages

        generated = {page.path: page.text for page in generate_pages(project, pages_only=True)}
    site = collect_sources(project.config.docs_dir, project.root, project.languages,
                           project.config.default_language, generated, make_slugify(project.config.slugify))
    site.file_roots = [project.config.docs_dir, project.root / "overrides"]
    site.anchors_only = (f"{status_page.FOLDER}/",)
    yaml_diags, reported = check_yaml_text(project, site)
    page_diags = [d for d in check_sources(site) if not _shown_from_yaml(d, site, project, reported)]
    return sorted(yaml_diags + attribute_generated(page_diags, project))


class PreviewLinks:
    """The link check of the live preview: the previewed language only, each text parsed again only when changed.

    Broken links and missing images then show in the preview's error list, as they would stop the
    build, instead of as a broken icon on the page. One instance lives as long as the preview.
    """

    def __init__(self) -> None:
        self.parsed: dict[str, md_links.Parsed] = {}
        self.files: dict[str, tuple[int, int, str]] = {}  # path -> (mtime_ns, size, text)
        self.checked: dict[str, str] | None = None  # file -> text at the last check (None: not started)
        self.failing: set[str] = set()  # files with a broken link at the last check

    def _read(self, path: Path) -> str | None:
        """The text of a page, read again only if its size or time changed (None if unreadable)."""
        try:
            st = path.stat()
            cached = self.files.get(str(path))
            if cached is not None and cached[:2] == (st.st_mtime_ns, st.st_size):
                return cached[2]
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return None  # reported by validation
        self.files[str(path)] = (st.st_mtime_ns, st.st_size, text)
        return text

    def check(self, project: Project, lang: str) -> list[Diagnostic]:
        """Broken links of the pages shown in ``lang`` (generated pages as written on disk), and of YAML text."""
        default = project.config.default_language
        docs = project.config.docs_dir
        wanted = [default] if lang == default else [default, lang]
        entries: list[tuple[str, str, str, str]] = []
        for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
            rel_docs = path.relative_to(docs).as_posix()
            if any(part.startswith(".") for part in rel_docs.split("/")):
                continue
            key, page_lang = split_language(rel_docs, project.languages, default)
            if page_lang not in wanted:
                continue
            text = self._read(path)
            if text is not None:
                entries.append((key, page_lang, text, relative_path(path, project.root)))
        site = SiteSources(wanted, default, make_slugify(project.config.slugify))
        site._parsed = {text: self.parsed[text] for _k, _l, text, _r in entries if text in self.parsed}
        for key, page_lang, text, rel in sorted(entries, key=lambda e: (e[1] != default, e[0])):
            site.add(key, page_lang, rel, text)
        site.complete()
        site.file_roots = [docs, project.root / "overrides"]
        texts = {rel: text for _k, _l, text, rel in entries}
        # The pages whose text changed since the last check (an edited page, pages generated again after
        # a YAML edit) and those that had a broken link; at the start, none: the preview starts without
        # parsing every page (the build and `validate` check them all).
        previous = self.checked
        files = set() if previous is None else {rel for rel, text in texts.items() if previous.get(rel) != text}
        files |= self.failing & texts.keys()
        self.checked = texts
        yaml_diags, reported = check_yaml_text(project, site)
        page_diags = [d for d in check_sources(site, only=lang, files=files)
                      if not _shown_from_yaml(d, site, project, reported)]
        diags = sorted(yaml_diags + attribute_generated(page_diags, project))
        self.failing = {d.path for d in page_diags}
        self.parsed = site._parsed  # only the texts parsed for today's pages are kept
        return diags


def _yaml_sources(project: Project) -> list[tuple[str, Any]]:
    """(file, parsed data with positions) of every YAML file whose text is shown on pages."""
    out: list[tuple[str, Any]] = []
    for profile in project.profiles.values():
        out.append((profile.source.rel, profile.located))
        out.extend((tr.source.rel, tr.located) for tr in profile.translations.values())
    for guideline in project.guidelines.values():
        out.append((guideline.source.rel, guideline.located))
        out.extend((tr.source.rel, tr.located) for tr in guideline.translations.values())
    return out


def _strings(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Every string value of parsed YAML with its key path."""
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _strings(value, (*path, key))]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in _strings(value, (*path, i))]
    return []


def check_yaml_text(project: Project, site: SiteSources) -> tuple[list[Diagnostic], set[tuple[str, str]]]:
    """Check every link written in the text of country profiles and guidelines, at its YAML line.

    The one form (:mod:`build_tools.generate.text_links`) is a path relative to the YAML file;
    a broken link is reported once, at the file and line where it is written, whatever the number
    of pages and languages that show the text. Returns the diagnostics and the (docs path,
    fragment) of each broken target, which the generated pages then do not report again.
    """
    from build_tools.generate import text_links

    diags: list[Diagnostic] = []
    reported: set[tuple[str, str]] = set()
    for rel, located in _yaml_sources(project):
        raw: str | None = None
        for path, value in _strings(located.data):
            if "](" not in value and "]:" not in value:
                continue
            for link in md_links.parse(value, front_matter=False).links:
                if link.kind == "html":
                    continue  # raw HTML is refused in content (E180)
                found = text_links.resolve(link.target, rel)
                if found is None:
                    continue
                problem, hint = None, text_links.FORM_HINT
                if isinstance(found, str):
                    problem = found
                    reported.add((link.target, ""))
                else:
                    written = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(urlsplit(
                        link.target.strip()).path)))
                    problem, hint = _yaml_target_problem(site, found, written, text_links)
                    if problem:
                        reported.add((found.key, found.fragment))
                if problem is None:
                    continue
                if raw is None:
                    raw = _read(project.root / rel)
                line, col = _locate_in(raw, link.target, located.pos(path))
                diags.append(make(rel, line, col, "E181", f"broken link '{link.target}': {problem}", hint=hint))
    return diags, reported


def _yaml_target_problem(site: SiteSources, found: Any, written: str, text_links: Any) -> tuple[str | None, str]:
    """(what is wrong with a resolved YAML link target, hint), or (None, "") if it resolves everywhere."""
    if not found.page:
        for folder in site.file_roots[:1]:
            if (folder / found.key).is_file():
                return None, ""
        return (f"no file {layout.CONTENT_DIR}/{found.key} (images and attachments belong in {layout.CONTENT_DIR}/)",
                "Link to an existing file, relative to this YAML file (e.g. ../content/files/report.pdf).")
    if (site.default, found.key) not in site.pages:
        return f"no page {written}", text_links.FORM_HINT
    if not found.fragment:
        return None, ""
    missing = sorted(lang for lang in site.languages
                     if (page := site.pages.get((lang, found.key))) is not None and found.fragment not in page.anchors)
    if not missing:
        return None, ""
    where = "" if len(missing) == len(site.languages) else f" (in {', '.join(missing)})"
    return (f"no anchor #{found.fragment} on the page /{page_url(found.key)}{where}",
            "Link to an existing heading or principle: check the #anchor (a translated heading keeps the English id; "
            "if its outline differs from the English, give it the id with { #id }).")


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _locate_in(raw: str, target: str, start: tuple[int, int]) -> tuple[int, int]:
    """Line and column of ``target`` in a file's text, searched from the value's position ``start``."""
    line, col = start
    lines = raw.split("\n")
    offset = sum(len(text) + 1 for text in lines[: max(line - 1, 0)])
    index = raw.find(target, offset) if target else -1
    if index < 0:
        return line, col
    return raw.count("\n", 0, index) + 1, index - (raw.rfind("\n", 0, index) + 1) + 1


def _shown_from_yaml(diag: Diagnostic, site: SiteSources, project: Project, reported: set[tuple[str, str]]) -> bool:
    """True if a broken link found on a generated page is a YAML text link already reported at its line."""
    if not reported or diag.code != "E181":
        return False
    docs_rel = relative_path(project.root / diag.path, project.config.docs_dir)
    if not kinds.is_generated(docs_rel):
        return False
    found = _BROKEN_TARGET.search(diag.message)
    target = found.group(1) if found else ""
    if (target, "") in reported:
        return True
    key, lang = split_language(docs_rel, site.languages, site.default)
    page = site.pages.get((lang, key))
    if page is None:
        return False
    parts = urlsplit(target)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if path.endswith(".md") and not path.startswith("/"):
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.key), path))
        return (split_language(joined, site.languages, site.default)[0], fragment) in reported
    target_key, fragment, _problem = _resolve_source_link(site, page, target)
    if target_key is None and path and not path.startswith("/"):  # a URL (HTML written by a generator)
        url = posixpath.normpath(posixpath.join("/" + page_url(page.key), path)).strip("/")
        return any((key, fragment) in reported for key in (f"{url}.md", f"{url}/index.md"))
    return target_key is not None and (target_key, fragment) in reported


_BROKEN_TARGET = re.compile(r"broken link '([^']*)'")


def generated_source(rel: str, project: Project) -> str | None:
    """The editor's file a generated page is made from (None if it is not generated or has no single one).

    Listings and status pages are made from many files; they return None.
    """
    docs_rel = relative_path(project.root / rel, project.config.docs_dir)
    if not kinds.is_generated(docs_rel):
        return None
    parts = docs_rel.split("/")
    stem = parts[-1].split(".")[0]
    if parts[0] in ("guidelines", "self-assessment") and stem in project.guidelines:
        return project.guidelines[stem].source.rel
    if parts[0] == "countries" and stem in project.profiles:
        return project.profiles[stem].source.rel
    return None


def layout_template_dir() -> str:
    """Where the templates of generated pages live (a generator fault is reported there, never at mkdocs.yml)."""
    return "overrides/generators"


def _written_in(project: Project, target: str) -> tuple[str, int, int] | None:
    """The YAML or Markdown file (and line, column) where ``target`` is written, if an editor wrote it."""
    if not target:
        return None
    candidates = [rel for rel, _located in _yaml_sources(project)]
    candidates += [doc.source.rel for doc in [*project.good_practices.values(), *project.reports.values()]]
    for rel in candidates:
        raw = _read(project.root / rel)
        if target in raw:
            line, col = _locate_in(raw, target, (1, 1))
            return rel, line, col
    return None


def _find(path: Path, target: str) -> tuple[int, int]:
    """Line and column of the first occurrence of ``target`` in the file at ``path`` (1, 1 if absent)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return 1, 1
    index = text.find(target) if target else -1
    if index < 0:
        return 1, 1
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def attribute_generated(diags: list[Diagnostic], project: Project) -> list[Diagnostic]:
    """Report broken links found in generated pages at the editor's file they come from.

    A link to a good practice or report that exists but was not built where expected is reported
    once, at that document's ``id``; other problems at the file the page is generated from. Problems
    repeated in several generated pages (every language, several listings) are reported once.
    """
    documents = {**project.good_practices, **project.reports}
    out: dict[tuple[str, int, int, str], tuple[Diagnostic, set[str]]] = {}
    for diag in diags:
        docs_rel = relative_path(project.root / diag.path, project.config.docs_dir)
        if diag.code != "E181" or not kinds.is_generated(docs_rel):
            out[(diag.path, diag.line, diag.column, diag.message)] = (diag, set())
            continue
        found = _BROKEN_TARGET.search(diag.message)
        target = found.group(1) if found else ""
        last = target.split("#")[0].rstrip("/").rsplit("/", 1)[-1]
        if last in documents:
            doc = documents[last]
            line, col = doc.located.pos(("id",))
            message = (f"the site links to '{last}' at /{doc.kind}s/{last}/, but this file is not published there")
            key = (doc.source.rel, line, col, message)
            out.setdefault(key, (make(doc.source.rel, line, col, "E181", message), set()))[1].add(diag.path)
            continue
        source = generated_source(diag.path, project)
        written = _written_in(project, target) if source is None else None
        if written is not None:  # made from many files (comparison, listings): the file that holds the link
            source, line, col = written
            message = f"a page generated from this file has a {diag.message}"
        elif source is None:  # no editor wrote it: a fault of the page's template, not of the content
            message = f"{diag.message} in the generated page {diag.path}: please report this to the site maintainers"
            source = layout_template_dir()
            line, col = 1, 1
        else:
            message = f"a page generated from this file has a {diag.message}"
            line, col = _find(project.root / source, target)
        key = (source, line, col, message)
        out.setdefault(key, (make(source, line, col, "E181", message), set()))[1].add(diag.path)
    result = []
    for diag, pages in out.values():
        if len(pages) > 1:
            diag = make(diag.path, diag.line, diag.column, diag.code,
                        f"{diag.message} (seen on {len(pages)} generated pages)", hint=diag.hint)
        result.append(diag)
    return sorted(result)
