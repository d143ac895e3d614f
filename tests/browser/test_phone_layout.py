"""Reading on a phone (issue 25), in real Chromium at 390 px (and 1280 px where layouts switch).

- a case page's details box never squeezes a text column narrower than 8 characters;
- chart text on /countries/ and region pages renders at 11 px or more, inside the drawing;
- the comparison keeps its country names in view while the reader scrolls: on phones each topic is a
  card whose every value is headed by its country's name, on wide screens the table keeps its header
  row (countries) and first column (topics) sticky; the page itself never scrolls sideways;
- the comparison's cards pass axe's colour contrast as Lighthouse runs it (groups not laid out yet);
- a country's contributions table shows every party (Employer, Government included) on a phone;
- a country's agreements and institutions read as cards on a phone, every value under its column's
  name, with no sideways scroll box (axe: scrollable-region-focusable); tables on wide screens;
- the good-practice filters sit behind a "Filter" button on phones, open on wide screens.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PREFIX = {"en": "", "ar": "/ar", "zh": "/zh"}
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
LOCALES = Path(__file__).resolve().parents[2] / "locales"

# Every block that holds text directly, with its content width and 8 "0" of its own font.
NARROW_COLUMNS = """(root) => {
    const blocks = new Set();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (!node.textContent.trim()) continue;
        let el = node.parentElement;
        while (el && el !== root && getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
        if (el) blocks.add(el);
    }
    const canvas = document.createElement('canvas').getContext('2d');
    const out = [];
    for (const el of blocks) {
        const cs = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || cs.visibility === 'hidden') continue;
        const inner = rect.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)
            - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
        canvas.font = cs.font;
        const eight = canvas.measureText('0').width * 8;
        const text = el.textContent.trim().slice(0, 40);
        if (inner < eight) out.push(`${el.tagName} ${Math.round(inner)}px < ${Math.round(eight)}px: ${text}`);
    }
    return out;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
@pytest.mark.parametrize("case", ["gp-ke-mobile-contributions", "gp-ma-board-risk-committee",
                                  "gp-br-digital-enrolment"])
def test_case_page_columns_keep_eight_characters(page: Any, site_url: str, lang: str, case: str,
                                                 viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{site_url}{PREFIX[lang]}/good-practices/{case}/")
    box = page.locator(".ssa-case-meta")
    assert box.count() == 1
    assert box.evaluate(NARROW_COLUMNS) == []
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


CHART_TEXT = """() => {
    const out = {checked: 0, small: [], outside: []};
    for (const svg of document.querySelectorAll('svg.ssa-chart__svg')) {
        const rect = svg.getBoundingClientRect();
        if (rect.width === 0) continue;  // the other drawing of the same chart
        const box = svg.viewBox.baseVal;
        const scale = rect.width / box.width;
        for (const text of svg.querySelectorAll('text')) {
            if (!text.textContent.trim()) continue;
            out.checked += 1;
            const px = parseFloat(getComputedStyle(text).fontSize) * scale;
            if (px < 11) out.small.push(`${text.textContent} ${px.toFixed(1)}px`);
            const b = text.getBBox();
            if (b.x < -1 || b.x + b.width > box.width + 1) out.outside.push(text.textContent);
        }
    }
    return out;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
@pytest.mark.parametrize("path", ["/countries/", "/countries/africa/"])
def test_chart_text_is_readable(page: Any, site_url: str, viewport: dict[str, int], lang: str, path: str) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{site_url}{PREFIX[lang]}{path}")
    result = page.evaluate(CHART_TEXT)
    assert result["checked"] > 10
    assert result["small"] == [], "chart text under 11 px"
    assert result["outside"] == [], "chart text cut at the edge of the drawing"
    # Exactly one drawing of each chart is shown, and it has an accessible name.
    shown = page.eval_on_selector_all(
        "svg.ssa-chart__svg", "els => els.filter(e => e.getBoundingClientRect().width > 0).length")
    assert shown == page.locator("figure.ssa-chart").count()
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


STICKY = """async (section) => {
    const box = section.querySelector('.md-typeset__scrollwrap');
    // content-visibility lays a group out only once it is near the viewport, a frame or two after it
    // scrolled there: wait for that layout (an event of the page, not a guessed delay) before scrolling it.
    const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
    for (let i = 0; i < 120 && box.scrollHeight <= box.clientHeight + 1; i += 1) { await frame(); }
    await frame();
    box.scrollTop = 120;
    box.scrollLeft = getComputedStyle(box).direction === 'rtl' ? -box.scrollWidth : box.scrollWidth;
    const b = box.getBoundingClientRect();
    const heads = [...section.querySelectorAll('thead th[data-country]')].filter(th => !th.hidden);
    const last = heads[heads.length - 1].getBoundingClientRect();
    const first = section.querySelector('tbody tr:not([hidden]) th').getBoundingClientRect();
    const rtl = getComputedStyle(box).direction === 'rtl';
    return {
        scrolled: box.scrollTop > 0,
        headerAtTop: Math.abs(last.top - b.top) < 2,
        lastCountryInside: last.left >= b.left - 1 && last.right <= b.right + 1,
        firstColumnAtEdge: rtl ? Math.abs(first.right - b.right) < 2 : Math.abs(first.left - b.left) < 2,
    };
}"""


def _tallest_group(page: Any) -> Any:
    """The group whose table is tallest (content-visibility lays a group out only near the viewport:
    bring each one there first)."""
    sections = page.locator("section.ssa-compare__section")
    tallest, height = None, 0
    for i in range(sections.count()):
        sections.nth(i).scroll_into_view_if_needed()
        h = sections.nth(i).evaluate("s => s.querySelector('.md-typeset__scrollwrap').scrollHeight")
        if h > height:
            tallest, height = sections.nth(i), h
    assert tallest is not None and height > 900, "no group tall enough to scroll"
    return tallest


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_comparison_keeps_country_names_and_topics_in_view(page: Any, site_url: str, lang: str) -> None:
    """Wide screens: the table scrolls in its box with the country names and the topics sticky."""
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site_url}{PREFIX[lang]}/countries/compare/")
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    tallest = _tallest_group(page)
    tallest.scroll_into_view_if_needed()
    state = tallest.evaluate(STICKY)
    assert state == {"scrolled": True, "headerAtTop": True, "lastCountryInside": True, "firstColumnAtEdge": True}


# Every shown cell of a group, on a phone: where it is, the name above its value (its ::before),
# the country's name in the header row, and whether its label is inside the viewport.
CARD_CELLS = """async (section) => {
    const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
    await frame(); await frame();
    const names = {};
    for (const th of section.querySelectorAll('thead th[data-country]')) {
        names[th.dataset.country] = th.textContent.replace(/\\s+/g, ' ').trim();
    }
    const out = [];
    for (const td of section.querySelectorAll('tbody tr:not([hidden]) td[data-country]:not([hidden])')) {
        const r = td.getBoundingClientRect();
        const label = getComputedStyle(td, '::before');
        out.push({topic: td.parentElement.dataset.topic, country: td.dataset.country,
                  left: r.left, right: r.right, width: r.width,
                  label: label.content.replace(/^"|"$/g, ''), labelShown: label.display === 'block',
                  name: names[td.dataset.country]});
    }
    return out;
}"""


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_comparison_on_a_phone_names_the_country_on_every_value(page: Any, site_url: str, lang: str) -> None:
    """390 px: each topic is a card; every value, Employer and Government contributions included, lies
    inside the screen with its country's name above it, so no name scrolls away and no column is
    off-screen; no text column is narrower than 8 characters."""
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}{PREFIX[lang]}/countries/compare/")
    assert page.locator("[data-compare-table] thead").first.is_hidden()
    seen: set[str] = set()
    for group in ("indicators", "old_age", "work_injury"):
        section = page.locator(f'section[data-group="{group}"]')
        section.scroll_into_view_if_needed()
        cells = section.evaluate(CARD_CELLS)
        assert len(cells) >= 12 * 4
        for c in cells:
            where = f"{c['topic']} {c['country']}"
            assert c["left"] >= -1 and c["right"] <= PHONE["width"] + 1, f"{where} off-screen"
            assert c["labelShown"] and c["label"] == c["name"] and c["name"], f"{where} not named"
            seen.add(c["topic"].rsplit(".", 1)[-1])
        assert section.evaluate(NARROW_COLUMNS) == []
    assert {"employer", "government", "insured", "self_employed"} <= seen
    # Scrolled to the middle of a long card, the value in view still shows its country's name.
    cell = page.locator('tr[data-topic="old_age.government"] td[data-country]').nth(6)
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    assert 0 <= box["y"] and box["y"] + 20 <= PHONE["height"]
    assert cell.evaluate("td => getComputedStyle(td, '::before').content").strip('"')
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert page.js_errors == []


def test_comparison_cards_need_no_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        pg = context.new_page()
        pg.goto(f"{site_url}/ar/countries/compare/")
        cell = pg.locator('tr[data-topic="old_age.employer"] td[data-country="ke"]')
        cell.scroll_into_view_if_needed()
        label = cell.evaluate("td => getComputedStyle(td, '::before').content").strip('"')
        assert label.startswith("كينيا")
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert pg.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_comparison_cards_contrast_as_lighthouse_measures_it(page: Any, site_url: str, lang: str) -> None:
    """390 px, the groups left as a browser leaves them (content-visibility: auto; test_a11y forces them
    visible): axe's color-contrast, which Lighthouse runs, measured cards of groups not yet laid out
    against the footer (Lighthouse accessibility 0.96). Each group clips to its own box; laid out,
    that box cuts nothing."""
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}{PREFIX[lang]}/countries/compare/")
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    failing = page.evaluate("""async () => (await axe.run(document, {runOnly: ['color-contrast']}))
        .violations.flatMap(v => v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary))""")
    assert failing == []
    cut = page.evaluate("""() => {
        const boxes = [...document.querySelectorAll('.ssa-compare__section > .md-typeset__scrollwrap')];
        for (const box of boxes) box.style.contentVisibility = 'visible';
        return boxes.filter(b => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1)
            .map(b => b.parentElement.dataset.group);
    }""")
    assert cut == [], "a group's box cuts its cards"
    assert not page.js_errors


CONTRIBUTION_CELLS = """(table) => {
    const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    return [...table.querySelectorAll('td[data-party]')].filter(td => td.textContent.trim()).map(td => {
        const r = td.getBoundingClientRect();
        return {party: td.dataset.party, left: r.left, right: r.right, width: r.width,
                label: getComputedStyle(td, '::before').content.replace(/^"|"$/g, ''), heads};
    });
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_country_contributions_show_every_party(page: Any, site_url: str, lang: str,
                                                viewport: dict[str, int]) -> None:
    """Kenya's contributions: Insured person, Self-employed, Employer and Government are all on screen,
    as cards named by party on a phone, as the full table (nothing scrolled away) on a wide screen."""
    page.set_viewport_size(viewport)
    page.goto(f"{site_url}{PREFIX[lang]}/countries/ke/")
    table = page.locator('table[data-table="contributions"]')
    table.scroll_into_view_if_needed()
    cells = table.evaluate(CONTRIBUTION_CELLS)
    assert {c["party"] for c in cells} == {"insured", "self_employed", "employer", "government"}
    for c in cells:
        assert c["left"] >= -1 and c["right"] <= viewport["width"] + 1, f"{c['party']} off-screen"
        if viewport is PHONE:
            assert c["label"] in c["heads"][2:], f"{c['party']} cell not named by its party"
    wrap = table.evaluate("t => { const w = t.closest('.md-typeset__scrollwrap'); "
                          "return w.scrollWidth <= w.clientWidth + 1; }")
    assert wrap, "a column lies outside the table's box"
    if viewport is PHONE:
        assert table.evaluate(NARROW_COLUMNS) == []
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_good_practice_filters_behind_a_button_on_phones(page: Any, site_url: str, lang: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}{PREFIX[lang]}/good-practices/")
    toggle = page.locator(".ssa-facet-toggle > summary")
    toggle.wait_for(state="visible")
    form = page.locator(".ssa-facet-form")
    assert not form.is_visible()
    # The first case is close to the top instead of ~1,700 px down.
    first = page.locator("[data-facet-results] li").first
    assert first.bounding_box()["y"] < 844
    toggle.click()
    assert form.is_visible()
    page.locator(".ssa-facet-form input[type='checkbox']").first.check()
    assert "=" in page.url.split("?", 1)[-1]
    assert not page.js_errors


def test_good_practice_filters_open_on_wide_screens(page: Any, site_url: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site_url}/good-practices/")
    form = page.locator(".ssa-facet-form")
    form.wait_for(state="visible")
    assert not page.locator(".ssa-facet-toggle > summary").is_visible()


def test_good_practice_listing_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        pg = context.new_page()
        pg.goto(f"{site_url}/good-practices/")
        assert pg.locator("[data-case-groups] li[data-case]").first.is_visible()
        assert pg.locator(".ssa-facet-toggle").count() == 0
    finally:
        context.close()


# A country's agreements and institutions (issue 25): every shown cell of a table, with its column's
# header text, the label above its value (its ::before) and where it lies.
LABELLED_CELLS = """(table) => {
    const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.replace(/\\s+/g, ' ').trim());
    const out = [];
    for (const tr of table.querySelectorAll('tbody tr')) {
        [...tr.children].forEach((cell, column) => {
            if (cell.tagName !== 'TD' || !cell.textContent.trim()) return;
            const r = cell.getBoundingClientRect();
            const label = getComputedStyle(cell, '::before');
            out.push({row: tr.dataset.partner || tr.dataset.institution, head: heads[column],
                      left: r.left, right: r.right, label: label.content.replace(/^"|"$/g, ''),
                      labelShown: label.display === 'block' && label.content !== 'none'});
        });
    }
    const wrap = table.closest('.md-typeset__scrollwrap');
    return {cells: out, display: getComputedStyle(table.querySelector('tbody td')).display,
            headShown: getComputedStyle(table.querySelector('thead')).display !== 'none',
            scrollBox: wrap.scrollWidth > wrap.clientWidth + 1 || table.scrollWidth > table.clientWidth + 1,
            wrapOverflow: getComputedStyle(wrap).overflowX};
}"""

# The locale keys of each table's columns after the first (the first is the card's heading).
CARD_LABEL_KEYS = {
    "agreements": ["kind", "in_force", "branches_covered", "posted_months", "self_employed_months"],
    "institutions": ["branches_covered", "staff", "offices", "year"],
}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_country_agreements_and_institutions_read_as_cards_on_a_phone(page: Any, site_url: str, lang: str,
                                                                      viewport: dict[str, int]) -> None:
    """France's agreements and institutions: on a phone, one card per partner or institution, each
    value under its column's name (from the locale file), nothing in a sideways scroll box (axe's
    scrollable-region-focusable); on a wide screen, tables with their header row."""
    page.set_viewport_size(viewport)
    page.goto(f"{site_url}{PREFIX[lang]}/countries/fr/")
    profile = yaml.safe_load((LOCALES / f"{lang}.yml").read_text("utf-8"))["profile"]
    for name, keys in CARD_LABEL_KEYS.items():
        table = page.locator(f'table[data-table="{name}"]')
        table.scroll_into_view_if_needed()
        state = table.evaluate(LABELLED_CELLS)
        cells = state["cells"]
        assert len({c["row"] for c in cells}) >= 3, f"{name}: too few rows to test"
        assert {c["head"] for c in cells} == {str(profile[k]) for k in keys}, f"{name}: a column without a value"
        assert not state["scrollBox"], f"{name} scrolls sideways in its box"
        for c in cells:
            where = f"{name} {c['row']} {c['head']}"
            assert c["left"] >= -1 and c["right"] <= viewport["width"] + 1, f"{where} off-screen"
            if viewport is PHONE:
                assert c["labelShown"] and c["label"] == c["head"], f"{where} not named"
        if viewport is PHONE:
            assert state["display"] == "block" and not state["headShown"] and state["wrapOverflow"] == "visible"
            assert table.evaluate(NARROW_COLUMNS) == []
        else:
            assert state["display"] == "table-cell" and state["headShown"]
            assert not any(c["labelShown"] for c in cells), f"{name}: card labels on a wide screen"
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    if viewport is PHONE:
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.filter(v => v.id === 'scrollable-region-focusable' || ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")
        assert violations == []
    assert not page.js_errors


def test_no_country_page_has_a_sideways_scroll_box_on_a_phone(page: Any, site_url: str, built_site: Path) -> None:
    """Every profile of the sample, at 390 px: no table needs a scroll box (none for axe to flag)."""
    page.set_viewport_size(PHONE)
    countries = sorted(p.parent.name for p in (built_site / "countries").glob("*/index.html")
                       if 'data-table="contributions"' in p.read_text("utf-8"))
    assert len(countries) >= 10
    for country in countries:
        page.goto(f"{site_url}/countries/{country}/")
        boxes = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
            .filter(w => w.scrollWidth > w.clientWidth + 1)
            .map(w => (w.querySelector('table') || w).dataset.table || w.className)""")
        assert boxes == [], f"{country}: {boxes} scroll sideways"
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), country
