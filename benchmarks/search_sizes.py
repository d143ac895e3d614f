"""What a reader downloads for a first search, per language (used by tests and the benchmark).

``first_query_bytes(site_dir)`` returns, for every language index found under ``site_dir``, the
gzip-compressed bytes of the files a browser fetches for its first query: the search script
(loaded with the page), the manifest, the Snowball stemmer and its base class, the term shards the query
touches, the document chunks of the results shown and their texts (for the excerpts). It reports both a measured sample query
and an upper bound for any one- or two-word query (the 4 largest term files: shards or prefix
files of split keys, the largest chunks and texts of the results shown).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from build_tools.search.index import SEARCH_DIR
from build_tools.search.query import MAX_RESULTS, Searcher

ASSETS = ("assets/js/search.js",)
STEMMERS = "assets/js/snowball"
#: One sample query per language for the "typical" first query (multi-word, with stemming).
SAMPLE_QUERIES = {
    "en": "pension contributions", "fr": "cotisations de retraite", "de": "Rentenbeiträge",
    "es": "cotizaciones de pensiones", "ar": "اشتراكات التقاعد", "ru": "пенсионные взносы", "zh": "养老保险",
}


def gzip_size(path: Path) -> int:
    """Size of a file after gzip -9 (what a server sending gzip transfers, give or take headers)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def language_dirs(site_dir: Path) -> dict[str, Path]:
    """Every language's search folder under a built site, keyed by language code."""
    found: dict[str, Path] = {}
    for manifest in sorted(site_dir.glob(f"*/{SEARCH_DIR}/manifest.json")) + [site_dir / SEARCH_DIR / "manifest.json"]:
        if manifest.exists():
            lang = json.loads(manifest.read_text(encoding="utf-8"))["lang"]
            found[lang] = manifest.parent
    return found


def first_query_bytes(site_dir: Path, queries: dict[str, str] | None = None) -> dict[str, dict[str, int]]:
    """Per language: gzip bytes of a sample first query (``sample``) and of the worst case (``max``)."""
    queries = {**SAMPLE_QUERIES, **(queries or {})}
    assets = sum(gzip_size(site_dir / a) for a in ASSETS if (site_dir / a).exists())
    out: dict[str, dict[str, int]] = {}
    for lang, folder in language_dirs(site_dir).items():
        searcher = Searcher(folder)
        algorithm = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["stemmer"]
        stemmer = (gzip_size(site_dir / STEMMERS / "base-stemmer.js") + gzip_size(site_dir / STEMMERS / f"{algorithm}-stemmer.js")
                   if algorithm else 0)
        base = gzip_size(folder / "manifest.json") + stemmer
        results = searcher.search(queries.get(lang, "social security"), limit=MAX_RESULTS)
        fetched = list(dict.fromkeys(searcher.fetched))  # before text_path() reads every chunk
        texts = sum(gzip_size(path) for path in (searcher.text_path(r.url) for r in results) if path.exists())
        sample = assets + stemmer + texts + sum(gzip_size(folder / name) for name in fetched)
        # term files: shards, and the prefix files of split keys (read instead of shards for a short prefix)
        term_files = [*(folder / "t").glob("*.json"), *(folder / "p").glob("*.json")]
        shard_sizes = sorted((gzip_size(p) for p in term_files), reverse=True)
        chunk_sizes = sorted((gzip_size(p) for p in (folder / "d").glob("*.json")), reverse=True)
        text_sizes = sorted((gzip_size(p) for p in (folder / "x").glob("*.txt")), reverse=True)
        worst = assets + base + sum(shard_sizes[:4]) + sum(chunk_sizes[:MAX_RESULTS]) + sum(text_sizes[:MAX_RESULTS])
        total = sum(gzip_size(p) for p in folder.rglob("*") if p.is_file())
        out[lang] = {"sample": sample, "max": worst, "index_total": total, "docs": searcher.manifest["docs"],
                     "shards": searcher.manifest["shards"], "chunks": searcher.manifest["chunks"]}
    return out
