"""Switching language keeps the reader's place (issue 25), in real Chromium at 390 and 1280 px.

The language menu shows all seven languages without scrolling inside it, marks the current one,
and its links carry the fragment (a principle) and the query (comparison selection, good-practice
filters) over to the other language.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (390, 1280)
NAMES = {"en": "English", "ar": "العربية", "zh": "中文", "fr": "Français"}
PREFIX = {"en": "", "ar": "/ar", "zh": "/zh", "fr": "/fr"}
# (from, to): every one of en, ar, zh is left and reached once.
JOURNEYS = (("en", "ar"), ("ar", "zh"), ("zh", "en"))


def _open_menu(page: Any) -> Any:
    selector = page.locator(".md-header__option .md-select").first
    selector.hover()
    page.locator("a[data-ssa-alternate]").first.wait_for(state="visible")
    return selector


def _switch(page: Any, lang: str) -> None:
    """Open the header's language menu and follow the link to ``lang``, as a reader would."""
    selector = _open_menu(page)
    link = selector.locator(f"a[data-ssa-alternate][hreflang='{lang}']")
    with page.expect_navigation():
        link.click()


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def sized(page: Any, request: Any) -> Any:
    page.set_viewport_size({"width": request.param, "height": 844 if request.param < 600 else 900})
    return page


@pytest.mark.parametrize("src,dst", JOURNEYS)
def test_switch_keeps_the_principle_in_view(sized: Any, site_url: str, src: str, dst: str) -> None:
    page = sized
    page.goto(f"{site_url}{PREFIX[src]}/guidelines/good-governance/#gg-board-composition")
    _switch(page, dst)
    assert page.url == f"{site_url}{PREFIX[dst]}/guidelines/good-governance/#gg-board-composition"
    assert page.evaluate("document.documentElement.lang").startswith(dst)
    # The principle is where the reader is: its top is inside the viewport.
    page.wait_for_function("""() => {
        const el = document.getElementById('gg-board-composition');
        const top = el.getBoundingClientRect().top;
        return top >= -2 && top < window.innerHeight / 2;
    }""", timeout=5000)
    assert not page.js_errors


@pytest.mark.parametrize("src,dst", JOURNEYS)
def test_switch_keeps_the_comparison_selection(sized: Any, site_url: str, src: str, dst: str) -> None:
    page = sized
    page.goto(f"{site_url}{PREFIX[src]}/countries/compare/?countries=cn,ke,ma&topics=population")
    # A selection changed after load (history.replaceState) is carried too.
    page.locator("input[name='country'][value='br']").check()
    _switch(page, dst)
    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == f"{PREFIX[dst]}/countries/compare/"
    assert set(query["countries"][0].split(",")) == {"br", "cn", "ke", "ma"}
    assert query["topics"] == ["population"]
    checked = page.eval_on_selector_all("input[name='country']:checked", "els => els.map(e => e.value)")
    assert set(checked) == {"br", "cn", "ke", "ma"}
    assert not page.js_errors


@pytest.mark.parametrize("src,dst", JOURNEYS)
def test_switch_keeps_the_good_practice_filters(sized: Any, site_url: str, src: str, dst: str) -> None:
    page = sized
    page.goto(f"{site_url}{PREFIX[src]}/good-practices/?country=MA&topic=governance")
    _switch(page, dst)
    assert urlsplit(page.url).path == f"{PREFIX[dst]}/good-practices/"
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"country": ["MA"], "topic": ["governance"]}
    assert not page.js_errors


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_language_menu_shows_all_seven_and_marks_the_current_one(sized: Any, site_url: str, lang: str) -> None:
    page = sized
    page.goto(f"{site_url}{PREFIX[lang]}/guidelines/good-governance/")
    _open_menu(page)
    links = page.locator("a[data-ssa-alternate]")
    assert links.count() == 7
    page.wait_for_timeout(400)  # Material's opening transition
    # Every language is visible in the menu itself: the element at its centre is the link, and
    # the list does not scroll.
    for i in range(7):
        assert links.nth(i).evaluate("""a => {
            const r = a.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return r.width > 0 && r.bottom <= window.innerHeight && (hit === a || a.contains(hit));
        }"""), f"language link {i} hidden"
    assert page.evaluate("""() => {
        const list = document.querySelector('.md-header .md-select__list');
        return list.scrollHeight <= list.clientHeight + 1;
    }""")
    current = page.locator("a[data-ssa-alternate][aria-current]")
    assert current.count() == 1
    assert current.get_attribute("hreflang").startswith(lang)
