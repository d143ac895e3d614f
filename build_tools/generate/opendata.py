"""The open-data exporter: CSV files, JSON and their column dictionary, from the profile view model.

Files (relative to the site language root, e.g. ``/fr/countries/data/``):

- ``country-profiles.csv``: one row per country (dates, indicators, pension ages of the first tier).
- ``country-programs.csv``: one row per program (branch, type, laws, the five text fields), plus one
  row per branch without a program carrying its note.
- ``country-branches.csv``: one row per branch: status, note, what the source states once for all
  its programs (laws, administration, government share), the institutions that administer it and
  the branch's contribution total.
- ``country-contributions.csv``: one row per contribution item (program, party, kind, numbers,
  currency, period, caps, ``varies_by``, note, and a localized summary); a government share the
  branch states for all its programs has an empty program.
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
from decimal import Decimal
from typing import Any

from build_tools.generate.profile_reading import (
    ItemView,
    age_options,
    age_parts,
    branch_total,
    describe,
    first_tier,
    partner_name,
    plain_number,
)
from build_tools.generate.text_links import LinkBase
from build_tools.i18n import cldr
from build_tools.model.country_profiles import (
    BRANCHES,
    CAPS,
    PARTIES,
    CountryProfile,
    branch_institutions,
    branch_status,
    caps,
    law_key,
    program_id,
    programs,
)
from build_tools.model.profile_fields import text_field_keys, text_fields
from build_tools.model.ui_strings import Catalog

DATA_DIR = "countries/data"
PROFILES_CSV = "country-profiles.csv"
PROGRAMS_CSV = "country-programs.csv"
BRANCHES_CSV = "country-branches.csv"
CONTRIBUTIONS_CSV = "country-contributions.csv"
AGES_CSV = "country-pension-ages.csv"
AGREEMENTS_CSV = "country-agreements.csv"
PROFILES_JSON = "country-profiles.json"
DICTIONARY = "datapackage.json"
def json_number(value: Decimal | None) -> float | int | None:
    """An exact decimal as a JSON number that prints as entered (0.002, never 0.0; 5, not 5.0)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)



def _indicator(p: CountryProfile, name: str) -> dict[str, Any]:
    value = (p.data.get("indicators") or {}).get(name)
    return value if isinstance(value, dict) else {}


def _item_record(item: dict[str, Any], view: ItemView) -> dict[str, Any]:
    rec: dict[str, Any] = {"kind": view.kind}
    for key in ("percent", "range", "amount", "amount_range", "currency", "period", "status", "base", "varies_by",
                "applies_to", "alternative", "minimum", "maximum"):
        if key in item:
            rec[key] = item[key]
    for name in CAPS:
        found = caps(item, name)
        if found:
            rec[name] = [{k: c[k] for k in ("amount", "currency", "period", "percent", "base", "region", "label") if k in c}
                         for _r, c in found]
    rec["summary"] = view.summary
    if view.note:
        rec["note"] = view.note
    return rec


def _law_records(laws: list[dict[str, Any]], unit: str, texts: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """The laws of a program or of a whole branch (``unit`` is its unit path), their titles in the file's language."""
    return [{k: (str(v) if k == "in_force" else v) for k, v in law.items() if k != "title"}
            | {"title": texts[f"{unit}.laws.{law_key(law)}.title"][0]} for law in laws]


def _laws_cell(laws: list[dict[str, Any]], unit: str, texts: dict[str, tuple[str, str]]) -> str:
    """Laws in one CSV cell: 'year kind (status): title' entries separated by ' | '."""
    return " | ".join(f"{law['year']}{' ' + law['kind'] if law.get('kind') else ''}"
                      f"{' (' + law['status'] + ')' if law.get('status') else ''}: "
                      f"{texts[f'{unit}.laws.{law_key(law)}.title'][0]}" for law in laws)


def _institution_record(inst: dict[str, Any], texts: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """An institution's ID, name in the file's language (or English) and URL when given."""
    return {"id": inst["id"], "name": texts[f"institutions.{inst['id']}.name"][0]} \
        | ({"url": inst["url"]} if inst.get("url") else {})


def _institutions_cell(data: dict[str, Any], branch: str, texts: dict[str, tuple[str, str]]) -> str:
    """The institutions administering a branch in one CSV cell: 'name <url>' entries separated by ' | '."""
    return " | ".join(rec["name"] + (f" <{rec['url']}>" if rec.get("url") else "")
                      for rec in (_institution_record(inst, texts) for inst in branch_institutions(data, branch)))


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
        rec: dict[str, Any] = {"status": branch_status(branch)}
        if branch.get("provenance"):
            rec["provenance"] = branch["provenance"]
        if f"branches.{b}.note" in texts:
            rec["note"] = texts[f"branches.{b}.note"][0]
        # What the source states once for all the branch's programs, once here (never copied into each program).
        if branch.get("laws"):
            rec["laws"] = _law_records(branch["laws"], f"branches.{b}", texts)
        if f"branches.{b}.administration" in texts:
            rec["administration"] = texts[f"branches.{b}.administration"][0]
        if branch_institutions(data, b):  # who administers the branch (each in full in the top-level list)
            rec["institutions"] = [_institution_record(inst, texts) for inst in branch_institutions(data, b)]
        if branch.get("government"):
            rec["government"] = [_item_record(item, describe(item, catalog, lang, texts, f"branches.{b}.government.{k}"))
                                 for k, item in enumerate(branch["government"])]
        rec["programs"] = []
        for prog in programs(branch):
            pid = program_id(prog)
            unit = f"branches.{b}.programs.{pid}"
            prec: dict[str, Any] = {"id": pid, "type": {"code": prog["type"],
                                                        "name": catalog.t(lang, f"program_types.{prog['type']}")}}
            if f"{unit}.name" in texts:
                prec["name"] = texts[f"{unit}.name"][0]
            prec["laws"] = _law_records(prog.get("laws") or [], unit, texts)
            for name in text_field_keys():
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
        rec["contribution_total"] = {
            "percent": json_number(total.percent), "excludes": list(total.markers),
            "added": [{"program": a.program or None, "party": a.party, "percent": json_number(a.percent)}
                      for a in total.added]}
        branches[b] = rec
    return {
        "iso2": p.iso2,
        "name": cldr.country_name(p.iso2, lang),
        "region": {"code": p.region, "name": catalog.t(lang, f"regions.{p.region}")},
        "laws_as_of": str(data["laws_as_of"]),
        "updated": str(data["updated"]),
        "illustrative": p.illustrative,
        "provenance": data.get("provenance"),
        "exchange_rate": {k: (str(v) if k == "date" else v) for k, v in (data.get("exchange_rate") or {}).items()} or None,
        "agreements_status": data.get("agreements_status"),
        "sources": data.get("sources") or [],
        "indicators": data.get("indicators") or {},
        "branches": branches,
        "agreements": [
            {**{k: (str(v) if k == "in_force" else v) for k, v in a.items()},
             "partner_name": partner_name(a["partner"], catalog, lang)}
            for a in data.get("agreements") or []
        ],
        "institutions": [{**inst, **_institution_record(inst, texts)} for inst in data.get("institutions") or []],
        "untranslated": sorted(path for path, (_, text_lang) in texts.items() if text_lang != lang),
    }


# ---------------------------------------------------------------------------------------------
# CSV files and their column dictionary
# ---------------------------------------------------------------------------------------------

COMMON = ["iso2", "country", "illustrative"]
def columns() -> dict[str, dict[str, str]]:
    """File → column → description (English; the column dictionary published as datapackage.json).

    The programs' text-field columns come from their declaration (:mod:`build_tools.model.profile_fields`).
    """
    return {**_COLUMNS, PROGRAMS_CSV: {**_PROGRAM_COLUMNS, **{f.csv_column: f.description for f in text_fields()},
                                       "note": _PROGRAM_NOTE}}


_PROGRAM_NOTE = "For a branch without a program: what exists instead (Markdown)."
_COLUMNS: dict[str, dict[str, str]] = {
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
        "sources": "Sources of the profile (title, edition, section, pages, URL), separated by ' | '.",
        "provenance": ("verified (checked against the cited source), secondary (entered from secondary material, "
                       "not yet checked) or empty (not stated)."),
        "exchange_rate_currency": "Currency of the source's exchange rate (ISO 4217); empty when none is given.",
        "exchange_rate_per_usd": "Units of that currency per US dollar, as the source gives it.",
        "exchange_rate_date": "Date (YYYY-MM-DD, YYYY-MM or YYYY) of the exchange rate.",
        "agreements_status": ("not_covered when the source does not cover agreements (an empty agreements list then "
                              "means nothing); empty otherwise."),
    },
    BRANCHES_CSV: {
        "iso2": "ISO 3166-1 alpha-2 code of the country.",
        "country": "Country name in the file's language.",
        "illustrative": "true when the record is illustrative sample data.",
        "branch": "Branch code (old_age, sickness, work_injury, unemployment, family, long_term_care).",
        "status": ("programs (the branch has programs), no_program (it has none; see note) or unknown (the source "
                   "does not describe the branch: not the same as no program)."),
        "programs": "IDs of the branch's programs, separated by '; ' (see country-programs.csv).",
        "provenance": "The branch's provenance when it differs from the profile's (verified or secondary).",
        "note": "The branch's note (Markdown), beside its programs or in place of them.",
        "laws": ("Laws the source lists once for all the branch's programs (each program's own laws are in "
                 "country-programs.csv): 'year kind (status): title' entries separated by ' | '."),
        "administration": "Administrative organization of the whole branch, when the source states it once (Markdown).",
        "institutions": ("The profile's institutions that administer the branch: 'name <url>' entries (the URL when "
                         "given) separated by ' | '; each institution in full in country-profiles.json."),
        "government": ("The government's share of the whole branch in words, items separated by ' | ' (one row per "
                       "item in country-contributions.csv, with an empty program)."),
        "total_percent": ("Sum of the comparable percentages (earnings bases; insured person, employer and "
                          "government, not the self-employed), as exact as its inputs; empty when there is none."),
        "total_added": ("The items the total adds: 'party percent (program)' separated by ' | '; without a program: "
                        "the branch's own share."),
        "total_excludes": ("Kinds of items left out of the total, separated by '; ' (amount, varies, other_base, "
                           "category, alternative, described, unknown: not stated, so the total is partial)."),
    },
    CONTRIBUTIONS_CSV: {
        "iso2": "ISO 3166-1 alpha-2 code of the country.",
        "country": "Country name in the file's language.",
        "illustrative": "true when the record is illustrative sample data.",
        "branch": "Branch code.",
        "program": ("Program ID within the branch; empty for a government share the branch states once for all "
                    "its programs (added to the branch's total once)."),
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
        "ceiling": ("Earnings ceiling(s): 'amount currency/period (label; region)' or 'percent% base (region)' "
                    "(e.g. '300% average_wage'; period 'payment' is a cap per payment), separated by ' | '."),
        "floor": "Earnings floor(s), same form as ceiling.",
        "varies_by": "What the rate varies by (region, fund, risk_class, ...); such rates are not comparable.",
        "applies_to": "The one category the item is for (e.g. marginal employees); such items are never added to totals.",
        "alternative": "true when the item is paid instead of the item before it (alternatives are never added up).",
        "minimum": "Least contribution: 'amount currency/period'.",
        "maximum": "Largest contribution: 'amount currency/period'.",
        "comparable": "true when the item is a percentage comparable across countries (drawn in charts).",
        "summary": "The item in words, in the file's language.",
        "note": "Note (Markdown), e.g. the words of a government share described in text.",
    },
    AGES_CSV: {
        "iso2": "ISO 3166-1 alpha-2 code of the country.",
        "country": "Country name in the file's language.",
        "illustrative": "true when the record is illustrative sample data.",
        "tier": "Pension tier (basic, earnings_related, universal, means_tested, supplementary, individual_account).",
        "program": "ID of the old-age program the tier belongs to, when the profile says so.",
        "sex": "men or women.",
        "kind": "normal, early, deferred or scheduled (a future age reached in 'year').",
        "years": "Age, whole years.",
        "months": "Age, additional months.",
        "year": "For kind=scheduled: the calendar year from which the age applies.",
        "born": "For kind=scheduled: the birth year (cohort) the age applies to, when the schedule is by cohort.",
        "form": "exact; or (one of two ages, e.g. 60 or 61: one row each); from / to (the ends of an age range).",
        "note": "The tier's note (Markdown), e.g. what tells two tiers of the same kind apart.",
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


_PROGRAM_COLUMNS: dict[str, str] = {
    "iso2": "ISO 3166-1 alpha-2 code of the country.",
    "country": "Country name in the file's language.",
    "illustrative": "true when the record is illustrative sample data.",
    "branch": "Branch code (old_age, sickness, work_injury, unemployment, family, long_term_care).",
    "status": ("programs (the row is a program), no_program (the branch has no program; see note) or "
               "unknown (the source does not describe the branch: not the same as no program)."),
    "program": "Program ID within the branch; empty on a row for a branch without a program.",
    "name": "Program name as the source gives it (in the file's language where translated); may be empty.",
    "type": "Program type code (social-insurance, universal, ...); empty when there is no program.",
    "type_name": "Program type in the file's language.",
    "laws": ("The program's own laws: 'year kind (status): title' entries separated by ' | '; status is suspended or "
             "not_yet_in_force when given. Laws of all the branch's programs are in country-branches.csv."),
    "provenance": "The branch's provenance when it differs from the profile's (verified or secondary).",
}


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _cap_cell(cap: dict[str, Any]) -> str:
    value = f"{plain_number(cap['percent'])}% {cap['base']}" if "percent" in cap \
        else f"{plain_number(cap['amount'])} {cap['currency']}/{cap['period']}"
    extra = "; ".join(str(cap[k]) for k in ("label", "region") if cap.get(k))
    return value + (f" ({extra})" if extra else "")


def _amount_cell(value: object) -> str:
    if not isinstance(value, dict):
        return ""
    return f"{plain_number(value['amount'])} {value['currency']}/{value['period']}"


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
    rate = p.data.get("exchange_rate") or {}
    row |= {"provenance": str(p.data.get("provenance") or ""), "exchange_rate_currency": str(rate.get("currency", "")),
            "exchange_rate_per_usd": plain_number(rate.get("per_usd")), "exchange_rate_date": str(rate.get("date", "")),
            "agreements_status": str(p.data.get("agreements_status") or "")}
    row["sources"] = " | ".join(", ".join(str(s[k]) for k in ("title", "edition", "section", "pages", "url") if s.get(k))
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
            rows.append({**_head(p, lang), "branch": b, "status": branch_status(branch), "program": "", "name": "",
                         "type": "", "type_name": "", "laws": "", "provenance": str(branch.get("provenance") or ""),
                         **dict.fromkeys(text_field_keys(), ""),
                         "note": note})
        for prog in progs:
            unit = f"branches.{b}.programs.{program_id(prog)}"
            laws = _laws_cell(prog.get("laws") or [], unit, texts)
            rows.append({**_head(p, lang), "branch": b, "status": "programs", "program": program_id(prog),
                         "name": texts.get(f"{unit}.name", ("", lang))[0], "type": prog["type"],
                         "type_name": catalog.t(lang, f"program_types.{prog['type']}"), "laws": laws,
                         "provenance": str(branch.get("provenance") or ""),
                         **{f.csv_column: texts.get(f"{unit}.{f.key}", ("", lang))[0] for f in text_fields()},
                         "note": note})
    return rows


def branch_rows(p: CountryProfile, catalog: Catalog, lang: str, links: LinkBase | None = None) -> list[dict[str, str]]:
    """Rows of ``country-branches.csv`` for one country: one per branch, with what it states for all its programs."""
    texts = _texts(p, lang, links)
    rows = []
    for b in BRANCHES:
        branch = p.branch(b)
        if b == "long_term_care" and not branch:
            continue
        total = branch_total(p, b, catalog, lang)
        government = [describe(item, catalog, lang, texts, f"branches.{b}.government.{k}").summary
                      for k, item in enumerate(branch.get("government") or [])]
        rows.append({**_head(p, lang), "branch": b, "status": branch_status(branch),
                     "programs": "; ".join(program_id(prog) for prog in programs(branch)),
                     "provenance": str(branch.get("provenance") or ""),
                     "note": texts.get(f"branches.{b}.note", ("", lang))[0],
                     "laws": _laws_cell(branch.get("laws") or [], f"branches.{b}", texts),
                     "administration": texts.get(f"branches.{b}.administration", ("", lang))[0],
                     "institutions": _institutions_cell(p.data, b, texts),
                     "government": " | ".join(government),
                     "total_percent": plain_number(total.percent),
                     "total_added": " | ".join(f"{a.party} {plain_number(a.percent)}"
                                               f"{' (' + a.program + ')' if a.program else ''}" for a in total.added),
                     "total_excludes": "; ".join(total.markers)})
    return rows


def contribution_rows(p: CountryProfile, catalog: Catalog, lang: str,
                      links: LinkBase | None = None) -> list[dict[str, str]]:
    """Rows of ``country-contributions.csv`` for one country: one per item."""
    texts = _texts(p, lang, links)
    rows = []
    for b in BRANCHES:
        # (program ID, party, items, unit path of the items): a branch's own government share first, program "".
        lists = [("", "government", p.branch(b).get("government") or [], f"branches.{b}.government")] \
            if programs(p.branch(b)) else []
        lists += [(program_id(prog), party, (prog.get("contributions") or {}).get(party) or [],
                   f"branches.{b}.programs.{program_id(prog)}.contributions.{party}")
                  for prog in programs(p.branch(b)) for party in PARTIES]
        for pid, party, items, unit in lists:
            for k, item in enumerate(items):
                view = describe(item, catalog, lang, texts, f"{unit}.{k}")
                rng = item.get("range") or {}
                amounts = item.get("amount_range") or {}
                rows.append({
                    **_head(p, lang), "branch": b, "program": pid, "party": party, "item": str(k),
                    "kind": view.kind, "status": view.status, "percent": plain_number(item.get("percent")),
                    "min_percent": plain_number(rng.get("min")), "max_percent": plain_number(rng.get("max")),
                    "base": str(item.get("base", "")), "amount": plain_number(item.get("amount")),
                    "min_amount": plain_number(amounts.get("min")), "max_amount": plain_number(amounts.get("max")),
                    "currency": str(item.get("currency", "")), "period": str(item.get("period", "")),
                    "ceiling": _caps_cell(item, "ceiling"), "floor": _caps_cell(item, "floor"),
                    "varies_by": str(item.get("varies_by", "")), "comparable": _bool(view.percent is not None),
                    "applies_to": texts.get(f"{unit}.{k}.applies_to", (str(item.get("applies_to") or ""), lang))[0],
                    "alternative": _bool(bool(item.get("alternative"))),
                    "minimum": _amount_cell(item.get("minimum")), "maximum": _amount_cell(item.get("maximum")),
                    "summary": view.summary, "note": view.note,
                })
    return rows


def age_rows(p: CountryProfile, lang: str) -> list[dict[str, str]]:
    """Rows of ``country-pension-ages.csv`` for one country."""
    rows = []
    texts = p.localized_text(lang)

    def add(tier: dict[str, Any], note: str, sex: str, kind: str, age: object, year: object = None,
            born: object = None) -> None:
        for form, option in age_options(age):
            parts = age_parts(option)
            if parts:
                rows.append({**_head(p, lang), "tier": tier["tier"], "program": str(tier.get("program") or ""),
                             "sex": sex, "kind": kind, "years": str(parts[0]), "months": str(parts[1]),
                             "year": plain_number(year if isinstance(year, int) else None),
                             "born": plain_number(born if isinstance(born, int) else None), "form": form, "note": note})

    for i, tier in enumerate(p.branch("old_age").get("pension_ages") or []):
        note = texts.get(f"branches.old_age.pension_ages.{i}.note", ("", lang))[0]
        for sex in ("men", "women"):
            add(tier, note, sex, "normal", tier.get(sex))
            for kind in ("early", "deferred"):
                add(tier, note, sex, kind, (tier.get(kind) or {}).get(sex))
            for step in tier.get("schedule") or []:
                add(tier, note, sex, "scheduled", step.get(sex), step.get("year"), step.get("born"))
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
    return list(columns()[PROFILES_CSV])


def dataset_json(profiles: list[CountryProfile], catalog: Catalog, lang: str, links: LinkBase | None = None) -> str:
    """The whole dataset as JSON in ``lang``."""
    labels = {
        "branches": {b: catalog.t(lang, f"branches.{b}") for b in BRANCHES},
        "fields": {f.key: catalog.t(lang, f.label_key) for f in text_fields()},
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
    for name, cols in columns().items():
        resources.append({
            "name": name.removesuffix(".csv"), "path": name, "format": "csv", "encoding": "utf-8-sig",
            "schema": {"fields": [{"name": col, "type": _column_type(col), "description": desc}
                                  for col, desc in cols.items()]},
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
    if col in ("percent", "min_percent", "max_percent", "amount", "min_amount", "max_amount", "life_expectancy",
               "total_percent"):
        return "number"
    if col in ("population", "posted_worker_months", "self_employed_months", "years", "months", "year", "item") \
            or col.endswith("_year") or col.endswith("_years") or col.endswith("_months"):
        return "integer"
    return "string"


def files(profiles: list[CountryProfile], catalog: Catalog, lang: str, links: LinkBase | None = None) -> dict[str, str]:
    """File name → text of every open-data file in ``lang``; links in texts are absolute URLs under ``links``."""
    cols = {name: list(c) for name, c in columns().items()}
    out = {
        PROFILES_CSV: _csv(cols[PROFILES_CSV], [profile_row(p, catalog, lang) for p in profiles]),
        PROGRAMS_CSV: _csv(cols[PROGRAMS_CSV], [r for p in profiles for r in program_rows(p, catalog, lang, links)]),
        BRANCHES_CSV: _csv(cols[BRANCHES_CSV], [r for p in profiles for r in branch_rows(p, catalog, lang, links)]),
        CONTRIBUTIONS_CSV: _csv(cols[CONTRIBUTIONS_CSV],
                                [r for p in profiles for r in contribution_rows(p, catalog, lang, links)]),
        AGES_CSV: _csv(cols[AGES_CSV], [r for p in profiles for r in age_rows(p, lang)]),
        AGREEMENTS_CSV: _csv(cols[AGREEMENTS_CSV], [r for p in profiles for r in agreement_rows(p, catalog, lang)]),
        PROFILES_JSON: dataset_json(profiles, catalog, lang, links),
        DICTIONARY: dictionary_json(),
    }
    return out
