"""The vectors the JavaScript search is tested against (tests/js/search.test.js) are what the Python
indexer writes today: regenerate with ``python -m build_tools.search.vectors`` after a change."""

from __future__ import annotations

from pathlib import Path

from build_tools.search import vectors

REPO = Path(__file__).resolve().parents[1]


def test_committed_search_vectors_are_current(tmp_path: Path) -> None:
    vectors.write(tmp_path / "search")
    committed = REPO / "tests/js/fixtures/search"
    fresh = {p.relative_to(tmp_path / "search"): p.read_bytes() for p in (tmp_path / "search").rglob("*") if p.is_file()}
    old = {p.relative_to(committed): p.read_bytes() for p in committed.rglob("*") if p.is_file()}
    assert sorted(map(str, fresh)) == sorted(map(str, old)), "run: python -m build_tools.search.vectors"
    stale = [str(name) for name, data in fresh.items() if old[name] != data]
    assert not stale, f"stale search vectors {stale}: run python -m build_tools.search.vectors"


def test_split_shards_and_prefix_files_change_no_result(tmp_path: Path) -> None:
    """Issue 25: splitting shard keys (every key that can be, here) and answering short prefixes
    from prefix files gives the same results and scores as one shard per two-letter prefix, for
    the vector queries and for every one- to four-letter prefix of every indexed term (and it + "s"), typed
    alone, after a word, or finished (a trailing space)."""
    from build_tools.search.index import Fallback, analyze, write_index
    from build_tools.search.query import Searcher

    for name, (lang, docs, fallbacks) in vectors.INDEXES.items():
        analyzed = analyze(docs, lang) + analyze(fallbacks, "en", fallback_of=lang)
        fallback = Fallback("en") if fallbacks else None
        write_index(analyzed, lang, tmp_path / name, fallback=fallback, split_bytes=10**9)
        write_index(analyzed, lang, tmp_path / "split" / name, fallback=fallback,
                    split_bytes=vectors.SPLIT_SETTINGS["split_bytes"], shard_bytes=vectors.SPLIT_SETTINGS["shard_bytes"])
        plain, split = Searcher(tmp_path / name), Searcher(tmp_path / "split" / name)
        assert split.manifest["split"] and not plain.manifest["split"]
        assert (tmp_path / "split" / name / "p").is_dir()
        terms = {t for a in analyzed for t in a.terms}
        # a stem that is a split key, grown by a letter ("rats" -> "rat"), takes the stem expansion
        prefixes = sorted({t[:n] + end for t in terms for n in (1, 2, 3, 4) for end in ("", "s")})
        queries = vectors.QUERIES[name] + prefixes + [p + " " for p in prefixes] + [f"{docs[0].title} {p}" for p in prefixes]
        for query in queries:
            assert vectors.rank(split, [query]) == vectors.rank(plain, [query]), query
