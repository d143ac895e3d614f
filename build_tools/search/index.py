"""Build one language's search index as small static files, split so a first query stays small.

Layout under the language root (``site/search/`` for the default language, ``site/<lang>/search/``
otherwise)::

    manifest.json   analysis settings (stop words, stemmer, stem overrides), shard and chunk
                    counts, kind and context labels, a version hash for cache busting
    t/<n>.json      term shards: ``{term: [doc delta, score, doc delta, score, ...]}``
    d/<n>.json      document chunks: ``[[url, title, kind, context, excerpt, text key], ...]``
    x/<key>.txt     a document's text (its first 12,000 bytes of UTF-8), named by a hash of the text,
                    fetched only for the results shown, to cut an excerpt around the words that
                    matched and mark them

**Fallback pages** (issue 25). A page that a language shows in English (an untranslated case, an
untranslated principle inside a translated guideline) is browsable under that language's root, so
it is in that language's index too, analysed as English: the manifest's ``fallback`` names the
language and carries its analysis settings (stop words, stemmer, normalization), and
``doc_langs`` says, per document, whether it is one (``1``) or not (``0``). A query is then
analysed both ways; a fallback document matches the English analysis of each word, the others
the language's own. Only what a language needs is stored in its index: the fallback documents'
postings and rows, and their texts (which differ from the English page's: the page carries the
language's own notices and labels). Nothing else of the English index is copied.

The manifest also holds each document's kind (``doc_kinds``, one digit per document, an index
into ``kinds``), so the browser counts results per kind and filters by kind without loading
any chunk.

A term lives in shard ``fnv1a(key) % shards``, so the browser knows which shard holds a term
without loading the rest. The key is the term's first 2 code points (1 for CJK), so every term
sharing a two-letter prefix is in one shard; but a frequent prefix would make its shard heavy (at
portal scale a first query downloaded up to 529 KB, issue 25), so a key whose terms weigh more
than ``SPLIT_BYTES`` is **split**: its terms longer than the key move to the key one code point
longer (``co`` → ``con``, ``cou``…; a CJK character → its bigrams), up to keys of 4 letters. The
manifest lists the split keys (``split``), and the number of shards is chosen so the heaviest one
stays small. A word being typed that is itself a split key (``co``, ``养``) would need every shard
of its longer keys, so the index also writes one **prefix file** per split key,
``p/<code points in hex>.json``: the postings of every term starting with the key (the key itself
excepted), merged to the best score per document (what a prefix expansion keeps anyway), and,
for Latin keys, the same over terms at most ``STEM_GROWTH`` letters longer and not kept apart by
the stem overrides (the expansion of a stem).
Scores are BM25F (title ×4, headings ×2, context and body ×1; k1 = 1.2, b = 0.75) precomputed at
build time and stored as integers (score × 10), so the browser only adds numbers. A term of the
title also adds ``TITLE_BONUS × idf / (number of distinct title terms)``: the page whose title *is*
the query (the country profile "Kenya", the report titled by the words typed) ranks above pages
that only mention it, even many times (issue 25).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.search.analysis import SNOWBALL, Analyzer, is_cjk, normalization, stem_overrides, stop_words
from build_tools.search.extract import SearchDoc

FORMAT = 3
K1 = 1.2
B = 0.75
FIELD_WEIGHTS = (("title", 4), ("headings", 2), ("context", 1), ("body", 1))
TITLE_BONUS = 3.0
SHARD_TARGET_BYTES = 12_000
#: A shard key whose terms weigh more than this (raw JSON bytes) is split into longer keys.
SPLIT_BYTES = 6_000
#: The longest split key (a Latin key of 3 letters splits into keys of 4; a CJK character into bigrams).
MAX_SPLIT = 3
#: How many letters a stem expanded as a prefix may grow by (query.STEM_GROWTH, search/query.js).
STEM_GROWTH = 3
CHUNK_DOCS = 8
SEARCH_DIR = "search"
#: A result's text is fetched to cut its excerpt around the words that matched: its first
#: TEXT_BYTES of UTF-8 (a byte budget, not characters, so a Chinese text weighs what a Latin one
#: does: 10 texts are at most ~65 KB gzip of a first query at portal scale, issue 25). A match
#: further down a very long page (about 1 in 10 at portal scale) gets the page's first lines.
TEXT_BYTES = 12_000
#: Filter groups a reader can choose (kinds not listed count as "page").
FILTERS = ("principle", "checklist", "good-practice", "country", "report", "page")
_FILTER_OF = {"principle": "principle", "checklist": "checklist", "good-practice": "good-practice",
              "country-profile": "country", "report": "report"}


def filter_of(kind: str) -> str:
    """The reader's filter group of a document kind."""
    return _FILTER_OF.get(kind, "page")


def shard_key(term: str, split: frozenset[str] | set[str] = frozenset()) -> str:
    """The prefix that decides a term's shard (mirrored in search/analysis.js): its first 2 code
    points (1 for CJK), one longer for each split key it extends."""
    key = term[:1] if term and is_cjk(term[0]) else term[:2]
    while key in split and len(term) > len(key):
        key = term[:len(key) + 1]
    return key


def prefix_file(key: str) -> str:
    """The name of a split key's prefix file (mirrored in search/query.js)."""
    return "p/" + "-".join(f"{ord(c):x}" for c in key) + ".json"


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points (mirrored in search.js)."""
    value = 0x811C9DC5
    for char in text:
        value ^= ord(char)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def shard_of(term: str, shards: int, split: frozenset[str] | set[str] = frozenset()) -> int:
    """The shard number of a term."""
    return fnv1a(shard_key(term, split)) % shards


def _can_split(key: str) -> bool:
    return len(key) < (2 if is_cjk(key[0]) else MAX_SPLIT + 1)


def plan_shards(weights: dict[str, int], split_bytes: int = SPLIT_BYTES, shard_bytes: int = SHARD_TARGET_BYTES
                ) -> tuple[set[str], int]:
    """The split keys and the number of shards for terms of these weights (raw bytes).

    Keys heavier than ``split_bytes`` are split (see the module docstring); then, of the shard
    counts from the one that meets ``shard_bytes`` on average to a quarter more, the one whose
    heaviest shard is lightest is taken (keys are hashed, so counts differ in balance).
    """
    split: set[str] = set()
    groups: dict[str, list[str]] = {}
    for term in sorted(weights):
        groups.setdefault(shard_key(term), []).append(term)
    pending = sorted(groups)
    while pending:
        key = pending.pop()
        terms = groups[key]
        if sum(weights[t] for t in terms) <= split_bytes or not _can_split(key) or len(terms) < 2:
            continue
        split.add(key)
        groups[key] = [t for t in terms if len(t) == len(key)]
        for term in terms:
            if len(term) > len(key):
                longer = term[:len(key) + 1]
                if longer not in groups:
                    groups[longer] = []
                    pending.append(longer)
                groups[longer].append(term)
    key_weights = [(fnv1a(k), sum(weights[t] for t in ts)) for k, ts in groups.items() if ts]
    total = sum(w for _, w in key_weights)
    least = max(1, math.ceil(total / shard_bytes))
    best = (total + 1, least)
    for count in range(least, least + max(8, least // 4) + 1):
        bins = [0] * count
        for hashed, weight in key_weights:
            bins[hashed % count] += weight
        if max(bins) < best[0]:
            best = (max(bins), count)
    return split, best[1]


def prefix_postings(encoded: dict[str, list[int]], split: set[str], kept_apart: set[str]
                    ) -> dict[str, list[list[int]]]:
    """Each split key's prefix file: the merged postings (best score per document) of the terms it
    begins (itself excepted), then, for Latin keys, of those at most ``STEM_GROWTH`` letters longer
    and not kept apart by the stem overrides."""
    merged: dict[str, list[dict[int, int]]] = {key: [{}, {}] for key in split}
    for term, plist in encoded.items():
        targets: list[dict[int, int]] = []
        for size in range(1, min(len(term), MAX_SPLIT + 1)):
            key = term[:size]
            if key not in merged:
                continue
            targets.append(merged[key][0])
            if not is_cjk(key[0]) and len(term) - size <= STEM_GROWTH and term not in kept_apart:
                targets.append(merged[key][1])
        if not targets:
            continue
        doc = 0
        for i in range(0, len(plist), 2):
            doc += plist[i]
            score = plist[i + 1]
            for scores in targets:
                if score > scores.get(doc, 0):
                    scores[doc] = score
    out: dict[str, list[list[int]]] = {}
    for key, lists in merged.items():
        out[key] = []
        for scores in lists[:1] if is_cjk(key[0]) else lists:
            flat: list[int] = []
            previous = 0
            for doc in sorted(scores):
                flat.extend((doc - previous, scores[doc]))
                previous = doc
            out[key].append(flat)
    return out


@dataclass
class BuiltIndex:
    """What was written, for logs and benchmarks."""

    lang: str
    docs: int
    terms: int
    shards: int
    chunks: int
    bytes: int
    #: Each written file's name and digest: pass it back to :func:`write_index` to write only what changed.
    digests: dict[str, str] = field(default_factory=dict)
    written: int = 0


@dataclass(frozen=True)
class AnalyzedDoc:
    """A search document and its weighted index terms (analysed once, written by :func:`write_index`)."""

    doc: SearchDoc
    terms: Counter[str]
    length: int
    #: The distinct terms of the title (for the title bonus).
    title_terms: frozenset[str] = frozenset()
    #: The language the document was analysed in ("" = the index's own language).
    lang: str = ""


@dataclass(frozen=True)
class Fallback:
    """The language of the pages an index shows untranslated (the default language)."""

    lang: str


@functools.lru_cache(maxsize=2)
def analyzer_for(lang: str) -> Analyzer:
    """The analyzer of a language being indexed, kept while it is (its stemming cache then serves
    every page and every preview rebuild); a process builds its languages one after the other, each
    with its own language and the default language for fallback pages, so two are kept."""
    return Analyzer(lang)


def analyze(docs: Iterable[SearchDoc], lang: str, fallback_of: str = "") -> list[AnalyzedDoc]:
    """Turn documents into weighted terms (BM25F field weights: title ×4, headings ×2, others ×1).

    ``fallback_of``: the documents are ``lang`` pages shown in the index of that language.
    """
    analyzer = analyzer_for(lang)
    out: list[AnalyzedDoc] = []
    for doc in docs:
        counts: Counter[str] = Counter()
        for name, weight in FIELD_WEIGHTS:
            for term in analyzer.terms(getattr(doc, name), compounds=True):
                counts[term] += weight
        out.append(AnalyzedDoc(doc, counts, sum(counts.values()), frozenset(analyzer.terms(doc.title)),
                               lang if fallback_of else ""))
    return out


def text_key(text: str) -> str:
    """The name of a document's text file (a hash of the text, so equal texts share one name)."""
    return hashlib.blake2b(stored_text(text).encode("utf-8"), digest_size=6).hexdigest()


def stored_text(text: str) -> str:
    """The part of a document's text stored for excerpts: its first ``TEXT_BYTES`` of UTF-8,
    cut at a character boundary."""
    return text.encode("utf-8")[:TEXT_BYTES].decode("utf-8", errors="ignore")


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def build_index(docs: Iterable[SearchDoc], lang: str, out_dir: Path) -> BuiltIndex:
    """Write the search files for one language into ``out_dir`` (replaced entirely)."""
    return write_index(analyze(docs, lang), lang, out_dir)


def analysis_settings(lang: str) -> dict[str, object]:
    """What the browser needs to analyse a query like the index's text of ``lang``."""
    return {"stemmer": SNOWBALL.get(lang), "stop": sorted(stop_words(lang)), "normalize": normalization(lang),
            "stem_overrides": dict(sorted(stem_overrides(lang).items()))}


def write_index(analyzed: Iterable[AnalyzedDoc], lang: str, out_dir: Path,
                previous: dict[str, str] | None = None, fallback: Fallback | None = None,
                split_bytes: int = SPLIT_BYTES, shard_bytes: int = SHARD_TARGET_BYTES) -> BuiltIndex:
    """Write the search files of analysed documents into ``out_dir``.

    Without ``previous`` the folder is replaced entirely. With the ``digests`` of the index last
    written there (the live preview, after an edit), only files whose text changed are written and
    files no longer part of the index are removed. ``split_bytes`` and ``shard_bytes``: see
    :func:`plan_shards` (smaller in tests, to split a small index).
    """
    ordered = sorted(analyzed, key=lambda a: a.doc.url)
    lengths = [a.length for a in ordered]
    avg = (sum(lengths) / len(lengths)) if lengths else 1.0
    norms = [K1 * (1 - B + B * length / avg) for length in lengths]
    postings: dict[str, list[int]] = {}
    for doc_id, item in enumerate(ordered):
        for term in item.terms:
            postings.setdefault(term, []).append(doc_id)
    total = len(ordered)
    encoded: dict[str, list[int]] = {}
    for term, ids in postings.items():
        idf = math.log(1 + (total - len(ids) + 0.5) / (len(ids) + 0.5))
        out: list[int] = []
        previous_id = 0
        for doc_id in ids:
            item = ordered[doc_id]
            tf = item.terms[term]
            score = idf * tf * (K1 + 1) / (tf + norms[doc_id])
            if term in item.title_terms:
                score += TITLE_BONUS * idf / len(item.title_terms)
            out.extend((doc_id - previous_id, max(1, round(10 * score))))
            previous_id = doc_id
        encoded[term] = out
    split, shards = plan_shards({t: len(t) + len(_dump(v)) + 4 for t, v in encoded.items()}, split_bytes, shard_bytes)
    shard_terms: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term in sorted(encoded):
        shard_terms[shard_of(term, shards, split)][term] = encoded[term]
    kept_apart = set(stem_overrides(lang).values())

    docs = [a.doc for a in ordered]
    kinds = sorted({d.kind for d in docs})
    contexts = sorted({d.context for d in docs if d.context})
    keys = [text_key(d.body) for d in docs]
    rows = [[d.url, d.title, kinds.index(d.kind), contexts.index(d.context) if d.context else -1, d.excerpt(), key]
            for d, key in zip(docs, keys, strict=True)]
    chunks = [rows[i:i + CHUNK_DOCS] for i in range(0, len(rows), CHUNK_DOCS)]
    foreign = [bool(a.lang and a.lang != lang) for a in ordered]

    files: dict[str, str] = {}
    for i, shard in enumerate(shard_terms):
        files[f"t/{i}.json"] = _dump(shard)
    for key, lists in sorted(prefix_postings(encoded, split, kept_apart).items()):
        files[prefix_file(key)] = _dump(lists)
    for i, chunk in enumerate(chunks):
        files[f"d/{i}.json"] = _dump(chunk)
    for doc, key in zip(docs, keys, strict=True):
        files[f"x/{key}.txt"] = stored_text(doc.body)
    digest = hashlib.sha256("".join(files[k] for k in sorted(files)).encode()).hexdigest()[:12]
    manifest: dict[str, object] = {
        "format": FORMAT, "lang": lang, "version": digest, "docs": len(docs), "shards": shards,
        "split": sorted(split),
        "chunk": CHUNK_DOCS, "chunks": len(chunks), "kinds": kinds, "contexts": contexts,
        "filters": list(FILTERS), "doc_kinds": "".join(str(FILTERS.index(filter_of(d.kind))) for d in docs),
        **analysis_settings(lang),
    }
    if fallback is not None and any(foreign):
        manifest["fallback"] = {"lang": fallback.lang, **analysis_settings(fallback.lang)}
        manifest["doc_langs"] = "".join("1" if f else "0" for f in foreign)
    files["manifest.json"] = _dump(manifest)
    digests, size, written = _write_files(out_dir, files, previous)
    return BuiltIndex(lang, len(docs), len(encoded), shards, len(chunks), size, digests, written)


def _write_files(out_dir: Path, files: dict[str, str], previous: dict[str, str] | None
                 ) -> tuple[dict[str, str], int, int]:
    """Write ``files`` under ``out_dir``; returns (digests, bytes in the index, files written)."""
    digests: dict[str, str] = {}
    size = written = 0
    if previous is None or not out_dir.is_dir():
        if out_dir.exists():
            shutil.rmtree(out_dir)
        previous = {}
    for name in sorted(set(previous) - set(files)):
        (out_dir / name).unlink(missing_ok=True)
    # The manifest goes last: a browser that sees its new version finds the files it names.
    for name in sorted(files, key=lambda n: n == "manifest.json"):
        data = files[name].encode("utf-8")
        size += len(data)
        digests[name] = hashlib.blake2b(data, digest_size=16).hexdigest()
        if previous.get(name) == digests[name]:
            continue
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    return digests, size, written
