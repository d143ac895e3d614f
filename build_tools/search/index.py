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

import functools
import hashlib
import json
import math
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
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
    #: Each written file's name and digest: pass it back to :func:`write_index` to write only what changed.
    digests: dict[str, str] = field(default_factory=dict)
    written: int = 0


@dataclass(frozen=True)
class AnalyzedDoc:
    """A search document and its weighted index terms (analysed once, written by :func:`write_index`)."""

    doc: SearchDoc
    terms: Counter[str]
    length: int


@functools.lru_cache(maxsize=1)
def analyzer_for(lang: str) -> Analyzer:
    """The analyzer of the language being indexed, kept while it is (its stemming cache then serves
    every page and every preview rebuild); a process builds its languages one after the other, so
    only the last one is kept."""
    return Analyzer(lang)


def analyze(docs: Iterable[SearchDoc], lang: str) -> list[AnalyzedDoc]:
    """Turn documents into weighted terms (BM25F field weights: title ×4, headings ×2, others ×1)."""
    analyzer = analyzer_for(lang)
    out: list[AnalyzedDoc] = []
    for doc in docs:
        counts: Counter[str] = Counter()
        for name, weight in FIELD_WEIGHTS:
            for term in analyzer.terms(getattr(doc, name)):
                counts[term] += weight
        out.append(AnalyzedDoc(doc, counts, sum(counts.values())))
    return out


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def build_index(docs: Iterable[SearchDoc], lang: str, out_dir: Path) -> BuiltIndex:
    """Write the search files for one language into ``out_dir`` (replaced entirely)."""
    return write_index(analyze(docs, lang), lang, out_dir)


def write_index(analyzed: Iterable[AnalyzedDoc], lang: str, out_dir: Path,
                previous: dict[str, str] | None = None) -> BuiltIndex:
    """Write the search files of analysed documents into ``out_dir``.

    Without ``previous`` the folder is replaced entirely. With the ``digests`` of the index last
    written there (the live preview, after an edit), only files whose text changed are written and
    files no longer part of the index are removed.
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
            tf = ordered[doc_id].terms[term]
            out.extend((doc_id - previous_id, max(1, round(10 * idf * tf * (K1 + 1) / (tf + norms[doc_id])))))
            previous_id = doc_id
        encoded[term] = out
    raw = sum(len(t) + len(_dump(v)) + 4 for t, v in encoded.items())
    shards = max(1, math.ceil(raw / SHARD_TARGET_BYTES))
    shard_terms: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term in sorted(encoded):
        shard_terms[shard_of(term, shards)][term] = encoded[term]

    docs = [a.doc for a in ordered]
    kinds = sorted({d.kind for d in docs})
    contexts = sorted({d.context for d in docs if d.context})
    rows = [[d.url, d.title, kinds.index(d.kind), contexts.index(d.context) if d.context else -1, d.excerpt()]
            for d in docs]
    chunks = [rows[i:i + CHUNK_DOCS] for i in range(0, len(rows), CHUNK_DOCS)]

    files: dict[str, str] = {}
    for i, shard in enumerate(shard_terms):
        files[f"t/{i}.json"] = _dump(shard)
    for i, chunk in enumerate(chunks):
        files[f"d/{i}.json"] = _dump(chunk)
    for i, doc in enumerate(docs):
        files[f"x/{i}.txt"] = doc.body[:TEXT_CHARS]
    algorithm = SNOWBALL.get(lang)
    digest = hashlib.sha256("".join(files[k] for k in sorted(files)).encode()).hexdigest()[:12]
    manifest = {
        "format": FORMAT, "lang": lang, "version": digest, "docs": len(docs), "shards": shards,
        "chunk": CHUNK_DOCS, "chunks": len(chunks), "stemmer": algorithm, "kinds": kinds, "contexts": contexts,
        "filters": list(FILTERS), "doc_kinds": "".join(str(FILTERS.index(filter_of(d.kind))) for d in docs),
        "stop": sorted(stop_words(lang)), "normalize": normalization(lang),
    }
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
