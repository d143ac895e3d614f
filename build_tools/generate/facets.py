"""Facet data model for the good-practice database.

Every case has values for six facets (guideline, country, region, year, award, topic).
Filtering is disjunctive within a facet (any selected value) and conjunctive across facets;
the count shown next to a value is the number of cases that would match if that value were
added to the current selection of its own facet (the usual "disjunctive faceting").

The browser runs these rules (``overrides/assets/js/facets/model.js``, the one implementation a
reader uses) on :func:`facet_data`, a compact JSON document written once per language (see
``build_tools/mkdocs_plugins/collections.py``). This module is its test oracle: ``python -m
build_tools.generate.facet_vectors`` writes selections and the counts and cases computed here,
and ``tests/js/facets.test.js`` checks the JavaScript against them in Node (issue 26).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from build_tools.i18n import cldr
from build_tools.model import guidelines as gmod
from build_tools.model.documents import Document
from build_tools.model.project import Project

FACETS = ("guideline", "country", "region", "year", "award", "topic")
REGIONS = ("africa", "americas", "asia-pacific", "europe")
AWARD_LEVELS = ("winner", "special-mention", "certificate-of-merit")
NO_AWARD = "none"
FORMAT_VERSION = 1
REGIONS_FILE = Path(__file__).resolve().parents[1] / "data" / "regions.json"

Selection = Mapping[str, Collection[str]]


@dataclass(frozen=True)
class Case:
    """One good practice reduced to its facet values."""

    id: str
    values: Mapping[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def region_table() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code → region key, for countries without a profile."""
    data = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def country_region(project: Project, iso2: str) -> str | None:
    """The region of a country: from its profile if there is one, else from the region table."""
    profile = project.profiles.get(iso2.lower())
    if profile is not None:
        return profile.region
    return region_table().get(iso2.upper())


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def case_of(project: Project, doc: Document) -> Case:
    """The facet values of one good practice."""
    meta = doc.meta
    countries = [str(c) for c in meta.get("countries", [])]
    regions = [r for r in (country_region(project, c) for c in countries) if r]
    award = meta.get("award")
    return Case(doc.id, {
        "guideline": _unique(str(g) for g in meta.get("guidelines", [])),
        "country": _unique(countries),
        "region": _unique(regions),
        "year": (str(meta["year"]),),
        "award": (str(award["level"]) if isinstance(award, dict) else NO_AWARD,),
        "topic": _unique(str(t) for t in meta.get("topics", [])),
    })


def cases(project: Project) -> list[Case]:
    """Every good practice as a :class:`Case`, sorted by ID."""
    return [case_of(project, d) for d in sorted(project.good_practices.values(), key=lambda d: d.id)]


def matches(case: Case, selection: Selection, ignore: str | None = None) -> bool:
    """True if ``case`` matches every facet of ``selection`` (except ``ignore``)."""
    for facet, wanted in selection.items():
        if facet == ignore or not wanted:
            continue
        if not set(case.values.get(facet, ())) & set(wanted):
            return False
    return True


def select(items: Iterable[Case], selection: Selection) -> list[Case]:
    """The cases matching ``selection``."""
    return [c for c in items if matches(c, selection)]


def counts(items: Iterable[Case], selection: Selection) -> dict[str, dict[str, int]]:
    """For each facet value, how many cases match with that value in its facet's selection.

    A value's count ignores the other selected values of the same facet (they are
    alternatives) but applies every other facet's selection.
    """
    items = list(items)
    out: dict[str, dict[str, int]] = {f: {} for f in FACETS}
    for facet in FACETS:
        tally = out[facet]
        for case in items:
            if matches(case, selection, ignore=facet):
                for value in case.values.get(facet, ()):
                    tally[value] = tally.get(value, 0) + 1
    return out


def guideline_title(project: Project, gid: str, lang: str) -> str:
    """The title of guideline ``gid`` in ``lang`` (English when untranslated)."""
    g = project.guidelines[gid]
    tr = g.translations.get(lang)
    if tr is not None:
        title = gmod.translated_units(tr).get("meta", {}).get("title")
        if title:
            return title
    return g.title


def options(project: Project, items: list[Case], lang: str) -> dict[str, list[tuple[str, str]]]:
    """The values of each facet that occur in ``items``, as ``(value, label)`` in display order."""
    present: dict[str, set[str]] = {f: set() for f in FACETS}
    for case in items:
        for facet in FACETS:
            present[facet].update(case.values.get(facet, ()))
    cat = project.catalog

    def by_label(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        # The language's collation, as facets.js's Intl.Collator(lang): both orders agree (pinyin in Chinese).
        return sorted(pairs, key=lambda p: (cldr.sort_key(p[1], lang), p[0]))

    return {
        "guideline": by_label((g, guideline_title(project, g, lang)) for g in present["guideline"]
                              if g in project.guidelines),
        "country": by_label((c, cldr.country_name(c, lang)) for c in present["country"]),
        "region": [(r, cat.t(lang, f"regions.{r}")) for r in REGIONS if r in present["region"]]
        + by_label((r, r) for r in present["region"] if r not in REGIONS),
        "year": [(y, y) for y in sorted(present["year"], reverse=True)],
        "award": [(a, cat.t(lang, f"award_levels.{a}")) for a in AWARD_LEVELS if a in present["award"]]
        + ([(NO_AWARD, cat.t(lang, "good_practice.no_award"))] if NO_AWARD in present["award"] else []),
        "topic": by_label((t, cat.t(lang, f"topics.{t}")) for t in present["topic"]),
    }


def facet_data(project: Project, lang: str) -> dict[str, Any]:
    """The per-language facet document fetched by ``facets.js``.

    ``facets`` lists each facet's values with their labels; each case in ``cases`` holds, per
    facet, the indexes of its values in that list, so the file stays small at portal scale.
    Titles and other text stay in the listing page itself.
    """
    items = cases(project)
    opts = options(project, items, lang)
    labels = {f: project.catalog.t(lang, f"good_practice.facet_{f}") for f in FACETS}
    return encode(items, opts, labels, lang, project.config.default_language, _fallback_labels(project, lang, opts))


def encode(items: list[Case], opts: Mapping[str, list[tuple[str, str]]], labels: Mapping[str, str], lang: str,
           default: str, english: Mapping[str, list[int]]) -> dict[str, Any]:
    """The facet document of cases, given each facet's values in display order and its label."""
    index = {f: {v: i for i, (v, _) in enumerate(opts[f])} for f in FACETS}
    return {
        "version": FORMAT_VERSION,
        "lang": lang,
        # `fallback`: the indexes of values shown in the default language (an untranslated guideline's
        # title, a topic missing from the locale file); facets.js marks them with lang and dir.
        "fallback_lang": default,
        "facets": [{"key": f, "label": labels[f],
                    "values": [[v, label] for v, label in opts[f]],
                    **({"fallback": english[f]} if english.get(f) else {})} for f in FACETS],
        "cases": [[c.id, [[index[f][v] for v in c.values[f] if v in index[f]] for f in FACETS]] for c in items],
    }


def _fallback_labels(project: Project, lang: str, opts: dict[str, list[tuple[str, str]]]) -> dict[str, list[int]]:
    """Per facet, the indexes of the values whose label is the default language's, not ``lang``'s."""
    out: dict[str, list[int]] = {f: [] for f in FACETS}
    if lang == project.config.default_language:
        return out
    own = project.catalog.strings.get(lang, {})
    keys = {"region": "regions.{}", "award": "award_levels.{}", "topic": "topics.{}"}
    for f, values in opts.items():
        for i, (value, _label) in enumerate(values):
            if f == "guideline":
                g = project.guidelines.get(value)
                english = g is not None and guideline_title(project, value, lang) == g.title \
                    and not (g.translations.get(lang) and gmod.translated_units(g.translations[lang])
                             .get("meta", {}).get("title"))
            elif f in keys:
                key = keys[f].format(value)
                english = key in project.catalog.strings.get(project.config.default_language, {}) and key not in own
            else:
                english = False
            if english:
                out[f].append(i)
    return out


def to_json(data: Mapping[str, Any]) -> str:
    """Compact, deterministic JSON text."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
