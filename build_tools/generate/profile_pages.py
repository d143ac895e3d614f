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

from collections.abc import Callable
from typing import Any

from build_tools.generate import Context, GeneratedPage, Text, charts, opendata
from build_tools.i18n import cldr
from build_tools.model import country_profiles as cpmod
from build_tools.model.country_profiles import BRANCHES, LAW_FIELDS, TEXT_FIELDS, CountryProfile

REGIONS = ("africa", "americas", "asia-pacific", "europe")
PARTIES = opendata.PARTIES
INDICATOR_TOPICS = ("population", "life_expectancy", "pension_age_men", "pension_age_women")
BRANCH_TOPICS = (*PARTIES, "types", *LAW_FIELDS, *TEXT_FIELDS)


def _t(ctx: Context, lang: str, key: str, **values: object) -> str:
    return ctx.project.catalog.t(lang, key, **values)


def _sorted(profiles: list[CountryProfile], lang: str) -> list[CountryProfile]:
    """Profiles in the alphabetical order of their localized names."""
    return sorted(profiles, key=lambda p: (cldr.country_name(p.iso2, lang).casefold(), p.id))


def translation_status(profile: CountryProfile, lang: str, default: str) -> tuple[str | None, int]:
    """Notice status of a profile page (None, "partial" or "outdated") and its untranslated count."""
    if lang == default:
        return None, 0
    report = cpmod.translation_report(profile, lang)
    missing = len(report.missing_units)
    if report.outdated_units:
        return "outdated", missing
    return ("partial", missing) if missing else (None, 0)


def profile_view(ctx: Context, p: CountryProfile, lang: str) -> dict[str, Any]:
    """A template-ready view of one profile in ``lang``."""
    texts = {path: Text(text, text_lang) for path, (text, text_lang) in p.localized_text(lang).items()}
    data = p.data
    branches = []
    for b in BRANCHES:
        src = data["branches"][b]
        branches.append({
            "key": b,
            "exists": bool(src.get("exists")),
            "types": list(src.get("types") or []),
            "laws": [{"key": law, "year": src[law]["year"], "title": texts[f"branches.{b}.{law}.title"]}
                     for law in LAW_FIELDS if isinstance(src.get(law), dict)],
            "fields": [{"key": name, "text": texts[f"branches.{b}.{name}"]}
                       for name in TEXT_FIELDS if f"branches.{b}.{name}" in texts],
        })
    agreements = []
    for a in sorted(data.get("agreements") or [], key=lambda a: (str(a["in_force"]), a["partner"])):
        code = a["partner"]
        agreements.append({
            "posted_worker_months": None, "self_employed_months": None,
            **a,
            "name": opendata.partner_name(code, ctx.project.catalog, lang),
            "link": code.lower() if code.lower() in ctx.project.profiles else None,
            "is_country": len(code) == 2,
        })
    institutions = [{**inst, "name": texts[f"institutions.{inst['id']}.name"]}
                    for inst in data.get("institutions") or []]
    practices = [{"id": d.id, "title": d.localized_meta(lang).get("title", d.id),
                  "lang": lang if lang in d.translations or lang == ctx.default else ctx.default}
                 for d in ctx.project.good_practices_by_country().get(p.iso2, [])]
    status, untranslated = translation_status(p, lang, ctx.default)
    return {
        "id": p.id, "iso2": p.iso2, "name": cldr.country_name(p.iso2, lang), "region": p.region,
        "laws_as_of": str(data["laws_as_of"]), "updated": str(data["updated"]),
        "illustrative": bool(data.get("illustrative", False)),
        "indicators": data["indicators"],
        "contributions": [{"branch": b, **{k: (data["contributions"].get(b) or {}).get(k) for k in PARTIES}}
                          for b in BRANCHES],
        "branches": branches, "agreements": agreements, "institutions": institutions,
        "good_practices": practices,
        "translation_status": status, "untranslated": untranslated,
    }


def _fmt(lang: str, digits: int = 2) -> Callable[[float | None], str]:
    def fmt(value: float | None) -> str:
        if value is None:
            return ""
        return cldr.format_number(round(value, digits), lang)
    return fmt


def pension_chart(ctx: Context, profiles: list[CountryProfile], lang: str, chart_id: str) -> charts.BarChart:
    """Statutory pension age by country, men and women."""
    men, women = _t(ctx, lang, "profile.men"), _t(ctx, lang, "profile.women")
    return charts.bar_chart(
        chart_id,
        title=_t(ctx, lang, "profile.chart_pension_age"),
        desc=_t(ctx, lang, "profile.chart_pension_age_desc", count=cldr.format_number(len(profiles), lang)),
        categories=[cldr.country_name(p.iso2, lang) for p in profiles],
        series=[men, women],
        values=[[p.data["indicators"]["pension_age"]["men"], p.data["indicators"]["pension_age"]["women"]]
                for p in profiles],
        fmt=_fmt(lang), axis_label=_t(ctx, lang, "profile.chart_axis_years"),
        rtl=ctx.project.config.language(lang).direction == "rtl",
        missing=_t(ctx, lang, "profile.not_applicable"),
    )


def contributions_chart(ctx: Context, profiles: list[CountryProfile], lang: str, chart_id: str) -> charts.BarChart:
    """Total contribution rate (insured + employer + government) per branch, stacked per country."""
    def total(p: CountryProfile, b: str) -> float | None:
        rates = [v for v in (p.data["contributions"].get(b) or {}).values() if v is not None]
        return round(sum(rates), 2) if rates else None

    return charts.bar_chart(
        chart_id,
        title=_t(ctx, lang, "profile.chart_contributions"),
        desc=_t(ctx, lang, "profile.chart_contributions_desc", count=cldr.format_number(len(profiles), lang)),
        categories=[cldr.country_name(p.iso2, lang) for p in profiles],
        series=[_t(ctx, lang, f"branches.{b}") for b in BRANCHES],
        values=[[total(p, b) for b in BRANCHES] for p in profiles],
        fmt=_fmt(lang), axis_label=_t(ctx, lang, "profile.chart_axis_percent"),
        rtl=ctx.project.config.language(lang).direction == "rtl",
        stacked=True, total_label=_t(ctx, lang, "profile.total"),
        missing=_t(ctx, lang, "profile.not_applicable"),
    )


def compare_topics(ctx: Context, lang: str) -> list[dict[str, Any]]:
    """Topic groups of the comparison: key indicators, then one group per branch."""
    groups: list[dict[str, Any]] = [{
        "key": "indicators", "label": _t(ctx, lang, "profile.indicators"),
        "topics": [{"key": key, "label": _t(ctx, lang, f"profile.topic_{key}")} for key in INDICATOR_TOPICS],
    }]
    for b in BRANCHES:
        branch = _t(ctx, lang, f"branches.{b}")
        topics = []
        for name in BRANCH_TOPICS:
            label = _t(ctx, lang, f"profile.rate_{name}" if name in PARTIES else f"profile.{name}")
            topics.append({"key": f"{b}.{name}", "field": name, "branch": b, "label": label,
                           "full_label": _t(ctx, lang, "profile.topic_branch", branch=branch, field=label)})
        groups.append({"key": b, "label": branch, "topics": topics})
    for group in groups:
        for topic in group["topics"]:
            topic.setdefault("full_label", topic["label"])
    return groups


def compare_cells(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Topic key → cell of one country in the comparison (``kind`` tells the template how to show it)."""
    ind = view["indicators"]

    def number(value: float | int | None) -> dict[str, Any]:
        return {"kind": "number", "value": value, "raw": opendata.plain_number(value)}

    cells: dict[str, dict[str, Any]] = {
        "population": number(ind["population"]),
        "life_expectancy": number(ind["life_expectancy"]),
        "pension_age_men": number(ind["pension_age"]["men"]),
        "pension_age_women": number(ind["pension_age"]["women"]),
    }
    rates = {row["branch"]: row for row in view["contributions"]}
    for b in view["branches"]:
        key = b["key"]
        for party in PARTIES:
            cells[f"{key}.{party}"] = number(rates[key][party])
        if not b["exists"]:
            cells[f"{key}.types"] = {"kind": "none"}
        else:
            cells[f"{key}.types"] = {"kind": "types", "value": b["types"]}
        laws = {law["key"]: law for law in b["laws"]}
        fields = {f["key"]: f["text"] for f in b["fields"]}
        for law in LAW_FIELDS:
            cells[f"{key}.{law}"] = {"kind": "law", "value": laws[law]} if law in laws else {"kind": "empty"}
        for name in TEXT_FIELDS:
            cells[f"{key}.{name}"] = {"kind": "text", "value": fields[name]} if name in fields else {"kind": "empty"}
    return cells


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
        out.append(GeneratedPage(
            f"countries/{ctx.file_name('compare', lang)}",
            ctx.render("compare.md.j2", lang, profiles=views, groups=compare_topics(ctx, lang),
                       cells={v["id"]: compare_cells(v) for v in views})))
        for view in views:
            out.append(GeneratedPage(f"countries/{ctx.file_name(view['id'], lang)}",
                                     ctx.render("country.md.j2", lang, p=view)))
        for name, text in opendata.files(profiles, ctx.project.catalog, lang).items():
            stem, ext = name.rsplit(".", 1)
            out.append(GeneratedPage(f"{opendata.DATA_DIR}/{ctx.file_name(stem, lang, ext)}", text))
    return out


def opendata_links() -> list[dict[str, str]]:
    """The open-data files, relative to the countries index, with their locale label keys."""
    return [
        {"href": f"data/{opendata.PROFILES_CSV}", "label": "profile.open_data_csv", "format": "CSV"},
        {"href": f"data/{opendata.AGREEMENTS_CSV}", "label": "profile.open_data_agreements_csv", "format": "CSV"},
        {"href": f"data/{opendata.PROFILES_JSON}", "label": "profile.open_data_json", "format": "JSON"},
    ]
