"""Refuse raw HTML and dangerous URLs in contributed text (error E180).

Contributors write Markdown. A few harmless inline tags are allowed; everything else that
looks like HTML, every ``on*=`` handler and every ``javascript:``/``data:``/``vbscript:`` URL
is reported with its line and column. The build also sanitizes rendered HTML (see
:mod:`build_tools.sanitize`), so this check is about telling editors early and precisely.
"""

from __future__ import annotations

import re
from typing import Callable

from build_tools.diagnostics import Diagnostic, make

ALLOWED_TAGS = frozenset({"br", "sub", "sup", "abbr", "kbd", "mark", "small", "span", "div"})
PosLookup = Callable[[tuple[object, ...]], tuple[int, int]]
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>?", re.S)
_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.I)
_BAD_URL = re.compile(r"(?:javascript|vbscript|data)\s*:", re.I)
_LINK_URL = re.compile(r"\]\(\s*<?([^)\s>]*)")
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")


def _strip_code(text: str) -> list[str]:
    """Lines of text with fenced and inline code blanked (code may show HTML)."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _CODE_FENCE.match(line):
            fenced = not fenced
            out.append("")
            continue
        if fenced or line.startswith("    "):
            out.append("")
            continue
        out.append(_INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line))
    return out


def scan(text: str, rel: str, first_line: int = 1, first_col: int = 1) -> list[Diagnostic]:
    """Report unsafe HTML or URLs in ``text``, which starts at ``first_line``/``first_col``."""
    diags: list[Diagnostic] = []
    for offset, line in enumerate(_strip_code(text)):
        lineno = first_line + offset
        col0 = first_col if offset == 0 else 1
        for match in _TAG.finditer(line):
            if match.group(1):
                continue  # closing tags were reported with their opening tag
            name = match.group(2).lower()
            attrs = match.group(3) or ""
            if name not in ALLOWED_TAGS:
                diags.append(make(rel, lineno, col0 + match.start(), "E180", f"raw HTML tag <{name}> is not allowed"))
            elif _HANDLER.search(attrs) or _BAD_URL.search(attrs) or re.search(r"\bstyle\s*=", attrs, re.I):
                diags.append(make(rel, lineno, col0 + match.start(), "E180",
                                  f"attributes on <{name}> may not contain event handlers, styles or script URLs"))
        for match in _LINK_URL.finditer(line):
            if _BAD_URL.match(match.group(1).strip()):
                diags.append(make(rel, lineno, col0 + match.start(1), "E180",
                                  f"link to a '{match.group(1).split(':')[0]}:' URL is not allowed"))
        if _HANDLER.search(line) and "<" in line and not _TAG.search(line):
            diags.append(make(rel, lineno, col0, "E180", "event handler attribute is not allowed"))
    return diags


def scan_tree(data: object, rel: str, located_pos: PosLookup, path: tuple[object, ...] = ()) -> list[Diagnostic]:
    """Scan every string value of a parsed YAML tree."""
    diags: list[Diagnostic] = []
    if isinstance(data, dict):
        for key, value in data.items():
            diags.extend(scan_tree(value, rel, located_pos, path + (key,)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            diags.extend(scan_tree(value, rel, located_pos, path + (i,)))
    elif isinstance(data, str) and ("<" in data or ":" in data):
        line, col = located_pos(path)
        for d in scan(data, rel, line, col):
            # Positions inside folded YAML scalars are approximate; anchor them to the value.
            diags.append(make(rel, line, col, d.code, d.message))
    return diags
