"""Guideline pages: generated Markdown (golden files) and the built site.

Regenerate golden files with UPDATE_GOLDEN=1 (see tests/checklist_support.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from checklist_support import check_golden, collect, fixture_project, generated

LANGS = ("en", "fr", "ar")


@pytest.fixture()
def fixture_pages(tmp_path: Path) -> dict[str, str]:
    return generated(fixture_project(tmp_path / "project"), "guideline_pages")


@pytest.mark.parametrize("lang", LANGS)
def test_guideline_markdown_matches_golden(fixture_pages: dict[str, str], lang: str) -> None:
    suffix = "" if lang == "en" else f".{lang}"
    check_golden(f"guideline-mini{suffix}.md", fixture_pages[f"guidelines/mini{suffix}.md"])
    check_golden(f"guidelines-index{suffix}.md", fixture_pages[f"guidelines/index{suffix}.md"])


def test_principles_have_stable_anchors_in_every_language(fixture_pages: dict[str, str]) -> None:
    for lang in LANGS:
        suffix = "" if lang == "en" else f".{lang}"
        text = fixture_pages[f"guidelines/mini{suffix}.md"]
        assert re.findall(r'<article class="ssa-principle" data-principle-id="([^"]+)"', text) == [
            "mn-board", "mn-ethics", "mn-audit"]
        for pid in ("mn-board", "mn-ethics", "mn-audit"):
            assert f"{{ #{pid} }}" in text
            assert f'id="{pid}-structure"' in text and f'id="{pid}-mechanism"' in text
        assert 'data-edition="2021"' in text and '<time datetime="2021-03-01">' in text


def test_fallback_text_is_marked_with_its_language(fixture_pages: dict[str, str]) -> None:
    text = fixture_pages["guidelines/mini.fr.md"]
    # mn-board is translated; mn-ethics falls back to English, field by field.
    assert '<span lang="en" dir="auto">Ethics &amp; conduct</span>' in text
    assert '<span lang="en" dir="auto">The board</span>' not in text
    assert "Le conseil" in text
    assert '<div class="ssa-statement" lang="en" dir="auto" markdown>\nBoard members follow' in text
    # Good-practice titles without a French translation are marked as English.
    assert '<a href="../../good-practices/gp-xx-mini-board/" lang="en" dir="auto">A charter for the board</a>' in text


def test_built_guideline_page_anchors_and_edition(built_site: Path) -> None:
    html = (built_site / "zh/guidelines/good-governance/index.html").read_text("utf-8")
    ids = collect(html, "id").values
    principles = collect(html, "data-principle-id").values
    assert principles and all(pid in ids for pid in principles)
    assert 'data-edition="2019"' in html and 'datetime="2019-06-01"' in html
    # Structure / Mechanism sub-headings do not flood the table of contents.
    assert 'href="#gg-board-roles-structure"' not in html
    assert 'href="#gg-board-roles"' in html
