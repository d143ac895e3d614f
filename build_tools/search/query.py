"""The test oracle of the browser's query logic (``overrides/assets/js/search/query.js``).

The site runs only the JavaScript. This module states the same rules in Python so that the
Python side can write ranking vectors (``build_tools.search.vectors``) that the JavaScript is
checked against in Node (``tests/js/search.test.js``), and so the benchmark can size a first
query without a browser.

Query semantics: the query is analyzed like indexed text. Every term must match (AND); the last
word, while still being typed (no trailing space), also matches index terms that start with it
as typed, or stems it has grown past by up to three letters, or terms that extend its stem by at
most three letters (a typo at the end: "Transparens"), all scored ×0.6, and is optional if it is a
stop word. A stem is not expanded further, nor into a stem that the overrides table keeps apart
on purpose: ru "пенсии" → "пенс" must not match "пенсионер", fr "retraite" → "retrait" not
"retraité" (issue 25). A single CJK character
matches bigrams that start with it. If no document has every term, documents matching the most
terms are returned. In an index with fallback documents (pages shown in the default language),
each word is also analysed as the default language, and a fallback document matches that term.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.search.analysis import Analyzer, is_word_char, normalize, tokenize
from build_tools.search.index import FILTERS, STEM_GROWTH, prefix_file, shard_of

PREFIX_WEIGHT = 0.6
MAX_RESULTS = 10


def prefix_match(term: str, prefix: str, growth: int = -1) -> bool:
    """Whether an index term matches the word being typed: it starts with it (growing by at most
    ``growth`` letters unless that is -1), or it is the stem the typed word is growing past
    (``interoper`` for ``interoperab``: at most 3 letters shorter)."""
    if term.startswith(prefix):
        return growth < 0 or len(term) - len(prefix) <= growth
    return prefix.startswith(term) and len(term) >= max(4, len(prefix) - 3)


@dataclass
class Group:
    """One query word: an exact term, its term in the fallback language, and prefixes it may also
    match (``(prefix, growth)``, growth -1 = any)."""

    exact: str | None
    prefixes: list[tuple[str, int]] = field(default_factory=list)
    optional: bool = False
    alt: str | None = None


@dataclass
class Result:
    """One ranked result."""

    url: str
    title: str
    kind: str
    context: str
    excerpt: str
    score: float
    lang: str = ""


def parse(query: str, analyzer: Analyzer, stops: set[str],
          fallback: tuple[Analyzer, set[str]] | None = None) -> list[Group]:
    """Turn a query string into term groups (``fallback``: the default language's analyzer and stop
    words, for an index with fallback documents)."""
    norm = normalize(query, analyzer.lang)
    tokens = tokenize(norm)
    open_end = bool(norm) and is_word_char(norm[-1])
    groups: list[Group] = []
    for i, token in enumerate(tokens):
        last = open_end and i == len(tokens) - 1
        if token.cjk:
            if last and len(token.text) == 1:
                groups.append(Group(token.text, [(token.text, -1)], alt=token.text))
            else:
                groups.append(Group(token.text, alt=token.text))
            continue
        stop = token.text in stops
        if stop and not last:
            continue
        stem = analyzer.stem(token.text)
        prefixes: list[tuple[str, int]] = []
        if last:
            if len(token.text) >= 2:
                prefixes.append((token.text, -1))
            if stem != token.text and len(stem) >= 2:
                prefixes.append((stem, STEM_GROWTH))
        alt = None
        if fallback is not None:
            other, other_stops = fallback
            word = normalize(token.text, other.lang)
            alt = None if word in other_stops else other.stem(word)
        groups.append(Group(None if stop else stem, prefixes, optional=stop, alt=alt))
    return groups


class Searcher:
    """Loads a language's index files on demand, like the browser does."""

    def __init__(self, search_dir: Path) -> None:
        self.dir = search_dir
        self.manifest = json.loads((search_dir / "manifest.json").read_text(encoding="utf-8"))
        self.analyzer = Analyzer(self.manifest["lang"])
        self.stops = set(self.manifest["stop"])
        other = self.manifest.get("fallback")
        self.fallback = (Analyzer(other["lang"]), set(other["stop"])) if other else None
        self.doc_langs: str = self.manifest.get("doc_langs", "")
        self.kept_apart = set(self.manifest["stem_overrides"].values())
        self.split: frozenset[str] = frozenset(self.manifest.get("split", ()))
        self.shards: dict[int, dict[str, list[int]]] = {}
        self.prefixes: dict[str, list[list[int]]] = {}
        self.chunks: dict[int, list[list[object]]] = {}
        self.fetched: list[str] = ["manifest.json"]

    def _shard(self, number: int) -> dict[str, list[int]]:
        if number not in self.shards:
            name = f"t/{number}.json"
            self.fetched.append(name)
            self.shards[number] = json.loads((self.dir / name).read_text(encoding="utf-8"))
        return self.shards[number]

    def _prefix_file(self, key: str) -> list[list[int]]:
        if key not in self.prefixes:
            name = prefix_file(key)
            self.fetched.append(name)
            self.prefixes[key] = json.loads((self.dir / name).read_text(encoding="utf-8"))
        return self.prefixes[key]

    def _chunk(self, number: int) -> list[list[object]]:
        if number not in self.chunks:
            name = f"d/{number}.json"
            self.fetched.append(name)
            self.chunks[number] = json.loads((self.dir / name).read_text(encoding="utf-8"))
        return self.chunks[number]

    def _term_shard(self, term: str) -> dict[str, list[int]]:
        return self._shard(shard_of(term, self.manifest["shards"], self.split))

    def _postings(self, term: str) -> dict[int, float]:
        return self._decode(self._term_shard(term).get(term, []))

    @staticmethod
    def _decode(plist: list[int]) -> dict[int, float]:
        out: dict[int, float] = {}
        doc = 0
        for i in range(0, len(plist), 2):
            doc += plist[i]
            out[doc] = float(plist[i + 1])
        return out

    def _foreign(self, doc: int) -> bool:
        return bool(self.doc_langs) and self.doc_langs[doc] == "1"

    def _group_scores(self, group: Group) -> dict[int, float]:
        scores: dict[int, float] = {}
        if group.exact:
            scores.update((d, s) for d, s in self._postings(group.exact).items() if not self._foreign(d))
        if group.alt and self.doc_langs:
            scores.update((d, s) for d, s in self._postings(group.alt).items() if self._foreign(d))
        exact = {group.exact, group.alt}
        for prefix, growth in group.prefixes:
            if prefix in self.split:
                # the terms it begins are spread over the shards of longer keys: their merged
                # postings are in the prefix file; the prefix itself, a term too, is not
                lists = [self._decode(p) for p in self._prefix_file(prefix)]
                merged = [lists[0] if growth < 0 else lists[-1]]
                if prefix not in exact and (growth < 0 or prefix not in self.kept_apart):
                    merged.append(self._postings(prefix))
                for postings in merged:
                    for doc, score in postings.items():
                        value = score * PREFIX_WEIGHT
                        if value > scores.get(doc, 0.0):
                            scores[doc] = value
                continue
            for term in self._term_shard(prefix):
                if term in exact or (growth >= 0 and term in self.kept_apart):
                    continue
                if prefix_match(term, prefix, growth):
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

    def text_path(self, url: str) -> Path:
        """The file holding the text of the document with this URL."""
        if not hasattr(self, "_rows"):
            rows: list[list[object]] = []
            for number in range(self.manifest["chunks"]):
                rows.extend(self._chunk(number))
            self._rows = {str(row[0]): (i, str(row[5])) for i, row in enumerate(rows)}
        return self.dir / "x" / f"{self._rows[url][1]}.txt"

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
        groups = parse(query, self.analyzer, self.stops, self.fallback)
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
            url, title, kind, context, excerpt, _key = row
            results.append(Result(str(url), str(title), self.manifest["kinds"][int(kind)],  # type: ignore[call-overload]
                                  self.manifest["contexts"][context] if int(context) >= 0 else "",  # type: ignore[call-overload]
                                  str(excerpt), round(score, 1),
                                  self.manifest["fallback"]["lang"] if self._foreign(doc) else self.manifest["lang"]))
        return results
