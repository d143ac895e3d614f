"""Country data at the source's precision, totals by base, illustrative data marked (issue 24).

The fixture tests/fixtures/precision/at.yml (invented figures, ``illustrative: true``) holds
1.275%, 0.785%, 9.155%, a 0.002% levy, a range 4.815-5.375% and a government paying 50% of the
benefit cost. In every one of the seven languages, each number must appear exactly as entered on
the profile page, in the comparison, in the charts' data tables, in the CSV ``summary`` column and
in the JSON; the share of cost is never added to a total; illustrative data is marked everywhere.

Golden files: tests/golden/precision-at.<lang>.txt hold, per language, the lines of every output
that carry these numbers (``UPDATE_GOLDEN=1`` rewrites them, see tests/golden.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import golden
import markupsafe
import pytest
import yaml

from build_tools.generate import Context, profile_pages, profile_reading
from build_tools.i18n import cldr
from build_tools.model.project import Project, load_project

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "precision" / "at.yml"
LANGS = ("en", "fr", "de", "es", "ar", "ru", "zh")
NUMBERS = ("1.275", "0.785", "9.155", "0.002", "4.815", "5.375")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The mini fixture in all seven languages, plus the precision profile."""
    from conftest import make_mini_project

    dest = make_mini_project(tmp_path_factory.mktemp("precision") / "mini")
    config = (dest / "mkdocs.yml").read_text("utf-8")
    extra = "".join(f"        - locale: {lang}\n          name: {lang}\n          build: true\n"
                    for lang in ("de", "es", "ru", "zh"))
    config = config.replace("markdown_extensions:", extra + "markdown_extensions:", 1)
    (dest / "mkdocs.yml").write_text(config, "utf-8")
    for lang in LANGS:
        shutil.copy2(REPO / "locales" / f"{lang}.yml", dest / "locales" / f"{lang}.yml")
    shutil.copy2(FIXTURE, dest / "country_profiles" / "at.yml")
    project = load_project(dest)
    assert project.languages == list(LANGS) or set(project.languages) == set(LANGS)
    assert not [d.format_text() for d in project.diagnostics if d.severity.name == "ERROR"]
    return project


@pytest.fixture(scope="module")
def pages(project: Project) -> dict[str, str]:
    return {p.path: p.text for p in profile_pages.pages(Context(project))}


def _name(stem: str, lang: str, ext: str = "md") -> str:
    return f"{stem}.{ext}" if lang == "en" else f"{stem}.{lang}.{ext}"


def _localized(number: str, lang: str) -> str:
    return cldr.format_percent(Decimal(number), lang)


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def _lines_with(text: str, needles: list[str]) -> list[str]:
    return [line for line in text.splitlines() if any(n in line for n in needles)]


@pytest.mark.parametrize("lang", LANGS)
def test_every_output_shows_the_entered_precision(pages: dict[str, str], project: Project, lang: str) -> None:
    needles = [_localized(n, lang) for n in NUMBERS]
    assert len(set(needles)) == len(NUMBERS)
    assert all(re.search(r"[1-9]", n) for n in needles)  # 0.002 is never "0%"
    page = pages[_name("countries/at", lang)]
    compare = pages[_name("countries/compare", lang)]
    index = pages[_name("countries/index", lang)]
    for n in needles:
        assert n in page, (lang, n)
        assert n in compare, (lang, n)
    # Charts: the data table of the contribution chart, one row per country.
    chart = index.split('id="chart-contributions"', 1)[1]
    at_row = next(r for r in re.findall(r'<tr><th scope="row">[^<]*</th>.*?</tr>', chart)
                  if cldr.country_name("AT", lang) in r)
    for value in ("10.430", "0.785", "0.002"):  # old-age total 1.275 + 9.155, sickness, work injury
        assert cldr.format_number(Decimal(value), lang) in at_row, (lang, value, at_row)
    # Open data: the CSV summary in words, the CSV numbers and the JSON numbers as entered.
    rows = [r for r in _csv(pages[_name("countries/data/country-contributions", lang, "csv")]) if r["iso2"] == "AT"]
    summaries = " | ".join(r["summary"] for r in rows)
    for n in needles:
        assert n in summaries, (lang, n)
    assert {r["percent"] for r in rows} >= {"1.275", "9.155", "0.785", "0.002", "50"}
    doc = json.loads(pages[_name("countries/data/country-profiles", lang, "json")])
    at = next(c for c in doc["countries"] if c["iso2"] == "AT")
    totals = {b: at["branches"][b]["contribution_total"] for b in ("old_age", "sickness", "work_injury")}
    assert totals["old_age"]["percent"] == 10.43 and "other_base" in totals["old_age"]["excludes"]
    assert [a["party"] for a in totals["old_age"]["added"]] == ["insured", "employer"]  # not the government
    assert totals["sickness"]["percent"] == 0.785 and "varies" in totals["sickness"]["excludes"]
    assert totals["work_injury"]["percent"] == 0.002  # was 0.0
    raw = pages[_name("countries/data/country-profiles", lang, "json")]
    assert '"percent": 0.002' in raw and '"percent": 1.275' in raw and '"percent": 9.155' in raw
    # A bar too small to see (0.002) still says its value: in its title, beside the data table.
    tiny = cldr.format_number(Decimal("0.002"), lang)
    bars = [line for line in chart.splitlines() if line.startswith("<rect") and f": {tiny}</title>" in line]
    assert len(bars) == 2, (lang, bars)  # the wide and the phone layout
    # Illustrative data marked on every chart (labels), table (countries table) and comparison (header).
    name = cldr.country_name("AT", lang)
    marked = [line for line in index.splitlines()
              if f"{name} {profile_reading.ILLUSTRATIVE_MARK}</text>" in line or line.startswith('<tr data-country="at"')]
    header = re.search(r'<th scope="col" data-country="at" data-illustrative>.*?</th>', compare)
    assert len(marked) == 5 and header, (lang, marked)  # 2 charts x 2 layouts, 1 countries-table row
    # Golden: every line of every output that carries one of the numbers, in this language.
    report = ["## page", *_lines_with(page, needles), "## comparison", *_lines_with(compare, needles),
              "## chart data table", at_row, "## chart bars too small to see", *bars,
              "## illustrative marks", *marked, header.group(0), "## csv summary", *[r["summary"] for r in rows],
              "## json totals", json.dumps(totals, ensure_ascii=False, sort_keys=True)]
    golden.check_golden(f"precision-at.{lang}.txt", "\n".join(report) + "\n", REPO / "tests" / "golden")


@pytest.mark.parametrize("lang", LANGS)
def test_a_share_of_the_cost_is_never_added(pages: dict[str, str], project: Project, lang: str) -> None:
    page = pages[_name("countries/at", lang)]
    total = re.search(r'<p class="ssa-meta ssa-branch__total" data-total="([^"]+)">(.*?)</p>', page)
    assert total and total.group(1) == "10.430"  # 1.275 + 9.155, not 60.430
    assert cldr.format_percent(50, lang) not in total.group(2)  # the page says what was added, and 50% is not
    assert cldr.format_percent(Decimal("60.430"), lang) not in page
    # The government item is shown exactly, with the "other base" marker.
    government = re.search(r'<dd data-party="government">(.*?)</dd>', page)
    assert government and '<span class="ssa-marker" aria-hidden="true">†</span>' in government.group(1)
    assert cldr.format_percent(50, lang) in government.group(1)


@pytest.mark.parametrize("lang", LANGS)
def test_illustrative_data_is_marked_everywhere(pages: dict[str, str], project: Project, lang: str) -> None:
    catalog = project.catalog
    short, words = catalog.t(lang, "profile.illustrative_short"), catalog.t(lang, "profile.illustrative_data")
    name = cldr.country_name("AT", lang)
    for stem in ("countries/index", "countries/europe"):
        text = pages[_name(stem, lang)]
        assert re.search(r'<tr data-country="at" data-illustrative>.*?data-illustrative[^>]*>' + re.escape(short), text)
        assert text.count(f"{name} {profile_reading.ILLUSTRATIVE_MARK}") >= 2  # both charts' labels
        assert text.count(f"{name} ({profile_reading.ILLUSTRATIVE_MARK} {words})") == 2  # both data tables, in words
        assert f"{profile_reading.ILLUSTRATIVE_MARK}</text>" in text or f">{profile_reading.ILLUSTRATIVE_MARK}<" in text  # legend
    compare = pages[_name("countries/compare", lang)]
    assert re.search(r'<th scope="col" data-country="at" data-illustrative>', compare)
    cells = re.findall(r'<td data-country="at"( data-illustrative)?', compare)
    assert cells and all(cells)  # every cell of an illustrative country carries the mark
    assert 'id="cmp-hide-illustrative"' in compare and catalog.t(lang, "profile.compare_hide_illustrative") in compare
    for stem in ("country-profiles", "country-programs", "country-contributions"):
        rows = [r for r in _csv(pages[_name(f"countries/data/{stem}", lang, "csv")]) if r["iso2"] == "AT"]
        assert rows and all(r["illustrative"] == "true" for r in rows)


def test_a_real_profile_is_not_marked(pages: dict[str, str], project: Project) -> None:
    profile = project.profiles["lu"]
    profile.data["illustrative"] = False
    try:
        fresh = {p.path: p.text for p in profile_pages.pages(Context(project))}
    finally:
        profile.data["illustrative"] = True
    compare = fresh["countries/compare.md"]
    assert re.search(r'<th scope="col" data-country="lu">', compare)
    assert '<td data-country="lu" data-illustrative' not in compare
    assert "Luxembourg ◇" not in fresh["countries/index.md"]
    # A sample good practice linked from the real profile stays marked, in every language.
    for lang in LANGS:
        page = fresh[_name("countries/lu", lang)]
        practices = page.split('<ul class="ssa-profile__practices">', 1)[1].split("</ul>", 1)[0]
        assert '<a href="../../good-practices/gp-demo/"' in practices, lang
        mark = markupsafe.escape(project.catalog.t(lang, "site.illustrative"))
        assert f'<span class="ssa-illustrative" data-illustrative>{mark}</span>' in practices, lang
        assert "ssa-illustrative" not in page.split('<div class="ssa-profile"', 1)[1].split("</h1>", 1)[0] \
            .split("ssa-profile__dates", 1)[1].split("</p>", 1)[0], lang  # the profile itself is not marked


def test_fixture_is_plain_yaml() -> None:
    data = yaml.safe_load(FIXTURE.read_text("utf-8"))
    assert data["illustrative"] is True
