"""Links, images, headings and anchors of a Markdown text, found on parser tokens (issue 23).

Regular expressions cannot tell a link from the same characters inside a fenced code block, an
indented code block or a code span; a CommonMark parser can. :func:`parse` runs markdown-it-py
(already used by ``i18n.md_blocks``) once per text and returns every link and image target,
the ``href``/``src`` of HTML in the text (generated pages write HTML), every heading with its
text and explicit ``{ #id }``, and the ``id``/``name`` attributes of HTML, each with its 1-based
line and column in the text. Code is never looked at.

The site renders with Python-Markdown, not CommonMark; the two agree on what is a link, a code
block and a heading for the Markdown editors write (and the built-site check in
``output.link_check`` re-checks the final HTML).

Also here, because generators need them before anything is built:

* :func:`rewrite_links` replaces link targets in a Markdown text (links written in YAML text are
  rewritten for each page they appear on, see ``generate.text_links``);
* :func:`carry_heading_ids` gives a translation's headings the ids of the English headings they
  translate, so ``page.md#results`` works in every language.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
# Keep targets exactly as written: no percent-encoding, and no URL refused (the link checker and
# the safety check judge them; markdown-it would otherwise drop ``javascript:`` links silently).
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]
_PARSER.normalizeLink = lambda url: url  # type: ignore[method-assign]

# A link that leaves the site: a scheme (https:, mailto:) or protocol-relative.
_EXTERNAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


def is_external(target: str) -> bool:
    """True for links that leave the site (any scheme, or protocol-relative)."""
    return bool(_EXTERNAL.match(target))


# Inline characters without which a span holds no link, image, HTML or ``{ #id }``.
_INLINE_NEEDED = re.compile(r"[\[<{]")
# What could make a "<" in a span something else than an HTML tag (code, escapes), or add a link.
_MARKDOWN_INLINE = re.compile(r"[\[{`\\]")


def _inline_where_needed(state: StateCore) -> None:
    """markdown-it's ``inline`` core rule, run only on the spans that can hold what :func:`parse` reads.

    Inline parsing was half of the parse time of a page (portal profile): most paragraphs have
    no link. Heading text is always parsed (its plain text gives the anchor); with
    ``env["headings_only"]`` nothing else is.
    """
    headings_only = bool(state.env.get("headings_only"))
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        heading = index > 0 and tokens[index - 1].type == "heading_open"
        if heading or (not headings_only and _INLINE_NEEDED.search(token.content)):
            if not heading and not _MARKDOWN_INLINE.search(token.content):
                # Only tags in this span (generated pages are mostly HTML): read them without
                # markdown-it's inline rules, which try every "<" as HTML and as an autolink.
                token.meta["html_only"] = True
                continue
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


_PARSER.core.ruler.at("inline", _inline_where_needed)

# ``{ #id .class }`` at the end of a heading (attr_list), and an ``#id`` inside such a list.
_TRAILING_ATTR_LIST = re.compile(r"\s*\{:?([^{}\n]*)\}\s*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}#]+)")
_ANY_ATTR_LIST = re.compile(r"\{:?[^{}\n]*\}")
_NUMBERED = re.compile(r"^(.*)_([0-9]+)$")
_NEWLINE = re.compile("\n")

Slugify = Callable[[str, str], str]


@dataclass(frozen=True)
class Link:
    """A link target found in a text, with its 1-based position; ``kind`` is link, image or html."""

    target: str
    line: int
    column: int
    kind: str = "link"
    # Offset of the target in the text, and whether the text there is the target as written (a
    # target found through a reference definition or written with escapes cannot be rewritten).
    offset: int = -1


@dataclass(frozen=True)
class Heading:
    """A heading: its level, text as the toc extension sees it, explicit id (or ""), 1-based line."""

    level: int
    text: str
    explicit_id: str
    line: int


@dataclass
class Parsed:
    """What :func:`parse` found in one text."""

    links: list[Link] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)  # HTML id/name attributes and attr_list ids outside headings


def strip_front_matter(text: str) -> str:
    """The text with its YAML front matter blanked (line numbers kept)."""
    lines = text.split("\n")
    if lines and lines[0].rstrip("\r") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r") in ("---", "..."):
                return "\n".join([""] * (i + 1) + lines[i + 1:])
    return text


# Attributes of a tag inside an HTML token (the parser has already told HTML from text and code).
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_ATTRIBUTE = re.compile(r"""\s(href|src|id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def _html_attributes(html: str) -> tuple[list[str], list[str]]:
    """(href/src values, id/name values) of the start tags in an HTML fragment, entities decoded."""
    urls: list[str] = []
    ids: list[str] = []
    for tag in _TAG.findall(html):
        for name, double, single, bare in _ATTRIBUTE.findall(tag):
            value = unescape(double or single or bare)
            if name.lower() in ("href", "src"):
                urls.append(value)
            elif value:
                ids.append(value)
    return urls, ids


class _Locator:
    """Finds targets in the text in document order, to give each its line and column."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(body)]
        self.cursor = 0

    def line_offset(self, line0: int) -> int:
        return self.starts[min(line0, len(self.starts) - 1)]

    def find(self, target: str, block: tuple[int, int] | None) -> tuple[int, int, int]:
        """(line, column, offset) of ``target`` in its block (offset -1 if not written as is)."""
        lo = self.line_offset(block[0]) if block else 0
        hi = self.line_offset(block[1]) if block and block[1] < len(self.starts) else len(self.body)
        start = max(self.cursor, lo)
        index = self.body.find(target, start, hi) if target else -1
        if index < 0 and target:
            index = self.body.find(target, lo, hi)
        if index >= 0:
            self.cursor = index + len(target)
            line, col = self.position(index)
            return line, col, index
        if target:  # a reference link: the target is written in its definition
            index = self.body.find(target)
            if index >= 0:
                line, col = self.position(index)
                return line, col, -1
        line = (block[0] + 1) if block else 1
        return line, 1, -1

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def _heading_text(children: list[Token]) -> str:
    """The plain text of a heading's inline tokens (what the toc extension slugifies)."""
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(child.content)
    return "".join(out)


def parse(text: str, front_matter: bool = True, headings_only: bool = False) -> Parsed:
    """Links, headings and ids of a Markdown text (front matter skipped when ``front_matter``).

    ``headings_only`` finds the headings and the ids of HTML blocks, not the links.
    """
    body = strip_front_matter(text) if front_matter else text
    result = Parsed()
    locator = _Locator(body)
    env: dict[str, object] = {"headings_only": True} if headings_only else {}
    try:
        tokens = _PARSER.parse(body, env)
    except Exception:  # noqa: BLE001 - the parser is total on str; never let a text stop a check
        return result
    for index, token in enumerate(tokens):
        block = (token.map[0], token.map[1]) if token.map else None
        if token.type == "html_block" or (token.type == "inline" and token.meta.get("html_only")):
            _add_html(token.content, block, locator, result)
        elif token.type == "heading_open" and index + 1 < len(tokens):
            inline = tokens[index + 1]
            raw = _heading_text(inline.children or [])
            attrs = _TRAILING_ATTR_LIST.search(raw)
            explicit = ""
            if attrs:
                found = _ATTR_ID.search(attrs.group(1))
                explicit = found.group(1) if found else ""
                raw = raw[:attrs.start()]
            line = (block[0] + 1) if block else 1
            result.headings.append(Heading(int(token.tag[1:]), raw.strip(), explicit, line))
        elif token.type == "inline":
            _inline(token, block, locator, result, tokens[index - 1].type == "heading_open" if index else False)
    # Reference definitions are checked where they are written, used or not.
    references = env.get("references")
    for ref in references.values() if isinstance(references, dict) else ():
        where = ref.get("map")
        span = (int(where[0]), int(where[1])) if isinstance(where, list) and len(where) == 2 else None
        result.links.append(_link(locator, str(ref.get("href", "")), span, "reference"))
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for link in result.links:  # a reference link and its definition are one target, at the definition
        if (link.target, link.line, link.column) not in seen:
            seen.add((link.target, link.line, link.column))
            unique.append(link)
    result.links = unique
    return result


def _inline(token: Token, block: tuple[int, int] | None, locator: _Locator, result: Parsed,
            heading: bool) -> None:
    children = token.children or []
    for child in children:
        if child.type == "link_open":
            if child.markup == "autolink" or child.info == "auto":
                continue
            result.links.append(_link(locator, str(child.attrs.get("href", "")), block, "link"))
        elif child.type == "image":
            result.links.append(_link(locator, str(child.attrs.get("src", "")), block, "image"))
        elif child.type == "html_inline":
            _add_html(child.content, block, locator, result)
        elif child.type == "text" and not heading and "{" in child.content:
            for attrs in _ANY_ATTR_LIST.findall(child.content):
                result.ids.update(_ATTR_ID.findall(attrs.strip("{}:")))


def _add_html(html: str, block: tuple[int, int] | None, locator: _Locator, result: Parsed) -> None:
    """Record the href/src (as links) and the id/name attributes of an HTML fragment."""
    urls, ids = _html_attributes(html)
    for url in urls:
        result.links.append(_link(locator, url, block, "html"))
    result.ids.update(ids)


def _link(locator: _Locator, target: str, block: tuple[int, int] | None, kind: str) -> Link:
    line, col, offset = locator.find(target, block)
    return Link(target, line, col, kind, offset)


def extract_links(text: str) -> list[Link]:
    """Every link and image target of a Markdown text, and href/src of its HTML, in document order."""
    return sorted(parse(text).links, key=lambda link: (link.line, link.column))


def anchors(parsed: Parsed, slugify: Slugify, heading_ids: list[str] | None = None) -> set[str]:
    """Anchors a parsed page defines: HTML and attr_list ids, and one id per heading.

    A heading's id is its explicit ``{ #id }``, else the one given in ``heading_ids`` (ids carried
    from the English, see :func:`carry_heading_ids`), else its slug, numbered ``_1``, ``_2`` when
    repeated, as Python-Markdown's toc extension does.
    """
    out = set(parsed.ids)
    ids = heading_ids if heading_ids is not None else heading_anchors(parsed.headings, slugify)
    out.update(i for i in ids if i)
    return out


def heading_anchors(headings: list[Heading], slugify: Slugify) -> list[str]:
    """The id of each heading, in order, as Python-Markdown's toc extension gives them.

    Explicit ids are taken first; a slug already in use gets ``_1``, ``_2`` (toc's ``unique``).
    """
    used = {h.explicit_id for h in headings if h.explicit_id}
    out: list[str] = []
    for heading in headings:
        if heading.explicit_id:
            out.append(heading.explicit_id)
            continue
        candidate = slugify(heading.text, "-")
        while candidate in used or not candidate:
            numbered = _NUMBERED.match(candidate)
            candidate = f"{numbered.group(1)}_{int(numbered.group(2)) + 1}" if numbered else f"{candidate}_1"
        used.add(candidate)
        out.append(candidate)
    return out


def carried_ids(ours: list[Heading], english: list[Heading], slugify: Slugify) -> list[str] | None:
    """The ids a translation's headings get from the English headings, or None if none are carried.

    Headings are matched by position when both texts have the same outline (the same levels in
    the same order); a heading with its own ``{ #id }`` keeps it. With another outline nothing is
    carried (the translator added or removed a heading): a link to a heading is then reported for
    that language, and the fix is a ``{ #id }`` on the translated heading.
    """
    if not ours or [h.level for h in ours] != [h.level for h in english]:
        return None
    wanted = heading_anchors(english, slugify)
    return [h.explicit_id or w for h, w in zip(ours, wanted, strict=True)]


@lru_cache(maxsize=4096)
def headings(text: str) -> tuple[Heading, ...]:
    """The headings of an English text, cached: it is read again for each of its translations."""
    return tuple(parse(text, headings_only=True).headings)


def carry_heading_ids(translated: str, english: str, slugify: Slugify) -> str:
    """``translated`` with ``{ #id }`` added to each heading that needs the id of its English heading.

    What the site renders for a translated page (the ``ssa-site`` plugin), so that a link to
    ``page.md#results`` lands on the translated "Resultados" in Spanish. See :func:`carried_ids`.
    """
    ours = parse(translated, headings_only=True).headings  # read once: not cached
    ids = carried_ids(ours, list(headings(english)), slugify)
    if ids is None or ids == heading_anchors(ours, slugify):
        return translated
    lines = translated.split("\n")
    for heading, wanted in zip(ours, ids, strict=True):
        i = heading.line - 1
        if heading.explicit_id or not 0 <= i < len(lines):
            continue
        stripped = lines[i].rstrip()
        if stripped.lstrip().startswith("#"):
            closing = re.search(r"\s+#+$", stripped)  # ``## Title ##``: the id goes before the closing marks
            if closing:
                stripped = stripped[:closing.start()]
        lines[i] = f"{stripped} {{ #{wanted} }}"  # ATX heading, or the text line of a setext heading
    return "\n".join(lines)


def rewrite_links(text: str, replace: Callable[[str], str | None]) -> str:
    """``text`` with each Markdown link or image target replaced by ``replace(target)`` (None keeps it).

    Only targets written as is in the text are rewritten (not those of reference definitions).
    """
    parsed = parse(text, front_matter=False)
    edits: list[tuple[int, int, str]] = []
    for link in parsed.links:
        if link.kind == "html" or link.offset < 0:
            continue
        new = replace(link.target)
        if new is not None and new != link.target:
            edits.append((link.offset, link.offset + len(link.target), new))
    if not edits:
        return text
    out: list[str] = []
    last = 0
    for start, end, new in sorted(edits):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(new)
        last = end
    out.append(text[last:])
    return "".join(out)
