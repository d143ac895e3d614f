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
