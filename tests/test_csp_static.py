"""Static checks behind the strict CSP: templates have no inline code, JavaScript no HTML sinks.

The browser test (tests/browser/test_csp.py) proves the built pages run under the policy; these
checks point at the exact template or script line when someone adds an inline ``<script>``,
an ``on*=`` handler, a ``style`` attribute, or an ``innerHTML``-style sink.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = sorted([*REPO.glob("overrides/**/*.html"), *REPO.glob("overrides/generators/*.j2")])
SCRIPTS = sorted(REPO.glob("overrides/assets/js/**/*.js"))  # modules in lib/ and checklist/ too

_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.S)
_STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I | re.S)
_STYLE_TAG = re.compile(r"<style\b", re.I)
_JS_URL = re.compile(r"\bhref\s*=\s*[\"']\s*javascript:", re.I)
_SINK = re.compile(r"\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML\s*\(|document\.write(ln)?\s*\(|\beval\s*\("
                   r"|\bnew\s+Function\s*\(|\bset(Timeout|Interval)\s*\(\s*[\"'`]")
_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\"'])//[^\n]*", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.relative_to(REPO).as_posix() for p in TEMPLATES])
def test_template_has_no_inline_code(path: Path) -> None:
    text = _JINJA_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), path.read_text("utf-8"))
    problems = []
    for match in _SCRIPT_TAG.finditer(text):
        attrs = match.group(1)
        if "src=" not in attrs and 'type="application/json"' not in attrs:
            problems.append(f"line {_line(text, match.start())}: inline <script> (move the code to overrides/assets/js/)")
    for pattern, what in ((_HANDLER, "inline event handler"), (_STYLE_ATTR, "style attribute"),
                          (_STYLE_TAG, "<style> element"), (_JS_URL, "javascript: URL")):
        problems += [f"line {_line(text, m.start())}: {what}" for m in pattern.finditer(text)]
    assert not problems, f"{path.relative_to(REPO)}: " + "; ".join(problems)


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.relative_to(REPO / "overrides/assets/js").as_posix() for p in SCRIPTS])
def test_script_has_no_html_sinks(path: Path) -> None:
    text = path.read_text("utf-8")
    code = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    problems = [f"line {_line(code, m.start())}: {m.group(0)}" for m in _SINK.finditer(code)]
    assert not problems, f"{path.name}: use textContent/createElement instead of: " + "; ".join(problems)


def test_headers_file_ships_a_strict_policy() -> None:
    text = (REPO / "overrides" / "_headers").read_text("utf-8")
    policy = next(line.split(":", 1)[1].strip() for line in text.splitlines()
                  if line.strip().startswith("Content-Security-Policy:"))
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert not any("unsafe" in value for values in directives.values() for value in values)
