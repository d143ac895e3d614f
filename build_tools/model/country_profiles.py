"""Country profiles (model v2): language-neutral data in ``country_profiles/<iso2>.yml``, text overlays per language.

The shape follows SSA's "Social Security Programs Throughout the World" (SSPTW): a profile has
up to six **branches**; a branch holds one or more **programs** (each with its own type, laws,
contributions per party and five text fields) or, when there is no program, an optional note.
Contributions are lists of items per party (a percentage of a named base, a range, a flat amount
in a currency per period, or an explicit status when there is no number), so that "not
applicable", "described in words" and "unknown" are never confused with zero.

Translations are text only. Their units are listed by :func:`translatable_units`; overlays mirror
the source, with programs keyed by their ID and laws by their key (see :func:`law_key`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from build_tools.checks import schema_check
from build_tools.checks.diagnostics import Diagnostic, Severity, make
from build_tools.checks.reading import Located
from build_tools.model import layout
from build_tools.model.base import (
    SourceFile,
    Translation,
    TranslationReport,
    is_text,
    load_yaml,
    numbers_dropped,
    numbers_not_in_source,
    report_for,
)
from build_tools.model.hashing import unit_hash
from build_tools.model.kinds import ContentKind, register
from build_tools.model.profile_fields import text_field_keys

KIND = "country-profile"
# The five SSPTW branches every profile describes, then the optional long-term-care branch (MISSOC).
REQUIRED_BRANCHES = ("old_age", "sickness", "work_injury", "unemployment", "family")
BRANCHES = (*REQUIRED_BRANCHES, "long_term_care")
PARTIES = ("insured", "self_employed", "employer", "government")
STATUSES = ("none", "not_applicable", "described", "unknown")
# A branch is described by its programs, has no program (it may carry a note), or is not described
# by the source at all (``status: unknown``): never read as "no program".
BRANCH_STATUSES = ("programs", "no_program", "unknown")
CAPS = ("ceiling", "floor")


class Unit(NamedTuple):
    """One translatable text unit of a profile."""

    path: str  # stable dotted path, e.g. ``branches.old_age.programs.social-insurance.coverage``
    text: str  # the English text
    line: int  # line of the text in the profile's YAML file


def program_id(program: dict[str, Any]) -> str:
    """A program's ID: its ``id`` when given, else its type (unique within a branch)."""
    return str(program.get("id") or program.get("type") or "")


def law_key(law: dict[str, Any]) -> str:
    """A law's key in unit paths and overlays: its ``id`` when given, else its year."""
    return str(law.get("id") or law.get("year") or "")


def programs(branch: object) -> list[dict[str, Any]]:
    """The programs of a branch (an empty list for a branch with no program)."""
    if not isinstance(branch, dict):
        return []
    return [p for p in branch.get("programs") or [] if isinstance(p, dict)]


def branch_status(branch: object) -> str:
    """'programs', 'no_program' (a branch with no program, perhaps a note) or 'unknown' (not described by the source)."""
    if isinstance(branch, dict) and branch.get("status") == "unknown":
        return "unknown"
    return "programs" if programs(branch) else "no_program"


def branch_institutions(data: dict[str, Any], branch: str) -> list[dict[str, Any]]:
    """The institutions that administer ``branch`` (their ``branches`` name it), in the profile's order."""
    return [inst for inst in data.get("institutions") or []
            if isinstance(inst, dict) and branch in (inst.get("branches") or [])]


def caps(item: dict[str, Any], name: str) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """The ceilings or floors of a contribution item as (relative key path, cap); one mapping or a list."""
    value = item.get(name)
    if isinstance(value, dict):
        return [((name,), value)]
    if isinstance(value, list):
        return [((name, j), c) for j, c in enumerate(value) if isinstance(c, dict)]
    return []


def _item_units(items: object, ipath: str, ikey: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """The texts of a list of contribution items: ``applies_to``, ``note``, and caps' ``region`` and ``label``."""
    for k, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        path, key = f"{ipath}.{k}", (*ikey, k)
        if isinstance(item.get("applies_to"), str):
            yield f"{path}.applies_to", (*key, "applies_to"), item["applies_to"]
        if isinstance(item.get("note"), str):
            yield f"{path}.note", (*key, "note"), item["note"]
        for name in CAPS:
            for rel, cap in caps(item, name):
                dotted = ".".join(str(r) for r in rel)
                for text in ("region", "label"):
                    if isinstance(cap.get(text), str):
                        yield f"{path}.{dotted}.{text}", (*key, *rel, text), cap[text]


def _law_units(laws: object, lpath: str, lkey: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """The titles of a list of laws, keyed by :func:`law_key`."""
    for j, law in enumerate(laws if isinstance(laws, list) else []):
        if isinstance(law, dict) and isinstance(law.get("title"), str):
            yield f"{lpath}.{law_key(law)}.title", (*lkey, j, "title"), law["title"]


def _walk_units(data: dict[str, Any]) -> Iterator[tuple[str, tuple[Any, ...], str]]:
    """(unit path, source key path, text) for every translatable text of a profile's data."""
    branches = data.get("branches") or {}
    for b in BRANCHES:
        branch = branches.get(b)
        if not isinstance(branch, dict):
            continue
        base = ("branches", b)
        if isinstance(branch.get("note"), str):
            yield f"branches.{b}.note", (*base, "note"), branch["note"]
        # What the source states once for the whole branch: shared laws, administration, government share.
        yield from _law_units(branch.get("laws"), f"branches.{b}.laws", (*base, "laws"))
        if isinstance(branch.get("administration"), str):
            yield f"branches.{b}.administration", (*base, "administration"), branch["administration"]
        yield from _item_units(branch.get("government"), f"branches.{b}.government", (*base, "government"))
        for i, prog in enumerate(branch.get("programs") or []):
            if not isinstance(prog, dict):
                continue
            ppath = f"branches.{b}.programs.{program_id(prog)}"
            pkey = (*base, "programs", i)
            for name in ("name", *text_field_keys()):
                if isinstance(prog.get(name), str):
                    yield f"{ppath}.{name}", (*pkey, name), prog[name]
            yield from _law_units(prog.get("laws"), f"{ppath}.laws", (*pkey, "laws"))
            contributions = prog.get("contributions") or {}
            for party in PARTIES:
                items = contributions.get(party) if isinstance(contributions, dict) else None
                yield from _item_units(items, f"{ppath}.contributions.{party}", (*pkey, "contributions", party))
        for i, age in enumerate(branch.get("pension_ages") or []):
            if isinstance(age, dict) and isinstance(age.get("note"), str):
                yield f"branches.{b}.pension_ages.{i}.note", (*base, "pension_ages", i, "note"), age["note"]
    for i, inst in enumerate(data.get("institutions") or []):
        if isinstance(inst, dict) and isinstance(inst.get("name"), str):
            yield f"institutions.{inst.get('id')}.name", ("institutions", i, "name"), inst["name"]


def _overlay_form(data: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """Every node of the source data in overlay form (programs by ID, laws by key) → source key path."""
    out: dict[str, tuple[Any, ...]] = {}

    def walk(node: Any, dotted: str, key: tuple[Any, ...]) -> None:
        out[dotted] = key
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "programs" and isinstance(v, list) and len(key) == 2 and key[0] == "branches":
                    out[f"{dotted}.programs"] = (*key, "programs")
                    for i, prog in enumerate(v):
                        if isinstance(prog, dict):
                            walk(prog, f"{dotted}.programs.{program_id(prog)}", (*key, "programs", i))
                elif k == "laws" and isinstance(v, list):
                    out[f"{dotted}.laws"] = (*key, "laws")
                    for i, law in enumerate(v):
                        if isinstance(law, dict):
                            walk(law, f"{dotted}.laws.{law_key(law)}", (*key, "laws", i))
                elif k == "institutions" and not key and isinstance(v, list):
                    out["institutions"] = ("institutions",)
                    for i, inst in enumerate(v):
                        if isinstance(inst, dict):
                            walk(inst, f"institutions.{inst.get('id')}", ("institutions", i))
                else:
                    walk(v, f"{dotted}.{k}" if dotted else str(k), (*key, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{dotted}.{i}", (*key, i))

    walk(data, "", ())
    out.pop("", None)
    return out


def translatable_units(profile: CountryProfile) -> list[Unit]:
    """Every translatable text of ``profile`` as :class:`Unit` ``(path, text, line)``: stable path, English text, source line.

    This is the one list of a profile's translation units: freshness hashes, overlays, the
    translation-status page and exports (PO/XLIFF) all use these paths. Paths are stable across
    edits that do not touch the unit: programs are keyed by ID (their type when no ID is given),
    laws by ``id`` or year, contribution items and caps by position. Units, in document order:

    - ``branches.<b>.note`` (a branch without a program may explain why, e.g. "severance pay");
    - what a branch states once for all its programs: ``branches.<b>.laws.<key>.title``,
      ``branches.<b>.administration`` and ``branches.<b>.government.<n>.{note,applies_to}``
      (and its caps' ``region`` and ``label``);
    - ``branches.<b>.programs.<id>.{name,coverage,source_of_funds,qualifying_conditions,benefits,administration}``;
    - ``branches.<b>.programs.<id>.laws.<key>.title``;
    - ``branches.<b>.programs.<id>.contributions.<party>.<n>.{note,applies_to}`` and
      ``...<n>.{ceiling,floor}[.<m>].{region,label}``;
    - ``branches.old_age.pension_ages.<n>.note``;
    - ``institutions.<id>.name``.
    """
    return [Unit(path, text, profile.located.pos(key)[0]) for path, key, text in _walk_units(profile.data)]


@dataclass
class CountryProfile:
    """One country's profile (language-neutral), plus its text overlays."""

    iso2: str
    data: dict[str, Any]
    source: SourceFile
    located: Located
    translations: dict[str, Translation] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Lowercase ISO code, used in URLs and IDs."""
        return self.iso2.lower()

    @property
    def region(self) -> str:
        """Region key."""
        return str(self.data["region"])

    @property
    def illustrative(self) -> bool:
        """True when the profile holds sample data rather than established facts."""
        return bool(self.data.get("illustrative", False))

    def branch(self, key: str) -> dict[str, Any]:
        """The data of one branch (empty when the optional branch is absent)."""
        value = (self.data.get("branches") or {}).get(key)
        return value if isinstance(value, dict) else {}

    def text_fields(self) -> dict[str, str]:
        """Every translatable text field, keyed by its unit path."""
        return {path: text for path, _key, text in _walk_units(self.data)}

    def units(self) -> dict[str, str]:
        """Translation units (one per text field) with current source hashes."""
        return {path: unit_hash(text) for path, text in self.text_fields().items()}

    def localized_text(self, lang: str) -> dict[str, tuple[str, str]]:
        """Each text field as (text, language of the text) for ``lang``.

        English where the field is untranslated **or outdated**: a translation made from an older
        English text may contradict the current figures, so it is never shown in its place.
        """
        english = self.text_fields()
        tr = self.translations.get(lang)
        if tr is None:
            return {path: (text, "en") for path, text in english.items()}
        overlay = overlay_fields(tr.data)
        recorded = tr.source_hashes
        out: dict[str, tuple[str, str]] = {}
        for path, text in english.items():
            if path in overlay and recorded.get(path) == unit_hash(text):
                out[path] = (overlay[path], lang)
            else:
                out[path] = (text, "en")
        return out

    def outdated_fields(self, lang: str) -> set[str]:
        """Unit paths translated into ``lang`` whose English text changed since (shown in English)."""
        tr = self.translations.get(lang)
        if tr is None:
            return set()
        overlay = overlay_fields(tr.data)
        recorded = tr.source_hashes
        return {path for path, text in self.text_fields().items()
                if path in overlay and recorded.get(path) != unit_hash(text)}


def unit_fields(data: dict[str, Any]) -> dict[str, tuple[str, dict[str, str]]]:
    """Each unit of a profile's data: (hash, {"text": text}); works on past versions of the file too.

    The hashes are those of :meth:`CountryProfile.units` (git history uses this to find the English
    a translation was made from).
    """
    return {path: (unit_hash(text), {"text": text}) for path, _key, text in _walk_units(data)}


def overlay_fields(data: dict[str, Any]) -> dict[str, str]:
    """Flatten an overlay to dotted paths of its text leaves (lists by position)."""
    out: dict[str, str] = {}

    def walk(node: Any, dotted: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if not dotted and k == "translation":
                    continue
                walk(v, f"{dotted}.{k}" if dotted else str(k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{dotted}.{i}")
        elif is_text(node) and dotted:  # a blank value means "not translated yet"
            out[dotted] = node

    walk(data, "")
    return out


def _duplicate_key_diagnostics(data: dict[str, Any], located: Located, rel: str) -> list[Diagnostic]:
    """E132-style checks the schema cannot express: program IDs and law keys unique within their list.

    A law the branch lists for all its programs (``branches.<b>.laws``) and one of its programs lists
    again (same year and title) is written twice: E172 at the program's copy.
    """
    diags: list[Diagnostic] = []

    def laws_of(owner: dict[str, Any], where: str, key: tuple[Any, ...]) -> None:
        keys: set[str] = set()
        for j, law in enumerate(owner.get("laws") or []):
            if not isinstance(law, dict):
                continue
            lk = law_key(law)
            if lk in keys:
                line, col = located.pos((*key, "laws", j))
                diags.append(make(rel, line, col, "E172",
                                  f"{where}: two laws have the key '{lk}' (same year); give one of them an `id`"))
            keys.add(lk)

    for b in BRANCHES:
        branch = (data.get("branches") or {}).get(b)
        if isinstance(branch, dict):
            laws_of(branch, f"branches.{b}.laws", ("branches", b))
        shared = {(law.get("year"), law.get("title")) for law in (branch or {}).get("laws") or []
                  if isinstance(law, dict)} if isinstance(branch, dict) else set()
        seen: dict[str, int] = {}
        for i, prog in enumerate(programs(branch)):
            pid = program_id(prog)
            if pid in seen:
                line, col = located.pos(("branches", b, "programs", i))
                diags.append(make(rel, line, col, "E172",
                                  f"branches.{b}: two programs are called '{pid}'; give each an `id` "
                                  f"(a lowercase name such as 'basic-pension')"))
            seen[pid] = i
            laws_of(prog, f"branches.{b}.programs.{pid}", ("branches", b, "programs", i))
            for j, law in enumerate(prog.get("laws") or []):
                if isinstance(law, dict) and (law.get("year"), law.get("title")) in shared:
                    line, col = located.pos(("branches", b, "programs", i, "laws", j))
                    diags.append(make(rel, line, col, "E172",
                                      f"branches.{b}.programs.{pid}: the law '{law.get('title')}' ({law.get('year')}) "
                                      f"is also listed in branches.{b}.laws, which holds the laws of all the branch's "
                                      f"programs; write it once"))
        if isinstance(branch, dict) and branch.get("pension_ages") and b != "old_age":
            line, col = located.pos(("branches", b, "pension_ages"))
            diags.append(make(rel, line, col, "E173", f"branches.{b}.pension_ages: pension ages belong to old_age only"))
    return diags


_AGE_FIELDS = ("men", "women")


def _age_months(age: object) -> int | None:
    if isinstance(age, bool):
        return None
    if isinstance(age, int):
        return age * 12
    if isinstance(age, dict) and isinstance(age.get("years"), int) and not isinstance(age.get("years"), bool):
        months = age.get("months", 0)
        return age["years"] * 12 + (months if isinstance(months, int) and not isinstance(months, bool) else 0)
    return None


def _consistency_diagnostics(data: dict[str, Any], located: Located, rel: str) -> list[Diagnostic]:
    """Checks across fields: ranges' minimum below maximum, early ≤ normal ≤ deferred ages, tier programs.

    A branch marked ``status: unknown`` (the source does not describe it) cannot also list programs,
    pension ages or what it states for all its programs; a branch-level government share needs programs.
    """
    diags: list[Diagnostic] = []
    for b in BRANCHES:
        branch = (data.get("branches") or {}).get(b)
        lists: list[tuple[str, tuple[Any, ...], object]] = [
            (f"branches.{b}.programs.{program_id(prog)}.contributions.{party}", ("branches", b, "programs", i,
                                                                                 "contributions", party),
             (prog.get("contributions") or {}).get(party))
            for i, prog in enumerate(programs(branch)) for party in PARTIES]
        if isinstance(branch, dict):
            lists.append((f"branches.{b}.government", ("branches", b, "government"), branch.get("government")))
        for where, key, items in lists:
            for k, item in enumerate(items if isinstance(items, list) else []):
                for name in ("range", "amount_range"):
                    rng = item.get(name) if isinstance(item, dict) else None
                    if isinstance(rng, dict) and isinstance(rng.get("min"), int | float) \
                            and isinstance(rng.get("max"), int | float) and rng["min"] > rng["max"]:
                        line, col = located.pos((*key, k, name))
                        diags.append(make(rel, line, col, "E174",
                                          f"{where}: the {name}'s min ({rng['min']}) is above its max ({rng['max']})"))
        if not isinstance(branch, dict):
            continue
        if branch.get("status") == "unknown":
            held = [k for k in ("programs", "pension_ages", "laws", "administration", "government") if branch.get(k)]
            if held:
                line, col = located.pos(("branches", b, held[0]))
                diags.append(make(rel, line, col, "E174",
                                  f"branches.{b}: the branch is marked `status: unknown` (not described by the "
                                  f"source) but lists {' and '.join(held)}; remove one or the other"))
        elif branch.get("government") and not programs(branch):
            line, col = located.pos(("branches", b, "government"))
            diags.append(make(rel, line, col, "E174",
                              f"branches.{b}.government: a government share of all the branch's programs, but the "
                              f"branch has no program; say what the government pays in the branch's `note`"))
        ids = {program_id(prog) for prog in programs(branch)}
        for i, tier in enumerate(branch.get("pension_ages") or []):
            if not isinstance(tier, dict):
                continue
            if isinstance(tier.get("program"), str) and tier["program"] not in ids:
                line, col = located.pos(("branches", b, "pension_ages", i, "program"))
                diags.append(make(rel, line, col, "E174",
                                  f"branches.{b}.pension_ages[{i}].program: '{tier['program']}' is not a program of "
                                  f"this branch (programs: {', '.join(sorted(ids)) or 'none'})"))
            for sex in _AGE_FIELDS:
                normal = _age_months(tier.get(sex))
                early = _age_months((tier.get("early") or {}).get(sex)) if isinstance(tier.get("early"), dict) else None
                late = _age_months((tier.get("deferred") or {}).get(sex)) if isinstance(tier.get("deferred"), dict) else None
                if normal is None:
                    continue
                if (early is not None and early > normal) or (late is not None and late < normal):
                    line, col = located.pos(("branches", b, "pension_ages", i, sex))
                    diags.append(make(rel, line, col, "E174",
                                      f"branches.{b}.pension_ages[{i}].{sex}: the early age must not be above "
                                      f"the normal age, nor the deferred age below it"))
    # An institution is listed under each branch it administers: a branch the profile does not have (the
    # optional long-term care) would lose it there.
    described = {b for b in BRANCHES if b in REQUIRED_BRANCHES or (data.get("branches") or {}).get(b)}
    for i, inst in enumerate(data.get("institutions") or []):
        if not isinstance(inst, dict) or not isinstance(inst.get("branches"), list):
            continue
        for j, b in enumerate(inst["branches"]):
            if b in BRANCHES and b not in described:
                line, col = located.pos(("institutions", i, "branches", j))
                diags.append(make(rel, line, col, "E174",
                                  f"institutions[{i}].branches: '{b}' is not a branch of this profile; describe "
                                  f"the branch under `branches` or remove it here"))
    return diags


_NUMBERED = re.compile(r"^\s{0,3}\d+[.)]\s")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s")


def _numbered_line_diagnostics(data: dict[str, Any], located: Located, rel: str) -> list[Diagnostic]:
    """W175: a line inside a paragraph of a text field that starts with "60. " becomes a list item.

    A wrapped sentence ("... from age\n60. Members ...") silently turns into a numbered list and the
    text before it reads differently; a real list (after a blank line, or continuing a list) is fine.
    """
    diags: list[Diagnostic] = []
    for path, key, text in _walk_units(data):
        lines = text.split("\n")
        for i in range(1, len(lines)):
            before = lines[i - 1]
            if _NUMBERED.match(lines[i]) and before.strip() and not _LIST_ITEM.match(before):
                line, col = located.pos(key)
                diags.append(make(rel, line, col, "W175",
                                  f"{path}: the line '{lines[i].strip()[:40]}' starts with a number and a dot in the "
                                  f"middle of a paragraph, so it would be shown as a numbered list item"))
                break
    return diags


def load(src: SourceFile) -> tuple[CountryProfile | None, list[Diagnostic]]:
    """Load and check one profile."""
    located, diags, schema_ok = load_yaml(src, "country-profile", source=True)
    if located is None:
        return None, diags
    country = located.data.get("country")
    if isinstance(country, str) and country.lower() != src.stem:
        line, col = located.pos(("country",))
        diags.append(make(src.rel, line, col, "E131", f"country '{country}' differs from the file name '{src.stem}.yml'"))
    indicators = located.data.get("indicators")
    population = indicators.get("population") if isinstance(indicators, dict) else None
    zero_value = isinstance(population, dict) and population.get("value") == 0 and population.get("value") is not False
    if (population == 0 and population is not False) or zero_value:
        line, col = located.pos(("indicators", "population", "value") if zero_value else ("indicators", "population"))
        diags.append(make(src.rel, line, col, "E126", "indicators.population: 0 is not a population",
                          hint="enter the population; if it is unknown, say so in the text rather than writing 0"))
    if not schema_ok:
        return None, diags
    extra = _duplicate_key_diagnostics(located.data, located, src.rel)
    extra += _consistency_diagnostics(located.data, located, src.rel)
    diags += extra
    diags += _numbered_line_diagnostics(located.data, located, src.rel)
    if extra:
        return None, diags
    return CountryProfile(located.data["country"], located.data, src, located), diags


# The shapes of unit paths (and of the containers above them), one matcher per path step: a set of
# allowed keys, or None for any key (a program ID, a law key, an institution ID, a list position).
_ANY = None
_B, _P, _N = set(BRANCHES), set(PARTIES), "#"  # "#": a list position
_PROGRAM = ["branches", _B, "programs", _ANY]


def _unit_shapes() -> list[list[Any]]:
    """The shapes of unit paths; the program's text fields come from their declaration (profile_fields)."""
    return [
        ["branches", _B, {"note", "administration"}],
        ["branches", _B, "laws", _ANY, "title"],
        ["branches", _B, "government", _N, {"note", "applies_to"}],
        ["branches", _B, "government", _N, set(CAPS), {"region", "label"}],
        ["branches", _B, "government", _N, set(CAPS), _N, {"region", "label"}],
        [*_PROGRAM, {"name", *text_field_keys()}],
        [*_PROGRAM, "laws", _ANY, "title"],
        [*_PROGRAM, "contributions", _P, _N, {"note", "applies_to"}],
        [*_PROGRAM, "contributions", _P, _N, set(CAPS), {"region", "label"}],
        [*_PROGRAM, "contributions", _P, _N, set(CAPS), _N, {"region", "label"}],
        ["branches", _B, "pension_ages", _N, "note"],
        ["institutions", _ANY, "name"],
    ]


def _step_matches(matcher: Any, step: Any) -> bool:
    if matcher is None:
        return True
    if matcher == _N:
        return isinstance(step, int) or str(step).isdigit()
    if isinstance(matcher, set):
        return str(step) in matcher
    return bool(str(step) == matcher)


def _unit_shaped(path: tuple[Any, ...]) -> bool:
    """True when ``path`` is a unit path of the model (or a container of one), whatever the source holds."""
    return any(len(path) <= len(shape) and all(_step_matches(m, s) for m, s in zip(shape, path, strict=False))
               for shape in _unit_shapes())


@dataclass
class _OverlayIndex:
    """What an overlay of one profile may hold: text leaves, their containers, and every source node."""

    nodes: dict[str, tuple[Any, ...]]
    units: set[str]
    prefixes: set[str]

    @classmethod
    def of(cls, profile: CountryProfile) -> _OverlayIndex:
        units = profile.text_fields()
        prefixes = {".".join(u.split(".")[:n]) for u in units for n in range(1, u.count(".") + 1)}
        return cls(_overlay_form(profile.data), set(units), prefixes)


def _source_kind(profile: CountryProfile, path: tuple[Any, ...], index: _OverlayIndex | None = None) -> str:
    """What an overlay key path is in the English profile.

    'text' (a unit), 'container' (holds units, or parts of the source that may hold them), 'data'
    (exists but is not translatable), 'obsolete' (a unit or container of units the English no
    longer has: a removed program, law, field or institution; warning W154, removed by
    ``translations prune``) or 'absent' (no such key can exist in a profile: error E153).
    """
    index = index or _OverlayIndex.of(profile)
    if path == ("translation",):
        return "container"
    dotted = ".".join(str(p) for p in path)
    if dotted in index.units:
        return "text"
    if dotted in index.prefixes:
        return "container"
    if dotted in index.nodes:
        return "container" if isinstance(_get(profile.data, index.nodes[dotted]), dict | list) else "data"
    return "obsolete" if _unit_shaped(path) else "absent"


def _walk_overlay(node: Any, path: tuple[Any, ...], profile: CountryProfile, located: Located, rel: str,
                  diags: list[Diagnostic], index: _OverlayIndex) -> None:
    items: list[tuple[Any, Any]]
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return
    for key, value in items:
        child = (*path, key)
        if child == ("translation",):
            continue
        dotted = ".".join(str(p) for p in child)
        line, col = located.pos(child)
        kind = _source_kind(profile, child, index)
        if kind == "text":
            continue  # its type is checked by the schema
        if kind == "container" and dotted in index.prefixes and (value is None or isinstance(value, dict | list)):
            _walk_overlay(value, child, profile, located, rel, diags, index)  # holds units: look inside
        elif kind == "container" and isinstance(value, dict | list) and value:
            # a part of the source with no text under it: report the first key it lacks
            _walk_overlay(value, child, profile, located, rel, diags, index)
        elif kind == "obsolete":
            diags.append(make(rel, line, col, "W154",
                              f"'{dotted}' no longer exists in {profile.source.rel}: its translation is obsolete and not "
                              f"shown (`python -m build_tools translations prune {rel}` removes it)"))
        elif kind == "absent":
            diags.append(make(rel, line, col, "E153", f"'{dotted}' does not exist in {profile.source.rel}"))
        else:
            diags.append(make(rel, line, col, "E152", f"'{dotted}' is data, not text: set it in {profile.source.rel} only"))


def load_translation(src: SourceFile, profile: CountryProfile) -> tuple[Translation | None, list[Diagnostic]]:
    """Load a text overlay; numbers, codes or keys the source lacks are errors.

    A translated text holding a number its English text lacks is a warning (W156): stale figures
    must not hide in prose.
    """
    located, diags, _ok = load_yaml(src, None, translation=True)
    if located is None:
        return None, diags
    structural: list[Diagnostic] = []
    _walk_overlay(located.data, (), profile, located, src.rel, structural, _OverlayIndex.of(profile))
    diags += structural
    if not any(d.severity is Severity.ERROR for d in structural):  # obsolete units (W154) do not hide schema errors
        diags += schema_check.check("country-profile-translation", located, src.rel)
    tr = Translation(src, located)
    diags += number_diagnostics(profile, tr)
    return tr, diags


def _get(data: Any, key: tuple[Any, ...]) -> Any:
    for part in key:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


_PATH_PART = re.compile(r"^\d+$")


def _overlay_key_path(dotted: str) -> tuple[Any, ...]:
    return tuple(int(p) if _PATH_PART.match(p) else p for p in dotted.split("."))


def number_diagnostics(profile: CountryProfile, tr: Translation) -> list[Diagnostic]:
    """W156 for each translated field holding a number that its English text does not contain."""
    english = profile.text_fields()
    diags: list[Diagnostic] = []
    for path, text in overlay_fields(tr.data).items():
        if path not in english:
            continue
        extra = numbers_not_in_source(english[path], text)
        if extra:
            line, col = _position(tr.located, path)
            diags.append(make(tr.source.rel, line, col, "W156",
                              f"'{path}': the translation has {', '.join(extra)}, which the English text does not "
                              f"(the English may have changed; check the figures)"))
        dropped = numbers_dropped(english[path], text)
        if dropped:
            line, col = _position(tr.located, path)
            diags.append(make(tr.source.rel, line, col, "W156",
                              f"'{path}': the English text has {', '.join(dropped)}, which the translation does not "
                              "(a figure deleted or mistyped? check the figures)"))
    return diags


def _position(located: Located, dotted: str) -> tuple[int, int]:
    """Position of an overlay leaf; list indices may be written as numbers or as mapping keys."""
    as_ints = _overlay_key_path(dotted)
    if as_ints in located.positions:
        return located.pos(as_ints)
    return located.pos(tuple(dotted.split(".")))


def translation_report(profile: CountryProfile, lang: str) -> TranslationReport:
    """Per-field translation state of one profile in one language."""
    tr = profile.translations.get(lang)
    units = profile.units()
    rel = tr.source.rel if tr else f"country_profiles/{profile.id}.{lang}.yml"
    present = set(overlay_fields(tr.data)) if tr else set()
    return report_for(KIND, profile.id, rel, lang, units, present, tr)


def stamp_hashes(profile: CountryProfile, tr: Translation) -> dict[str, str]:
    """Current hashes for every field the overlay translates."""
    units = profile.units()
    return {path: units[path] for path in overlay_fields(tr.data) if path in units}


def agreement_diagnostics(profiles: dict[str, CountryProfile]) -> list[Diagnostic]:
    """Warn about agreements listed on one side only; error when both sides disagree."""
    diags: list[Diagnostic] = []
    for profile in profiles.values():
        for i, agr in enumerate(profile.data.get("agreements") or []):
            partner = profiles.get(agr["partner"].lower()) if len(agr["partner"]) == 2 else None
            if partner is None:
                continue
            line, col = profile.located.pos(("agreements", i, "partner"))
            other = [a for a in partner.data.get("agreements") or [] if a["partner"] == profile.iso2]
            if not other:
                diags.append(make(profile.source.rel, line, col, "W170",
                                  f"agreement with {partner.iso2} is missing from {partner.source.rel}"))
                continue
            mirror = other[0]
            differences = []
            if mirror["in_force"] != agr["in_force"]:
                differences.append(f"in_force is {agr['in_force']} here but {mirror['in_force']} there")
            here, there = set(agr["branches"]), set(mirror["branches"])
            if here != there:
                parts = []
                if here - there:
                    parts.append(f"{', '.join(sorted(here - there))} only here")
                if there - here:
                    parts.append(f"{', '.join(sorted(there - here))} only there")
                differences.append("branches differ: " + "; ".join(parts))
            if differences:
                mirror_index = (partner.data.get("agreements") or []).index(mirror)
                mline, _mcol = partner.located.pos(("agreements", mirror_index, "partner"))
                diags.append(make(profile.source.rel, line, col, "E171",
                                  f"agreement with {partner.iso2} differs from {partner.source.rel}:{mline}: "
                                  + "; ".join(differences)))
    return diags


CONTENT_KIND = register(ContentKind(
    name=KIND, folder=layout.PROFILES_DIR, ext="yml", schema="country-profile", load=load,
    load_translation=load_translation, translation_report=translation_report, stamp_hashes=stamp_hashes,
    order=20, attribute="profiles", url_folder="countries", label_key="search.type_profile", owns_folder=True,
    stem_rule="iso2", scaffold_template="country-profile.yml.j2",
))
