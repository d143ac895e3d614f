"""Country profiles: language-neutral data in ``country_profiles/<iso2>.yml``, text overlays per language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from build_tools.checks import schema_check
from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.reading import Located
from build_tools.model import layout
from build_tools.model.base import (
    SourceFile,
    Translation,
    TranslationReport,
    is_text,
    load_yaml,
    numbers_not_in_source,
    report_for,
)
from build_tools.model.hashing import unit_hash
from build_tools.model.kinds import ContentKind, register

KIND = "country-profile"
BRANCHES = ("old_age", "sickness", "work_injury", "unemployment", "family")
TEXT_FIELDS = ("coverage", "source_of_funds", "qualifying_conditions", "benefits", "administration")
LAW_FIELDS = ("first_law", "current_law")


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

    def text_fields(self) -> dict[str, str]:
        """Every translatable text field, keyed by dotted path."""
        return text_fields_of(self.data)

    def units(self) -> dict[str, str]:
        """Translation units (one per text field) with current source hashes."""
        return {path: unit_hash(text) for path, text in self.text_fields().items()}

    def localized_text(self, lang: str) -> dict[str, tuple[str, str]]:
        """Each text field as (text, language of the text) for ``lang``, English where untranslated."""
        english = self.text_fields()
        tr = self.translations.get(lang)
        overlay = overlay_fields(tr.data) if tr else {}
        return {path: ((overlay[path], lang) if path in overlay else (text, "en")) for path, text in english.items()}


def text_fields_of(data: dict[str, Any]) -> dict[str, str]:
    """Every translatable text field of a profile's data, keyed by dotted path (in file order)."""
    out: dict[str, str] = {}
    for branch in BRANCHES:
        b = (data.get("branches") or {}).get(branch) or {}
        for law in LAW_FIELDS:
            if isinstance(b.get(law), dict) and isinstance(b[law].get("title"), str):
                out[f"branches.{branch}.{law}.title"] = b[law]["title"]
        for name in TEXT_FIELDS:
            if isinstance(b.get(name), str):
                out[f"branches.{branch}.{name}"] = b[name]
    for inst in data.get("institutions") or []:
        out[f"institutions.{inst['id']}.name"] = inst["name"]
    return out


def unit_fields(data: dict[str, Any]) -> dict[str, tuple[str, dict[str, str]]]:
    """Each unit of a profile's data: (hash, {"text": text}); works on past versions of the file too."""
    return {path: (unit_hash(text), {"text": text}) for path, text in text_fields_of(data).items()}


def overlay_fields(data: dict[str, Any]) -> dict[str, str]:
    """Flatten an overlay to dotted text-field paths."""
    out: dict[str, str] = {}
    for branch, fields in (data.get("branches") or {}).items():
        if not isinstance(fields, dict):
            continue
        for key, value in fields.items():
            if key in LAW_FIELDS and isinstance(value, dict) and is_text(value.get("title")):
                out[f"branches.{branch}.{key}.title"] = value["title"]
            elif is_text(value):
                out[f"branches.{branch}.{key}"] = value
    for inst_id, fields in (data.get("institutions") or {}).items():
        if isinstance(fields, dict) and is_text(fields.get("name")):
            out[f"institutions.{inst_id}.name"] = fields["name"]
    return out


def load(src: SourceFile) -> tuple[CountryProfile | None, list[Diagnostic]]:
    """Load and check one profile."""
    located, diags, schema_ok = load_yaml(src, "country-profile")
    if located is None:
        return None, diags
    country = located.data.get("country")
    if isinstance(country, str) and country.lower() != src.stem:
        line, col = located.pos(("country",))
        diags.append(make(src.rel, line, col, "E131", f"country '{country}' differs from the file name '{src.stem}.yml'"))
    if not schema_ok:
        return None, diags
    return CountryProfile(located.data["country"], located.data, src, located), diags


def _source_kind(profile: CountryProfile, path: tuple[str, ...]) -> str:
    """'text', 'data' (exists but not translatable), 'container' or 'absent' for an overlay path."""
    data = profile.data
    if path[0] == "translation":
        return "container"
    if path[0] == "branches":
        if len(path) == 1:
            return "container"
        branch = data["branches"].get(path[1])
        if branch is None:
            return "obsolete" if path[1] in BRANCHES else "absent"
        if len(path) == 2:
            return "container"
        key = path[2]
        if key not in branch:
            return "obsolete" if key in TEXT_FIELDS or key in LAW_FIELDS else "absent"
        if key in LAW_FIELDS:
            if len(path) == 3:
                return "container"
            if path[3] == "title":
                return "text"
            return "data" if path[3] in branch[key] else "absent"
        return "text" if key in TEXT_FIELDS else "data"
    if path[0] == "institutions":
        if len(path) == 1:
            return "container"
        ids = {inst["id"] for inst in data.get("institutions") or []}
        if path[1] not in ids:
            return "obsolete"
        if len(path) == 2:
            return "container"
        inst = next(i for i in data["institutions"] if i["id"] == path[1])
        if path[2] == "name":
            return "text"
        return "data" if path[2] in inst else "absent"
    return "data" if path[0] in data else "absent"


def _walk_overlay(node: Any, path: tuple[str, ...], profile: CountryProfile, located: Located, rel: str,
                  diags: list[Diagnostic]) -> None:
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        child = path + (str(key),)
        kind = _source_kind(profile, child)
        line, col = located.pos(child)
        dotted = ".".join(child)
        if kind == "obsolete":
            diags.append(make(rel, line, col, "W154",
                              f"'{dotted}' no longer exists in {profile.source.rel}: its translation is obsolete and not "
                              f"shown (`python -m build_tools translations prune {rel}` removes it)"))
        elif kind == "absent":
            diags.append(make(rel, line, col, "E153", f"'{dotted}' does not exist in {profile.source.rel}"))
        elif kind == "data":
            diags.append(make(rel, line, col, "E152", f"'{dotted}' is data, not text: set it in {profile.source.rel} only"))
        elif kind == "container" and child != ("translation",):
            _walk_overlay(value, child, profile, located, rel, diags)


def load_translation(src: SourceFile, profile: CountryProfile) -> tuple[Translation | None, list[Diagnostic]]:
    """Load a text overlay; numbers, codes or keys the source lacks are errors."""
    located, diags, _ok = load_yaml(src, None)
    if located is None:
        return None, diags
    structural: list[Diagnostic] = []
    _walk_overlay(located.data, (), profile, located, src.rel, structural)
    diags += structural
    if not structural:
        diags += schema_check.check("country-profile-translation", located, src.rel)
    diags += number_diagnostics(located, profile, src.rel)
    return Translation(src, located), diags


def number_diagnostics(located: Located, profile: CountryProfile, rel: str) -> list[Diagnostic]:
    """W156 for each overlay text holding a number its English text does not contain."""
    english = profile.text_fields()
    diags: list[Diagnostic] = []
    for path, text in overlay_fields(located.data).items():
        if path not in english:
            continue
        extra = numbers_not_in_source(english[path], text)
        if extra:
            keys = tuple(path.split("."))
            diags.append(make(rel, *located.pos(keys), "W156",
                              f"{', '.join(extra)}: not in the English text of '{path}'; check the number"))
    return diags


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
            if (mirror["in_force"], sorted(mirror["branches"])) != (agr["in_force"], sorted(agr["branches"])):
                diags.append(make(profile.source.rel, line, col, "E171",
                                  f"agreement with {partner.iso2} differs from {partner.source.rel} "
                                  f"(in force {agr['in_force']} vs {mirror['in_force']}, or branches)"))
    return diags


CONTENT_KIND = register(ContentKind(
    name=KIND, folder=layout.PROFILES_DIR, ext="yml", schema="country-profile", load=load,
    load_translation=load_translation, translation_report=translation_report, stamp_hashes=stamp_hashes,
    order=20, attribute="profiles", url_folder="countries", label_key="search.type_profile", owns_folder=True,
    stem_rule="iso2", scaffold_template="country-profile.yml.j2",
))
