"""Languages in headless Chromium: switch language on a deep page, Arabic right-to-left, notices.

The ``page`` fixture fails a test if any request leaves localhost (no fonts, no CDN).
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEEP = "/guidelines/good-governance/"


def _switch(page: Any, name: str) -> None:
    """Open Material's language selector and choose ``name``, as a reader would."""
    selector = page.locator(".md-header__option .md-select").first
    selector.hover()
    link = selector.locator(".md-select__link", has_text=name)
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()


def test_switch_language_on_a_deep_page_lands_on_the_same_page(page: Any, site_url: str) -> None:
    page.goto(site_url + DEEP + "#gg-board-roles")
    assert page.evaluate("document.documentElement.lang") == "en"
    _switch(page, "Français")
    assert page.url.split("#")[0] == site_url + "/fr" + DEEP
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("h1").first.inner_text().startswith("Bonne gouvernance")
    _switch(page, "العربية")
    assert page.url.split("#")[0] == site_url + "/ar" + DEEP
    _switch(page, "English")
    assert page.url.split("#")[0] == site_url + DEEP
    assert not page.js_errors


def test_switch_language_on_a_country_profile(page: Any, site_url: str) -> None:
    page.goto(site_url + "/de/countries/ma/")
    _switch(page, "中文")
    assert page.url == site_url + "/zh/countries/ma/"
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"  # the script, as BCP 47 asks


def test_arabic_renders_right_to_left(page: Any, site_url: str) -> None:
    page.goto(site_url + "/ar" + DEEP)
    html_dir = page.evaluate("getComputedStyle(document.documentElement).direction")
    assert html_dir == "rtl"
    assert page.evaluate("document.documentElement.getAttribute('dir')") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    width = page.evaluate("window.innerWidth")
    # The header logo sits at the right-hand edge in RTL, at the left in LTR.
    logo = page.locator(".md-header__button.md-logo").bounding_box()
    if logo:
        assert logo["x"] > width / 2
    # The English fallback text inside the Arabic page runs left to right.
    assert page.evaluate("""() => {
        const en = document.querySelector('.ssa-guideline [lang="en"]');
        return en ? getComputedStyle(en).direction : 'none';
    }""") in ("ltr", "none")
    page.goto(site_url + DEEP)
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "ltr"


def test_fallback_notice_is_visible_and_links_to_english(page: Any, site_url: str) -> None:
    page.goto(site_url + "/de/about/")
    notice = page.locator('[data-translation-status="fallback"]')
    assert notice.is_visible()
    assert "Noch nicht übersetzt" in notice.inner_text()
    assert page.evaluate("document.querySelector('.ssa-notice + div[lang]')?.lang") == "en"
    with page.expect_navigation():
        notice.locator("a[hreflang='en']").click()
    assert page.url == site_url + "/about/"
    assert page.locator("[data-translation-status]").count() == 0


@pytest.mark.parametrize("path,text", [
    ("/fr/guidelines/good-governance/", "Traduction non à jour"),
    ("/ar/good-practices/gp-ke-mobile-contributions/", "الترجمة غير محدَّثة"),
])
def test_outdated_notice_is_visible_and_links_to_english(page: Any, site_url: str, path: str, text: str) -> None:
    page.goto(site_url + path)
    notice = page.locator('[data-translation-status="outdated"]')
    assert notice.is_visible() and text in notice.inner_text()
    original = path.split("/", 2)[2]
    with page.expect_navigation():
        notice.locator("a[hreflang='en']").click()
    assert page.url == f"{site_url}/{original}"


def test_status_page_shows_progress_for_every_language(page: Any, site_url: str) -> None:
    page.goto(site_url + "/zh/status/")
    assert page.locator("progress.ssa-progress").count() == 6
    for lang in ("fr", "de", "es", "ar", "ru", "zh"):
        assert page.locator(f"#lang-{lang}").is_visible()
    assert not page.js_errors
