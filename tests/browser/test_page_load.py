"""What a reader downloads when a page loads: no sitemap, no missing files."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = ["", "guidelines/good-governance/", "fr/", "ar/countries/fr/", "zh/good-practices/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_load_fetches_no_sitemap_and_nothing_missing(page: Any, site_url: str, path: str) -> None:
    requested: list[str] = []
    missing: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    page.on("response", lambda resp: missing.append(resp.url) if resp.status >= 400 else None)
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if url.endswith("sitemap.xml")], requested
    assert not missing, missing
    assert not page.js_errors, page.js_errors
    # the static HTML still carries hreflang alternates for crawlers
    assert page.locator("link[hreflang]").count() >= 7
