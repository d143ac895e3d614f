"""Listing pages for good practices and research reports, one per language (issue 6).

The good-practice listing is readable without JavaScript: cases are grouped by region.
``facets.js`` then adds facet filters from the compact per-language ``facets.json``
(:mod:`build_tools.generate.facets`), so the facet data is not repeated in every page.
"""

from __future__ import annotations

from typing import Any

from babel.lists import format_list

from build_tools.generate import facets
from build_tools.generate.context import Context, GeneratedPage
from build_tools.i18n import cldr
from build_tools.model import kinds
from build_tools.model.documents import Document

OTHER_REGION = "other"
FACETS_FILE = "facets.json"
FEED_HREF = "../feed.xml"  # from <lang>/good-practices/ or <lang>/reports/ to <lang>/feed.xml
# Strings facets.js needs (keys of the ``good_practice`` locale section).
SCRIPT_STRINGS = ("filter_text", "filter_clear", "filters", "filter_toggle", "filters_error", "results",
                  "no_results")


def join_text(items: list[str], lang: str) -> str:
    """A localized list of plain texts (CLDR list pattern: "A, B and C")."""
    return str(format_list(items, locale=cldr.locale(lang))) if items else ""


def separator(lang: str) -> str:
    """The CLDR separator between list items in ``lang`` (", " in English, "、" in Chinese)."""
    pattern = cldr.locale(lang).list_patterns["standard"]["middle"]
    return str(pattern).replace("{0}", "").replace("{1}", "")


def text_lang(doc: Document, lang: str, default: str) -> str:
    """The language the text fields of ``doc`` are shown in for ``lang``."""
    return lang if lang == default or lang in doc.translations else default


def case_view(ctx: Context, doc: Document, lang: str) -> dict[str, Any]:
    """Template-ready summary of one good practice in ``lang``."""
    meta = doc.localized_meta(lang)
    award = doc.meta.get("award")
    case = facets.case_of(ctx.project, doc)
    return {
        "id": doc.id,
        "title": meta.get("title", doc.title),
        "text_lang": text_lang(doc, lang, ctx.default),
        "institution": meta.get("institution", ""),
        "countries": join_text([cldr.country_name(c, lang) for c in doc.meta.get("countries", [])], lang),
        "regions": list(case.values["region"]),
        "year": doc.meta["year"],
        "award": ctx.project.catalog.t(lang, f"award_levels.{award['level']}") if isinstance(award, dict) else None,
    }


def region_groups(ctx: Context, views: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Cases grouped by region (a case with countries in two regions is listed in both)."""
    keys = list(facets.REGIONS) + [OTHER_REGION]
    groups: dict[str, list[dict[str, Any]]] = {k: [] for k in keys}
    for view in views:
        for region in view["regions"] or [OTHER_REGION]:
            groups.setdefault(region, []).append(view)
    cat = ctx.project.catalog
    return [{"id": key,
             "label": cat.t(lang, "good_practice.other_region" if key == OTHER_REGION else f"regions.{key}"),
             "cases": groups[key]}
            for key in groups if groups[key]]


def report_view(ctx: Context, doc: Document, lang: str) -> dict[str, Any]:
    """Template-ready summary of one report in ``lang``."""
    meta = doc.localized_meta(lang)
    return {
        "id": doc.id,
        "title": meta.get("title", doc.title),
        "summary": meta.get("summary", ""),
        "text_lang": text_lang(doc, lang, ctx.default),
        "date": str(doc.meta["date"]),
        "type": ctx.project.catalog.t(lang, f"report_types.{doc.meta['type']}"),
        "authors": join_text([str(a) for a in doc.meta.get("authors", [])], lang),
        "guidelines": [{"id": g, "title": facets.guideline_title(ctx.project, g, lang)}
                       for g in doc.meta.get("guidelines", []) if g in ctx.project.guidelines],
    }


def document_view(ctx: Context, doc: Document, lang: str) -> dict[str, Any]:
    """Template-ready summary of a document of any kind in ``lang`` (for generic listings)."""
    meta = doc.localized_meta(lang)
    return {
        "id": doc.id,
        "title": meta.get("title", doc.title),
        "summary": meta.get("summary", meta.get("description", "")),
        "text_lang": text_lang(doc, lang, ctx.default),
        "date": str(doc.meta.get("date", "")),
    }


def kind_listings(ctx: Context) -> list[GeneratedPage]:
    """``<url_folder>/index.md`` of every kind that declares a generic listing template, newest first."""
    out: list[GeneratedPage] = []
    for kind in kinds.kinds():
        if not kind.listing_template or not kind.url_folder:
            continue
        docs = sorted(ctx.project.items(kind).values(), key=lambda d: (str(d.meta.get("date", "")), d.id),
                      reverse=True)
        for lang in ctx.languages:
            out.append(GeneratedPage(f"{kind.url_folder}/{ctx.file_name('index', lang)}",
                                     ctx.render(kind.listing_template, lang, kind=kind.name,
                                                items=[document_view(ctx, d, lang) for d in docs])))
    return out


def type_counts(views: list[dict[str, Any]], lang: str) -> list[tuple[str, int]]:
    """How many reports of each (localized) type, most common first, then by name."""
    counts: dict[str, int] = {}
    for view in views:
        counts[view["type"]] = counts.get(view["type"], 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], cldr.sort_key(item[0], lang), item[0]))


def _title_key(view: dict[str, Any], lang: str) -> tuple[bytes, str]:
    """Cases by title as a reader of ``lang`` sorts them (facets.js orders them again with Intl.Collator: the same)."""
    return (cldr.sort_key(str(view["title"]), lang), str(view["id"]))


def pages(ctx: Context) -> list[GeneratedPage]:
    """Good-practice and report listings in every language."""
    out: list[GeneratedPage] = []
    gps = sorted(ctx.project.good_practices.values(), key=lambda d: d.id)
    reports = sorted(ctx.project.reports.values(), key=lambda d: (str(d.meta["date"]), d.id), reverse=True)
    cat = ctx.project.catalog
    for lang in ctx.languages:
        views = sorted((case_view(ctx, d, lang) for d in gps), key=lambda v: _title_key(v, lang))
        strings = {key: cat.t(lang, f"good_practice.{key}") for key in SCRIPT_STRINGS}
        out.append(GeneratedPage(
            f"good-practices/{ctx.file_name('index', lang)}",
            ctx.render("good_practices_index.md.j2", lang, groups=region_groups(ctx, views, lang),
                       total=len(views), facets_src=FACETS_FILE, feed_href=FEED_HREF, strings=strings)))
        report_views = [report_view(ctx, d, lang) for d in reports]
        out.append(GeneratedPage(
            f"reports/{ctx.file_name('index', lang)}",
            ctx.render("reports_index.md.j2", lang, feed_href=FEED_HREF, sep=separator(lang),
                       reports=report_views, type_counts=type_counts(report_views, lang))))
    return out + kind_listings(ctx)
