"""The pipeline's pass over the built HTML (output/finish.py): per-language, idempotent, engine-free."""

from __future__ import annotations

import os
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.output.finish import PageLanguage, finish_page, finish_site, page_language
from build_tools.output.link_check import BuiltPage, BuiltSite

EN = PageLanguage("en", "en", "ltr", "Permanent link")
AR = PageLanguage("ar", "ar", "rtl", "رابط دائم")
ZH = PageLanguage("zh", "zh-Hans", "ltr", "永久链接")
LANGS = {"en": EN, "ar": AR, "zh": ZH}


def test_html_gets_the_language_tag_and_direction() -> None:
    page = '<!doctype html><html lang="zh" class="no-js" dir="ltr"><body dir="ltr"></body></html>'
    assert finish_page(page, ZH).startswith('<!doctype html><html lang="zh-Hans" class="no-js" dir="ltr">')
    assert '<html lang="ar" dir="rtl">' in finish_page("<html><body></body></html>", AR)


def test_tables_toggles_and_permalinks_are_finished() -> None:
    page = ('<html><input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
            '<table><tr><td>1</td></tr></table></html>')
    out = finish_page(page, AR)
    assert 'autocomplete' not in out
    assert 'title="رابط دائم"' in out and "Permanent link" not in out
    assert '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="ssa-table">' in out


def test_a_permalink_title_is_escaped() -> None:
    odd = PageLanguage("fr", "fr", "ltr", 'Lien "permanent" & <stable>')
    assert 'title="Lien &quot;permanent&quot; &amp; &lt;stable&gt;"' in finish_page(
        '<a title="Permanent link">¶</a>', odd)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='<>html ladir="x"tbecpu/', max_size=80), st.sampled_from([EN, AR, ZH]))
def test_fuzz_finishing_twice_changes_nothing(text: str, lang: PageLanguage) -> None:
    once = finish_page("<html>" + text, lang)
    assert finish_page(once, lang) == once


def test_each_file_is_finished_in_the_language_of_its_folder() -> None:
    assert page_language("index.html", LANGS, "en") is EN
    assert page_language("ar/index.html", LANGS, "en") is AR
    assert page_language("ar.html", LANGS, "en") is EN  # a file named like a language is not its folder
    assert page_language("zh/guidelines/ict/index.html", LANGS, "en") is ZH


def test_finish_site_limits_to_languages_and_recent_files(tmp_path: Path) -> None:
    for rel in ("index.html", "ar/index.html", "zh/index.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text('<html lang="x"><table></table></html>', "utf-8")
    old = time.time() - 100
    os.utime(tmp_path / "zh" / "index.html", (old, old))
    assert finish_site(tmp_path, LANGS, "en", only=["ar", "zh"], since=time.time() - 50) == 1
    assert (tmp_path / "ar" / "index.html").read_text("utf-8").startswith('<html lang="ar" dir="rtl">')
    assert (tmp_path / "zh" / "index.html").read_text("utf-8") == '<html lang="x"><table></table></html>'
    assert (tmp_path / "index.html").read_text("utf-8") == '<html lang="x"><table></table></html>'
    assert finish_site(tmp_path, LANGS, "en", only=["ar"]) == 0  # already finished: not rewritten


def test_finish_site_records_the_links_of_pages_with_a_known_source(tmp_path: Path) -> None:
    (tmp_path / "ar").mkdir()
    (tmp_path / "ar" / "index.html").write_text(
        '<html><article class="md-content__inner"><a href="gone/">x</a></article></html>', "utf-8")
    (tmp_path / "404.html").write_text('<html><a href="nowhere/">x</a></html>', "utf-8")
    built = BuiltSite()
    finish_site(tmp_path, LANGS, "en", sources={"ar/index.html": BuiltPage("content/index.ar.md", "")}, built=built)
    assert set(built.page_links) == {"ar/index.html"}
    (diag,) = built.check(tmp_path)
    assert diag.code == "E181" and "gone/" in diag.message


def test_a_file_that_is_not_utf8_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "odd.html").write_bytes(b"<html>\xff</html>")
    assert finish_site(tmp_path, LANGS, "en") == 0
    assert (tmp_path / "odd.html").read_bytes() == b"<html>\xff</html>"
