"""Status and diff agree (issue 22/23): one normalised hash, and diff shows what status calls outdated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import git as _git
from conftest import translations_cli as _cli

from build_tools.i18n.history import History, parse_profile
from build_tools.model.hashing import unit_hash
from build_tools.model.project import load_project

GP = "content/good-practices/gp-demo.md"
GP_FR = "content/good-practices/gp-demo.fr.md"




def _state(root: Path, rel: str, lang: str = "fr") -> str:
    return next(r.state for r in load_project(root).translation_reports(lang) if r.path == rel)


@pytest.fixture()
def stamped(mini_project: Path) -> Path:
    """The mini project in git, with a stamped French translation of the demo case."""
    (mini_project / GP_FR).write_text("---\ntitle: Cas de démonstration\nsummary: Un cas.\n---\n\n## Défi\n\n"
                                      "Longues files.\n\n## Solution\n\nRendez-vous en ligne.\n", "utf-8")
    assert _cli(mini_project, "stamp", GP_FR).returncode == 0
    _git(mini_project, "init", "-q")
    _git(mini_project, "add", "-A")
    _git(mini_project, "commit", "-qm", "stamped")
    assert _state(mini_project, GP_FR) == "translated"
    return mini_project


def test_hash_ignores_line_endings_and_trailing_blanks() -> None:
    assert unit_hash({"body": "a\r\nb  \r\nc"}) == unit_hash({"body": "a\nb\nc"})
    assert unit_hash("; ") != unit_hash(";")  # a separator keeps its space
    assert unit_hash("a b") != unit_hash("a  b")  # inner spacing is text


def test_saving_the_english_with_crlf_does_not_outdate_translations(stamped: Path) -> None:
    path = stamped / GP
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n").replace(b"Long queues.", b"Long queues.  "))
    assert _state(stamped, GP_FR) == "translated"
    proc = _cli(stamped, "diff", GP_FR)
    assert proc.returncode == 0 and "nothing changed" in proc.stdout


def test_diff_shows_an_inserted_paragraph_that_status_calls_outdated(stamped: Path) -> None:
    path = stamped / GP
    path.write_text(path.read_text("utf-8").replace("Long queues.\n", "Long queues.\n\nPaper forms everywhere.\n"),
                    "utf-8")
    assert _state(stamped, GP_FR) == "outdated"
    proc = _cli(stamped, "diff", GP_FR)
    assert "nothing changed" not in proc.stdout
    assert "{+Paper forms everywhere.+}" in proc.stdout
    data = json.loads(_cli(stamped, "diff", GP_FR, "--format", "json").stdout)
    assert [c["diff"] for c in data[GP_FR]["changes"]] == ["{+Paper forms everywhere.+}"]


def test_diff_finds_the_english_of_a_stamp_carried_over_by_a_model_migration(tmp_path: Path) -> None:
    """A profile text that lived under another path before a model change is found by its hash."""
    root = tmp_path
    (root / "p.yml").write_text("branches:\n  old_age:\n    coverage: Employees in the private sector.\n", "utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "old model")
    (root / "p.yml").write_text("branches:\n  old_age:\n    programs:\n      - id: si\n        type: social_insurance\n"
                                "        coverage: Employees and the self-employed.\n", "utf-8")
    _git(root, "commit", "-qam", "new model")
    found = History(root).find("p.yml", parse_profile, "branches.old_age.programs.si.coverage",
                               unit_hash("Employees in the private sector."))
    assert found == {"text": "Employees in the private sector."}


def test_stamp_all_languages_after_a_typo_restamps_only_what_was_up_to_date(mini_project: Path) -> None:
    root = mini_project
    assert _cli(root, "stamp", "guidelines/demo.fr.yml").returncode == 0
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "stamped")
    source = root / "guidelines/demo.yml"
    text = source.read_text("utf-8")
    # A real change, committed without updating the French: that principle is outdated.
    source.write_text(text.replace("used by the test suite", "for the tests"), "utf-8")
    _git(root, "commit", "-qam", "real change")
    # Then a typo fix.
    source.write_text(source.read_text("utf-8").replace("clearly accountable", "clearly acountable"), "utf-8")
    outdated = lambda: next(r for r in load_project(root).translation_reports("fr")  # noqa: E731
                            if r.path == "guidelines/demo.fr.yml").outdated_units
    assert outdated() == ["meta", "principle:dm-leadership"]
    proc = _cli(root, "stamp", "--all-languages", "guidelines/demo.yml")
    assert proc.returncode == 0, proc.stderr
    assert "re-stamped principle dm-leadership" in proc.stdout
    assert "left outdated title and summary" in proc.stdout
    assert outdated() == ["meta"]
    assert _cli(root, "stamp", "--all-languages", "guidelines/demo.fr.yml").returncode == 1  # not an English source


def test_numbers_dropped_from_a_translation_warn_and_spelled_out_numbers_do_not() -> None:
    from build_tools.model.base import numbers_dropped, numbers_not_in_source

    english = "The employer pays 12.5% since 2019; the board has eight members and meets 28 days a year."
    assert numbers_dropped(english, "L'employeur cotise depuis 2019 ; le conseil a 8 membres, 28 jours.") == ["12.5"]
    assert numbers_dropped(english, "L'employeur paie 12,5 % depuis 2019 ; vingt-huit jours.") == []
    assert numbers_not_in_source(english, "Le conseil compte 8 membres.") == []  # "eight" is 8: no false W156
    assert numbers_not_in_source("twenty-five years", "25 ans") == []
    assert numbers_not_in_source(english, "Le conseil compte 9 membres.") == ["9"]


def test_a_rate_deleted_from_a_profile_translation_warns_at_its_line(mini_project: Path) -> None:
    overlay = mini_project / "country_profiles/lu.fr.yml"
    text = overlay.read_text("utf-8")
    ok = "        source_of_funds: Les assurés, les employeurs et l'État versent chacun 8 % des revenus.\n"
    overlay.write_text(text.replace("        qualifying_conditions:", ok + "        qualifying_conditions:"), "utf-8")
    assert not [d for d in load_project(mini_project).diagnostics if d.code == "W156" and "source_of_funds" in d.message]
    dropped = ok.replace("chacun 8 % des revenus", "chacun une part des revenus")
    overlay.write_text(text.replace("        qualifying_conditions:", dropped + "        qualifying_conditions:"), "utf-8")
    hits = [d for d in load_project(mini_project).diagnostics if d.code == "W156" and "source_of_funds" in d.message]
    assert len(hits) == 1 and "8" in hits[0].message and hits[0].line == 6
    assert hits[0].severity.value == "warning"


def test_an_outdated_principle_is_marked_for_readers_in_every_language(mini_project: Path) -> None:
    from build_tools.generate import generate_pages

    assert _cli(mini_project, "stamp", "guidelines/demo.fr.yml").returncode == 0
    source = mini_project / "guidelines/demo.yml"
    source.write_text(source.read_text("utf-8").replace("clearly accountable", "clearly elected"), "utf-8")
    project = load_project(mini_project)
    page = next(p.text for p in generate_pages(project, ["fr"]) if p.path == "guidelines/demo.fr.md")
    mark = project.catalog.t("fr", "guideline.outdated_principle")
    assert 'class="ssa-outdated-mark"' in page and mark in page
    assert 'href="../../../guidelines/demo/#dm-leadership"' in page
    for lang in ("en", "fr", "de", "es", "ar", "ru", "zh"):
        assert "guideline.outdated_principle" in load_project(REPO_ROOT).catalog.strings[lang]


REPO_ROOT = Path(__file__).resolve().parents[1]
