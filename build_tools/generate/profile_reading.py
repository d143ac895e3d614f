"""The reading of a country profile that every output shares: pages, comparison, charts and open data.

This is the view model of profiles (issue 26: it lived in ``opendata.py``, which is the exporter):
a contribution item in words and whether it is a comparable percentage (:func:`describe`,
:func:`party_items`), what a branch's contributions add up to and which items were added
(:func:`branch_total`), pension ages in words (:func:`age_text`), amounts in a currency
(:func:`money`), partner names and plain numbers. Numbers keep the precision they were entered
with (:func:`build_tools.i18n.cldr.exact`): 1.275 stays 1.275, 0.002 is never 0.

The exporter :mod:`build_tools.generate.opendata` and the pages :mod:`build_tools.generate.profile_pages`
both read profiles through this module, so a page and a CSV cell never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel.numbers import format_currency

from build_tools.i18n import cldr
from build_tools.model.country_profiles import (
    CAPS,
    CountryProfile,
    branch_status,
    caps,
    program_id,
    programs,
)
from build_tools.model.ui_strings import Catalog

# Chart and table markers for contribution items that are not a comparable percentage.
MARKERS = {"amount": "¤", "varies": "~", "other_base": "†", "category": "‡", "alternative": "∨", "described": "¶",
           "unknown": "?"}
# The mark of illustrative (sample) data next to a country's name in charts and tables.
ILLUSTRATIVE_MARK = "◇"
# Bases whose percentages are rates on earnings: only these add up to a branch's contribution rate.
# A percentage of a wage reference (minimum, reference or average wage) is a flat amount in disguise,
# and one of the pension or the benefit is a share of a cost (a government paying half of the
# benefit): added to earnings rates they would misstate the total (18.3% + 50% is not 68.3%).
EARNINGS_BASES = ("earnings", "covered_earnings", "gross_earnings", "payroll", "income", "declared_income")
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
    percent: Decimal | None  # a percentage comparable across countries (exactly as entered), else None
    marker: str | None  # None or a key of MARKERS

    @property
    def symbol(self) -> str:
        """The visible marker symbol, or ''."""
        return MARKERS[self.marker] if self.marker else ""


@lru_cache(maxsize=65536)  # pure, and called for every cap and amount in every language (Babel is slow)
def money(amount: float, currency: str, lang: str, as_entered: bool = False) -> str:
    """An amount with its ISO 4217 currency, formatted for ``lang`` (no decimals for whole amounts).

    Other amounts get the currency's decimals, or more when the source gave more (1.275 € is never 1.28 €).
    With ``as_entered`` (a rate, not a sum of money) the number keeps exactly the decimals it was
    entered with: an exchange rate of 72.9 is "KSh72.9", never "KSh72.90".
    """
    loc = cldr.locale(lang)
    # Whole amounts without decimals, in the locale's own currency pattern (€13,000 / 13 000 €).
    fmt = str(loc.currency_formats["standard"].pattern).replace(".00", "") if float(amount).is_integer() else None
    if as_entered and fmt is None:
        decimals = max(0, -int(cldr.exact(amount).as_tuple().exponent))
        fmt = str(loc.currency_formats["standard"].pattern).replace(".00", "." + "0" * decimals)
    try:
        return str(format_currency(cldr.exact(amount), currency, format=fmt, locale=loc, currency_digits=fmt is None,
                                   decimal_quantization=False))
    except (ValueError, KeyError):  # an ISO-shaped code Babel does not know: show it plainly
        return f"{cldr.format_number(amount, lang)} {currency}"


def _cap_text(cap: dict[str, Any], kind: str, region: str, catalog: Catalog, lang: str, label: str = "") -> str:
    if "percent" in cap:  # a cap relative to a base, e.g. "300% of the average wage"
        amount = catalog.t(lang, "contribution.percent", value=cldr.format_percent(cap["percent"], lang),
                           base=catalog.t(lang, f"bases.{cap['base']}"))
    else:
        amount = catalog.t(lang, "contribution.amount", amount=money(cap["amount"], cap["currency"], lang),
                           period=catalog.t(lang, f"periods.{cap['period']}"))
    text = catalog.t(lang, f"contribution.{kind}", amount=amount)
    if label:  # what the cap applies to, e.g. "a bonus" (a cap per payment)
        text = catalog.t(lang, "contribution.in_region", text=text, region=label)
    return catalog.t(lang, "contribution.in_region", text=text, region=region) if region else text


def _amount_text(value: dict[str, Any], catalog: Catalog, lang: str) -> str:
    return catalog.t(lang, "contribution.amount", amount=money(value["amount"], value["currency"], lang),
                     period=catalog.t(lang, f"periods.{value['period']}"))


def describe(item: dict[str, Any], catalog: Catalog, lang: str, texts: dict[str, tuple[str, str]] | None = None,
             unit: str = "") -> ItemView:
    """Read one contribution item (``unit`` is its unit path, for localized notes and cap regions)."""
    texts = texts or {}
    t = catalog.t
    base = t(lang, f"bases.{item['base']}") if item.get("base") else ""
    status = ""
    percent: Decimal | None = None
    marker: str | None = None
    if "percent" in item:
        kind = "percent"
        summary = t(lang, "contribution.percent", value=cldr.format_percent(item["percent"], lang), base=base)
        if item.get("varies_by"):
            marker = "varies"
        elif item.get("base") not in EARNINGS_BASES:
            marker = "other_base"  # a share of a cost or a percentage of a wage reference: never added
        else:
            percent = cldr.exact(item["percent"])
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
            dotted = '.'.join(str(r) for r in rel)
            region = texts.get(f"{unit}.{dotted}.region", (str(cap.get("region") or ""), "en"))[0] \
                if cap.get("region") else ""
            label = texts.get(f"{unit}.{dotted}.label", (str(cap.get("label") or ""), "en"))[0] if cap.get("label") else ""
            parts.append(_cap_text(cap, name, region, catalog, lang, label))
    for bound in ("minimum", "maximum"):  # "at least 100 KES per month", "at most 200 KES per month"
        if isinstance(item.get(bound), dict):
            parts.append(t(lang, f"contribution.{bound}", amount=_amount_text(item[bound], catalog, lang)))
    if item.get("varies_by"):
        parts.append(t(lang, "contribution.varies_by", what=t(lang, f"varies_by.{item['varies_by']}")))
    if item.get("applies_to"):  # one category only (marginal employees, pensioners): shown, never added
        who = texts.get(f"{unit}.applies_to", (str(item["applies_to"]), "en"))[0]
        parts.append(t(lang, "contribution.applies_to", who=who))
        percent, marker = None, "category"
    if item.get("alternative"):  # paid instead of the item before: neither is added
        parts[0] = t(lang, "contribution.alternative", text=parts[0])
        percent, marker = None, "alternative"
    note, note_lang = texts.get(f"{unit}.note", (str(item.get("note") or ""), "en"))
    return ItemView(kind, status, t(lang, "contribution.join").join(parts), note, note_lang if note else lang,
                    percent, marker)


def party_items(p: CountryProfile, branch: str, prog: dict[str, Any], party: str, catalog: Catalog, lang: str,
                texts: dict[str, tuple[str, str]]) -> list[ItemView]:
    """The items one party pays to one program; an absent party reads as "not stated" (unknown).

    A government share the branch states once for all its programs (``branches.<b>.government``)
    is not repeated per program: a program without its own government items reads "stated for all
    programs of the branch" (status ``branch``), and :func:`branch_items` gives the share itself.
    """
    items = (prog.get("contributions") or {}).get(party) or []
    unit = f"branches.{branch}.programs.{program_id(prog)}.contributions.{party}"
    if not items:
        if party == "government" and p.branch(branch).get("government"):
            return [ItemView("status", "branch", catalog.t(lang, "contribution.status_branch"), "", lang, None, None)]
        return [describe({"status": "unknown"}, catalog, lang)]
    return [describe(item, catalog, lang, texts, f"{unit}.{k}") for k, item in enumerate(items)]


def branch_items(p: CountryProfile, branch: str, catalog: Catalog, lang: str,
                 texts: dict[str, tuple[str, str]]) -> list[ItemView]:
    """The government share the branch states once for all its programs (empty when it states none)."""
    items = p.branch(branch).get("government") or []
    return [describe(item, catalog, lang, texts, f"branches.{branch}.government.{k}") for k, item in enumerate(items)]


@dataclass(frozen=True)
class AddedItem:
    """One percentage added into a branch total: which program and party, and the item in words."""

    program: str  # the program's ID; "" for a share the branch states for all its programs
    party: str
    percent: Decimal
    summary: str


@dataclass(frozen=True)
class BranchTotal:
    """What a branch's contributions add up to: the comparable percentages, and what is left out."""

    percent: Decimal | None  # exact sum of comparable percentages, None when there is none
    markers: tuple[str, ...]  # kinds of items left out of the sum (keys of MARKERS), in MARKERS order
    exists: bool
    added: tuple[AddedItem, ...] = ()  # the items the sum is made of, in document order


def branch_total(p: CountryProfile, branch: str, catalog: Catalog, lang: str) -> BranchTotal:
    """Sum of the comparable percentages of all programs and parties of a branch, and the markers of the rest.

    A branch the source does not describe (``status: unknown``) has no total and is marked "not stated".
    A government share the branch states once for all its programs is added once (program ``""``).
    The self-employed pay *instead of* an insured person and an employer, so their rate is never added
    to the total (9.8% + 9.8% + 19.6% would read as 39.2% of earnings); it is shown per party only.
    """
    if branch_status(p.branch(branch)) == "unknown":
        return BranchTotal(None, ("unknown",), False)
    progs = programs(p.branch(branch))
    shared = branch_items(p, branch, catalog, lang, {}) if progs else []
    added: list[AddedItem] = []
    marks: set[str] = set()

    def add(pid: str, party: str, views: list[ItemView]) -> None:
        if any(v.marker == "alternative" for v in views):  # one of several is paid: none is added
            marks.update(v.marker for v in views if v.marker)
            return
        for view in views:
            if view.percent is not None:
                added.append(AddedItem(pid, party, view.percent, view.summary))
            elif view.marker:
                marks.add(view.marker)

    for prog in progs:
        for party in TOTAL_PARTIES:
            if party not in (prog.get("contributions") or {}):
                if not (party == "government" and shared):  # else stated once for the branch, added once below
                    marks.add("unknown")  # not stated (e.g. the source's excerpt ends first): the total is partial
                continue
            add(program_id(prog), party, party_items(p, branch, prog, party, catalog, lang, {}))
    if shared:
        add("", "government", shared)
    if progs and not shared and not any(prog.get("contributions") for prog in progs):
        marks.add("unknown")
    # Decimal sums are exact and keep the precision of their inputs (1.275 + 0.785 = 2.060, never 2.06000001).
    total = sum((a.percent for a in added), Decimal(0)) if added else None
    return BranchTotal(total, tuple(m for m in MARKERS if m in marks), bool(progs), tuple(added))



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


def age_options(age: object) -> list[tuple[str, object]]:
    """The ages an age stands for, with their form: ``[("exact", 65)]``, ``[("or", 60), ("or", 61)]`` or
    ``[("from", 60), ("to", 65)]``."""
    if isinstance(age, dict) and isinstance(age.get("or"), list):
        return [("or", a) for a in age["or"]]
    if isinstance(age, dict) and "from" in age and "to" in age:
        return [("from", age["from"]), ("to", age["to"])]
    return [("exact", age)] if age_parts(age) else []


def age_text(age: object, catalog: Catalog, lang: str) -> str:
    """An age in words: "65 years", "65 years and 7 months", "60 or 61 years", "60 to 65 years", localized."""
    options = age_options(age)
    if len(options) > 1:
        words = [_age_words(a, catalog, lang, bare=True) for _f, a in options]
        key = "age.range" if options[0][0] == "from" else "age.either"
        joined = catalog.t(lang, key, first=catalog.t(lang, "contribution.join").join(words[:-1]) if key == "age.either"
                           else words[0], last=words[-1])
        return joined
    return _age_words(age, catalog, lang)


def _age_words(age: object, catalog: Catalog, lang: str, bare: bool = False) -> str:
    parts = age_parts(age)
    if parts is None:
        return ""
    years, months = parts
    # CLDR plural forms: "62 года" / "62 лет", Arabic "سنتان", "3 سنوات", "11 سنة"...
    if months:
        return catalog.t(lang, "age.years_months", years=cldr.translate(catalog, lang, "age.years", count=years),
                         months=cldr.translate(catalog, lang, "age.months", count=months))
    return cldr.format_number(years, lang) if bare else cldr.translate(catalog, lang, "age.years", count=years)


def age_decimal(age: object) -> float | None:
    """An age as decimal years, for chart bar lengths only (never shown as such); the lowest of "60 or 61"."""
    options = age_options(age)
    parts = age_parts(options[0][1]) if options else None
    return None if parts is None else round(parts[0] + parts[1] / 12, 4)


def first_tier(p: CountryProfile) -> dict[str, Any] | None:
    """The first pension-age tier of a profile (the one shown in summaries and charts)."""
    tiers = p.branch("old_age").get("pension_ages") or []
    return tiers[0] if tiers else None


# ---------------------------------------------------------------------------------------------
# Names and numbers
# ---------------------------------------------------------------------------------------------


def partner_name(code: str, catalog: Catalog, lang: str) -> str:
    """A partner's name: CLDR for countries, the locale's ``organizations`` for organizations."""
    if len(code) == 2:
        return cldr.country_name(code, lang)
    return catalog.t(lang, f"organizations.{code}")


def plain_number(value: float | int | Decimal | None) -> str:
    """A number as plain machine-readable text as entered (dot decimal, no grouping); None becomes empty."""
    if value is None or isinstance(value, bool):
        return ""
    return str(int(value)) if float(value).is_integer() else str(cldr.exact(value))
