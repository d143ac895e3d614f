"""Translator workflow: languages, obsolete units, stamp repair, UI-string status, numbers, diff, start, prune."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
import yaml
from conftest import translations_cli as _cli

from build_tools.model.base import numbers_not_in_source
from build_tools.model.project import load_project


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A private copy of the sample project."""
    from conftest import copy_project

    return copy_project(tmp_path)


# -- languages -----------------------------------------------------------------------------------


def test_lang_accepts_lists_and_refuses_unknown_languages(repo: Path) -> None:
    both = _cli(repo, "--lang", "fr,de", "--lang", "es", "--format", "json")
    assert both.returncode == 0, both.stderr
    assert list(json.loads(both.stdout)) == ["fr", "de", "es"]
    unknown = _cli(repo, "--lang", "pt")
    assert unknown.returncode == 1 and "'pt' is not a site language" in unknown.stderr and not unknown.stdout
    english = _cli(repo, "--lang", "fr,en")
    assert english.returncode == 1 and "English source" in english.stderr


# -- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "translated", "extra"), [
    ("Pension age 64.", "Âge de la retraite : 65 ans.", ["65"]),
    ("Pension age 64.", "سن التقاعد ٦٤ سنة.", []),
    ("Pension age 64.", "سن التقاعد ٦٥ سنة.", ["٦٥"]),
    ("A rate of 7.65%.", "Un taux de 7,65 %.", []),
    ("A ceiling of 1,234,567.50 a year.", "Un plafond de 1\u202f234\u202f567,50 par an.", []),
    ("A ceiling of 1,234,567.50 a year.", "Ein Höchstbetrag von 1.234.567,50 im Jahr.", []),
    ("A ceiling of 12,000.", "Un plafond de 12\u00a0000.", []),
    ("A ceiling of 12,000.", "Un plafond de 13\u00a0000.", ["13\u00a0000"]),
    ("Articles 1, 2 and 3.", "Articles 1, 2 et 3.", []),
    ("Since 2019.", "Depuis 2019 et 2020.", ["2020"]),
    ("No number.", "Sans nombre.", []),
])
def test_numbers_not_in_source(source: str, translated: str, extra: list[str]) -> None:
    assert numbers_not_in_source(source, translated) == extra


# -- the English owns order and existence ---------------------------------------------------------


def _reorder_and_retire(root: Path) -> None:
    path = root / "guidelines" / "good-governance.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    principles = data["parts"][0]["sections"][0]["principles"]
    principles.reverse()
    retired = data["parts"][1]["sections"][0]["principles"].pop(0)
    assert retired["id"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_reordering_and_retiring_an_english_principle_gives_warnings_only(project: Path) -> None:
    from build_tools.app.validate import validate

    before = json.loads(_cli(project, "--lang", "fr", "--format", "json").stdout)
    _reorder_and_retire(project)
    _proj, diags = validate(project)
    errors = [d.format_text() for d in diags if d.severity.value == "error"]
    assert not errors, errors
    obsolete = [d for d in diags if d.code == "W154"]
    assert {d.path for d in obsolete} >= {f"guidelines/good-governance.{lang}.yml" for lang in ("fr", "de", "es")}
    assert all("translations prune" in d.message for d in obsolete)
    after = json.loads(_cli(project, "--lang", "fr", "--format", "json").stdout)["fr"]
    item = next(i for state in ("translated", "outdated", "partial") for i in after[state] if i["id"] == "good-governance")
    assert len(item["obsolete"]) == 1 and item["obsolete"][0].startswith("principle:")
    assert before["fr"]["counts"]["total"] == after["counts"]["total"]
    text = _cli(project, "--lang", "fr").stdout
    assert "obsolete  guideline good-governance" in text and "translations prune guidelines/good-governance.fr.yml" in text


# -- stamp -----------------------------------------------------------------------------------------


def test_stamp_repairs_a_malformed_block_and_refuses_real_yaml_errors(project: Path) -> None:
    path = project / "guidelines" / "good-governance.fr.yml"
    text = path.read_text("utf-8")
    rest = text[text.index("title:"):]
    path.write_text("translation:\n  meta: TODO\n" + rest, "utf-8")
    from build_tools.app.validate import validate

    _proj, diags = validate(project)
    error = next(d for d in diags if d.path == "guidelines/good-governance.fr.yml" and d.severity.value == "error")
    assert "translations stamp guidelines/good-governance.fr.yml`, which repairs it" in error.message
    proc = _cli(project, "stamp", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "repaired" in proc.stdout and "stamped" in proc.stdout
    stamped = path.read_text("utf-8")
    assert stamped.endswith(rest) and "meta: TODO" not in stamped
    assert yaml.safe_load(stamped)["translation"]["source_hashes"]["meta"]
    for broken in ("translation: TODO\n", "translation:\n  source_hashes:\n    meta: oops\n"):
        path.write_text(broken + rest, "utf-8")
        assert _cli(project, "stamp", str(path)).returncode == 0
        assert path.read_text("utf-8").endswith(rest)
    path.write_text("title: [unclosed\n" + rest, "utf-8")
    bad = _cli(project, "stamp", str(path))
    assert bad.returncode == 1 and "fix the YAML first" in bad.stderr and "E110" in bad.stderr


def test_never_stamped_is_said_in_words(project: Path) -> None:
    path = project / "guidelines" / "good-governance.fr.yml"
    text = path.read_text("utf-8")
    path.write_text(text[text.index("title:"):], "utf-8")
    out = _cli(project, "--lang", "fr").stdout
    block = out[out.index("guideline good-governance"):]
    assert "never stamped — review and stamp" in block.splitlines()[1]
    assert "(all of them)" not in out and "changed in English: meta" not in out
    data = json.loads(_cli(project, "--lang", "fr", "--format", "json").stdout)["fr"]
    item = next(i for i in data["outdated"] if i["id"] == "good-governance")
    assert item["never_stamped"] is True and item["changed"] == []
    diff = _cli(project, "diff", "guidelines/good-governance.fr.yml")
    assert diff.returncode == 0 and "never stamped — review and stamp" in diff.stdout


# -- UI strings --------------------------------------------------------------------------------------


def test_ui_strings_have_hashes_status_and_stamp(project: Path) -> None:
    data = json.loads(_cli(project, "--format", "json").stdout)
    for lang, entry in data.items():
        assert "locales" in [i["id"] for i in entry["translated"]], lang
    en = project / "locales" / "en.yml"
    en.write_text(en.read_text("utf-8").replace("  home: Home\n", "  home: Home page\n"), "utf-8")
    data = json.loads(_cli(project, "--format", "json").stdout)
    for lang, entry in data.items():
        item = next(i for i in entry["outdated"] if i["id"] == "locales")
        assert item["changed"] == ["site.home"] and item["path"] == f"locales/{lang}.yml", lang
    fr = project / "locales" / "fr.yml"
    before = fr.read_text("utf-8")
    assert _cli(project, "stamp", "locales/fr.yml").returncode == 0
    after = fr.read_text("utf-8")
    changed = [b for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0].startswith("    site.home: ")
    entry = json.loads(_cli(project, "--lang", "fr", "--format", "json").stdout)["fr"]
    assert "locales" in [i["id"] for i in entry["translated"]]
    project_model = load_project(project)
    assert "translation.source_hashes.site.home" not in project_model.catalog.strings["fr"]


# -- start -----------------------------------------------------------------------------------------------


def test_start_writes_a_valid_skeleton_structured_like_the_source(project: Path) -> None:
    from build_tools.app.validate import validate

    proc = _cli(project, "start", "guidelines/ict.yml", "country_profiles/ca.yml", "locales/en.yml",
                "content/reports/rp-board-effectiveness-2023.md", "--lang", "ru")
    assert proc.returncode == 1  # locales/ru.yml exists already: refused, the others are written
    assert "locales/ru.yml already exists" in proc.stderr
    for rel in ("guidelines/ict.ru.yml", "country_profiles/ca.ru.yml", "content/reports/rp-board-effectiveness-2023.ru.md"):
        assert f"started: {rel}" in proc.stdout
    _proj, diags = validate(project)
    assert not [d.format_text() for d in diags if d.severity.value == "error"]
    skeleton = yaml.safe_load((project / "guidelines/ict.ru.yml").read_text("utf-8"))
    source = yaml.safe_load((project / "guidelines/ict.yml").read_text("utf-8"))
    assert skeleton["translation"] == {"status": "in-progress"}  # not published until stamped
    assert "edition" not in skeleton and "code" not in skeleton
    assert [p["id"] for p in skeleton["parts"]] == [p["id"] for p in source["parts"]]
    first = source["parts"][0]["sections"][0]["principles"][0]
    assert skeleton["parts"][0]["sections"][0]["principles"][0] == {
        "id": first["id"], **{k: first[k] for k in ("title", "statement", "structure", "mechanism")}}
    entry = json.loads(_cli(project, "--lang", "ru", "--format", "json").stdout)["ru"]
    # A started translation is in progress (not published) until it is stamped.
    assert "ict" in [i["id"] for i in entry["in-progress"]]
    assert "ict" not in [i["id"] for i in entry["translated"]]
    empty = _cli(project, "start", "guidelines/service-quality.yml", "--lang", "ru", "--empty")
    assert empty.returncode == 0, empty.stderr
    data = yaml.safe_load((project / "guidelines/service-quality.ru.yml").read_text("utf-8"))
    assert data["title"] == "" and data["parts"][0]["sections"][0]["principles"][0]["statement"] == ""
    entry = json.loads(_cli(project, "--lang", "ru", "--format", "json").stdout)["ru"]
    # Blank text is not a translation: a started empty skeleton is in progress, never translated.
    assert "service-quality" in [i["id"] for i in entry["missing"] + entry["in-progress"]]
    assert "service-quality" not in [i["id"] for i in entry["translated"]]
    again = _cli(project, "start", "guidelines/ict.yml", "--lang", "ru")
    assert again.returncode == 1 and "--force" in again.stderr
    wrong = _cli(project, "start", "guidelines/good-governance.fr.yml", "--lang", "ru")
    assert wrong.returncode == 1 and "English source" in wrong.stderr


# -- prune -------------------------------------------------------------------------------------------------


def test_prune_removes_obsolete_units_and_keeps_the_rest_byte_for_byte(project: Path) -> None:
    from build_tools.app.validate import validate

    path = project / "guidelines" / "good-governance.fr.yml"
    before = path.read_text("utf-8")
    _reorder_and_retire(project)
    _proj, diags = validate(project)
    obsolete = [d for d in diags if d.code == "W154" and d.path == "guidelines/good-governance.fr.yml"]
    assert len(obsolete) == 1
    retired = obsolete[0].message.split("'")[1]
    proc = _cli(project, "prune", "guidelines/good-governance.fr.yml")
    assert proc.returncode == 0, proc.stderr
    after = path.read_text("utf-8")
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    ops = [op for op in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert len(ops) == 1 and ops[0][0] == "delete", ops  # one block of whole lines removed, nothing else
    removed = a[ops[0][1]:ops[0][2]]
    assert removed[0].strip() == f"- id: {retired}" and len(removed) >= 3
    _proj, diags = validate(project)
    assert not [d for d in diags if d.code == "W154" and d.path == "guidelines/good-governance.fr.yml"]
    assert "nothing to prune" in _cli(project, "prune", "guidelines/good-governance.fr.yml").stdout


def test_prune_empties_containers_and_deletes_orphans(project: Path) -> None:
    overlay = project / "country_profiles" / "ma.fr.yml"
    text = overlay.read_text("utf-8")
    assert text.endswith("  ma-cmr: {name: Caisse marocaine des retraites}\n")  # the institutions mapping ends the file
    overlay.write_text(text + "  ma-gone:\n    name: Caisse disparue\n", "utf-8")
    assert yaml.safe_load(overlay.read_text("utf-8"))["institutions"]["ma-gone"]
    proc = _cli(project, "prune", "country_profiles/ma.fr.yml")
    assert proc.returncode == 0, proc.stderr
    assert overlay.read_text("utf-8") == text
    orphan = project / "content" / "reports" / "rp-retired.fr.md"
    orphan.write_text("---\ntitle: Retiré\n---\nTexte.\n", "utf-8")
    gone = _cli(project, "prune", "content/reports/rp-retired.fr.md")
    assert gone.returncode == 0 and "deleted" in gone.stdout and not orphan.exists()


def test_changed_numbers_are_warned_at_their_line_in_every_kind_of_file(project: Path) -> None:
    from build_tools.app.validate import validate

    page = project / "content" / "good-practices" / "gp-ke-mobile-contributions.fr.md"
    text = page.read_text("utf-8")
    page.write_text(text + "\nEn 2099, tout change.\n", "utf-8")
    line = len((text + "\n").splitlines()) + 1
    overlay = project / "country_profiles" / "ma.fr.yml"
    overlay.write_text(overlay.read_text("utf-8").replace("3,96 %", "4,96 %"), "utf-8")
    fr = project / "locales" / "fr.yml"
    fr.write_text(fr.read_text("utf-8").replace("  home: Accueil\n", "  home: Accueil 24/7\n"), "utf-8")
    _proj, diags = validate(project)
    hits = {(d.path, d.line): d.message for d in diags if d.code == "W156"}
    assert ("content/good-practices/gp-ke-mobile-contributions.fr.md", line) in hits
    assert any(p == "country_profiles/ma.fr.yml" and "4,96" in m for (p, _l), m in hits.items())
    assert any(p == "locales/fr.yml" and "site.home" in m for (p, _l), m in hits.items())
    assert all(d.severity.value == "warning" for d in diags if d.code == "W156")


def test_prune_removes_ui_strings_english_no_longer_has(project: Path) -> None:
    fr = project / "locales" / "fr.yml"
    text = fr.read_text("utf-8")
    fr.write_text(text.replace("  home: Accueil\n", "  home: Accueil\n  retired_key: Ancien\n"), "utf-8")
    proc = _cli(project, "prune", "locales/fr.yml")
    assert proc.returncode == 0, proc.stderr
    assert "site.retired_key" in proc.stdout and fr.read_text("utf-8") == text
