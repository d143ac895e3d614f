"""Guidelines: parts → sections → principles with stable IDs, published in editions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.reading import Located
from build_tools.model import layout
from build_tools.model.base import SourceFile, Translation, TranslationReport, load_yaml, overall_state, unit_states
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
        meta: dict[str, Any] = {"title": self.title, "summary": self.summary, "parts": {}}
        for part in self.parts:
            meta["parts"][part.id] = {"title": part.title, "intro": part.intro,
                                      "sections": {s.id: {"title": s.title, "intro": s.intro} for s in part.sections}}
        out = {"meta": unit_hash(meta)}
        for p in self.principles():
            out[f"principle:{p.id}"] = unit_hash({f: getattr(p, f) for f in PRINCIPLE_FIELDS})
        return out


def load(src: SourceFile) -> tuple[Guideline | None, list[Diagnostic]]:
    """Load and check one guideline source file."""
    located, diags, schema_ok = load_yaml(src, "guideline")
    if located is None:
        return None, diags
    data = located.data
    if data.get("id") is not None and data.get("id") != src.stem:
        line, col = located.pos(("id",))
        diags.append(make(src.rel, line, col, "E131", f"id '{data.get('id')}' differs from the file name '{src.stem}'"))
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
    located, diags, schema_ok = load_yaml(src, "guideline-translation")
    if located is None or not schema_ok:
        return None, diags
    diags += _check_mirror(located, guideline, src.rel)
    return Translation(src, located), diags


def _check_mirror(located: Located, guideline: Guideline, rel: str) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    parts = {p.id: p for p in guideline.parts}
    sections = {s.id: (p.id, s) for p in guideline.parts for s in p.sections}
    principles = {pr.id: s.id for p in guideline.parts for s in p.sections for pr in s.principles}
    order = {id_: n for n, (id_, _l, _c) in enumerate(guideline.structural_ids())}
    seen: set[str] = set()
    last = -1

    def note(id_: str, path: tuple[object, ...], expected_parent: str | None, actual_parent: str | None,
             known: dict[str, Any], what: str) -> None:
        nonlocal last
        line, col = located.pos(path)
        if id_ in seen:
            diags.append(make(rel, line, col, "E151", f"{what} '{id_}' appears twice"))
            return
        seen.add(id_)
        if id_ not in known:
            diags.append(make(rel, line, col, "E151", f"{what} '{id_}' does not exist in {guideline.source.rel}"))
            return
        if expected_parent != actual_parent:
            diags.append(make(rel, line, col, "E151",
                              f"{what} '{id_}' belongs under '{expected_parent}' in the source, not '{actual_parent}'"))
            return
        if order[id_] < last:
            diags.append(make(rel, line, col, "E151", f"{what} '{id_}' is out of order compared with the source"))
        last = max(last, order[id_])

    for i, part in enumerate(located.data.get("parts") or []):
        pid = part.get("id")
        note(pid, ("parts", i, "id"), None, None, parts, "part")
        for j, sec in enumerate(part.get("sections") or []):
            sid = sec.get("id")
            expected = sections[sid][0] if sid in sections else None
            note(sid, ("parts", i, "sections", j, "id"), expected, pid, sections, "section")
            for k, pr in enumerate(sec.get("principles") or []):
                prid = pr.get("id")
                note(prid, ("parts", i, "sections", j, "principles", k, "id"), principles.get(prid), sid,
                     principles, "principle")
    return diags


def translated_units(tr: Translation) -> dict[str, dict[str, str]]:
    """The text a translation provides, keyed by unit (``meta`` and ``principle:<id>``)."""
    data = tr.data
    out: dict[str, dict[str, str]] = {}
    meta = {k: data[k] for k in ("title", "summary") if isinstance(data.get(k), str)}
    for part in data.get("parts") or []:
        if isinstance(part.get("title"), str):
            meta[f"part:{part['id']}:title"] = part["title"]
        if isinstance(part.get("intro"), str):
            meta[f"part:{part['id']}:intro"] = part["intro"]
        for sec in part.get("sections") or []:
            if isinstance(sec.get("title"), str):
                meta[f"section:{sec['id']}:title"] = sec["title"]
            if isinstance(sec.get("intro"), str):
                meta[f"section:{sec['id']}:intro"] = sec["intro"]
            for pr in sec.get("principles") or []:
                fields = {f: pr[f] for f in PRINCIPLE_FIELDS if isinstance(pr.get(f), str)}
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
    if tr is None:
        states = unit_states(units, set(), {})
        return TranslationReport(KIND, guideline.id, rel, lang, "missing", states)
    present = set(translated_units(tr))
    states = unit_states(units, present, tr.source_hashes)
    return TranslationReport(KIND, guideline.id, rel, lang, overall_state(states), states)


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
