"""Build one language's search index as small static files, split so a first query stays small.

Layout under the language root (``site/search/`` for the default language, ``site/<lang>/search/``
otherwise)::

    manifest.json   analysis settings (stop words, stemmer, stem overrides), shard and chunk
                    counts, kind and context labels, a version hash for cache busting
    t/<n>.json      term shards: ``{term: [doc delta, score, doc delta, score, ...]}``
    d/<n>.json      document chunks: ``[[url, title, kind, context, excerpt, text key], ...]``
    x/<key>.txt     a document's text (the first 20,000 characters), named by a hash of the text,
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

A term lives in shard ``fnv1a(first 2 code points, or 1 for CJK) % shards``, so the browser knows
which shard holds a term, and every term sharing a two-letter prefix, without loading the rest.
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

FORMAT = 2
K1 = 1.2
B = 0.75
FIELD_WEIGHTS = (("title", 4), ("headings", 2), ("context", 1), ("body", 1))
TITLE_BONUS = 3.0
SHARD_TARGET_BYTES = 48_000
CHUNK_DOCS = 16
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
    return hashlib.blake2b(text[:TEXT_CHARS].encode("utf-8"), digest_size=6).hexdigest()


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
                previous: dict[str, str] | None = None, fallback: Fallback | None = None) -> BuiltIndex:
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
            item = ordered[doc_id]
            tf = item.terms[term]
            score = idf * tf * (K1 + 1) / (tf + norms[doc_id])
            if term in item.title_terms:
                score += TITLE_BONUS * idf / len(item.title_terms)
            out.extend((doc_id - previous_id, max(1, round(10 * score))))
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
    keys = [text_key(d.body) for d in docs]
    rows = [[d.url, d.title, kinds.index(d.kind), contexts.index(d.context) if d.context else -1, d.excerpt(), key]
            for d, key in zip(docs, keys, strict=True)]
    chunks = [rows[i:i + CHUNK_DOCS] for i in range(0, len(rows), CHUNK_DOCS)]
    foreign = [bool(a.lang and a.lang != lang) for a in ordered]

    files: dict[str, str] = {}
    for i, shard in enumerate(shard_terms):
        files[f"t/{i}.json"] = _dump(shard)
    for i, chunk in enumerate(chunks):
        files[f"d/{i}.json"] = _dump(chunk)
    for doc, key in zip(docs, keys, strict=True):
        files[f"x/{key}.txt"] = doc.body[:TEXT_CHARS]
    digest = hashlib.sha256("".join(files[k] for k in sorted(files)).encode()).hexdigest()[:12]
    manifest: dict[str, object] = {
        "format": FORMAT, "lang": lang, "version": digest, "docs": len(docs), "shards": shards,
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
