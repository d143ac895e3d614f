"""Guidelines: parts → sections → principles with stable IDs, published in editions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.reading import Located
from build_tools.model import layout
from build_tools.model.base import (
    SourceFile,
    Translation,
    TranslationReport,
    id_mismatch_hint,
    is_text,
    load_yaml,
    numbers_dropped,
    numbers_not_in_source,
    report_for,
)
from build_tools.model.hashing import unit_hash
from build_tools.model.kinds import ContentKind, register

KIND = "guideline"
PRINCIPLE_FIELDS = ("title", "statement", "structure", "mechanism")


@dataclass
class Principle:
    """One numbered guideline principle."""

    id: str
    number: int
    title: str
    statement: str
    structure: str
    mechanism: str
    part_id: str
    section_id: str


@dataclass
class Section:
    """A section of a part, holding principles."""

    id: str
    label: str
    title: str
    intro: str
    principles: list[Principle] = field(default_factory=list)


@dataclass
class Part:
    """A part of a guideline, holding sections."""

    id: str
    label: str
    title: str
    intro: str
    sections: list[Section] = field(default_factory=list)


@dataclass
class Guideline:
    """A guideline in its authoritative (English) form, plus its translations."""

    id: str
    code: str
    title: str
    edition: str
    edition_date: str
    summary: str
    illustrative: bool
    parts: list[Part]
    source: SourceFile
    located: Located
    translations: dict[str, Translation] = field(default_factory=dict)

    def principles(self) -> list[Principle]:
        """All principles in document order."""
        return [p for part in self.parts for s in part.sections for p in s.principles]

    def structural_ids(self) -> list[tuple[str, int, int]]:
        """Every part, section and principle ID with its position in the file."""
        out: list[tuple[str, int, int]] = []
        for i, part in enumerate(self.located.data.get("parts", [])):
            out.append((part["id"], *self.located.pos(("parts", i, "id"))))
            for j, sec in enumerate(part.get("sections", [])):
                out.append((sec["id"], *self.located.pos(("parts", i, "sections", j, "id"))))
                for k, pr in enumerate(sec.get("principles", [])):
                    out.append((pr["id"], *self.located.pos(("parts", i, "sections", j, "principles", k, "id"))))
        return out

    def units(self) -> dict[str, str]:
        """Translation units and the hash of their current English text."""
        return {unit: digest for unit, (digest, _fields) in unit_fields(self.located.data).items()}


def unit_fields(data: dict[str, Any]) -> dict[str, tuple[str, dict[str, str]]]:
    """Each unit of a guideline's English data: (hash, {field: text}), fields keyed as in :func:`translated_units`.

    Works on raw data so that past versions of the file (from git history) can be hashed too.
    """
    meta: dict[str, Any] = {"title": data.get("title", ""), "summary": data.get("summary", ""), "parts": {}}
    fields = {"title": meta["title"], "summary": meta["summary"]}
    principles: dict[str, tuple[str, dict[str, str]]] = {}
    for part in data.get("parts") or []:
        sections = {}
        fields[f"part:{part['id']}:title"] = part.get("title", "")
        fields[f"part:{part['id']}:intro"] = part.get("intro", "")
        for sec in part.get("sections") or []:
            sections[sec["id"]] = {"title": sec.get("title", ""), "intro": sec.get("intro", "")}
            fields[f"section:{sec['id']}:title"] = sec.get("title", "")
            fields[f"section:{sec['id']}:intro"] = sec.get("intro", "")
            for pr in sec.get("principles") or []:
                texts = {f: pr.get(f, "") for f in PRINCIPLE_FIELDS}
                principles[f"principle:{pr['id']}"] = (unit_hash(texts), {k: v for k, v in texts.items() if v})
        meta["parts"][part["id"]] = {"title": part.get("title", ""), "intro": part.get("intro", ""), "sections": sections}
    return {"meta": (unit_hash(meta), {k: v for k, v in fields.items() if v}), **principles}


def load(src: SourceFile) -> tuple[Guideline | None, list[Diagnostic]]:
    """Load and check one guideline source file."""
    located, diags, schema_ok = load_yaml(src, "guideline", source=True)
    if located is None:
        return None, diags
    data = located.data
    if data.get("id") is not None and data.get("id") != src.stem:
        line, col = located.pos(("id",))
        diags.append(make(src.rel, line, col, "E131", f"id '{data.get('id')}' differs from the file name '{src.stem}'",
                          hint=id_mismatch_hint(src, data.get("id"))))
    if not schema_ok:
        return None, diags
    number = 0
    parts: list[Part] = []
    for part in data["parts"]:
        sections = []
        for sec in part["sections"]:
            principles = []
            for pr in sec["principles"]:
                number += 1
                principles.append(Principle(pr["id"], number, pr["title"], pr["statement"], pr["structure"],
                                            pr["mechanism"], part["id"], sec["id"]))
            sections.append(Section(sec["id"], sec["label"], sec["title"], sec.get("intro", ""), principles))
        parts.append(Part(part["id"], part["label"], part["title"], part.get("intro", ""), sections))
    guideline = Guideline(data["id"], data["code"], data["title"], data["edition"], data["edition_date"],
                          data["summary"], bool(data.get("illustrative")), parts, src, located)
    return guideline, diags


def load_translation(src: SourceFile, guideline: Guideline) -> tuple[Translation | None, list[Diagnostic]]:
    """Load a guideline translation and check that it mirrors the source structure."""
    located, diags, schema_ok = load_yaml(src, "guideline-translation", translation=True)
    if located is None or not schema_ok:
        return None, diags
    diags += _check_mirror(located, guideline, src.rel)
    diags += number_diagnostics(located, guideline, src.rel)
    return Translation(src, located), diags


def _check_mirror(located: Located, guideline: Guideline, rel: str) -> list[Diagnostic]:
    """IDs given twice are errors; IDs the English no longer has are obsolete (a warning).

    The English source owns order and nesting: a translation may list parts, sections and
    principles in any order and under any parent, since text is matched by ID.
    """
    diags: list[Diagnostic] = []
    known = {"part": {p.id for p in guideline.parts},
             "section": {s.id for p in guideline.parts for s in p.sections},
             "principle": {pr.id for pr in guideline.principles()}}
    seen: set[str] = set()

    def note(id_: object, path: tuple[object, ...], what: str) -> None:
        line, col = located.pos(path)
        if not isinstance(id_, str):
            return  # the schema reports a missing or malformed ID
        if id_ in seen:
            diags.append(make(rel, line, col, "E151", f"{what} '{id_}' appears twice"))
            return
        seen.add(id_)
        if id_ not in known[what]:
            diags.append(make(rel, line, col, "W154",
                              f"{what} '{id_}' no longer exists in {guideline.source.rel}: its translation is obsolete "
                              f"and not shown (`python -m build_tools translations prune {rel}` removes it)"))

    for i, part in enumerate(located.data.get("parts") or []):
        note(part.get("id"), ("parts", i, "id"), "part")
        for j, sec in enumerate(part.get("sections") or []):
            note(sec.get("id"), ("parts", i, "sections", j, "id"), "section")
            for k, pr in enumerate(sec.get("principles") or []):
                note(pr.get("id"), ("parts", i, "sections", j, "principles", k, "id"), "principle")
    return diags


def source_texts(guideline: Guideline) -> dict[str, dict[str, str]]:
    """The English text of every unit, keyed like :func:`translated_units` (blank fields left out)."""
    meta = {"title": guideline.title, "summary": guideline.summary}
    out: dict[str, dict[str, str]] = {}
    for part in guideline.parts:
        meta[f"part:{part.id}:title"] = part.title
        meta[f"part:{part.id}:intro"] = part.intro
        for sec in part.sections:
            meta[f"section:{sec.id}:title"] = sec.title
            meta[f"section:{sec.id}:intro"] = sec.intro
    out["meta"] = {k: v for k, v in meta.items() if v}
    for p in guideline.principles():
        out[f"principle:{p.id}"] = {f: getattr(p, f) for f in PRINCIPLE_FIELDS if getattr(p, f)}
    return out


def number_diagnostics(located: Located, guideline: Guideline, rel: str) -> list[Diagnostic]:
    """W156 for each translated field holding a number its English text does not contain."""
    english = source_texts(guideline)
    diags: list[Diagnostic] = []
    data = located.data

    def check(unit: str, key: str, value: object, path: tuple[object, ...]) -> None:
        source = english.get(unit, {}).get(key)
        if not is_text(value) or source is None:
            return
        extra = numbers_not_in_source(source, str(value))
        if extra:
            diags.append(make(rel, *located.pos(path), "W156",
                              f"{', '.join(extra)}: not in the English text of this field; check the number"))
        dropped = numbers_dropped(source, str(value))
        if dropped:
            diags.append(make(rel, *located.pos(path), "W156",
                              f"{', '.join(dropped)}: in the English text of this field but not in the translation; "
                              "check that no figure was lost"))

    for key in ("title", "summary"):
        check("meta", key, data.get(key), (key,))
    for i, part in enumerate(data.get("parts") or []):
        for key in ("title", "intro"):
            check("meta", f"part:{part.get('id')}:{key}", part.get(key), ("parts", i, key))
        for j, sec in enumerate(part.get("sections") or []):
            for key in ("title", "intro"):
                check("meta", f"section:{sec.get('id')}:{key}", sec.get(key), ("parts", i, "sections", j, key))
            for k, pr in enumerate(sec.get("principles") or []):
                for key in PRINCIPLE_FIELDS:
                    check(f"principle:{pr.get('id')}", key, pr.get(key), ("parts", i, "sections", j, "principles", k, key))
    return diags


def translated_units(tr: Translation) -> dict[str, dict[str, str]]:
    """The text a translation provides, keyed by unit (``meta`` and ``principle:<id>``)."""
    data = tr.data
    out: dict[str, dict[str, str]] = {}
    meta = {k: data[k] for k in ("title", "summary") if is_text(data.get(k))}
    for part in data.get("parts") or []:
        if is_text(part.get("title")):
            meta[f"part:{part['id']}:title"] = part["title"]
        if is_text(part.get("intro")):
            meta[f"part:{part['id']}:intro"] = part["intro"]
        for sec in part.get("sections") or []:
            if is_text(sec.get("title")):
                meta[f"section:{sec['id']}:title"] = sec["title"]
            if is_text(sec.get("intro")):
                meta[f"section:{sec['id']}:intro"] = sec["intro"]
            for pr in sec.get("principles") or []:
                fields = {f: pr[f] for f in PRINCIPLE_FIELDS if is_text(pr.get(f))}
                if fields:
                    out[f"principle:{pr['id']}"] = fields
    if meta:
        out["meta"] = meta
    return out


def translation_report(guideline: Guideline, lang: str) -> TranslationReport:
    """Translated, missing and outdated units of one guideline in one language."""
    tr = guideline.translations.get(lang)
    units = guideline.units()
    rel = tr.source.rel if tr else f"guidelines/{guideline.id}.{lang}.yml"
    present = set(translated_units(tr)) if tr else set()
    return report_for(KIND, guideline.id, rel, lang, units, present, tr)


def stamp_hashes(guideline: Guideline, tr: Translation) -> dict[str, str]:
    """Current source hashes for every unit the translation provides."""
    units = guideline.units()
    return {u: units[u] for u in translated_units(tr) if u in units}


CONTENT_KIND = register(ContentKind(
    name=KIND, folder=layout.GUIDELINES_DIR, ext="yml", schema="guideline", load=load, load_translation=load_translation,
    translation_report=translation_report, stamp_hashes=stamp_hashes, order=10, attribute="guidelines",
    url_folder="guidelines", label_key="search.type_guideline", owns_folder=True,
    scaffold_template="guideline.yml.j2",
))
