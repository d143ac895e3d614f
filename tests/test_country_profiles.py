"""Country profiles: overlay validation (text only) and agreement consistency, with bad inputs.

The core's table-driven cases live in tests/test_bad_inputs.py; these tests go field by field
through what an overlay may and may not set, and through both kinds of agreement problems.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from build_tools.checks.diagnostics import Diagnostic, Severity
from build_tools.model import country_profiles as cp
from build_tools.model.base import SourceFile
from build_tools.model.profile_fields import text_field_keys
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

OA = "branches:\n  old_age:\n    programs:\n      social-insurance:\n"


def test_valid_overlay_has_no_diagnostics_and_is_used(tmp_path: Path) -> None:
    profile = _profile(tmp_path)
    units = profile.units()
    cov = "branches.old_age.programs.social-insurance.coverage"
    law = next(u for u in units if u.startswith("branches.old_age.programs.social-insurance.laws."))
    diags = _overlay(tmp_path, profile, OA + "        coverage: Salariés.\n"
                                        f"        laws:\n          '{law.split('.')[-2]}': {{title: Loi sur les caisses}}\n"
                                        "institutions:\n  br-inss: {name: Institut national}\n"
                                        f"translation:\n  source_hashes:\n    {cov}: {units[cov]}\n"
                                        f"    {law}: {units[law]}\n"
                                        f"    institutions.br-inss.name: {units['institutions.br-inss.name']}\n")
    assert diags == []
    text = profile.localized_text("fr")
    assert text[cov] == ("Salariés.", "fr")
    assert text[law] == ("Loi sur les caisses", "fr")
    assert text["institutions.br-inss.name"] == ("Institut national", "fr")
    assert text["branches.sickness.programs.social-insurance.coverage"][1] == "en"


def test_outdated_field_shows_the_english_text(tmp_path: Path) -> None:
    profile = _profile(tmp_path)
    cov = "branches.old_age.programs.social-insurance.coverage"
    _overlay(tmp_path, profile, OA + "        coverage: Salariés.\n"
                                     f"translation:\n  source_hashes:\n    {cov}: '000000000000'\n")
    english = profile.text_fields()[cov]
    assert profile.localized_text("fr")[cov] == (english, "en")
    assert profile.outdated_fields("fr") == {cov}


@pytest.mark.parametrize(("case", "text", "line"), [
    ("population", "indicators:\n  population: {value: 5}\n", 2),
    ("contribution-rate", OA + "        contributions:\n          insured: [{percent: 1.0}]\n", 6),
    ("law-year", OA + "        laws:\n          '1923': {year: 1900}\n", 6),
    ("program-type", OA + "        type: universal\n", 5),
    ("pension-age", "branches:\n  old_age:\n    pension_ages: [{men: 60}]\n", 3),
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
    ("branch", "branches:\n  pensions:\n    note: Tous.\n", 2),
    ("old-branch", "branches:\n  pensions:\n    coverage: Tous.\n", 2),
    ("program-field", OA + "        remarks: Tous.\n", 5),
    ("branch-field", "branches:\n  old_age:\n    remarks: Tous.\n", 3),
    ("law-field", "branches:\n  old_age:\n    first_law: {note: x}\n", 3),
    ("program-law-field", OA + "        laws:\n          '1923': {note: x}\n", 6),
    ("institution-field", "institutions:\n  br-inss: {acronym: X}\n", 2),
])
def test_overlay_with_keys_the_source_lacks_is_an_error(tmp_path: Path, case: str, text: str, line: int) -> None:
    diags = _overlay(tmp_path, _profile(tmp_path), text)
    assert ("E153", line) in _codes(diags), (case, [d.format_text() for d in diags])


def test_overlay_text_the_english_no_longer_has_is_obsolete(tmp_path: Path) -> None:
    data = yaml.safe_load((SAMPLE / "br.yml").read_text("utf-8"))
    data["branches"]["unemployment"] = {}
    profile = _profile(tmp_path, data=data)
    # The English no longer has these (a program, a law, a branch's programs, an institution removed):
    # obsolete translations are warnings (W154) that `translations prune` clears, never errors.
    diags = _overlay(tmp_path, profile, "branches:\n  unemployment:\n    programs:\n      social-insurance:\n"
                                        "        coverage: Personne.\n")
    assert ("W154", 3) in _codes(diags) and not [d for d in diags if d.severity is Severity.ERROR]
    for text, line in [("branches:\n  old_age:\n    programs:\n      nope:\n        coverage: Tous.\n", 4),
                       (OA + "        laws:\n          '1800': {title: x}\n", 6),
                       ("institutions:\n  br-nope: {name: X}\n", 2)]:
        gone = _overlay(tmp_path, _profile(tmp_path), text)
        assert ("W154", line) in _codes(gone), [d.format_text() for d in gone]
        assert not [d for d in gone if d.severity is Severity.ERROR], [d.format_text() for d in gone]


def test_translation_report_tracks_fields(tmp_path: Path) -> None:
    profile = _profile(tmp_path)
    _overlay(tmp_path, profile, OA + "        coverage: Salariés.\n")
    report = cp.translation_report(profile, "fr")
    assert report.state == "outdated"  # translated without recorded hashes
    assert "branches.old_age.programs.social-insurance.coverage" in report.outdated_units
    assert any(u.startswith("branches.family.") and u.endswith(".benefits") for u in report.missing_units)
    assert cp.translation_report(profile, "de").state == "missing"


# --- model v2 -------------------------------------------------------------------------------

def test_translatable_units_cover_programs_laws_notes_and_regions() -> None:
    project = load_project(REPO)
    de = project.profiles["de"]
    units = cp.translatable_units(de)
    paths = [u.path for u in units]
    assert len(paths) == len(set(paths))
    assert "branches.long_term_care.programs.pflege.coverage" in paths
    assert "branches.old_age.programs.social-insurance.contributions.insured.0.ceiling.0.region" in paths
    assert "branches.old_age.programs.social-insurance.contributions.government.0.note" in paths
    assert any(p.startswith("branches.old_age.programs.social-insurance.laws.") for p in paths)
    lines = (SAMPLE / "de.yml").read_text("utf-8").splitlines()
    for unit in units:
        assert unit.text.split()[0] in lines[unit.line - 1] or unit.line > 1
    assert {u.path: u.text for u in units} == de.text_fields()
    ke = project.profiles["ke"]
    assert "branches.unemployment.note" in ke.text_fields()


def test_sample_profiles_exercise_every_shape() -> None:
    project = load_project(REPO)
    seen: set[str] = set()
    for p in project.profiles.values():
        for b in cp.BRANCHES:
            branch = p.branch(b)
            progs = cp.programs(branch)
            if len(progs) > 1:
                seen.add("several-programs")
            if not progs and branch.get("note"):
                seen.add("branch-note")
            for prog in progs:
                if prog["type"] in ("employment-related", "mandatory-occupational-pension",
                                    "notional-defined-contribution", "mandatory-private-insurance"):
                    seen.add("new-program-type")
                for party, items in (prog.get("contributions") or {}).items():
                    for item in items:
                        seen |= {k for k in ("ceiling", "floor", "amount", "range", "varies_by") if k in item}
                        if party == "self_employed" and "status" not in item:
                            seen.add("self-employed")
                        if party == "government" and item.get("status") == "described" and item.get("note"):
                            seen.add("described-government")
                for text in (prog.get(f) for f in text_field_keys()):
                    if isinstance(text, str) and "\n- " in text:
                        seen.add("markdown-list")
            for tier in branch.get("pension_ages") or []:
                if isinstance(tier.get("men"), dict) and tier["men"].get("months") and tier.get("schedule"):
                    seen.add("rising-age-with-months")
        if p.branch("long_term_care"):
            seen.add("long-term-care")
    assert seen >= {"several-programs", "branch-note", "ceiling", "floor", "amount", "range", "varies_by",
                    "self-employed", "described-government", "markdown-list", "rising-age-with-months",
                    "long-term-care", "new-program-type"}


def test_month_precision_laws_as_of_and_optional_indicators(tmp_path: Path) -> None:
    data = yaml.safe_load((SAMPLE / "br.yml").read_text("utf-8"))
    data["laws_as_of"] = "2019-07"
    data.pop("indicators", None)
    data["institutions"] = [{"id": "br-x", "name": "X"}]
    profile = _profile(tmp_path, data=data)
    assert profile.data["laws_as_of"] == "2019-07"


def test_status_is_never_zero() -> None:
    from build_tools.generate import profile_reading
    from build_tools.model.ui_strings import Catalog

    project = load_project(REPO)
    catalog: Catalog = project.catalog
    for status in cp.STATUSES:
        view = profile_reading.describe({"status": status}, catalog, "en")
        assert view.percent is None and "0" not in view.summary
    ke = project.profiles["ke"]
    total = profile_reading.branch_total(ke, "work_injury", catalog, "en")
    assert total.percent is None and total.markers == ("varies",)  # a range is not drawn as 0
    jp = profile_reading.branch_total(project.profiles["jp"], "old_age", catalog, "en")
    assert jp.percent == Decimal("18.30") and set(jp.markers) >= {"amount", "described"}


def test_long_values_are_elided_in_the_middle_not_the_words() -> None:
    from build_tools.checks.schema_check import elide

    text = "x" * 200
    short = elide(text)
    assert len(short) == 60 and short.startswith("x") and "…" in short


def test_e125_keeps_what_is_wrong(tmp_path: Path) -> None:
    data = yaml.safe_load((SAMPLE / "br.yml").read_text("utf-8"))
    item = {"percent": 1.0, "amount": 5, "base": "earnings", "currency": "EUR", "period": "month",
            "note": "n" * 300}
    data["branches"]["old_age"]["programs"][0]["contributions"]["insured"] = [item]
    src = _write(tmp_path, "br.yml", yaml.safe_dump(data, sort_keys=False))
    _profile_, diags = cp.load(src)
    e125 = [d for d in diags if d.code == "E125"]
    assert e125 and "give exactly one of percent, range, amount, amount_range, status (has percent and amount)" in e125[0].message


def test_numbers_not_in_source_reads_locale_digit_forms() -> None:
    from build_tools.model.base import numbers_not_in_source

    assert numbers_not_in_source("Age 65 and 1.5%", "Âge 65 et 1,5 %") == []
    assert numbers_not_in_source("Age 65", "العمر ٦٥") == []
    assert numbers_not_in_source("1,234,567 persons", "1\u202f234\u202f567 personnes") == []
    assert numbers_not_in_source("65 years and 7 months, 1.5%", "66 Jahre, 2,4 %") == ["66", "2,4"]

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


def test_e125_for_a_long_value_keeps_the_words_at_the_end(tmp_path: Path) -> None:
    data = yaml.safe_load((SAMPLE / "br.yml").read_text("utf-8"))
    data["branches"]["old_age"]["programs"][0]["coverage"] = "word " * 4001
    _profile_, diags = cp.load(_write(tmp_path, "br.yml", yaml.safe_dump(data, sort_keys=False)))
    e125 = [d for d in diags if d.code == "E125"]
    assert e125, [d.format_text() for d in diags]
    message = e125[0].message
    # The length and the limit, never the text itself.
    assert "20005 characters" in message and "20000" in message and "word word" not in message
    assert len(message) < 200


def test_pension_tier_must_name_a_program_of_old_age(tmp_path: Path) -> None:
    data = yaml.safe_load((SAMPLE / "jp.yml").read_text("utf-8"))
    data["branches"]["old_age"]["pension_ages"][0]["program"] = "nope"
    _profile_, diags = cp.load(_write(tmp_path, "jp.yml", yaml.safe_dump(data, sort_keys=False)))
    assert [d.code for d in diags] == ["E174"] and "'nope' is not a program" in diags[0].message


# --- the translators' tools (issue 16) on the v2 model -----------------------------------------


def test_unit_fields_of_past_versions_hash_like_the_model(tmp_path: Path) -> None:
    """git history (``history.parse_profile``) finds the English a translation was made from by these hashes."""
    from build_tools.i18n import history

    profile = _profile(tmp_path)
    text = (SAMPLE / "br.yml").read_text("utf-8")
    assert {path: digest for path, (digest, _f) in cp.unit_fields(profile.data).items()} == profile.units()
    parsed = history.parse_profile(text)
    # Today's unit paths hash like the model; the "~" entries are the other strings of the file, added
    # so that a stamp carried over by a model migration still finds its English by hash.
    assert {path: digest for path, (digest, _f) in parsed.items() if not path.startswith("~")} == profile.units()
    assert not {digest for path, (digest, _f) in parsed.items() if path.startswith("~")} & set(profile.units().values())
    assert parsed["branches.old_age.programs.social-insurance.coverage"][1]["text"] == \
        profile.text_fields()["branches.old_age.programs.social-insurance.coverage"]


def test_export_units_and_status_lines_come_from_translatable_units(tmp_path: Path) -> None:
    from build_tools.i18n import units

    profile = _profile(tmp_path)
    assert units.profile_fields(profile) == [tuple(u) for u in cp.translatable_units(profile)]
    lines = (SAMPLE / "br.yml").read_text("utf-8").splitlines()
    for path, text, line in units.profile_fields(profile):
        first_words = text.split()[0]
        assert first_words in lines[line - 1] or lines[line - 1].rstrip().endswith((">-", "|", ">")), (path, line)


@pytest.mark.parametrize(("path", "kind"), [
    (("branches", "old_age", "programs", "social-insurance", "coverage"), "text"),
    (("branches", "old_age", "programs", "social-insurance"), "container"),
    (("branches", "old_age", "programs", "gone-program"), "obsolete"),
    (("branches", "old_age", "programs", "social-insurance", "laws", "1800"), "obsolete"),
    (("branches", "old_age", "programs", "social-insurance", "laws", "1800", "title"), "obsolete"),
    (("branches", "old_age", "note"), "obsolete"),
    (("branches", "long_term_care"), "obsolete"),
    (("institutions", "br-gone"), "obsolete"),
    (("institutions", "br-gone", "name"), "obsolete"),
    (("branches", "old_age", "programs", "social-insurance", "remarks"), "absent"),
    (("branches", "pensions"), "absent"),
    (("institutions", "br-inss", "acronym"), "absent"),
    (("branches", "old_age", "programs", "social-insurance", "type"), "data"),
    (("summary",), "absent"),
])
def test_source_kind_tells_obsolete_from_unknown(tmp_path: Path, path: tuple[str, ...], kind: str) -> None:
    """Prune removes what is obsolete (W154); a key no profile can have stays an error (E153)."""
    assert cp._source_kind(_profile(tmp_path), path) == kind


def test_prune_removes_an_obsolete_program_from_a_v2_overlay(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    root = tmp_path / "site"
    root.mkdir()
    for name in ("mkdocs.yml", "content", "guidelines", "country_profiles", "locales", "overrides"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    overlay = root / "country_profiles" / "fr.fr.yml"
    text = overlay.read_text("utf-8")
    extra = text.replace("branches:\n  old_age:\n    programs:\n",
                         "branches:\n  old_age:\n    programs:\n      retired-scheme:\n        coverage: Ancien régime.\n", 1)
    assert extra != text
    overlay.write_text(extra, "utf-8")
    proc = subprocess.run([sys.executable, "-m", "build_tools", "translations", "prune", "country_profiles/fr.fr.yml"],
                          cwd=root, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert overlay.read_text("utf-8") == text
