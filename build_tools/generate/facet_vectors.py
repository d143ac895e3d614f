"""Test vectors for the browser's facet filters, written by the Python oracle (issue 26).

``python -m build_tools.generate.facet_vectors [FOLDER]`` (default ``tests/js/fixtures/facets``)
writes ``vectors.json``: a facet document as :func:`~build_tools.generate.facets.encode` writes it
for the site (``data``), and selections with what :mod:`build_tools.generate.facets` computes for
them: the IDs of the matching cases and, per facet, the count next to each value (the cases that
would match if that value were chosen too: disjunctive faceting).

``tests/js/facets.test.js`` checks ``overrides/assets/js/facets/model.js`` against this file in
Node, and ``tests/test_facet_vectors.py`` checks that it is what this module writes today.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from build_tools.generate.facets import FACETS, Case, counts, encode, select

DEFAULT_FOLDER = Path("tests/js/fixtures/facets")


def _case(cid: str, guideline: tuple[str, ...], country: tuple[str, ...], region: tuple[str, ...], year: str,
          award: str, topic: tuple[str, ...]) -> Case:
    return Case(cid, {"guideline": guideline, "country": country, "region": region, "year": (year,),
                      "award": (award,), "topic": topic})


CASES = [
    _case("gp-ke-mobile", ("ict",), ("KE",), ("africa",), "2024", "winner", ("contribution-collection", "ict")),
    _case("gp-ma-amo", ("good-governance", "ict"), ("MA",), ("africa",), "2023", "none", ("health",)),
    _case("gp-br-rural", ("good-governance",), ("BR",), ("americas",), "2024", "special-mention", ("pensions",)),
    _case("gp-cn-transfer", ("ict", "service-quality"), ("CN",), ("asia-pacific",), "2022", "certificate-of-merit",
          ("pensions", "ict")),
    _case("gp-se-parental", ("service-quality",), ("SE",), ("europe",), "2024", "winner", ("family",)),
    _case("gp-nordic", ("good-governance",), ("SE", "NO", "DK"), ("europe",), "2021", "none", ()),
    _case("gp-ke-ma", ("ict",), ("KE", "MA"), ("africa",), "2023", "winner", ("ict", "health")),
]
#: Values of each facet in display order, with their labels (what ``facets.options`` gives a language).
OPTIONS: dict[str, list[tuple[str, str]]] = {
    "guideline": [("good-governance", "Bonne gouvernance"), ("ict", "ICT"), ("service-quality", "Qualité du service")],
    "country": [("BR", "Brésil"), ("CN", "Chine"), ("DK", "Danemark"), ("KE", "Kenya"), ("MA", "Maroc"),
                ("NO", "Norvège"), ("SE", "Suède")],
    "region": [("africa", "Afrique"), ("americas", "Amériques"), ("asia-pacific", "Asie et Pacifique"),
               ("europe", "Europe")],
    "year": [("2024", "2024"), ("2023", "2023"), ("2022", "2022"), ("2021", "2021")],
    "award": [("winner", "Lauréat"), ("special-mention", "Mention spéciale"),
              ("certificate-of-merit", "Certificat de mérite"), ("none", "Sans prix")],
    "topic": [("contribution-collection", "Recouvrement des cotisations"), ("family", "Famille"),
              ("health", "Santé"), ("ict", "TIC"), ("pensions", "Pensions")],
}
LABELS = {f: f"facet {f}" for f in FACETS}
#: Values shown in English (an untranslated guideline title): indexes into OPTIONS.
ENGLISH = {"guideline": [1]}
SELECTIONS: list[dict[str, list[str]]] = [
    {},
    {"region": ["africa"]},
    {"region": ["africa", "europe"]},
    {"region": ["africa"], "year": ["2023"]},
    {"topic": ["ict"], "guideline": ["ict"]},
    {"country": ["SE"], "award": ["winner", "none"]},
    {"country": ["KE"], "topic": ["health", "contribution-collection"], "year": ["2024", "2023"]},
    {"guideline": ["service-quality"], "region": ["americas"]},
    {"award": ["special-mention"], "country": ["CN"]},
]


def vectors() -> dict[str, Any]:
    """The facet document and, per selection, the matching case IDs and every value's count."""
    data = encode(CASES, OPTIONS, LABELS, "fr", "en", ENGLISH)
    out = []
    for selection in SELECTIONS:
        tally = counts(CASES, selection)
        out.append({"selection": selection, "cases": [c.id for c in select(CASES, selection)],
                    "counts": {f: [tally[f].get(v, 0) for v, _ in OPTIONS[f]] for f in FACETS}})
    return {"data": data, "selections": out}


def write(folder: Path) -> None:
    """Write ``vectors.json`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vectors.json").write_text(json.dumps(vectors(), ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER)
