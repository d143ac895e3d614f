"""Valid HTML (issue 18): the W3C Nu Html Checker finds no error on any page type in any language.

The checker is ``vnu-jar`` from npm, pinned in package.json/package-lock.json and installed by
``make node-tools`` (a step of ``make test``); it needs Java. It runs once over every page type in
all seven languages of the built sample site, and must report zero errors (warnings are allowed).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ("en", "fr", "de", "es", "ar", "ru", "zh")
PAGE_TYPES = {
    "home": "",
    "guideline-index": "guidelines/",
    "guideline": "guidelines/good-governance/",
    "guideline-untranslated": "guidelines/ict/",  # English headings and Latin labels isolated in RTL
    "checklist-index": "self-assessment/",
    "checklist": "self-assessment/good-governance/",
    "country-index": "countries/",
    "region": "countries/europe/",
    "country-profile": "countries/fr/",
    "comparison": "countries/compare/",
    "good-practice-listing": "good-practices/",
    "good-practice": "good-practices/gp-ke-mobile-contributions/",
    "report-listing": "reports/",
    "report": "reports/rp-digital-inclusion-2025/",
    "about": "about/",
    "translation-status": "status/",
}


def page_files(site: Path) -> list[Path]:
    """Every page type in every language, plus each language's 404 page."""
    files = []
    for lang in LANGUAGES:
        prefix = site if lang == "en" else site / lang
        files += [prefix / path / "index.html" for path in PAGE_TYPES.values()] + [prefix / "404.html"]
    return files


def vnu_errors(files: list[Path]) -> list[str]:
    """Errors the Nu checker reports for ``files``, as ``file:line: message`` lines."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("the Nu Html Checker needs Java and node_modules/vnu-jar: run `make node-tools`")
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(proc.stderr or proc.stdout or '{"messages": []}')
    return [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m.get('message')}"
            for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_every_page_type_in_every_language_is_valid_html(built_site: Path) -> None:
    files = page_files(built_site)
    missing = [str(f.relative_to(built_site)) for f in files if not f.is_file()]
    assert not missing, f"page types missing from the built site: {missing}"
    errors = vnu_errors(files)
    assert errors == [], f"{len(errors)} HTML error(s):\n" + "\n".join(errors[:40])


def test_the_checker_reports_errors(tmp_path: Path) -> None:
    """The check can fail: a page with the errors issue 18 found is reported."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><head><title>x</title></head><body>'
                   '<input type="checkbox" id="t" autocomplete="off"><label for="nowhere">x</label>'
                   '<input type="search" role="combobox" aria-expanded="false"></body></html>', encoding="utf-8")
    errors = vnu_errors([bad])
    assert any("autocomplete" in e for e in errors)
    assert any("combobox" in e or "“search”" in e for e in errors)
    assert any("for" in e and "label" in e for e in errors)
