"""Refuse raw HTML and dangerous URLs in contributed text (error E180).

Contributors write Markdown. A few harmless inline tags are allowed (with a few harmless
attributes); everything else that looks like HTML is reported with its line and column:
other tags, comments-as-markup (``<!``, ``<?``), every ``on*=`` handler, ``style`` attributes
(also through attr_list ``{ ... }`` blocks, which set attributes on the element before them),
and every ``javascript:``/``vbscript:``/``data:`` URL, also when it is disguised with HTML
entities, control characters or white space. The build additionally sanitizes the rendered
HTML of contributed pages (see :mod:`build_tools.output.html_sanitizer`), so this check is about telling
editors early and precisely; it does not try to be the only line of defence.

Code is not exempt, except inline code spans on one line: the site's Markdown has no fenced
code blocks, and indented lines may be list continuations, where raw HTML is live.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import unquote

from build_tools.checks.diagnostics import Diagnostic, make

ALLOWED_TAGS = frozenset({"br", "sub", "sup", "abbr", "kbd", "mark", "small", "span", "div"})
ALLOWED_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title", "markdown"})
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

    def report(col: int, message: str) -> None:
        diags.append(make(rel, lineno, col0 + col, "E180", message))

    for match in _MARKUP_DECL.finditer(line):
        report(match.start(), "raw HTML markup ('<!' or '<?') is not allowed")
    tags = list(_TAG.finditer(line))
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
        if name not in ALLOWED_TAGS:
            report(match.start(), f"raw HTML tag <{name}> is not allowed")
            continue
        problems = _attribute_problems(attrs)
        if problems:
            report(match.start(), f"<{name}> may not carry {', '.join(problems)}")
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
    diags = [make(rel, line, col, d.code, d.message) for d in scan(text, rel, line, col)]
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
