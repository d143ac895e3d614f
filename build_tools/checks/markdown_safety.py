"""The raw-HTML policy of all contributed text, and the check that enforces it (error E180).

One policy, written in CONTENT.md ("Raw HTML"), for every text an editor or translator writes:
Markdown pages and their translations, front matter, guideline and country-profile YAML text and
their translations. Contributors write Markdown. Raw HTML falls in three classes
(:data:`INLINE_TAGS`, :data:`MARKDOWN_EQUIVALENTS`, everything else):

* **allowed**: the few inline tags that have no Markdown form and are harmless (subscript,
  superscript, abbreviations, keys, highlights, small print, a ``<span lang>`` for a phrase in
  another language, and ``<br>`` for a line break in a table cell), with the attributes
  :data:`ALLOWED_ATTRIBUTES` only;
* **refused, with the Markdown to write instead**: tags Markdown already expresses (``<b>``,
  ``<table>``, ``<a>``, ``<div>`` ...), so that every page is written one way and the theme styles it;
* **refused as unsafe**: everything else (``<script>``, ``<iframe>``, ``<style>``, forms ...), comments-as-markup
  (``<!``, ``<?``), every ``on*=`` handler, ``style`` attributes (also through attr_list
  ``{ ... }`` blocks), and every ``javascript:``/``vbscript:``/``data:`` URL, also when it is
  disguised with HTML entities, control characters or white space.

HTML comments (``<!-- ... -->``) are allowed as notes to other editors; they are never published.
The build additionally sanitizes the rendered HTML of contributed pages (see
:mod:`build_tools.output.html_sanitizer`), so this check is about telling editors early and
precisely; it does not try to be the only line of defence.

Code is not exempt, except inline code spans on one line: the site's Markdown has no fenced
code blocks, and indented lines may be list continuations, where raw HTML is live.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import unquote

from build_tools.checks.diagnostics import Diagnostic, make

# Allowed: inline tags without a Markdown form. Why each one is there: see CONTENT.md, "Raw HTML".
INLINE_TAGS = frozenset({"sub", "sup", "abbr", "kbd", "mark", "small", "span", "br"})
ALLOWED_TAGS = INLINE_TAGS
ALLOWED_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title"})
_TABLE = "a Markdown table: | Column | Column | on one line, | --- | --- | under it, one line per row"
_LIST = "a Markdown list: one item per line, starting with '- ' (or '1. ' for a numbered list)"
# Refused, with what to write instead.
MARKDOWN_EQUIVALENTS: dict[str, str] = {
    "b": "**bold text**", "strong": "**bold text**", "i": "*italic text*", "em": "*italic text*",
    "a": "[link text](address)", "img": "![description of the image](file.png)",
    "p": "a blank line between paragraphs", "h1": "# Heading", "h2": "## Heading", "h3": "### Heading",
    "h4": "#### Heading", "h5": "##### Heading", "h6": "###### Heading",
    "ul": _LIST, "ol": _LIST, "li": _LIST,
    "table": _TABLE, "thead": _TABLE, "tbody": _TABLE, "tr": _TABLE, "td": _TABLE, "th": _TABLE,
    "blockquote": "'> ' at the start of each quoted line", "hr": "a line of three dashes: ---",
    "code": "backticks: `code`", "pre": "backticks: `code`", "tt": "backticks: `code`",
    "div": "an admonition: '!!! note' on its own line, then the text indented by four spaces",
    "dl": "a definition list: the term on one line, then ': definition' on the next",
    "dt": "a definition list: the term on one line, then ': definition' on the next",
    "dd": "a definition list: the term on one line, then ': definition' on the next",
    "u": "*italic text* (underlined text reads as a link)", "center": "plain text (the theme sets the layout)",
    "font": "plain text (the theme sets fonts and colours)",
}


def tag_class(name: str) -> str:
    """The policy class of a raw HTML tag: ``allowed``, ``markdown`` (refused, has a Markdown form) or ``unsafe``."""
    name = name.lower()
    if name in INLINE_TAGS:
        return "allowed"
    if name in MARKDOWN_EQUIVALENTS:
        return "markdown"
    return "unsafe"

SAFE_AUTOLINK_SCHEMES = ("http://", "https://", "mailto:")
DANGEROUS_SCHEMES = ("javascript", "vbscript", "data")
PosLookup = Callable[[tuple[object, ...]], tuple[int, int]]

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:._@+-]*)((?:\"[^\"]*\"|'[^']*'|[^<>\"'])*)>?", re.S)
_MARKUP_DECL = re.compile(r"<(?:\?|!(?!--))")
_ATTR = re.compile(r"([^\s=/\"'>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_HANDLER = re.compile(r"(?:^|[\s/\"'])on[a-z]+\s*=", re.I)
_LINK_URL = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]*)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]+")


def normalized_url(url: str) -> str:
    """The URL as a browser would read its scheme: entities decoded, invisible characters removed."""
    decoded = html.unescape(html.unescape(url.strip().strip("<>\"'")))
    return _INVISIBLE.sub("", decoded).lower()


def dangerous_scheme(url: str) -> str | None:
    """The dangerous scheme of ``url`` (``javascript``, ``vbscript``, ``data``), or None."""
    probe = normalized_url(url)
    for candidate in (probe, _INVISIBLE.sub("", unquote(probe))):
        for scheme in DANGEROUS_SCHEMES:
            if candidate.startswith(f"{scheme}:"):
                return scheme
    return None


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _visible_lines(text: str) -> list[str]:
    """Lines of ``text`` with one-line inline code spans blanked (HTML comments are scanned too)."""
    return [_INLINE_CODE.sub(_blank, line) for line in text.split("\n")]


def _attribute_problems(attrs: str) -> list[str]:
    """Problems with the attributes of an allowed tag or an attr_list block."""
    problems: list[str] = []
    for match in _ATTR.finditer(attrs):
        name = match.group(1).lower().lstrip(".#")
        value = (match.group(2) or "").strip("\"'")
        if name.startswith("on"):
            problems.append(f"event handler '{name}'")
        elif name == "style":
            problems.append("'style' attribute")
        elif match.group(2) is not None and name not in ALLOWED_ATTRIBUTES:
            problems.append(f"attribute '{name}'")
        scheme = dangerous_scheme(value) if value else None
        if scheme:
            problems.append(f"'{scheme}:' URL")
    return problems


def _scan_line(line: str, rel: str, lineno: int, col0: int) -> list[Diagnostic]:
    diags: list[Diagnostic] = []

    def report(col: int, message: str, hint: str | None = None) -> None:
        diags.append(make(rel, lineno, col0 + col, "E180", message, hint=hint))

    for match in _MARKUP_DECL.finditer(line):
        report(match.start(), "raw HTML markup ('<!' or '<?') is not allowed")
    tags = list(_TAG.finditer(line))
    said: set[str] = set()
    for match in tags:
        if match.group(1):
            continue  # closing tags were reported with their opening tag
        name = match.group(2).lower()
        attrs = match.group(3) or ""
        if ":" in name or "@" in name:
            target = match.group(0)[1:].rstrip(">")
            if not target.lower().startswith(SAFE_AUTOLINK_SCHEMES) and "@" not in name.split(":")[0]:
                report(match.start(), f"link to '{target.split(':')[0]}:' URL is not allowed")
            continue
        kind = tag_class(name)
        if kind != "allowed" and MARKDOWN_EQUIVALENTS.get(name, kind) in said:
            continue  # <table><tr><td> on one line: one message
        said.add(MARKDOWN_EQUIVALENTS.get(name, kind))
        if kind == "markdown":
            report(match.start(), f"raw HTML tag <{name}> is not allowed: Markdown has a form for it",
                   hint=f"write {MARKDOWN_EQUIVALENTS[name]}; see CONTENT.md, \"Raw HTML\"")
            continue
        if kind == "unsafe":
            report(match.start(), f"raw HTML tag <{name}> is not allowed: it could run code or change the page",
                   hint="remove it; the allowed tags are " + ", ".join(f"<{t}>" for t in sorted(INLINE_TAGS))
                   + " (see CONTENT.md, \"Raw HTML\")")
            continue
        problems = _attribute_problems(attrs)
        if problems:
            report(match.start(), f"<{name}> may not carry {', '.join(problems)}",
                   hint="allowed attributes: " + ", ".join(sorted(ALLOWED_ATTRIBUTES)) + "; styles come from the theme")
    for match in _ATTR_LIST.finditer(line):
        problems = _attribute_problems(match.group(1))
        if problems:
            report(match.start(), f"attribute list may not set {', '.join(problems)}")
    for match in [*_LINK_URL.finditer(line), *_REF_DEF.finditer(line)]:
        scheme = dangerous_scheme(match.group(1))
        if scheme:
            report(match.start(1), f"link to a '{scheme}:' URL is not allowed")
    if _HANDLER.search(line) and "<" in line and not tags:
        report(0, "event handler attribute is not allowed")
    return diags


def scan(text: str, rel: str, first_line: int = 1, first_col: int = 1) -> list[Diagnostic]:
    """Report unsafe HTML or URLs in Markdown ``text``, which starts at ``first_line``/``first_col``."""
    diags: list[Diagnostic] = []
    for offset, line in enumerate(_visible_lines(text)):
        if "<" not in line and ":" not in line and "{" not in line and "&" not in line:
            continue
        diags.extend(_scan_line(line, rel, first_line + offset, first_col if offset == 0 else 1))
    return diags


def scan_value(text: str, rel: str, line: int, col: int) -> list[Diagnostic]:
    """Report unsafe content in one YAML text value (Markdown or plain text, or a bare URL)."""
    diags = [make(rel, line, col, d.code, d.message, hint=d.hint) for d in scan(text, rel, line, col)]
    scheme = dangerous_scheme(text)
    if scheme and not diags:
        diags.append(make(rel, line, col, "E180", f"a '{scheme}:' URL is not allowed"))
    return diags


def scan_tree(data: object, rel: str, located_pos: PosLookup, path: tuple[object, ...] = ()) -> list[Diagnostic]:
    """Scan every string value of a parsed YAML tree.

    Positions inside folded YAML scalars are approximate, so problems are anchored to the
    start of the value that holds them.
    """
    diags: list[Diagnostic] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and ("<" in key or dangerous_scheme(key)):
                line, col = located_pos(path + (key,))
                diags.append(make(rel, line, col, "E180", "keys may not contain HTML or script URLs"))
            diags.extend(scan_tree(value, rel, located_pos, path + (key,)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            diags.extend(scan_tree(value, rel, located_pos, path + (i,)))
    elif isinstance(data, str) and ("<" in data or ":" in data or "{" in data or "&" in data):
        line, col = located_pos(path)
        diags.extend(scan_value(data, rel, line, col))
    return diags
