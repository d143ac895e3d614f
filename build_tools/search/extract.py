"""Turn a rendered page (HTML of its content) into search documents.

Only text in the index's language is kept: any element whose ``lang`` attribute names another
language (untranslated principles, English summaries shown as fallback) is skipped with all it
contains. Guideline pages are split: each ``data-principle-id`` element becomes its own document
whose URL jumps to the principle's anchor, and the page itself keeps only its title and summary.
Form controls, permalink anchors, hidden and script-only elements are not indexed.

The HTML comes from Python-Markdown and the site's templates, so it is well formed; it is read
with a small regular-expression scanner (:func:`scan`) instead of ``html.parser``, which took
a tenth of a language build at portal scale.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "button", "select", "option", "textarea",
                        "svg", "math", "nav"})
_SKIP_CLASSES = frozenset({"headerlink", "ssa-meta", "ssa-related"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Phrasing elements: text runs on across them, so 社会<a>保障</a> stays one word (issue 14); every
# other tag (blocks, cells, list items, <br>) ends a run.
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
                     "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"})
_SPACE = re.compile(r"\s+")
EXCERPT_CHARS = 180
# Elements whose content html.parser reads as text up to the closing tag, and that closing tag.
_RAW_TEXT = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in ("script", "style")}
_MARKUP = re.compile(
    r"<(?:(?P<close>/)?(?P<tag>[a-zA-Z][^\s/>]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|!--.*?--!?>|![^>]*>|\?[^>]*>)", re.S)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


@dataclass
class SearchDoc:
    """One search result: a page, or a principle inside a guideline page."""

    url: str
    title: str
    kind: str
    context: str = ""
    headings: str = ""
    body: str = ""

    def excerpt(self, limit: int = EXCERPT_CHARS) -> str:
        """The first words of the body, cut at a word boundary."""
        text = self.body
        if len(text) <= limit:
            return text
        cut = text.rfind(" ", 0, limit)
        return text[: cut if cut > limit // 2 else limit].rstrip(" ,.;:") + "…"


@dataclass
class _Part:
    title: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    anchor: str = ""


def _lang_matches(value: str, lang: str) -> bool:
    return value.split("-")[0].split("_")[0].lower() == lang.split("_")[0].lower()


def scan(html: str) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Start tags, end tags and text of ``html``: ``("start"|"end"|"data", tag or text, attributes)``.

    Tag and attribute names are lower-cased and character references resolved, as
    ``html.parser`` does; comments and declarations are dropped, and the content of raw-text
    elements (``script``, ``style``, ...) is one text run.
    """
    pos, end = 0, len(html)
    none: dict[str, str] = {}
    while pos < end:
        lt = html.find("<", pos)
        if lt < 0:
            yield "data", htmllib.unescape(html[pos:]), none
            return
        if lt > pos:
            yield "data", htmllib.unescape(html[pos:lt]), none
        match = _MARKUP.match(html, lt)
        if match is None:  # a lone "<" is text
            yield "data", "<", none
            pos = lt + 1
            continue
        pos = match.end()
        tag = match.group("tag")
        if tag is None:
            continue
        tag = tag.lower()
        if match.group("close"):
            yield "end", tag, none
            continue
        raw = match.group("attrs") or ""
        attrs = {m.group(1).lower(): htmllib.unescape(m.group(2) if m.group(2) is not None else m.group(3)
                                                      if m.group(3) is not None else m.group(4) or "")
                 for m in _ATTR.finditer(raw)}
        yield "start", tag, attrs
        if raw.endswith("/"):  # <br/>, <path ... />
            yield "end", tag, none
        elif tag in _RAW_TEXT:
            close = _RAW_TEXT[tag].search(html, pos)
            stop = close.start() if close else end
            if stop > pos:
                yield "data", html[pos:stop], none
            if close:
                yield "end", tag, none
            pos = close.end() if close else end


class _Extractor:
    def __init__(self, lang: str, split_principles: bool) -> None:
        self.lang = lang
        self.split = split_principles
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, opens a skip, opens a principle)
        self.open: dict[str, int] = {}  # how many of each tag are on the stack
        self.skip = 0
        self.page = _Part()
        self.principles: list[_Part] = []
        self.current: _Part | None = None
        self.heading: str | None = None

    def feed(self, html: str) -> None:
        """Read a whole page."""
        for kind, value, attrs in scan(html):
            if kind == "data":
                self.handle_data(value)
            elif kind == "start":
                self.handle_starttag(value, attrs)
            else:
                self.handle_endtag(value)

    def handle_starttag(self, tag: str, values: dict[str, str]) -> None:
        classes = values.get("class", "").split()
        skip = (tag in _SKIP_TAGS or not _SKIP_CLASSES.isdisjoint(classes) or "hidden" in values
                or "data-ssa-js-only" in values or values.get("aria-hidden") == "true"
                or ("lang" in values and not _lang_matches(values["lang"], self.lang)))
        principle = False
        if self.split and not self.skip and not skip and "data-principle-id" in values and self.current is None:
            principle = True
            self.current = _Part(anchor=values["data-principle-id"])
            self.principles.append(self.current)
        if tag in _HEADINGS and not self.skip and not skip:
            part = self.current or self.page
            wanted = "h4" if self.current is not None else "h1"
            self.heading = "title" if tag == wanted and not part.title else tag
        if tag not in _VOID:
            self.stack.append((tag, skip, principle))
            self.open[tag] = self.open.get(tag, 0) + 1
            if skip:
                self.skip += 1
        if tag not in _INLINE:
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open.get(tag):
            return
        while self.stack:
            name, skip, principle = self.stack.pop()
            self.open[name] -= 1
            if skip:
                self.skip -= 1
            if principle:
                self.current = None
            if name in _HEADINGS and not skip:
                self.heading = None
            if name == tag:
                break
        if tag not in _INLINE:
            self._text(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._text(data)

    def _text(self, text: str) -> None:
        part = self.current or self.page
        if self.heading is None:
            part.body.append(text)
        elif self.heading == "title":
            part.title.append(text)
        else:
            part.headings.append(text)


def _clean(parts: list[str]) -> str:
    return _SPACE.sub(" ", "".join(parts)).strip()


def extract(html: str, *, url: str, title: str, kind: str, lang: str, context: str = "") -> list[SearchDoc]:
    """Search documents for one rendered page (``url`` relative to the language root)."""
    split = kind == "guideline"
    parser = _Extractor(lang, split)
    parser.feed(html)
    page_title = _clean(parser.page.title) or title
    docs: list[SearchDoc] = []
    page_doc = SearchDoc(url=url, title=title or page_title, kind=kind, context=context,
                         headings="" if split else _clean(parser.page.headings), body=_clean(parser.page.body))
    docs.append(page_doc)
    for part in parser.principles:
        doc_title = _clean(part.title)
        if not doc_title:
            continue
        docs.append(SearchDoc(url=f"{url}#{part.anchor}", title=doc_title, kind="principle",
                              context=title or page_title, headings=_clean(part.headings), body=_clean(part.body)))
    return docs
