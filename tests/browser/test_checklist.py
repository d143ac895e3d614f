"""Self-assessment checklist in headless Chromium: answers, autosave, export, import, gaps, keyboard."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

GID = "good-governance"
EDITION = "2019"
URL = f"/self-assessment/{GID}/"
AR_URL = f"/ar/self-assessment/{GID}/"
FIRST, SECOND, THIRD = "gg-board-roles", "gg-board-composition", "gg-board-competence"
XSS = '<img src=x onerror="window.__pwned=1">'


def _open(page: Any, site_url: str, path: str = URL) -> None:
    page.goto(site_url + path)
    page.wait_for_selector(".ssa-checklist.ssa-js")


def _rate(page: Any, pid: str, value: str) -> None:
    page.check(f"#r-{pid}-{value}")


def _checked(page: Any, pid: str) -> str | None:
    return page.evaluate(
        "pid => { const r = document.querySelector(`input[name='r-${pid}']:checked`); return r ? r.value : null; }",
        pid)


def _status(page: Any) -> str:
    return str(page.inner_text("[data-ssa-status]"))


def _import(page: Any, payload: bytes, name: str = "assessment.json") -> None:
    page.set_input_files("#ssa-import-file", files=[{"name": name, "mimeType": "application/json", "buffer": payload}])
    page.wait_for_function("document.querySelector('[data-ssa-status]').textContent.length > 0")


def _export(page: Any, action: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(f"button[data-action='{action}']")
    download = info.value
    return download.suggested_filename, Path(download.path()).read_text("utf-8-sig")


def _export_doc(answers: dict[str, Any], guideline: str = GID, edition: str = EDITION) -> bytes:
    return json.dumps({"schema": "ssa-self-assessment", "schema_version": 1, "guideline": guideline,
                       "edition": edition, "answers": answers}).encode()


def test_answers_survive_a_reload_and_start_over_clears_them(page: Any, site_url: str) -> None:
    _open(page, site_url)
    _rate(page, FIRST, "3")
    _rate(page, SECOND, "1")
    _rate(page, THIRD, "na")
    page.fill(f"#n-{FIRST}", "Charter adopted in 2020")
    page.fill(f"#e-{FIRST}", "Board minutes")
    overall = page.locator(".ssa-results-table tr[data-part-id='overall']")
    assert "3 of 21 answered" in overall.inner_text()
    # (3 + 1) / (2 * 3) = 67 %; the N/A answer is left out of the score.
    assert "67%" in overall.inner_text()
    assert page.locator(".ssa-chart svg[role='img'] rect.ssa-chart-bar").count() == 4

    page.reload()
    page.wait_for_selector(".ssa-checklist.ssa-js")
    assert _checked(page, FIRST) == "3" and _checked(page, SECOND) == "1" and _checked(page, THIRD) == "na"
    assert page.input_value(f"#n-{FIRST}") == "Charter adopted in 2020"
    assert page.input_value(f"#e-{FIRST}") == "Board minutes"
    assert page.evaluate(f"localStorage.getItem('ssa-checklist:{GID}:{EDITION}') !== null")

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-action='start-over']")
    assert _checked(page, FIRST) is None and page.input_value(f"#n-{FIRST}") == ""
    page.reload()
    page.wait_for_selector(".ssa-checklist.ssa-js")
    assert _checked(page, FIRST) is None
    assert page.js_errors == []


def test_export_json_then_open_it_in_arabic(page: Any, site_url: str) -> None:
    _open(page, site_url, f"/fr{URL}")
    _rate(page, FIRST, "2")
    _rate(page, SECOND, "0")
    page.fill(f"#n-{SECOND}", "À faire : « charte »")
    name, text = _export(page, "export-json")
    assert name == f"self-assessment-{GID}-{EDITION}.json"
    doc = json.loads(text)
    assert doc["schema_version"] == 1 and doc["guideline"] == GID and doc["edition"] == EDITION
    assert doc["answers"] == {FIRST: {"rating": 2, "notes": "", "evidence": ""},
                              SECOND: {"rating": 0, "notes": "À faire : « charte »", "evidence": ""}}

    _open(page, site_url, AR_URL)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-action='start-over']")
    assert _checked(page, FIRST) is None

    _import(page, text.encode())
    assert _checked(page, FIRST) == "2" and _checked(page, SECOND) == "0"
    assert page.input_value(f"#n-{SECOND}") == "À faire : « charte »"
    assert _status(page) == "استُوردت إجابتان."  # two answers: the Arabic dual form (CLDR "two")
    # The gap (rated 0) lists the good practices tagged with that principle.
    gap = page.locator(f".ssa-gap[data-principle-id='{SECOND}']")
    assert gap.count() == 1
    assert gap.locator("a[data-practice-id='gp-ma-board-risk-committee']").get_attribute("href") == \
        "../../good-practices/gp-ma-board-risk-committee/"
    assert page.js_errors == []


def test_export_csv(page: Any, site_url: str) -> None:
    _open(page, site_url)
    _rate(page, FIRST, "1")
    page.fill(f"#n-{FIRST}", 'He said "no", then =SUM(A1)')
    page.fill(f"#e-{FIRST}", "=HYPERLINK(\"http://example.org\")")
    name, text = _export(page, "export-csv")
    assert name == f"self-assessment-{GID}-{EDITION}.csv"
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Part", "ID", "Principle", "Rating (0–3)", "Implementation", "Notes", "Evidence"]
    assert len(rows) == 22
    first = rows[1]
    assert first[:5] == ["A", FIRST, "1. Roles of the board", "1", "Partially implemented"]
    assert first[5] == 'He said "no", then =SUM(A1)'
    assert first[6].startswith("'=")  # formulas are neutralised
    assert rows[2][1:5] == [SECOND, "2. Composition of the board", "", "Not answered"]


def test_malicious_import_is_shown_as_text(page: Any, site_url: str) -> None:
    _open(page, site_url)
    payload = _export_doc({FIRST: {"rating": 0, "notes": XSS, "evidence": XSS},
                           f"x{XSS}": {"rating": 1, "notes": "", "evidence": ""}})
    _import(page, payload)
    assert page.input_value(f"#n-{FIRST}") == XSS
    assert XSS in page.inner_text("[data-ssa-report]")
    assert XSS in _status(page)  # the unknown ID is listed, as text
    page.emulate_media(media="print")
    assert page.locator(".ssa-report").is_visible()
    assert not page.locator("#ssa-checklist-form").is_visible()
    page.emulate_media(media="screen")
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.js_errors == []


@pytest.mark.parametrize(("payload", "expected"), [
    (_export_doc({FIRST: {"rating": 3}}, guideline="ict"), "This file is for another guideline (ict)."),
    (b'{"schema": "ssa-self-assessment", "answers": ', "The file is not valid JSON."),
    (b'{"hello": "world"}', "The file is not a self-assessment export."),
    (_export_doc({FIRST: {"rating": 7}}), "The file is not a self-assessment export."),
    (json.dumps({"schema": "ssa-self-assessment", "schema_version": 99, "guideline": GID, "edition": EDITION,
                 "answers": {}}).encode(), "unsupported version"),
    (b" " * (600 * 1024) + b"{}", "The file is too large (limit 512 KB)."),
])
def test_bad_imports_get_a_clear_message(page: Any, site_url: str, payload: bytes, expected: str) -> None:
    _open(page, site_url)
    _rate(page, FIRST, "2")
    _import(page, payload)
    assert expected in _status(page)
    assert page.get_attribute("[data-ssa-status]", "aria-live") == "polite"
    assert _checked(page, FIRST) == "2"  # nothing was replaced
    assert page.js_errors == []


def test_bad_import_message_is_localized(page: Any, site_url: str) -> None:
    _open(page, site_url, f"/de{URL}")
    _import(page, b"not json")
    assert _status(page) == "Die Datei ist kein gültiges JSON."


def test_older_edition_maps_by_principle_id(page: Any, site_url: str) -> None:
    _open(page, site_url)
    payload = _export_doc({FIRST: {"rating": 3, "notes": "kept"}, "gg-retired-principle": {"rating": 1}},
                          edition="2013")
    _import(page, payload)
    assert _checked(page, FIRST) == "3"
    status = _status(page)
    assert "edition 2013" in status
    assert "no longer exist" in status and "gg-retired-principle" in status


def test_keyboard_selects_a_rating(page: Any, site_url: str) -> None:
    _open(page, site_url)
    page.focus(f"#{FIRST} .ssa-item-link a")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"r-{FIRST}-3"
    page.keyboard.press("Space")
    assert _checked(page, FIRST) == "3"
    page.keyboard.press("ArrowDown")
    assert _checked(page, FIRST) == "2"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"n-{FIRST}"
    page.keyboard.type("typed")
    stored = json.loads(page.evaluate(f"localStorage.getItem('ssa-checklist:{GID}:{EDITION}')"))
    assert stored["answers"][FIRST] == {"rating": 2, "notes": "typed", "evidence": ""}


def test_readable_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(site_url + URL)
        assert pg.locator(".ssa-item").count() == 21
        assert pg.locator(".ssa-checklist-toolbar").is_hidden()
        assert pg.locator(f"#r-{FIRST}-3").is_visible()
        pg.check(f"#r-{FIRST}-3")  # still a usable paper-like form
        pg.emulate_media(media="print")
        assert pg.locator("#ssa-checklist-form").is_visible()
    finally:
        context.close()


def test_full_storage_is_announced(page: Any, site_url: str) -> None:
    """When the browser's storage is full the reader is told the answers are not saved."""
    _open(page, site_url, "/fr" + URL)
    filled = page.evaluate("""() => {
        localStorage.clear();
        const chunk = "x".repeat(512 * 1024);
        let i = 0;
        try { for (; i < 100; i++) localStorage.setItem("filler-" + i, chunk); } catch (err) { return err.name; }
        return "never full";
    }""")
    assert filled == "QuotaExceededError"
    page.fill(f"#n-{FIRST}", "x" * 600_000)  # larger than what is left
    page.wait_for_function("document.querySelector('[data-ssa-status]').textContent.length > 0")
    assert "stockage de ce navigateur est plein" in _status(page)
    assert page.inner_text("[data-ssa-saved]") == ""
    page.evaluate("() => { for (let i = 0; i < 100; i++) localStorage.removeItem('filler-' + i); }")
    page.fill(f"#n-{FIRST}", "short")
    assert page.inner_text("[data-ssa-saved]") != ""
    assert page.js_errors == []
