"""PO and XLIFF import: write a platform's translations back, and never the wrong text.

The import trusts nothing in the file it reads. Before anything is written it proves, per unit:

- **the language**: the file's header (PO ``Language``, XLIFF ``target-language``; codes as tools
  write them, ``fr_FR``, ``zh-Hans``) and each unit's export mark (see
  :mod:`build_tools.i18n.catalog_export`) must name the same site language, and ``--lang`` when
  given. A mismatch writes nothing.
- **the English**: a unit whose English changed since the export is refused (export again).
- **no newer work is reverted**: a unit whose translation changed in git since the export is a
  *conflict* when the file changed it too: git's text is kept, both places are reported
  (``file.po:LINE`` and ``translation-file:LINE``), the rest is written.
- **only finished text**: fuzzy entries (PO ``#, fuzzy``; XLIFF ``new``/``needs-*`` states) are
  never imported.
- **everything the build checks**: each file's new text is loaded with the build's own loader
  (YAML, schema, raw HTML, ``javascript:`` links, placeholders) before anything is written.
- **whole pages**: a page is published only with its whole text; part of a page's text is saved
  *in progress* (each translated text stamped on its own, not published: readers keep the English
  with the notice) and the import says so; a published translation is never made incomplete.

Stamps record review: a principle, field or page is stamped when each of its texts came back
translated and not fuzzy, or was confirmed unchanged by a reviewer (PO: fuzzy mark cleared;
XLIFF: ``state="final"``/``signed-off`` or ``approved="yes"``); a text that still needs work
keeps its group unstamped.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from lxml import etree
from translate.storage import po

from build_tools.checks import md_links
from build_tools.checks.diagnostics import Severity
from build_tools.i18n import md_blocks, translation_status
from build_tools.i18n.catalog_export import (
    InlineError,
    from_xliff_inline,
    gettext_plurals,
    is_markdown_unit,
    is_plural_form,
    parse_mark,
    parse_plural_forms,
    plural_index_categories,
    segment,
    site_language,
    source_codes,
    text_hash,
)
from build_tools.i18n.history import History
from build_tools.i18n.units import ItemUnits, Unit, part_stamp, site_units
from build_tools.model import kinds, layout
from build_tools.model.base import SourceFile, numbers_not_in_source
from build_tools.model.hashing import unit_hash
from build_tools.model.project import Project, load_project
from build_tools.model.ui_strings import placeholders

FUZZY_SHOWN = 5  # fuzzy entries named one by one in the note (then a count)
_REVIEWED_STATES = ("final", "signed-off")
_OPEN_STATES = ("new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
                "needs-review-adaptation", "needs-review-l10n")


@dataclass
class Entry:
    """One entry read from a PO/XLIFF file.

    ``target`` is Markdown (XLIFF inline codes restored); ``fuzzy`` means "not finished" (never
    imported); ``reviewed`` means a reviewer confirmed it (PO: not fuzzy; XLIFF: final, signed-off
    or approved); ``mark`` is the export mark's note text.
    """

    context: str
    source: str
    target: str
    fuzzy: bool
    reviewed: bool
    where: str  # "file.po:12" or "file.xlf:34"
    mark: str = ""
    state: str = ""
    element: object = None  # the XLIFF <target>, converted once the English is known
    # A PO msgid_plural entry: msgid_plural and the msgstr[i] forms, expanded per CLDR form on import.
    plural: tuple[str, list[str]] | None = None


@dataclass
class CatalogFile:
    """A PO/XLIFF file read back: its declared language and its entries."""

    display: str
    fmt: str
    lang: str | None
    entries: list[Entry]
    plural_forms: str = ""  # the PO Plural-Forms header
    lang_line: int = 1  # the line that says the language (PO ``Language:``, XLIFF ``target-language``)
    plural_line: int = 1  # the line of the PO ``Plural-Forms:`` header

    @property
    def lang_where(self) -> str:
        """``file:line`` of the language the file declares."""
        return f"{self.display}:{self.lang_line}"


class ReadError(ValueError):
    """A file that is not a readable PO or XLIFF file: the reason, and the line where it was found."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = max(1, line)


_PO_ERROR = re.compile(r"^(?P<what>.*?)\s+on line (?P<line>\d+)(?::\s*(?P<text>.*))?$", re.DOTALL)
_XML_POSITION = re.compile(r",\s*line \d+, column \d+$|\s*\(<string>, line \d+\)$")


def _po_error(exc: Exception) -> ReadError:
    """translate-toolkit's ``… on line 4: 'msgstr "c"\\n'`` as a message and its line."""
    text = str(exc).strip()
    found = _PO_ERROR.match(text)
    if found is None:
        return ReadError(f"not a readable PO file: {text or type(exc).__name__}")
    shown = (found.group("text") or "").strip().strip("'\"").replace("\\n", "").strip()
    return ReadError(f"not a readable PO file: {found.group('what')}" + (f" at: {shown[:80]}" if shown else ""),
                     int(found.group("line")))


def _xml_error(exc: etree.XMLSyntaxError) -> ReadError:
    """lxml's error without Python's ``(<string>, line N)``: the message and its line."""
    message = str(exc.msg or exc)
    while _XML_POSITION.search(message):
        message = _XML_POSITION.sub("", message)
    line, column = exc.position if exc.position else (exc.lineno or 1, 0)
    return ReadError(f"not a readable XLIFF file: {message}" + (f" (column {column})" if column else ""), line or 1)


def _undecodable(raw: bytes, exc: UnicodeDecodeError) -> ReadError:
    try:
        raw.decode("utf-8")  # the offset in the whole file (the parser's may be in a part of it)
    except UnicodeDecodeError as whole:
        exc = whole
    line = raw.count(b"\n", 0, exc.start) + 1
    return ReadError(f"not UTF-8 text ({exc.reason} at byte {exc.start}): save the file as UTF-8", line)


def _po_lines(text: str) -> dict[str, int]:
    """The line of each ``msgctxt`` of a PO file, so messages point at the entry."""
    out: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith('msgctxt "'):
            try:
                out.setdefault(json.loads(line[len("msgctxt "):]), number)
            except ValueError:
                continue
    return out


def _header_line(text: str, field_name: str) -> int:
    """The line of the PO header field ``field_name`` (``"Language: fr\\n"``), or 1."""
    wanted = re.compile(rf'^\s*(msgstr\s+)?"{re.escape(field_name)}\s*:', re.IGNORECASE)
    return next((n for n, line in enumerate(text.splitlines(), start=1) if wanted.match(line)), 1)


def read_file(path: Path, display: str) -> CatalogFile:
    """Read a PO or XLIFF file (chosen by its content). Raises :class:`ReadError`."""
    raw = path.read_bytes()
    if raw.lstrip().startswith(b"<"):
        return _read_xliff(raw, display)
    try:
        store = po.pofile.parsestring(raw)
    except UnicodeDecodeError as exc:
        raise _undecodable(raw, exc) from exc
    except Exception as exc:  # noqa: BLE001 - translate-toolkit raises many types for a malformed file
        raise _po_error(exc) from exc
    lang = store.parseheader().get("Language") or None
    decoded = raw.decode("utf-8", errors="replace")
    lines = _po_lines(decoded)
    entries = []
    for u in store.units:
        if u.isheader() or u.isobsolete():
            continue
        ctx = str(u.getcontext() or "")
        fuzzy = bool(u.isfuzzy())
        plural = None
        if u.hasplural():
            sources = [str(x) for x in u.source.strings]
            targets = [str(x) for x in u.target.strings] if u.target else []
            plural = (sources[1] if len(sources) > 1 else sources[0], targets)
        entries.append(Entry(ctx, str(u.source or ""), str(u.target or ""), fuzzy, not fuzzy,
                             f"{display}:{lines.get(ctx, 1)}", u.getnotes("developer") or "", plural=plural))
    return CatalogFile(display, "po", lang, entries, store.parseheader().get("Plural-Forms") or "",
                       _header_line(decoded, "Language"), _header_line(decoded, "Plural-Forms"))


def _read_xliff(raw: bytes, display: str) -> CatalogFile:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise _xml_error(exc) from exc
    ns = etree.QName(root).namespace or ""
    if etree.QName(root).localname != "xliff" or not ns.startswith("urn:oasis:names:tc:xliff:document:"):
        raise ReadError("not an XLIFF document (the root element is not <xliff> in the XLIFF namespace)",
                        int(root.sourceline or 1))
    x = f"{{{ns}}}"
    file_elements = list(root.iter(x + "file"))
    langs = {f.get("target-language") for f in file_elements}
    if len(langs) > 1:
        other = next(f for f in file_elements if f.get("target-language") != file_elements[0].get("target-language"))
        raise ReadError(f"its <file> elements name several target languages ({', '.join(sorted(map(str, langs)))}): "
                        f"this one says {other.get('target-language')!r}, the first one "
                        f"{file_elements[0].get('target-language')!r}", int(other.sourceline or 1))
    lang = langs.pop() if langs else None
    lang_line = int(file_elements[0].sourceline or 1) if file_elements else 1
    entries = []
    for tu in root.iter(x + "trans-unit"):
        ctx = str(tu.get("id") or "")
        source = tu.find(x + "source")
        target = tu.find(x + "target")
        state = str(target.get("state") or "") if target is not None else ""
        approved = tu.get("approved") == "yes"
        fuzzy = target is None or state in _OPEN_STATES or (state.startswith("x-") and not approved)
        reviewed = not fuzzy and (approved or state in _REVIEWED_STATES)
        mark = " ".join(n.text or "" for n in tu.findall(x + "note") if n.get("from") == "ssa-export")
        entry = Entry(ctx, "", "", fuzzy, reviewed, f"{display}:{tu.sourceline}", mark, state or "(none)",
                      (source, target))
        entries.append(entry)
    return CatalogFile(display, "xliff", lang, entries, lang_line=lang_line)


def _resolve_xliff_text(entry: Entry, english: str) -> str | None:
    """Fill an XLIFF entry's source and target as Markdown; returns a problem, or None."""
    if not isinstance(entry.element, tuple):
        return None
    source, target = entry.element
    codes = source_codes(english)
    try:
        entry.source = from_xliff_inline(source, codes) if source is not None else ""
        entry.target = from_xliff_inline(target, codes) if target is not None else ""
    except InlineError as exc:
        return str(exc)
    finally:
        entry.element = None
    return None


# ---------------------------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------------------------


@dataclass
class FilePlan:
    """What the import does to one translation file."""

    item: ItemUnits
    values: dict[str, str] = field(default_factory=dict)  # context -> new text
    reviewed: set[str] = field(default_factory=set)  # contexts confirmed unchanged by a reviewer
    stamps: set[str] = field(default_factory=set)
    unstamped: dict[str, str] = field(default_factory=dict)  # stamp unit -> why not
    withheld: str = ""  # why the file is not written
    partial: str = ""  # why the page is saved in progress (part of its text), not published
    parts: dict[str, str] = field(default_factory=dict)  # a page saved in part: the stamp of each translated text
    wheres: dict[str, str] = field(default_factory=dict)  # context -> file:line of its entry in the imported file

    @property
    def where(self) -> str:
        """``file:line`` of the first entry of the imported file that is about this translation file."""
        return next(iter(self.wheres.values()), "")

    def where_of_line(self, text: str, line: int) -> str:
        """The entry whose text starts nearest above ``line`` of the new file ``text`` (else :attr:`where`)."""
        best = (0, self.where)
        for ctx, value in self.values.items():
            head = value.strip().split("\n", 1)[0][:20]
            index = text.find(head) if head else -1
            start = text.count("\n", 0, index) + 1 if index >= 0 else 0
            if best[0] < start <= line and ctx in self.wheres:
                best = (start, self.wheres[ctx])
        return best[1]


@dataclass
class Plan:
    """The checked result of reading every file: per translation file, and what to tell the user."""

    files: dict[str, FilePlan] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fuzzy_at: list[str] = field(default_factory=list)  # file:line of each fuzzy entry skipped (once per entry)

    @property
    def fuzzy(self) -> int:
        """Number of fuzzy or unfinished entries that were not imported."""
        return len(self.fuzzy_at)


def _target_line(project: Project, item: ItemUnits, context: str) -> int:
    """The line of ``context``'s text in the translation file (found by writing a marker there)."""
    path = project.root / item.target
    if not path.exists():
        return 1
    text = path.read_bytes().decode("utf-8", errors="replace")
    marker = "SSAIMPORTLINEMARKER"
    try:
        edited = item.write(text, {context: marker})
    except Exception:  # noqa: BLE001 - a writer that cannot place it: point at the file
        return 1
    index = edited.find(marker)
    return edited.count("\n", 0, index) + 1 if index >= 0 else 1




def _looks_like_prose(text: str) -> bool:
    """True unless ``text`` is a name, code or number (one word, no lower-case words)."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    return len(words) >= 2 and any(w.islower() for w in words)


def plan_import(project: Project, lang: str, files: list[CatalogFile], hist: History | None = None) -> Plan:
    """Check every entry of ``files`` (all for ``lang``) and work out what to write and stamp."""
    items = site_units(project, lang, hist)
    by_context: dict[str, tuple[ItemUnits, Unit]] = {u.context: (item, u) for item in items for u in item.units}
    plan = Plan()
    seen: dict[str, Entry] = {}
    given: dict[str, dict[str, Entry]] = defaultdict(dict)
    for cat in files:
        for entry in _expand_plurals(cat, lang, plan):
            _plan_entry(project, lang, entry, by_context, plan, seen, given)
    for target, fplan in plan.files.items():
        _plan_stamps(fplan, given[target])
        _check_whole_page(fplan, (project.root / target).exists())
    return plan


def _expand_plurals(cat: CatalogFile, lang: str, plan: Plan) -> list[Entry]:
    """The file's entries, each PO ``msgid_plural`` entry replaced by one entry per CLDR form.

    ``msgstr[i]`` is matched to its CLDR category through the file's own ``Plural-Forms`` (a
    platform may write the forms in another order than the export did); a header that does not
    match the CLDR rules of the language imports none of its plural entries.
    """
    out: list[Entry] = []
    categories: tuple[str, ...] | None = None
    problem = ""
    if any(e.plural is not None for e in cat.entries):
        parsed = parse_plural_forms(cat.plural_forms)
        categories = plural_index_categories(lang, *parsed) if parsed else None
        if categories is None:
            problem = (f"{cat.display}:{cat.plural_line}: the Plural-Forms header ({cat.plural_forms or 'missing'}) "
                       f"does not match the CLDR plural rules of {lang} (expected: {gettext_plurals(lang).header}); "
                       "no plural entry is imported from this file")
            plan.errors.append(problem)
    for entry in cat.entries:
        if entry.plural is None:
            out.append(entry)
            continue
        if categories is None:
            continue
        english_other, targets = entry.plural
        filled = [t for t in targets if t.strip()]
        if filled and (len(targets) != len(categories) or len(filled) != len(targets)):
            # A form missing, added or left empty would be published, or stamped as done, in place of the
            # translator's: refuse the file (all or nothing), naming what the language needs.
            forms = ", ".join(f"msgstr[{i}] {c}" for i, c in enumerate(categories))
            plan.errors.append(f"{entry.where}: '{entry.context}' gives {len(filled)} filled plural form(s) of "
                               f"{len(targets)}; {lang} needs all {len(categories)}: {forms}")
            continue
        for index, category in enumerate(categories):
            text = targets[index] if index < len(targets) else ""
            out.append(Entry(f"{entry.context}.{category}", entry.source if category == "one" else english_other,
                             text, entry.fuzzy, entry.reviewed, entry.where, entry.mark))
    return out


def _plan_entry(project: Project, lang: str, entry: Entry, by_context: dict[str, tuple[ItemUnits, Unit]],
                plan: Plan, seen: dict[str, Entry], given: dict[str, dict[str, Entry]]) -> None:
    found = by_context.get(entry.context)
    if found is None:
        plan.errors.append(f"{entry.where}: unknown context '{entry.context}' (the English item or field no longer "
                           "exists; export again)")
        return
    item, unit = found
    md = is_markdown_unit(unit)
    problem = _resolve_xliff_text(entry, segment(unit.source, md))
    mark = parse_mark(entry.mark, entry.context)
    if mark is None:
        plan.errors.append(f"{entry.where}: '{entry.context}' has no export mark (ssa-export): this file was not "
                           "made by `translations export` or its notes were removed; export again")
        return
    if not mark.valid:
        plan.errors.append(f"{entry.where}: the export mark of '{entry.context}' was edited; export again")
        return
    if mark.lang != lang:
        plan.errors.append(f"{entry.where}: '{entry.context}' was exported for '{mark.lang}', not '{lang}': "
                           "the file was relabelled; nothing is imported from it")
        return
    if problem:
        plan.errors.append(f"{entry.where}: '{entry.context}': {problem} (keep the inline codes of the source; "
                           f"if the English changed since the export, see {unit.ref} and export again)")
        return
    if segment(entry.source, md) != segment(unit.source, md):
        plan.errors.append(f"{entry.where}: the English of '{entry.context}' changed since this file was exported "
                           f"(see {unit.ref}); export again and translate the new text")
        return
    fplan = plan.files.setdefault(item.target, FilePlan(item))
    fplan.wheres.setdefault(entry.context, entry.where)
    target = segment(entry.target, md)
    current = segment(unit.translation, md)
    if target.strip() and target != current and not entry.fuzzy:
        # Two files (or two entries) that both change one text: which one is right is not for the import to guess.
        previous = seen.get(entry.context)
        if previous is not None and segment(previous.target, md) != target:
            plan.errors.append(f"{entry.where}: '{entry.context}' has another translation in {previous.where}; "
                               "import one of the two")
            return
        seen[entry.context] = entry
    if entry.context not in given[item.target] or target != current:
        given[item.target][entry.context] = entry
    if not target.strip():
        return
    if entry.fuzzy:
        if target != current and entry.where not in plan.fuzzy_at:
            plan.fuzzy_at.append(entry.where)
        return
    if target == current:
        if unit.state == "outdated":
            if entry.reviewed:
                fplan.reviewed.add(entry.context)
            else:
                fplan.unstamped.setdefault(unit.stamp, f"{entry.where}: unchanged with state=\"{entry.state}\" "
                                           "(a review is final, signed-off or approved=\"yes\")")
        return
    if text_hash(current) != mark.base:
        # The translation changed in git since the export.
        if text_hash(target) == mark.base:
            plan.notes.append(f"{entry.where}: '{entry.context}' changed in git since the export and not in "
                              "this file: the text in git is kept")
            return
        line = _target_line(project, item, entry.context)
        plan.conflicts.append(f"{entry.where}: '{entry.context}' changed both in git ({item.target}:{line}) and in "
                              "this file since the export: the text in git is kept")
        fplan.unstamped[unit.stamp] = "a conflict"
        return
    wanted, got = placeholders(unit.source), placeholders(target)
    # A plural form may leave the number out ("une année", Arabic dual "سنتان"), as the build allows.
    if not md and wanted != got and not (is_plural_form(unit) and got <= wanted):
        plan.errors.append(f"{entry.where}: '{entry.context}': keep exactly the placeholders of the English "
                           f"({', '.join(sorted(placeholders(unit.source))) or 'none'})")
        return
    problem = md_blocks.structure_problem(unit.source, target) if md else None
    if problem:
        plan.errors.append(f"{entry.where}: '{entry.context}': {problem}")
        return
    moved, elsewhere = _link_changes(unit.source, target)
    if moved:
        plan.errors.append(f"{entry.where}: '{entry.context}': a link leads elsewhere than in the English "
                           f"({moved}); a link leads to the same page in every language (the site shows it in the "
                           "reader's language): keep the link target of the English")
        return
    if elsewhere:
        plan.warnings.append(f"{entry.where}: '{entry.context}': an external link differs from the English "
                             f"({elsewhere}): imported; check that it is the same resource in your language")
    extra = numbers_not_in_source(unit.source, target)
    if extra:
        plan.warnings.append(f"{entry.where}: W156 '{entry.context}': {', '.join(extra)} is not in the English text")
    if target == segment(unit.source, md) and _looks_like_prose(target):
        plan.warnings.append(f"{entry.where}: '{entry.context}' is identical to the English ({unit.ref}); "
                             "imported, but check that it is translated")
    fplan.values[entry.context] = target


def _link_changes(source: str, target: str) -> tuple[str, str]:
    """How the link targets of a translation differ from the English: (internal, external), "" if not.

    Code is not read (markdown-it tokens), so a link shown in a code span is not a link.
    """
    def targets(text: str) -> list[str]:
        return sorted(link.target for link in md_links.parse(text, front_matter=False).links if link.target)

    def change(wanted: list[str], got: list[str]) -> str:
        if wanted == got:
            return ""
        gone = [t for t in wanted if t not in got] or wanted
        new = [t for t in got if t not in wanted] or got
        return f"{', '.join(gone) or 'no link'} -> {', '.join(new) or 'no link'}"

    english, translated = targets(source), targets(target)
    external = md_links.is_external
    if [t for t in english if not external(t)] != [t for t in translated if not external(t)]:
        return change(english, translated), ""  # e.g. "status/index.md -> javascript:alert(1)"
    return "", change([t for t in english if external(t)], [t for t in translated if external(t)])


def _plan_stamps(fplan: FilePlan, entries: dict[str, Entry]) -> None:
    """Stamp a group when each of its texts is translated now: imported, reviewed, or already up to date."""
    groups: dict[str, list[Unit]] = defaultdict(list)
    for unit in fplan.item.units:
        groups[unit.stamp].append(unit)
    for stamp, units in groups.items():
        touched = [u for u in units if u.context in fplan.values or u.context in fplan.reviewed]
        if not touched or stamp in fplan.unstamped:
            continue
        waiting = []
        for u in units:
            entry = entries.get(u.context)
            if u.context in fplan.values or u.context in fplan.reviewed:
                continue
            if u.state == "translated" and not (entry is not None and entry.fuzzy):
                continue
            waiting.append(u)
        if waiting:
            u = waiting[0]
            why = "not translated" if not u.translation else "still fuzzy or needs review"
            fplan.unstamped[stamp] = f"{len(waiting)} text(s) {why}, e.g. {u.context.split('#', 1)[1]}"
        else:
            fplan.stamps.add(stamp)


def _check_whole_page(fplan: FilePlan, exists: bool) -> None:
    """A page is published only with its whole text: every block translated (now or already).

    With part of its text, a page that is not published yet (no translation file, or one in
    progress) is saved **in progress**: the translated texts are written, each with a stamp of its
    own (the hash of its English), the English stands in for the others, and the file says
    ``status: in-progress``, so readers keep the English page with the notice until every block is
    there. The page itself is never stamped while a text is missing. A published translation is
    never turned back into one in progress: the import leaves it as it is and says why.
    """
    item = fplan.item
    if not item.markdown or not fplan.values:
        return
    body = [u for u in item.units if "#body/" in u.context]
    empty = [u for u in body if not (fplan.values.get(u.context) or u.translation)]
    if not empty:
        return
    count = (f"{len(body) - len(empty)} of {len(body)} blocks translated, missing: "
             f"{', '.join(u.context.split('#', 1)[1] for u in empty[:5])}{' ...' if len(empty) > 5 else ''}")
    fplan.stamps.discard("page")
    if item.published or (exists and not item.in_progress):
        fplan.withheld = (f"the page text would be incomplete ({count}); the published translation is left as it "
                          "is: import again with every block")
        fplan.stamps.clear()
        return
    fplan.partial = (f"{count}; saved in progress (translations: status in-progress): readers keep the English "
                     "page with the notice until every block is translated, then import again")
    fplan.unstamped.setdefault("page", f"{len(empty)} block(s) of the page text not translated yet")
    fplan.parts = {part_stamp(u.context): unit_hash(u.source) for u in item.units
                   if u.context in fplan.values or u.context in fplan.reviewed or u.state == "translated"}


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def _rewrap(english: str, text: str) -> str:
    """``text`` wrapped like the English block (if the English was hard-wrapped), rendering the same."""
    lines = english.split("\n")
    if len(lines) < 2 or "\n" in text:
        return text
    width = max(len(line) for line in lines)
    wrapped = textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)
    # A wrapped line must not start like a Markdown block (list item, heading, quote, table, code).
    fixed: list[str] = []
    for line in wrapped:
        if fixed and re.match(r"^([-+*>#|=`~]|\d+[.)])(\s|$)", line):
            fixed[-1] += " " + line
        else:
            fixed.append(line)
    candidate = "\n".join(fixed)
    def html(md: str) -> str:
        return re.sub(r"\s+", " ", markdown.markdown(md))

    same = html(candidate) == html(text)
    return candidate if same else text


def render_files(project: Project, plan: Plan) -> dict[str, str]:
    """The new text of every file the import writes (nothing is written here). Raises ValueError."""
    out: dict[str, str] = {}
    for target, fplan in plan.files.items():
        if fplan.withheld or not fplan.values:
            continue
        item = fplan.item
        values = dict(fplan.values)
        if item.markdown:
            english = {u.context: u.source for u in item.units}
            values = {ctx: (_rewrap(english[ctx], v) if "#body/" in ctx else v) for ctx, v in values.items()}
        if fplan.partial:
            # The English stands in for the blocks not translated yet (unstamped: they count as missing).
            values.update({u.context: u.source for u in item.units
                           if "#body/" in u.context and u.context not in values and not u.translation})
        path = project.root / target
        text = path.read_bytes().decode("utf-8") if path.exists() else ""
        try:
            out[target] = item.write(text, values)
        except ValueError as exc:
            raise ValueError(f"{fplan.where}: {exc}") from exc
        if fplan.partial:
            out[target] = translation_status.mark_in_progress(out[target], True, hashes=fplan.parts)
    return out


def _owner(project: Project, item: ItemUnits) -> tuple[kinds.ContentKind, object] | None:
    english = item.units[0].context.split("#", 1)[0] if item.units else ""
    for kind in kinds.kinds():
        for obj in project.items(kind).values():
            src = getattr(obj, "source", None)
            if src is not None and getattr(src, "rel", None) == english:
                return kind, obj
    return None


def check_files(project: Project, plan: Plan, texts: dict[str, str], lang: str) -> list[str]:
    """Load each new file text with the build's own loader; the errors it would report (nothing written)."""
    from build_tools.checks import schema_check
    from build_tools.checks.markdown_safety import scan_tree
    from build_tools.checks.reading import parse_yaml_mapping

    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ssa-import-") as tmp:
        for rel, text in texts.items():
            item = plan.files[rel].item
            probe = Path(tmp) / Path(rel).name
            probe.write_bytes(text.encode("utf-8"))
            if item.locale:
                located, diags = parse_yaml_mapping(text, rel)
                if located is not None:
                    diags += schema_check.check("locale", located, rel)
                    diags += scan_tree(located.data, rel, located.pos)
            else:
                owner = _owner(project, item)
                if owner is None:
                    continue
                kind, obj = owner
                name = layout.split_name(probe.name)
                src = SourceFile(probe, rel, name.stem if name else probe.stem, lang)
                _tr, diags = kind.load_translation(src, obj)
            # The translator's entry first, then where the build would report it.
            errors += [f"{plan.files[rel].where_of_line(text, d.line)}: {d.format_text()}" for d in diags
                       if d.severity is Severity.ERROR]
    return errors


def apply(project: Project, plan: Plan, texts: dict[str, str]) -> list[str]:
    """Write the new texts, then stamp exactly the planned units; returns the files written."""
    for rel, text in texts.items():
        path = project.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    stamping = {rel: f.stamps for rel, f in plan.files.items() if f.stamps and not f.withheld}
    if stamping:
        after = load_project(project.root)
        for rel, stamps in stamping.items():
            path = project.root / rel
            found = translation_status.find_target(after, path)
            if found is None:
                continue
            hashes = dict(found.translation.source_hashes)
            hashes.update({u: h for u, h in found.hashes.items() if u in stamps})
            # A page stamped whole no longer needs the stamps of its parts (saved in progress before).
            hashes = {u: h for u, h in hashes.items() if not any(u.startswith(f"{s}:") for s in stamps)}
            if hashes == found.translation.source_hashes:
                continue
            raw = path.read_bytes().decode("utf-8")
            path.write_bytes(translation_status.stamp_text(
                raw, hashes, path.suffix == ".md", translation_status.is_locale_file(path, after)).encode("utf-8"))
            if rel not in texts:
                texts[rel] = raw
    return sorted(texts)


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------


def _language_of(cat: CatalogFile, project: Project, wanted: str | None) -> tuple[str | None, str | None]:
    """(site language, error) of a file: its header, checked against ``--lang``."""
    if not cat.lang:
        return None, (f"{cat.lang_where}: the file does not say its language (PO header 'Language', XLIFF "
                      "target-language)")
    lang = site_language(cat.lang, project)
    if lang is None or lang == project.config.default_language:
        others = ", ".join(c for c in project.languages if c != project.config.default_language)
        return None, f"{cat.lang_where}: '{cat.lang}' is not a translation language of the site ({others})"
    if wanted is not None and lang != wanted:
        return None, f"{cat.lang_where}: the file is for '{cat.lang}' ({lang}), not --lang {wanted}"
    return lang, None


def relabelled(cat: CatalogFile, lang: str) -> str | None:
    """One error at the file's language line when its entries were exported for another language.

    Every entry carries the language it was exported for (its export mark): a file whose header
    was edited to say ``lang`` (a French export relabelled German) is refused here, once, at the
    header, not once per entry; then nothing of it is planned (no per-entry flood, and no plural
    header check against a language the file is not in).
    """
    exported: dict[str, int] = defaultdict(int)
    first: dict[str, str] = {}
    for entry in cat.entries:
        mark = parse_mark(entry.mark, entry.context)  # (a plural entry's marks are per form: valid or not)
        if mark is not None and mark.lang != lang:
            exported[mark.lang] += 1
            first.setdefault(mark.lang, entry.where)
    if not exported:
        return None
    what = "Language header" if cat.fmt == "po" else "target-language"
    said = "; ".join(f"{n} of its {len(cat.entries)} entries were exported for '{code}' (first: {first[code]})"
                     for code, n in sorted(exported.items(), key=lambda kv: -kv[1]))
    declared = f"'{cat.lang}'" + (f" ({lang})" if cat.lang != lang else "")
    return (f"{cat.lang_where}: the {what} says {declared}, but {said}: the file was relabelled. "
            "Nothing is imported from it: import the file as it was exported (with its own language), or "
            f"export --lang {lang} to translate into {lang}")


def _display(path: Path, root: Path) -> str:
    """How messages name the translator's file: relative to the repository, else to the current folder."""
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, Path.cwd())).as_posix()


def run_import(root: Path, files: list[Path], lang: str | None = None) -> int:
    """CLI: check PO/XLIFF files completely, then write their translations (or nothing, saying why)."""
    project = load_project(root)
    wanted = None
    if lang:
        wanted = site_language(lang, project)
        if wanted is None or wanted == project.config.default_language:
            print(f"error: --lang {lang} is not a translation language of the site", file=sys.stderr)
            return 1
    cats: list[CatalogFile] = []
    errors: list[str] = []
    for file in files:
        path = (file if file.is_absolute() else Path.cwd() / file).resolve()
        if not path.is_file():
            errors.append(f"{_display(path, root)}: no such file")
            continue
        display = _display(path, root)
        try:
            cats.append(read_file(path, display))
        except ReadError as exc:
            errors.append(f"{display}:{exc.line}: {exc}")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"{display}:1: not a readable PO or XLIFF file ({exc})")
    by_lang: dict[str, list[CatalogFile]] = defaultdict(list)
    for cat in cats:
        found, problem = _language_of(cat, project, wanted)
        problem = problem or (relabelled(cat, found) if found else None)
        if problem:
            errors.append(problem)
        elif found:
            by_lang[found].append(cat)
    if errors:
        return _refuse(errors)
    hist = History(project.root)
    plans = {code: plan_import(project, code, group, hist) for code, group in by_lang.items()}
    for plan in plans.values():
        errors += plan.errors
    texts: dict[str, str] = {}
    if not errors:
        try:
            for plan in plans.values():
                texts.update(render_files(project, plan))
        except ValueError as exc:
            errors.append(str(exc))
    if not errors:
        for code, plan in plans.items():
            errors += check_files(project, plan, {r: t for r, t in texts.items() if r in plan.files}, code)
    for plan in plans.values():
        for warning in plan.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if errors:
        return _refuse(errors)
    written: list[str] = []
    for plan in plans.values():
        written += apply(project, plan, {r: t for r, t in texts.items() if r in plan.files})
    return _report(plans, written)


def _refuse(errors: list[str]) -> int:
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"nothing was written: {len(errors)} problem(s)", file=sys.stderr)
    return 1


def _report(plans: dict[str, Plan], written: list[str]) -> int:
    status = 0
    for plan in plans.values():
        for note in plan.notes:
            print(f"note: {note}", file=sys.stderr)
        if plan.fuzzy:
            shown = ", ".join(plan.fuzzy_at[:FUZZY_SHOWN])
            more = f" and {plan.fuzzy - FUZZY_SHOWN} more" if plan.fuzzy > FUZZY_SHOWN else ""
            print(f"note: {plan.fuzzy} fuzzy or unfinished entr{'y' if plan.fuzzy == 1 else 'ies'} not imported: "
                  f"{shown}{more} (clear the fuzzy mark, or set the XLIFF state to translated or final, when done)",
                  file=sys.stderr)
        for target, fplan in sorted(plan.files.items()):
            origin = f" (from {fplan.where})" if fplan.where else ""
            if fplan.withheld:
                status = 1
                print(f"not written: {target}: {fplan.withheld}{origin}", file=sys.stderr)
                continue
            if fplan.partial and target in written:
                print(f"saved in progress, not published: {target} ({len(fplan.values)} text(s)): {fplan.partial}"
                      f"{origin}")
                continue
            if target in written:
                stamped = ", ".join(sorted(fplan.stamps)) or "nothing"
                print(f"imported: {target} ({len(fplan.values)} text(s); stamped: {stamped}){origin}")
            for unit, why in sorted(fplan.unstamped.items()):
                located = bool(fplan.where) and why.startswith(fplan.where.rsplit(":", 1)[0] + ":")
                print(f"  not stamped: {target}: {unit}: {why}{'' if located else origin}")
        if plan.conflicts:
            status = 1
            for conflict in plan.conflicts:
                print(f"conflict: {conflict}", file=sys.stderr)
            print(f"{len(plan.conflicts)} conflict(s): the translations in git were kept. Export again to see them "
                  "(or merge your file into a new export with msgmerge, see CONTENT.md), then import again",
                  file=sys.stderr)
    if not written and not any(p.conflicts or any(f.withheld or f.unstamped for f in p.files.values())
                               for p in plans.values()):
        print("nothing to import: every translation in the file is already in the site")
    return status
