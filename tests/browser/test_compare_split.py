"""The comparison split by region (portal scale, issue 25) in headless Chromium.

The sample site is built once more with at most 8 countries per comparison page, so its 26 countries
make the portal's shape: the comparison's page holds every country's checkbox and loads the chosen
columns from the region pages; each region page reads complete without JavaScript.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import _QuietHandler, copy_project

TOPICS = "population,old_age.employer"


@pytest.fixture(scope="module")
def split_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("split"))
    cfg = root / "mkdocs.yml"
    text = cfg.read_text("utf-8")
    assert "      compare_page_countries: 35\n" in text
    cfg.write_text(text.replace("      compare_page_countries: 35\n", "      compare_page_countries: 8\n"), "utf-8")
    proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build"], cwd=root,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"build failed:\n{proc.stdout}\n{proc.stderr[-6000:]}")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _shown(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "[data-compare-table] section:not([hidden]) thead th[data-country]:not([hidden])",
        "els => els.map(e => e.dataset.country)")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_permalink_across_regions_loads_the_chosen_columns(browser: Any, split_url: str, width: int) -> None:
    """China (Asia-Pacific), Kenya (Africa), Morocco (Africa): columns from two region pages, in order."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{split_url}/countries/compare/?countries=cn,ke,ma&topics={TOPICS}")
        page.wait_for_function("document.querySelectorAll('[data-compare-table] thead th[data-country]').length >= 6")
        assert page.locator("[data-compare-table]").is_visible()
        shown = _shown(page)
        assert set(shown) == {"cn", "ke", "ma"}
        names = page.eval_on_selector_all("section[data-group=indicators] thead th[data-country]",
                                          "els => els.map(e => e.textContent.trim())")
        assert names[0].startswith("China") and names[1].startswith("Kenya")  # the checkboxes' order
        rows = page.eval_on_selector_all("tr[data-topic]:not([hidden])", "els => els.map(e => e.dataset.topic)")
        assert rows == ["population", "old_age.employer"]
        cell = page.locator('tr[data-topic="population"] td[data-country="ke"]')
        assert cell.get_attribute("data-value")
        # The names link to the country pages (relative links stay right: the region pages are siblings).
        href = page.locator('section[data-group=indicators] th[data-country="ke"] a').get_attribute("href")
        assert page.evaluate("h => new URL(h, location.href).pathname", href) == "/countries/ke/"
        # Add a country from a third region: its page is fetched, the URL keeps the choice.
        page.check('input[name="country"][value="br"]')
        page.wait_for_function("document.querySelector('thead th[data-country=\"br\"]') !== null")
        page.wait_for_function("location.search.includes('br')")
        assert set(_shown(page)) == {"br", "cn", "ke", "ma"}
        assert page.locator("[data-compare-status]").text_content() == ""
        assert errors == []
    finally:
        context.close()


def test_plain_visit_asks_for_a_choice_and_lists_regions(page: Any, split_url: str) -> None:
    page.goto(f"{split_url}/ar/countries/compare/")
    assert page.locator("[data-compare-empty]").is_visible()
    assert not page.locator("[data-compare-table]").is_visible()
    regions = page.locator(".ssa-compare__regions li > a")
    assert regions.count() >= 4
    assert page.locator('.ssa-compare__regions a[href="../compare-africa/"]').count() == 1
    assert page.js_errors == []


def test_region_pages_read_without_javascript(browser: Any, split_url: str) -> None:
    """Without scripts every country is on one region page, in full, reachable from the comparison."""
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(f"{split_url}/zh/countries/compare/")
        hrefs = pg.eval_on_selector_all(".ssa-compare__regions li > a", "els => els.map(e => e.href)")
        seen: list[str] = []
        for href in hrefs:
            pg.goto(href)
            assert pg.locator("section[data-group]").count() == 7
            heads = pg.eval_on_selector_all("section[data-group=indicators] thead th[data-country]",
                                            "els => els.map(e => e.dataset.country)")
            assert 0 < len(heads) <= 8
            seen += heads
        countries = [p.stem for p in (Path(__file__).resolve().parents[2] / "country_profiles").glob("*.yml")
                     if "." not in p.stem]
        assert sorted(seen) == sorted(countries)
    finally:
        context.close()
