"""The worst first query stays small as the corpus grows (issue 25), measured at small scale with
the benchmark's own measure (``benchmarks.search_sizes.first_query_bytes``) on synthetic text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks import corpus
from benchmarks.search_sizes import first_query_bytes
from build_tools.search.extract import SearchDoc
from build_tools.search.index import analyze, write_index

REPO = Path(__file__).resolve().parents[1]
#: The goal at portal scale (2,162 documents per language): any one- or two-word first query.
GOAL = 150_000


def _worst(root: Path, docs: int, **layout: int) -> dict[str, int]:
    """The worst first query (gzip bytes) per language over ``docs`` synthetic documents."""
    if root.exists():
        shutil.rmtree(root)
    (root / "assets" / "js").mkdir(parents=True)
    shutil.copytree(REPO / "overrides/assets/js/snowball", root / "assets/js/snowball")
    for lang in ("en", "zh"):
        found = []
        for i in range(docs):
            w = corpus.Writer(lang, 1, f"doc{i}")
            found.append(SearchDoc(f"cases/{i}/", w.title(), "good-practice", body=w.words(100, 500)))
        write_index(analyze(found, lang), lang, root / ("" if lang == "en" else lang) / "search", **layout)
    return {lang: figures["max"] for lang, figures in first_query_bytes(root).items()}


@pytest.mark.slow
def test_worst_first_query_stays_flat_as_the_corpus_grows(tmp_path: Path) -> None:
    """Four times the documents add at most 40 % to the worst first query (split shard keys and
    prefix files bound the term files a query reads, texts are capped; what grows is the manifest
    and the prefix files, one entry per document), and it stays under the portal goal. The layout
    before issue 25 (one shard per two-letter prefix, 48 KB shards) grew by 73 % (en) and 82 % (zh)."""
    small, large = _worst(tmp_path / "small", 100), _worst(tmp_path / "large", 400)
    for lang in ("en", "zh"):
        assert large[lang] <= 1.4 * small[lang], (lang, small[lang], large[lang])
        assert large[lang] < GOAL, (lang, large[lang])
    # the test can fail: without split keys and with larger shards, the worst query grows
    before_small = _worst(tmp_path / "before-small", 100, split_bytes=10**9, shard_bytes=48_000)
    before_large = _worst(tmp_path / "before-large", 400, split_bytes=10**9, shard_bytes=48_000)
    for lang in ("en", "zh"):
        assert before_large[lang] > 1.4 * before_small[lang], (lang, before_small[lang], before_large[lang])
