"""Translator tools: what is translated, missing or outdated, and stamping finished translations.

``status`` compares the hash of each English translation unit (a guideline principle, a profile
text field, a whole Markdown page) with the hash recorded in the translation when it was
stamped. ``stamp`` records the current hashes in a translation file by a careful text edit that
leaves the rest of the file (comments, folding, key order) exactly as it was.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.checks.diagnostics import Severity
from build_tools.checks.reading import parse_markdown, parse_yaml_mapping, relative_path
from build_tools.i18n import cldr
from build_tools.i18n.units import unit_label
from build_tools.model import documents, guidelines, kinds, layout
from build_tools.model.base import (
    IN_PROGRESS,
    TRANSLATION_STATUSES,
    Translation,
    TranslationReport,
    parse_translation_markdown,
    parse_translation_yaml,
)
from build_tools.model.project import Project, load_project

CHECKLISTS_FOLDER = "self-assessment"
STATES = ("translated", "partial", "outdated", IN_PROGRESS, "missing")
_HEX = re.compile(r"^[A-Za-z0-9_.:-]+$")
_TOP_KEY = re.compile(r"^translation\s*:")


# ---------------------------------------------------------------------------------------------
# Status
# ---------------------------------------------------------------------------------------------


@dataclass
class LanguageStatus:
    """Translation progress of one language over every content item."""

    lang: str
    reports: list[TranslationReport]
    # Translations left at the old name of their renamed English file (see build_tools.i18n.renames).
    renamed: list[Any] = field(default_factory=list)
    # Pages saved in part (in progress): path -> the texts still the English, which ``stamp`` refuses.
    unsaved: dict[str, list[str]] = field(default_factory=dict)
    # English files renamed without their id (E131; see build_tools.i18n.renames.IdMismatch): not counted.
    mismatched: list[Any] = field(default_factory=list)
    root: Path | None = None
    # Of ``unsaved``, the texts the translator changed in the file by hand (still unstamped).
    edited: dict[str, list[str]] = field(default_factory=dict)

    def renamed_to(self, path: str) -> Any:
        """The renamed translation that belongs at ``path`` (a "missing" item), if any."""
        return next((r for r in self.renamed if r.new_path == path), None)

    def items(self, state: str) -> list[TranslationReport]:
        """Reports of the items in ``state`` (translated, partial, outdated or missing)."""
        return [r for r in self.reports if r.state == state]

    @property
    def counts(self) -> dict[str, int]:
        """Number of items in each state, plus ``total``."""
        out = {state: len(self.items(state)) for state in STATES}
        out["total"] = len(self.reports)
        return out

    @property
    def unit_counts(self) -> dict[str, int]:
        """Number of translation units (principles, fields, pages) in each state, plus ``total``."""
        out = {"translated": 0, "outdated": 0, "missing": 0}
        for report in self.reports:
            for unit in report.units:
                out[unit.state] += 1
        out["total"] = sum(out.values())
        return out

    @property
    def percent(self) -> int:
        """Share of items fully translated, up to date and published, rounded down to a whole percent."""
        total = len(self.reports)
        done = sum(1 for r in self.items("translated") if not r.withheld)
        return (100 * done // total) if total else 100

    def to_json(self) -> dict[str, Any]:
        """JSON-ready summary: counts and the items in each state with their changed units."""
        return {
            "language": cldr.language_name(self.lang),
            "percent": self.percent,
            "counts": self.counts,
            "units": self.unit_counts,
            **{state: [_item_json(r, self.unsaved.get(r.path), self.edited.get(r.path)) for r in self.items(state)]
               for state in STATES},
            "renamed": [{"path": r.path, "belongs_at": r.new_path, "english_was": r.rename.old,
                         "english_now": r.rename.new, "commit": r.rename.commit, "move": r.rename.command()}
                        for r in self.renamed],
            "id_mismatch": [{"kind": m.kind, "id": m.item_id, "path": m.english, "line": m.line, "id_names": m.old,
                             "commit": m.commit, "fix": m.command(),
                             "message": m.describe(self.root, self.lang) if self.root else m.describe(Path("."))}
                            for m in self.mismatched],
        }


NEVER_STAMPED = "never stamped — review and stamp"


def _item_json(report: TranslationReport, unsaved: list[str] | None = None,
               edited: list[str] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": report.kind, "id": report.item_id, "path": report.path}
    if report.withheld:
        item["withheld"] = report.withheld
    if report.state == IN_PROGRESS:
        # A page saved in part: these texts are not stamped as translated, and ``stamp`` refuses it until they are
        # (``edited``: those changed in the file by hand).
        item["untranslated"] = unsaved or []
        item["edited"] = edited or []
        item["stamp_ready"] = not unsaved
    if report.state in ("outdated", "partial"):
        item["never_stamped"] = report.never_stamped
        item["changed"] = [] if report.never_stamped else report.outdated_units
        item["changed_labels"] = [unit_label(u) for u in item["changed"]]
        item["untranslated"] = report.missing_units
    if report.obsolete:
        item["obsolete"] = report.obsolete
    return item


def _mark_renamed(entry: dict[str, Any]) -> None:
    """Each missing item of a status JSON entry whose translation sits at a renamed English file's old name."""
    moved = {r["belongs_at"]: r["path"] for r in entry.get("renamed", [])}
    for item in entry.get("missing", []):
        if item["path"] in moved:
            item["renamed_from"] = moved[item["path"]]


def language_status(project: Project, langs: list[str] | None = None) -> list[LanguageStatus]:
    """Status of every non-default language (or of ``langs``), in site order."""
    default = project.config.default_language
    from build_tools.i18n.renames import Renames, id_mismatches, renamed_translations

    wanted = [code for code in project.languages if code != default and (not langs or code in langs)]
    renames = Renames(project.root)
    renamed = renamed_translations(project, renames)
    mismatched = id_mismatches(project, renames)
    # Such an item is neither translated nor missing until its id follows its file name: it is listed apart.
    apart = {(m.kind, m.item_id) for m in mismatched}
    out = []
    for code in wanted:
        reports = [r for r in project.translation_reports(code) if (r.kind, r.item_id) not in apart]
        unsaved = {r.path: parts for r in reports if r.state == IN_PROGRESS
                   and (parts := saved_in_part(project, r.path))}
        edited = {rel: found for rel, parts in unsaved.items() if (found := edited_parts(project, rel, parts))}
        out.append(LanguageStatus(code, reports, [r for r in renamed if r.lang == code], unsaved, mismatched,
                                  project.root, edited))
    return out


def saved_in_part(project: Project, rel: str) -> list[str]:
    """The texts of the page in progress at ``rel`` that are still the English (a page saved in part).

    A partial import saves a page with a stamp per translated text (``page:title``,
    ``page:body/3``); the other texts are the English standing in. ``stamp`` refuses such a page
    while this list is not empty; it is empty for any other file.
    """
    w = project.withheld.get(rel)
    if w is None or w.reason != IN_PROGRESS or w.translation is None:
        return []
    return _missing_parts(project, project.root / rel, w.translation)


def edited_parts(project: Project, rel: str, parts: list[str]) -> list[str]:
    """Of ``parts`` (texts of a page saved in part, not stamped), those the file no longer has in English.

    A translator who goes on by hand in the file changes them; only the stamps make them count,
    so the status names them apart ("changed in the file, not stamped"). A page text whose blocks
    no longer line up with the English cannot be told apart, and counts as still the English.
    """
    w = project.withheld.get(rel)
    doc = document_for(project, rel.removeprefix(relative_path(project.config.docs_dir, project.root) + "/"),
                       w.lang) if w is not None else None
    if w is None or w.translation is None or doc is None:
        return []
    from build_tools.i18n import md_blocks

    english = md_blocks.split_blocks(doc.body)
    mine = md_blocks.split_blocks(w.translation.body)
    out = []
    for part in parts:
        if part.startswith("body/"):
            i = int(part.split("/", 1)[1])
            if len(mine) == len(english) and i < len(english) and mine[i].text.strip() != english[i].text.strip():
                out.append(part)
        elif str(w.translation.data.get(part) or "").strip() not in ("", str(doc.meta.get(part) or "").strip()):
            out.append(part)
    return out


def finish_hint(lang: str, path: str) -> str:
    """What to do with a page saved in part: the two ways to translate the rest (``stamp`` refuses it until then)."""
    return (f"to finish it, either export the missing texts (python -m build_tools translations export --lang {lang} "
            f"--only missing -o {lang}.po), translate them and import the file (python -m build_tools translations "
            f"import {lang}.po): the page is stamped and published once complete; or translate them in the file "
            f"itself, delete `source_hashes:` and the `page:` lines under it from its `translation:` block, then run: "
            f"python -m build_tools translations stamp {path}")


def status_json(statuses: list[LanguageStatus]) -> dict[str, Any]:
    """The ``translations --format json`` document: an object keyed by language code."""
    out = {s.lang: s.to_json() for s in statuses}
    for entry in out.values():
        _mark_renamed(entry)
    return out


def status_text(statuses: list[LanguageStatus]) -> str:
    """A terminal report: a summary line per language, then what needs work."""
    lines: list[str] = []
    for s in statuses:
        c = s.counts
        lines.append(f"{s.lang}  {cldr.language_name(s.lang)}: {s.percent}% up to date — "
                     f"{c['translated']} translated, {c['partial']} partial, {c['outdated']} outdated, "
                     f"{c[IN_PROGRESS]} in progress, {c['missing']} missing (of {c['total']})"
                     + (f"; {len(s.mismatched)} renamed without its id, not counted" if s.mismatched else ""))
        for m in s.mismatched:
            lines.append(f"  {'id':<9} {m.kind} {m.item_id}  {m.describe(s.root or Path('.'), s.lang)}")
        for r in s.items(IN_PROGRESS):
            parts = s.unsaved.get(r.path)
            if parts:
                edited = s.edited.get(r.path, [])
                english = [p for p in parts if p not in edited]
                said = [f"{len(english)} text(s) still the English: {', '.join(english)}"] if english else []
                said += [f"{len(edited)} changed in the file but not stamped: {', '.join(edited)}"] if edited else []
                lines.append(f"  {'started':<9} {r.kind} {r.item_id}  {r.path}: saved in part, not published "
                             f"(English shown); {'; '.join(said)}")
                lines.append(f"      {finish_hint(s.lang, r.path)}")
                continue
            lines.append(f"  {'started':<9} {r.kind} {r.item_id}  {r.path}: in progress, not published (English "
                         f"shown) until stamped: python -m build_tools translations stamp {r.path}")
        for r in s.reports:
            if r.withheld == "errors":
                lines.append(f"  {'errors':<9} {r.kind} {r.item_id}  {r.path}: not published (English shown) "
                             "until its errors are fixed (python -m build_tools validate " + r.path + ")")
        for state in ("outdated", "partial"):
            for r in s.items(state):
                lines.append(f"  {state:<9} {r.kind} {r.item_id}  {r.path}")
                if r.never_stamped:
                    lines.append(f"      {NEVER_STAMPED}: python -m build_tools translations stamp {r.path}")
                elif r.outdated_units:
                    lines.append(f"      changed in English: {', '.join(unit_label(u) for u in r.outdated_units)}"
                                 f"  (see: python -m build_tools translations diff {r.path})")
                if r.missing_units:
                    lines.append(f"      not translated: {', '.join(unit_label(u) for u in r.missing_units)}")
        for r in s.reports:
            if r.obsolete:
                lines.append(f"  obsolete  {r.kind} {r.item_id}  {r.path}: {', '.join(unit_label(u) for u in r.obsolete)}"
                             f"  (remove: python -m build_tools translations prune {r.path})")
        for r in s.items("missing"):
            moved = s.renamed_to(r.path)
            lines.append(f"  {'missing':<9} {r.kind} {r.item_id}  {r.path}"
                         + (f"  (renamed: translation at {moved.path})" if moved else ""))
        for moved in s.renamed:
            lines.append(f"  {'renamed':<9} {moved.path}: its English {moved.rename.old} was renamed to "
                         f"{moved.rename.new}; the translation is not shown until it moves: {moved.rename.command()}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


class LanguageError(ValueError):
    """A ``--lang`` value that is not a translation language of the site."""


def parse_langs(values: list[str] | None, project: Project) -> list[str] | None:
    """``--lang fr,de --lang es`` as a list; None for "every language". Raises :class:`LanguageError`."""
    if not values:
        return None
    wanted = [code.strip() for value in values for code in value.split(",") if code.strip()]
    default = project.config.default_language
    others = [c for c in project.languages if c != default]
    for code in wanted:
        if code == default:
            raise LanguageError(f"'{code}' is the English source language, not a translation "
                                f"(translation languages: {', '.join(others)})")
        if code not in project.languages:
            raise LanguageError(f"'{code}' is not a site language (translation languages: {', '.join(others)})")
    return list(dict.fromkeys(wanted))


def run_status(root: Path, langs: list[str] | None, fmt: str) -> int:
    """CLI: print the translation status; exits 0, or 1 for a language that is not a site language."""
    project = load_project(root)
    errors = [d for d in project.diagnostics if d.severity is Severity.ERROR]
    if errors:
        print(f"note: {len(errors)} content error(s); items with errors are left out "
              "(run `python -m build_tools validate`)", file=sys.stderr)
    try:
        wanted = parse_langs(langs, project)
    except LanguageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    statuses = language_status(project, wanted)
    if fmt == "json":
        from build_tools.i18n.diff import outdated_changes

        data = status_json(statuses)
        changes = outdated_changes(project, [s.lang for s in statuses])
        for lang, entry in data.items():
            for item in entry["outdated"]:
                item["changes"] = changes.get(lang, {}).get(item["path"], [])
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(status_text(statuses))
    return 0


# ---------------------------------------------------------------------------------------------
# Page notices
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageNotice:
    """What a page in a non-default language should tell the reader about its translation.

    ``status`` is ``fallback`` (the whole page is the English original), ``partial`` (some parts
    are shown in English) or ``outdated`` (the English changed since translation).
    """

    status: str
    untranslated: int = 0


def page_notice(project: Project, docs_rel: str, lang: str, meta: dict[str, Any] | None = None) -> PageNotice | None:
    """The notice for the page built from ``docs_rel`` (relative to docs_dir) in ``lang``, if any.

    Generated pages may state their status in ``meta`` (``translation_status``, ``untranslated``);
    otherwise it is derived from the item they show (a guideline, checklist or country profile).
    Editor-written pages are a fallback when no ``<name>.<lang>.md`` exists, else compared by hash.
    """
    default = project.config.default_language
    if lang == default:
        return None
    meta = meta or {}
    name = layout.split_name(Path(docs_rel).name)
    if kinds.is_generated(docs_rel):
        if meta.get("translation_status") in ("outdated", "partial"):
            return PageNotice(str(meta["translation_status"]), int(meta.get("untranslated") or 0))
        report = generated_page_report(project, docs_rel, lang)
        if report is None or report.state == "translated":
            return None
        if report.state == "outdated":
            return PageNotice("outdated", len(report.missing_units))
        return PageNotice("partial", len(report.missing_units))
    if name is None or name.lang != lang:
        return PageNotice("fallback")
    doc = document_for(project, docs_rel, lang)
    if doc is not None and documents.translation_report(doc, lang).state == "outdated":
        return PageNotice("outdated")
    return None


def generated_page_report(project: Project, docs_rel: str, lang: str) -> TranslationReport | None:
    """Translation report of the item a generated page shows, or None for listings and indexes."""
    parts = Path(docs_rel).parts
    name = layout.split_name(parts[-1]) if parts else None
    if name is None or len(parts) != 2 or name.stem == "index":
        return None
    # A checklist shows its guideline: it is as translated as the guideline is.
    kind = kinds.get(guidelines.KIND) if parts[0] == CHECKLISTS_FOLDER else kinds.by_url_folder(parts[0])
    if kind is None or kind.in_docs:
        return None
    item = project.items(kind).get(name.stem)
    return kind.translation_report(item, lang) if item is not None else None


def document_for(project: Project, docs_rel: str, lang: str) -> documents.Document | None:
    """The English source document of a translated Markdown page (path relative to docs_dir)."""
    source_key = docs_rel.replace(f".{lang}.md", ".md")
    kind = kinds.match(None, source_key)
    if kind is None:
        return None
    doc: documents.Document | None = project.items(kind).get(source_key if kind.keyed_by_path else Path(source_key).stem)
    return doc


def language_in_text(code: str, lang: str) -> str:
    """The CLDR name of language ``code`` in ``lang`` as used inside a sentence (e.g. ``français``)."""
    return str(cldr.locale(lang).languages.get(code.split("_")[0], cldr.language_name(code, lang)))


# ---------------------------------------------------------------------------------------------
# Stamp
# ---------------------------------------------------------------------------------------------


@dataclass
class StampTarget:
    """A translation file together with the hashes it should record."""

    translation: Translation
    hashes: dict[str, str]


def find_target(project: Project, path: Path) -> StampTarget | None:
    """The translation loaded from ``path`` and its current source hashes, if it is one."""
    wanted = path.resolve()
    for kind in kinds.kinds():
        for item in project.items(kind).values():
            for tr in item.translations.values():
                if tr.source.path.resolve() == wanted:
                    return StampTarget(tr, kind.stamp_hashes(item, tr))
    for lang, tr in project.catalog.files.items():
        if tr.source.path.resolve() == wanted:
            return StampTarget(tr, project.catalog.stamp_hashes(lang))
    # An in-progress translation is not published, but it is what stamping publishes.
    for w in project.withheld.values():
        tr = w.translation
        if tr is None or tr.source.path.resolve() != wanted or w.kind == "ui-strings":
            continue
        spec = kinds.get(w.kind)
        item = project.items(spec).get(w.key) if spec is not None else None
        if spec is not None and item is not None:
            return StampTarget(tr, spec.stamp_hashes(item, tr))
    return None


def is_locale_file(path: Path, project: Project) -> bool:
    """True for ``locales/<lang>.yml`` (their stamp block goes at the end, after the strings)."""
    return path.resolve().parent == (project.root / layout.LOCALES_DIR).resolve()


def translation_block(hashes: dict[str, str], newline: str = "\n") -> str:
    """The YAML text of a ``translation:`` block recording ``hashes`` (keys sorted)."""
    lines = ["translation:", "  source_hashes:"]
    if not hashes:
        lines[-1] += " {}"
    for unit in sorted(hashes):
        key = unit if _HEX.match(unit) and not unit[0].isdigit() else json.dumps(unit, ensure_ascii=False)
        lines.append(f"    {key}: {json.dumps(hashes[unit])}")
    return newline.join(lines) + newline


def progress_block(newline: str = "\n", hashes: dict[str, str] | None = None) -> str:
    """The ``translation:`` block of a translation in progress (not published until stamped).

    ``hashes`` are the stamps of the parts already translated (a page saved in part by an import).
    """
    block = f"translation:{newline}  status: {IN_PROGRESS}{newline}"
    if hashes:
        block += "".join(line + newline for line in translation_block(hashes, newline).splitlines()[1:])
    return block


def mark_in_progress(text: str, markdown: bool, at_end: bool = False, hashes: dict[str, str] | None = None) -> str:
    """The file text with its ``translation:`` block saying it is in progress (see :data:`IN_PROGRESS`)."""
    return _with_block(text, progress_block(_newline(text), hashes), markdown, at_end)


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def replace_yaml_block(text: str, block: str, at_end: bool = False) -> str:
    """Replace the top-level ``translation:`` block of YAML ``text``, or insert ``block`` at the top.

    Only the lines of that block change; everything else is kept byte for byte. A new block goes
    after any leading comments and ``---`` document marker (or at the end with ``at_end``).
    """
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _TOP_KEY.match(line)), None)
    if start is None and at_end:
        sep = "" if not text or text.endswith("\n") else _newline(text)
        return text + sep + block
    if start is None:
        insert = 0
        while insert < len(lines) and (lines[insert].startswith("#") or lines[insert].rstrip("\r\n") == "---"):
            insert += 1
        if insert and not lines[insert - 1].endswith("\n"):
            lines[insert - 1] += _newline(text)
        return "".join(lines[:insert]) + block + "".join(lines[insert:])
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():  # keep blank lines that separate blocks
        end -= 1
    if end == len(lines) and lines and not lines[-1].endswith("\n"):
        block = block.rstrip("\r\n")
    return "".join(lines[:start]) + block + "".join(lines[end:])


def stamp_text(text: str, hashes: dict[str, str], markdown: bool, at_end: bool = False) -> str:
    """The file text with its ``translation: source_hashes:`` block set to ``hashes``."""
    return _with_block(text, translation_block(hashes, _newline(text)), markdown, at_end)


def _with_block(text: str, block: str, markdown: bool, at_end: bool) -> str:
    """``text`` with its ``translation:`` block replaced by ``block`` (in a Markdown file's front matter)."""
    if not markdown:
        return replace_yaml_block(text, block, at_end)
    lines = text.splitlines(keepends=True)
    if lines and lines[0].rstrip("\r\n") == "---":
        for i in range(1, len(lines)):
            if lines[i].rstrip("\r\n") in ("---", "..."):
                return lines[0] + replace_yaml_block("".join(lines[1:i]), block) + "".join(lines[i:])
    return f"---{_newline(text)}{block}---{_newline(text)}" + text


class StampError(Exception):
    """A file that cannot be stamped, with the reason."""


_HASH = re.compile(r"^[0-9a-f]{12}$")


def _block_is_valid(data: dict[str, Any]) -> bool:
    block = data.get("translation")
    if block is None:
        return True
    if not isinstance(block, dict) or set(block) - {"source_hashes", "status"}:
        return False
    if "status" in block and block["status"] not in TRANSLATION_STATUSES:
        return False
    hashes = block.get("source_hashes", {})
    return isinstance(hashes, dict) and all(isinstance(v, str) and _HASH.match(v) for v in hashes.values())


def repair_block(path: Path, root: Path) -> bool:
    """Replace a malformed ``translation:`` block (``translation: TODO``, a hand-edited hash) by an empty one.

    Returns True if the file changed. Only real YAML errors are refused (:class:`StampError`): the
    block is machine-written, so whatever a person left there is not worth keeping.
    """
    rel = relative_path(path, root)
    if not path.is_file():
        raise StampError(f"{rel}: no such file")
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StampError(f"{rel}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    markdown = path.suffix == ".md"
    if markdown:
        parsed, diags = parse_markdown(raw, rel, require_front_matter=False)
        data = parsed.meta.data if parsed is not None else None
    else:
        located, diags = parse_yaml_mapping(raw, rel)
        data = located.data if located is not None else None
    at_end = path.parent.name == layout.LOCALES_DIR
    if not isinstance(data, dict):
        # Only the machine-written block is broken (the rest parses without it): replace the block.
        parsed_ok = (parse_translation_markdown(raw, rel)[0] if markdown else parse_translation_yaml(raw, rel)[0])
        if parsed_ok is None:
            raise StampError(f"{rel}: fix the YAML first:\n" + "\n".join(d.format_text() for d in diags))
        path.write_bytes(stamp_text(raw, {}, markdown, at_end).encode("utf-8"))
        return True
    if _block_is_valid(data):
        return False
    path.write_bytes(stamp_text(raw, {}, markdown, at_end).encode("utf-8"))
    return True


def stamp_file(project: Project, path: Path) -> bool:
    """Stamp one translation file; returns True if it changed. Raises :class:`StampError`."""
    rel = relative_path(path, project.root)
    if not path.is_file():
        raise StampError(f"{rel}: no such file")
    own = [d for d in project.diagnostics if d.path == rel and d.severity is Severity.ERROR]
    if own:
        raise StampError(f"{rel}: fix these errors first:\n" + "\n".join(d.format_text() for d in own))
    target = find_target(project, path)
    if target is None:
        name = layout.split_name(path.name)
        if name is not None and name.lang is None:
            why = "it is an English source, not a translation"
        elif name is None or name.lang not in project.languages:
            why = "it is not a translation file (name.<lang>.yml or name.<lang>.md in a content folder)"
        else:
            why = "its English source is missing or has errors (run `python -m build_tools validate`)"
        raise StampError(f"{rel}: cannot stamp: {why}")
    missing = _missing_parts(project, path, target.translation)
    if missing:
        lang = target.translation.source.lang or ""
        raise StampError(f"{rel}: cannot stamp: it was saved in part by an import and {len(missing)} text(s) are "
                         f"still the English ({', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}); "
                         + finish_hint(lang, rel))
    if target.translation.source_hashes == target.hashes and not target.translation.in_progress:
        return False
    raw = path.read_bytes().decode("utf-8")
    path.write_bytes(stamp_text(raw, target.hashes, path.suffix == ".md", is_locale_file(path, project)).encode("utf-8"))
    return True


def _missing_parts(project: Project, path: Path, tr: Translation) -> list[str]:
    """The texts of a page saved in part (stamps ``page:...``) that are not translated yet."""
    if not tr.in_progress or not any(k.startswith("page:") for k in tr.source_hashes):
        return []
    from build_tools.i18n.units import item_units_for

    item = item_units_for(project, path)
    return [u.context.split("#", 1)[1] for u in item.units if u.state == "missing"] if item else []


def run_stamp(root: Path, files: list[Path]) -> int:
    """CLI: record the current English hashes in each finished translation file.

    Exit code 0 if every file was stamped (or already up to date), 1 if any was refused.
    """
    if not files:
        print("usage: python -m build_tools translations stamp FILE [FILE...]", file=sys.stderr)
        return 2
    paths = [(file if file.is_absolute() else Path.cwd() / file).resolve() for file in files]
    refused = 0
    ok: list[Path] = []
    for path in paths:
        try:
            if repair_block(path, root):
                print(f"repaired the translation block of {relative_path(path, root)}")
            ok.append(path)
        except StampError as exc:
            refused += 1
            print(f"error: {exc}", file=sys.stderr)
    project = load_project(root)
    for path in ok:
        try:
            changed = stamp_file(project, path)
        except StampError as exc:
            refused += 1
            print(f"error: {exc}", file=sys.stderr)
            continue
        print(f"{'stamped' if changed else 'up to date'}: {relative_path(path, root)}")
    return 1 if refused else 0

