"""Printing (issue 18): guidelines, checklists and country profiles print as clean documents.

Each page is printed to PDF by headless Chromium (Playwright's ``page.pdf``, which applies the
print stylesheet) and read back with pypdf: the document text is there, in Arabic and Chinese
too, and the site chrome (header, navigation, search, footer) is not. Arabic comes back from the
PDF in visual order, so words are compared, not sentences. A checklist prints as its answers
report (checklist.css), so its form headings are checked where the report repeats them.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PRINTED = {
    "guideline": "guidelines/good-governance/",
    "checklist": "self-assessment/good-governance/",
    "country-profile": "countries/cn/",
}
LANGUAGES = ("en", "ar", "zh")


def print_pdf(page: Any, url: str) -> tuple[str, int]:
    """Print ``url`` to an A4 PDF; its text (NFKC-normalized) and number of pages."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    return unicodedata.normalize("NFKC", text), len(reader.pages)


def words(text: str) -> set[str]:
    """The words of ``text`` (letters and digits), NFKC-normalized."""
    return set(re.findall(r"\w+", unicodedata.normalize("NFKC", text)))


def screen_text(page: Any, selector: str) -> str:
    return str(page.locator(selector).first.inner_text()).strip()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(PRINTED))
def test_page_prints_its_text_without_site_chrome(page: Any, site_url: str, kind: str, lang: str) -> None:
    path = PRINTED[kind] if lang == "en" else f"{lang}/{PRINTED[kind]}"
    url = f"{site_url}/{path}"
    page.goto(url)
    title = screen_text(page, "article h1")
    headings = [str(h).strip() for h in page.locator("article h2").all_inner_texts()][:4]
    nav_label = page.locator(".md-header__topic").first.inner_text().strip()
    text, pages = print_pdf(page, url)
    # A few combining marks (Arabic shadda) may come back unmapped; whole words of them mean a missing font.
    assert text.count("\x00") <= len(text) // 50, "glyphs without text: a font is missing (fonts-wqy-microhei)"
    for expected in [title, *headings]:
        # Table cells may come back glued together ("Part10"), so each word is looked for as text.
        missing = {w for w in words(expected.replace("¶", "")) if w not in text}
        assert not missing, f"{path}: {expected!r} is not in the PDF (missing {sorted(missing)[:5]})"
    # No site chrome: the header's site name and the search button are not printed.
    assert nav_label not in text.replace("\n", " ") or nav_label in title
    search = page.locator(".ssa-search__open-label")
    if search.count():
        assert search.first.inner_text().strip() not in words(text) or kind == "checklist"
    if kind == "guideline":
        assert pages >= 3, "each part of a guideline starts on a new page"


def test_guideline_parts_start_on_new_pages(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/guidelines/good-governance/")
    parts = page.locator("article .ssa-part h2").all_inner_texts()
    assert len(parts) >= 2
    page.goto(f"{site_url}/guidelines/good-governance/")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    starts = []
    for number, pdf_page in enumerate(reader.pages):
        first_lines = " ".join((pdf_page.extract_text() or "").splitlines()[:3])
        starts += [number for part in parts if part.replace("¶", "").strip()[:20] in first_lines]
    assert len(starts) >= len(parts) - 1, f"parts found at the top of pages {starts}, expected {len(parts)}"


def test_external_links_print_their_address(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/reports/rp-digital-inclusion-2025/")
    page.evaluate("""() => {
        const p = document.createElement('p');
        const a = document.createElement('a');
        a.href = 'https://www.example.org/source';
        a.textContent = 'source';
        a.id = 'ext-link';
        p.append(a);
        document.querySelector('.md-content article').append(p);
    }""")
    after = "() => getComputedStyle(document.getElementById('ext-link'), '::after').content"
    assert page.evaluate(after) in ("none", "normal", "")
    page.emulate_media(media="print")
    assert "https://www.example.org/source" in page.evaluate(after)
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
