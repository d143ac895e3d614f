"""Front page (issue 18): generated from the content in every language, with live counts.

Golden files: tests/golden/home-mini{,.fr,.ar}.md hold the front page of the mini fixture project;
regenerate them with UPDATE_GOLDEN=1 after an intended change and review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from checklist_support import check_golden

from build_tools.generate import Context, front_page
from build_tools.model import kinds
from build_tools.model.project import Project, load_project

LANGS = ("en", "fr", "ar")


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Project:
    from conftest import make_mini_project

    project = load_project(make_mini_project(tmp_path_factory.mktemp("front") / "mini"))
    assert not [d for d in project.diagnostics if d.severity.name == "ERROR"]
    return project


@pytest.fixture(scope="module")
def pages(mini: Project) -> dict[str, str]:
    return {p.path: p.text for p in front_page.pages(Context(mini))}


@pytest.mark.parametrize("lang", LANGS)
def test_front_page_markdown_matches_golden(pages: dict[str, str], lang: str) -> None:
    suffix = "" if lang == "en" else f".{lang}"
    check_golden(f"home-mini{suffix}.md", pages[f"index{suffix}.md"])


def test_front_page_is_a_generated_path() -> None:
    assert kinds.is_generated("index.md") and kinds.is_generated("index.zh.md")
    assert not kinds.is_generated("about.md") and not kinds.is_generated("guidelines-extra/index.md")


def test_counts_are_live(mini: Project) -> None:
    figures = front_page.counts(Context(mini))
    principles = sum(len(s.principles) for g in mini.guidelines.values() for p in g.parts for s in p.sections)
    assert figures == {"guidelines": len(mini.guidelines), "principles": principles,
                       "good_practices": len(mini.good_practices), "countries": len(mini.profiles),
                       "reports": len(mini.reports)}
    assert principles > 0


def test_counts_follow_the_content(repo: Path) -> None:
    project = load_project(repo)
    text = {p.path: p.text for p in front_page.pages(Context(project))}["index.md"]
    assert f'<span class="ssa-home__figure">{len(project.good_practices)}</span>' in text
    assert f'<span class="ssa-home__figure">{len(project.profiles)}</span>' in text
    # The latest good practices and reports are the newest by their dates.
    newest_gp = max(project.good_practices.values(), key=lambda d: (int(d.meta["year"]), [-ord(c) for c in d.id]))
    newest_report = max(project.reports.values(), key=lambda d: str(d.meta["date"]))
    cases = re.findall(r'data-case="([^"]+)"', text)
    reports = re.findall(r'data-report="([^"]+)"', text)
    assert cases[0] == newest_gp.id and len(cases) == min(front_page.LATEST_PRACTICES, len(project.good_practices))
    assert reports[0] == newest_report.id
    years = [int(project.good_practices[c].meta["year"]) for c in cases]
    assert years == sorted(years, reverse=True)


def test_featured_guideline_is_the_newest_edition(repo: Path) -> None:
    project = load_project(repo)
    featured = front_page.featured_guideline(list(project.guidelines.values()))
    assert featured is not None
    assert str(featured.edition_date) == max(str(g.edition_date) for g in project.guidelines.values())
    text = {p.path: p.text for p in front_page.pages(Context(project))}["index.md"]
    assert f'data-guideline="{featured.id}"' in text
    assert len(re.findall(r"data-part-id=", text)) == len(featured.parts)
    assert front_page.featured_guideline([]) is None


@pytest.mark.parametrize("lang", ("fr", "ar", "zh"))
def test_front_page_prefers_items_in_the_readers_language(repo: Path, lang: str) -> None:
    """Issue 25: a guideline and cases translated into the reader's language come first; English ones are marked."""
    project = load_project(repo)
    text = {p.path: p.text for p in front_page.pages(Context(project))}[f"index.{lang}.md"]
    featured = re.search(r'data-guideline="([^"]+)"', text).group(1)  # type: ignore[union-attr]
    translated = [g for g in project.guidelines.values() if lang in g.translations]
    assert translated, "the sample has a guideline in this language"
    assert featured in {g.id for g in translated}
    newest = max(str(g.edition_date) for g in translated)
    assert str(project.guidelines[featured].edition_date) == newest
    mark = project.catalog.t(lang, "search.in_default_language")
    cases = re.findall(r'<li data-case="([^"]+)">(.*?)</li>', text)
    in_lang = [lang in project.good_practices[c].translations for c, _ in cases]
    assert in_lang == sorted(in_lang, reverse=True)  # translated first, English after
    assert any(in_lang)
    for (_c, body), own in zip(cases, in_lang, strict=True):
        assert (mark in body) is (not own)
        assert ('lang="en"' in body) is (not own)
    # Of the translated cases, the newest are shown.
    shown = {c for c, _ in cases}
    for doc in project.good_practices.values():
        if lang in doc.translations and doc.id not in shown:
            assert all(int(doc.meta["year"]) <= int(project.good_practices[c].meta["year"])
                       for c, own in zip(shown, in_lang, strict=False) if own)


def test_prefer_translated_keeps_order_and_fills_with_english() -> None:
    items = ["a", "B", "c", "D", "e"]
    upper = str.isupper
    assert front_page.prefer_translated(items, upper, 3) == ["B", "D", "a"]
    assert front_page.prefer_translated(items, upper, 1) == ["B"]
    assert front_page.prefer_translated(items, lambda x: False, 2) == ["a", "B"]


@pytest.mark.parametrize("lang", ("en", "fr", "de", "es", "ar", "ru", "zh"))
def test_front_page_is_localized(repo: Path, lang: str) -> None:
    project = load_project(repo)
    name = "index.md" if lang == "en" else f"index.{lang}.md"
    text = {p.path: p.text for p in front_page.pages(Context(project))}[name]
    for key in ("home.collections", "home.latest_good_practices", "home.latest_reports", "home.featured_guideline",
                "home.compare_action", "home.search_label"):
        assert project.catalog.t(lang, key) in text
    if lang != "en":
        assert project.catalog.t(lang, "home.collections") != project.catalog.t("en", "home.collections")


def test_ties_are_broken_by_id() -> None:
    from types import SimpleNamespace
    from typing import Any

    def guideline(id_: str, date: str) -> Any:
        return SimpleNamespace(id=id_, edition_date=date)

    def report(id_: str, date: str) -> Any:
        return SimpleNamespace(id=id_, meta={"date": date})

    items = [guideline("abc", "2024-01-01"), guideline("ab", "2024-01-01"), guideline("z", "2020-01-01")]
    assert front_page.featured_guideline(items).id == "ab"  # type: ignore[union-attr]
    docs = [report("b", "2024-01-01"), report("a", "2024-01-01"), report("c", "2025-01-01"), report("d", "2020-01-01")]
    assert [d.id for d in front_page.latest_reports(docs, 3)] == ["c", "a", "b"]
