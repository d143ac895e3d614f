"""English and Latin text inside right-to-left pages, and names sorted for the reader (issue 25).

Measured where the glyphs land, in real Chromium: in Arabic the Latin label "A." keeps its full stop
after the letter and stays between the Arabic word and the English title, in the heading and in
the table of contents; English labels are marked lang="en" in the navigation and the filters.
"""

from __future__ import annotations

from typing import Any

import pytest

# x of the first and last character of an element's text (glyph boxes from a Range).
_CHAR_X = """(el) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const xs = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      if (!node.data[i].trim()) continue;
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      const b = r.getBoundingClientRect(); if (b.width) xs.push([node.data[i], b.left, b.right]);
    }
  }
  return xs;
}"""


def _check_heading_order(page: Any, selector: str) -> None:
    """Arabic word on the right, then "A." read left to right, then the English title on the left."""
    root = page.locator(selector)
    label = root.locator("bdi").first
    assert label.text_content() == "A."
    chars = label.evaluate(_CHAR_X)
    assert [c for c, _, _ in chars] == ["A", "."]
    assert chars[0][1] < chars[1][1]  # the full stop follows the letter, on its right
    title = root.locator('span[lang="en"]').first
    assert title.get_attribute("dir") in ("ltr", "auto")
    title_box, label_box = title.bounding_box(), label.bounding_box()
    assert title_box["x"] + title_box["width"] <= label_box["x"] + 1  # English title left of "A."
    word = root.evaluate("el => { const r = document.createRange(); r.selectNodeContents(el.firstChild);"
                         " const b = r.getBoundingClientRect(); return [b.left, el.firstChild.data]; }")
    assert "الجزء" in word[1] and word[0] >= label_box["x"] + label_box["width"] - 1  # Arabic word on the right


@pytest.mark.parametrize("width", [390, 1280])
def test_arabic_guideline_headings_isolate_latin_labels(browser: Any, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/ar/guidelines/ict/")
        assert page.get_attribute("html", "dir") == "rtl"
        _check_heading_order(page, "h2#ict-a")
        section = page.locator("h3#ict-a1 bdi")
        assert section.text_content() == "A.1"
        if width >= 1280:  # the table of contents is in the sidebar; it keeps the heading's markup
            _check_heading_order(page, '.md-nav--secondary a[href="#ict-a"] .md-typeset')
    finally:
        context.close()


def test_english_navigation_entry_is_marked(page: Any, site_url: str) -> None:
    """"About this portal" has no Arabic translation: its entry says it is English, left to right."""
    page.goto(f"{site_url}/ar/")
    entry = page.locator('.md-nav--primary a[href$="about/"] span[lang="en"]').first
    assert entry.get_attribute("dir") == "ltr"
    assert entry.text_content().strip() == "About this portal"
    translated = page.locator('.md-nav--primary a[href$="guidelines/"]').first
    assert translated.locator('[lang="en"]').count() == 0
    page.goto(f"{site_url}/fr/about/")  # translated in French: not marked
    assert page.locator('.md-nav--primary a[href$="about/"] [lang="en"]').count() == 0


def test_facet_names_in_english_are_marked_and_countries_sorted_by_collator(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/zh/good-practices/")
    page.wait_for_selector('[data-facet="country"] li')
    labels = page.eval_on_selector_all('[data-facet="country"] li label > span:not(.ssa-facet-count)',
                                       "els => els.map(e => e.textContent)")
    assert len(labels) >= 5
    expected = page.evaluate("l => [...l].sort(new Intl.Collator('zh-Hans').compare)", labels)
    assert labels == expected  # pinyin order, not code points
    assert labels != sorted(labels)  # the sample's names do differ between the two orders
    guideline_names = page.locator('[data-facet="guideline"] li label > span[lang="en"]')
    english = guideline_names.count()
    assert english >= 1 and guideline_names.first.get_attribute("dir") == "ltr"
    page.goto(f"{site_url}/good-practices/")
    page.wait_for_selector('[data-facet="country"] li')
    assert page.locator('[data-facet] li [lang]').count() == 0  # nothing to mark in English
    assert page.js_errors == []


@pytest.mark.parametrize(("lang", "width"), [("zh", 390), ("ar", 1280)])
def test_front_page_prefers_translated_items_and_marks_english(browser: Any, site_url: str, lang: str,
                                                                width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{lang}/")
        featured = page.locator(".ssa-home__featured h3 a:not(.headerlink)")
        assert featured.get_attribute("lang") is None  # a guideline translated into this language
        items = page.locator(".ssa-home__list li[data-case]")
        english = [items.nth(i).locator("a").first.get_attribute("lang") == "en" for i in range(items.count())]
        assert english == sorted(english)  # translated cases first
        for i, is_english in enumerate(english):
            mark = items.nth(i).locator(".ssa-lang-mark")
            assert mark.count() == (1 if is_english else 0)
            if is_english:
                assert mark.is_visible() and mark.bounding_box()["height"] < 30  # a small inline badge
    finally:
        context.close()
