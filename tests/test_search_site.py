"""Search on the built sample site: one index per language, only its language, relevance set, sizes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.search_sizes import first_query_bytes, language_dirs
from build_tools.search.query import Searcher
from tests.search_relevance import FIRST, KNOWN_MISSES, NOT_FIRST, NOT_MATCHED, RELEVANCE

LANGS = ("en", "fr", "de", "es", "ar", "ru", "zh")


def _dir(site: Path, lang: str) -> Path:
    return site / "search" if lang == "en" else site / lang / "search"


@pytest.mark.slow
def test_one_index_per_language_under_its_root(built_site: Path) -> None:
    assert set(language_dirs(built_site)) == set(LANGS)
    for lang in LANGS:
        manifest = json.loads((_dir(built_site, lang) / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["lang"] == lang
    assert not list(built_site.rglob("search_index.json"))


def _all_docs(folder: Path) -> list[list[object]]:
    rows: list[list[object]] = []
    for chunk in sorted((folder / "d").glob("*.json"), key=lambda p: int(p.stem)):
        rows.extend(json.loads(chunk.read_text(encoding="utf-8")))
    return rows


@pytest.mark.slow
def test_every_browsable_page_is_in_every_index_fallbacks_marked_english(built_site: Path) -> None:
    en_urls = {str(r[0]) for r in _all_docs(_dir(built_site, "en"))}
    for lang in LANGS[1:]:
        folder = _dir(built_site, lang)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        rows = _all_docs(folder)
        urls = [str(r[0]) for r in rows]
        # every page (and principle) of the English index is browsable here, so it is indexed here
        assert set(urls) == en_urls, (lang, en_urls ^ set(urls))
        assert manifest["fallback"]["lang"] == "en" and len(manifest["doc_langs"]) == len(rows)
        # good practices without a translation in this language are fallback copies, marked English
        gp_sources = {p.stem.split(".")[0] for p in (built_site.parent / "content/good-practices").glob(f"*.{lang}.md")}
        for url, in_english in zip(urls, manifest["doc_langs"], strict=True):
            if url.startswith("good-practices/gp-"):
                assert (in_english == "0") == (url.split("/")[1] in gp_sources), (lang, url)
        # each document's text is in the index (excerpts), fallbacks included
        assert all((folder / "x" / f"{r[5]}.txt").is_file() for r in rows)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_relevance_set_expected_page_in_top_five(built_site: Path, lang: str) -> None:
    searcher = Searcher(_dir(built_site, lang))
    cases = RELEVANCE[lang]
    assert len(cases) >= 12
    misses = []
    for query, expected in cases:
        top = [r.url for r in searcher.search(query)[:5]]
        if expected not in top:
            misses.append((query, expected, top))
    assert {q for q, _e, _t in misses} == KNOWN_MISSES.get(lang, set()), misses
    for query, expected in FIRST.get(lang, []):
        assert searcher.search(query)[0].url == expected, (query, [r.url for r in searcher.search(query)])
    for query, wrong in NOT_FIRST.get(lang, []):
        assert searcher.search(query)[0].url != wrong, query
    for query, wrong in NOT_MATCHED.get(lang, []):
        assert wrong not in [r.url for r in searcher.search(query, limit=1000)], query


@pytest.mark.slow
def test_kind_counts_and_filter(built_site: Path) -> None:
    searcher = Searcher(_dir(built_site, "en"))
    counts = searcher.counts("board")
    assert counts["principle"] > 0 and set(counts) <= {"principle", "checklist", "good-practice", "country", "report", "page"}
    principles = searcher.search("board", limit=100, kind="principle")
    assert len(principles) == counts["principle"] and all(r.kind == "principle" for r in principles)
    assert sum(counts.values()) == len(searcher.search("board", limit=1000))


@pytest.mark.slow
def test_result_texts_are_shipped_for_excerpts(built_site: Path) -> None:
    folder = _dir(built_site, "zh")
    rows = _all_docs(folder)
    row = next(row for row in rows if str(row[0]) == "good-practices/gp-cn-cross-province-portability/")
    # The row's last field is its text key: texts are named by a hash of the text.
    assert "全国交换平台" in (folder / "x" / f"{row[-1]}.txt").read_text(encoding="utf-8")  # 交换<strong>平台</strong>


@pytest.mark.slow
def test_results_carry_type_and_context(built_site: Path) -> None:
    result = Searcher(_dir(built_site, "en")).search("board roles")[0]
    assert result.kind == "principle" and result.context == "Good Governance"
    assert result.url.startswith("guidelines/good-governance/#")
    gp = Searcher(_dir(built_site, "en")).search("mobile money contributions")[0]
    assert gp.kind == "good-practice" and "Kenya" in gp.context


@pytest.mark.slow
def test_first_query_download_sizes(built_site: Path) -> None:
    sizes = first_query_bytes(built_site)
    assert set(sizes) == set(LANGS)
    for figures in sizes.values():
        assert 0 < figures["sample"] <= figures["max"]
        assert figures["max"] < 555_000
