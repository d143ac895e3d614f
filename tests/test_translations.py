"""Translator tools: ``translations`` status (text, JSON), ``translations stamp``, page notices, status page."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import translations_cli

from build_tools.generate import Context, status_page
from build_tools.i18n.translation_status import language_status, page_notice, stamp_text, status_json, translation_block
from build_tools.model.project import load_project

OTHER_LANGUAGES = {"fr", "de", "es", "ar", "ru", "zh"}


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return translations_cli(root, *args)


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the project for tests that write files."""
    from conftest import copy_project

    return copy_project(tmp_path_factory.mktemp("tr"))


@pytest.fixture(scope="module")
def status(repo: Path) -> dict[str, dict[str, object]]:
    """The ``translations --format json`` document of the sample project."""
    proc = _cli(repo, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data: dict[str, dict[str, object]] = json.loads(proc.stdout)
    return data


# -- status --------------------------------------------------------------------------------------


def test_json_reports_all_six_non_default_languages(status: dict[str, dict[str, object]]) -> None:
    assert set(status) == OTHER_LANGUAGES
    for lang, entry in status.items():
        assert {"translated", "partial", "outdated", "missing", "counts", "percent"} <= set(entry), lang
        counts = entry["counts"]
        assert isinstance(counts, dict)
        assert counts["total"] == sum(counts[s] for s in ("translated", "partial", "outdated", "missing"))
        assert entry["translated"], f"{lang} has no translated item at all"


def _item(entry: dict[str, object], state: str, item_id: str) -> dict[str, object]:
    items = entry[state]
    assert isinstance(items, list)
    found = [i for i in items if i["id"] == item_id]
    assert found, f"{item_id} is not {state}: {items}"
    return dict(found[0])


def test_changed_principle_is_reported_per_principle(status: dict[str, dict[str, object]]) -> None:
    for lang in ("fr", "de", "es"):
        item = _item(status[lang], "outdated", "good-governance")
        assert item["changed"] == ["principle:gg-conflicts-of-interest"], lang
        assert item["path"] == f"guidelines/good-governance.{lang}.yml"


def test_changed_profile_field_and_page_are_reported(status: dict[str, dict[str, object]]) -> None:
    for lang in ("fr", "ar"):
        assert _item(status[lang], "outdated", "ma")["changed"] == ["branches.old_age.programs.social-insurance.coverage"]
        assert _item(status[lang], "outdated", "gp-ke-mobile-contributions")["changed"] == ["page"]
    partial = _item(status["fr"], "partial", "service-quality")
    assert partial["changed"] == [] and "principle:sq-appeals" in partial["untranslated"]  # type: ignore[operator]
    assert _item(status["ru"], "missing", "ict")["path"] == "guidelines/ict.ru.yml"
    assert _item(status["zh"], "translated", "gp-jp-reserve-fund-governance")["kind"] == "good-practice"


def test_lang_filter_and_text_format(repo: Path) -> None:
    proc = _cli(repo, "--lang", "fr", "--format", "json")
    assert proc.returncode == 0 and set(json.loads(proc.stdout)) == {"fr"}
    text = _cli(repo)
    assert text.returncode == 0, text.stderr
    for lang in OTHER_LANGUAGES:
        assert any(line.startswith(f"{lang}  ") for line in text.stdout.splitlines()), lang
    assert "changed in English: principle gg-conflicts-of-interest" in text.stdout
    only_de = _cli(repo, "status", "--lang", "de").stdout
    assert only_de.startswith("de  ") and "\nfr  " not in only_de


# -- stamp ---------------------------------------------------------------------------------------


def test_stamp_round_trip_keeps_the_rest_of_the_file(project_copy: Path) -> None:
    path = project_copy / "guidelines" / "good-governance.fr.yml"
    before = path.read_text("utf-8")
    proc = _cli(project_copy, "stamp", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "stamped: guidelines/good-governance.fr.yml" in proc.stdout
    after = path.read_text("utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(before.splitlines()) == len(after.splitlines())
    assert len(changed) == 1 and "principle:gg-conflicts-of-interest" in changed[0][1]
    assert after.split("\ntitle:", 1)[1] == before.split("\ntitle:", 1)[1]
    data = json.loads(_cli(project_copy, "--lang", "fr", "--format", "json").stdout)["fr"]
    assert "good-governance" in [i["id"] for i in data["translated"]]
    again = _cli(project_copy, "stamp", str(path))
    assert again.returncode == 0 and "up to date" in again.stdout
    assert path.read_text("utf-8") == after


def test_stamp_inserts_a_block_into_markdown_and_yaml(project_copy: Path) -> None:
    md = project_copy / "content" / "good-practices" / "gp-ke-mobile-contributions.fr.md"
    original = md.read_text("utf-8")
    body_start = original.index("\n---\n", 4)
    stripped = "---\n" + original[original.index("title:"):]
    md.write_text(stripped, "utf-8")
    overlay = project_copy / "country_profiles" / "ma.fr.yml"
    overlay_text = overlay.read_text("utf-8")
    overlay_bare = "# Traduction relue par l'équipe\n" + overlay_text[overlay_text.index("branches:"):]
    overlay.write_text(overlay_bare, "utf-8")
    proc = _cli(project_copy, "stamp", str(md.relative_to(project_copy)), str(overlay))
    assert proc.returncode == 0, proc.stderr
    text = md.read_text("utf-8")
    assert text.startswith("---\ntranslation:\n  source_hashes:\n    page: \"")
    assert text.endswith(original[body_start:])
    stamped = overlay.read_text("utf-8")
    assert stamped.startswith("# Traduction relue par l'équipe\ntranslation:\n")
    assert stamped.endswith(overlay_bare.split("\n", 1)[1])
    assert yaml.safe_load(stamped)["translation"]["source_hashes"]["branches.old_age.programs.social-insurance.coverage"]


def test_stamp_refuses_sources_and_unknown_files(project_copy: Path) -> None:
    source = _cli(project_copy, "stamp", "guidelines/ict.yml")
    assert source.returncode == 1 and "English source" in source.stderr
    ghost = _cli(project_copy, "stamp", "content/nope.fr.md")
    assert ghost.returncode == 1 and "no such file" in ghost.stderr
    assert _cli(project_copy, "stamp").returncode == 2


@pytest.mark.parametrize("text,markdown,expected", [
    ("a: 1\n", False, "translation:\n  source_hashes:\n    u: \"h\"\na: 1\n"),
    ("# c\n---\na: 1\n", False, "# c\n---\ntranslation:\n  source_hashes:\n    u: \"h\"\na: 1\n"),
    ("translation:\n  source_hashes:\n    old: \"x\"  # note\n\na: >-\n  folded\n", False,
     "translation:\n  source_hashes:\n    u: \"h\"\n\na: >-\n  folded\n"),
    ("a: 1\ntranslation:\n  source_hashes: {old: x}\nb: 2", False,
     "a: 1\ntranslation:\n  source_hashes:\n    u: \"h\"\nb: 2"),
    ("a: 1\r\nb: 2\r\n", False, "translation:\r\n  source_hashes:\r\n    u: \"h\"\r\na: 1\r\nb: 2\r\n"),
    ("Body only.\n", True, "---\ntranslation:\n  source_hashes:\n    u: \"h\"\n---\nBody only.\n"),
    ("---\ntitle: T\n---\n---\nrule\n", True, "---\ntranslation:\n  source_hashes:\n    u: \"h\"\ntitle: T\n---\n---\nrule\n"),
])
def test_stamp_text_is_a_surgical_edit(text: str, markdown: bool, expected: str) -> None:
    assert stamp_text(text, {"u": "h"}, markdown) == expected


def test_hashes_are_always_strings() -> None:
    block = translation_block({"principle:x": "012345678901", "1weird key": "abc"})
    data = yaml.safe_load(block)["translation"]["source_hashes"]
    assert data == {"principle:x": "012345678901", "1weird key": "abc"}


# -- notices and status page ------------------------------------------------------------------------


def test_page_notices(repo: Path) -> None:
    project = load_project(repo)
    assert page_notice(project, "about.md", "en") is None
    assert page_notice(project, "about.md", "de").status == "fallback"  # type: ignore[union-attr]
    assert page_notice(project, "about.fr.md", "fr") is None
    assert page_notice(project, "good-practices/gp-ke-mobile-contributions.fr.md", "fr").status == "outdated"  # type: ignore[union-attr]
    assert page_notice(project, "countries/ma.ar.md", "ar").status == "outdated"  # type: ignore[union-attr]
    assert page_notice(project, "self-assessment/good-governance.es.md", "es").status == "outdated"  # type: ignore[union-attr]
    partial = page_notice(project, "countries/br.de.md", "de")
    assert partial is not None and partial.status == "partial" and partial.untranslated > 0
    assert page_notice(project, "guidelines/index.fr.md", "fr") is None
    meta = {"translation_status": "partial", "untranslated": 3}
    assert page_notice(project, "guidelines/ict.fr.md", "fr", meta).untranslated == 3  # type: ignore[union-attr]


def test_status_page_lists_progress_and_changed_principles(repo: Path) -> None:
    project = load_project(repo)
    pages = {p.path: p.text for p in status_page.pages(Context(project))}
    assert set(pages) == {"status/index.md"} | {f"status/index.{lang}.md" for lang in OTHER_LANGUAGES}
    english = pages["status/index.md"]
    for lang in OTHER_LANGUAGES:
        assert f'href="#lang-{lang}"' in english and f"{{ #lang-{lang} }}" in english
    assert "Conflicts of interest" in english and '<a href="../guidelines/good-governance/">' in english
    french = pages["status/index.fr.md"]
    assert "Conflits d&#39;intérêts" in french  # the principle title in French, HTML-escaped
    assert '<a href="../../guidelines/good-governance/">' in french
    summary = status_json(language_status(project))
    assert {s["percent"] for s in summary.values()} <= set(range(101))


def test_status_page_speaks_plainly_and_points_at_source_lines(project_copy: Path) -> None:
    path = project_copy / "guidelines" / "ict.fr.yml"
    path.write_text("title: TIC\n", "utf-8")  # a translation nobody stamped
    project = load_project(project_copy)
    pages = {p.path: p.text for p in status_page.pages(Context(project))}
    english = pages["status/index.md"]
    assert "Never stamped: review the translation, then stamp it." in english
    assert "<code>guidelines/good-governance.yml:128</code>" in english  # where the changed principle starts
    assert '<a href="../guidelines/good-governance/#gg-conflicts-of-interest">' in english
    assert "Page text" in english and "principle:" not in english and ">meta<" not in english
    french = pages["status/index.fr.md"]
    assert "Jamais validée" in french and "Texte de la page" in french
    path.unlink()
