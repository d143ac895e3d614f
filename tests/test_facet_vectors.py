"""The vectors the JavaScript facet rules are tested against (tests/js/facets.test.js) are what the
Python oracle (build_tools.generate.facets) computes today: regenerate with
``python -m build_tools.generate.facet_vectors`` after a change."""

from __future__ import annotations

from pathlib import Path

from build_tools.generate import facet_vectors

REPO = Path(__file__).resolve().parents[1]


def test_committed_facet_vectors_are_current(tmp_path: Path) -> None:
    facet_vectors.write(tmp_path)
    committed = REPO / "tests/js/fixtures/facets/vectors.json"
    assert committed.read_text(encoding="utf-8") == (tmp_path / "vectors.json").read_text(encoding="utf-8"), (
        "stale facet vectors: run python -m build_tools.generate.facet_vectors")


def test_vectors_cover_or_within_a_facet_and_and_across_facets() -> None:
    rows = facet_vectors.vectors()["selections"]
    by_selection = {str(sorted(r["selection"].items())): r for r in rows}
    africa = by_selection[str([("region", ["africa"])])]
    both = by_selection[str([("region", ["africa", "europe"])])]
    assert set(africa["cases"]) < set(both["cases"])  # OR within a facet widens
    narrowed = by_selection[str([("region", ["africa"]), ("year", ["2023"])])]
    assert set(narrowed["cases"]) < set(africa["cases"])  # AND across facets narrows
    # a value's count ignores its own facet's selection: europe still counts with africa chosen
    regions = [v for v, _ in facet_vectors.OPTIONS["region"]]
    assert africa["counts"]["region"][regions.index("europe")] == 2
