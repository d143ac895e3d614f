"""Translators never block publishing, and an unfinished translation is never published (issue 22).

A translation file with errors falls back to English (with the usual notice) while every other
file and language builds; ``validate`` still reports the error at the translation's line and exits
1. ``translations start`` writes a translation *in progress*, which is not published until stamped.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import copy_project

from build_tools.app.validate import exit_code, validate
from build_tools.checks.diagnostics import Diagnostic, Severity
from build_tools.i18n import translation_status
from build_tools.model.base import IN_PROGRESS, TranslationReport
from build_tools.model.project import Project, load_project


def _errors_at(project_diags: list[Diagnostic], rel: str) -> list[Diagnostic]:
    return [d for d in project_diags if d.path == rel and d.severity is Severity.ERROR]


def _report(project: Project, lang: str, path: str) -> TranslationReport:
    return next(r for r in project.translation_reports(lang) if r.path == path)


def test_yaml_syntax_error_in_a_translation_falls_back_and_does_not_block(mini_project: Path) -> None:
    path = mini_project / "guidelines/demo.fr.yml"
    path.write_text(path.read_text("utf-8").replace("title: Organisation", "title: [Organisation"), "utf-8")
    project = load_project(mini_project)
    errors = _errors_at(project.diagnostics, "guidelines/demo.fr.yml")
    assert errors and errors[0].line > 1  # at the translation file's own line
    assert project.blocking() == []  # the build goes on
    assert "fr" not in project.guidelines["demo"].translations  # English shown
    assert project.withheld["guidelines/demo.fr.yml"].reason == "errors"
    _project, diags = validate(mini_project)
    assert exit_code(diags) == 1  # the pull request still shows it


def test_hand_broken_translation_block_keeps_the_texts_counted(mini_project: Path) -> None:
    path = mini_project / "guidelines/demo.fr.yml"
    assert translation_status.run_stamp(mini_project, [path]) == 0
    stamped = path.read_text("utf-8")
    assert "source_hashes" in stamped
    before = _report(load_project(mini_project), "fr", "guidelines/demo.fr.yml")
    broken = stamped.replace("  source_hashes:\n", "  source_hashes: {\n", 1)
    path.write_text(broken, "utf-8")
    project = load_project(mini_project)
    assert _errors_at(project.diagnostics, "guidelines/demo.fr.yml")
    report = _report(project, "fr", "guidelines/demo.fr.yml")
    assert report.state != "missing" and report.missing_units == before.missing_units  # what it holds counts
    assert report.withheld == "errors"
    # `stamp` repairs the machine-written block and stamps again; the texts are untouched.
    assert translation_status.run_stamp(mini_project, [path]) == 0
    repaired = path.read_text("utf-8")
    assert repaired.split("parts:", 1)[1] == stamped.split("parts:", 1)[1]
    project = load_project(mini_project)
    assert _report(project, "fr", "guidelines/demo.fr.yml").state == before.state
    assert "fr" in project.guidelines["demo"].translations


@pytest.mark.parametrize("body, code", [
    ("[Cliquez](javascript:alert(1))", "E180"),
    ("<script>alert(1)</script>", "E180"),
])
def test_unsafe_markdown_translation_is_withheld_not_blocking(mini_project: Path, body: str, code: str) -> None:
    rel = "content/good-practices/gp-demo.fr.md"
    (mini_project / rel).write_text(f"---\ntitle: Cas de démonstration\n---\n\nTexte.\n\n{body}\n", "utf-8")
    project = load_project(mini_project)
    assert any(d.code == code for d in _errors_at(project.diagnostics, rel))
    assert project.blocking() == []
    assert "fr" not in project.good_practices["gp-demo"].translations
    assert project.withheld[rel].reason == "errors"


def test_locale_errors_fall_back_per_string_or_per_file(mini_project: Path) -> None:
    path = mini_project / "locales/fr.yml"
    text = path.read_text("utf-8")
    english = load_project(mini_project).catalog
    key_line = next(line for line in text.splitlines() if line.startswith("  read_original:"))
    path.write_text(text.replace(key_line, "  read_original: Lire {original}"), "utf-8")
    project = load_project(mini_project)
    assert any(d.code == "E161" for d in _errors_at(project.diagnostics, "locales/fr.yml"))
    assert project.blocking() == []
    assert project.catalog.t("fr", "notice.read_original") == english.t("en", "notice.read_original")
    assert project.catalog.t("fr", "notice.fallback_title") == english.t("fr", "notice.fallback_title")  # others kept
    path.write_text(text.replace("notice:", "notice: [", 1), "utf-8")
    project = load_project(mini_project)
    assert _errors_at(project.diagnostics, "locales/fr.yml") and project.blocking() == []
    assert project.catalog.t("fr", "notice.fallback_title") == english.t("en", "notice.fallback_title")


def test_errors_in_an_english_source_still_block(mini_project: Path) -> None:
    path = mini_project / "guidelines/demo.yml"
    path.write_text(path.read_text("utf-8").replace("title: ", "title: [", 1), "utf-8")
    assert load_project(mini_project).blocking()


def test_started_translation_is_not_published_until_stamped(mini_project: Path) -> None:
    from build_tools.i18n.start import run_start

    rel = "content/good-practices/gp-demo.ar.md"
    assert run_start(mini_project, [mini_project / "content/good-practices/gp-demo.md"], ["ar"], False, False) == 0
    text = (mini_project / rel).read_text("utf-8")
    assert f"status: {IN_PROGRESS}" in text
    project = load_project(mini_project)
    assert "ar" not in project.good_practices["gp-demo"].translations  # the English is published, with its notice
    notice = translation_status.page_notice(project, "good-practices/gp-demo.md", "ar")
    assert notice is not None and notice.status == "fallback"
    report = _report(project, "ar", rel)
    assert report.state == IN_PROGRESS and report.withheld == IN_PROGRESS
    status = translation_status.language_status(project, ["ar"])[0]
    assert status.counts[IN_PROGRESS] == 1
    assert "in progress" in translation_status.status_text([status])
    assert translation_status.run_stamp(mini_project, [mini_project / rel]) == 0
    assert IN_PROGRESS not in (mini_project / rel).read_text("utf-8")
    project = load_project(mini_project)
    assert "ar" in project.good_practices["gp-demo"].translations
    assert _report(project, "ar", rel).state == "translated"


def test_started_yaml_translation_is_in_progress(mini_project: Path) -> None:
    from build_tools.i18n.start import run_start

    assert run_start(mini_project, [mini_project / "country_profiles/be.yml"], ["ar"], True, False) == 0
    project = load_project(mini_project)
    assert project.withheld["country_profiles/be.ar.yml"].reason == IN_PROGRESS
    assert _report(project, "ar", "country_profiles/be.ar.yml").state == IN_PROGRESS
    assert not [d for d in project.diagnostics if d.path == "country_profiles/be.ar.yml"
                and d.severity is Severity.ERROR]


@pytest.mark.slow
def test_broken_translation_files_leave_every_language_building(tmp_path: Path) -> None:
    """The sample site with a broken French guideline and an unsafe French case builds in 7 languages."""
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project")
    guideline = root / "guidelines/good-governance.fr.yml"
    guideline.write_text(guideline.read_text("utf-8").replace("\nparts:", "\nparts: [", 1), "utf-8")
    case = root / "content/good-practices/gp-ke-mobile-contributions.fr.md"
    case.write_text(case.read_text("utf-8") + "\n<script>alert(1)</script>\n", "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build"], cwd=root, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "guidelines/good-governance.fr.yml" in proc.stderr  # reported, with its line
    site = root / "site"
    for lang in ("fr", "de", "es", "ar", "ru", "zh"):
        assert (site / lang / "guidelines/good-governance/index.html").is_file(), lang
    fr_guideline = (site / "fr/guidelines/good-governance/index.html").read_text("utf-8")
    de_guideline = (site / "de/guidelines/good-governance/index.html").read_text("utf-8")
    assert "Good Governance" in fr_guideline and "ssa-notice" in fr_guideline  # English, with the notice
    assert "ssa-notice--fallback" not in de_guideline or "Gute" in de_guideline
    fr_case = (site / "fr/good-practices/gp-ke-mobile-contributions/index.html").read_text("utf-8")
    assert "<script>alert" not in fr_case and 'data-translation-status="fallback"' in fr_case
    other = (site / "fr/good-practices/gp-ma-board-risk-committee/index.html").read_text("utf-8")
    assert 'data-translation-status="fallback"' not in other  # the other French pages stay French
    # One <html lang> per language, with the script for Chinese (CLDR zh = zh-Hans).
    assert '<html lang="zh-Hans"' in (site / "zh/index.html").read_text("utf-8")
    # The Arabic status page isolates paths and English titles, and lists the withheld file.
    status = (site / "ar/status/index.html").read_text("utf-8")
    assert '<bdi dir="ltr"><code>guidelines/good-governance.fr.yml</code></bdi>' in status
    # The withheld file is listed under the Arabic "errors to fix" heading of the status page.
    arabic = yaml.safe_load(root.joinpath("locales/ar.yml").read_text("utf-8"))
    assert html.escape(arabic["status"]["errors_title"], quote=False) in status
    proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "validate"], cwd=root, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 1


def test_status_page_isolates_paths_and_english_titles_in_arabic(mini_project: Path) -> None:
    from build_tools.generate import generate_pages

    project = load_project(mini_project)
    page = next(p.text for p in generate_pages(project, ["ar"]) if p.path == "status/index.ar.md")
    assert '<bdi dir="ltr"><code>country_profiles/be.ar.yml</code></bdi>' in page
    assert re.search(r'<bdi lang="en" dir="ltr"><a href="[^"]+">', page)  # an English title inside Arabic text
    assert "<code>" not in page.replace('<bdi dir="ltr"><code>', "")  # every path is isolated


def test_html_lang_names_the_chinese_script() -> None:
    from build_tools.model.site_config import html_lang

    assert html_lang("zh") == "zh-Hans" and html_lang("ar") == "ar" and html_lang("pt_BR") == "pt-BR"
