"""Facet filters on the good-practice listing, in headless Chromium (issue 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from build_tools.generate import facets
from build_tools.model.project import Project, load_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def project(repo: Path) -> Project:
    return load_project(repo)


def listing(lang: str) -> str:
    return "/good-practices/" if lang == "en" else f"/{lang}/good-practices/"


def open_listing(page: Any, site_url: str, lang: str = "en", query: str = "") -> None:
    page.goto(site_url + listing(lang) + query)
    page.wait_for_selector("[data-facet-results]")


def shown(page: Any) -> list[str]:
    return sorted(page.eval_on_selector_all("[data-facet-results] li[data-case]",
                                            "items => items.map(li => li.dataset.case)"))


def dom_counts(page: Any) -> dict[str, dict[str, int]]:
    return page.evaluate("""() => {
        const out = {};
        document.querySelectorAll('fieldset[data-facet]').forEach(fs => {
            const tally = {};
            fs.querySelectorAll('li[data-value]').forEach(li => {
                const n = parseInt(li.querySelector('[data-count]').textContent, 10);
                if (n > 0) { tally[li.dataset.value] = n; }
            });
            out[fs.dataset.facet] = tally;
        });
        return out;
    }""")


def toggle(page: Any, facet: str, value: str) -> None:
    page.click(f"fieldset[data-facet='{facet}'] li[data-value='{value}'] label")


def expected(project: Project, selection: dict[str, list[str]]) -> tuple[list[str], dict[str, dict[str, int]]]:
    items = facets.cases(project)
    return sorted(c.id for c in facets.select(items, selection)), facets.counts(items, selection)


def test_facets_filter_and_count(page: Any, site_url: str, project: Project) -> None:
    open_listing(page, site_url)
    assert page.is_hidden("[data-case-groups]")
    assert shown(page) == sorted(project.good_practices)
    ids, counts = expected(project, {})
    assert dom_counts(page) == counts

    toggle(page, "region", "africa")
    ids, counts = expected(project, {"region": ["africa"]})
    assert shown(page) == ids and len(ids) >= 2
    assert dom_counts(page) == counts
    assert "region=africa" in page.url

    toggle(page, "award", "winner")
    selection = {"region": ["africa"], "award": ["winner"]}
    ids, counts = expected(project, selection)
    assert shown(page) == ids
    assert dom_counts(page) == counts
    status = page.text_content(".ssa-facet-status") or ""
    assert str(len(ids)) in status

    toggle(page, "region", "europe")  # a second value of the same facet widens the result
    selection = {"region": ["africa", "europe"], "award": ["winner"]}
    wider, counts = expected(project, selection)
    assert shown(page) == wider and set(ids) <= set(wider)
    assert dom_counts(page) == counts
    assert "region=africa%2Ceurope" in page.url or "region=africa,europe" in page.url
    assert page.js_errors == []


def test_text_filter_and_clear(page: Any, site_url: str, project: Project) -> None:
    open_listing(page, site_url)
    page.fill("#ssa-facet-text", "MOBILE money")
    assert shown(page) == ["gp-ke-mobile-contributions"]
    assert "q=MOBILE" in page.url
    # Counts follow the text filter too.
    assert dom_counts(page)["country"] == {"KE": 1}
    page.fill("#ssa-facet-text", "zzzz-no-such-case")
    assert shown(page) == []
    assert page.is_visible(".ssa-facet-empty")
    page.click(".ssa-facet-clear")
    assert shown(page) == sorted(project.good_practices)
    assert "?" not in page.url
    assert page.js_errors == []


def test_url_round_trip(page: Any, site_url: str, project: Project) -> None:
    open_listing(page, site_url)
    toggle(page, "guideline", "ict")
    toggle(page, "year", "2020")
    page.fill("#ssa-facet-text", "data")
    before = shown(page)
    url = page.url
    assert "guideline=ict" in url and "year=2020" in url and "q=data" in url
    page.reload()
    page.wait_for_selector("[data-facet-results]")
    assert page.url == url
    assert shown(page) == before
    assert page.is_checked("fieldset[data-facet='guideline'] input[value='ict']")
    assert page.is_checked("fieldset[data-facet='year'] input[value='2020']")
    assert page.input_value("#ssa-facet-text") == "data"
    # A link with a query (as the case pages make) opens the listing filtered.
    open_listing(page, site_url, query="?country=KE,BR&unknown=1&topic=nope")
    ids, _ = expected(project, {"country": ["KE", "BR"]})
    assert shown(page) == ids
    assert page.js_errors == []


def test_case_page_links_open_filtered_listing(page: Any, site_url: str, project: Project) -> None:
    page.goto(site_url + "/good-practices/gp-ke-mobile-contributions/")
    page.click("a.ssa-facet-link")
    page.wait_for_selector("[data-facet-results]")
    ids, _ = expected(project, {"country": ["KE"]})
    assert shown(page) == ids
    assert page.is_checked("fieldset[data-facet='country'] input[value='KE']")


def test_arabic_listing(page: Any, site_url: str, project: Project) -> None:
    open_listing(page, site_url, "ar", "?region=africa")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    ids, counts = expected(project, {"region": ["africa"]})
    assert shown(page) == ids
    assert dom_counts(page) == counts
    legend = page.text_content("fieldset[data-facet='region'] legend")
    assert legend == project.catalog.t("ar", "good_practice.facet_region")
    label = page.text_content("fieldset[data-facet='country'] li[data-value='KE'] label")
    assert label and "كينيا" in label
    assert project.catalog.t("ar", "good_practice.results", count=len(ids)) == page.text_content(".ssa-facet-status")
    page.fill("#ssa-facet-text", "كينيا")  # country names in Arabic are searchable
    assert shown(page) == ["gp-ke-mobile-contributions"]
    page.keyboard.press("Tab")  # keyboard reaches the facet checkboxes
    focused = page.evaluate("document.activeElement && document.activeElement.type")
    assert focused == "checkbox"
    page.keyboard.press("Space")
    assert page.is_checked(":focus")
    assert page.js_errors == []


def test_without_javascript_cases_are_grouped(browser: Any, site_url: str, project: Project) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(site_url + listing("fr"))
        assert pg.is_visible("[data-case-groups]")
        assert pg.is_hidden("#ssa-facets")
        headings = pg.eval_on_selector_all("[data-case-groups] h2", "hs => hs.map(h => h.id)")
        assert "region-africa" in headings and "region-europe" in headings
        ids = set(pg.eval_on_selector_all("[data-case-groups] li[data-case]", "ls => ls.map(l => l.dataset.case)"))
        assert ids == set(project.good_practices)
        assert pg.is_visible("text=Kenya")
    finally:
        context.close()
