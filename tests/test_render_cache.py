"""The render cache reuses an untranslated page's HTML only where it means the same in every language."""

from __future__ import annotations

import pytest

from build_tools.mkdocs_plugins.render_cache import RenderCache, Rendered, portable


@pytest.mark.parametrize("html", [
    '<p><a href="../other/">x</a> <a href="#part">y</a> <a href="../../guidelines/gg/#gg-1">z</a></p>',
    '<p><a href="https://example.org/a.pdf">x</a> <a href="mailto:a@b.org">m</a></p>',
    '<img src="/assets/logo.svg" alt="">',
    '<p>No links at all.</p>',
    '<a href="./">self</a>',
])
def test_page_links_and_absolute_urls_are_portable(html: str) -> None:
    assert portable(html)


@pytest.mark.parametrize("html", [
    '<img src="../img/chart.png" alt="">',
    '<a href="../files/report.pdf">report</a>',
    '<a href="../?country=KE">filter</a>',
    '<a href="other.md">unresolved</a>',
])
def test_assets_queries_and_unresolved_links_are_not_portable(html: str) -> None:
    assert not portable(html)


def _rendered(content: str) -> Rendered:
    return Rendered(content, [], None, frozenset({"a"}))


def test_fallbacks_share_a_key_and_translations_are_not_cached() -> None:
    cache = RenderCache({"en", "fr", "ar"})
    en = cache.key("/p/content/good-practices/gp-x.md", "good-practices/gp-x.md", "good-practices/gp-x/index.html", "# A")
    fr = cache.key("/p/content/good-practices/gp-x.md", "good-practices/gp-x.md", "fr/good-practices/gp-x/index.html",
                   "# A")
    assert en is not None and en == fr
    assert cache.key("/p/content/good-practices/gp-x.md", "good-practices/gp-x.md",
                     "fr/good-practices/gp-x/index.html", "# B") != en  # other Markdown
    assert cache.key("/p/content/good-practices/gp-x.fr.md", "good-practices/gp-x.md",
                     "fr/good-practices/gp-x/index.html", "# A") is None  # a translation
    assert cache.key("/p/content/countries/lu.md", "countries/lu.md", "countries/lu/index.html", "x") is None  # generated


def test_only_portable_renderings_are_kept_and_hits_are_counted() -> None:
    cache = RenderCache({"en", "fr"})
    cache.put(("a/index.html", "1"), _rendered('<a href="../b/">b</a>'))
    cache.put(("c/index.html", "2"), _rendered('<img src="pic.png">'))
    assert cache.get(("a/index.html", "1")) is not None
    assert cache.get(("c/index.html", "2")) is None
    assert cache.hits == 1
