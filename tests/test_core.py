"""Domain-core unit tests: reading, YAML positions, schemas, model, hashing, l10n (no mkdocs)."""

from __future__ import annotations

from pathlib import Path

from build_tools.checks import schema_check
from build_tools.checks.diagnostics import format_report, make
from build_tools.checks.reading import parse_markdown, parse_yaml, read_text
from build_tools.i18n import cldr
from build_tools.model import guidelines
from build_tools.model.hashing import unit_hash
from build_tools.model.project import load_project
from build_tools.model.ui_strings import Catalog, placeholders


def test_yaml_positions_point_at_keys_and_items() -> None:
    located, diags = parse_yaml("a: 1\nlist:\n  - x\n  - {b: 2}\n", "f.yml")
    assert located is not None and not diags
    assert located.pos(("a",)) == (1, 1)
    assert located.pos(("list", 1, "b")) == (4, 6)
    assert located.pos(("list", 9, "missing")) == (2, 1)  # nearest known ancestor


def test_yaml_dates_become_iso_strings_and_invalid_dates_stay_text() -> None:
    located, _ = parse_yaml("d: 2024-02-29\nbad: 2024-02-30\n", "f.yml")
    assert located is not None
    assert located.data == {"d": "2024-02-29", "bad": "2024-02-30"}


def test_alias_bomb_is_refused() -> None:
    text = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdef", "bcdefg", strict=True))
    located, diags = parse_yaml(text, "bomb.yml")
    assert located is None and diags[0].code == "E110"


def test_front_matter_positions_are_file_lines() -> None:
    parsed, diags = parse_markdown("---\ntitle: x\nid: y\n---\nbody\n", "p.md", True)
    assert parsed is not None and not diags
    assert parsed.meta.pos(("id",)) == (3, 1)
    assert parsed.body_line == 5 and parsed.body == "body\n"


def test_read_text_rejects_bad_bytes(tmp_path: Path) -> None:
    f = tmp_path / "x.yml"
    f.write_bytes(b"ok: 1\nbad: \xff\n")
    text, diags = read_text(f, "x.yml")
    assert text is None and diags[0].code == "E101" and diags[0].line == 2 and diags[0].column == 6


def test_schema_messages_name_the_field() -> None:
    located, _ = parse_yaml("topics: [a]\norganizations: [EU]\nextra: 1\n", "t.yml")
    assert located is not None
    diags = schema_check.check("taxonomy", located, "t.yml")
    assert [(d.code, d.line) for d in diags] == [("E124", 3)]
    assert "extra" in diags[0].message


def test_guideline_model_and_units(mini_project: Path) -> None:
    project = load_project(mini_project)
    demo = project.guidelines["demo"]
    assert [p.id for p in demo.principles()] == ["dm-leadership", "dm-planning", "dm-access"]
    assert [p.number for p in demo.principles()] == [1, 2, 3]
    units = demo.units()
    assert set(units) == {"meta", "principle:dm-leadership", "principle:dm-planning", "principle:dm-access"}
    report = guidelines.translation_report(demo, "fr")
    assert report.missing_units == ["principle:dm-planning", "principle:dm-access"]
    # the sample translation is not stamped yet: what it holds counts as outdated
    assert "principle:dm-leadership" in report.outdated_units


def test_hash_changes_with_text_only() -> None:
    assert unit_hash({"a": "x", "b": "y"}) == unit_hash({"b": "y", "a": "x"})
    assert unit_hash({"a": "x"}) != unit_hash({"a": "x."})
    assert len(unit_hash("x")) == 12


def test_catalog_falls_back_to_english() -> None:
    cat = Catalog("en", {"en": {"a.b": "Hello {name}", "a.c": "Only English"}, "fr": {"a.b": "Bonjour {name}"}})
    assert cat.t("fr", "a.b", name="Ada") == "Bonjour Ada"
    assert cat.t("fr", "a.c") == "Only English"
    assert placeholders("{count} of {total}") == {"count", "total"}


def test_cldr_names_numbers_dates() -> None:
    assert cldr.country_name("DE", "fr") == "Allemagne"
    assert cldr.country_name("DE", "zh") == "德国"
    assert cldr.format_number(1234567, "de") == "1.234.567"
    assert cldr.format_date("2025-01-01", "fr") == "1 janvier 2025"
    assert cldr.language_name("ar") == "العربية"


def test_report_format() -> None:
    d = make("a.yml", 3, 4, "E120", "x: required field is missing")
    text = format_report([d])
    assert text.splitlines()[0].startswith("a.yml:3:4 E120 x: required field is missing (hint: ")
    assert text.splitlines()[-1] == "1 error(s), 0 warning(s)"


def test_shipped_content_validates_without_errors(repo: Path) -> None:
    project = load_project(repo)
    errors = [d.format_text() for d in project.diagnostics if d.severity.value == "error"]
    assert not errors, "\n".join(errors)
    assert len(project.guidelines) >= 3
    assert all(len(g.principles()) >= 15 for g in project.guidelines.values())
    assert len(project.good_practices) >= 12 and len(project.reports) >= 3 and len(project.profiles) >= 12
    regions = {p.region for p in project.profiles.values()}
    assert regions == {"africa", "americas", "asia-pacific", "europe"}
    complete = [g for g in project.guidelines.values()
                if all(guidelines.translation_report(g, lang).state in ("translated", "outdated")
                       and not guidelines.translation_report(g, lang).missing_units
                       for lang in project.languages[1:])]
    assert complete, "at least one guideline is translated into every language"


def test_deeply_nested_flow_yaml_is_refused_fast() -> None:
    located, diags = parse_yaml("a: " + "[" * 5000 + "\n", "deep.yml")
    assert located is None and diags[0].code == "E110" and "nesting" in diags[0].message


def test_deep_block_nesting_never_raises() -> None:
    text = "".join("  " * i + "- \n" for i in range(3000))
    located, diags = parse_yaml(text, "deep.yml")
    assert located is not None or diags[0].code == "E110"
