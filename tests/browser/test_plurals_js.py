"""Plural strings in page scripts take the CLDR form of the page language, in real Chromium (issue 22).

The scripts read the page's own locale strings (every CLDR form of the language, written by the
build) and choose the form with the browser's Intl.PluralRules; the result must be the form the
Python side (Babel's CLDR) chooses for the same number: Arabic 1, 2, 3, 11, 100 are one, two,
few, many, other; Russian 1, 2, 3, 11, 100 are one, few, few, many, many.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.model.project import load_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NUMBERS = [1, 2, 3, 11, 100]

_TRANSLATE = """async ([block, key, prefix, numbers]) => {
  const text = await import("/assets/js/lib/text.js");
  const strings = JSON.parse(document.getElementById(block).textContent);
  const t = text.translator(strings, document.documentElement.getAttribute("lang"));
  return numbers.map((n) => t(prefix + key, { count: String(n), n: n, shown: 1 }));
}"""


@pytest.fixture(scope="module")
def catalog(repo: Path) -> object:
    return load_project(repo).catalog


def _expected(catalog: object, lang: str, key: str) -> list[str]:
    return [catalog.t(lang, key, count=str(n), n=n, shown=1) for n in NUMBERS]  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["ar", "ru"])
def test_search_counts_take_the_cldr_form_in_the_browser(page: object, site_url: str, catalog: object,
                                                         lang: str) -> None:
    page.goto(f"{site_url}/{lang}/")  # type: ignore[attr-defined]
    got = page.evaluate(_TRANSLATE, ["ssa-search-strings", "results", "search.", NUMBERS])  # type: ignore[attr-defined]
    assert got == _expected(catalog, lang, "search.results")
    shown = page.evaluate(_TRANSLATE, ["ssa-search-strings", "results_shown", "search.", NUMBERS])  # type: ignore[attr-defined]
    assert shown == _expected(catalog, lang, "search.results_shown")
    if lang == "ar":
        assert got == ["نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجةً", "100 نتيجة"]
    else:
        assert got == ["1 результат", "2 результата", "3 результата", "11 результатов", "100 результатов"]
    assert not page.js_errors  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["ar", "ru"])
def test_checklist_import_count_takes_the_cldr_form_in_the_browser(page: object, site_url: str, catalog: object,
                                                                   lang: str) -> None:
    page.goto(f"{site_url}/{lang}/self-assessment/good-governance/")  # type: ignore[attr-defined]
    got = page.evaluate(_TRANSLATE, ["ssa-checklist-strings", "import_ok", "", NUMBERS])  # type: ignore[attr-defined]
    assert got == _expected(catalog, lang, "checklist.import_ok")
    assert got == ({"ar": ["استُوردت إجابة واحدة.", "استُوردت إجابتان.", "استُوردت 3 إجابات.", "استُوردت 11 إجابةً.",
                           "استُوردت 100 إجابة."],
                    "ru": ["Импортирован 1 ответ.", "Импортировано 2 ответа.", "Импортировано 3 ответа.",
                           "Импортировано 11 ответов.", "Импортировано 100 ответов."]}[lang])


def test_the_search_status_shows_the_form_for_its_count(page: object, site_url: str, catalog: object) -> None:
    """End to end: the visible status of a real search is the Russian form Python gives for that count."""
    page.goto(f"{site_url}/ru/")  # type: ignore[attr-defined]
    page.locator(".ssa-search__open").click()  # type: ignore[attr-defined]
    page.locator("#ssa-search-input").fill("пенсии")  # type: ignore[attr-defined]
    page.wait_for_selector("#ssa-search-results [role=option]")  # type: ignore[attr-defined]
    status = page.locator("#ssa-search-dialog [role=status]")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => /\\d/.test(document.querySelector('#ssa-search-dialog [role=status]').textContent)")
    text = status.inner_text()
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    options = page.locator("#ssa-search-results [role=option]").count()  # type: ignore[attr-defined]
    if len(numbers) == 1:
        assert text == catalog.t("ru", "search.results", count=numbers[0])  # type: ignore[attr-defined]
    else:
        assert text == catalog.t("ru", "search.results_shown", count=max(numbers), shown=options)  # type: ignore[attr-defined]
