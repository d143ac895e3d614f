"""Build one language's search index as small static files, split so a first query stays small.

Layout under the language root (``site/search/`` for the default language, ``site/<lang>/search/``
otherwise)::

    manifest.json   analysis settings (stop words, stemmer), shard and chunk counts, kind and
                    context labels, a version hash for cache busting
    t/<n>.json      term shards: ``{term: [doc delta, score, doc delta, score, ...]}``
    d/<n>.json      document chunks: ``[[url, title, kind, context, excerpt], ...]``
    x/<doc>.txt     a document's text (the first 20,000 characters), fetched only for the results
                    shown, to cut an excerpt around the words that matched and mark them

The manifest also holds each document's kind (``doc_kinds``, one digit per document, an index
into ``kinds``), so the browser counts results per kind and filters by kind without loading
any chunk.

A term lives in shard ``fnv1a(first 2 code points, or 1 for CJK) % shards``, so the browser knows
which shard holds a term, and every term sharing a two-letter prefix, without loading the rest.
Scores are BM25F (title ×4, headings ×2, context and body ×1; k1 = 1.2, b = 0.75) precomputed at
build time and stored as integers (score × 10), so the browser only adds numbers.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from build_tools.search.analysis import SNOWBALL, Analyzer, is_cjk, normalization, stop_words
from build_tools.search.extract import SearchDoc

FORMAT = 1
K1 = 1.2
B = 0.75
FIELD_WEIGHTS = (("title", 4), ("headings", 2), ("context", 1), ("body", 1))
SHARD_TARGET_BYTES = 48_000
CHUNK_DOCS = 64
SEARCH_DIR = "search"
TEXT_CHARS = 20_000
#: Filter groups a reader can choose (kinds not listed count as "page").
FILTERS = ("principle", "checklist", "good-practice", "country", "report", "page")
_FILTER_OF = {"principle": "principle", "checklist": "checklist", "good-practice": "good-practice",
              "country-profile": "country", "report": "report"}


def filter_of(kind: str) -> str:
    """The reader's filter group of a document kind."""
    return _FILTER_OF.get(kind, "page")


def shard_key(term: str) -> str:
    """The prefix that decides a term's shard (mirrored in search.js)."""
    if term and is_cjk(term[0]):
        return term[:1]
    return term[:2]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over code points (mirrored in search.js)."""
    value = 0x811C9DC5
    for char in text:
        value ^= ord(char)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def shard_of(term: str, shards: int) -> int:
    """The shard number of a term."""
    return fnv1a(shard_key(term)) % shards


@dataclass
class BuiltIndex:
    """What was written, for logs and benchmarks."""

    lang: str
    docs: int
    terms: int
    shards: int
    chunks: int
    bytes: int


def _weighted_terms(doc: SearchDoc, analyzer: Analyzer) -> Counter[str]:
    counts: Counter[str] = Counter()
    for name, weight in FIELD_WEIGHTS:
        for term in analyzer.terms(getattr(doc, name)):
            counts[term] += weight
    return counts


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def build_index(docs: Iterable[SearchDoc], lang: str, out_dir: Path) -> BuiltIndex:
    """Write the search files for one language into ``out_dir`` (replaced entirely)."""
    analyzer = Analyzer(lang)
    ordered = sorted(docs, key=lambda d: d.url)
    vectors = [_weighted_terms(doc, analyzer) for doc in ordered]
    lengths = [sum(v.values()) for v in vectors]
    avg = (sum(lengths) / len(lengths)) if lengths else 1.0
    postings: dict[str, list[tuple[int, int]]] = {}
    for doc_id, vector in enumerate(vectors):
        for term in vector:
            postings.setdefault(term, []).append((doc_id, 0))
    total = len(ordered)
    for term, plist in postings.items():
        idf = math.log(1 + (total - len(plist) + 0.5) / (len(plist) + 0.5))
        scored = []
        for doc_id, _ in plist:
            tf = vectors[doc_id][term]
            norm = K1 * (1 - B + B * lengths[doc_id] / avg)
            scored.append((doc_id, max(1, round(10 * idf * tf * (K1 + 1) / (tf + norm)))))
        postings[term] = scored
    encoded = {term: _encode(plist) for term, plist in postings.items()}
    raw = sum(len(t) + len(_dump(v)) + 4 for t, v in encoded.items())
    shards = max(1, math.ceil(raw / SHARD_TARGET_BYTES))
    shard_terms: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term in sorted(encoded):
        shard_terms[shard_of(term, shards)][term] = encoded[term]

    kinds = sorted({d.kind for d in ordered})
    contexts = sorted({d.context for d in ordered if d.context})
    rows = [[d.url, d.title, kinds.index(d.kind), contexts.index(d.context) if d.context else -1, d.excerpt()]
            for d in ordered]
    chunks = [rows[i:i + CHUNK_DOCS] for i in range(0, len(rows), CHUNK_DOCS)]

    files: dict[str, str] = {}
    for i, shard in enumerate(shard_terms):
        files[f"t/{i}.json"] = _dump(shard)
    for i, chunk in enumerate(chunks):
        files[f"d/{i}.json"] = _dump(chunk)
    for i, doc in enumerate(ordered):
        files[f"x/{i}.txt"] = doc.body[:TEXT_CHARS]
    algorithm = SNOWBALL.get(lang)
    digest = hashlib.sha256("".join(files[k] for k in sorted(files)).encode()).hexdigest()[:12]
    manifest = {
        "format": FORMAT, "lang": lang, "version": digest, "docs": len(ordered), "shards": shards,
        "chunk": CHUNK_DOCS, "chunks": len(chunks), "stemmer": algorithm, "kinds": kinds, "contexts": contexts,
        "filters": list(FILTERS), "doc_kinds": "".join(str(FILTERS.index(filter_of(d.kind))) for d in ordered),
        "stop": sorted(stop_words(lang)), "normalize": normalization(lang),
    }
    files["manifest.json"] = _dump(manifest)

    if out_dir.exists():
        shutil.rmtree(out_dir)
    size = 0
    for name, text in files.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        size += len(data)
    return BuiltIndex(lang, len(ordered), len(encoded), shards, len(chunks), size)


def _encode(plist: list[tuple[int, int]]) -> list[int]:
    out: list[int] = []
    previous = 0
    for doc_id, score in plist:
        out.extend((doc_id - previous, score))
        previous = doc_id
    return out
