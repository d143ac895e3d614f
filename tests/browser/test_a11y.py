"""Accessibility: axe-core on every page type in en, ar and zh; checklist and comparison by keyboard alone.

axe-core (tests/vendor/axe-core/axe.min.js, MPL-2.0, unmodified) is injected with Playwright
into headless Chromium. Every page type must have zero serious or critical violations, with
the interactive widgets initialised (and the search dialog open with results for the search
page type). The keyboard tests tab through the whole checklist and comparison pages: every
control must be reachable, and the main actions must work with keys only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
LANGUAGES = ["en", "ar", "zh"]
PAGE_KINDS = {
    "home": "",
    "guideline": "guidelines/good-governance/",
    "checklist": "self-assessment/good-governance/",
    "country-profile": "countries/fr/",
    "comparison": "countries/compare/",
    "good-practice-listing": "good-practices/",
    "good-practice": "good-practices/gp-ke-mobile-contributions/",
    "report": "reports/rp-digital-inclusion-2025/",
    "search-results": "",
}
SEARCH_QUERIES = {"en": "pension", "ar": "التقاعد", "zh": "养老保险"}
BLOCKING = ("serious", "critical")


def url_of(site_url: str, lang: str, path: str) -> str:
    """The URL of a page in a language (English at the root, others under /<lang>/)."""
    return f"{site_url}/{path}" if lang == "en" else f"{site_url}/{lang}/{path}"


def open_search_results(page: Any, lang: str) -> None:
    """Open the search dialog with the keyboard and wait for results."""
    page.wait_for_selector(".ssa-search__open")
    page.keyboard.press("/")
    page.locator("#ssa-search-input").fill(SEARCH_QUERIES[lang])
    page.wait_for_selector("#ssa-search-results [role=option]")


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Serious and critical axe violations on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary.split('\\n')[1])}));
    }""")
    return [v for v in result if v["impact"] in BLOCKING]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_serious_axe_violations(page: Any, site_url: str, kind: str, lang: str) -> None:
    page.goto(url_of(site_url, lang, PAGE_KINDS[kind]))
    page.wait_for_load_state("networkidle")
    if kind == "search-results":
        open_search_results(page, lang)
    violations = run_axe(page)
    assert not violations, f"{kind} ({lang}): " + json.dumps(violations, ensure_ascii=False, indent=1)
    assert not page.js_errors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_axe_violations_in_the_comparison_cards(page: Any, site_url: str, lang: str) -> None:
    """At 390 px the comparison reads as one card per topic (issue 25): still no violation.

    Groups far from the viewport are not rendered (content-visibility: auto), and axe then measures
    their text's contrast against whatever is painted at their place (the footer): render them all.
    """
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url_of(site_url, lang, PAGE_KINDS["comparison"]))
    page.wait_for_load_state("networkidle")
    page.evaluate("""() => { for (const box of document.querySelectorAll('.ssa-compare__section > .md-typeset__scrollwrap'))
        box.style.contentVisibility = 'visible'; }""")
    violations = run_axe(page)
    assert not violations, f"comparison ({lang}, 390 px): " + json.dumps(violations, ensure_ascii=False, indent=1)
    assert not page.js_errors


# --- Keyboard alone ------------------------------------------------------------------------

CONTROLS = ("main input:not([type=hidden]), main button, main select, main textarea, main summary, "
            "main a[href], main [tabindex]:not([tabindex='-1'])")


def _tab_stops_needed(page: Any) -> dict[str, str]:
    """Mark every visible, enabled control in the main area with a key (one per radio group).

    Returns each key with the start of the element's HTML, for messages.
    """
    return dict(page.eval_on_selector_all(CONTROLS, """els => els
        .filter(e => !e.disabled && !e.closest('[hidden]') && (e.checkVisibility ? e.checkVisibility({checkVisibilityCSS: true})
                                                       : e.getClientRects().length > 0))
        .map((e, i) => { e.dataset.a11yKey = e.type === 'radio' ? 'radio:' + e.name : (e.id ? '#' + e.id : 'n' + i);
                         return [e.dataset.a11yKey, e.outerHTML.slice(0, 200)]; })"""))


def _tab_through(page: Any, limit: int) -> set[str]:
    """Press Tab until focus comes back to the first control or ``limit`` presses; returns the keys reached."""
    reached: list[str] = []
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(limit):
        page.keyboard.press("Tab")
        key = page.evaluate("() => document.activeElement && document.activeElement.dataset.a11yKey || ''")
        if key and reached and key == reached[0]:
            break
        if key:
            reached.append(key)
    return set(reached)


def _focus_by_tab(page: Any, selector: str, limit: int = 600) -> None:
    """Press Tab until the element matching ``selector`` has focus (fails if it never gets it)."""
    for _ in range(limit):
        if page.evaluate("sel => document.activeElement === document.querySelector(sel)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with Tab")


@pytest.mark.parametrize("path", ["self-assessment/good-governance/", "countries/compare/"])
def test_every_control_is_reachable_with_tab(page: Any, site_url: str, path: str) -> None:
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    needed = _tab_stops_needed(page)
    reached = _tab_through(page, limit=len(needed) * 2 + 100)
    missing = sorted(set(needed) - reached)
    assert not missing, f"not reachable by keyboard: {[needed[k] for k in missing[:10]]}"
    assert not page.js_errors


def test_checklist_by_keyboard_alone(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/self-assessment/good-governance/")
    page.wait_for_load_state("networkidle")
    first_radio = "main input[type=radio]"
    _focus_by_tab(page, first_radio)
    name = page.evaluate("document.activeElement.name")
    page.keyboard.press("Space")
    checked = page.evaluate("n => document.querySelector(`input[name='${n}']:checked`)?.value", name)
    assert checked is not None
    page.keyboard.press("ArrowDown")
    moved = page.evaluate("n => document.querySelector(`input[name='${n}']:checked`)?.value", name)
    assert moved is not None and moved != checked
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("TEXTAREA", "INPUT")
    page.keyboard.type("noted by keyboard")
    assert "noted by keyboard" in page.evaluate("document.activeElement.value")
    assert not page.js_errors


def test_comparison_by_keyboard_alone(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/countries/compare/")
    page.wait_for_load_state("networkidle")
    shown = "[data-compare-table] section[data-group=indicators] thead th[data-country]:not([hidden])"
    before = page.locator(shown).count()
    _focus_by_tab(page, 'input[name="country"][value="fr"]')
    page.keyboard.press("Space")
    after = page.locator(shown).count()
    assert after != before, "ticking a country with Space changes the table"
    page.keyboard.press("Space")
    assert page.locator(shown).count() == before
    # A closed topic group opens with Enter on its summary, and its topics can then be ticked.
    closed = page.locator("details[data-group]:not([open]) summary")
    if closed.count():
        group = page.evaluate("""() => { const s = document.querySelector('details[data-group]:not([open]) summary');
            s.setAttribute('data-a11y-probe', ''); return s.parentElement.dataset.group; }""")
        _focus_by_tab(page, "summary[data-a11y-probe]")
        page.keyboard.press("Enter")
        assert page.evaluate("g => document.querySelector(`details[data-group='${g}']`).open", group)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('details') !== null")
    assert not page.js_errors
