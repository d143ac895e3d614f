"""The build's order of names is the browser's: ``cldr.sort_key`` agrees with ``Intl.Collator(lang)`` (issue 25).

facets.js sorts the good-practice filters and cases again in the page with ``Intl.Collator(lang)``;
every other list (countries index, region pages, comparison, charts) is sorted only at build time.
Both must give a reader the same order. Checked in real Chromium on every country name CLDR has, in
each of the seven languages (Chinese by pinyin), without building a site.
"""

from __future__ import annotations

import pytest

from build_tools.i18n import cldr

pytestmark = pytest.mark.browser

LANGS = ("en", "fr", "de", "es", "ar", "ru", "zh")

_SORT = """([lang, names]) => {
  const collator = new Intl.Collator(lang);
  return [...names].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_build_order_of_country_names_is_the_browsers(browser: object, lang: str) -> None:
    names = sorted({str(name) for code, name in cldr.locale(lang).territories.items() if len(code) == 2 and code.isalpha()})
    assert len(names) > 200
    built = sorted(names, key=lambda n: (cldr.sort_key(n, lang), n))
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        in_browser = page.evaluate(_SORT, [lang, names])
    finally:
        page.close()
    assert in_browser == built
    if lang == "zh":  # pinyin: Āgēntíng … Zhōngguó, not by code point
        assert built.index("阿根廷") < built.index("巴西") < built.index("中国")
