"""A profile text field is declared once (issue 26): build_tools/model/profile_fields.py.

The schema's program properties, the model's translation units, the page, the comparison, the
open-data columns and their dictionary, the status page and the skeleton of `new` all derive from
the declaration. The last test declares one more field and follows it through all of them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from build_tools.app import scaffold
from build_tools.checks import schema_check
from build_tools.generate import Context, opendata, profile_pages, status_page
from build_tools.model import profile_fields
from build_tools.model.project import load_project

REPO = Path(__file__).resolve().parents[1]
NEW = profile_fields.TextField("financing_reform", "Planned reform of the financing (Markdown).",
                               "What reform is planned.")


def test_the_schema_file_holds_exactly_the_declared_fields() -> None:
    text = profile_fields.SCHEMA.read_text("utf-8")
    derived = json.dumps(profile_fields.schema_properties(json.loads(text)), ensure_ascii=False, indent=2) + "\n"
    assert derived == text, "run `python -m build_tools.model.profile_fields` to write the declaration into the schema"


def test_every_field_has_a_label_and_a_listed_placeholder() -> None:
    english = yaml.safe_load((REPO / "locales" / "en.yml").read_text("utf-8"))
    placeholders = (REPO / "build_tools" / "data" / "scaffold" / "placeholders.txt").read_text("utf-8").splitlines()
    for field in profile_fields.text_fields():
        group, key = field.label_key.split(".")
        assert english[group][key], field.key
        assert field.placeholder in placeholders, field.key


def test_schema_properties_drop_a_field_no_longer_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = json.loads(profile_fields.SCHEMA.read_text("utf-8"))
    monkeypatch.setattr(profile_fields, "PROGRAM_TEXT_FIELDS", profile_fields.PROGRAM_TEXT_FIELDS[:-1])
    props = profile_fields.schema_properties(schema)["$defs"]["program"]["properties"]
    assert "administration" not in props and "benefits" in props and "contributions" in props


@pytest.fixture()
def declared(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """One more text field declared, and the schema the loader validates against derived from it."""
    monkeypatch.setattr(profile_fields, "PROGRAM_TEXT_FIELDS", (*profile_fields.PROGRAM_TEXT_FIELDS, NEW))
    original = schema_check.load_schema

    def load_schema(name: str) -> dict[str, object]:
        schema = json.loads(json.dumps(original(name)))
        return profile_fields.schema_properties(schema) if name == "country-profile" else schema

    monkeypatch.setattr(schema_check, "load_schema", load_schema)
    schema_check.validator.cache_clear()
    schema_check._registry.cache_clear()
    yield
    monkeypatch.undo()
    schema_check.validator.cache_clear()
    schema_check._registry.cache_clear()


def test_one_declared_field_reaches_page_comparison_csv_status_and_scaffold(declared: None, tmp_path: Path) -> None:
    from conftest import make_mini_project

    root = make_mini_project(tmp_path / "mini")
    profile = root / "country_profiles" / "lu.yml"
    profile.write_text(profile.read_text("utf-8").replace(
        "        qualifying_conditions: Age 65",
        "        financing_reform: A reform of the financing is planned for 2030.\n"
        "        qualifying_conditions: Age 65", 1), "utf-8")
    overlay = root / "country_profiles" / "lu.fr.yml"
    overlay.write_text(overlay.read_text("utf-8").replace(
        "        coverage: Salariés",
        "        financing_reform: Une réforme du financement est prévue pour 2030.\n        coverage: Salariés", 1),
        "utf-8")
    english = root / "locales" / "en.yml"
    english.write_text(english.read_text("utf-8").replace("\nprofile:\n", "\nprofile:\n  financing_reform: Financing reform\n",
                                                          1), "utf-8")
    project = load_project(root)
    assert not [d.format_text() for d in project.diagnostics if d.severity.name == "ERROR"]
    pages = {p.path: p.text for p in profile_pages.pages(Context(project))}
    page = pages["countries/lu.md"]
    assert "Financing reform" in page and 'data-field="financing_reform"' in page
    assert "A reform of the financing is planned for 2030." in page
    assert "Une réforme du financement est prévue pour 2030." not in pages["countries/lu.fr.md"]  # never stamped
    assert 'data-topic="old_age.financing_reform"' in pages["countries/compare.md"]
    rows = list(csv.DictReader(io.StringIO(pages["countries/data/country-programs.csv"].lstrip("\ufeff"))))
    lu = next(r for r in rows if r["iso2"] == "LU" and r["branch"] == "old_age")
    assert lu["financing_reform"] == "A reform of the financing is planned for 2030."
    dictionary = json.loads(pages["countries/data/datapackage.json"])
    programs = next(r for r in dictionary["resources"] if r["path"] == opendata.PROGRAMS_CSV)
    assert {"name": "financing_reform", "type": "string", "description": NEW.description} in programs["schema"]["fields"]
    status = {p.path: p.text for p in status_page.pages(Context(project))}["status/index.md"]
    assert "social-insurance · Financing reform" in status
    assert scaffold.scaffold(root, "country-profile", "ke") == 0
    skeleton = (root / "country_profiles" / "ke.yml").read_text("utf-8")
    assert f"        financing_reform: {NEW.placeholder}\n" in skeleton
