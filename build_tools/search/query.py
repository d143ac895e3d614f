"""Run a query against a built index, exactly as ``overrides/assets/js/search.js`` does.

Used by the relevance tests and the benchmark; the browser tests check that the JavaScript
returns the same pages.

Query semantics: the query is analyzed like indexed text. Every term must match (AND); the last
word, while still being typed (no trailing space), also matches index terms that start with it,
or stems it has grown past by up to three letters (scored ×0.6), and is optional if it is a stop
word. A single CJK character matches bigrams that start with it. If no document has every term,
documents matching the most terms are returned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.search.analysis import Analyzer, is_word_char, normalize, tokenize
from build_tools.search.index import FILTERS, shard_of

PREFIX_WEIGHT = 0.6
MAX_RESULTS = 10


def prefix_match(term: str, prefix: str) -> bool:
    """Whether an index term matches the word being typed: it starts with it, or it is the stem the
    typed word is growing past (``interoper`` for ``interoperab``: at most 3 letters shorter)."""
    return term.startswith(prefix) or (prefix.startswith(term) and len(term) >= max(4, len(prefix) - 3))


@dataclass
class Group:
    """One query word: an exact term and the prefixes it may also match."""

    exact: str | None
    prefixes: list[str] = field(default_factory=list)
    optional: bool = False


@dataclass
class Result:
    """One ranked result."""

    url: str
    title: str
    kind: str
    context: str
    excerpt: str
    score: float


def parse(query: str, analyzer: Analyzer, stops: set[str]) -> list[Group]:
    """Turn a query string into term groups."""
    norm = normalize(query, analyzer.lang)
    tokens = tokenize(norm)
    open_end = bool(norm) and is_word_char(norm[-1])
    groups: list[Group] = []
    for i, token in enumerate(tokens):
        last = open_end and i == len(tokens) - 1
        if token.cjk:
            if last and len(token.text) == 1:
                groups.append(Group(token.text, [token.text]))
            else:
                groups.append(Group(token.text))
            continue
        stop = token.text in stops
        if stop and not last:
            continue
        stem = analyzer.stem(token.text)
        prefixes = sorted({p for p in (token.text, stem) if len(p) >= 2}) if last else []
        groups.append(Group(None if stop else stem, prefixes, optional=stop))
    return groups


class Searcher:
    """Loads a language's index files on demand, like the browser does."""

    def __init__(self, search_dir: Path) -> None:
        self.dir = search_dir
        self.manifest = json.loads((search_dir / "manifest.json").read_text(encoding="utf-8"))
        self.analyzer = Analyzer(self.manifest["lang"])
        self.stops = set(self.manifest["stop"])
        self.shards: dict[int, dict[str, list[int]]] = {}
        self.chunks: dict[int, list[list[object]]] = {}
        self.fetched: list[str] = ["manifest.json"]

    def _shard(self, number: int) -> dict[str, list[int]]:
        if number not in self.shards:
            name = f"t/{number}.json"
            self.fetched.append(name)
            self.shards[number] = json.loads((self.dir / name).read_text(encoding="utf-8"))
        return self.shards[number]

    def _chunk(self, number: int) -> list[list[object]]:
        if number not in self.chunks:
            name = f"d/{number}.json"
            self.fetched.append(name)
            self.chunks[number] = json.loads((self.dir / name).read_text(encoding="utf-8"))
        return self.chunks[number]

    def _postings(self, term: str) -> dict[int, float]:
        plist = self._shard(shard_of(term, self.manifest["shards"])).get(term, [])
        out: dict[int, float] = {}
        doc = 0
        for i in range(0, len(plist), 2):
            doc += plist[i]
            out[doc] = float(plist[i + 1])
        return out

    def _group_scores(self, group: Group) -> dict[int, float]:
        scores: dict[int, float] = dict(self._postings(group.exact)) if group.exact else {}
        for prefix in group.prefixes:
            for term in self._shard(shard_of(prefix, self.manifest["shards"])):
                if term != group.exact and prefix_match(term, prefix):
                    for doc, score in self._postings(term).items():
                        value = score * PREFIX_WEIGHT
                        if value > scores.get(doc, 0.0):
                            scores[doc] = value
        return scores

    def search(self, query: str, limit: int = MAX_RESULTS, kind: str = "") -> list[Result]:
        """Ranked results for a query (only those of one filter group if ``kind`` is given)."""
        ranked = self._ranked(query)
        if kind:
            ranked = [item for item in ranked if self.filter_of(item[0]) == kind]
        return self._results(ranked[:limit])

    def doc_id(self, url: str) -> int:
        """The number of the document with this URL (its text is ``x/<number>.txt``)."""
        if not hasattr(self, "_ids"):
            rows: list[list[object]] = []
            for number in range(self.manifest["chunks"]):
                rows.extend(self._chunk(number))
            self._ids = {str(row[0]): i for i, row in enumerate(rows)}
        return self._ids[url]

    def filter_of(self, doc: int) -> str:
        """The filter group (principle, checklist, good-practice, country, report, page) of a document."""
        return str(self.manifest["filters"][int(self.manifest["doc_kinds"][doc])])

    def counts(self, query: str) -> dict[str, int]:
        """How many results a query has in each filter group (groups without results are left out)."""
        out = dict.fromkeys(FILTERS, 0)
        for doc, _ in self._ranked(query):
            out[self.filter_of(doc)] += 1
        return {k: v for k, v in out.items() if v}

    def _ranked(self, query: str) -> list[tuple[int, tuple[int, float]]]:
        groups = parse(query, self.analyzer, self.stops)
        if not groups:
            return []
        per_group = [self._group_scores(g) for g in groups]
        required = [s for g, s in zip(groups, per_group, strict=True) if not g.optional]
        totals: dict[int, tuple[int, float]] = {}
        for scores in per_group:
            for doc, score in scores.items():
                count, total = totals.get(doc, (0, 0.0))
                totals[doc] = (count, total + score)
        for scores in required:
            for doc in scores:
                count, total = totals[doc]
                totals[doc] = (count + 1, total)
        ranked = sorted(totals.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
        if required and ranked and ranked[0][1][0] == len(required):
            ranked = [item for item in ranked if item[1][0] == len(required)]
        return ranked

    def _results(self, ranked: list[tuple[int, tuple[int, float]]]) -> list[Result]:
        results: list[Result] = []
        chunk_size = self.manifest["chunk"]
        for doc, (_count, score) in ranked:
            row = self._chunk(doc // chunk_size)[doc % chunk_size]
            url, title, kind, context, excerpt = row
            results.append(Result(str(url), str(title), self.manifest["kinds"][int(kind)],  # type: ignore[call-overload]
                                  self.manifest["contexts"][context] if int(context) >= 0 else "",  # type: ignore[call-overload]
                                  str(excerpt), round(score, 1)))
        return results
