"""A renamed English file never orphans its translations (issue 22): status, diff, prune and mv follow git."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import git as _git
from conftest import translations_cli as _cli

from build_tools.model.project import load_project

GP = "content/good-practices/gp-demo.md"
NEW = "content/good-practices/gp-renamed.md"
OLD_FR, NEW_FR = "content/good-practices/gp-demo.fr.md", "content/good-practices/gp-renamed.fr.md"
OLD_AR, NEW_AR = "content/good-practices/gp-demo.ar.md", "content/good-practices/gp-renamed.ar.md"




def _states(root: Path, lang: str) -> dict[str, str]:
    return {r.path: r.state for r in load_project(root).translation_reports(lang)}


@pytest.fixture()
def stamped(mini_project: Path) -> Path:
    """The mini project in git, with stamped French and Arabic translations of the demo case."""
    (mini_project / OLD_FR).write_text("---\ntitle: Cas de démonstration\nsummary: Un cas.\n---\n\n## Défi\n\n"
                                       "Longues files.\n\n## Solution\n\nRendez-vous en ligne.\n", "utf-8")
    (mini_project / OLD_AR).write_text("---\ntitle: حالة توضيحية\nsummary: حالة.\n---\n\n## التحدي\n\n"
                                       "طوابير طويلة.\n\n## الحل\n\nمواعيد عبر الإنترنت.\n", "utf-8")
    assert _cli(mini_project, "stamp", OLD_FR, OLD_AR).returncode == 0
    _git(mini_project, "init", "-q")
    _git(mini_project, "add", "-A")
    _git(mini_project, "commit", "-qm", "stamped")
    assert _states(mini_project, "fr")[OLD_FR] == "translated"
    return mini_project


def _rename_english(root: Path, edit: bool = False, commit: bool = True) -> None:
    _git(root, "mv", GP, NEW)
    path = root / NEW
    text = path.read_text("utf-8").replace("id: gp-demo\n", "id: gp-renamed\n")  # a case's ID is its file name
    path.write_text(text.replace("Long queues.", "Very long queues.") if edit else text, "utf-8")
    _git(root, "add", NEW)
    if commit:
        _git(root, "commit", "-qm", "rename the demo case")


def test_prune_never_deletes_a_translation_whose_english_was_renamed(stamped: Path) -> None:
    _rename_english(stamped)
    proc = _cli(stamped, "prune", OLD_FR)
    assert proc.returncode == 1, proc.stdout
    assert (stamped / OLD_FR).is_file() and "deleted" not in proc.stdout
    assert f"not deleted: {OLD_FR}: its English {GP} was renamed to {NEW}" in proc.stderr
    assert f"python -m build_tools translations mv {GP} {NEW}" in proc.stderr


def test_prune_still_deletes_a_translation_whose_english_was_retired(stamped: Path) -> None:
    _git(stamped, "rm", "-q", GP)
    _git(stamped, "commit", "-qm", "retire the demo case")
    proc = _cli(stamped, "prune", OLD_FR)
    assert proc.returncode == 0 and f"deleted: {OLD_FR}" in proc.stdout and not (stamped / OLD_FR).exists()


def test_a_staged_rename_is_followed_too(stamped: Path) -> None:
    _rename_english(stamped, commit=False)
    proc = _cli(stamped, "prune", OLD_AR)
    assert proc.returncode == 1 and "staged, not yet committed" in proc.stderr and (stamped / OLD_AR).is_file()


def test_status_shows_the_translation_at_the_old_name(stamped: Path) -> None:
    _rename_english(stamped)
    text = _cli(stamped, "--lang", "fr")
    assert text.returncode == 0, text.stderr
    assert f"{NEW_FR}  (renamed: translation at {OLD_FR})" in text.stdout
    assert f"renamed   {OLD_FR}: its English {GP} was renamed to {NEW}" in text.stdout
    data = json.loads(_cli(stamped, "--lang", "fr", "--format", "json").stdout)["fr"]
    assert data["renamed"] == [{"path": OLD_FR, "belongs_at": NEW_FR, "english_was": GP, "english_now": NEW,
                                "commit": data["renamed"][0]["commit"],
                                "move": f"python -m build_tools translations mv {GP} {NEW}"}]
    assert next(i for i in data["missing"] if i["path"] == NEW_FR)["renamed_from"] == OLD_FR


def test_diff_follows_the_rename_to_the_new_english(stamped: Path) -> None:
    _rename_english(stamped, edit=True)
    proc = _cli(stamped, "diff", OLD_FR)
    assert proc.returncode == 0, proc.stderr
    assert f"its English {GP} was renamed to {NEW}" in proc.stderr
    assert "[-Long-]{+Very long+} queues." in proc.stdout


def test_mv_moves_every_language_and_keeps_the_stamps(stamped: Path) -> None:
    _rename_english(stamped)
    proc = _cli(stamped, "mv", GP, NEW)
    assert proc.returncode == 0, proc.stderr
    assert f"moved: {OLD_FR} → {NEW_FR}" in proc.stdout and f"moved: {OLD_AR} → {NEW_AR}" in proc.stdout
    assert not (stamped / OLD_FR).exists() and not (stamped / OLD_AR).exists()
    assert _states(stamped, "fr")[NEW_FR] == "translated" and _states(stamped, "ar")[NEW_AR] == "translated"
    assert not [d for d in load_project(stamped).diagnostics if d.code == "W150"]


def test_mv_after_an_edited_rename_leaves_the_diff_across_the_rename(stamped: Path) -> None:
    _rename_english(stamped, edit=True)
    proc = _cli(stamped, "mv", GP, NEW)
    assert proc.returncode == 0 and f"note: {NEW_FR} is outdated" in proc.stdout
    _git(stamped, "add", "-A")
    _git(stamped, "commit", "-qm", "move the translations")
    diff = _cli(stamped, "diff", NEW_FR)
    # The stamped English is found in the history from before the rename.
    assert diff.returncode == 0 and "[-Long-]{+Very long+} queues." in diff.stdout


def test_mv_renames_the_english_file_itself_when_it_is_still_there(stamped: Path) -> None:
    proc = _cli(stamped, "mv", GP, NEW)
    assert proc.returncode == 0, proc.stderr
    assert (stamped / NEW).is_file() and not (stamped / GP).exists() and (stamped / NEW_FR).is_file()
    assert "id: gp-renamed\n" in (stamped / NEW).read_text("utf-8")  # the ID follows the file name
    assert _states(stamped, "fr")[NEW_FR] == "translated"


def test_mv_overwrites_nothing_and_moves_nothing_on_a_conflict(stamped: Path) -> None:
    _rename_english(stamped)
    (stamped / NEW_AR).write_text("---\ntitle: موجود\n---\n\nنص.\n", "utf-8")
    before = {p: p.read_bytes() for p in (stamped / "content" / "good-practices").iterdir()}
    proc = _cli(stamped, "mv", GP, NEW)
    assert proc.returncode == 1 and "nothing was moved" in proc.stderr and f"{NEW_AR} already exists" in proc.stderr
    assert {p: p.read_bytes() for p in (stamped / "content" / "good-practices").iterdir()} == before
    bad = _cli(stamped, "mv", GP, "content/good-practices/Bad Name.md")
    assert bad.returncode == 1 and "not an English content file name" in bad.stderr


def test_the_status_page_names_the_translation_at_the_old_name(stamped: Path) -> None:
    from build_tools.generate import generate_pages

    _rename_english(stamped)
    page = next(p.text for p in generate_pages(load_project(stamped), ["ar"]) if p.path == "status/index.ar.md")
    line = next(line for line in page.splitlines() if f"<code>{NEW_FR}</code>" in line)
    assert f'<bdi dir="ltr"><code>{OLD_FR}</code></bdi>' in line
    assert f"<code>python -m build_tools translations mv {GP} {NEW}</code>" in line
    assert "أُعيدت تسمية ملفه الإنجليزي" in line


def _validate_errors(root: Path) -> list[str]:
    from build_tools.app.validate import validate
    from build_tools.checks.diagnostics import Severity

    return [d.format_text() for d in validate(root)[1] if d.severity is Severity.ERROR]


def _diff_says(root: Path, rel: str) -> str:
    proc = _cli(root, "diff", rel)
    assert proc.returncode == 0, proc.stderr
    return "up to date" if "nothing changed in English since it was stamped" in proc.stdout else "outdated"


def _mv_notes(stdout: str) -> dict[str, str]:
    """What `translations mv` said of each moved translation: up to date or outdated."""
    out = {}
    for line in stdout.splitlines():
        if line.startswith("up to date: "):
            out[line.removeprefix("up to date: ")] = "up to date"
        elif line.startswith("note: ") and " is outdated" in line:
            out[line.removeprefix("note: ").split(" ", 1)[0]] = "outdated"
    return out


@pytest.mark.parametrize("edit", [False, True])
def test_a_bare_git_mv_without_the_id_is_named_by_status_and_fixed_by_mv(stamped: Path, edit: bool) -> None:
    # An editor renames the case and its French translation with git alone: the id still says gp-demo (E131).
    _git(stamped, "mv", GP, NEW)
    _git(stamped, "mv", OLD_FR, NEW_FR)
    if edit:
        (stamped / NEW).write_text((stamped / NEW).read_text("utf-8").replace("Long queues.", "Very long queues."),
                                   "utf-8")
    _git(stamped, "commit", "-qam", "rename the demo case")
    # validate names the fix too (the E131 hint).
    assert any("E131" in e and NEW in e and f"python -m build_tools translations mv {GP} {NEW}" in e
               for e in _validate_errors(stamped))
    # Status names the page, says what is wrong and the command; it never calls the translation missing.
    for lang, where in (("fr", f"its fr translation is already at {NEW_FR}"),
                        ("ar", f"its ar translation is at the old name, {OLD_AR}")):
        text = _cli(stamped, "--lang", lang).stdout
        line = next(line for line in text.splitlines() if line.startswith("  id "))
        assert f"good-practice gp-demo  {NEW}:2: its id 'gp-demo' is not its file name 'gp-renamed' (E131" in line
        assert where in line and f"Fix: python -m build_tools translations mv {GP} {NEW}" in line, line
        assert "gp-demo" not in "".join(li for li in text.splitlines() if li.startswith("  missing")), text
        assert "1 renamed without its id, not counted" in text
    data = json.loads(_cli(stamped, "--lang", "fr", "--format", "json").stdout)["fr"]
    assert [(m["path"], m["id"], m["fix"]) for m in data["id_mismatch"]] == [
        (NEW, "gp-demo", f"python -m build_tools translations mv {GP} {NEW}")]
    assert not [i for i in data["missing"] if "gp-" in i["path"]]
    # The command it names: the English takes the new id, the Arabic follows, and validate is clean.
    proc = _cli(stamped, "mv", GP, NEW)
    assert proc.returncode == 0, proc.stderr
    assert f"moved: {OLD_AR} → {NEW_AR}" in proc.stdout and f"changed: {NEW}: id gp-demo → gp-renamed" in proc.stdout
    assert "id: gp-renamed\n" in (stamped / NEW).read_text("utf-8") and not (stamped / OLD_AR).exists()
    assert _validate_errors(stamped) == []
    # mv's note, status and diff say the same of each translation.
    expected = "outdated" if edit else "up to date"
    assert _mv_notes(proc.stdout) == {NEW_AR: expected}, proc.stdout
    for lang, rel in (("fr", NEW_FR), ("ar", NEW_AR)):
        assert _diff_says(stamped, rel) == expected
        assert _states(stamped, lang)[rel] == ("outdated" if edit else "translated")
    assert "  id " not in _cli(stamped, "--lang", "fr").stdout


def test_a_bare_git_mv_of_a_guideline_is_fixed_by_mv_which_names_the_references_left(stamped: Path) -> None:
    _git(stamped, "mv", "guidelines/demo.yml", "guidelines/demo-two.yml")
    _git(stamped, "commit", "-qm", "rename the guideline")
    line = next(li for li in _cli(stamped, "--lang", "fr").stdout.splitlines() if li.startswith("  id "))
    assert "guideline demo  guidelines/demo-two.yml:1: its id 'demo' is not its file name 'demo-two' (E131" in line
    assert "its fr translation is at the old name, guidelines/demo.fr.yml" in line
    proc = _cli(stamped, "mv", "guidelines/demo.yml", "guidelines/demo-two.yml")
    assert proc.returncode == 0, proc.stderr
    assert "moved: guidelines/demo.fr.yml → guidelines/demo-two.fr.yml" in proc.stdout
    assert "changed: guidelines/demo-two.yml: id demo → demo-two" in proc.stdout
    # Cases still name the old ID: mv says so, and validate lists each at its line.
    assert "reference(s) to the old id 'demo' must change to 'demo-two' (first: content/" in proc.stdout
    assert not any("E131" in e for e in _validate_errors(stamped))
    assert any("E132" in e and "'demo'" in e for e in _validate_errors(stamped))
