"""PO and XLIFF round trip for translation platforms (Weblate, Crowdin, Poedit, Trados, memoQ).

``export`` writes every translatable unit of one language (see :mod:`build_tools.i18n.units`)
with translate-toolkit: the context is the unit's stable path, the source is the English, the
target the current translation, a location points at the English file and line, and an
outdated unit is fuzzy with the English it was translated from (PO ``#| msgid``; an XLIFF note).

``import`` reads a translated PO/XLIFF file back. It checks everything before writing anything:
a unit whose English changed since the export, an unknown context or a translation that drops
Markdown structure (links, emphasis, list items: compared by rendering both with python-markdown)
is refused with the file and line of the PO entry. Files it does not change stay byte for byte;
it stamps exactly the units it imported (all of their texts translated and not fuzzy).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from translate.storage import po, xliff

from build_tools.checks.diagnostics import Severity
from build_tools.checks.reading import relative_path
from build_tools.i18n import cldr, md_blocks, translation_status
from build_tools.i18n.history import History
from build_tools.i18n.units import ItemUnits, Unit, site_units
from build_tools.model.base import numbers_not_in_source
from build_tools.model.project import Project, load_project
from build_tools.model.ui_strings import placeholders

FORMATS = ("po", "xliff")
STATES = ("missing", "outdated", "translated")


def _wanted(unit: Unit, only: set[str] | None) -> bool:
    return only is None or unit.state in only


def build_store(project: Project, lang: str, fmt: str, only: set[str] | None = None,
                hist: History | None = None) -> tuple[po.pofile | xliff.xlifffile, int]:
    """The PO or XLIFF store of ``lang`` and the number of units in it."""
    items = site_units(project, lang, hist)
    count = 0
    store: po.pofile | xliff.xlifffile
    if fmt == "po":
        pstore = po.pofile()
        pstore.updateheader(add=True, Language=lang, Content_Type="text/plain; charset=UTF-8",
                            Project_Id_Version=project.catalog.get("en", "site.name") or "site",
                            X_Generator="python -m build_tools translations export",
                            Last_Translator="", Language_Team=cldr.language_name(lang),
                            PO_Revision_Date=pstore.parseheader().get("POT-Creation-Date", ""))
        store = pstore
    else:
        store = xliff.xlifffile(sourcelanguage=project.config.default_language, targetlanguage=lang)
    for item in items:
        for problem in item.problems:
            print(f"note: {problem}", file=sys.stderr)
        for unit in item.units:
            if not _wanted(unit, only):
                continue
            count += 1
            entry = store.addsourceunit(unit.source)
            if fmt == "po":
                entry.setcontext(unit.context)
            else:
                entry.setid(unit.context)
            if unit.translation:
                entry.target = unit.translation
            entry.addlocation(unit.ref)
            entry.addnote(f"{unit.label} — translation file: {unit.target}", origin="developer")
            if unit.state == "outdated":
                entry.markfuzzy(True)
                if fmt == "xliff" and unit.translation:
                    for node in entry.xmlelement:
                        if str(node.tag).endswith("target"):
                            node.set("state", "needs-review-translation")
                if unit.previous is not None:
                    if fmt == "po":
                        entry.prev_source = unit.previous
                    else:
                        entry.addnote(f"Previous English (when the translation was made): {unit.previous}",
                                      origin="developer")
                else:
                    entry.addnote("The English changed since this was translated; the previous English is not "
                                  "in the git history.", origin="developer")
    return store, count


def run_export(root: Path, langs: list[str] | None, fmt: str, only: str | None, output: Path | None) -> int:
    """CLI: write the PO/XLIFF file of one language (``-o FILE``, or standard output)."""
    project = load_project(root)
    try:
        wanted = translation_status.parse_langs(langs, project)
    except translation_status.LanguageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not wanted or len(wanted) != 1:
        print("error: export one language at a time: --lang fr", file=sys.stderr)
        return 1
    states: set[str] | None = None
    if only:
        states = {s.strip() for s in only.split(",") if s.strip()}
        unknown = states - set(STATES)
        if unknown:
            print(f"error: --only takes {', '.join(STATES)}, not {', '.join(sorted(unknown))}", file=sys.stderr)
            return 1
    store, count = build_store(project, wanted[0], fmt, states)
    data = bytes(store)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        print(f"exported {count} unit(s) for {wanted[0]} to {output}", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One translated entry read from a PO/XLIFF file."""

    context: str
    source: str
    target: str
    fuzzy: bool
    where: str  # "file.po:12" (PO) or "file.xlf: unit <id>" (XLIFF)


def read_entries(path: Path, display: str) -> tuple[str | None, list[Entry]]:
    """The language and the entries of a PO or XLIFF file (chosen by its content)."""
    raw = path.read_bytes()
    if raw.lstrip().startswith(b"<"):
        xstore = xliff.xlifffile.parsestring(raw)
        lang = xstore.gettargetlanguage()
        entries = [Entry(str(u.xmlelement.get("id") or ""), str(u.source or ""), str(u.target or ""), bool(u.isfuzzy()),
                         f"{display}: unit {u.xmlelement.get('id')}") for u in xstore.units if not u.isheader()]
        return lang, entries
    pstore = po.pofile.parsestring(raw)
    header = pstore.parseheader()
    lang = header.get("Language")
    lines = _po_lines(raw.decode("utf-8", errors="replace"))
    out = []
    for u in pstore.units:
        if u.isheader() or u.isobsolete():
            continue
        ctx = str(u.getcontext() or "")
        out.append(Entry(ctx, str(u.source or ""), str(u.target or ""), bool(u.isfuzzy()),
                         f"{display}:{lines.get(ctx, 1)}"))
    return lang, out


def _po_lines(text: str) -> dict[str, int]:
    """The line of each ``msgctxt`` of a PO file, so errors point at the entry."""
    import json

    out: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith('msgctxt "'):
            try:
                out.setdefault(json.loads(line[len("msgctxt "):]), number)
            except ValueError:
                continue
    return out


class ImportError_(Exception):  # noqa: N801 - "ImportError" is a builtin
    """The import was refused; nothing was written."""


def plan_import(project: Project, lang: str, entries: list[Entry], hist: History | None = None,
                ) -> tuple[dict[str, tuple[ItemUnits, dict[str, str], set[str]]], list[str], list[str]]:
    """Check every entry; return what to write per file (item, values, units to stamp), errors and warnings."""
    items = site_units(project, lang, hist)
    by_context: dict[str, tuple[ItemUnits, Unit]] = {u.context: (item, u) for item in items for u in item.units}
    errors: list[str] = []
    warnings: list[str] = []
    plan: dict[str, tuple[ItemUnits, dict[str, str], set[str]]] = {}
    given: dict[str, dict[str, Entry]] = defaultdict(dict)
    for entry in entries:
        found = by_context.get(entry.context)
        if found is None:
            errors.append(f"{entry.where}: unknown context '{entry.context}' (the English item or field no longer "
                          "exists; export again)")
            continue
        item, unit = found
        if entry.source != unit.source:
            errors.append(f"{entry.where}: the English of '{entry.context}' changed since this file was exported "
                          f"(see {unit.ref}); export again and translate the new text")
            continue
        given[item.target][entry.context] = entry
        target = entry.target
        if not target.strip() or target == unit.translation:
            continue
        if item.locale and placeholders(unit.source) != placeholders(target):
            errors.append(f"{entry.where}: '{entry.context}': keep exactly the placeholders of the English "
                          f"({', '.join(sorted(placeholders(unit.source))) or 'none'})")
            continue
        problem = None if item.locale else md_blocks.structure_problem(unit.source, target)
        if problem:
            errors.append(f"{entry.where}: '{entry.context}': {problem}")
            continue
        extra = numbers_not_in_source(unit.source, target)
        if extra:
            warnings.append(f"{entry.where}: W156 '{entry.context}': {', '.join(extra)} is not in the English text")
        plan.setdefault(item.target, (item, {}, set()))[1][entry.context] = target
    # Stamp a unit when every one of its texts came back translated and not fuzzy.
    for target, (item, _values, stamps) in plan.items():
        entries_here = given[target]
        by_stamp: dict[str, list[Unit]] = defaultdict(list)
        for unit in item.units:
            by_stamp[unit.stamp].append(unit)
        for stamp, units in by_stamp.items():
            if not any(u.context in _values for u in units):
                continue
            if all(u.context in entries_here and entries_here[u.context].target.strip()
                   and not entries_here[u.context].fuzzy for u in units):
                stamps.add(stamp)
    return plan, errors, warnings


def apply_plan(project: Project, plan: dict[str, tuple[ItemUnits, dict[str, str], set[str]]]) -> list[str]:
    """Write the planned texts (all files computed first, then written); returns the files written."""
    new_texts: dict[Path, str] = {}
    for target, (item, values, _stamps) in plan.items():
        path = project.root / target
        text = path.read_bytes().decode("utf-8") if path.exists() else ""
        new_texts[path] = item.write(text, values)
    for path, text in new_texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return sorted(relative_path(p, project.root) for p in new_texts)


def stamp_units(root: Path, plan: dict[str, tuple[ItemUnits, dict[str, str], set[str]]]) -> None:
    """Record the current English hash of exactly the imported units in each written file."""
    project = load_project(root)
    for target, (_item, _values, stamps) in plan.items():
        if not stamps:
            continue
        path = root / target
        found = translation_status.find_target(project, path)
        if found is None:
            continue
        hashes = dict(found.translation.source_hashes)
        hashes.update({u: h for u, h in found.hashes.items() if u in stamps})
        if hashes == found.translation.source_hashes:
            continue
        raw = path.read_bytes().decode("utf-8")
        path.write_bytes(translation_status.stamp_text(raw, hashes, path.suffix == ".md",
                                                       translation_status.is_locale_file(path, project)).encode("utf-8"))


def run_import(root: Path, file: Path) -> int:
    """CLI: write the translations of a PO/XLIFF file into the site's translation files."""
    path = (file if file.is_absolute() else Path.cwd() / file).resolve()
    display = str(file)
    if not path.is_file():
        print(f"error: {display}: no such file", file=sys.stderr)
        return 1
    project = load_project(root)
    try:
        lang, entries = read_entries(path, display)
    except Exception as exc:  # noqa: BLE001 - translate-toolkit raises many types for a malformed file
        print(f"error: {display}: not a readable PO or XLIFF file ({exc})", file=sys.stderr)
        return 1
    try:
        wanted = translation_status.parse_langs([lang or ""], project) if lang else None
    except translation_status.LanguageError as exc:
        print(f"error: {display}: {exc}", file=sys.stderr)
        return 1
    if not wanted:
        print(f"error: {display}: the file does not say its language (PO header 'Language', XLIFF target-language)",
              file=sys.stderr)
        return 1
    plan, errors, warnings = plan_import(project, wanted[0], entries)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if errors:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"nothing was written: {len(errors)} problem(s)", file=sys.stderr)
        return 1
    try:
        written = apply_plan(project, plan)
    except ValueError as exc:
        print(f"error: {exc}\nnothing was written", file=sys.stderr)
        return 1
    stamp_units(root, plan)
    after = load_project(root)
    broken = [d for d in after.diagnostics if d.severity is Severity.ERROR and d.path in written]
    for d in broken:
        print(f"error: {d.format_text()}", file=sys.stderr)
    for rel in written:
        print(f"imported: {rel}")
    if not written:
        print("nothing to import: every translation in the file is already in the site")
    return 1 if broken else 0
