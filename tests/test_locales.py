"""UI strings: one locale file per language; missing keys fall back (W163), unknown keys are ignored
(W160) and placeholder mismatches (E161) are errors. Bad-input fixtures are written into a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools.model.site_config import load_site_config
from build_tools.model.ui_strings import flatten, load_catalog, placeholders, plural_categories

EN = """\
site:
  name: Portal
  updated: "Last updated: {date}"
notice:
  fallback: This page is not yet available in {language}.
  outdated_title: Translation out of date
"""


def _catalog(tmp_path: Path, fr: str | None, languages: tuple[str, ...] = ("en", "fr")):  # type: ignore[no-untyped-def]
    folder = tmp_path / "locales"
    folder.mkdir()
    (folder / "en.yml").write_text(EN, "utf-8")
    if fr is not None:
        (folder / "fr.yml").write_text(fr, "utf-8")
    return load_catalog(folder, list(languages), "en", tmp_path)


def test_complete_translation_is_clean(tmp_path: Path) -> None:
    fr = ("site:\n  name: Portail\n  updated: \"Mis à jour : {date}\"\nnotice:\n"
          "  fallback: Cette page n'existe pas encore en {language}.\n  outdated_title: Traduction non à jour\n")
    catalog, diags = _catalog(tmp_path, fr)
    assert diags == []
    assert catalog.t("fr", "site.updated", date="1 janvier") == "Mis à jour : 1 janvier"


def test_unknown_key_is_a_warning_at_its_line(tmp_path: Path) -> None:
    fr = "site:\n  name: Portail\n  nmae: Typo\n"
    _catalog_, diags = _catalog(tmp_path, fr)
    hits = [d for d in diags if d.code == "W160"]
    assert len(hits) == 1 and hits[0].path == "locales/fr.yml" and hits[0].line == 3
    assert "site.nmae" in hits[0].message and hits[0].severity.value == "warning"


@pytest.mark.parametrize("value", ['"Mis à jour : {jour}"', '"Mis à jour"', '"Mis à jour : {date} {extra}"'])
def test_placeholder_mismatch_is_an_error(tmp_path: Path, value: str) -> None:
    fr = f"site:\n  name: Portail\n  updated: {value}\n"
    _catalog_, diags = _catalog(tmp_path, fr)
    hits = [d for d in diags if d.code == "E161"]
    assert len(hits) == 1 and hits[0].line == 3 and "site.updated" in hits[0].message


def test_missing_key_falls_back_to_english_with_a_warning(tmp_path: Path) -> None:
    catalog, diags = _catalog(tmp_path, "site:\n  name: Portail\n")
    assert [d.code for d in diags] == ["W163"]
    assert diags[0].severity.value == "warning" and "notice.fallback" in diags[0].message
    assert catalog.t("fr", "site.name") == "Portail"
    assert catalog.t("fr", "notice.fallback", language="français") == "This page is not yet available in français."
    assert catalog.table("fr", "notice.")["notice.outdated_title"] == "Translation out of date"


def test_missing_locale_file_is_a_warning_not_an_error(tmp_path: Path) -> None:
    catalog, diags = _catalog(tmp_path, None)
    assert [d.code for d in diags] == ["W163"]
    assert catalog.t("fr", "site.name") == "Portal"


def test_sample_locales_are_complete_and_consistent(repo: Path) -> None:
    config = load_site_config(repo)
    catalog, diags = load_catalog(repo / "locales", config.codes, config.default_language, repo)
    assert not [d.format_text() for d in diags if d.code in ("W160", "E161") or d.severity.value == "error"]
    english = catalog.strings["en"]
    for lang in config.codes:
        table = catalog.strings[lang]
        for key in english:
            group = catalog.group_of(key)
            if group:  # a plural string: the forms this language's CLDR rules use, the number optional in each
                for category in plural_categories(lang):
                    form = table.get(f"{group}.{category}")
                    assert form, f"{lang}: {group}.{category} missing"
                    assert placeholders(form) <= placeholders(english[f"{group}.other"]), f"{lang}: {group}"
            elif key.startswith(("notice.", "status.")):
                assert key in table, f"{lang}: {key} missing"
                assert placeholders(table[key]) == placeholders(english[key]), f"{lang}: {key}"


def test_locale_files_are_valid_yaml_mappings(repo: Path) -> None:
    for path in sorted((repo / "locales").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        assert isinstance(data, dict) and flatten(data), path.name
