"""Pagefind over a copy of the built site, for the engine comparison of the benchmark (issue 14).

The site's search is the project's own engine (``build_tools/search``); Pagefind was measured
against it and lost on the time to a first result (BENCHMARKS.md, README "Search"). This module
keeps that comparison reproducible: :func:`prepare_copy` copies a built site and marks, on each
page the project's index holds, the content as ``data-pagefind-body`` with its kind as a filter
(so both engines index the same pages: no fallback copies, no listings), ignores elements in
another language, and swaps in ``benchmarks/pagefind_search.js``: the same dialog driving
Pagefind's JavaScript API. :func:`index_site` then runs Pagefind (``pagefind[extended]``:
Snowball stemming for en, fr, de, es, ru, ar, segmentation for zh), one index per language from
``<html lang>``.

Two things are done for Pagefind here:

- **One result per guideline principle.** A guideline page's principles
  (``<article data-principle-id>``) are excluded from the page's own record and each is added as
  its own record whose URL is the principle's anchor, with the kind ``principle`` and the
  guideline's title as context. Principles marked with another language (untranslated) are
  skipped.
- **Byte-identical output.** Pagefind writes ``pagefind-entry.json`` with its languages in hash
  order, which changes from run to run; it is rewritten with sorted keys (same JSON object).
  The reader-interface files that the site does not use (``pagefind-ui.*`` and friends) are
  removed.
"""

from __future__ import annotations

import functools
import html as htmllib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BUNDLE_DIR = "pagefind"
#: Principle records, written inside the site for Pagefind and removed right after.
RECORDS_DIR = "_search-records"
#: Never indexed: permalink signs, metadata boxes, related-practice lists, script-only widgets,
#: and on guideline pages the principles (they are records of their own).
EXCLUDE = [".headerlink", ".ssa-meta", ".ssa-related", "[data-ssa-js-only]", "nav", "form", "button",
           ".ssa-principle", ".ssa-notice"]
#: Bundle files the site's own search dialog does not use.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")

_HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"")
_BODY = re.compile(r"data-pagefind-body")
_ARTICLE_BODY = '<article class="md-content__inner md-typeset">'
_LANG_TAG = re.compile(r"<([a-zA-Z][\w-]*)(\s[^>]*?\blang=\"([^\"]+)\"[^>]*)>")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_ARTICLE = re.compile(r"<article\b([^>]*)>")
_PRINCIPLE_ID = re.compile(r"\bdata-principle-id=\"([^\"]+)\"")
_H4 = re.compile(r"<h4\b[^>]*>(.*?)</h4>", re.S)
_TAG = re.compile(r"<[^>]+>")
_HEADERLINK = re.compile(r"<a class=\"headerlink\"[^>]*>.*?</a>", re.S)
_OTHER_LANG = re.compile(r"\blang=\"([^\"]+)\"")


@dataclass
class IndexedSite:
    """What Pagefind wrote, for logs and the benchmark."""

    pages: int
    principles: int
    bytes: int


def _text(fragment: str) -> str:
    return " ".join(htmllib.unescape(_TAG.sub(" ", _HEADERLINK.sub("", fragment))).split())


def principle_records(page_html: str, page_url: str) -> list[tuple[str, str]]:
    """``(anchor, html document)`` for each principle of a rendered guideline page in its own language.

    Articles never nest (the guideline template writes them one after another), so each runs to
    the next ``</article>``.
    """
    lang_match = _HTML_LANG.search(page_html)
    if lang_match is None or _BODY.search(page_html) is None:
        return []
    lang = lang_match.group(1)
    h1 = _H1.search(page_html)
    guideline = _text(h1.group(1)) if h1 else ""
    records = []
    for match in _ARTICLE.finditer(page_html):
        attrs = match.group(1)
        principle = _PRINCIPLE_ID.search(attrs)
        if principle is None or "ssa-principle" not in attrs:
            continue
        anchor = principle.group(1)
        other = _OTHER_LANG.search(attrs)
        if other and other.group(1).split("-")[0] != lang.split("-")[0]:
            continue  # untranslated: shown in English on this page, not searchable in this language
        end = page_html.find("</article>", match.end())
        inner = page_html[match.end():end if end >= 0 else len(page_html)]
        heading = _H4.search(inner)
        title = _text(heading.group(1)) if heading else anchor
        records.append((anchor, (
            f'<!DOCTYPE html><html lang="{lang}"><head><title>{htmllib.escape(title)}</title></head><body>'
            f'<div data-pagefind-body data-pagefind-filter="kind:principle">'
            f'<data value="{htmllib.escape(title)}" data-pagefind-meta="title[value]"></data>'
            f'<data value="{htmllib.escape(guideline)}" data-pagefind-meta="context[value]"></data>'
            f'<data value="{htmllib.escape(page_url)}#{anchor}" data-pagefind-meta="link[value]"></data>'
            f"{inner}</div></body></html>")))
    return records


def _page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _write_records(site: Path, records: Path) -> int:
    """One HTML file per principle under ``records`` (inside the site, removed after indexing)."""
    count = 0
    for path in sorted(site.glob("**/guidelines/*/index.html")):
        url = _page_url(site, path)
        for anchor, document in principle_records(path.read_text("utf-8"), url):
            target = records / path.parent.relative_to(site) / anchor / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document, "utf-8")
            count += 1
    return count


def index_site(site: Path) -> IndexedSite:
    """Write the Pagefind bundle for the built site in ``site`` (replacing any earlier one).

    Pagefind's command line runs to completion; its Python service API was not used because its
    client reads one answer per 0.1 s (2,000 principles would take minutes) and stops the
    service 5 s after the last call, which cut a WebAssembly file short on a loaded machine.
    """
    out = site / BUNDLE_DIR
    if out.exists():
        shutil.rmtree(out)
    records = site / RECORDS_DIR
    shutil.rmtree(records, ignore_errors=True)
    try:
        principles = _write_records(site, records)
        with tempfile.TemporaryDirectory(prefix=".pagefind-") as work:
            config = {"site": str(site.resolve()), "output_subdir": BUNDLE_DIR, "exclude_selectors": EXCLUDE}
            Path(work, "pagefind.json").write_text(json.dumps(config), "utf-8")
            proc = subprocess.run([sys.executable, "-m", "pagefind", "--silent"], cwd=work,
                                  capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"Pagefind failed: {(proc.stderr or proc.stdout).strip()[-2000:]}")
    finally:
        shutil.rmtree(records, ignore_errors=True)
    entry = out / "pagefind-entry.json"
    data = json.loads(entry.read_text("utf-8"))
    entry.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), "utf-8")
    for name in UNUSED:
        (out / name).unlink(missing_ok=True)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    pages = sum(int(lang.get("page_count", 0)) for lang in data.get("languages", {}).values()) - principles
    return IndexedSite(pages, principles, size)


def _ignore_other_language(lang: str, match: re.Match[str]) -> str:
    """Mark an element in another language (untranslated text) as not indexed, as the project's index does."""
    if match.group(1) == "html" or match.group(3).split("-")[0] == lang:
        return match.group(0)
    return f'<{match.group(1)}{match.group(2)} data-pagefind-ignore="all">'


def prepare_copy(site: Path, dest: Path) -> int:
    """Copy ``site`` to ``dest`` with the markup Pagefind needs on the pages the project indexes.

    Returns the number of pages marked.
    """
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(site, dest, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    marked = 0
    for manifest_path in sorted(dest.glob("search/manifest.json")) + sorted(dest.glob("*/search/manifest.json")):
        folder = manifest_path.parent
        manifest = json.loads(manifest_path.read_text("utf-8"))
        lang_root = folder.parent
        rows = []
        for chunk in sorted((folder / "d").glob("*.json"), key=lambda p: int(p.stem)):
            rows.extend(json.loads(chunk.read_text("utf-8")))
        kinds: dict[str, str] = {}
        contexts: dict[str, str] = {}
        for i, row in enumerate(rows):
            url = str(row[0])
            if "#" in url:
                continue  # a principle: a record of its own (principle_records)
            kinds[url] = manifest["filters"][int(manifest["doc_kinds"][i])]
            contexts[url] = manifest["contexts"][row[3]] if int(row[3]) >= 0 else ""
        for url, kind in kinds.items():
            path = lang_root / url / "index.html" if url.endswith("/") or not url else lang_root / url
            if not path.is_file():
                continue
            text = path.read_text("utf-8")
            context = (f'<data value="{htmllib.escape(contexts[url])}" data-pagefind-meta="context[value]"></data>'
                       if contexts[url] else "")
            marked_text = text.replace(_ARTICLE_BODY, _ARTICLE_BODY[:-1]
                                       + f' data-pagefind-body data-pagefind-filter="kind:{kind}">{context}', 1)
            marked_text = _LANG_TAG.sub(functools.partial(_ignore_other_language, str(manifest["lang"])), marked_text)
            path.write_text(marked_text, "utf-8")
            marked += 1
    script = Path(__file__).with_name("pagefind_search.js")
    shutil.copyfile(script, dest / "assets" / "js" / "search.js")
    shutil.rmtree(dest / "search", ignore_errors=True)
    for folder in dest.glob("*/search"):
        shutil.rmtree(folder, ignore_errors=True)
    return marked

