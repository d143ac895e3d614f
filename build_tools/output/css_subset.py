"""Ship only the theme CSS the built pages can use (issue 18: page weight on slow networks).

Material's stylesheet (``assets/stylesheets/main.<hash>.min.css``, 137 KB, 23 KB gzipped) styles every
feature of the theme; this site uses a small part of it. After the whole site is built, the rules
whose selectors need a class that no page has and no script can add are dropped, in place. A rule is
kept when any selector in its list could match:

* the classes a selector requires (``.name`` outside functional pseudo-classes such as ``:not()``)
  must all be *used*: written in a ``class`` attribute of a built page, or named in a shipped script
  (Material's bundle adds state classes such as ``md-header--shadow`` at run time);
* selectors without classes (elements, attributes, ``:root``) are always kept, and so is every
  at-rule other than ``@media``/``@supports`` (fonts, keyframes), whose rules are filtered in turn.

The CSS is parsed with tinycss2 (a maintained CSS Syntax Level 3 parser) rather than with regular
expressions, so strings, escapes and nested blocks cannot confuse the filter. This is the idea of
PurgeCSS, in a few lines of Python, so the build needs no Node.js.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2
from tinycss2 import ast

from build_tools.output.theme import CLASS_PREFIX, THEME_CSS

_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
_SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")
_SCRIPT_SRC = re.compile(r'\ssrc="([^"?#]+\.js)"')
_BEM_BLOCK = re.compile(r"^(.+?)(?:__|--)")
_FILTERED_AT_RULES = frozenset({"media", "supports"})


class UsedClasses:
    """The class names pages and scripts can produce, with prefixes scripts build names from."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names: set[str] = set(names)
        self.prefixes: set[str] = set()
        self.script_words: set[str] = set()

    def add_html(self, html: str) -> None:
        """Record the classes in the ``class`` attributes of a page."""
        for value in _CLASS_ATTR.findall(html):
            self.names.update(value.split())

    def add_script(self, code: str) -> None:
        """Record every word of a script (see :meth:`finish`)."""
        self.script_words.update(_SCRIPT_WORD.findall(code))

    def finish(self) -> None:
        """Count script words as classes, once all pages are recorded.

        Material's bundle names every class of every theme feature; a theme class (``md-...``) it
        names counts only if its block (``md-header`` of ``md-header--shadow``) is on some page, so
        the styles of unused features (versions, tooltips, annotations, code copy) go. Other words
        count (the focus-visible polyfill's classes, the site's own scripts). A word ending in ``-``
        or ``_`` may start a class name a script builds, so it is kept as a prefix.
        """
        blocks = {_block(name) for name in self.names}
        for word in self.script_words:
            if not word.startswith(CLASS_PREFIX) or _block(word) in blocks:
                self.names.add(word)
                if word.endswith(("-", "_")) and len(word) > 3:
                    self.prefixes.add(word)
        self.script_words = set()

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        return name in self.names or any(name.startswith(prefix) for prefix in self.prefixes)


def _block(name: str) -> str:
    match = _BEM_BLOCK.match(name)
    return match.group(1) if match else name


def _selectors(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    """Split a selector list at its top-level commas."""
    out: list[list[ast.Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            out.append([])
        else:
            out[-1].append(token)
    return out


def _may_match(selector: list[ast.Node], used: UsedClasses) -> bool:
    """False only if the selector requires a class nothing produces."""
    for before, token in zip(selector, selector[1:], strict=False):
        if before.type == "literal" and before.value == "." and token.type == "ident" and token.value not in used:
            return False
    return True


def _filter(rules: list[ast.Node], used: UsedClasses) -> list[str]:
    out: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if any(_may_match(sel, used) for sel in _selectors(rule.prelude)):
                out.append(rule.serialize())
        elif rule.type == "at-rule" and rule.lower_at_keyword in _FILTERED_AT_RULES and rule.content is not None:
            inner = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            kept = _filter(inner, used)
            if kept:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(kept)}}}")
        elif rule.type != "error":  # a browser skips what does not parse, and so does the copy
            out.append(rule.serialize())
    return out


def subset(css: str, used: UsedClasses) -> str:
    """``css`` without the rules no page can use."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_filter(rules, used))


def used_in_site(site: Path) -> UsedClasses:
    """Classes in every built page and words in every script a page loads."""
    used = UsedClasses()
    scripts: set[str] = set()
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8", errors="replace")
        used.add_html(html)
        scripts.update(Path(src).name for src in _SCRIPT_SRC.findall(html))
    for script in sorted(site.rglob("*.js")):
        if script.name in scripts:
            used.add_script(script.read_text("utf-8", errors="replace"))
    used.finish()
    return used


def subset_site(site: Path) -> tuple[int, int]:
    """Subset the theme stylesheet(s) of a built site in place; returns (bytes before, bytes after)."""
    before = after = 0
    targets = sorted(site.glob(THEME_CSS))
    if not targets:
        return 0, 0
    used = used_in_site(site)
    for path in targets:
        css = path.read_text("utf-8")
        smaller = subset(css, used)
        before += len(css.encode("utf-8"))
        after += len(smaller.encode("utf-8"))
        path.write_text(smaller, "utf-8")
    return before, after
