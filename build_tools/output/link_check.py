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

import bisect
import importlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.reading import relative_path
from build_tools.model import kinds, layout
from build_tools.model.site_config import PythonCall
from build_tools.output.theme import CONTENT_CLASS

if TYPE_CHECKING:
    from build_tools.model.project import Project

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Patterns start with a literal so that the regex engine can skip ahead quickly on large pages;
# what must precede a match (start of line, white space) is checked in Python.
_INLINE_LINK = re.compile(r"\]\([ \t]*(<[^>\n]*>|[^)\s]+)")
_REF_DEF = re.compile(r"\]:[ \t]*(<[^>\n]*>|\S+)")
_HTML_URL = re.compile(r"(?:href|src)[ \t]*=[ \t]*(?:\"([^\"\n]*)\"|'([^'\n]*)')")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_HEADING = re.compile(r"#{1,6}[ \t]+([^\n]*?)[ \t]*#*[ \t]*$", re.M)
_SETEXT = re.compile(r"\n {0,3}(?:=+|-+)[ \t]*$", re.M)
_ATTR_LIST_ID = re.compile(r"\{:?[^{}\n]*#([^\s}]+)[^{}\n]*\}")
_TRAILING_ATTR_LIST = re.compile(r"\s*\{:?[^{}\n]*\}\s*$")
_HTML_ID = re.compile(r"(?:id|name)[ \t]*=[ \t]*(?:\"([^\"\n]*)\"|'([^'\n]*)')")
_TAGS = re.compile(r"<[^>]*>")
_MD_LINK_TEXT = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"[*_`~]")
_SUFFIXED = re.compile(r"^(?P<stem>.+)\.(?P<lang>[A-Za-z_]{2,8})\.md$")

# Built HTML: the reader-facing content of a Material page, and every id in a page.
_CONTENT_START = re.compile(rf"<(?:article)\b[^>]*\b{CONTENT_CLASS}\b[^>]*>")  # a pattern, not markup
_CONTENT_END = re.compile(r"<footer\b|</main>")
_BUILT_ID = re.compile(r"\s(?:id|name)=\"([^\"]+)\"")
_BUILT_URL = re.compile(r"\s(?:href|src)=\"([^\"]*)\"")


@dataclass(frozen=True)
class Link:
    """A link target found in a source text, with its 1-based position."""

    target: str
    line: int
    column: int


@dataclass
class SourcePage:
    """The Markdown text shown at one page URL in one language."""

    key: str  # language-neutral path relative to docs_dir, e.g. "good-practices/gp-x.md"
    lang: str  # language of the URL the text is shown at
    rel: str  # file that holds the text, relative to the project root (for diagnostics)
    text: str
    anchors: set[str] = field(default_factory=set)


def _strip_front_matter(text: str) -> tuple[str, int]:
    """The body of a Markdown text and the 0-based line it starts at (front matter blanked)."""
    lines = text.split("\n")
    if lines and lines[0].rstrip("\r") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r") in ("---", "..."):
                return "\n".join([""] * (i + 1) + lines[i + 1:]), 0
    return text, 0


def _attribute_start(text: str, index: int) -> bool:
    """True if an attribute name starts at ``index`` (white space before it)."""
    return index > 0 and text[index - 1] in " \t\n"


def _line_start(text: str, index: int) -> bool:
    """True if only up to three spaces precede ``index`` on its line."""
    line_start = text.rfind("\n", 0, index) + 1
    return index - line_start <= 3 and not text[line_start:index].strip()


def _positions(body: str) -> list[int]:
    """Offsets at which each line of ``body`` starts."""
    return [0] + [m.end() for m in re.finditer("\n", body)]


def _locate(starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def extract_links(text: str) -> list[Link]:
    """Every link target in a Markdown text (inline, reference definitions, HTML href/src)."""
    body, _ = _strip_front_matter(text)
    body = _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), body)
    starts = _positions(body)
    found: list[tuple[int, str]] = []
    for match in _INLINE_LINK.finditer(body):
        found.append((match.start(1), match.group(1).strip("<>")))
    for match in _REF_DEF.finditer(body):
        line_start = body.rfind("\n", 0, match.start()) + 1
        if re.match(r" {0,3}\[[^\]\n]+$", body[line_start:match.start()]):
            found.append((match.start(1), match.group(1).strip("<>")))
    for match in _HTML_URL.finditer(body):
        if _attribute_start(body, match.start()):
            group = 1 if match.group(1) is not None else 2
            found.append((match.start(group), match.group(group)))
    return [Link(target, *_locate(starts, offset)) for offset, target in sorted(found)]


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


def heading_text(heading: str) -> str:
    """The text of a Markdown heading as the toc extension sees it (no markup, no attr list)."""
    text = _TRAILING_ATTR_LIST.sub("", heading)
    text = _MD_LINK_TEXT.sub(r"\1", text)
    return _MD_EMPHASIS.sub("", _TAGS.sub("", text)).strip()


def extract_anchors(text: str, slugify: Slugify | None = None) -> set[str]:
    """Anchors a Markdown page defines: explicit ids, attr_list ``#id`` and heading slugs (``slugify``)."""
    slugify = slugify or make_slugify(None)
    body, _ = _strip_front_matter(text)
    anchors = {m.group(1) or m.group(2) or "" for m in _HTML_ID.finditer(body) if _attribute_start(body, m.start())}
    anchors.update(_ATTR_LIST_ID.findall(body))
    titles = [(m.start(), m.group(1)) for m in _HEADING.finditer(body) if _line_start(body, m.start())]
    for m in _SETEXT.finditer(body):
        prev_start = body.rfind("\n", 0, m.start()) + 1
        prev = body[prev_start:m.start()]
        if prev.strip() and not prev.lstrip().startswith(("<", "-", "*", "|", "#", ">")) and not prev.startswith("    "):
            titles.append((prev_start, prev.strip()))
    seen: dict[str, int] = {}
    for _offset, title in sorted(titles):
        if _ATTR_LIST_ID.search(title):
            continue
        slug = slugify(heading_text(title), "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 and slug else f"{slug}_{max(count, 1)}")
    return anchors


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

    def add(self, key: str, lang: str, rel: str, text: str) -> None:
        """Record the text shown at ``key`` in ``lang``."""
        self.pages[(lang, key)] = SourcePage(key, lang, rel, text, extract_anchors(text, self.slugify))
        self.by_url[page_url(key)] = key

    def complete(self) -> None:
        """Fill languages without a translation with the default-language page (the site falls back)."""
        for (lang, key), page in list(self.pages.items()):
            if lang != self.default:
                continue
            for other in self.languages:
                self.pages.setdefault((other, key), SourcePage(key, other, page.rel, page.text, page.anchors))


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
        texts[rel_docs] = (text, relative_path(docs_dir / rel_docs, root))
    for rel_docs, (text, rel) in sorted(texts.items()):
        key, lang = split_language(rel_docs, languages, default)
        site.add(key, lang, rel, text)
    site.complete()
    return site


def split_language(rel_docs: str, languages: list[str], default: str) -> tuple[str, str]:
    """``a/b.fr.md`` -> (``a/b.md``, ``fr``); ``a/b.md`` -> (``a/b.md``, default)."""
    match = _SUFFIXED.match(rel_docs)
    if match and match["lang"] in languages:
        return f"{match['stem']}.md", match["lang"]
    return rel_docs, default



def is_external(target: str) -> bool:
    """True for links that leave the site (any scheme, or protocol-relative)."""
    return bool(_SCHEME.match(target)) or target.startswith("//")


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


def check_sources(site: SiteSources) -> list[Diagnostic]:
    """Check every internal link and anchor of every page in every language."""
    broken: dict[tuple[str, int, int, str, str], set[str]] = {}
    links_of: dict[str, list[Link]] = {}
    for (lang, _key), page in sorted(site.pages.items()):
        if page.rel not in links_of:
            links_of[page.rel] = extract_links(page.text)
        for link in links_of[page.rel]:
            target = link.target.strip()
            if not target or is_external(target):
                continue
            target_key, fragment, problem = _resolve_source_link(site, page, target)
            if problem is None and target_key and fragment:
                target_page = site.pages.get((_link_language(target, lang, site), target_key))
                if target_page is not None and fragment not in target_page.anchors:
                    problem = f"no anchor #{fragment} on the page /{page_url(target_key)}"
            if problem is not None:
                broken.setdefault((page.rel, link.line, link.column, target, problem), set()).add(lang)
    diags: list[Diagnostic] = []
    for (rel, line, col, target, problem), langs in sorted(broken.items()):
        where = "" if len(langs) == 1 and not _is_shared(rel, site) else (
            " (in every language)" if set(langs) == set(site.languages) else f" (in {', '.join(sorted(langs))})")
        diags.append(make(rel, line, col, "E181", f"broken link '{target}': {problem}{where}"))
    return diags


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

    Without ``generated``, the pages are generated in memory (nothing is written).
    """
    if generated is None:
        from build_tools.generate import generate_pages

        generated = {page.path: page.text for page in generate_pages(project)}
    site = collect_sources(project.config.docs_dir, project.root, project.languages,
                           project.config.default_language, generated, make_slugify(project.config.slugify))
    site.file_roots = [project.config.docs_dir, project.root / "overrides"]
    return attribute_generated(check_sources(site), project)


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
        if source is None:  # made from many files (listings, status): a generator fault, not an editor's
            message = f"{diag.message} in the generated page {diag.path}: please report this to the site maintainers"
            source = "mkdocs.yml"
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
