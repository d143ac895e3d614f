"""The country comparison in headless Chromium: pick countries and topics, permalink, CSV, Arabic."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from build_tools.generate.profile_pages import branch_topics

COUNTRIES = {"br", "fr", "jp"}
TOPICS = ["population", "pension_age_women", "old_age.employer", "sickness.coverage"]


def _select(page: Any) -> None:
    """Clear everything, then tick 3 countries and 4 topics as a reader would."""
    page.click('button[data-compare-none="country"]')
    page.click('button[data-compare-none="topic"]')
    assert page.locator("[data-compare-empty]").is_visible()
    for iso in sorted(COUNTRIES):
        page.check(f'input[name="country"][value="{iso}"]')
    for topic in TOPICS:
        box = page.locator(f'input[name="topic"][value="{topic}"]')
        group = page.locator(f'details[data-group="{topic.split(".")[0] if "." in topic else "indicators"}"]')
        if group.get_attribute("open") is None:
            group.locator("summary").click()
        box.check()


def _visible_state(page: Any) -> tuple[set[str], list[str]]:
    countries = page.eval_on_selector_all(
        "[data-compare-table] thead th[data-country]:not([hidden])", "els => els.map(e => e.dataset.country)")
    topics = page.eval_on_selector_all(
        "[data-compare-table] tr[data-topic]:not([hidden])", "els => els.map(e => e.dataset.topic)")
    return set(countries), topics


def _query(url: str) -> tuple[set[str], set[str]]:
    params = parse_qs(urlparse(url).query)
    return set(params["countries"][0].split(",")), set(params["topics"][0].split(","))


def _download_csv(page: Any) -> list[list[str]]:
    with page.expect_download() as info:
        page.click("button[data-compare-export]")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_without_selection_the_full_table_shows(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/countries/compare/")
    assert page.locator("[data-compare-controls]").is_visible()
    countries, topics = _visible_state(page)
    assert len(countries) >= 12 and len(topics) == 4 + 6 * len(branch_topics())  # five SSPTW branches and long-term care
    assert "?" not in page.url  # a plain visit keeps its short address
    assert page.js_errors == []


def test_plain_visit_leaves_the_built_tables_untouched(page: Any, site_url: str) -> None:
    """The tables arrive complete in the HTML; on a plain visit the script changes nothing in them."""
    page.goto(f"{site_url}/countries/compare/")
    page.wait_for_load_state("load")
    assert page.eval_on_selector_all("[data-compare-table] [hidden]", "els => els.length") == 0
    assert page.locator("table.ssa-compare__table").count() == 7  # key indicators + six branches
    assert page.locator(".md-typeset__scrollwrap .md-typeset__scrollwrap").count() == 0  # not wrapped twice
    href = page.get_attribute("[data-compare-permalink]", "href")
    assert "countries=" in href and "topics=" in href
    assert page.js_errors == []


def test_compare_page_reads_without_javascript(browser: Any, site_url: str) -> None:
    """Without scripts every table is there and readable; the controls that need a script are not shown."""
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(f"{site_url}/fr/countries/compare/")
        assert not pg.locator("[data-compare-controls]").is_visible()
        assert pg.locator("section[data-group]").count() == 7
        for section in pg.locator("section[data-group]").all():
            section.scroll_into_view_if_needed()
            assert section.locator("thead th[data-country]").count() >= 12
        assert pg.locator("tr[data-topic]").count() == 4 + 6 * len(branch_topics())
        pg.locator('tr[data-topic="old_age.coverage"]').scroll_into_view_if_needed()
        assert pg.locator('tr[data-topic="old_age.coverage"]').is_visible()
    finally:
        context.close()


def _names(headers: list[str]) -> list[str]:
    """Country names of CSV header cells, without the illustrative-data mark of sample countries."""
    return [h.removesuffix(" illustrative") for h in headers]


def test_pick_permalink_and_csv(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/countries/compare/")
    _select(page)
    countries, topics = _visible_state(page)
    assert countries == COUNTRIES
    assert sorted(topics) == sorted(TOPICS)
    assert _query(page.url) == (COUNTRIES, set(TOPICS))
    # Groups without a chosen topic disappear with their heading and header row.
    shown = page.eval_on_selector_all("section[data-group]:not([hidden])", "els => els.map(e => e.dataset.group)")
    assert shown == ["indicators", "old_age", "sickness"]
    permalink = page.url
    assert page.get_attribute("[data-compare-permalink]", "href").endswith(urlparse(permalink).query)

    # Round trip: a fresh load of the permalink restores the same selection.
    page.goto("about:blank")
    page.goto(permalink)
    assert _visible_state(page) == (countries, topics)
    checked = page.eval_on_selector_all('input[type="checkbox"]:checked', "els => els.map(e => e.value)")
    assert set(checked) == COUNTRIES | set(TOPICS)
    assert page.url == permalink

    rows = _download_csv(page)
    header, body = rows[0], rows[1:]
    # Sample (illustrative) countries are marked as such in the download, as everywhere else.
    assert header[0] == "Topic" and set(header[1:]) == {"Brazil illustrative", "France illustrative",
                                                         "Japan illustrative"}
    assert len(body) == 4
    by_label = {row[0]: dict(zip(_names(header[1:]), row[1:], strict=True)) for row in body}
    assert by_label["Population"]["Brazil"] == "212600000"  # raw numbers, not "212,600,000"
    employer = by_label["Old age, invalidity and survivors: Contributions, employer"]["Brazil"]
    assert employer.startswith("Social insurance: 20% of payroll; Social assistance: ")  # per program, in words
    coverage = by_label["Sickness and maternity: Coverage"]["Japan"]
    assert len(coverage) > 20 and "\n" not in coverage
    assert page.js_errors == []


def test_arabic_compare_page(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/ar/countries/compare/?countries=br,fr,jp&topics={','.join(TOPICS)}")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    countries, topics = _visible_state(page)
    assert countries == COUNTRIES and sorted(topics) == sorted(TOPICS)
    # Right to left: the topic column is on the right of the country columns.
    corner = page.locator("[data-compare-table] thead th").first.bounding_box()
    first_country = page.locator("[data-compare-table] thead th[data-country]:not([hidden])").first.bounding_box()
    assert corner["x"] > first_country["x"]
    # Controls work in Arabic too: untick Japan.
    page.uncheck('input[name="country"][value="jp"]')
    assert _visible_state(page)[0] == {"br", "fr"}
    assert _query(page.url)[0] == {"br", "fr"}
    rows = _download_csv(page)
    assert rows[0][0] == "الموضوع" and set(rows[0][1:]) == {"البرازيل توضيحي", "فرنسا توضيحي"}
    assert len(rows) == 5
    assert page.js_errors == []


@pytest.mark.parametrize("path", ["countries/", "ar/countries/"])
def test_charts_render_with_accessible_names(page: Any, site_url: str, path: str) -> None:
    page.goto(f"{site_url}/{path}")
    # Each chart is drawn twice, for wide screens and for phones (CSS shows one): both are named.
    for narrow in page.locator("#chart-pension-age svg.ssa-chart__svg--narrow").all():
        assert narrow.get_attribute("role") == "img" and narrow.get_attribute("aria-labelledby")
    svg = page.locator("#chart-pension-age svg.ssa-chart__svg--wide")
    assert svg.get_attribute("role") == "img"
    title_id = svg.get_attribute("aria-labelledby")
    assert page.locator(f"#{title_id}").text_content()
    # Country labels sit on the inline-start side of the bars (left in LTR, right in RTL).
    label = page.locator("#chart-pension-age .ssa-chart__label").first.bounding_box()
    bar = page.locator("#chart-pension-age .ssa-chart__row rect").first.bounding_box()
    if path.startswith("ar/"):
        assert label["x"] >= bar["x"] + bar["width"] - 1
    else:
        assert label["x"] + label["width"] <= bar["x"] + 1
    assert page.js_errors == []


def test_compare_shows_kinds_in_words_and_branch_notes(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/countries/compare/?countries=jp,ke&topics=old_age.government,old_age.self_employed,"
              "unemployment.programs,work_injury.employer")
    rows = _download_csv(page)
    header, body = rows[0], rows[1:]
    by_label = {row[0]: dict(zip(_names(header[1:]), row[1:], strict=True)) for row in body}
    government = by_label["Old age, invalidity and survivors: Contributions, government"]["Japan"]
    assert "Described in text" in government and "Half the cost" in government  # words, never 0
    assert "¥17,510 per month" in by_label["Old age, invalidity and survivors: Contributions, self-employed person"]["Japan"]
    assert "severance pay" in by_label["Unemployment: Programs"]["Kenya"]  # a branch's note is not hidden
    assert "0.25% to 8.8% of payroll" in by_label["Work injury: Contributions, employer"]["Kenya"]
    # The marker legend is visible, and markers are explained in words next to them.
    assert page.locator(".ssa-markers").first.is_visible()
    assert page.js_errors == []


def test_contribution_chart_marks_what_it_does_not_add(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/countries/")
    chart = page.locator("#chart-contributions")
    markers = chart.locator("svg .ssa-chart__marker").all_text_contents()
    assert {"¤", "~", "¶"} <= set(markers)  # legend entries, visible in the picture
    chart.locator("details summary").click()
    table = chart.locator("table").inner_text()
    assert "Total of percentage rates" in table and "not in totals" in table  # the same distinctions in words
    assert page.js_errors == []
