"""Atom feeds (RFC 4287) of good practices and research reports, one per language.

Dates come from content, never from the clock, so two builds of the same sources give
byte-identical feeds: a report is dated by its ``date``; a good practice by the year of its
award if it has one, else by the year it was implemented (1 January of that year).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

from build_tools.model import kinds
from build_tools.model.documents import Document
from build_tools.model.project import Project

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
MAX_ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    """One feed entry, already localized."""

    id: str
    url: str
    title: str
    summary: str
    updated: str  # RFC 3339 timestamp
    authors: tuple[str, ...]
    categories: tuple[tuple[str, str], ...]  # (term, label)
    kind: str  # "good-practice" | "report"


def entry_date(doc: Document) -> str:
    """The ISO date an entry is published on, taken from its content."""
    if doc.kind == "report":
        return str(doc.meta["date"])
    award = doc.meta.get("award")
    year = award["year"] if isinstance(award, dict) else doc.meta["year"]
    return f"{int(year):04d}-01-01"


def language_base(project: Project, lang: str) -> str:
    """Absolute URL of the home page of ``lang`` (``site_url`` plus ``<lang>/`` if not default)."""
    base = project.config.site_url or "/"
    base = base if base.endswith("/") else base + "/"
    return base if lang == project.config.default_language else urljoin(base, f"{lang}/")


def feed_url(project: Project, lang: str) -> str:
    """Absolute URL of the feed of ``lang``."""
    return urljoin(language_base(project, lang), FEED_FILE)


def feed_path(project: Project, lang: str) -> str:
    """Path of the feed of ``lang`` relative to the site root."""
    return FEED_FILE if lang == project.config.default_language else f"{lang}/{FEED_FILE}"


def entries(project: Project, lang: str) -> list[Entry]:
    """Good practices and reports as feed entries in ``lang``, newest first."""
    base = language_base(project, lang)
    cat = project.catalog
    out: list[Entry] = []
    for kind in kinds.kinds():
        if not kind.in_feed or not kind.url_folder:
            continue
        for doc in project.items(kind).values():
            meta = doc.localized_meta(lang)
            url = urljoin(base, f"{kind.url_folder}/{doc.id}/")
            if doc.kind == "report":
                authors = tuple(str(a) for a in doc.meta.get("authors", []))
            else:
                authors = (str(meta.get("institution", "")),)
            out.append(Entry(
                id=url, url=url, title=" ".join(str(meta.get("title", doc.title)).split()),
                summary=" ".join(str(meta.get("summary", "")).split()),
                updated=f"{entry_date(doc)}T00:00:00Z", authors=authors,
                categories=tuple((str(t), cat.t(lang, f"topics.{t}")) for t in doc.meta.get("topics", [])),
                kind=doc.kind,
            ))
    out.sort(key=lambda e: (e.updated, e.id), reverse=True)
    return out[:MAX_ENTRIES]


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def atom_feed(project: Project, lang: str) -> bytes:
    """The Atom feed of ``lang`` as UTF-8 XML."""
    ET.register_namespace("", ATOM_NS)
    cat = project.catalog
    items = entries(project, lang)
    home = language_base(project, lang)
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    _sub(feed, "id", feed_url(project, lang))
    _sub(feed, "title", cat.t(lang, "good_practice.feed_title", site=cat.t(lang, "site.name")))
    _sub(feed, "subtitle", cat.t(lang, "good_practice.feed_subtitle"))
    # With no entries, fall back to a fixed date rather than the clock, to stay reproducible.
    _sub(feed, "updated", max((e.updated for e in items), default="2000-01-01T00:00:00Z"))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url(project, lang))
    _sub(feed, "link", rel="alternate", type="text/html", hreflang=lang, href=home)
    author = _sub(feed, "author")
    _sub(author, "name", cat.t(lang, "site.name"))
    _sub(author, "uri", home)
    for item in items:
        entry = _sub(feed, "entry")
        _sub(entry, "id", item.id)
        _sub(entry, "title", item.title, type="text")
        _sub(entry, "updated", item.updated)
        _sub(entry, "published", item.updated)
        _sub(entry, "link", rel="alternate", type="text/html", hreflang=lang, href=item.url)
        for name in item.authors:
            if name:
                _sub(_sub(entry, "author"), "name", name)
        kind_label = cat.t(lang, "good_practice.case" if item.kind == "good-practice" else "report.case")
        _sub(entry, "category", term=item.kind, label=kind_label)
        for term, label in item.categories:
            _sub(entry, "category", term=term, label=label)
        _sub(entry, "summary", item.summary, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
