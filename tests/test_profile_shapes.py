"""Shapes real SSPTW summaries have, held without forcing them (issue 24, "Shapes the model still forces").

The fixture tests/fixtures/shapes/ke.yml (invented figures) holds: an age "60 or 61" and a range
"55 to 60", a schedule by birth cohort and a one-sex step; a category-only rate (``applies_to``) and
an alternative flat amount, never added to the total; a minimum and a maximum contribution and a
ceiling per payment with a label; a suspended law and one not yet in force (``in_force`` as a
month and as a year); a branch note beside programs, which reaches the comparison; provenance per
profile and per branch; an exchange rate; agreements not covered by the source; what a branch states
once for all its programs (a shared law, the administration, a government share), never repeated
per program and never lost in the open data.

Golden files (``UPDATE_GOLDEN=1`` rewrites them, see tests/golden.py): tests/golden/country-shapes-ke.md
(the English page) and tests/golden/shapes-ke.<lang>.txt (in each of the seven languages, the lines of
the page, the comparison and the open data that carry each shape).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import golden
import pytest
import yaml

from build_tools.generate import Context, opendata, profile_pages, profile_reading
from build_tools.model import country_profiles as cp
from build_tools.model.base import SourceFile
from build_tools.model.project import Project, load_project

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "shapes" / "ke.yml"
LANGS = ("en", "fr", "de", "es", "ar", "ru", "zh")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The mini fixture in all seven languages (the repository's locales), plus the shapes profile."""
    from conftest import make_mini_project

    dest = make_mini_project(tmp_path_factory.mktemp("shapes") / "mini")
    config = (dest / "mkdocs.yml").read_text("utf-8")
    extra = "".join(f"        - locale: {lang}\n          name: {lang}\n          build: true\n"
                    for lang in ("de", "es", "ru", "zh"))
    (dest / "mkdocs.yml").write_text(config.replace("markdown_extensions:", extra + "markdown_extensions:", 1), "utf-8")
    for lang in LANGS:
        shutil.copy2(REPO / "locales" / f"{lang}.yml", dest / "locales" / f"{lang}.yml")
    shutil.copy2(FIXTURE, dest / "country_profiles" / "ke.yml")
    project = load_project(dest)
    assert not [d.format_text() for d in project.diagnostics if d.severity.name in ("ERROR", "WARNING")]
    return project


@pytest.fixture(scope="module")
def pages(project: Project) -> dict[str, str]:
    return {p.path: p.text for p in profile_pages.pages(Context(project))}


def _name(stem: str, lang: str, ext: str = "md") -> str:
    return f"{stem}.{ext}" if lang == "en" else f"{stem}.{lang}.{ext}"


def _rows(pages: dict[str, str], name: str, lang: str = "en") -> list[dict[str, str]]:
    stem, ext = name.rsplit(".", 1)
    text = pages[f"countries/data/{_name(stem, lang, ext)}"]
    return [r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff"))) if r["iso2"] == "KE"]


def _row(html: str, topic: str) -> str:
    found = re.search(rf'<tr data-topic="{re.escape(topic)}">.*?</tr>', html, flags=re.S)
    assert found, topic
    return found.group(0)


def test_page_matches_golden(pages: dict[str, str]) -> None:
    golden.check_golden("country-shapes-ke.md", pages["countries/ke.md"], REPO / "tests" / "golden")


def test_ages_or_range_cohort_and_one_sex_steps(pages: dict[str, str]) -> None:
    page = pages["countries/ke.md"]
    assert "Men: 60 or 61 years · Women: 55 to 60 years" in page
    assert "<br>Born in 1965: Men 62 years<br>From 2030: Women 62 years</td>" in page
    assert "Âge" not in page
    assert "60 ou 61 ans" in pages["countries/ke.fr.md"]
    rows = _rows(pages, opendata.AGES_CSV)
    forms = {(r["sex"], r["kind"], r["years"], r["form"], r["born"], r["year"]) for r in rows}
    assert {("men", "normal", "60", "or", "", ""), ("men", "normal", "61", "or", "", ""),
            ("women", "normal", "55", "from", "", ""), ("women", "normal", "60", "to", "", ""),
            ("men", "scheduled", "62", "exact", "1965", ""), ("women", "scheduled", "62", "exact", "", "2030")} <= forms
    assert {r["program"] for r in rows} == {"provident-fund", "civil-service"}  # two tiers told apart
    assert {r["note"] for r in rows} == {"Depending on the birth date.", "Civil servants only."}


def test_category_and_alternative_items_are_shown_exactly_and_never_added(pages: dict[str, str],
                                                                         project: Project) -> None:
    page = pages["countries/ke.md"]
    assert '<span class="ssa-marker" aria-hidden="true">‡</span> 3.6% of earnings; only for marginal employees' in page
    assert '<span class="ssa-marker" aria-hidden="true">∨</span> or KES400 per month' in page
    total = profile_reading.branch_total(project.profiles["ke"], "old_age", project.catalog, "en")
    # 5% (NSSF employer) + 7.5% + 15% (civil service); not the insured 5%/3.6% (alternatives, category)
    assert str(total.percent) == "27.5" and {"category", "alternative"} <= set(total.markers)
    assert [(a.program, a.party) for a in total.added] == [("provident-fund", "employer"), ("civil-service", "insured"),
                                                           ("civil-service", "employer")]
    rows = _rows(pages, opendata.CONTRIBUTIONS_CSV)
    category = next(r for r in rows if r["applies_to"])
    assert (category["percent"], category["applies_to"], category["comparable"]) == ("3.6", "marginal employees", "false")
    assert next(r for r in rows if r["alternative"] == "true")["amount"] == "400"


def test_minimum_maximum_and_cap_per_payment(pages: dict[str, str]) -> None:
    page = pages["countries/ke.md"]
    assert "5% of earnings; at least KES100 per month; at most KES200 per month" in page
    assert "5% of payroll; earnings ceiling KES50,000 per payment (a bonus)" in page
    rows = _rows(pages, opendata.CONTRIBUTIONS_CSV)
    first = next(r for r in rows if r["program"] == "provident-fund")
    assert (first["minimum"], first["maximum"]) == ("100 KES/month", "200 KES/month")
    assert next(r for r in rows if r["party"] == "employer")["ceiling"] == "50000 KES/payment (a bonus)"


def test_law_status_and_in_force_as_month_or_year(pages: dict[str, str]) -> None:
    page = pages["countries/ke.md"]
    assert "in force since May 2014 · <strong class=\"ssa-law__status\" data-law-status=\"suspended\">suspended</strong>" in page
    assert "to come into force: 2026 · <strong class=\"ssa-law__status\" data-law-status=\"not_yet_in_force\">" in page
    assert "(suspended)" in pages["countries/compare.md"] and "(pas encore en vigueur)" in pages["countries/compare.fr.md"]
    programs = _rows(pages, opendata.PROGRAMS_CSV)
    assert "2013 amending (suspended): Social security fund act" in programs[0]["laws"]
    doc = json.loads(pages["countries/data/country-profiles.json"])
    ke = next(c for c in doc["countries"] if c["iso2"] == "KE")
    laws = ke["branches"]["old_age"]["programs"][0]["laws"]
    assert [(law["in_force"], law.get("status")) for law in laws[1:]] == [("2014-05", "suspended"),
                                                                          ("2026", "not_yet_in_force")]


def test_branch_note_beside_programs_reaches_the_comparison(pages: dict[str, str]) -> None:
    compare = pages["countries/compare.md"]
    row = re.search(r'<tr data-topic="sickness.programs">.*?</tr>', compare, flags=re.S)
    assert row and "A national hospital insurance fund exists" in row.group(0)
    names = re.search(r'<tr data-topic="old_age.programs">.*?</tr>', compare, flags=re.S)
    assert names and "National Social Security Fund" in names.group(0) and "Civil service pension scheme" in names.group(0)
    # issue 24: country-programs.csv names each program (two tiers of one type are told apart)
    assert [(r["program"], r["name"]) for r in _rows(pages, opendata.PROGRAMS_CSV) if r["branch"] == "old_age"] == [
        ("provident-fund", "National Social Security Fund"), ("civil-service", "Civil service pension scheme")]


def test_provenance_exchange_rate_and_agreements_not_covered(pages: dict[str, str]) -> None:
    page = pages["countries/ke.md"]
    assert 'data-provenance="secondary">Entered from secondary material' in page
    assert '<p class="ssa-meta ssa-provenance" data-provenance="verified">Verified against the source</p>' in page
    assert "Exchange rate: $1 = KES72.9 (January 2005)" in page  # the rate as entered: 72.9, not 72.90
    assert '<p data-agreements="not_covered">The source does not cover social security agreements.</p>' in page
    assert "No agreement recorded." not in page
    row = _rows(pages, opendata.PROFILES_CSV)[0]
    assert (row["provenance"], row["exchange_rate_per_usd"], row["agreements_status"]) == ("secondary", "72.9", "not_covered")
    doc = json.loads(pages["countries/data/country-profiles.json"])
    ke = next(c for c in doc["countries"] if c["iso2"] == "KE")
    assert ke["provenance"] == "secondary" and ke["branches"]["old_age"]["provenance"] == "verified"
    assert ke["exchange_rate"] == {"currency": "KES", "per_usd": 72.9, "date": "2005-01"}


def _load(tmp_path: Path, data: dict[str, Any]) -> list[str]:
    path = tmp_path / "ke.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    _profile, diags = cp.load(SourceFile(path, "country_profiles/ke.yml", "ke", None))
    return [d.format_text() for d in diags]


@pytest.mark.parametrize("change, where", [
    (lambda d: d["branches"]["old_age"]["pension_ages"][0]["schedule"].append({"women": 63}), "schedule"),
    (lambda d: d["branches"]["old_age"]["pension_ages"][0]["schedule"].append({"year": 2040}), "schedule"),
    (lambda d: d["branches"]["old_age"]["pension_ages"][0].__setitem__("men", {"or": [60]}), "men"),
    (lambda d: d["branches"]["old_age"]["programs"][0]["laws"][1].__setitem__("status", "repealed"), "status"),
    (lambda d: d["branches"]["old_age"]["programs"][0]["laws"][1].__setitem__("in_force", "2014-13"), "in_force"),
    (lambda d: d["branches"]["old_age"]["programs"][0]["contributions"]["insured"][0].__setitem__(
        "minimum", {"amount": 100}), "minimum"),
    (lambda d: d.__setitem__("provenance", "checked"), "provenance"),
    (lambda d: d.__setitem__("agreements_status", "none"), "agreements_status"),
    (lambda d: d.__setitem__("exchange_rate", {"currency": "KES", "per_usd": 0, "date": "2005-01"}), "exchange_rate"),
])
def test_a_malformed_shape_is_reported_at_its_line(tmp_path: Path, change: Any, where: str) -> None:
    data = yaml.safe_load(FIXTURE.read_text("utf-8"))
    assert not _load(tmp_path, copy.deepcopy(data))
    change(data)
    messages = _load(tmp_path, data)
    assert messages and all(m.startswith("country_profiles/ke.yml:") for m in messages), messages
    assert any(where in m for m in messages), messages


def test_translatable_units_include_category_and_cap_label(project: Project) -> None:
    units = {u.path for u in cp.translatable_units(project.profiles["ke"])}
    base = "branches.old_age.programs.provident-fund.contributions"
    assert f"{base}.insured.1.applies_to" in units and f"{base}.employer.0.ceiling.label" in units


def test_a_wrapped_number_mid_paragraph_warns_but_a_real_list_does_not(tmp_path: Path) -> None:
    data = yaml.safe_load(FIXTURE.read_text("utf-8"))
    program = data["branches"]["old_age"]["programs"][0]
    program["benefits"] = "A lump sum:\n\n1. the contributions;\n2. the interest.\n"
    assert not _load(tmp_path, copy.deepcopy(data))
    program["qualifying_conditions"] = "The benefit is paid from age\n60. Members may retire earlier.\n"
    messages = _load(tmp_path, data)
    assert len(messages) == 1 and " W175 " in messages[0] and "'60. Members may retire earlier.'" in messages[0]


# ---------------------------------------------------------------------------------------------
# What a branch states once for all its programs: laws, administration, government share
# ---------------------------------------------------------------------------------------------


def _country(pages: dict[str, str], lang: str = "en") -> dict[str, Any]:
    doc = json.loads(pages[f"countries/data/{_name('country-profiles', lang, 'json')}"])
    return dict(next(c for c in doc["countries"] if c["iso2"] == "KE"))


def test_a_law_shared_by_two_programs_is_written_once(pages: dict[str, str]) -> None:
    page = pages["countries/ke.md"]
    assert page.count("Retirement benefits act") == 1  # once, for the branch, not once per program
    shared = page.split('<section class="ssa-program ssa-branch__shared" data-level="branch" markdown>', 1)[1]
    shared = shared.split("</section>", 1)[0]
    assert "### All programs of the branch { #old_age-all-programs }" in shared
    assert '<li data-law-year="1997"><span class="ssa-law__year">1997</span> <span class="ssa-law__kind">(current law)' \
           '</span> · <span>Retirement benefits act</span></li>' in shared
    laws = _row(pages["countries/compare.md"], "old_age.laws")
    assert laws.count("Retirement benefits act") == 1
    assert '<strong class="ssa-compare__program">All programs of the branch:</strong> 1997 · ' in laws
    assert '<strong class="ssa-compare__program">National Social Security Fund:</strong> 1965 · ' in laws
    # Open data: once at the branch in the JSON, once in country-branches.csv, in no program's laws.
    ke = _country(pages)
    old_age = ke["branches"]["old_age"]
    assert old_age["laws"] == [{"year": 1997, "kind": "current", "title": "Retirement benefits act"}]
    assert all(law["year"] != 1997 for prog in old_age["programs"] for law in prog["laws"])
    branches = {r["branch"]: r for r in _rows(pages, opendata.BRANCHES_CSV)}
    assert branches["old_age"]["laws"] == "1997 current: Retirement benefits act"
    assert branches["old_age"]["programs"] == "provident-fund; civil-service"
    assert not any("1997" in r["laws"] for r in _rows(pages, opendata.PROGRAMS_CSV))
    # Every law the fixture holds is in the open data exactly once.
    source = yaml.safe_load(FIXTURE.read_text("utf-8"))["branches"]["old_age"]
    held = [law["title"] for law in source["laws"]] + [law["title"] for prog in source["programs"]
                                                        for law in prog.get("laws") or []]
    exported = [law["title"] for law in old_age["laws"]] + [law["title"] for prog in old_age["programs"]
                                                             for law in prog["laws"]]
    assert sorted(exported) == sorted(held)


def test_branch_administration_reaches_page_comparison_and_open_data(pages: dict[str, str]) -> None:
    text = "The Retirement Benefits Authority supervises both schemes."
    page = pages["countries/ke.md"]
    assert page.count(text) == 1
    assert '<div class="ssa-field" data-field="administration" markdown>\n' + text in page
    cell = _row(pages["countries/compare.md"], "old_age.administration")
    assert '<p class="ssa-compare__program" lang="en"><strong>All programs of the branch</strong></p><p>' + text in cell
    assert _country(pages)["branches"]["old_age"]["administration"] == text
    assert {r["branch"]: r for r in _rows(pages, opendata.BRANCHES_CSV)}["old_age"]["administration"] == text


def test_branch_government_share_is_stated_once_and_added_once(pages: dict[str, str], project: Project) -> None:
    page = pages["countries/ke.md"]
    # sickness: its one program has no government item of its own; the branch states 0.5% of earnings.
    sickness = page.split('<section class="ssa-branch" data-branch="sickness" markdown>', 1)[1].split(
        '<section class="ssa-branch" data-branch="work_injury"', 1)[0]
    assert '<dd data-party="government" data-level="branch">0.5% of earnings</dd>' in sickness
    assert '<dd data-party="government">Stated for all programs of the branch</dd>' in sickness
    assert "Not stated</dd>" not in sickness.split('<dt>Government</dt>', 2)[2]  # the program's share is not "unknown"
    assert ('<tr data-branch="sickness" data-level="branch"><td><a href="#sickness-all-programs">All programs of the '
            'branch</a></td><td colspan="3"></td><td data-party="government">0.5% of earnings</td></tr>') in page
    assert ('<p class="ssa-meta ssa-branch__total" data-total="0.5">Total of comparable percentages: 0.5% '
            '(Government: 0.5% of earnings).</p>') in sickness
    total = profile_reading.branch_total(project.profiles["ke"], "sickness", project.catalog, "en")
    assert str(total.percent) == "0.5" and [(a.program, a.party) for a in total.added] == [("", "government")]
    assert "unknown" not in total.markers
    # old_age: both programs state their own government items; the branch's guarantee is described in words.
    old_age = profile_reading.branch_total(project.profiles["ke"], "old_age", project.catalog, "en")
    assert str(old_age.percent) == "27.5" and "described" in old_age.markers
    gov = _row(pages["countries/compare.md"], "sickness.government")
    assert '<strong class="ssa-compare__program">All programs of the branch:</strong> 0.5% of earnings' in gov
    assert "Stated for all programs of the branch" in gov
    assert "The government guarantees any deficit of both schemes." in _row(pages["countries/compare.md"],
                                                                           "old_age.government")
    # Open data: one item (program empty), added once to the total.
    ke = _country(pages)
    assert [i["summary"] for i in ke["branches"]["sickness"]["government"]] == ["0.5% of earnings"]
    assert ke["branches"]["sickness"]["contribution_total"]["added"] == [{"program": None, "party": "government",
                                                                          "percent": 0.5}]
    assert "government" not in ke["branches"]["sickness"]["programs"][0]["contributions"]
    rows = [r for r in _rows(pages, opendata.CONTRIBUTIONS_CSV) if r["program"] == ""]
    assert [(r["branch"], r["party"], r["kind"], r["percent"], r["comparable"]) for r in rows] == [
        ("old_age", "government", "status", "", "false"), ("sickness", "government", "percent", "0.5", "true")]
    branches = {r["branch"]: r for r in _rows(pages, opendata.BRANCHES_CSV)}
    assert (branches["sickness"]["government"], branches["sickness"]["total_percent"],
            branches["sickness"]["total_added"]) == ("0.5% of earnings", "0.5", "government 0.5")
    assert branches["old_age"]["total_added"] == \
        "employer 5 (provident-fund) | insured 7.5 (civil-service) | employer 15 (civil-service)"
    assert branches["work_injury"]["status"] == "unknown" and branches["work_injury"]["total_excludes"] == "unknown"


def test_branch_level_texts_are_translated_like_the_others(project: Project, tmp_path: Path) -> None:
    units = {u.path for u in cp.translatable_units(project.profiles["ke"])}
    assert {"branches.old_age.laws.1997.title", "branches.old_age.administration", "branches.old_age.government.0.note",
            "branches.sickness.government.0.note"} <= units
    from conftest import make_mini_project

    dest = make_mini_project(tmp_path / "mini")
    shutil.copy2(FIXTURE, dest / "country_profiles" / "ke.yml")
    hashes = project.profiles["ke"].units()
    stamped = ("branches.old_age.laws.1997.title", "branches.old_age.administration", "branches.old_age.government.0.note")
    (dest / "country_profiles" / "ke.fr.yml").write_text(
        "branches:\n  old_age:\n    laws:\n      '1997': {title: Loi sur les prestations de retraite}\n"
        "    administration: L'autorité des prestations de retraite contrôle les deux régimes.\n"
        "    government:\n      - {note: L'État garantit tout déficit des deux régimes.}\n"
        "translation:\n  source_hashes:\n" + "".join(f"    {u}: '{hashes[u]}'\n" for u in stamped), "utf-8")
    fresh = load_project(dest)
    assert not [d.format_text() for d in fresh.diagnostics if d.severity.name == "ERROR"]
    page = next(p.text for p in profile_pages.pages(Context(fresh)) if p.path == "countries/ke.fr.md")
    assert "Loi sur les prestations de retraite" in page and "Retirement benefits act" not in page
    assert "autorité des prestations de retraite contrôle les deux régimes." in page
    assert "garantit tout déficit des deux régimes." in page
    assert "### Tous les régimes de la branche { #old_age-all-programs }" in page


def _ke_cell(compare: str, topic: str) -> str:
    found = re.search(r'<td data-country="ke"[^>]*>(.*?)</td>', _row(compare, topic), flags=re.S)
    assert found, topic
    return found.group(1)


def test_each_branch_lists_its_institutions_on_the_page_comparison_and_open_data(pages: dict[str, str],
                                                                              project: Project) -> None:
    nssf = ('<span data-institution="ke-nssf"><a href="https://www.nssf.or.ke/">National Social Security Fund</a>'
            '</span>')
    nhif = '<span data-institution="ke-nhif">National Hospital Insurance Fund</span>'
    for lang in LANGS:
        label = project.catalog.t(lang, "profile.label", label=project.catalog.t(lang, "profile.branch_institutions"))
        page = pages[_name("countries/ke", lang)]
        sections = {b: page.split(f'<section class="ssa-branch" data-branch="{b}" markdown>', 1)[1].split(
            "</section>\n\n<section class=\"ssa-branch\"", 1)[0] for b in ("old_age", "sickness", "work_injury")}
        attrs = "" if lang == "en" else ' lang="en" dir="auto"'  # the names are not translated: English, marked
        for b, names in (("old_age", [nssf]), ("sickness", [nhif]), ("work_injury", [nhif])):
            want = [n.replace("\">", f'"{attrs}>', 1) for n in names]
            line = f'<p class="ssa-meta ssa-branch__institutions" data-institutions>{label} {"; ".join(want)}</p>'
            assert line in sections[b], (lang, b)
            assert _ke_cell(pages[_name("countries/compare", lang)], f"{b}.institutions") == "; ".join(want)
        assert "data-institutions" not in page.split('data-branch="unemployment" markdown>', 1)[1].split("</section>")[0]
        assert "data-institution" not in _ke_cell(pages[_name("countries/compare", lang)], "unemployment.institutions")
        assert project.catalog.t(lang, "profile.branch_institutions") in _row(
            pages[_name("countries/compare", lang)], "old_age.institutions")
        branches = {r["branch"]: r["institutions"] for r in _rows(pages, opendata.BRANCHES_CSV, lang)}
        assert branches == {"old_age": "National Social Security Fund <https://www.nssf.or.ke/>",
                            "sickness": "National Hospital Insurance Fund",
                            "work_injury": "National Hospital Insurance Fund", "unemployment": "", "family": ""}
        ke = _country(pages, lang)["branches"]
        assert ke["old_age"]["institutions"] == [{"id": "ke-nssf", "name": "National Social Security Fund",
                                                  "url": "https://www.nssf.or.ke/"}]
        assert [i["id"] for i in ke["work_injury"]["institutions"]] == ["ke-nhif"]
        assert "institutions" not in ke["family"]


@pytest.mark.parametrize("change, code, where", [
    # the shared law written again for one program: reported at the program's copy
    (lambda d: d["branches"]["old_age"]["programs"][1].setdefault("laws", []).append(
        {"year": 1997, "title": "Retirement benefits act"}), "E172", "also listed in branches.old_age.laws"),
    (lambda d: d["branches"]["old_age"]["laws"].append({"year": 1997, "title": "Another act"}), "E172",
     "branches.old_age.laws: two laws have the key '1997'"),
    (lambda d: d["branches"]["work_injury"].__setitem__("laws", [{"year": 1990, "title": "Act"}]), "E174",
     "`status: unknown` (not described by the source) but lists laws"),
    (lambda d: d["branches"]["family"].update({"status": None, "government": [{"status": "described"}]}) or
     d["branches"]["family"].pop("status"), "E174", "branches.family.government: a government share"),
    (lambda d: d["branches"]["sickness"]["government"].append({"percent": 5}), "E", "government"),
    (lambda d: d["branches"]["sickness"]["government"].append({"range": {"min": 3, "max": 1}, "base": "earnings"}),
     "E174", "branches.sickness.government: the range's min (3) is above its max (1)"),
    (lambda d: d["branches"]["old_age"].__setitem__("administration", 5), "E", "administration"),
    # an institution of a branch the profile does not have (it would be listed under no branch)
    (lambda d: d["institutions"][1]["branches"].append("long_term_care"), "E174",
     "institutions[1].branches: 'long_term_care' is not a branch of this profile"),
    (lambda d: d["institutions"][0].__setitem__("url", "http://www.nssf.or.ke/"), "E", "url"),
])
def test_a_malformed_branch_level_field_is_reported_at_its_line(tmp_path: Path, change: Any, code: str,
                                                                where: str) -> None:
    data = yaml.safe_load(FIXTURE.read_text("utf-8"))
    change(data)
    messages = _load(tmp_path, data)
    assert messages and all(m.startswith("country_profiles/ke.yml:") for m in messages), messages
    assert any(f" {code}" in m and where in m for m in messages), messages


_PAGE_NEEDLES = (
    'data-tier="individual_account"',  # an "or" age and a range, by cohort and one sex
    '<dd data-party="insured">',  # a minimum and a maximum amount; a category-only rate; an alternative
    'data-program="provident-fund"><th',
    'data-law-status="suspended"',  # a suspended law, in force since a month
    'data-law-status="not_yet_in_force"',
    'data-level="branch"',  # what the branch states for all its programs
    'data-law-year="1997"',
    "Retirement Benefits Authority",
    "ssa-branch__total",
    "data-institution=",  # the institutions of each branch, and the institutions table
)
_COMPARE_TOPICS = ("old_age.programs", "old_age.laws", "old_age.insured", "old_age.government", "old_age.administration",
                   "old_age.institutions", "sickness.programs", "sickness.government", "sickness.institutions",
                   "work_injury.institutions")


@pytest.mark.parametrize("lang", LANGS)
def test_every_shape_in_every_language(pages: dict[str, str], project: Project, lang: str) -> None:
    """Golden, per language: the lines of the page, the comparison and the open data that carry each shape."""
    page = pages[_name("countries/ke", lang)]
    compare = pages[_name("countries/compare", lang)]
    t = project.catalog.t
    # the words of each shape, in this language
    assert t(lang, "contribution.applies_to", who="marginal employees") in page
    for bound, amount in (("minimum", 100), ("maximum", 200)):
        words = t(lang, "contribution.amount", amount=profile_reading.money(amount, "KES", lang),
                  period=t(lang, "periods.month"))
        assert t(lang, f"contribution.{bound}", amount=words) in page, (lang, bound)
    assert t(lang, "law_status.suspended") in page and t(lang, "law_status.suspended") in _row(compare, "old_age.laws")
    assert "A national hospital insurance fund exists" in _row(compare, "sickness.programs")  # the branch note
    assert t(lang, "profile.all_programs") in _row(compare, "old_age.laws")
    assert t(lang, "contribution.status_branch") in _row(compare, "sickness.government")
    report = ["## page", *[line for line in page.splitlines() if any(n in line for n in _PAGE_NEEDLES)],
              "## comparison", *[_row(compare, topic) for topic in _COMPARE_TOPICS]]
    report += ["## contributions csv", *[f"{r['branch']} {r['program'] or '-'} {r['party']}: {r['summary']}"
                                        for r in _rows(pages, opendata.CONTRIBUTIONS_CSV, lang)]]
    report += ["## branches csv", *[" | ".join(f"{k}={v}" for k, v in r.items() if k not in ("iso2", "country"))
                                   for r in _rows(pages, opendata.BRANCHES_CSV, lang)]]
    report += ["## pension ages csv", *[f"{r['tier']} {r['sex']} {r['kind']} {r['years']} {r['form']} {r['born']}"
                                       f"{r['year']}" for r in _rows(pages, opendata.AGES_CSV, lang)]]
    ke = _country(pages, lang)
    report += ["## json", json.dumps({b: {k: v for k, v in rec.items() if k != "programs"}
                                      for b, rec in ke["branches"].items()}, ensure_ascii=False, sort_keys=True)]
    golden.check_golden(f"shapes-ke.{lang}.txt", "\n".join(report) + "\n", REPO / "tests" / "golden")
