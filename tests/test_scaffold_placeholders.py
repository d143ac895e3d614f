"""Issue 23: what `new` has to guess is a placeholder that validation lists, never a silent answer.

A skeleton used to pass as content with the first guideline, its first principle, the first topic,
this year, a pension age of 65 for men and women and a principle ID `<prefix>-first-principle`. Each
guessed value now carries `# placeholder: <what to write>`: error E126 at its line until the editor
writes the real value and deletes the comment. A value given with --set is not a guess.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.app.scaffold import scaffold
from build_tools.app.validate import validate

GP = "content/good-practices/gp-lu-mobile-money.md"


def _placeholders(root: Path, rel: str) -> dict[int, str]:
    _project, diags = validate(root)
    return {d.line: d.format_text() for d in diags if d.path == rel and d.code == "E126"}


def _line(root: Path, rel: str, start: str) -> int:
    lines = (root / rel).read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(start))


def test_guessed_good_practice_fields_are_placeholders(mini_project: Path) -> None:
    assert scaffold(mini_project, "good-practice", "gp-lu-mobile-money") == 0
    found = _placeholders(mini_project, GP)
    for field, words in [("countries:", "the country or countries of the case"),
                         ("year:", "the year the case started"),
                         ("guidelines:", "the guideline(s) this relates to"),
                         ("principles:", "the principle(s) this case illustrates"),
                         ("topics:", "content/taxonomy.yml")]:
        line = _line(mini_project, GP, field)
        assert line in found, f"{field} is not listed: {found}"
        assert "is a value `new` guessed, not a real answer" in found[line] and words in found[line], found[line]
        assert "delete the '# placeholder' comment" in found[line]


def test_values_given_with_set_are_not_placeholders(mini_project: Path) -> None:
    assert scaffold(mini_project, "good-practice", "gp-lu-mobile-money",
                    options=["country=LU", "guideline=demo", "principle=dm-access", "topics=governance",
                             "year=2019"]) == 0
    text = (mini_project / GP).read_text("utf-8")
    assert "year: 2019\n" in text and "# placeholder" not in text
    lines = {_line(mini_project, GP, f) for f in ("countries:", "year:", "guidelines:", "principles:", "topics:")}
    assert not lines & set(_placeholders(mini_project, GP))


def test_set_year_maps_to_the_field_it_means(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A good practice: `years` is taken for `year`; a guideline: `edition` for its year.
    assert scaffold(mini_project, "good-practice", "gp-lu-mobile-money", options=["years=2018"]) == 0
    assert "year: 2018  # placeholder" not in (mini_project / GP).read_text("utf-8")
    assert "year: 2018\n" in (mini_project / GP).read_text("utf-8")
    assert scaffold(mini_project, "guideline", "pensions", options=["edition=2019"]) == 0
    assert 'edition: "2019"\n' in (mini_project / "guidelines/pensions.yml").read_text("utf-8")
    # A report has a date, not a year: the message says which field exists, and nothing is written.
    assert scaffold(mini_project, "report", "rp-lu-2019", options=["year=2019"]) == 2
    err = capsys.readouterr().err
    assert "--set year: a report has a date, not a year: --set date=YYYY-MM-DD" in err
    assert not (mini_project / "content/reports/rp-lu-2019.md").exists()


def test_guideline_principle_id_and_report_defaults_are_placeholders(mini_project: Path) -> None:
    assert scaffold(mini_project, "guideline", "social-security", options=["prefix=ss"]) == 0
    rel = "guidelines/social-security.yml"
    found = _placeholders(mini_project, rel)
    line = _line(mini_project, rel, "          - id: ss-first-principle")
    assert line in found and "the principle's permanent ID" in found[line], found
    assert _line(mini_project, rel, "edition:") in found and _line(mini_project, rel, "edition_date:") in found
    assert scaffold(mini_project, "report", "rp-lu-2019") == 0
    rel = "content/reports/rp-lu-2019.md"
    found = _placeholders(mini_project, rel)
    for field in ("date:", "type:", "topics:", "guidelines:"):
        assert _line(mini_project, rel, field) in found, (field, found)


def test_country_profile_pension_age_is_a_placeholder(mini_project: Path) -> None:
    assert scaffold(mini_project, "country-profile", "na") == 0
    rel = "country_profiles/na.yml"
    found = _placeholders(mini_project, rel)
    line = _line(mini_project, rel, "      - {tier: earnings_related, men: 65, women: 65}")
    assert line in found and "the normal pension ages of men and women" in found[line], found
