"""Atom feeds of good practices and reports, one per language (issue 6)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.generate import feeds
from build_tools.model.project import Project, load_project

LANGS = ("en", "fr", "de", "es", "ar", "ru", "zh")
A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture(scope="module")
def project(repo: Path) -> Project:
    return load_project(repo)


def check_atom(data: bytes, lang: str) -> ET.Element:
    """Validate the RFC 4287 rules that matter to feed readers; return the root."""
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(data)
    assert root.tag == f"{A}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{name}")) == 1, f"feed needs exactly one {name}"
        assert (root.findtext(f"{A}{name}") or "").strip()
    assert RFC3339.match(root.findtext(f"{A}updated") or "")
    links = root.findall(f"{A}link")
    self_links = [link for link in links if link.get("rel") == "self"]
    assert len(self_links) == 1 and self_links[0].get("href", "").startswith("https://")
    assert any(link.get("rel") == "alternate" and link.get("type") == "text/html" for link in links)
    feed_has_author = root.find(f"{A}author/{A}name") is not None
    entries = root.findall(f"{A}entry")
    assert entries
    ids = set()
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, f"entry needs exactly one {name}"
            assert (entry.findtext(f"{A}{name}") or "").strip()
        assert RFC3339.match(entry.findtext(f"{A}updated") or "")
        entry_id = entry.findtext(f"{A}id") or ""
        assert entry_id.startswith("https://") and entry_id not in ids
        ids.add(entry_id)
        alternates = [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1 and alternates[0].get("href", "").startswith("https://")
        assert feed_has_author or entry.find(f"{A}author/{A}name") is not None
        assert entry.find(f"{A}summary") is not None or entry.find(f"{A}content") is not None
    updated = [e.findtext(f"{A}updated") or "" for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.findtext(f"{A}updated") == max(updated)
    return root


@pytest.mark.parametrize("lang", LANGS)
def test_feed_is_valid_atom(project: Project, lang: str) -> None:
    root = check_atom(feeds.atom_feed(project, lang), lang)
    entries = root.findall(f"{A}entry")
    assert len(entries) == len(project.good_practices) + len(project.reports)
    prefix = "https://standards.example.org/" + ("" if lang == "en" else f"{lang}/")
    assert root.findtext(f"{A}id") == prefix + "feed.xml"
    for entry in entries:
        assert (entry.findtext(f"{A}id") or "").startswith(prefix)
    assert root.findtext(f"{A}title") == project.catalog.t(
        lang, "good_practice.feed_title", site=project.catalog.t(lang, "site.name"))


def test_entry_dates_come_from_content(project: Project) -> None:
    by_id = {e.url.rstrip("/").rsplit("/", 1)[1]: e for e in feeds.entries(project, "en")}
    assert by_id["rp-digital-inclusion-2025"].updated == "2025-03-15T00:00:00Z"
    # A good practice with an award is dated by the award year, else by the year implemented.
    assert by_id["gp-ke-mobile-contributions"].updated == "2020-01-01T00:00:00Z"
    assert "award" not in project.good_practices["gp-za-claims-tracking"].meta
    assert by_id["gp-za-claims-tracking"].updated == "2021-01-01T00:00:00Z"


def test_feed_is_reproducible_and_localized(project: Project) -> None:
    assert feeds.atom_feed(project, "fr") == feeds.atom_feed(project, "fr")
    root = ET.fromstring(feeds.atom_feed(project, "fr"))
    titles = {e.findtext(f"{A}title") for e in root.findall(f"{A}entry")}
    assert "Cotisations par paiement mobile pour les travailleurs indépendants" in titles
    labels = {c.get("label") for c in root.iter(f"{A}category")}
    assert project.catalog.t("fr", "topics.digital-services") in labels


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_built_feeds(built_site: Path, project: Project, lang: str) -> None:
    path = built_site / ("feed.xml" if lang == "en" else f"{lang}/feed.xml")
    root = check_atom(path.read_bytes(), lang)
    for entry in root.findall(f"{A}entry"):
        href = entry.find(f"{A}link").get("href", "")  # type: ignore[union-attr]
        rel = href.removeprefix("https://standards.example.org/")
        assert (built_site / rel / "index.html").is_file(), f"{href} is not a page of the built site"
    home = (built_site / ("" if lang == "en" else lang) / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" href="feed.xml"' in home
