"""Injection corpus: every payload is refused by validation with a located E180 error.

Each payload is placed in a good-practice body, in its front matter, in a guideline's YAML
text and in a translation, and validation must report E180 at the payload's own line. The
sanitizer (nh3) is tested on the same corpus: what a payload would render to never keeps
anything executable. And harmless Markdown must not be refused.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from conftest import GP_FRONT_MATTER

from build_tools.app.validate import validate
from build_tools.checks import markdown_safety
from build_tools.output import html_sanitizer

CORPUS: list[tuple[str, str]] = [
    ("script", "<script>alert(1)</script>"),
    ("script-upper", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>"),
    ("script-split", "<scr<script>ipt>alert(1)</script>"),
    ("handler-img", "<img src=x onerror=alert(1)>"),
    ("handler-allowed-tag", '<span onclick="alert(1)">x</span>'),
    ("handler-slash", "<span/onmouseover=alert(1)>x</span>"),
    ("handler-attr-list", 'Click me { onclick="alert(1)" }'),
    ("handler-heading-attr-list", "## Title { onmouseover=alert(1) }"),
    ("style-attr", '<span style="background:url(javascript:alert(1))">x</span>'),
    ("style-attr-list", "Text { style=\"color:red\" }"),
    ("style-tag", "<style>body{display:none}</style>"),
    ("iframe", '<iframe src="https://evil.example/"></iframe>'),
    ("object", '<object data="x.swf"></object>'),
    ("embed", '<embed src="x.swf">'),
    ("svg", "<svg onload=alert(1)>"),
    ("math", '<math><mi xlink:href="javascript:alert(1)">x</mi></math>'),
    ("form", '<form action="https://evil.example/"><input name=x></form>'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("base", '<base href="https://evil.example/">'),
    ("link-js", "[click](javascript:alert(1))"),
    ("link-js-case", "[click](JaVaScRiPt:alert(1))"),
    ("link-js-entity", "[click](java&#115;cript:alert(1))"),
    ("link-js-hex-entity", "[click](&#x6A;avascript&colon;alert(1))"),
    ("link-js-tab", "[click](java&#9;script:alert(1))"),
    ("link-js-percent", "[click](%6Aavascript:alert(1))"),
    ("link-js-angle", "[click](<javascript:alert(1)>)"),
    ("link-vbscript", "[click](vbscript:msgbox(1))"),
    ("link-data", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("image-data", "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)"),
    ("reference-js", "[click][r]\n\n[r]: javascript:alert(1)"),
    ("autolink-js", "<javascript:alert(1)>"),
    ("anchor-tag", '<a href="javascript:alert(1)">x</a>'),
    ("title-attr-js", '<span title="x" class="&#106;avascript:alert(1)">x</span>'),
    ("conditional-comment", "<!--[if IE]><script>alert(1)</script><![endif]-->"),
    ("cdata", "<![CDATA[<script>alert(1)</script>]]>"),
    ("processing-instruction", "<?php echo 1; ?>"),
    ("list-continuation", "- item\n\n    <script>alert(1)</script>"),
    ("fence-with-blank-line", "```\n\n<script>alert(1)</script>\n\n```"),
    ("details-ontoggle", "<details open ontoggle=alert(1)>"),
]

GP_HEAD = GP_FRONT_MATTER.format(id="gp-inject", title="Injection") + "Intro.\n\n"
BODY_LINE = GP_HEAD.count("\n") + 1  # the payload's first line


def _e180(diags: list, rel: str) -> list:
    return [d for d in diags if d.code == "E180" and d.path == rel]


@pytest.mark.parametrize("name,payload", CORPUS, ids=[c[0] for c in CORPUS])
def test_scanner_refuses_payload(name: str, payload: str) -> None:
    diags = markdown_safety.scan(payload, "x.md", 10)
    assert diags, f"{name} was not refused"
    assert all(d.code == "E180" and d.line >= 10 for d in diags)


@pytest.mark.parametrize("name,payload", CORPUS, ids=[c[0] for c in CORPUS])
def test_payload_in_yaml_text_is_refused(name: str, payload: str) -> None:
    diags = markdown_safety.scan_tree({"summary": payload}, "g.yml", lambda path: (7, 10))
    assert diags and {(d.code, d.line, d.column) for d in diags} == {("E180", 7, 10)}


@pytest.mark.parametrize("name,payload", CORPUS, ids=[c[0] for c in CORPUS])
def test_sanitizer_leaves_nothing_executable(name: str, payload: str) -> None:
    rendered = markdown.markdown(payload, extensions=["attr_list", "md_in_html", "tables", "def_list"])
    cleaned = html_sanitizer.clean(rendered)
    lowered = cleaned.lower()
    assert not re.search(r"<(script|style|iframe|object|embed|svg|math|form|meta|base|input)\b", lowered), cleaned
    assert not re.search(r"<[^>]*\son\w+\s*=", lowered), cleaned
    assert not re.search(r"<[^>]*\sstyle\s*=", lowered), cleaned
    for url in re.findall(r'(?:href|src)="([^"]*)"', cleaned):
        # What the browser reads as the scheme: entities decoded, invisible characters dropped
        # (percent-encoding is not decoded in a scheme, so "%6Aavascript:" is a harmless relative URL).
        assert not markdown_safety.normalized_url(url).startswith(markdown_safety.DANGEROUS_SCHEMES), cleaned


# A representative subset in real files: the whole validation path reports file and line.
FILE_CASES = ["script", "handler-attr-list", "link-js-entity", "iframe", "object", "style-tag", "link-data",
              "list-continuation", "reference-js"]


@pytest.mark.parametrize("name", FILE_CASES)
def test_validation_reports_payload_in_body_with_its_line(mini_project: Path, name: str) -> None:
    payload = dict(CORPUS)[name]
    rel = "content/good-practices/gp-inject.md"
    (mini_project / rel).write_text(GP_HEAD + payload + "\n", encoding="utf-8")
    _project, diags = validate(mini_project)
    found = _e180(diags, rel)
    assert found, f"{name} not refused by validation"
    payload_lines = range(BODY_LINE, BODY_LINE + payload.count("\n") + 1)
    assert all(d.line in payload_lines for d in found), [d.format_text() for d in found]


@pytest.mark.parametrize("name", ["script", "link-js", "iframe", "handler-allowed-tag"])
def test_validation_reports_payload_in_front_matter(mini_project: Path, name: str) -> None:
    payload = dict(CORPUS)[name].replace('"', "'")
    rel = "content/good-practices/gp-inject.md"
    (mini_project / rel).write_text(GP_HEAD.replace("summary: Text.", f'summary: "{payload}"'), encoding="utf-8")
    _project, diags = validate(mini_project)
    assert [(d.line, d.code) for d in _e180(diags, rel)] == [(10, "E180")]


def test_validation_reports_payload_in_translation_and_guideline(mini_project: Path) -> None:
    tr = "content/good-practices/gp-demo.fr.md"
    (mini_project / tr).write_text("---\ntitle: Démo\n---\nTexte <iframe src=x></iframe>.\n", encoding="utf-8")
    guideline = mini_project / "guidelines/demo.yml"
    text = guideline.read_text("utf-8")
    line = text.split("\n").index(next(ln for ln in text.split("\n") if ln.strip().startswith("title:"))) + 1
    guideline.write_text(text.replace("title:", "title: '[x](javascript:alert(1))' #", 1), encoding="utf-8")
    _project, diags = validate(mini_project)
    assert [(d.line, d.code) for d in _e180(diags, tr)] == [(4, "E180")]
    assert [d.line for d in _e180(diags, "guidelines/demo.yml")] == [line]


HARMLESS = [
    "Plain text with a < b and c > d, and 3<4.",
    "A [link](https://example.org/) and <https://example.org/> and <mailto:a@example.org>.",
    "Inline `<script>` code is shown, not run.",
    "Allowed: H<sub>2</sub>O, x<sup>2</sup>, <abbr title=\"International\">INT</abbr>, <kbd>Ctrl</kbd>.",
    'A line<br>break in a table cell, <span lang="fr">en français</span>, <mark>new</mark>, <small>note</small>.',
    "## Heading { #custom-id .wide lang=fr }",
    "A colon: not a URL, and data: as a word at the start of a sentence is prose.",
    "Conditions onboarding = quick.",
]


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_markdown_is_accepted(text: str) -> None:
    assert markdown_safety.scan(text, "x.md") == []


def test_sanitizer_keeps_the_markup_markdown_produces() -> None:
    html = ('<h2 id="a">T<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
            '<p lang="fr">x <a href="../y/#z">y</a> <img alt="i" src="img.png"></p>'
            '<table><thead><tr><th class="ssa-align-end">n</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
            '<div class="admonition note"><p class="admonition-title">Note</p></div>')
    assert html_sanitizer.clean(html) == html


def test_only_marked_editor_region_is_cleaned() -> None:
    begin, end = html_sanitizer.markers()
    template = '<div class="ssa-case-meta" data-good-practice="gp-x"><a href="../?topic=t">t</a></div>'
    page = template + begin + '<p data-x="1" onclick="x">body</p>' + end + template
    assert html_sanitizer.clean_marked(page) == template + "<p>body</p>" + template
    # A forged end marker cannot be produced by editors (the nonce is secret); an unbalanced
    # sequence makes the whole fragment clean.
    assert "data-good-practice" not in html_sanitizer.clean_marked(template + end + template)
