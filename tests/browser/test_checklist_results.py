"""The checklist's results (issue 25): the chart writes percentages as the table does, from the locale
file ("48 %" in French), and the results table has room between its cells, at 390 and 1280 px."""

from __future__ import annotations

import re
from typing import Any

import pytest

GID = "good-governance"
FIRST, SECOND = "gg-board-roles", "gg-board-composition"


@pytest.mark.parametrize(("lang", "width"), [("fr", 390), ("fr", 1280), ("en", 1280), ("zh", 390)])
def test_chart_percentages_match_the_table_and_cells_have_room(browser: Any, site_url: str, lang: str,
                                                               width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        prefix = "" if lang == "en" else f"/{lang}"
        page.goto(f"{site_url}{prefix}/self-assessment/{GID}/")
        page.wait_for_selector(".ssa-checklist.ssa-js")
        page.check(f"#r-{FIRST}-3")
        page.check(f"#r-{SECOND}-1")
        cell = page.locator(".ssa-results-table tr[data-part-id='overall'] td[data-cell='score']")
        table_text = cell.text_content()
        number = re.search(r"\d+(?:[.,]\d+)?\s?%", table_text)
        assert number, table_text
        values = page.eval_on_selector_all(".ssa-chart svg .ssa-chart-row--overall .ssa-chart-value",
                                           "els => els.map(e => e.textContent)")
        assert values == [number.group(0)]  # "67 %" in French in both, "67%" in English and Chinese
        assert (" %" in values[0]) is (lang == "fr")
        # Cell spacing: the text of each cell keeps at least 6 px from the cell's edges.
        pads = page.eval_on_selector_all(
            ".ssa-results-table th, .ssa-results-table td",
            "els => els.map(e => { const s = getComputedStyle(e);"
            " return Math.min(parseFloat(s.paddingInlineStart), parseFloat(s.paddingInlineEnd),"
            " parseFloat(s.paddingTop)); })")
        assert pads and min(pads) >= 6
        table = page.locator(".ssa-results-table").bounding_box()
        assert table["width"] <= width  # fits the phone without sideways scrolling
    finally:
        context.close()
