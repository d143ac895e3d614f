"""Country profiles: overlay validation (text only) and agreement consistency, with bad inputs.

The core's table-driven cases live in tests/test_bad_inputs.py; these tests go field by field
through what an overlay may and may not set, and through both kinds of agreement problems.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from build_tools.checks.diagnostics import Diagnostic, Severity
from build_tools.model import country_profiles as cp
from build_tools.model.base import SourceFile
from build_tools.model.project import load_project

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "country_profiles"


def _write(tmp: Path, name: str, text: str) -> SourceFile:
    path = tmp / "country_profiles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    stem, *rest = name.split(".")
    lang = rest[0] if len(rest) == 2 else None
    return SourceFile(path, f"country_profiles/{name}", stem, lang)


def _profile(tmp: Path, iso: str = "br", data: dict | None = None) -> cp.CountryProfile:
    text = (SAMPLE / f"{iso}.yml").read_text("utf-8") if data is None else yaml.safe_dump(data, sort_keys=False)
    profile, diags = cp.load(_write(tmp, f"{iso}.yml", text))
    assert profile is not None, [d.format_text() for d in diags]
    return profile


def _overlay(tmp: Path, profile: cp.CountryProfile, text: str, lang: str = "fr") -> list[Diagnostic]:
    tr, diags = cp.load_translation(_write(tmp, f"{profile.id}.{lang}.yml", text), profile)
    if tr is not None and not diags:
        profile.translations[lang] = tr
    return diags


def _codes(diags: list[Diagnostic]) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in diags]


# --- overlays -------------------------------------------------------------------------------

def test_valid_overlay_has_no_diagnostics_and_is_used(tmp_path: Path) -> None:
    profile = _profile(tmp_path)
    diags = _overlay(tmp_path, profile, "branches:\n  old_age:\n    coverage: Salariés.\n"
                                        "    first_law: {title: Loi sur les caisses}\n"
                                        "institutions:\n  br-inss: {name: Institut national}\n")
    assert diags == []
    text = profile.localized_text("fr")
    assert text["branches.old_age.coverage"] == ("Salariés.", "fr")
    assert text["branches.old_age.first_law.title"] == ("Loi sur les caisses", "fr")
    assert text["institutions.br-inss.name"] == ("Institut national", "fr")
    assert text["branches.sickness.coverage"][1] == "en"


@pytest.mark.parametrize(("case", "text", "line"), [
    ("population", "indicators:\n  population: 5\n", 1),
    ("pension-age", "indicators:\n  pension_age: {men: 60}\n", 1),
    ("contribution-rate", "contributions:\n  old_age: {insured: 1.0}\n", 1),
    ("law-year", "branches:\n  old_age:\n    first_law: {year: 1900, title: Loi}\n", 3),
    ("program-types", "branches:\n  old_age:\n    types: [universal]\n", 3),
    ("exists-flag", "branches:\n  family:\n    exists: false\n", 3),
    ("institution-staff", "institutions:\n  br-inss: {staff: 1}\n", 2),
    ("region-code", "region: europe\n", 1),
    ("agreements", "agreements: []\n", 1),
    ("dates", "laws_as_of: 2020-01-01\n", 1),
])
def test_overlay_setting_data_is_an_error(tmp_path: Path, case: str, text: str, line: int) -> None:
    diags = _overlay(tmp_path, _profile(tmp_path), text)
    assert ("E152", line) in _codes(diags), (case, [d.format_text() for d in diags])
    assert all(d.severity is Severity.ERROR for d in diags if d.code == "E152")


@pytest.mark.parametrize(("case", "text", "line"), [
    ("top-level", "summary: Bonjour\n", 1),
    ("branch", "branches:\n  pensions:\n    coverage: Tous.\n", 2),
    ("branch-field", "branches:\n  old_age:\n    remarks: Tous.\n", 3),
    ("law-field", "branches:\n  old_age:\n    first_law: {note: x}\n", 3),
    ("institution-field", "institutions:\n  br-inss: {acronym: X}\n", 2),
])
def test_overlay_with_keys_the_source_lacks_is_an_error(tmp_path: Path, case: str, text: str, line: int) -> None:
    diags = _overlay(tmp_path, _profile(tmp_path), text)
    assert ("E153", line) in _codes(diags), (case, [d.format_text() for d in diags])


def test_overlay_text_for_a_branch_without_program_is_unknown(tmp_path: Path) -> None:
    data = yaml.safe_load((SAMPLE / "br.yml").read_text("utf-8"))
    data["branches"]["unemployment"] = {"exists": False}
    profile = _profile(tmp_path, data=data)
    diags = _overlay(tmp_path, profile, "branches:\n  unemployment:\n    coverage: Personne.\n")
    assert ("W154", 3) in _codes(diags)  # the English no longer has it: obsolete, never an error
    gone = _overlay(tmp_path, _profile(tmp_path), "institutions:\n  br-nope: {name: X}\n")
    assert ("W154", 2) in _codes(gone)


def test_translation_report_tracks_fields(tmp_path: Path) -> None:
    profile = _profile(tmp_path)
    _overlay(tmp_path, profile, "branches:\n  old_age:\n    coverage: Salariés.\n")
    report = cp.translation_report(profile, "fr")
    assert report.state == "outdated"  # translated without recorded hashes
    assert "branches.old_age.coverage" in report.outdated_units
    assert "branches.family.benefits" in report.missing_units
    assert cp.translation_report(profile, "de").state == "missing"


# --- agreements -----------------------------------------------------------------------------

def _pair(tmp: Path) -> dict[str, cp.CountryProfile]:
    return {iso: _profile(tmp, iso) for iso in ("br", "fr")}


def test_sample_agreements_are_consistent() -> None:
    project = load_project(REPO)
    profiles = project.profiles
    assert len(profiles) >= 12
    assert [d.format_text() for d in cp.agreement_diagnostics(profiles)] == []


def test_one_sided_agreement_is_a_warning(tmp_path: Path) -> None:
    profiles = _pair(tmp_path)
    fr = copy.deepcopy(profiles["fr"].data)
    fr["agreements"] = [a for a in fr["agreements"] if a["partner"] != "BR"]
    profiles["fr"] = _profile(tmp_path, "fr", data=fr)
    diags = cp.agreement_diagnostics(profiles)
    assert [(d.code, d.path, d.severity) for d in diags] == [("W170", "country_profiles/br.yml", Severity.WARNING)]
    assert "FR" in diags[0].message
    assert diags[0].line == profiles["br"].located.pos(("agreements", 0, "partner"))[0]


@pytest.mark.parametrize("field", ["in_force", "branches"])
def test_agreement_mismatch_is_an_error_on_both_sides(tmp_path: Path, field: str) -> None:
    profiles = _pair(tmp_path)
    fr = copy.deepcopy(profiles["fr"].data)
    mirror = next(a for a in fr["agreements"] if a["partner"] == "BR")
    if field == "in_force":
        mirror["in_force"] = "2015-01-01"
    else:
        mirror["branches"] = ["old_age"]
    profiles["fr"] = _profile(tmp_path, "fr", data=fr)
    diags = cp.agreement_diagnostics(profiles)
    assert sorted((d.code, d.path) for d in diags) == [("E171", "country_profiles/br.yml"),
                                                      ("E171", "country_profiles/fr.yml")]
    assert all(d.severity is Severity.ERROR for d in diags)


def test_agreement_with_organization_or_unknown_country_is_not_checked(tmp_path: Path) -> None:
    profiles = _pair(tmp_path)
    br = copy.deepcopy(profiles["br"].data)
    br["agreements"] += [{"partner": "MERCOSUR", "kind": "multilateral", "in_force": "2005-06-01", "branches": ["old_age"]},
                         {"partner": "PT", "kind": "bilateral", "in_force": "2013-05-01", "branches": ["old_age"]}]
    profiles["br"] = _profile(tmp_path, "br", data=br)
    codes = [d.code for d in cp.agreement_diagnostics(profiles)]
    assert "E171" not in codes
    assert all("MERCOSUR" not in d.message and "PT" not in d.message for d in cp.agreement_diagnostics(profiles))


def test_sample_profiles_and_overlays_validate_cleanly() -> None:
    project = load_project(REPO)
    bad = [d.format_text() for d in project.diagnostics if d.path.startswith("country_profiles/")]
    assert bad == []
    assert all(len(p.iso2) == 2 for p in project.profiles.values())
