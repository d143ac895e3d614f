"""End-to-end: build the mini fixture site with the CLI and inspect the output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.model.site_config import html_lang


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build"], cwd=root, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import make_mini_project

    root = make_mini_project(tmp_path_factory.mktemp("e2e") / "mini")
    proc = _build(root)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "Traceback" not in proc.stderr
    return root


def test_languages_have_home_pages_with_lang_and_dir(mini_site: Path) -> None:
    site = mini_site / "site"
    for lang, prefix, direction in (("en", "", "ltr"), ("fr", "fr/", "ltr"), ("ar", "ar/", "rtl")):
        html = (site / prefix / "index.html").read_text("utf-8")
        tag = re.search(r"<html\b[^>]*>", html)
        assert tag is not None
        assert f'lang="{html_lang(lang)}"' in tag.group(0) and f'dir="{direction}"' in tag.group(0), tag.group(0)


def test_generated_pages_exist_in_every_language(mini_site: Path) -> None:
    site = mini_site / "site"
    for prefix in ("", "fr/", "ar/"):
        for page in ("guidelines/demo", "self-assessment/demo", "countries/lu", "good-practices/gp-demo",
                     "reports/rp-demo", "good-practices", "reports", "countries"):
            assert (site / prefix / page / "index.html").is_file(), f"{prefix}{page}"


def test_principle_anchors_and_partial_translation(mini_site: Path) -> None:
    fr = (mini_site / "site" / "fr" / "guidelines" / "demo" / "index.html").read_text("utf-8")
    for pid in ("dm-leadership", "dm-planning", "dm-access"):
        assert f'id="{pid}"' in fr and f'data-principle-id="{pid}"' in fr
    assert "Une direction claire" in fr
    # dm-planning is not translated: shown in English and marked as such
    article = re.search(r'<article[^>]*data-principle-id="dm-planning"[^>]*>', fr)
    assert article is not None and 'lang="en"' in article.group(0)


def test_untranslated_page_falls_back_with_notice(mini_site: Path) -> None:
    html = (mini_site / "site" / "ar" / "reports" / "rp-demo" / "index.html").read_text("utf-8")
    assert 'data-translation-status="fallback"' in html
    assert '<div lang="en"' in html


def test_no_third_party_urls(mini_site: Path) -> None:
    html = (mini_site / "site" / "index.html").read_text("utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    srcs = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert all(s.startswith("https://mini.example.org") for s in srcs if "://" in s), srcs


def test_validation_error_stops_build_and_keeps_site(mini_site: Path) -> None:
    site_index = mini_site / "site" / "index.html"
    before = site_index.read_bytes()
    bad = mini_site / "content" / "good-practices" / "gp-bad.md"
    bad.write_text("---\nid: gp-bad\n---\n", encoding="utf-8")
    try:
        proc = _build(mini_site)
    finally:
        bad.unlink()
    assert proc.returncode == 1
    assert "content/good-practices/gp-bad.md:" in proc.stderr and "E120" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert site_index.read_bytes() == before
