"""Country profile pages, region indexes, the comparison page, charts and open data (issue 5).

Pages, per language (``countries/`` in docs_dir):

- ``<iso2>.md`` → ``countries/<iso2>/``: one profile; the main container carries
  ``data-country="<iso2>"`` with the **lowercase** ISO code, as in the URL.
- ``<region>.md`` → ``countries/<region>/``: the countries of one region, with charts.
- ``index.md`` → ``countries/``: all countries in one table, regions, charts, open data.
- ``compare.md`` → ``countries/compare/``: the MISSOC-style comparison (``data-compare``).
- ``data/*.csv|json``: the open dataset (see :mod:`build_tools.generate.opendata`).

Python prepares data only; all markup is in ``overrides/generators/country*.j2``,
``region*.j2``, ``compare*.j2`` and ``chart*.j2``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

import markdown
import markupsafe
from babel.dates import format_skeleton

from build_tools.generate import charts, opendata, profile_reading, spreadsheets, text_links
from build_tools.generate.context import Context, GeneratedPage
from build_tools.i18n import cldr
from build_tools.model import content_dates
from build_tools.model import country_profiles as cpmod
from build_tools.model.country_profiles import (
    BRANCHES,
    PARTIES,
    CountryProfile,
    branch_institutions,
    branch_status,
    law_key,
    program_id,
    programs,
)
from build_tools.model.profile_fields import text_field_keys
from build_tools.model.site_config import SITE_PLUGIN_DEFAULTS

REGIONS = ("africa", "americas", "asia-pacific", "europe")
INDICATOR_TOPICS = ("population", "life_expectancy", "pension_age_men", "pension_age_women")


def branch_topics() -> tuple[str, ...]:
    """The comparison's topics of each branch; the text fields come from their declaration (profile_fields).

    ``institutions``: the profile's institutions that administer the branch (``institutions[].branches``).
    """
    return ("programs", "laws", *PARTIES, *text_field_keys(), "institutions")


# Topic → its label's locale key, where it is not ``profile.<topic>``.
_TOPIC_LABELS = {**{party: f"profile.party_{party}" for party in PARTIES}, "institutions": "profile.branch_institutions"}


@dataclass(frozen=True)
class FieldText:
    """A text field as shown: its text, the language it is in, and whether a translation is outdated."""

    value: str
    lang: str
    outdated: bool = False

    def __str__(self) -> str:
        return self.value


_CELL_MARKDOWN = markdown.Markdown(extensions=[])


@lru_cache(maxsize=50_000)
def cell_html(text: str) -> markupsafe.Markup:
    """Markdown of one comparison cell rendered to HTML here, not by md_in_html in the page.

    The comparison holds every text of every country: md_in_html's ``markdown="block"`` on the
    whole table tripled its rendering time (measured: 0.6 s → 1.9 s for 11 profiles), while the
    cells themselves are small. The text passed the same safety check as all content at load
    (E180: no raw HTML, no unsafe links); the cache serves the seven languages' English fallbacks.
    """
    _CELL_MARKDOWN.reset()
    # Links arrive written for a page of countries/ (text_links.markdown_form); here they become URLs.
    return markupsafe.Markup(_CELL_MARKDOWN.convert(text_links.html_form(text, "countries/compare.md")))


def _t(ctx: Context, lang: str, key: str, **values: object) -> str:
    return ctx.project.catalog.t(lang, key, **values)


def _sorted(profiles: list[CountryProfile], lang: str) -> list[CountryProfile]:
    """Profiles in the alphabetical order of their localized names, as readers of ``lang`` sort (pinyin in Chinese)."""
    return sorted(profiles, key=lambda p: (cldr.sort_key(cldr.country_name(p.iso2, lang), lang), p.id))


def translation_status(profile: CountryProfile, lang: str, default: str) -> tuple[str | None, int]:
    """Notice status of a profile page (None, "partial" or "outdated") and its untranslated count."""
    if lang == default:
        return None, 0
    report = cpmod.translation_report(profile, lang)
    missing = len(report.missing_units)
    if report.outdated_units:
        return "outdated", missing
    return ("partial", missing) if missing else (None, 0)


def branches_shown(profiles: list[CountryProfile]) -> tuple[str, ...]:
    """The five SSPTW branches, plus long-term care when any of ``profiles`` describes it."""
    return tuple(b for b in BRANCHES if b != "long_term_care" or any(p.branch(b) for p in profiles))


def _item(view: profile_reading.ItemView, outdated: bool = False) -> dict[str, Any]:
    return {"summary": view.summary, "symbol": view.symbol, "marker": view.marker, "kind": view.kind,
            "status": view.status, "note": FieldText(view.note, view.note_lang, outdated) if view.note else None}


def _age(age: object, ctx: Context, lang: str) -> str:
    return profile_reading.age_text(age, ctx.project.catalog, lang)


def _ages(ctx: Context, p: CountryProfile, lang: str, texts: dict[str, FieldText]) -> list[dict[str, Any]]:
    out = []
    for i, tier in enumerate(p.branch("old_age").get("pension_ages") or []):
        pair = {sex: _age(tier.get(sex), ctx, lang) for sex in ("men", "women")}
        extra = {kind: {sex: _age((tier.get(kind) or {}).get(sex), ctx, lang) for sex in ("men", "women")}
                 for kind in ("early", "deferred") if tier.get(kind)}
        schedule = [{"year": step.get("year"), "born": step.get("born"),
                     **{sex: _age(step.get(sex), ctx, lang) for sex in ("men", "women")}}
                    for step in tier.get("schedule") or []]
        program = next((q for q in programs(p.branch("old_age")) if program_id(q) == tier.get("program")), None)
        label = ""
        if program is not None:  # the tier's program by name (two earnings-related tiers are told apart)
            unit = f"branches.old_age.programs.{program_id(program)}.name"
            label = str(texts[unit]) if unit in texts else ctx.project.catalog.t(lang, f"program_types.{program['type']}")
        out.append({"tier": tier["tier"], "program": label, **pair, **extra, "schedule": schedule,
                    "note": texts.get(f"branches.old_age.pension_ages.{i}.note")})
    return out


def profile_view(ctx: Context, p: CountryProfile, lang: str) -> dict[str, Any]:
    """A template-ready view of one profile in ``lang``."""
    catalog = ctx.project.catalog
    raw = text_links.markdown_fields(p.localized_text(lang), p.source.rel, f"countries/{p.id}.md")
    outdated = p.outdated_fields(lang) if lang != ctx.default else set()
    texts = {path: FieldText(text, text_lang, path in outdated) for path, (text, text_lang) in raw.items()}
    data = p.data
    branches = []
    for b in branches_shown([p]):
        progs = []
        for prog in programs(p.branch(b)):
            unit = f"branches.{b}.programs.{program_id(prog)}"
            progs.append({
                "id": program_id(prog), "type": prog["type"], "name": texts.get(f"{unit}.name"),
                # how tables and the comparison name the program: its name when the source gives one
                "label": str(texts[f"{unit}.name"]) if f"{unit}.name" in texts
                else catalog.t(lang, f"program_types.{prog['type']}"),
                "laws": _laws(prog.get("laws"), unit, texts, lang),
                "fields": [{"key": name, "text": texts[f"{unit}.{name}"]} for name in text_field_keys()
                           if f"{unit}.{name}" in texts],
                "contributions": {
                    party: [_item(v, f"{unit}.contributions.{party}.{k}.note" in outdated)
                            for k, v in enumerate(profile_reading.party_items(p, b, prog, party, catalog, lang, raw))]
                    for party in PARTIES},
            })
        # What the source states once for all the branch's programs: shown once, before the programs.
        laws = _laws(p.branch(b).get("laws"), f"branches.{b}", texts, lang)
        government = [_item(v, f"branches.{b}.government.{k}.note" in outdated)
                      for k, v in enumerate(profile_reading.branch_items(p, b, catalog, lang, raw))]
        administration = texts.get(f"branches.{b}.administration")
        branches.append({"key": b, "status": branch_status(p.branch(b)), "programs": progs,
                         "institutions": [_institution(inst, texts) for inst in branch_institutions(data, b)],
                         "provenance": p.branch(b).get("provenance"),
                         "note": texts.get(f"branches.{b}.note"),
                         "laws": laws, "administration": administration, "government": government,
                         "shared": bool(laws or administration or government),
                         "all_programs": catalog.t(lang, "profile.all_programs"),
                         "total": profile_reading.branch_total(p, b, catalog, lang)})
    agreements = []
    for a in sorted(data.get("agreements") or [], key=lambda a: (str(a["in_force"]), a["partner"])):
        code = a["partner"]
        agreements.append({
            "posted_worker_months": None, "self_employed_months": None,
            **a,
            "name": profile_reading.partner_name(code, catalog, lang),
            "link": code.lower() if code.lower() in ctx.project.profiles else None,
            "is_country": len(code) == 2,
        })
    institutions = [{"staff": None, "offices": None, "year": None, "branches": [], **inst,
                     **_institution(inst, texts)} for inst in data.get("institutions") or []]
    practices = [{"id": d.id, "title": d.localized_meta(lang).get("title", d.id),
                  "lang": lang if lang in d.translations or lang == ctx.default else ctx.default,
                  "illustrative": bool(d.meta.get("illustrative"))}
                 for d in ctx.project.good_practices_by_country().get(p.iso2, [])]
    status, untranslated = translation_status(p, lang, ctx.default)
    indicators = []
    for key in ("population", "life_expectancy"):
        ind = (data.get("indicators") or {}).get(key)
        if isinstance(ind, dict):
            indicators.append({"key": key, "value": ind["value"], "year": ind.get("year"), "source": ind.get("source")})
    tier = profile_reading.first_tier(p) or {}
    return {
        "id": p.id, "iso2": p.iso2, "name": cldr.country_name(p.iso2, lang), "region": p.region,
        "laws_as_of": str(data["laws_as_of"]), "laws_as_of_text": format_laws_as_of(str(data["laws_as_of"]), lang),
        "updated": str(data["updated"]),
        "illustrative": p.illustrative, "sources": data.get("sources") or [],
        "provenance": data.get("provenance"), "agreements_status": data.get("agreements_status"),
        "exchange_rate": _exchange_rate(data.get("exchange_rate"), catalog, lang),
        "indicators": indicators,
        "indicator": {"population": None, "life_expectancy": None} | {i["key"]: i["value"] for i in indicators},
        "pension_age": {sex: _age(tier.get(sex), ctx, lang) for sex in ("men", "women")},
        "pension_ages": _ages(ctx, p, lang, texts),
        "branches": branches, "agreements": agreements, "institutions": institutions,
        "good_practices": practices,
        "translation_status": status, "untranslated": untranslated,
        "markers": [{"key": k, "symbol": s} for k, s in profile_reading.MARKERS.items()],
    }


def _institution(inst: dict[str, Any], texts: dict[str, FieldText]) -> dict[str, Any]:
    """An institution as pages name it: its ID, its name in the page's language (or English) and its URL."""
    return {"id": inst["id"], "name": texts[f"institutions.{inst['id']}.name"], "url": inst.get("url")}


def _laws(laws: object, unit: str, texts: dict[str, FieldText], lang: str) -> list[dict[str, Any]]:
    """The laws of a program or of a whole branch (``unit`` is its unit path), ready for the templates."""
    return [{"year": law["year"], "kind": law.get("kind"), "in_force": str(law.get("in_force") or ""),
             "in_force_text": format_laws_as_of(str(law["in_force"]), lang) if law.get("in_force") else "",
             "status": law.get("status"), "title": texts[f"{unit}.laws.{law_key(law)}.title"]}
            for law in laws if isinstance(law, dict)] if isinstance(laws, list) else []


def _exchange_rate(rate: object, catalog: Any, lang: str) -> str:
    """The source's exchange rate in words, its number as entered: "Exchange rate: $1 = KSh72.9 (January 2005)"."""
    if not isinstance(rate, dict):
        return ""
    return str(catalog.t(lang, "profile.exchange_rate", usd=profile_reading.money(1, "USD", lang),
                         rate=profile_reading.money(rate["per_usd"], rate["currency"], lang, as_entered=True),
                         date=format_laws_as_of(str(rate["date"]), lang)))


def format_laws_as_of(value: str, lang: str) -> str:
    """A "laws as of" date in ``lang``: a full date, a month and year, or a year when the source gives only that."""
    if len(value) == 4:  # a year, written as is (number formatting would group its digits: "2,012")
        return value
    if len(value) == 7:
        return str(format_skeleton("yMMMM", _dt.date.fromisoformat(value + "-01"), locale=cldr.locale(lang)))
    return cldr.format_date(value, lang)


def _fmt(lang: str) -> Callable[[float | None], str]:
    """Axis ticks and bar values: the number as it is (ticks are round; values come with exact labels)."""
    def fmt(value: float | None) -> str:
        if value is None:
            return ""
        tick = round(value, 6)
        return cldr.format_number(int(tick) if float(tick).is_integer() else tick, lang)
    return fmt


def _categories(ctx: Context, profiles: list[CountryProfile], lang: str) -> tuple[list[str], list[str]]:
    """Country names for a chart (illustrative ones marked ◇) and for its data table (marked in words)."""
    words = _t(ctx, lang, "profile.illustrative_data")
    names = [cldr.country_name(p.iso2, lang) for p in profiles]
    chart = [f"{n} {profile_reading.ILLUSTRATIVE_MARK}" if p.illustrative else n for n, p in zip(names, profiles, strict=True)]
    table = [f"{n} ({profile_reading.ILLUSTRATIVE_MARK} {words})" if p.illustrative else n
             for n, p in zip(names, profiles, strict=True)]
    return chart, table


def _illustrative_legend(ctx: Context, lang: str) -> list[tuple[str, str]]:
    return [(profile_reading.ILLUSTRATIVE_MARK, _t(ctx, lang, "profile.illustrative_data"))]


def pension_chart(ctx: Context, profiles: list[CountryProfile], lang: str, chart_id: str) -> charts.BarChart:
    """Normal pension age (first tier) by country, men and women; labels in years and months."""
    men, women = _t(ctx, lang, "profile.men"), _t(ctx, lang, "profile.women")
    tiers = [profile_reading.first_tier(p) or {} for p in profiles]
    labels = [[_age(t.get("men"), ctx, lang), _age(t.get("women"), ctx, lang)] for t in tiers]
    names, table_names = _categories(ctx, profiles, lang)
    return charts.bar_chart(
        chart_id,
        title=_t(ctx, lang, "profile.chart_pension_age"),
        desc=_t(ctx, lang, "profile.chart_pension_age_desc", count=cldr.format_number(len(profiles), lang),
                n=len(profiles)),
        categories=names, table_categories=table_names, marker_legend=_illustrative_legend(ctx, lang),
        series=[men, women],
        values=[[profile_reading.age_decimal(t.get("men")), profile_reading.age_decimal(t.get("women"))] for t in tiers],
        fmt=_fmt(lang), axis_label=_t(ctx, lang, "profile.chart_axis_years"),
        rtl=ctx.project.config.language(lang).direction == "rtl",
        missing=_t(ctx, lang, "contribution.status_unknown"),
        labels=labels,
    )


def contributions_chart(ctx: Context, profiles: list[CountryProfile], lang: str, chart_id: str) -> charts.BarChart:
    """Comparable contribution percentages per branch, stacked per country; other items are marked, not drawn."""
    catalog = ctx.project.catalog
    shown = branches_shown(profiles)
    totals = [[profile_reading.branch_total(p, b, catalog, lang) for b in shown] for p in profiles]
    marker_names = {k: _t(ctx, lang, f"contribution.marker_{k}") for k in profile_reading.MARKERS}
    names, table_names = _categories(ctx, profiles, lang)
    # Bars are placed with floats; every number printed is the exact decimal (0.002, 9.155, their sums).
    row_sums = [sum((t.percent for t in row if t.percent is not None), Decimal(0)) for row in totals]
    return charts.bar_chart(
        chart_id,
        title=_t(ctx, lang, "profile.chart_contributions"),
        desc=_t(ctx, lang, "profile.chart_contributions_desc", count=cldr.format_number(len(profiles), lang),
                n=len(profiles)),
        categories=names, table_categories=table_names,
        series=[_t(ctx, lang, f"branches.{b}") for b in shown],
        values=[[None if t.percent is None else float(t.percent) for t in row] for row in totals],
        labels=[[cldr.format_number(t.percent, lang) for t in row] for row in totals],
        total_labels=[cldr.format_number(total, lang) for total in row_sums],
        fmt=_fmt(lang), axis_label=_t(ctx, lang, "profile.chart_axis_percent"),
        rtl=ctx.project.config.language(lang).direction == "rtl",
        stacked=True, total_label=_t(ctx, lang, "profile.total_percentages"),
        missing=_t(ctx, lang, "contribution.no_percentage"),
        marks=[[[(profile_reading.MARKERS[m], marker_names[m]) for m in t.markers] for t in row] for row in totals],
        marker_legend=[(s, marker_names[k]) for k, s in profile_reading.MARKERS.items()] + _illustrative_legend(ctx, lang),
    )


def compare_topics(ctx: Context, lang: str, shown: tuple[str, ...] = BRANCHES[:5]) -> list[dict[str, Any]]:
    """Topic groups of the comparison: key indicators, then one group per branch."""
    groups: list[dict[str, Any]] = [{
        "key": "indicators", "label": _t(ctx, lang, "profile.indicators"),
        "topics": [{"key": key, "label": _t(ctx, lang, f"profile.topic_{key}")} for key in INDICATOR_TOPICS],
    }]
    for b in shown:
        branch = _t(ctx, lang, f"branches.{b}")
        topics = []
        for name in branch_topics():
            label = _t(ctx, lang, _TOPIC_LABELS.get(name, f"profile.{name}"))
            topics.append({"key": f"{b}.{name}", "field": name, "branch": b, "label": label,
                           "full_label": _t(ctx, lang, "profile.topic_branch", branch=branch, field=label)})
        groups.append({"key": b, "label": branch, "topics": topics})
    for group in groups:
        for topic in group["topics"]:
            topic.setdefault("full_label", topic["label"])
    return groups


def compare_cells(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Topic key → cell of one country in the comparison (``kind`` tells the template how to show it)."""
    ind = view["indicator"]

    def number(value: float | int | None) -> dict[str, Any]:
        return {"kind": "number", "value": value, "raw": profile_reading.plain_number(value)}

    cells: dict[str, dict[str, Any]] = {
        "population": number(ind.get("population")),
        "life_expectancy": number(ind.get("life_expectancy")),
        "pension_age_men": {"kind": "age", "value": view["pension_age"]["men"]},
        "pension_age_women": {"kind": "age", "value": view["pension_age"]["women"]},
    }
    for b in view["branches"]:
        key, progs = b["key"], b["programs"]
        # Labelled by program when there are several, or when the branch states some of it for all of them.
        many = len(progs) > 1 or b["shared"]
        shared = b["all_programs"]
        if not progs:
            cells[f"{key}.programs"] = {"kind": "unknown" if b["status"] == "unknown" else "none", "note": b["note"],
                                        "html": cell_html(b["note"].value) if b["note"] else ""}
            for name in branch_topics()[1:]:  # a branch the source does not describe: every topic says so
                cells[f"{key}.{name}"] = {"kind": "unknown", "note": None} if b["status"] == "unknown" else {"kind": "empty"}
            if b["laws"]:  # e.g. severance pay under the labour code: the law, with no program
                cells[f"{key}.laws"] = {"kind": "laws", "value": [(None, b["laws"])]}
            if b["administration"]:
                cells[f"{key}.administration"] = {"kind": "text", "value": [
                    (None, b["administration"], cell_html(b["administration"].value))]}
            if b["institutions"]:  # who administers it is known even where the source does not describe it
                cells[f"{key}.institutions"] = {"kind": "institutions", "value": b["institutions"]}
            continue
        cells[f"{key}.programs"] = {"kind": "types", "value": [(p["type"], p["name"]) for p in progs],
                                    "note": b["note"], "html": cell_html(b["note"].value) if b["note"] else ""}
        cells[f"{key}.laws"] = {"kind": "laws", "value": ([(shared, b["laws"])] if b["laws"] else [])
                                + [(p["label"] if many else None, p["laws"]) for p in progs]}
        for party in PARTIES:
            branch_part = [(shared, b["government"])] if party == "government" and b["government"] else []
            cells[f"{key}.{party}"] = {"kind": "items", "value": branch_part + [
                (p["label"] if many else None, p["contributions"][party]) for p in progs]}
        for name in text_field_keys():
            parts = [(shared, b["administration"], cell_html(b["administration"].value))] \
                if name == "administration" and b["administration"] else []
            parts += [(p["label"] if many else None, f["text"], cell_html(f["text"].value))
                      for p in progs for f in p["fields"] if f["key"] == name]
            cells[f"{key}.{name}"] = {"kind": "text", "value": parts} if parts else {"kind": "empty"}
        cells[f"{key}.institutions"] = {"kind": "institutions", "value": b["institutions"]} \
            if b["institutions"] else {"kind": "empty"}
    described = {b["key"] for b in view["branches"]}
    for key in BRANCHES:
        if key not in described:  # an optional branch this country does not describe
            for name in branch_topics():
                cells[f"{key}.{name}"] = {"kind": "empty"}
    return cells


# The comparison writes every cell at build time (readable without JavaScript). Up to this many countries
# it is one page; beyond, one page per region (in parts of at most this many countries), and the
# comparison's own page keeps the controls for every country and loads the chosen ones' columns from
# those pages. In the portal benchmark (180 countries) one page was 3.9-4.7 MB (1.0-1.25 MB gzip) per
# language; a page of at most 35 stays well under 300 KB gzip (issue 25, benchmarks/compare_weight.py).
COMPARE_PAGE_COUNTRIES = SITE_PLUGIN_DEFAULTS["compare_page_countries"]


def compare_page_countries(ctx: Context) -> int:
    """Countries per comparison page: the ``ssa-site`` plugin's ``compare_page_countries`` (checked when read)."""
    value: int = ctx.project.config.options["compare_page_countries"]
    return value


def compare_split(views: list[dict[str, Any]], regions: list[dict[str, Any]],
                  limit: int | None = None) -> dict[str, Any] | None:
    """The comparison's pages when it is split by region, or ``None`` when one page holds every country.

    Each page is ``{"key", "stem", "href", "label", "count", "ids"}`` (``stem`` is its file name below
    ``countries/``, a sibling of ``compare.md`` so that every relative link in the cells stays the same);
    ``page_of`` maps each country to the ``href`` of its page, relative to the comparison.
    """
    limit = COMPARE_PAGE_COUNTRIES if limit is None else limit
    if len(views) <= limit:
        return None
    pages: list[dict[str, Any]] = []
    for region in regions:
        ids = [v["id"] for v in views if v["region"] == region["key"]]
        if not ids:
            continue
        parts = -(-len(ids) // limit)
        size = -(-len(ids) // parts)
        for k in range(parts):
            chunk = ids[k * size:(k + 1) * size]
            key = region["key"] if parts == 1 else f"{region['key']}-{k + 1}"
            label = region["name"] if parts == 1 else f"{region['name']} ({k + 1}/{parts})"
            pages.append({"key": key, "stem": f"compare-{key}", "href": f"../compare-{key}/", "label": label,
                          "count": len(chunk), "ids": set(chunk)})
    page_of = {i: pg["href"] for pg in pages for i in pg["ids"]}
    return {"pages": pages, "page_of": page_of}


def _region_views(ctx: Context, profiles: list[CountryProfile], lang: str) -> list[dict[str, Any]]:
    return [{"key": r, "name": _t(ctx, lang, f"regions.{r}"), "count": sum(1 for p in profiles if p.region == r)}
            for r in REGIONS]


def pages(ctx: Context) -> list[GeneratedPage]:
    """Country index, region pages, comparison, open data and one page per country, in every language."""
    out: list[GeneratedPage] = []
    all_profiles = list(ctx.project.profiles.values())
    for lang in ctx.languages:
        profiles = _sorted(all_profiles, lang)
        views = [profile_view(ctx, p, lang) for p in profiles]
        regions = _region_views(ctx, all_profiles, lang)
        shown = branches_shown(all_profiles)
        out.append(GeneratedPage(
            f"countries/{ctx.file_name('index', lang)}",
            ctx.render("countries_index.md.j2", lang, profiles=views, regions=regions,
                       pension_chart=pension_chart(ctx, profiles, lang, "chart-pension-age"),
                       contributions_chart=contributions_chart(ctx, profiles, lang, "chart-contributions"),
                       data_files=opendata_links())))
        for region in regions:
            members = [p for p in profiles if p.region == region["key"]]
            if not members:
                continue
            out.append(GeneratedPage(
                f"countries/{ctx.file_name(region['key'], lang)}",
                ctx.render("region.md.j2", lang, region=region,
                           profiles=[v for v in views if v["region"] == region["key"]],
                           pension_chart=pension_chart(ctx, members, lang, "chart-pension-age"),
                           contributions_chart=contributions_chart(ctx, members, lang, "chart-contributions"))))
        groups = compare_topics(ctx, lang, shown)
        cells = {v["id"]: compare_cells(v) for v in views}
        markers = list(profile_reading.MARKERS.items())
        split = compare_split(views, regions, compare_page_countries(ctx))
        if split is None:
            out.append(GeneratedPage(
                f"countries/{ctx.file_name('compare', lang)}",
                ctx.render("compare.md.j2", lang, profiles=views, groups=groups, markers=markers, cells=cells)))
        else:  # portal scale: an index page with every country's checkbox, and one page per region part
            out.append(GeneratedPage(
                f"countries/{ctx.file_name('compare', lang)}",
                ctx.render("compare.md.j2", lang, profiles=[], choices=views, groups=groups, markers=markers,
                           cells={}, split={**split, "index": True, "current": None})))
            for part in split["pages"]:
                part_views = [v for v in views if v["id"] in part["ids"]]
                out.append(GeneratedPage(
                    f"countries/{ctx.file_name(part['stem'], lang)}",
                    ctx.render("compare.md.j2", lang, profiles=part_views, groups=groups, markers=markers,
                               cells={v["id"]: cells[v["id"]] for v in part_views},
                               split={**split, "index": False, "current": part})))
        for view in views:
            out.append(GeneratedPage(f"countries/{ctx.file_name(view['id'], lang)}",
                                     ctx.render("country.md.j2", lang, p=view)))
        if ctx.pages_only:
            continue
        created = content_dates.content_date(ctx.project)
        links = text_links.LinkBase(ctx.project.config.site_url, "" if lang == ctx.default else f"{lang}/")
        for name, text in opendata.files(profiles, ctx.project.catalog, lang, links).items():
            stem, ext = name.rsplit(".", 1)
            out.append(GeneratedPage(f"{opendata.DATA_DIR}/{ctx.file_name(stem, lang, ext)}", text))
            if ext == "csv":  # the same data as an Excel workbook, for spreadsheet users (issue 25)
                out.append(GeneratedPage(f"{opendata.DATA_DIR}/{ctx.file_name(stem, lang, 'xlsx')}", "",
                                         spreadsheets.xlsx_from_csv(text, stem, created)))
    return out


def opendata_links() -> list[dict[str, str]]:
    """The open-data files, relative to the countries index, with their locale label keys."""
    def xlsx(name: str) -> str:
        return f"data/{name.removesuffix('.csv')}.xlsx"

    return [
        {"href": f"data/{opendata.PROFILES_CSV}", "label": "profile.open_data_csv", "format": "CSV",
         "xlsx": xlsx(opendata.PROFILES_CSV)},
        {"href": f"data/{opendata.PROGRAMS_CSV}", "label": "profile.open_data_programs_csv", "format": "CSV",
         "xlsx": xlsx(opendata.PROGRAMS_CSV)},
        {"href": f"data/{opendata.BRANCHES_CSV}", "label": "profile.open_data_branches_csv", "format": "CSV",
         "xlsx": xlsx(opendata.BRANCHES_CSV)},
        {"href": f"data/{opendata.CONTRIBUTIONS_CSV}", "label": "profile.open_data_contributions_csv", "format": "CSV",
         "xlsx": xlsx(opendata.CONTRIBUTIONS_CSV)},
        {"href": f"data/{opendata.AGES_CSV}", "label": "profile.open_data_ages_csv", "format": "CSV",
         "xlsx": xlsx(opendata.AGES_CSV)},
        {"href": f"data/{opendata.AGREEMENTS_CSV}", "label": "profile.open_data_agreements_csv", "format": "CSV",
         "xlsx": xlsx(opendata.AGREEMENTS_CSV)},
        {"href": f"data/{opendata.PROFILES_JSON}", "label": "profile.open_data_json", "format": "JSON"},
        {"href": f"data/{opendata.DICTIONARY}", "label": "profile.open_data_dictionary", "format": "JSON"},
    ]
