"""Open data: the whole country-profile dataset as CSV and JSON, one set per language.

Files (relative to the site language root, e.g. ``/fr/countries/data/``):

- ``country-profiles.csv``: one row per country; column names (first row) are stable keys, the
  same in every language; numbers use a dot as decimal separator; empty cell = not applicable.
- ``country-agreements.csv``: one row per agreement and side.
- ``country-profiles.json``: everything, nested, with localized labels and the list of text
  fields still shown in English.

Text fields are in the file's language where a translation exists, English otherwise. CSV
files start with a UTF-8 byte order mark so that spreadsheet programs read non-Latin text.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from build_tools.i18n import cldr
from build_tools.model.country_profiles import BRANCHES, LAW_FIELDS, TEXT_FIELDS, CountryProfile
from build_tools.model.ui_strings import Catalog

PARTIES = ("insured", "employer", "government")
DATA_DIR = "countries/data"
PROFILES_CSV = "country-profiles.csv"
AGREEMENTS_CSV = "country-agreements.csv"
PROFILES_JSON = "country-profiles.json"


def profile_columns() -> list[str]:
    """Column keys of the profiles CSV, in order."""
    cols = ["iso2", "country", "region", "region_name", "laws_as_of", "updated", "population",
            "life_expectancy", "pension_age_men", "pension_age_women"]
    cols += [f"contribution_{b}_{p}" for b in BRANCHES for p in PARTIES]
    for b in BRANCHES:
        cols += [f"{b}_exists", f"{b}_types"]
        for law in LAW_FIELDS:
            cols += [f"{b}_{law}_year", f"{b}_{law}_title"]
        cols += [f"{b}_{name}" for name in TEXT_FIELDS]
    return cols


AGREEMENT_COLUMNS = ["iso2", "country", "partner", "partner_name", "kind", "in_force", "branches",
                     "posted_worker_months", "self_employed_months"]


def partner_name(code: str, catalog: Catalog, lang: str) -> str:
    """A partner's name: CLDR for countries, the locale's ``organizations`` for organizations."""
    if len(code) == 2:
        return cldr.country_name(code, lang)
    return catalog.t(lang, f"organizations.{code}")


def plain_number(value: float | int | None) -> str:
    """A number as plain machine-readable text (dot decimal, no grouping); None becomes empty."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def profile_record(p: CountryProfile, catalog: Catalog, lang: str) -> dict[str, Any]:
    """One country as a nested, JSON-ready record in ``lang``."""
    texts = p.localized_text(lang)
    data = p.data
    branches: dict[str, Any] = {}
    for b in BRANCHES:
        src = data["branches"][b]
        rec: dict[str, Any] = {"exists": bool(src.get("exists"))}
        if src.get("types"):
            rec["types"] = [{"code": t, "name": catalog.t(lang, f"program_types.{t}")} for t in src["types"]]
        for law in LAW_FIELDS:
            if isinstance(src.get(law), dict):
                rec[law] = {"year": src[law]["year"], "title": texts[f"branches.{b}.{law}.title"][0]}
        for name in TEXT_FIELDS:
            if f"branches.{b}.{name}" in texts:
                rec[name] = texts[f"branches.{b}.{name}"][0]
        branches[b] = rec
    return {
        "iso2": p.iso2,
        "name": cldr.country_name(p.iso2, lang),
        "region": {"code": p.region, "name": catalog.t(lang, f"regions.{p.region}")},
        "laws_as_of": str(data["laws_as_of"]),
        "updated": str(data["updated"]),
        "illustrative": bool(data.get("illustrative", False)),
        "indicators": data["indicators"],
        "contributions": {b: data["contributions"].get(b) for b in BRANCHES},
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


def profile_row(p: CountryProfile, catalog: Catalog, lang: str) -> dict[str, str]:
    """One country as a flat CSV row keyed by :func:`profile_columns`."""
    rec = profile_record(p, catalog, lang)
    ind = p.data["indicators"]
    row: dict[str, str] = {
        "iso2": p.iso2, "country": rec["name"], "region": p.region, "region_name": rec["region"]["name"],
        "laws_as_of": rec["laws_as_of"], "updated": rec["updated"], "population": plain_number(ind["population"]),
        "life_expectancy": plain_number(ind["life_expectancy"]),
        "pension_age_men": plain_number(ind["pension_age"]["men"]),
        "pension_age_women": plain_number(ind["pension_age"]["women"]),
    }
    for b in BRANCHES:
        rates = p.data["contributions"].get(b) or {}
        for party in PARTIES:
            row[f"contribution_{b}_{party}"] = plain_number(rates.get(party))
        br = rec["branches"][b]
        row[f"{b}_exists"] = "true" if br["exists"] else "false"
        row[f"{b}_types"] = "; ".join(t["code"] for t in br.get("types", []))
        for law in LAW_FIELDS:
            row[f"{b}_{law}_year"] = plain_number(br[law]["year"]) if law in br else ""
            row[f"{b}_{law}_title"] = br[law]["title"] if law in br else ""
        for name in TEXT_FIELDS:
            row[f"{b}_{name}"] = br.get(name, "")
    return row


def _csv(columns: list[str], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buf.getvalue()


def profiles_csv(profiles: list[CountryProfile], catalog: Catalog, lang: str) -> str:
    """The profiles CSV in ``lang``."""
    return _csv(profile_columns(), [profile_row(p, catalog, lang) for p in profiles])


def agreements_csv(profiles: list[CountryProfile], catalog: Catalog, lang: str) -> str:
    """The agreements CSV in ``lang`` (each agreement as listed in each profile)."""
    rows = []
    for p in profiles:
        for a in p.data.get("agreements") or []:
            rows.append({
                "iso2": p.iso2, "country": cldr.country_name(p.iso2, lang), "partner": a["partner"],
                "partner_name": partner_name(a["partner"], catalog, lang), "kind": a["kind"],
                "in_force": str(a["in_force"]), "branches": "; ".join(a["branches"]),
                "posted_worker_months": plain_number(a.get("posted_worker_months")),
                "self_employed_months": plain_number(a.get("self_employed_months")),
            })
    return _csv(AGREEMENT_COLUMNS, rows)


def dataset_json(profiles: list[CountryProfile], catalog: Catalog, lang: str) -> str:
    """The whole dataset as JSON in ``lang``."""
    labels = {
        "branches": {b: catalog.t(lang, f"branches.{b}") for b in BRANCHES},
        "fields": {f: catalog.t(lang, f"profile.{f}") for f in (*TEXT_FIELDS, *LAW_FIELDS)},
        "parties": {p: catalog.t(lang, f"profile.{p}") for p in PARTIES},
    }
    doc = {
        "dataset": "country-profiles",
        "language": lang,
        "note": "Illustrative sample data. Contribution rates are percent of covered earnings; null = not applicable.",
        "labels": labels,
        "countries": [profile_record(p, catalog, lang) for p in profiles],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def files(profiles: list[CountryProfile], catalog: Catalog, lang: str) -> dict[str, str]:
    """File name → text of every open-data file in ``lang``."""
    return {
        PROFILES_CSV: profiles_csv(profiles, catalog, lang),
        AGREEMENTS_CSV: agreements_csv(profiles, catalog, lang),
        PROFILES_JSON: dataset_json(profiles, catalog, lang),
    }
