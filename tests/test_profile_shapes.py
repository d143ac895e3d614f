"""Shapes real SSPTW summaries have, held without forcing them (issue 24, "Shapes the model still forces").

The fixture tests/fixtures/shapes/ke.yml (invented figures) holds: an age "60 or 61" and a range
"55 to 60", a schedule by birth cohort and a one-sex step; a category-only rate (``applies_to``) and
an alternative flat amount, never added to the total; a minimum and a maximum contribution and a
ceiling per payment with a label; a suspended law and one not yet in force (``in_force`` as a
month and as a year); a branch note beside programs, which reaches the comparison; provenance per
profile and per branch; an exchange rate; agreements not covered by the source.

Golden file: tests/golden/country-shapes-ke.md (``UPDATE_GOLDEN=1`` rewrites it, see tests/golden.py).
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


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    from conftest import make_mini_project

    dest = make_mini_project(tmp_path_factory.mktemp("shapes") / "mini")
    shutil.copy2(FIXTURE, dest / "country_profiles" / "ke.yml")
    project = load_project(dest)
    assert not [d.format_text() for d in project.diagnostics if d.severity.name in ("ERROR", "WARNING")]
    return project


@pytest.fixture(scope="module")
def pages(project: Project) -> dict[str, str]:
    return {p.path: p.text for p in profile_pages.pages(Context(project))}


def _rows(pages: dict[str, str], name: str) -> list[dict[str, str]]:
    return [r for r in csv.DictReader(io.StringIO(pages[f"countries/data/{name}"].lstrip("\ufeff"))) if r["iso2"] == "KE"]


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
    first = rows[0]
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
