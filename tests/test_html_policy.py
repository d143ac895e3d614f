"""One raw-HTML policy (CONTENT.md, "Raw HTML"), enforced the same way in every text editors write.

Each tag class is tested: allowed inline tags, tags refused with their Markdown form as the hint,
and tags refused as unsafe; in a Markdown page, in front matter, in guideline YAML text and in
translations (Markdown and YAML).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GP_FRONT_MATTER

from build_tools.app.validate import validate
from build_tools.checks import markdown_safety
from build_tools.checks.markdown_safety import INLINE_TAGS, MARKDOWN_EQUIVALENTS, tag_class

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("tag", sorted(INLINE_TAGS))
def test_allowed_inline_tags_pass(tag: str) -> None:
    text = "A line<br>break." if tag == "br" else f'Text <{tag} lang="fr" title="t">x</{tag}>.'
    assert markdown_safety.scan(text, "x.md") == []


@pytest.mark.parametrize("tag,expected", [("b", "**bold text**"), ("strong", "**bold text**"), ("i", "*italic text*"),
                                          ("table", "Markdown table"), ("td", "Markdown table"), ("a", "[link text]"),
                                          ("img", "![description"), ("div", "!!! note"), ("h2", "## Heading"),
                                          ("ul", "Markdown list"), ("p", "blank line")])
def test_tags_with_a_markdown_form_are_refused_with_that_form(tag: str, expected: str) -> None:
    diags = markdown_safety.scan(f"Some <{tag}>text</{tag}>.", "x.md", 4)
    assert [(d.code, d.line, d.column) for d in diags] == [("E180", 4, 6)]
    assert f"<{tag}>" in diags[0].message and "Markdown has a form for it" in diags[0].message
    assert expected in diags[0].hint


@pytest.mark.parametrize("tag", ["script", "iframe", "style", "object", "form", "input", "svg", "video"])
def test_other_tags_are_refused_as_unsafe(tag: str) -> None:
    diags = markdown_safety.scan(f"x <{tag}></{tag}>", "x.md")
    assert len(diags) == 1 and "could run code" in diags[0].message
    assert "<sub>" in diags[0].hint and "Raw HTML" in diags[0].hint


def test_every_tag_has_exactly_one_class() -> None:
    assert not INLINE_TAGS & set(MARKDOWN_EQUIVALENTS)
    assert {tag_class(t) for t in INLINE_TAGS} == {"allowed"}
    assert {tag_class(t) for t in MARKDOWN_EQUIVALENTS} == {"markdown"}
    assert tag_class("SCRIPT") == "unsafe"


def test_attributes_outside_the_policy_are_refused() -> None:
    diags = markdown_safety.scan('<span style="color:red" data-x="1">x</span>', "x.md")
    assert len(diags) == 1 and "'style' attribute" in diags[0].message and "attribute 'data-x'" in diags[0].message
    assert "allowed attributes" in diags[0].hint


def test_html_comments_are_notes_not_markup() -> None:
    assert markdown_safety.scan("Text <!-- note for the next editor -->", "x.md") == []


def test_the_policy_is_written_in_content_md() -> None:
    text = (ROOT / "CONTENT.md").read_text("utf-8")
    section = text.split("## Raw HTML", 1)[1].split("\n## ", 1)[0]
    for tag in INLINE_TAGS:
        assert f"<{tag}>" in section, tag
    for tag in ("b", "table", "div", "a", "img"):
        assert f"<{tag}>" in section, tag


def _e180(diags: list, rel: str) -> list:
    return [d for d in diags if d.code == "E180" and d.path == rel]


def test_same_policy_in_pages_front_matter_yaml_text_and_translations(mini_project: Path) -> None:
    gp = "content/good-practices/gp-html.md"
    head = GP_FRONT_MATTER.replace("{title}", "A case").format(id="gp-html")
    (mini_project / gp).write_text(head.replace("summary: Text.", "summary: Text <b>bold</b>.")
                                   + "H<sub>2</sub>O and <table><tr><td>x</td></tr></table>\n", "utf-8")
    (mini_project / "content/good-practices/gp-demo.fr.md").write_text(
        "---\ntitle: Démo\n---\nTexte <b>gras</b> et x<sup>2</sup>.\n", "utf-8")
    guideline = mini_project / "guidelines/demo.yml"
    guideline.write_text(guideline.read_text("utf-8").replace("How the institution is organized.",
                                                              "How the <b>institution</b> is H<sub>2</sub>O."), "utf-8")
    (mini_project / "guidelines/demo.fr.yml").write_text(
        (mini_project / "guidelines/demo.fr.yml").read_text("utf-8").replace("title:", "title: <i>x</i>", 1), "utf-8")
    _project, diags = validate(mini_project)
    for rel in (gp, "content/good-practices/gp-demo.fr.md", "guidelines/demo.yml", "guidelines/demo.fr.yml"):
        found = _e180(diags, rel)
        assert found, rel
        assert all("Markdown has a form for it" in d.message for d in found), [d.format_text() for d in found]
        assert all("**bold text**" in d.hint or "*italic text*" in d.hint or "Markdown table" in d.hint
                   for d in found), [d.hint for d in found]
    assert len(_e180(diags, gp)) == 2  # <b> in the summary, <table> in the body; <sub> passes
