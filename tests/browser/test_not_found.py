"""The not-found page in every language (issue 25): under each language's prefix, strings from the
locale files, the language's lang and dir, links that work from any depth."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
LANGS = ["en", "fr", "de", "es", "ar", "ru", "zh"]


def _strings(lang: str) -> dict[str, str]:
    return yaml.safe_load((REPO / "locales" / f"{lang}.yml").read_text("utf-8"))["site"]


@pytest.mark.parametrize("lang", LANGS)
def test_not_found_page_per_language(page: Any, site_url: str, lang: str) -> None:
    prefix = "" if lang == "en" else f"/{lang}"
    page.goto(f"{site_url}{prefix}/404.html")
    strings = _strings(lang)
    assert page.locator("article h1").text_content().strip() == strings["not_found_title"]
    assert strings["not_found_title"] in page.title()
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.get_attribute("html", "lang") == {"zh": "zh-Hans"}.get(lang, lang)
    home = page.locator(".ssa-not-found a").first
    assert home.text_content().strip() == strings["not_found_home"]
    # Absolute links: the page is served for a missing address at any depth.
    assert home.get_attribute("href") == f"{prefix}/"
    assert page.locator(".ssa-not-found a").count() >= 5
    page.click(".ssa-not-found a >> nth=1")
    assert page.url.startswith(f"{site_url}{prefix}/") and "404" not in page.url
    assert page.js_errors == []


def test_every_language_has_a_redirect_rule(built_site: Path) -> None:
    rules = (built_site / "_redirects").read_text("utf-8")
    for lang in LANGS[1:]:
        assert f"/{lang}/*  /{lang}/404.html  404" in rules
