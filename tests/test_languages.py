"""The seven-language site: lang/dir, hreflang alternates, sitemap, language switcher, notices,
no third-party requests, and adding an eighth language with config, a locale file and content only."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

from build_tools.model.site_config import html_lang

LANGUAGES = {"fr": "ltr", "de": "ltr", "es": "ltr", "ar": "rtl", "ru": "ltr", "zh": "ltr"}
SITE_URL = "https://standards.example.org/"
DEEP = "guidelines/good-governance/"
# An untranslated principle (or its statement) inside a translated guideline page is marked English.
ENGLISH_PRINCIPLE = re.compile(r'class="ssa-(?:principle|statement)"[^>]*\blang="en"')


def _html(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text("utf-8")


def _html_tag(text: str) -> str:
    match = re.search(r"<html\b[^>]*>", text)
    assert match, "no <html> tag"
    return match.group(0)


def test_home_pages_have_lang_and_dir(built_site: Path) -> None:
    tag = _html_tag((built_site / "index.html").read_text("utf-8"))
    assert 'lang="en"' in tag and 'dir="ltr"' in tag
    for lang, direction in LANGUAGES.items():
        tag = _html_tag(_html(built_site, lang))
        assert f'lang="{html_lang(lang)}"' in tag and f'dir="{direction}"' in tag, (lang, tag)


def test_hreflang_alternates_with_x_default(built_site: Path) -> None:
    """Every language version of a deep page, plus x-default (English), resolved from the page URL.

    They stay relative in the page (Material's JavaScript fetches sitemap.xml next to each one, so
    production URLs would leave a local preview); the sitemap carries the absolute ones.
    """
    for prefix in ("", "fr/", "ar/"):
        head = _html(built_site, prefix + DEEP).split("</head>")[0]
        pairs = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', head)
        links = {lang: urljoin(SITE_URL + prefix + DEEP, href) for href, lang in pairs}
        assert links["x-default"] == SITE_URL + DEEP
        assert links["en"] == SITE_URL + DEEP
        for lang in LANGUAGES:
            assert links[lang] == f"{SITE_URL}{lang}/{DEEP}", (prefix, lang)


def test_sitemap_lists_alternates_and_x_default(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    assert sitemap.startswith("<?xml")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    deep = [e for e in entries if f"<loc>{SITE_URL}ar/{DEEP}</loc>" in e]
    assert len(deep) == 1
    for lang in ["en", *LANGUAGES, "x-default"]:
        assert f'hreflang="{lang}"' in deep[0], lang
    assert f'hreflang="x-default" href="{SITE_URL}{DEEP}"' in deep[0]
    assert all('hreflang="x-default"' in e for e in entries)


def test_language_switcher_leads_to_the_same_page_with_autonyms(built_site: Path) -> None:
    text = _html(built_site, "de/" + DEEP)
    links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"[^>]*class="md-select__link"[^>]*>\s*([^<]+?)\s*</a>',
                       text)
    by_lang = {lang: (href, name) for href, lang, name in links}
    assert by_lang["en"][0] == "../../../" + DEEP
    assert by_lang["fr"] == ("../../../fr/" + DEEP, "Français")
    assert by_lang["ar"][1] == "العربية" and by_lang["zh"][1] == "中文" and by_lang["ru"][1] == "Русский"


@pytest.mark.parametrize("rel,status", [
    ("de/about", "fallback"),                                    # no about.de.md: English with a notice
    ("ar/guidelines/ict", "fallback"),                           # no Arabic guideline translation: partial
    ("fr/guidelines/good-governance", "outdated"),               # one principle changed in English
    ("es/self-assessment/good-governance", "outdated"),
    ("fr/good-practices/gp-ke-mobile-contributions", "outdated"),
    ("ar/countries/ma", "outdated"),                              # one profile field changed in English
])
def test_notices(built_site: Path, rel: str, status: str) -> None:
    text = _html(built_site, rel)
    assert f'data-translation-status="{status}"' in text, rel
    notice = re.search(r"<aside class=\"ssa-notice.*?</aside>", text, re.S)
    assert notice and 'hreflang="en"' in notice.group(0)


def test_fallback_content_is_marked_english(built_site: Path) -> None:
    text = _html(built_site, "de/about")
    notice_end = text.index("</aside>")
    assert re.search(r'<div lang="en" dir="ltr">\s*<h1', text[notice_end:])
    assert "Diese Seite ist noch nicht auf Deutsch verfügbar" in text
    assert re.search(r'href="\.\./\.\./about/" hreflang="en"', text)
    arabic = _html(built_site, "ar/guidelines/ict")
    assert ENGLISH_PRINCIPLE.search(arabic), "untranslated principles are marked lang=en"


def test_up_to_date_translations_have_no_notice(built_site: Path) -> None:
    for rel in ("fr/about", "zh/good-practices/gp-jp-reserve-fund-governance", "fr", "de/guidelines", ""):
        assert "data-translation-status" not in _html(built_site, rel), rel


def test_status_page_in_every_language(built_site: Path) -> None:
    for prefix in ["", *(f"{lang}/" for lang in LANGUAGES)]:
        text = _html(built_site, prefix + "status")
        for lang in LANGUAGES:
            assert f'id="lang-{lang}"' in text, (prefix, lang)
        assert "<progress" in text, prefix
    english = _html(built_site, "status")
    assert "Conflicts of interest" in english and 'href="../guidelines/good-governance/"' in english


def test_no_third_party_urls_in_pages(built_site: Path) -> None:
    pattern = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*?\s(?:src|href)="(https?:)?//([^/"]+)', re.I)
    offenders: set[str] = set()
    for path in built_site.rglob("*.html"):
        for match in pattern.finditer(path.read_text("utf-8")):
            host = match.group(2)
            tag = match.group(0)
            if 'rel="alternate"' in tag or 'rel="canonical"' in tag:
                assert host == "standards.example.org", tag  # links about this site, never fetched
                continue
            offenders.add(f"{path.relative_to(built_site)}: {tag}")
    assert not offenders, sorted(offenders)[:10]
    css = "".join(p.read_text("utf-8") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


# -- an eighth language -------------------------------------------------------------------------------

PT_LOCALE = """\
# Partial on purpose: every missing key falls back to English with a W163 warning.
site:
  name: Portal de Normas de Segurança Social
notice:
  fallback_title: Ainda não traduzido
  fallback: Esta página ainda não está disponível em {language}. Abaixo está o original em inglês.
  outdated_title: Tradução desatualizada
  read_original: Ler o original em inglês
"""

PT_ABOUT = """\
---
title: Sobre este portal
---
# Sobre este portal

Este é um portal ilustrativo. A associação publica as suas diretrizes em edições; o inglês é o
texto de referência.
"""


def _add_language(mkdocs_yml: Path, code: str, name: str) -> None:
    lines = mkdocs_yml.read_text("utf-8").splitlines(keepends=True)
    last = max(i for i, line in enumerate(lines) if line.strip().startswith("- locale:"))
    indent = len(lines[last]) - len(lines[last].lstrip())
    end = last + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    pad = " " * indent
    lines[end:end] = [f"{pad}- locale: {code}\n", f"{pad}  name: {name}\n", f"{pad}  build: true\n"]
    mkdocs_yml.write_text("".join(lines), "utf-8")


@pytest.mark.slow
def test_an_eighth_language_needs_only_config_a_locale_file_and_content(tmp_path: Path) -> None:
    """Portuguese is added without touching build_tools/: the copy has no code, only project files."""
    from conftest import copy_project

    root = tmp_path / "project"
    root.mkdir()
    copy_project(root)
    assert not (root / "build_tools").exists()
    _add_language(root / "mkdocs.yml", "pt", "Português")
    (root / "locales" / "pt.yml").write_text(PT_LOCALE, "utf-8")
    (root / "content" / "about.pt.md").write_text(PT_ABOUT, "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    stamp = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "translations", "stamp",
                            "content/about.pt.md"], cwd=root, env=env, capture_output=True, text=True)
    assert stamp.returncode == 0, stamp.stderr
    proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build", "--lang", "pt"],
                          cwd=root, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert "locales/pt.yml:1:1 W163" in proc.stderr
    assert " E1" not in proc.stderr.replace("ERROR", "")
    site = root / "site"
    home = (site / "pt" / "index.html").read_text("utf-8")
    assert 'lang="pt"' in _html_tag(home) and 'dir="ltr"' in _html_tag(home)
    assert 'class="ssa-home' in home  # the front page is generated for the new language too
    report = (site / "pt" / "reports" / "rp-board-effectiveness-2023" / "index.html").read_text("utf-8")
    assert 'data-translation-status="fallback"' in report and "Esta página ainda não está disponível em português" in report
    about = (site / "pt" / "about" / "index.html").read_text("utf-8")
    assert "Sobre este portal" in about and "data-translation-status" not in about
    guideline = (site / "pt" / "guidelines" / "good-governance" / "index.html").read_text("utf-8")
    assert ENGLISH_PRINCIPLE.search(guideline)
    english = (site / "about" / "index.html").read_text("utf-8")
    assert '<link rel="alternate" href="../pt/about/" hreflang="pt">' in english
    assert re.search(r'hreflang="pt"[^>]*>\s*Português\s*<', english)
    status = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "translations", "--format", "json"],
                            cwd=root, capture_output=True, text=True)
    data = json.loads(status.stdout)
    assert set(data) == {*LANGUAGES, "pt"}
    assert [i["id"] for i in data["pt"]["translated"]] == ["about"]
