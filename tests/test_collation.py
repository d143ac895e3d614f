"""Lists sorted at build time follow the reader's language: Chinese by pinyin, not by code point (issue 25).

Country names in the countries index, region pages, the comparison's country list and charts, the
good-practice filters and listing, all sort with ``cldr.sort_key`` (ICU's CLDR collation). Page
scripts that sort again (facets.js, with ``Intl.Collator(lang)``, ICU as well) must come to the
same order: tests/browser/test_collation.py checks that in Chromium.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.generate import Context, facets, profile_pages
from build_tools.i18n import cldr
from build_tools.model.project import Project, load_project

REPO = Path(__file__).resolve().parents[1]
SHIPPED = ("BR", "CA", "CN", "DE", "FR", "IN", "JP", "KE", "MA", "MX", "PH", "SE", "ZA")
# The shipped countries in Chinese, by pinyin: Bāxī, Déguó, Fǎguó, Fēilǜbīn, Jiānádà, Kěnníyà,
# Móluògē, Mòxīgē (mó before mò), Nánfēi, Rìběn, Ruìdiǎn, Yìndù, Zhōngguó.
ZH_PINYIN = ["巴西", "德国", "法国", "菲律宾", "加拿大", "肯尼亚", "摩洛哥", "墨西哥", "南非", "日本", "瑞典", "印度", "中国"]


def test_chinese_country_names_sort_by_pinyin() -> None:
    names = [cldr.country_name(c, "zh") for c in SHIPPED]
    assert sorted(names, key=lambda n: cldr.sort_key(n, "zh")) == ZH_PINYIN
    assert sorted(names) != ZH_PINYIN  # code-point order, what the build did before


@pytest.mark.parametrize("lang, words, expected", [
    # accents and case after the base letter, never after "z" (code point order put them last)
    ("fr", ["Zambie", "Égypte", "Estonie", "Émirats arabes unis", "Allemagne"],
     ["Allemagne", "Égypte", "Émirats arabes unis", "Estonie", "Zambie"]),
    ("de", ["Zypern", "Österreich", "Oman", "Ägypten", "Albanien"],
     ["Ägypten", "Albanien", "Oman", "Österreich", "Zypern"]),
    ("es", ["Zambia", "Índia", "Islandia", "Ñandú", "Nepal"], ["Índia", "Islandia", "Nepal", "Ñandú", "Zambia"]),
    ("en", ["zeta", "Åland Islands", "austria", "Brazil"], ["Åland Islands", "austria", "Brazil", "zeta"]),
    ("ru", ["Япония", "Ёлка", "Египет", "Австрия"], ["Австрия", "Египет", "Ёлка", "Япония"]),
])
def test_other_languages_sort_like_their_readers(lang: str, words: list[str], expected: list[str]) -> None:
    assert sorted(words, key=lambda w: cldr.sort_key(w, lang)) == expected


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(REPO)


@pytest.fixture(scope="module")
def pages(project: Project) -> dict[str, str]:
    return {p.path: p.text for p in profile_pages.pages(Context(project))}


def test_country_lists_of_the_chinese_pages_are_in_pinyin_order(pages: dict[str, str]) -> None:
    index = pages["countries/index.zh.md"]
    table = index.split("data-countries-table>", 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<tr data-country="[a-z]+"[^>]*><th scope="row"><a href="[^"]+">([^<]+)</a>', table) == ZH_PINYIN
    compare = pages["countries/compare.zh.md"]
    choices = [c.strip() for c in re.findall(r'<label for="cmp-country-[a-z]+">([^<]+)<', compare)]
    assert choices == ZH_PINYIN
    header = compare.split('<tr><th scope="col">', 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'<a href="\.\./[a-z]+/">([^<]+)</a>', header) == ZH_PINYIN
    asia = pages["countries/asia-pacific.zh.md"]
    shown = re.findall(r'<tr data-country="[a-z]+"[^>]*><th scope="row"><a href="[^"]+">([^<]+)</a>', asia)
    assert shown == [n for n in ZH_PINYIN if n in ("中国", "印度", "日本", "菲律宾")] == ["菲律宾", "日本", "印度", "中国"]


def test_good_practice_country_filter_is_in_pinyin_order(project: Project) -> None:
    items = facets.cases(project)
    countries = [label for _value, label in facets.options(project, items, "zh")["country"]]
    assert len(countries) >= 5
    assert countries == sorted(countries, key=lambda n: cldr.sort_key(n, "zh"))
    assert countries != sorted(countries)  # the sample's countries differ in the two orders
    english = [label for _value, label in facets.options(project, items, "en")["country"]]
    assert english == sorted(english, key=lambda n: cldr.sort_key(n, "en"))

