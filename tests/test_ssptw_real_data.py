"""Real data: SSPTW country summaries written into the profile model, loaded and rendered unchanged.

The fixtures in tests/fixtures/ssptw/ hold the old-age program of three countries as the public-domain
"Social Security Programs Throughout the World" (US SSA) states it, in our own words:

- ``ke.yml``: Africa 2005, Kenya (provident fund, laws 1965 + six amendments, 5% / 5% / 5%, government
  none, a flat maximum of 200 shillings, age 55);
- ``de.yml``: Europe 2012, Germany (social insurance, 9.8% with annual ceilings per region, self-employed
  19.6% with minimum and maximum amounts, government grants in words);
- ``ph.yml``: Asia and the Pacific 2018, Philippines (social insurance + social pension, flat amounts by
  31 income classes as ranges of pesos a month, government "any deficit" / "the whole cost", age 60);
- ``cn.yml``: Asia and the Pacific 2010, China (basic pension + mandatory individual account, 8% with an
  earnings floor of 60% and a ceiling of up to 300% of the local average wage; the excerpt ends before
  the employer's and the government's shares, which therefore read "Not stated").

Only the beginning of each summary could be read, so every other branch is ``status: unknown``: the
page says "Not described in the source", the open data say ``unknown``; never "No program", 0 or n/a.

Golden files: tests/golden/country-ssptw-ph{,.fr}.md (``UPDATE_GOLDEN=1`` rewrites them, see tests/golden.py).
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
import pytest
import yaml

from build_tools.checks.diagnostics import Severity
from build_tools.generate import Context, opendata, profile_pages, profile_reading
from build_tools.model import country_profiles as cp
from build_tools.model.base import SourceFile
from build_tools.model.project import Project, load_project

REPO = Path(__file__).resolve().parents[1]
SSPTW = REPO / "tests" / "fixtures" / "ssptw"
GOLDEN = REPO / "tests" / "golden"
LANGS = ("en", "fr", "ar")
COUNTRIES = ("ke", "de", "ph", "cn")
UNKNOWN_BRANCHES = ("sickness", "work_injury", "unemployment", "family")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The mini fixture plus the three SSPTW profiles, with the repository's templates and locales."""
    from conftest import make_mini_project

    dest = make_mini_project(tmp_path_factory.mktemp("ssptw") / "mini")  # languages en, fr, ar (LANGS)
    for iso in COUNTRIES:
        shutil.copy2(SSPTW / f"{iso}.yml", dest / "country_profiles" / f"{iso}.yml")
    return load_project(dest)


@pytest.fixture(scope="module")
def pages(project: Project) -> dict[str, str]:
    return {p.path: p.text for p in profile_pages.pages(Context(project))}


def _page(pages: dict[str, str], iso: str, lang: str = "en") -> str:
    return pages[f"countries/{iso}{'' if lang == 'en' else '.' + lang}.md"]


def _plain(markdown: str) -> str:
    """Page text without tags and with lines joined, for phrase checks across wrapped lines."""
    return " ".join(re.sub(r"<[^>]+>", " ", markdown).split())


def _rows(project: Project, name: str, lang: str = "en") -> list[dict[str, str]]:
    text = opendata.files(list(project.profiles.values()), project.catalog, lang)[name]
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


# --- loading --------------------------------------------------------------------------------


@pytest.mark.parametrize("iso", COUNTRIES)
def test_fixture_loads_with_the_real_loader_without_any_diagnostic(iso: str) -> None:
    path = SSPTW / f"{iso}.yml"
    profile, diags = cp.load(SourceFile(path, f"country_profiles/{iso}.yml", iso, None))
    assert profile is not None and not diags, [d.format_text() for d in diags]
    assert profile.illustrative is False
    source = profile.data["sources"][0]
    assert re.match(r"https://(www\.)?ssa\.gov/policy/docs/progdesc/ssptw/20\d\d-20\d\d/", source["url"])
    assert "Social Security Programs Throughout the World" in source["title"] and source["edition"]
    assert source["section"].endswith("Old Age, Disability, and Survivors")
    for b in UNKNOWN_BRANCHES:  # the excerpts stop inside old age: nothing else is claimed
        assert profile.branch(b) == {"status": "unknown"}
        assert cp.branch_status(profile.branch(b)) == "unknown"
    assert cp.branch_status(profile.branch("old_age")) == "programs"


def test_project_with_the_fixtures_validates(project: Project) -> None:
    errors = [d.format_text() for d in project.diagnostics if d.severity is Severity.ERROR]
    assert not errors
    assert set(COUNTRIES) <= set(project.profiles)


# --- the facts, exactly, on the page --------------------------------------------------------


def test_kenya_facts_on_the_page(pages: dict[str, str]) -> None:
    page = _page(pages, "ke")
    text = _plain(page)
    assert 'datetime="2005-01"' in page and "Laws as of January 2005" in text
    assert "Social Security Programs Throughout the World: Africa, 2005 (Kenya)" in text
    assert 'href="https://www.ssa.gov/policy/docs/progdesc/ssptw/2004-2005/africa/kenya.html"' in page
    assert "Provident fund: National Social Security Fund" in text
    assert "1965 (first and current law) · Social security fund law" in text
    for year in (1966, 1971, 1975, 1978, 1987, 1997):
        assert f"{year} (amending law) · Amendment of the 1965 law" in text
    assert '<dd data-party="insured">5% of earnings</dd>' in page
    assert '<dd data-party="self_employed">5% of earnings</dd>' in page
    assert '<dd data-party="employer">5% of payroll</dd>' in page
    assert '<dd data-party="government">None</dd>' in page  # the source says "None": pays nothing
    assert "flat 200 shillings a month for members earning more than 4,000 shillings" in text
    assert "Voluntary contributors pay from 100 to 1,000 shillings" in text
    assert "Men: 55 years · Women: 55 years" in text
    assert "from age 50" in text


def test_germany_facts_on_the_page(pages: dict[str, str]) -> None:
    page = _page(pages, "de")
    text = _plain(page)
    assert '<time datetime="2012" data-laws-as-of>Laws as of 2012</time>' in page  # the edition year only
    for law in ("1889 (first law) · Old-age and disability insurance (implemented in 1891)",
                "1911 (first law) · Survivors' insurance (implemented in 1914)",
                "2002 (current law) · Pension insurance law"):
        assert law in text.replace("&#39;", "'")
    assert ('<dd data-party="insured">9.8% of earnings; earnings ceiling €67,200 per year; '
            "earnings ceiling €57,600 per year (East)</dd>") in page  # a regional ceiling, exactly
    assert ('<dd data-party="employer">9.8% of payroll; earnings ceiling €66,000 per year; '
            "earnings ceiling €55,800 per year (East)</dd>") in page
    assert '<dd data-party="self_employed">19.6% of income</dd>' in page  # the self-employed party
    assert "at least €78.40 and at most €1,097.60 (East: €940.80)" in text
    assert "flat-rate contribution of €514.50 (East: €439.04)" in text
    assert "Earnings from €401 to €800 pay a reduced contribution" in text
    assert "below €400 a month there is no compulsory contribution" in text
    assert "the employer pays 15% of their earnings" in text
    assert '<dd data-party="government"><span class="ssa-marker" aria-hidden="true">¶</span> Described in text</dd>' in page
    assert "Federal grants." in text  # the government share in words


def test_philippines_facts_on_the_page(pages: dict[str, str]) -> None:
    page = _page(pages, "ph")
    text = _plain(page)
    assert "Laws as of 2018" in text
    assert "1954 (first and current law) · Old-age, disability and survivors law" in text
    assert "2010 (first and current law) · Social pension law" in text
    # Flat amounts by income class: ranges of pesos a month, with currency and period, marked ¤.
    assert "¤ ₱36.30 to ₱581.30 per month; varies by earnings" in text
    assert "¤ ₱110 to ₱1,760 per month; varies by earnings" in text
    assert "¤ ₱73.70 to ₱1,178.70 per month; varies by earnings" in text
    assert "110 to 880 pesos a month" in text and "31 income classes" in text
    assert "Covers any deficit." in text and "Pays the whole cost." in text  # government, in words
    social_pension = page.split('data-program="social-pension" data-type="social-assistance"')[1]
    for party in ("insured", "self_employed", "employer"):
        assert f'<dd data-party="{party}">None</dd>' in social_pension
    assert "Statutory pension age · earnings-related pension" in text and "Men: 60 years · Women: 60 years" in text
    assert "at least 120 months of contributions" in text


@pytest.mark.parametrize("iso", COUNTRIES)
@pytest.mark.parametrize("lang", LANGS)
def test_unknown_branches_say_unknown_never_no_program_or_zero(pages: dict[str, str], project: Project,
                                                               iso: str, lang: str) -> None:
    page = _page(pages, iso, lang)
    said = project.catalog.t(lang, "profile.not_described")
    no_program = project.catalog.t(lang, "profile.no_program")
    assert no_program not in page
    assert "n/a" not in page.lower()
    for b in UNKNOWN_BRANCHES:
        row = re.search(rf'<tr data-branch="{b}" data-status="unknown">(.*?)</tr>', page)
        assert row and said in row.group(1) and not re.search(r"\b0\b", _plain(row.group(1)))
        section = page.split(f'<section class="ssa-branch" data-branch="{b}" markdown>')[1].split("</section>")[0]
        assert f'<p class="ssa-branch__unknown" data-status="unknown">{said}</p>' in section


def test_translated_pages_keep_the_numbers(pages: dict[str, str]) -> None:
    fr, ar = _page(pages, "de", "fr"), _page(pages, "ph", "ar")
    assert "Non décrit dans la source" in fr
    assert "9,8% sur la rémunération ; plafond 67\u202f200\u00a0€ par an ; plafond 57\u202f600\u00a0€ par an (East)" in fr
    assert "Législation en vigueur en 2012" in fr
    assert 'datetime="2012"' in fr and "2012" in _plain(fr)
    assert "غير موصوف في المصدر" in ar
    assert "من \u200f73.70\u00a0PHP إلى \u200f1,178.70\u00a0PHP شهريًا" in ar  # CLDR Arabic (Latin digits)


# --- the same facts in the open data --------------------------------------------------------


def test_contribution_rows_hold_every_number(project: Project) -> None:
    rows = [r for r in _rows(project, opendata.CONTRIBUTIONS_CSV) if r["iso2"] in ("KE", "DE", "PH")]
    assert all(r["illustrative"] == "false" for r in rows)

    def row(iso: str, party: str, program: str | None = None) -> dict[str, str]:
        found = [r for r in rows if r["iso2"] == iso and r["party"] == party and (program is None or r["program"] == program)]
        assert len(found) == 1, (iso, party, found)
        return found[0]

    ke = row("KE", "insured")
    assert (ke["kind"], ke["percent"], ke["base"], ke["comparable"]) == ("percent", "5", "earnings", "true")
    assert "200 shillings" in ke["note"] and "4,000 shillings" in ke["note"]
    assert row("KE", "self_employed")["percent"] == "5" and row("KE", "employer")["base"] == "payroll"
    gov = row("KE", "government")
    assert (gov["kind"], gov["status"], gov["percent"], gov["amount"]) == ("status", "none", "", "")

    de = row("DE", "insured")
    assert de["percent"] == "9.8" and de["ceiling"] == "67200 EUR/year | 57600 EUR/year (East)"
    assert row("DE", "employer")["ceiling"] == "66000 EUR/year | 55800 EUR/year (East)"
    se = row("DE", "self_employed")
    assert (se["percent"], se["base"]) == ("19.6", "income") and "€1,097.60" in se["note"] and "€514.50" in se["note"]
    dg = row("DE", "government")
    assert (dg["status"], dg["percent"]) == ("described", "") and "Federal grants" in dg["note"]

    ph = row("PH", "insured", "social-insurance")
    assert (ph["kind"], ph["min_amount"], ph["max_amount"], ph["currency"], ph["period"]) == \
        ("amount_range", "36.3", "581.3", "PHP", "month")
    assert (ph["amount"], ph["percent"], ph["varies_by"], ph["comparable"]) == ("", "", "earnings", "false")
    assert (row("PH", "self_employed", "social-insurance")["min_amount"],
            row("PH", "self_employed", "social-insurance")["max_amount"]) == ("110", "1760")
    assert (row("PH", "employer", "social-insurance")["min_amount"],
            row("PH", "employer", "social-insurance")["max_amount"]) == ("73.7", "1178.7")
    assert row("PH", "government", "social-pension")["note"] == "Pays the whole cost."
    assert row("PH", "insured", "social-pension")["status"] == "none"


def test_program_rows_say_unknown_for_branches_the_source_does_not_describe(project: Project) -> None:
    rows = [r for r in _rows(project, opendata.PROGRAMS_CSV) if r["iso2"] in ("KE", "DE", "PH")]
    for iso in ("KE", "DE", "PH"):
        mine = {r["branch"]: r for r in rows if r["iso2"] == iso and r["branch"] != "old_age"}
        assert set(mine) == set(UNKNOWN_BRANCHES)
        assert all(r["status"] == "unknown" and r["program"] == "" for r in mine.values())
    ke = next(r for r in rows if r["iso2"] == "KE" and r["branch"] == "old_age")
    assert ke["status"] == "programs" and ke["type"] == "provident-fund"
    assert ke["laws"].startswith("1965 first_and_current: Social security fund law | 1966 amending:")
    assert "1997 amending: Amendment of the 1965 law" in ke["laws"]
    profiles = {r["iso2"]: r for r in _rows(project, opendata.PROFILES_CSV)}
    assert profiles["DE"]["laws_as_of"] == "2012" and profiles["KE"]["laws_as_of"] == "2005-01"
    assert profiles["PH"]["pension_age_men_years"] == "60" and profiles["KE"]["pension_age_women_years"] == "55"
    assert "Old Age, Disability, and Survivors" in profiles["PH"]["sources"]
    # issue 24: the sources column keeps the URL (it was dropped)
    assert profiles["PH"]["sources"].endswith(", https://www.ssa.gov/policy/docs/progdesc/ssptw/2018-2019/asia/philippines.html")
    assert profiles["DE"]["pension_age_men_years"] == ""  # not in the excerpt: empty, not 0


def test_json_record(project: Project) -> None:
    doc = json.loads(opendata.files(list(project.profiles.values()), project.catalog, "en")[opendata.PROFILES_JSON])
    records = {c["iso2"]: c for c in doc["countries"]}
    for iso in ("KE", "DE", "PH"):
        rec = records[iso]
        assert rec["illustrative"] is False
        assert rec["branches"]["old_age"]["status"] == "programs"
        for b in UNKNOWN_BRANCHES:
            assert rec["branches"][b]["status"] == "unknown" and rec["branches"][b]["programs"] == []
            assert rec["branches"][b]["contribution_total"] == {"percent": None, "excludes": ["unknown"], "added": []}
    ph = records["PH"]["branches"]["old_age"]["programs"][0]["contributions"]["employer"][0]
    assert ph["amount_range"] == {"min": 73.7, "max": 1178.7} and ph["currency"] == "PHP" and ph["period"] == "month"
    assert ph["kind"] == "amount_range" and "amount" not in ph
    de = records["DE"]["branches"]["old_age"]["programs"][0]["contributions"]["insured"][0]
    assert de["ceiling"] == [{"amount": 67200, "currency": "EUR", "period": "year"},
                             {"amount": 57600, "currency": "EUR", "period": "year", "region": "East"}]


def test_totals_add_only_comparable_percentages_and_never_the_self_employed(project: Project) -> None:
    catalog = project.catalog
    de = profile_reading.branch_total(project.profiles["de"], "old_age", catalog, "en")
    assert de.percent == Decimal("19.6") and de.markers == ("described",)  # 9.8 + 9.8; not + 19.6 (self-employed)
    ke = profile_reading.branch_total(project.profiles["ke"], "old_age", catalog, "en")
    assert ke.percent == 10 and ke.markers == ()  # 5 + 5; government "none" is nothing to mark
    ph = profile_reading.branch_total(project.profiles["ph"], "old_age", catalog, "en")
    assert ph.percent is None and set(ph.markers) == {"amount", "described"}  # flat amounts are never a bar
    for iso in COUNTRIES:
        unknown = profile_reading.branch_total(project.profiles[iso], "sickness", catalog, "en")
        assert unknown.percent is None and unknown.markers == ("unknown",)


def test_compare_cells_say_not_described(pages: dict[str, str]) -> None:
    compare = pages["countries/compare.md"]
    for iso in COUNTRIES:
        cells = re.findall(rf'<td data-country="{iso}" data-status="unknown"[^>]*>(.*?)</td>', compare)
        assert len(cells) == len(UNKNOWN_BRANCHES) * len(profile_pages.branch_topics())
        assert all("Not described in the source" in c for c in cells)


# --- golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ("en", "fr"))
def test_philippines_page_matches_golden(pages: dict[str, str], lang: str) -> None:
    suffix = "" if lang == "en" else f".{lang}"
    golden.check_golden(f"country-ssptw-ph{suffix}.md", _page(pages, "ph", lang), GOLDEN)


# --- bad input for the new shapes ------------------------------------------------------------


def _load_changed(tmp_path: Path, iso: str, change: object) -> list[str]:
    data = yaml.safe_load((SSPTW / f"{iso}.yml").read_text("utf-8"))
    change(data)  # type: ignore[operator]
    path = tmp_path / "country_profiles" / f"{iso}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    profile, diags = cp.load(SourceFile(path, f"country_profiles/{iso}.yml", iso, None))
    assert profile is None
    return [f"{d.code} {d.message}" for d in diags if d.severity is Severity.ERROR]


def test_unknown_branch_with_programs_is_e174(tmp_path: Path) -> None:
    def change(data: dict) -> None:
        data["branches"]["sickness"] = {"status": "unknown", "programs": [{"type": "social-insurance"}]}
    errors = _load_changed(tmp_path, "ke", change)
    assert any(e.startswith("E174 branches.sickness: the branch is marked `status: unknown`") for e in errors), errors


def test_amount_range_min_above_max_is_e174(tmp_path: Path) -> None:
    def change(data: dict) -> None:
        data["branches"]["old_age"]["programs"][0]["contributions"]["insured"][0]["amount_range"] = {"min": 600, "max": 36}
    errors = _load_changed(tmp_path, "ph", change)
    assert any("amount_range's min (600) is above its max (36)" in e for e in errors), errors


def test_amount_range_without_currency_is_an_error(tmp_path: Path) -> None:
    def change(data: dict) -> None:
        del data["branches"]["old_age"]["programs"][0]["contributions"]["employer"][0]["currency"]
    errors = _load_changed(tmp_path, "ph", change)
    assert errors and any("currency" in e for e in errors), errors


def test_branch_status_other_than_unknown_is_an_error(tmp_path: Path) -> None:
    def change(data: dict) -> None:
        data["branches"]["family"] = {"status": "none"}  # "none" would read as "pays nothing": not a branch status
    errors = _load_changed(tmp_path, "de", change)
    assert errors and any("branches.family" in e or "family" in e for e in errors), errors


@pytest.mark.parametrize(("value", "ok"), [(2012, True), ("2012", True), ("2012-07", True), ("2012-13", False),
                                           ("12", False), (1500, False)])
def test_laws_as_of_may_be_a_year(tmp_path: Path, value: object, ok: bool) -> None:
    data = yaml.safe_load((SSPTW / "de.yml").read_text("utf-8"))
    data["laws_as_of"] = value
    path = tmp_path / "country_profiles" / "de.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    profile, diags = cp.load(SourceFile(path, "country_profiles/de.yml", "de", None))
    assert (profile is not None) is ok
    if isinstance(value, str) and not ok:  # the error says what is expected, in words (no regular expression)
        assert [d.message for d in diags] == [f"laws_as_of: '{value}' is not a date (YYYY-MM-DD), a month (YYYY-MM) "
                                              "or a year (YYYY)"]


def test_a_laws_as_of_year_far_ahead_is_reported() -> None:
    import datetime as dt

    from build_tools.checks.editorial import future_dates

    found = future_dates({"laws_as_of": 2099}, "country_profiles/de.yml", lambda _p: (3, 1), dt.date(2026, 12, 1))
    assert [d.code for d in found] == ["E127"]
    assert future_dates({"laws_as_of": "2012"}, "x.yml", lambda _p: (3, 1), dt.date(2026, 12, 1)) == []


def test_shipped_philippines_profile_is_the_real_data() -> None:
    """country_profiles/ph.yml ships the same SSPTW facts: everything in it is real, so it is not illustrative."""
    shipped, diags = cp.load(SourceFile(REPO / "country_profiles" / "ph.yml", "country_profiles/ph.yml", "ph", None))
    fixture, _ = cp.load(SourceFile(SSPTW / "ph.yml", "country_profiles/ph.yml", "ph", None))
    assert shipped is not None and fixture is not None and not diags
    assert shipped.data == fixture.data and shipped.illustrative is False


def test_region_table_and_chart_never_show_a_missing_number_as_a_value(pages: dict[str, str]) -> None:
    region = pages["countries/asia-pacific.md"]
    row = re.search(r'<tr data-country="ph">.*?</tr>', region)
    assert row and 'data-value="None"' not in row.group(0) and row.group(0).count('data-value=""') == 2
    assert "Not stated" in row.group(0) and "60 years" in row.group(0)
    chart_row = re.search(r"<tr><th scope=\"row\">Philippines</th>(.*?)</tr>", region.split("chart-contributions", 1)[1])
    assert chart_row and "(? not stated)" in chart_row.group(1) and ">0<" not in chart_row.group(1)


def test_shipped_philippines_french_overlay_is_complete_and_current() -> None:
    shipped, _ = cp.load(SourceFile(REPO / "country_profiles" / "ph.yml", "country_profiles/ph.yml", "ph", None))
    assert shipped is not None
    tr, diags = cp.load_translation(
        SourceFile(REPO / "country_profiles" / "ph.fr.yml", "country_profiles/ph.fr.yml", "ph", "fr"), shipped)
    assert tr is not None and not diags, [d.format_text() for d in diags]
    shipped.translations["fr"] = tr
    assert not shipped.outdated_fields("fr")
    texts = shipped.localized_text("fr")
    assert all(lang == "fr" for _text, lang in texts.values())
    assert "110 à 880 pesos par mois" in texts["branches.old_age.programs.social-insurance.contributions.insured.0.note"][0]


def test_china_facts_on_the_page_and_in_the_data(pages: dict[str, str], project: Project) -> None:
    page = _page(pages, "cn")
    text = _plain(page)
    assert '<time datetime="2010-07" data-laws-as-of>Laws as of July 2010</time>' in page
    assert "1951 (first law) · First law" in text and "2009 (current law) · Guideline on the rural pilot pension" in text
    for year in (1953, 1978, 1995, 1997, 1999, 2005):
        assert f'data-law-year="{year}"' in page
    account = page.split('data-program="individual-account" data-type="mandatory-individual-account"')[1]
    # Caps relative to a wage, not an amount: shown as such, never as a currency figure.
    assert ('<dd data-party="insured">8% of gross earnings; earnings ceiling 300% of the average wage; '
            "earnings floor 60% of the average wage</dd>") in account
    marker = '<span class="ssa-marker" aria-hidden="true">{}</span>'
    assert f'<dd data-party="self_employed">{marker.format("~")} 8% of the average wage; varies by region</dd>' in account
    for party in ("employer", "government"):  # the excerpt ends before them: "Not stated", never 0 or none
        assert f'<dd data-party="{party}">{marker.format("?")} Not stated</dd>' in account
    assert "508 counties" in text and "None, or what local government regulations set." in text
    rows = [r for r in _rows(project, opendata.CONTRIBUTIONS_CSV) if r["iso2"] == "CN"]
    insured = next(r for r in rows if r["program"] == "individual-account" and r["party"] == "insured")
    assert (insured["percent"], insured["base"]) == ("8", "gross_earnings")
    assert (insured["ceiling"], insured["floor"]) == ("300% average_wage", "60% average_wage")
    assert not [r for r in rows if r["party"] in ("employer", "government")]  # not stated: no invented row
    basic = profile_reading.branch_total(project.profiles["cn"], "old_age", project.catalog, "en")
    assert basic.percent == 8 and set(basic.markers) == {"described", "unknown"}


def test_relative_cap_without_base_is_an_error(tmp_path: Path) -> None:
    def change(data: dict) -> None:
        del data["branches"]["old_age"]["programs"][1]["contributions"]["insured"][0]["ceiling"]["base"]
    errors = _load_changed(tmp_path, "cn", change)
    assert errors and any("base" in e for e in errors), errors
