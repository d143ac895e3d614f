"""Test vectors for the browser's search code, written by the Python indexer (issue 26).

``python -m build_tools.search.vectors [FOLDER]`` (default ``tests/js/fixtures/search``) writes:

- ``analysis.json``: per language, texts and the index terms :class:`~build_tools.search.analysis.Analyzer`
  gives them (normalization, tokenization, CJK bigrams, stop words, Snowball stems and the
  stem overrides), plus shard numbers of terms;
- ``<name>/``: small indexes written by :func:`~build_tools.search.index.write_index` from fixed
  documents (one with fallback documents in English, one German with compounds, one Chinese),
  and ``<name>-split/``: the same documents with every shard key split that can be (issue 25:
  prefix files, longer keys), whose ranking must equal the unsplit index's;
- ``ranking.json``: per index, queries and the ranked results of the Python oracle
  (:mod:`build_tools.search.query`): paths, scores, languages and counts per kind.

``tests/js/search.test.js`` checks the JavaScript modules against these files in Node, and
``tests/test_search_vectors.py`` checks that the files are what this module writes today, so the
two sides cannot drift apart unnoticed.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from build_tools.search.analysis import Analyzer, normalize, tokenize
from build_tools.search.extract import SearchDoc
from build_tools.search.index import SHARD_TARGET_BYTES, SPLIT_BYTES, Fallback, analyze, shard_of, write_index
from build_tools.search.query import Searcher

DEFAULT_FOLDER = Path("tests/js/fixtures/search")

TEXTS: dict[str, list[str]] = {
    "en": ["The board's roles and responsibilities", "Interoperability of systems", "Pensions, contributions; 2024",
           "Transparency and accountability", "work-injury claims"],
    "fr": ["La gouvernance du gouvernement", "retraite et retraités", "Équilibre actuariel des régimes",
           "conflits d'intérêts", "Protection des données"],
    "de": ["Verwaltungsratsmitglieder und Sozialversicherung", "Jahresbericht der Rentenversicherung",
           "Transparenz", "Personalentwicklung"],
    "es": ["pensión y pensionistas", "Planificación estratégica", "código de conducta"],
    "ar": ["إِدَارَةُ الـمؤسسة", "الشفافية", "شفافية المؤسسة", "مستشفى", "المغرب"],
    "ru": ["Годовая отчётность", "пенсии и пенсионеров", "конфликт интересов"],
    "zh": ["养老保险关系跨省转移", "交换平台 ICT 2024", "中"],
}

#: Small indexes: (language, documents, documents of the default language shown untranslated).
INDEXES: dict[str, tuple[str, list[SearchDoc], list[SearchDoc]]] = {
    "fr-fallback": ("fr", [
        SearchDoc("countries/ke/", "Kenya", "country-profile", body="Retraite et cotisations au Kenya."),
        SearchDoc("guidelines/gg/#gg-board", "Composition du conseil", "principle", context="Bonne gouvernance",
                  body="Représentation des employeurs, des travailleurs et des retraités."),
        SearchDoc("guidelines/gg/#gg-gov", "Relations avec le gouvernement", "principle", context="Bonne gouvernance",
                  body="Le gouvernement nomme les membres."),
        SearchDoc("guidelines/gg/", "Bonne gouvernance", "guideline", body="La gouvernance des institutions."),
        SearchDoc("good-practices/gp-ke/", "Paiement mobile au Kenya", "good-practice", context="Kenya",
                  body="Les cotisations par paiement mobile, au Kenya, pour les retraites futures."),
    ], [
        SearchDoc("good-practices/gp-se/", "Proactive parental benefit", "good-practice", context="Suède",
                  body="Parents receive the parental benefit without an application."),
        SearchDoc("guidelines/ict/#ict-interop", "Interoperability", "principle", context="TIC",
                  body="Systems exchange data through shared standards; interoperability is planned."),
    ]),
    "de-compounds": ("de", [
        SearchDoc("guidelines/gg/#gg-roles", "Aufgaben des Verwaltungsrats", "principle",
                  body="Die Ratsmitglieder beschließen die Strategie."),
        SearchDoc("countries/de/", "Deutschland", "country-profile",
                  body="Gesetzliche Rentenversicherung und Sozialversicherung für Arbeitnehmer."),
        SearchDoc("guidelines/gg/#gg-transparency", "Transparenz", "principle", body="Offenheit gegenüber allen."),
    ], []),
    "zh": ("zh", [
        SearchDoc("good-practices/gp-cn/", "养老保险关系跨省网上转移", "good-practice", context="中国",
                  body="全国交换平台统一标准。"),
        SearchDoc("countries/cn/", "中国", "country-profile", body="养老保险和医疗保险。"),
        SearchDoc("reports/pensions/", "养老金改革", "report", body="养老服务、养育津贴和保险制度。中国的保障。"),
    ], []),
}

QUERIES: dict[str, list[str]] = {
    "fr-fallback": ["Kenya", "retraite", "gouvernance", "gouv", "parental", "interoperab", "interoperability ",
                    "cotisations retraite", "zzz", "le ", "co", "re", "pa", "go", "pr", "retraités", "Kenya co",
                    "gou", "ret", "par", "le", "pays", "cotis"],
    "de-compounds": ["Rat", "Versicherung", "Transparens", "Verwaltungsrat", "Rentenversicherung ", "Ve", "Ra",
                     "Tr", "Ren", "Transparenz Ge", "Rats"],
    "zh": ["养老", "养", "交换平台", "中国", "中", "保", "全国 养"],
}
#: The split variant of every index: split_bytes=1 splits every key that can be split.
SPLIT_SUFFIX = "-split"
SPLIT_SETTINGS: dict[str, int] = {"split_bytes": 1, "shard_bytes": 300}


def analysis_vectors() -> dict[str, list[dict[str, object]]]:
    """Per language: each text's normalized form, tokens and index terms."""
    out: dict[str, list[dict[str, object]]] = {}
    for lang, texts in TEXTS.items():
        analyzer = Analyzer(lang)
        rows: list[dict[str, object]] = []
        for text in texts:
            norm = normalize(text, lang)
            terms = analyzer.terms(text)
            rows.append({"text": text, "normalized": norm, "tokens": [t.text for t in tokenize(norm)],
                         "terms": terms, "shards": {t: shard_of(t, 7) for t in terms}})
        out[lang] = rows
    return out


def rank(searcher: Searcher, queries: list[str]) -> list[dict[str, object]]:
    """The oracle's results (path, score, language) and counts per kind of each query."""
    return [{"query": query,
             "results": [{"path": r.url, "score": r.score, "lang": r.lang} for r in searcher.search(query, limit=100)],
             "counts": searcher.counts(query)}
            for query in queries]


def write(folder: Path) -> None:
    """Write every vector file into ``folder`` (replaced)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "analysis.json").write_text(json.dumps(analysis_vectors(), ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    ranking: dict[str, list[dict[str, object]]] = {}
    for name, (lang, docs, fallbacks) in INDEXES.items():
        analyzed = analyze(docs, lang) + analyze(fallbacks, "en", fallback_of=lang)
        for variant, settings in ((name, {}), (name + SPLIT_SUFFIX, SPLIT_SETTINGS)):
            write_index(analyzed, lang, folder / variant, fallback=Fallback("en") if fallbacks else None,
                        split_bytes=settings.get("split_bytes", SPLIT_BYTES),
                        shard_bytes=settings.get("shard_bytes", SHARD_TARGET_BYTES))
            ranking[variant] = rank(Searcher(folder / variant), QUERIES[name])
    (folder / "ranking.json").write_text(json.dumps(ranking, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER)
