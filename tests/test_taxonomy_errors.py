"""Issue 23: taxonomy mistakes are reported at content/taxonomy.yml, root cause first.

* A topic (or organization) without a label in locales/en.yml would show ``topics.<id>`` to readers
  in every language: error E137 at its taxonomy line. Deleting the English label of a topic in use
  gives that one error, not a false W160 "not used" in every other locale.
* Removing a topic that files still use gives one error E138 at taxonomy.yml, first in the report,
  naming the files that use it (not one E135 per untouched file).
"""

from __future__ import annotations

from pathlib import Path

from conftest import GP_FRONT_MATTER

from build_tools.app.validate import validate
from build_tools.checks.diagnostics import Diagnostic, format_report

TAXONOMY = "content/taxonomy.yml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if line.startswith(start))


def _report(diags: list[Diagnostic]) -> list[str]:
    return format_report(diags).splitlines()[:-1]


def test_a_topic_without_an_english_label_is_an_error_at_its_taxonomy_line(mini_project: Path) -> None:
    _edit(mini_project / TAXONOMY, "  - communication\n", "  - communication\n  - pensions\n")
    _project, diags = validate(mini_project)
    hits = [d for d in diags if d.code == "E137"]
    assert len(hits) == 1, [d.format_text() for d in diags]
    d = hits[0]
    assert (d.path, d.line) == (TAXONOMY, _line_of(mini_project / TAXONOMY, "  - pensions"))
    assert "no label in locales/en.yml" in d.message and "'topics.pensions'" in d.message
    assert "pensions: <label>" in d.hint and "topics:" in d.hint


def test_an_organization_without_a_label_is_an_error(mini_project: Path) -> None:
    _edit(mini_project / TAXONOMY, "  - ECOWAS\n", "  - ECOWAS\n  - ASEAN\n")
    _project, diags = validate(mini_project)
    hits = [d for d in diags if d.code == "E137"]
    assert len(hits) == 1 and "'organizations.ASEAN'" in hits[0].message, [d.format_text() for d in diags]


def test_deleting_a_label_in_use_gives_one_error_and_no_false_w160(mini_project: Path) -> None:
    _edit(mini_project / "locales/en.yml", "  governance: Governance\n", "")
    _project, diags = validate(mini_project)
    assert [(d.path, d.line) for d in diags if d.code == "E137"] == [
        (TAXONOMY, _line_of(mini_project / TAXONOMY, "  - governance"))]
    false = [d.format_text() for d in diags if d.code == "W160" and "topics.governance" in d.message]
    assert not false, false


def test_removing_a_topic_in_use_reports_the_cause_first_at_the_taxonomy(mini_project: Path) -> None:
    for i in (1, 2):
        (mini_project / f"content/good-practices/gp-gov-{i}.md").write_text(
            GP_FRONT_MATTER.replace("{title}", "A case").format(id=f"gp-gov-{i}") + "Body.\n", encoding="utf-8")
    users = [p for p in (mini_project / "content").rglob("*.md") if "governance" in p.read_text("utf-8")]
    assert len(users) >= 3
    _edit(mini_project / TAXONOMY, "  - governance\n", "")
    _project, diags = validate(mini_project)
    lines = _report(diags)
    assert lines[0].startswith(f"{TAXONOMY}:3:1 E138 "), lines
    first = lines[0]
    assert f"topic 'governance' is used by {len(users)} file(s) but is not in the list" in first
    assert "content/good-practices/gp-gov-1.md:9" in first, "names each dependant with its line"
    assert "add '  - governance' back under topics:" in first
    assert not [d for d in diags if d.code == "E135"], "no error in each untouched file"
    # Validating one dependant shows the cause too.
    _project, only = validate(mini_project, [mini_project / "content/good-practices/gp-gov-1.md"])
    assert [d.code for d in only] == ["E138"], [d.format_text() for d in only]


def test_a_typo_in_one_file_stays_at_that_file(mini_project: Path) -> None:
    (mini_project / "content/good-practices/gp-typo.md").write_text(
        GP_FRONT_MATTER.replace("{title}", "A case").format(id="gp-typo").replace("[governance]", "[governanse]")
        + "Body.\n", encoding="utf-8")
    _project, diags = validate(mini_project)
    hits = [d for d in diags if d.code in ("E135", "E138")]
    assert [(d.code, d.path) for d in hits] == [("E135", "content/good-practices/gp-typo.md")]
    assert "did you mean governance?" in hits[0].hint
