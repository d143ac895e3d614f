"""Open data and the shared reading of contributions: one model for pages, comparison, charts and files.

Files (relative to the site language root, e.g. ``/fr/countries/data/``):

- ``country-profiles.csv``: one row per country (dates, indicators, pension ages of the first tier).
- ``country-programs.csv``: one row per program (branch, type, laws, the five text fields), plus one
  row per branch without a program carrying its note.
- ``country-contributions.csv``: one row per contribution item (program, party, kind, numbers,
  currency, period, caps, ``varies_by``, note, and a localized summary).
- ``country-pension-ages.csv``: one row per pension-age tier and sex (normal, early, deferred, schedule).
- ``country-agreements.csv``: one row per agreement and side.
- ``country-profiles.json``: everything, nested, with localized labels.
- ``datapackage.json``: the column dictionary (a Frictionless Data Package descriptor, English).

Numbers use a dot as decimal separator; an empty number cell means "no number": the ``kind`` and
``status`` columns say why (none, not applicable, described in words, unknown) — never zero. A
branch the source does not describe has ``status`` ``unknown`` in ``country-programs.csv`` and the
JSON (``no_program`` is a different fact: the branch exists and has no program).
Every record carries ``illustrative`` (true for sample data). Text fields are Markdown, in the
file's language where a current translation exists, in English otherwise. CSV files start with a
UTF-8 byte order mark so that spreadsheet programs read non-Latin text.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel.numbers import format_currency

from build_tools.generate.text_links import LinkBase
from build_tools.i18n import cldr
from build_tools.model.country_profiles import (
    BRANCHES,
    CAPS,
    PARTIES,
    TEXT_FIELDS,
    CountryProfile,
    branch_status,
    caps,
    law_key,
    program_id,
    programs,
)
from build_tools.model.ui_strings import Catalog

DATA_DIR = "countries/data"
PROFILES_CSV = "country-profiles.csv"
PROGRAMS_CSV = "country-programs.csv"
CONTRIBUTIONS_CSV = "country-contributions.csv"
AGES_CSV = "country-pension-ages.csv"
AGREEMENTS_CSV = "country-agreements.csv"
PROFILES_JSON = "country-profiles.json"
DICTIONARY = "datapackage.json"
# Chart and table markers for contribution items that are not a comparable percentage.
MARKERS = {"amount": "¤", "varies": "~", "described": "¶", "unknown": "?"}
# Parties whose comparable percentages add up to a branch's total (the self-employed pay instead of both).
TOTAL_PARTIES = ("insured", "employer", "government")


# ---------------------------------------------------------------------------------------------
# Reading contributions
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemView:
    """One contribution item as every output shows it."""

    kind: str  # percent | range | amount | amount_range | status
    status: str  # "" for items with a number, else none | not_applicable | described | unknown
    summary: str  # localized one-line description (no note)
    note: str  # Markdown note (localized where translated), or ""
    note_lang: str
    percent: float | None  # a percentage comparable across countries, else None
    marker: str | None  # None or a key of MARKERS

    @property
    def symbol(self) -> str:
        """The visible marker symbol, or ''."""
        return MARKERS[self.marker] if self.marker else ""


@lru_cache(maxsize=65536)  # pure, and called for every cap and amount in every language (Babel is slow)
def money(amount: float, currency: str, lang: str) -> str:
    """An amount with its ISO 4217 currency, formatted for ``lang`` (no decimals for whole amounts)."""
    loc = cldr.locale(lang)
    # Whole amounts without decimals, in the locale's own currency pattern (€13,000 / 13 000 €).
    fmt = str(loc.currency_formats["standard"].pattern).replace(".00", "") if float(amount).is_integer() else None
    try:
        return str(format_currency(amount, currency, format=fmt, locale=loc, currency_digits=fmt is None))
    except (ValueError, KeyError):  # an ISO-shaped code Babel does not know: show it plainly
        return f"{cldr.format_number(amount, lang)} {currency}"


def _cap_text(cap: dict[str, Any], kind: str, region: str, catalog: Catalog, lang: str) -> str:
    if "percent" in cap:  # a cap relative to a base, e.g. "300% of the average wage"
        amount = catalog.t(lang, "contribution.percent", value=cldr.format_percent(cap["percent"], lang),
                           base=catalog.t(lang, f"bases.{cap['base']}"))
    else:
        amount = catalog.t(lang, "contribution.amount", amount=money(cap["amount"], cap["currency"], lang),
                           period=catalog.t(lang, f"periods.{cap['period']}"))
    text = catalog.t(lang, f"contribution.{kind}", amount=amount)
    return catalog.t(lang, "contribution.in_region", text=text, region=region) if region else text


def describe(item: dict[str, Any], catalog: Catalog, lang: str, texts: dict[str, tuple[str, str]] | None = None,
             unit: str = "") -> ItemView:
    """Read one contribution item (``unit`` is its unit path, for localized notes and cap regions)."""
    texts = texts or {}
    t = catalog.t
    base = t(lang, f"bases.{item['base']}") if item.get("base") else ""
    status = ""
    percent: float | None = None
    marker: str | None = None
    if "percent" in item:
        kind = "percent"
        summary = t(lang, "contribution.percent", value=cldr.format_percent(item["percent"], lang), base=base)
        percent = None if item.get("varies_by") else float(item["percent"])
        marker = "varies" if item.get("varies_by") else None
    elif "range" in item:
        kind, marker = "range", "varies"
        summary = t(lang, "contribution.range", min=cldr.format_percent(item["range"]["min"], lang),
                    max=cldr.format_percent(item["range"]["max"], lang), base=base)
    elif "amount_range" in item:  # e.g. "36.30 to 581.30 pesos a month, by income class"
        kind, marker = "amount_range", "amount"
        summary = t(lang, "contribution.amount_range",
                    min=money(item["amount_range"]["min"], item["currency"], lang),
                    max=money(item["amount_range"]["max"], item["currency"], lang),
                    period=t(lang, f"periods.{item['period']}"))
    elif "amount" in item:
        kind, marker = "amount", "amount"
        summary = t(lang, "contribution.amount", amount=money(item["amount"], item["currency"], lang),
                    period=t(lang, f"periods.{item['period']}"))
    else:
        kind, status = "status", str(item.get("status", "unknown"))
        summary = t(lang, f"contribution.status_{status}")
        marker = {"described": "described", "unknown": "unknown"}.get(status)
    parts = [summary]
    for name in CAPS:
        for rel, cap in caps(item, name):
            region_path = f"{unit}.{'.'.join(str(r) for r in rel)}.region"
            region = texts.get(region_path, (str(cap.get("region") or ""), "en"))[0] if cap.get("region") else ""
            parts.append(_cap_text(cap, name, region, catalog, lang))
    if item.get("varies_by"):
        parts.append(t(lang, "contribution.varies_by", what=t(lang, f"varies_by.{item['varies_by']}")))
    note, note_lang = texts.get(f"{unit}.note", (str(item.get("note") or ""), "en"))
    return ItemView(kind, status, t(lang, "contribution.join").join(parts), note, note_lang if note else lang,
                    percent, marker)


def party_items(p: CountryProfile, branch: str, prog: dict[str, Any], party: str, catalog: Catalog, lang: str,
                texts: dict[str, tuple[str, str]]) -> list[ItemView]:
    """The items one party pays to one program; an absent party reads as "not stated" (unknown)."""
    items = (prog.get("contributions") or {}).get(party) or []
    unit = f"branches.{branch}.programs.{program_id(prog)}.contributions.{party}"
    if not items:
        return [describe({"status": "unknown"}, catalog, lang)]
    return [describe(item, catalog, lang, texts, f"{unit}.{k}") for k, item in enumerate(items)]


@dataclass(frozen=True)
class BranchTotal:
    """What a branch's contributions add up to: the comparable percentages, and what is left out."""

    percent: float | None  # sum of comparable percentages, None when there is none
    markers: tuple[str, ...]  # kinds of items left out of the sum (keys of MARKERS), in MARKERS order
    exists: bool


def branch_total(p: CountryProfile, branch: str, catalog: Catalog, lang: str) -> BranchTotal:
    """Sum of the comparable percentages of all programs and parties of a branch, and the markers of the rest.

    A branch the source does not describe (``status: unknown``) has no total and is marked "not stated".
    The self-employed pay *instead of* an insured person and an employer, so their rate is never added
    to the total (9.8% + 9.8% + 19.6% would read as 39.2% of earnings); it is shown per party only.
    """
    if branch_status(p.branch(branch)) == "unknown":
        return BranchTotal(None, ("unknown",), False)
    progs = programs(p.branch(branch))
    values: list[float] = []
    marks: set[str] = set()
    for prog in progs:
        for party in TOTAL_PARTIES:
            if party not in (prog.get("contributions") or {}):
                marks.add("unknown")  # not stated (e.g. the source's excerpt ends first): the total is partial
                continue
            for view in party_items(p, branch, prog, party, catalog, lang, {}):
                if view.percent is not None:
                    values.append(view.percent)
                elif view.marker:
                    marks.add(view.marker)
    if progs and not any(prog.get("contributions") for prog in progs):
        marks.add("unknown")
    total = round(sum(values), 2) if values else None
    return BranchTotal(total, tuple(m for m in MARKERS if m in marks), bool(progs))


# ---------------------------------------------------------------------------------------------
# Pension ages
# ---------------------------------------------------------------------------------------------


def age_parts(age: object) -> tuple[int, int] | None:
    """(years, months) of an age written as a whole number of years or ``{years, months}``."""
    if isinstance(age, bool):
        return None
    if isinstance(age, int):
        return age, 0
    if isinstance(age, dict) and isinstance(age.get("years"), int):
        return int(age["years"]), int(age.get("months") or 0)
    return None


def age_text(age: object, catalog: Catalog, lang: str) -> str:
    """An age in words: "65 years" or "65 years and 7 months", localized."""
    parts = age_parts(age)
    if parts is None:
        return ""
    years, months = parts
    if months:
        return catalog.t(lang, "age.years_months", years=cldr.format_number(years, lang),
                         months=cldr.format_number(months, lang))
    return catalog.t(lang, "age.years", years=cldr.format_number(years, lang))


def age_decimal(age: object) -> float | None:
    """An age as decimal years, for chart bar lengths only (never shown as such)."""
    parts = age_parts(age)
    return None if parts is None else round(parts[0] + parts[1] / 12, 4)


def first_tier(p: CountryProfile) -> dict[str, Any] | None:
    """The first pension-age tier of a profile (the one shown in summaries and charts)."""
    tiers = p.branch("old_age").get("pension_ages") or []
    return tiers[0] if tiers else None


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


def partner_name(code: str, catalog: Catalog, lang: str) -> str:
    """A partner's name: CLDR for countries, the locale's ``organizations`` for organizations."""
    if len(code) == 2:
        return cldr.country_name(code, lang)
    return catalog.t(lang, f"organizations.{code}")


def plain_number(value: float | int | None) -> str:
    """A number as plain machine-readable text (dot decimal, no grouping); None becomes empty."""
    if value is None or isinstance(value, bool):
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _indicator(p: CountryProfile, name: str) -> dict[str, Any]:
    value = (p.data.get("indicators") or {}).get(name)
    return value if isinstance(value, dict) else {}


def _item_record(item: dict[str, Any], view: ItemView) -> dict[str, Any]:
    rec: dict[str, Any] = {"kind": view.kind}
    for key in ("percent", "range", "amount", "amount_range", "currency", "period", "status", "base", "varies_by"):
        if key in item:
            rec[key] = item[key]
    for name in CAPS:
        found = caps(item, name)
        if found:
            rec[name] = [{k: c[k] for k in ("amount", "currency", "period", "percent", "base", "region") if k in c}
                         for _r, c in found]
    rec["summary"] = view.summary
    if view.note:
        rec["note"] = view.note
    return rec


def _texts(p: CountryProfile, lang: str, links: LinkBase | None) -> dict[str, tuple[str, str]]:
    """The profile's texts in ``lang``, links written in YAML text made absolute (open data are read off the site)."""
    return (links or LinkBase()).fields(p.localized_text(lang), p.source.rel)


def profile_record(p: CountryProfile, catalog: Catalog, lang: str, links: LinkBase | None = None) -> dict[str, Any]:
    """One country as a nested, JSON-ready record in ``lang`` (links in texts made absolute with ``links``)."""
    texts = _texts(p, lang, links)
    data = p.data
    branches: dict[str, Any] = {}
    for b in BRANCHES:
        branch = p.branch(b)
        if b == "long_term_care" and not branch:
            continue
        rec: dict[str, Any] = {"status": branch_status(branch), "programs": []}
        if f"branches.{b}.note" in texts:
            rec["note"] = texts[f"branches.{b}.note"][0]
        for prog in programs(branch):
            pid = program_id(prog)
            unit = f"branches.{b}.programs.{pid}"
            prec: dict[str, Any] = {"id": pid, "type": {"code": prog["type"],
                                                        "name": catalog.t(lang, f"program_types.{prog['type']}")}}
            if f"{unit}.name" in texts:
                prec["name"] = texts[f"{unit}.name"][0]
            prec["laws"] = [{k: (str(v) if k == "in_force" else v) for k, v in law.items() if k != "title"}
                            | {"title": texts[f"{unit}.laws.{law_key(law)}.title"][0]} for law in prog.get("laws") or []]
            for name in TEXT_FIELDS:
                if f"{unit}.{name}" in texts:
                    prec[name] = texts[f"{unit}.{name}"][0]
            contributions: dict[str, Any] = {}
            for party in PARTIES:
                items = (prog.get("contributions") or {}).get(party)
                if items:
                    contributions[party] = [
                        _item_record(item, describe(item, catalog, lang, texts, f"{unit}.contributions.{party}.{k}"))
                        for k, item in enumerate(items)]
            prec["contributions"] = contributions
            rec["programs"].append(prec)
        if branch.get("pension_ages"):
            rec["pension_ages"] = [
                {k: v for k, v in tier.items() if k != "note"}
                | ({"note": texts[f"branches.{b}.pension_ages.{i}.note"][0]} if tier.get("note") else {})
                for i, tier in enumerate(branch["pension_ages"])]
        total = branch_total(p, b, catalog, lang)
        rec["contribution_total"] = {"percent": total.percent, "excludes": list(total.markers)}
        branches[b] = rec
    return {
        "iso2": p.iso2,
        "name": cldr.country_name(p.iso2, lang),
        "region": {"code": p.region, "name": catalog.t(lang, f"regions.{p.region}")},
        "laws_as_of": str(data["laws_as_of"]),
        "updated": str(data["updated"]),
        "illustrative": p.illustrative,
        "sources": data.get("sources") or [],
        "indicators": data.get("indicators") or {},
        "branches": branches,
        "agreements": [
            {**{k: (str(v) if k == "in_force" else v) for k, v in a.items()},
             "partner_name": partner_name(a["partner"], catalog, lang)}
            for a in data.get("agreements") or []
        ],
        "institutions": [
            {**inst, "name": texts[f"institutions.{inst['id']}.name"][0]} for inst in data.get("institutions") or []
        ],
        "untranslated": sorted(path for path, (_, text_lang) in texts.items() if text_lang != lang),
    }


# ---------------------------------------------------------------------------------------------
# CSV files and their column dictionary
# ---------------------------------------------------------------------------------------------

COMMON = ["iso2", "country", "illustrative"]
# Column → description (English; the column dictionary published as datapackage.json).
COLUMNS: dict[str, dict[str, str]] = {
    PROFILES_CSV: {
        "iso2": "ISO 3166-1 alpha-2 code of the country.",
        "country": "Country name in the file's language.",
        "illustrative": "true when the record is illustrative sample data, false when it states established facts.",
        "region": "Region code (africa, americas, asia-pacific, europe).",
        "region_name": "Region name in the file's language.",
        "laws_as_of": "Date (YYYY-MM-DD), month (YYYY-MM) or year (YYYY, when the source gives only that) of the laws described.",
        "updated": "Date the profile was last updated.",
        "population": "Population (persons); empty when not given.",
        "population_year": "Year of the population figure.",
        "population_source": "Source of the population figure.",
        "life_expectancy": "Life expectancy at birth (years); empty when not given.",
        "life_expectancy_year": "Year of the life-expectancy figure.",
        "life_expectancy_source": "Source of the life-expectancy figure.",
        "pension_age_tier": "Tier of the first pension-age entry (basic, earnings_related, universal, ...).",
        "pension_age_men_years": "Normal pension age of men, whole years (first tier).",
        "pension_age_men_months": "Additional months of the normal pension age of men.",
        "pension_age_women_years": "Normal pension age of women, whole years (first tier).",
        "pension_age_women_months": "Additional months of the normal pension age of women.",
        "sources": "Sources of the profile (title, edition, section, pages), separated by ' | '.",
    },
    PROGRAMS_CSV: {
        "iso2": "ISO 3166-1 alpha-2 code of the country.",
        "country": "Country name in the file's language.",
        "illustrative": "true when the record is illustrative sample data.",
        "branch": "Branch code (old_age, sickness, work_injury, unemployment, family, long_term_care).",
        "status": ("programs (the row is a program), no_program (the branch has no program; see note) or "
                   "unknown (the source does not describe the branch: not the same as no program)."),
        "program": "Program ID within the branch; empty on a row for a branch without a program.",
        "type": "Program type code (social-insurance, universal, ...); empty when there is no program.",
        "type_name": "Program type in the file's language.",
        "laws": "Laws: 'year kind: title' entries separated by ' | '.",
        "coverage": "Coverage (Markdown).",
        "source_of_funds": "Source of funds (Markdown).",
        "qualifying_conditions": "Qualifying conditions (Markdown).",
        "benefits": "Benefits (Markdown).",
        "administration": "Administrative organization (Markdown).",
        "note": "For a branch without a program: what exists instead (Markdown).",
    },
    CONTRIBUTIONS_CSV: {
        "iso2": "ISO 3166-1 alpha-2 code of the country.",
        "country": "Country name in the file's language.",
        "illustrative": "true when the record is illustrative sample data.",
        "branch": "Branch code.",
        "program": "Program ID within the branch.",
        "party": "Who pays: insured, self_employed, employer or government.",
        "item": "Position of the item within the party's list (0, 1, ...); items of one party add up.",
        "kind": "percent, range, amount, amount_range or status (no number).",
        "status": "For kind=status: none (pays nothing), not_applicable, described (in words, see note) or unknown.",
        "percent": "Percentage of the base (kind=percent).",
        "min_percent": "Lowest percentage (kind=range).",
        "max_percent": "Highest percentage (kind=range).",
        "base": "What the percentage applies to (earnings, covered_earnings, payroll, ...).",
        "amount": "Flat amount (kind=amount), in currency per period.",
        "min_amount": "Lowest flat amount (kind=amount_range, e.g. by income class), in currency per period.",
        "max_amount": "Highest flat amount (kind=amount_range), in currency per period.",
        "currency": "ISO 4217 currency code of the amount(s).",
        "period": "Period of the amount: day, week, month, quarter, year or once.",
        "ceiling": ("Earnings ceiling(s): 'amount currency/period (region)' or 'percent% base (region)' "
                    "(e.g. '300% average_wage'), separated by ' | '."),
        "floor": "Earnings floor(s), same form as ceiling.",
        "varies_by": "What the rate varies by (region, fund, risk_class, ...); such rates are not comparable.",
        "comparable": "true when the item is a percentage comparable across countries (drawn in charts).",
        "summary": "The item in words, in the file's language.",
        "note": "Note (Markdown), e.g. the words of a government share described in text.",
    },
    AGES_CSV: {
        "iso2": "ISO 3166-1 alpha-2 code of the country.",
        "country": "Country name in the file's language.",
        "illustrative": "true when the record is illustrative sample data.",
        "tier": "Pension tier (basic, earnings_related, universal, means_tested, supplementary, individual_account).",
        "sex": "men or women.",
        "kind": "normal, early, deferred or scheduled (a future age reached in 'year').",
        "years": "Age, whole years.",
        "months": "Age, additional months.",
        "year": "For kind=scheduled: the year the age is reached.",
    },
    AGREEMENTS_CSV: {
        "iso2": "ISO 3166-1 alpha-2 code of the country.",
        "country": "Country name in the file's language.",
        "illustrative": "true when the record is illustrative sample data.",
        "partner": "Partner country (ISO code) or organization code.",
        "partner_name": "Partner name in the file's language.",
        "kind": "bilateral or multilateral.",
        "in_force": "Date the agreement entered into force.",
        "branches": "Branches covered, separated by '; '.",
        "posted_worker_months": "Maximum posting period for employees (months); empty when not given.",
        "self_employed_months": "Maximum posting period for the self-employed (months); empty when not given.",
    },
}


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _cap_cell(cap: dict[str, Any]) -> str:
    value = f"{plain_number(cap['percent'])}% {cap['base']}" if "percent" in cap \
        else f"{plain_number(cap['amount'])} {cap['currency']}/{cap['period']}"
    return value + (f" ({cap['region']})" if cap.get("region") else "")


def _caps_cell(item: dict[str, Any], name: str) -> str:
    return " | ".join(_cap_cell(c) for _r, c in caps(item, name))


def _head(p: CountryProfile, lang: str) -> dict[str, str]:
    return {"iso2": p.iso2, "country": cldr.country_name(p.iso2, lang), "illustrative": _bool(p.illustrative)}


def profile_row(p: CountryProfile, catalog: Catalog, lang: str) -> dict[str, str]:
    """One country as a flat row of ``country-profiles.csv``."""
    pop, life = _indicator(p, "population"), _indicator(p, "life_expectancy")
    tier = first_tier(p) or {}
    row = {**_head(p, lang), "region": p.region, "region_name": catalog.t(lang, f"regions.{p.region}"),
           "laws_as_of": str(p.data["laws_as_of"]), "updated": str(p.data["updated"]),
           "population": plain_number(pop.get("value")), "population_year": plain_number(pop.get("year")),
           "population_source": str(pop.get("source", "")),
           "life_expectancy": plain_number(life.get("value")), "life_expectancy_year": plain_number(life.get("year")),
           "life_expectancy_source": str(life.get("source", "")),
           "pension_age_tier": str(tier.get("tier", ""))}
    for sex in ("men", "women"):
        parts = age_parts(tier.get(sex))
        row[f"pension_age_{sex}_years"] = str(parts[0]) if parts else ""
        row[f"pension_age_{sex}_months"] = str(parts[1]) if parts else ""
    row["sources"] = " | ".join(", ".join(str(s[k]) for k in ("title", "edition", "section", "pages") if s.get(k))
                                for s in p.data.get("sources") or [])
    return row


def program_rows(p: CountryProfile, catalog: Catalog, lang: str, links: LinkBase | None = None) -> list[dict[str, str]]:
    """Rows of ``country-programs.csv`` for one country."""
    texts = _texts(p, lang, links)
    rows = []
    for b in BRANCHES:
        branch = p.branch(b)
        note = texts.get(f"branches.{b}.note", ("", lang))[0]
        progs = programs(branch)
        if not progs and (branch or b != "long_term_care"):
            rows.append({**_head(p, lang), "branch": b, "status": branch_status(branch), "program": "", "type": "",
                         "type_name": "", "laws": "", **dict.fromkeys(TEXT_FIELDS, ""), "note": note})
        for prog in progs:
            unit = f"branches.{b}.programs.{program_id(prog)}"
            laws = " | ".join(f"{law['year']}{' ' + law['kind'] if law.get('kind') else ''}: "
                              f"{texts[f'{unit}.laws.{law_key(law)}.title'][0]}" for law in prog.get("laws") or [])
            rows.append({**_head(p, lang), "branch": b, "status": "programs", "program": program_id(prog),
                         "type": prog["type"],
                         "type_name": catalog.t(lang, f"program_types.{prog['type']}"), "laws": laws,
                         **{name: texts.get(f"{unit}.{name}", ("", lang))[0] for name in TEXT_FIELDS}, "note": note})
    return rows


def contribution_rows(p: CountryProfile, catalog: Catalog, lang: str,
                      links: LinkBase | None = None) -> list[dict[str, str]]:
    """Rows of ``country-contributions.csv`` for one country: one per item."""
    texts = _texts(p, lang, links)
    rows = []
    for b in BRANCHES:
        for prog in programs(p.branch(b)):
            unit = f"branches.{b}.programs.{program_id(prog)}.contributions"
            for party in PARTIES:
                for k, item in enumerate((prog.get("contributions") or {}).get(party) or []):
                    view = describe(item, catalog, lang, texts, f"{unit}.{party}.{k}")
                    rng = item.get("range") or {}
                    amounts = item.get("amount_range") or {}
                    rows.append({
                        **_head(p, lang), "branch": b, "program": program_id(prog), "party": party, "item": str(k),
                        "kind": view.kind, "status": view.status, "percent": plain_number(item.get("percent")),
                        "min_percent": plain_number(rng.get("min")), "max_percent": plain_number(rng.get("max")),
                        "base": str(item.get("base", "")), "amount": plain_number(item.get("amount")),
                        "min_amount": plain_number(amounts.get("min")), "max_amount": plain_number(amounts.get("max")),
                        "currency": str(item.get("currency", "")), "period": str(item.get("period", "")),
                        "ceiling": _caps_cell(item, "ceiling"), "floor": _caps_cell(item, "floor"),
                        "varies_by": str(item.get("varies_by", "")), "comparable": _bool(view.percent is not None),
                        "summary": view.summary, "note": view.note,
                    })
    return rows


def age_rows(p: CountryProfile, lang: str) -> list[dict[str, str]]:
    """Rows of ``country-pension-ages.csv`` for one country."""
    rows = []

    def add(tier: str, sex: str, kind: str, age: object, year: object = None) -> None:
        parts = age_parts(age)
        if parts:
            rows.append({**_head(p, lang), "tier": tier, "sex": sex, "kind": kind, "years": str(parts[0]),
                         "months": str(parts[1]), "year": plain_number(year if isinstance(year, int) else None)})

    for tier in p.branch("old_age").get("pension_ages") or []:
        for sex in ("men", "women"):
            add(tier["tier"], sex, "normal", tier.get(sex))
            for kind in ("early", "deferred"):
                add(tier["tier"], sex, kind, (tier.get(kind) or {}).get(sex))
            for step in tier.get("schedule") or []:
                add(tier["tier"], sex, "scheduled", step.get(sex), step.get("year"))
    return rows


def agreement_rows(p: CountryProfile, catalog: Catalog, lang: str) -> list[dict[str, str]]:
    """Rows of ``country-agreements.csv`` for one country (each agreement as listed in its profile)."""
    return [{**_head(p, lang), "partner": a["partner"], "partner_name": partner_name(a["partner"], catalog, lang),
             "kind": a["kind"], "in_force": str(a["in_force"]), "branches": "; ".join(a["branches"]),
             "posted_worker_months": plain_number(a.get("posted_worker_months")),
             "self_employed_months": plain_number(a.get("self_employed_months"))}
            for a in p.data.get("agreements") or []]


def _csv(columns: list[str], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buf.getvalue()


def profile_columns() -> list[str]:
    """Column keys of the profiles CSV, in order."""
    return list(COLUMNS[PROFILES_CSV])


def dataset_json(profiles: list[CountryProfile], catalog: Catalog, lang: str, links: LinkBase | None = None) -> str:
    """The whole dataset as JSON in ``lang``."""
    labels = {
        "branches": {b: catalog.t(lang, f"branches.{b}") for b in BRANCHES},
        "fields": {f: catalog.t(lang, f"profile.{f}") for f in TEXT_FIELDS},
        "parties": {p: catalog.t(lang, f"profile.{p}") for p in PARTIES},
    }
    doc = {
        "dataset": "country-profiles",
        "language": lang,
        "note": ("Each record says whether it is illustrative sample data ('illustrative'). Contribution items are "
                 "percentages of a named base, ranges, flat amounts or ranges of amounts (currency per period) or a "
                 "status (none, not_applicable, described, unknown): a missing number is never zero. A branch's "
                 "status is programs, no_program or unknown (the source does not describe it). Column dictionary: "
                 f"{DICTIONARY}."),
        "labels": labels,
        "countries": [profile_record(p, catalog, lang, links) for p in profiles],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def dictionary_json() -> str:
    """The column dictionary of every CSV file, as a Frictionless Data Package descriptor."""
    resources = []
    for name, columns in COLUMNS.items():
        resources.append({
            "name": name.removesuffix(".csv"), "path": name, "format": "csv", "encoding": "utf-8-sig",
            "schema": {"fields": [{"name": col, "type": _column_type(col), "description": desc}
                                  for col, desc in columns.items()]},
        })
    resources.append({"name": "country-profiles-json", "path": PROFILES_JSON, "format": "json",
                      "description": "The whole dataset, nested: branches → programs → contributions per party."})
    doc = {"name": "country-profiles", "title": "Country profiles (social security programs)",
           "description": ("Social security programs by country, shaped like SSA's Social Security Programs "
                           "Throughout the World. Records with illustrative=true are sample data."),
           "resources": resources}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _column_type(col: str) -> str:
    if col in ("illustrative", "comparable"):
        return "boolean"
    if col in ("percent", "min_percent", "max_percent", "amount", "min_amount", "max_amount", "life_expectancy"):
        return "number"
    if col in ("population", "posted_worker_months", "self_employed_months", "years", "months", "year", "item") \
            or col.endswith("_year") or col.endswith("_years") or col.endswith("_months"):
        return "integer"
    return "string"


def files(profiles: list[CountryProfile], catalog: Catalog, lang: str, links: LinkBase | None = None) -> dict[str, str]:
    """File name → text of every open-data file in ``lang``; links in texts are absolute URLs under ``links``."""
    out = {
        PROFILES_CSV: _csv(list(COLUMNS[PROFILES_CSV]), [profile_row(p, catalog, lang) for p in profiles]),
        PROGRAMS_CSV: _csv(list(COLUMNS[PROGRAMS_CSV]), [r for p in profiles for r in program_rows(p, catalog, lang, links)]),
        CONTRIBUTIONS_CSV: _csv(list(COLUMNS[CONTRIBUTIONS_CSV]),
                                [r for p in profiles for r in contribution_rows(p, catalog, lang, links)]),
        AGES_CSV: _csv(list(COLUMNS[AGES_CSV]), [r for p in profiles for r in age_rows(p, lang)]),
        AGREEMENTS_CSV: _csv(list(COLUMNS[AGREEMENTS_CSV]), [r for p in profiles for r in agreement_rows(p, catalog, lang)]),
        PROFILES_JSON: dataset_json(profiles, catalog, lang, links),
        DICTIONARY: dictionary_json(),
    }
    return out
