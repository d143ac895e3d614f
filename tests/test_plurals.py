"""CLDR plural forms in UI strings (issue 22/24): "62 года", not "62 лет"; Arabic count phrases.

A UI string that shows a count is a mapping of CLDR categories in ``locales/<lang>.yml``; the
form is chosen with Babel's CLDR rules, and a language missing a form it needs is warned about.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from build_tools.generate import generate_pages
from build_tools.generate.profile_reading import age_text
from build_tools.i18n import cldr
from build_tools.model.project import load_project
from build_tools.model.ui_strings import plural_categories

COUNTS = (1, 2, 3, 11, 100)

# What a reader must see, written by hand from the CLDR categories (ar: one, two, few 3-10, many 11-99, other 100).
PRINCIPLES = {
    "ar": {1: "مبدأ واحد", 2: "مبدآن", 3: "3 مبادئ", 11: "11 مبدأً", 100: "100 مبدأ"},
    "ru": {1: "1 принцип", 2: "2 принципа", 3: "3 принципа", 11: "11 принципов", 100: "100 принципов"},
}
YEARS = {
    "ar": {1: "سنة واحدة", 2: "سنتان", 3: "3 سنوات", 11: "11 سنة", 100: "100 سنة"},
    "ru": {1: "1 год", 2: "2 года", 3: "3 года", 11: "11 лет", 100: "100 лет", 62: "62 года", 63: "63 года",
           65: "65 лет", 21: "21 год"},
}


@pytest.fixture(scope="module")
def project():  # type: ignore[no-untyped-def]
    return load_project(REPO)


def test_every_plural_string_has_the_forms_each_language_needs(project) -> None:  # type: ignore[no-untyped-def]
    catalog = project.catalog
    assert {"age.years", "age.months", "guideline.principles_count", "notice.untranslated_items"} <= catalog.plural_keys
    for lang in project.languages:
        for key in catalog.plural_keys:
            for category in plural_categories(lang):
                assert f"{key}.{category}" in catalog.strings[lang], (lang, key, category)
    assert not [d for d in project.diagnostics if d.code in ("W160", "W163", "E161") and d.path.startswith("locales/")]


@pytest.mark.parametrize("lang", ["ar", "ru"])
def test_ages_in_profiles_use_plural_forms(project, lang: str) -> None:  # type: ignore[no-untyped-def]
    for years, expected in YEARS[lang].items():
        assert age_text({"years": years}, project.catalog, lang) == expected
    both = age_text({"years": 62, "months": 2}, project.catalog, lang)
    assert both == {"ar": "62 سنة وشهران", "ru": "62 года и 2 месяца"}[lang]


def test_a_missing_plural_form_warns_and_falls_back_to_other(mini_project: Path) -> None:
    path = mini_project / "locales/ar.yml"
    path.write_text(path.read_text("utf-8").replace('    few: "{count} سنوات"\n', ""), "utf-8")
    project = load_project(mini_project)
    warned = [d for d in project.diagnostics if d.code == "W163" and "age.years" in d.message]
    assert warned and "few" in warned[0].message and warned[0].line > 1
    assert cldr.translate(project.catalog, "ar", "age.years", count=3) == "3 سنة"  # Arabic "other", not English


def _drop_year_forms(root: Path, forms: tuple[str, ...]) -> None:
    """Remove ``forms`` of ``age.years`` from locales/ar.yml (all six: the whole string)."""
    path = root / "locales/ar.yml"
    lines = path.read_text("utf-8").split("\n")
    start = lines.index("  years:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    block = [line for line in lines[start + 1:end] if line.strip().split(":", 1)[0] not in forms]
    path.write_text("\n".join(lines[:start] + ([lines[start], *block] if block else []) + lines[end:]), "utf-8")


@pytest.mark.parametrize(("forms", "says", "shows"), [
    # One form missing: Arabic `other` stands in, and the warning says so.
    (("few",), "for the numbers that need it, its 'age.years.other' form is shown instead", {3: "3 سنة"}),
    # `other` missing too: no Arabic form stands in; the English one is shown, and the warning says so.
    (("other",), "with no 'other' form to fall back on, the numbers that need it show the English string "
                 "('age.years.one' or 'age.years.other' of en.yml)", {100: "100 years", 3: "3 سنوات"}),
    (("few", "other"), "the numbers that need them show the English string", {3: "3 years", 100: "100 years"}),
])
def test_a_missing_plural_form_warning_names_the_form_really_shown(mini_project: Path, forms: tuple[str, ...],
                                                                    says: str, shows: dict[int, str]) -> None:
    _drop_year_forms(mini_project, forms)
    project = load_project(mini_project)
    warned = [d for d in project.diagnostics if d.code == "W163" and "age.years" in d.message]
    assert len(warned) == 1 and warned[0].line > 1, [d.format_text() for d in warned]
    assert f"plural form(s) {', '.join(forms)} missing" in warned[0].message and says in warned[0].message
    if "other" in forms:
        assert "'age.years.other' form is shown instead" not in warned[0].message
    # The hint names a form that is really missing, never one the file has.
    assert re.search(r"e\.g\. '(\w+):", warned[0].hint).group(1) in forms  # type: ignore[union-attr]
    for n, text in shows.items():
        assert cldr.translate(project.catalog, "ar", "age.years", count=n) == text


def test_a_plural_string_missing_every_form_is_said_to_show_the_english(mini_project: Path) -> None:
    _drop_year_forms(mini_project, plural_categories("ar"))
    project = load_project(mini_project)
    warned = [d for d in project.diagnostics if d.code == "W163" and "age.years" in d.message]
    assert len(warned) == 1 and "English is shown" in warned[0].message and "other" not in warned[0].message
    assert [cldr.translate(project.catalog, "ar", "age.years", count=n) for n in (1, 100)] == ["1 year", "100 years"]


def _guideline_with(principles: int) -> dict:  # type: ignore[type-arg]
    data = yaml.safe_load((REPO / "tests/fixtures/mini/guidelines/demo.yml").read_text("utf-8"))
    section = data["parts"][0]["sections"][0]
    template = section["principles"][0]
    section["principles"] = [{**template, "id": f"dm-p{i}"} for i in range(principles)]
    data["parts"][0]["sections"] = [section]
    data["parts"] = [data["parts"][0]]
    return data  # type: ignore[no-any-return]


@pytest.mark.parametrize("count", COUNTS)
def test_guideline_listings_show_plural_forms_in_arabic_and_russian(mini_project: Path, count: int) -> None:
    """The real guideline listing pages, generated for guidelines of 1, 2, 3, 11 and 100 principles."""
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "        - locale: ar\n", "        - locale: ru\n          name: Русский\n          build: true\n"
        "        - locale: ar\n"), "utf-8")
    shutil.copy2(REPO / "locales/ru.yml", mini_project / "locales/ru.yml")
    for tr in (mini_project / "guidelines").glob("demo.*.yml"):
        tr.unlink()
    (mini_project / "guidelines/demo.yml").write_text(yaml.safe_dump(_guideline_with(count), allow_unicode=True),
                                                      "utf-8")
    project = load_project(mini_project)
    assert len(project.guidelines["demo"].principles()) == count  # (cases may now cite missing principles)
    pages = {p.path: p.text for p in generate_pages(project, ["ar", "ru"])}
    for lang in ("ar", "ru"):
        listing = pages[f"guidelines/index.{lang}.md"]
        shown = re.findall(r"· ([^·<]*?)</p>", listing)
        assert PRINCIPLES[lang][count] in shown, (lang, shown)
