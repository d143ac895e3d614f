"""PO and XLIFF export for translation platforms (Weblate, Crowdin, Poedit, Trados, memoQ).

``export`` writes every translatable unit of one language (see :mod:`build_tools.i18n.units`):
the context is the unit's stable path, the source is the English, the target the current
translation, a location points at the English file and line, and an outdated unit is fuzzy with
the English it was translated from (PO ``#| msgid``; an XLIFF note).

Every unit also carries an **export mark** (PO: an extracted comment ``ssa-export: fr <base>
<check>``; XLIFF: a ``<note from="ssa-export">``): the language the file was made for and the
hash of the translation the unit had at export time. :mod:`build_tools.i18n.catalog_import`
uses it to refuse a file relabelled to another language and to tell a translation that changed
in git since the export (a conflict: git's text is kept) from one the translator changed.

Texts are exported as *segments*: a hard-wrapped Markdown paragraph is one line (soft line
breaks become spaces, which renders the same); the import wraps it again like the English.
XLIFF is 1.2 with Markdown links, emphasis, code and ``{placeholders}`` as inline codes
(``<g>``/``<ph>``), so CAT tools protect them (:func:`to_xliff_inline`, :func:`from_xliff_inline`).
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from translate.storage import po

from build_tools.i18n import cldr, md_blocks, translation_status
from build_tools.i18n.history import History
from build_tools.i18n.units import Unit, site_units
from build_tools.model.project import Project, load_project
from build_tools.model.ui_strings import placeholders, plural_category

FORMATS = ("po", "xliff")
STATES = ("missing", "outdated", "translated")
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
MARK_ORIGIN = "ssa-export"
_X = f"{{{XLIFF_NS}}}"
# Languages whose code should name the script, as tools write it (CLDR likely subtag): zh -> zh-Hans.
_SCRIPTS = {"zh": "Hans"}


# ---------------------------------------------------------------------------------------------
# Language codes
# ---------------------------------------------------------------------------------------------


def tool_code(lang: str, sep: str = "_") -> str:
    """The code translation tools expect for a site language: ``fr``, ``zh_Hans`` (PO), ``zh-Hans`` (XLIFF)."""
    script = _SCRIPTS.get(lang)
    return f"{lang}{sep}{script}" if script else lang


def _language_script(code: str) -> tuple[str, str] | None:
    """(language, script) of a locale code as tools write it (``fr_FR``, ``fr-FR``, ``zh_CN``, ``zh-Hans``)."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    clean = code.strip().replace("-", "_").split("@")[0].split(".")[0]
    if not clean:
        return None
    try:
        loc = Locale.parse(clean)
    except (ValueError, UnknownLocaleError):
        return None
    likely = get_global("likely_subtags")
    parts = [p for p in (loc.language, loc.script, loc.territory) if p]
    full = likely.get("_".join(parts)) or likely.get(f"{loc.language}_{loc.territory}" if loc.territory else "") \
        or likely.get(loc.language) or loc.language
    script = loc.script or (full.split("_")[1] if full.count("_") >= 1 and len(full.split("_")[1]) == 4 else "")
    return loc.language, script


def site_language(code: str, project: Project) -> str | None:
    """The site language a tool's locale code stands for, or None.

    ``fr``, ``fr_FR``, ``fr-CA`` are French; ``zh``, ``zh_CN``, ``zh-Hans``, ``zh_Hans`` are the
    site's (Simplified) Chinese, but ``zh_TW``/``zh-Hant`` (Traditional) are not.
    """
    if code in project.languages:
        return code
    wanted = _language_script(code)
    if wanted is None:
        return None
    for lang in project.languages:
        if _language_script(tool_code(lang)) == wanted:
            return lang
    return None


# ---------------------------------------------------------------------------------------------
# Segments and export marks
# ---------------------------------------------------------------------------------------------


def segment(text: str, markdown: bool = True) -> str:
    """``text`` as one segment: soft line breaks of Markdown become spaces.

    Which line breaks are soft is decided by the Markdown parser (:func:`md_blocks.soft_breaks`):
    hard breaks, paragraph breaks and every line that starts a block (``***``, ``---``, ``# x``,
    ``- item``, ``> quote``, fences, table rows, HTML) are kept, so the segment renders as the
    wrapped text does.
    """
    if not markdown or "\n" not in text:
        return text
    lines = text.split("\n")
    joins = md_blocks.soft_breaks(text)
    out = lines[0]
    for number, line in enumerate(lines[1:], start=1):
        if number in joins:
            out = out.rstrip(" \t") + " " + line.lstrip(" \t")
        else:
            out += "\n" + line
    # A YAML block scalar's final line break is not part of the text (as the previous exports had it),
    # nor are blank-looking lines after it ("a\n \n"): removed until none is left, so that a segment
    # of a segment is the segment itself (the fuzz test found "a\n \n" -> "a\n " -> "a").
    while True:
        trimmed = re.sub(r"(?<=[^\n])\n[ \t]*\Z", "", out)
        if trimmed == out:
            return out
        out = trimmed


def is_markdown_unit(unit: Unit) -> bool:
    """True for texts rendered as Markdown (everything but UI strings)."""
    return not unit.context.startswith("locales/")


def text_hash(text: str) -> str:
    """The hash an export mark records for a translation ("-" when there is none)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12] if text.strip() else "-"


def _check(lang: str, context: str, base: str) -> str:
    return hashlib.sha256(f"{lang}\0{context}\0{base}".encode()).hexdigest()[:8]


def export_mark(lang: str, context: str, translation: str) -> str:
    """The export mark of one unit: language, hash of its translation at export time, checksum."""
    base = text_hash(translation)
    return f"{MARK_ORIGIN}: {lang} {base} {_check(lang, context, base)}"


@dataclass(frozen=True)
class Mark:
    """An export mark read back: ``valid`` is False when it was edited (its checksum fails)."""

    lang: str
    base: str
    valid: bool


def parse_mark(text: str, context: str) -> Mark | None:
    """The export mark of ``context`` in a note text, if any (a plural entry has one mark per form)."""
    marks = [Mark(lang, base, check == _check(lang, context, base))
             for lang, base, check in re.findall(rf"{MARK_ORIGIN}:\s*(\S+)\s+(\S+)\s+(\S+)", text)]
    return next((m for m in marks if m.valid), marks[0] if marks else None)


# ---------------------------------------------------------------------------------------------
# Markdown inline codes for XLIFF
# ---------------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


@dataclass(frozen=True)
class Code:
    """An inline code: a paired one (``<g>``: ``open`` + text + ``close``) or a placeholder (``<ph>``: ``open``)."""

    kind: str  # "g" | "ph"
    ctype: str
    open: str
    close: str = ""


def _closing(text: str, start: int, delim: str) -> int:
    """Index of the closing ``delim`` of an emphasis run opened before ``start`` (-1 if none)."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "`":
            end = text.find("`", i + 1)
            i = end + 1 if end > 0 else i + 1
            continue
        if text.startswith(delim, i) and i > start and not text[i - 1].isspace():
            if len(delim) == 1 and text.startswith(delim * 2, i):
                i += 2
                continue
            return i
        i += 1
    return -1


def _bracket_end(text: str, start: int, open_: str, close: str) -> int:
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == open_:
            depth += 1
        elif c == close:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def parse_inline(text: str) -> list[str | tuple[Code, list]]:  # type: ignore[type-arg]
    """``text`` as literal runs and inline codes (links, emphasis, code spans, images, ``{placeholders}``).

    Literal runs keep the Markdown exactly as written, so joining everything back gives ``text``.
    """
    out: list[str | tuple[Code, list]] = []  # type: ignore[type-arg]
    buf = ""
    i = 0

    def flush() -> None:
        nonlocal buf
        if buf:
            out.append(buf)
            buf = ""

    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            buf += text[i:i + 2]
            i += 2
            continue
        if c == "`":
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            end = text.find("`" * run, i + run)
            if end > 0:
                flush()
                out.append((Code("ph", "x-code", text[i:end + run]), []))
                i = end + run
                continue
        if c == "{":
            match = _PLACEHOLDER.match(text, i)
            if match:
                flush()
                out.append((Code("ph", "x-placeholder", match.group(0)), []))
                i = match.end()
                continue
        if c == "[" or (c == "!" and text.startswith("![", i)):
            image = c == "!"
            label_start = i + 1 if image else i
            label_end = _bracket_end(text, label_start, "[", "]")
            if label_end > 0 and text.startswith("(", label_end + 1):
                target_end = _bracket_end(text, label_end + 1, "(", ")")
                if target_end > 0:
                    flush()
                    if image:
                        out.append((Code("ph", "image", text[i:target_end + 1]), []))
                    else:
                        inner = text[label_start + 1:label_end]
                        out.append((Code("g", "link", "[", text[label_end:target_end + 1]), parse_inline(inner)))
                    i = target_end + 1
                    continue
        if c in "*_":
            delim = c * 2 if text.startswith(c * 2, i) else c
            word_inside = c == "_" and i > 0 and text[i - 1].isalnum()
            if not word_inside and i + len(delim) < len(text) and not text[i + len(delim)].isspace():
                end = _closing(text, i + len(delim), delim)
                if end > 0 and not (c == "_" and end + len(delim) < len(text) and text[end + len(delim)].isalnum()):
                    flush()
                    ctype = "bold" if len(delim) == 2 else "italic"
                    out.append((Code("g", ctype, delim, delim), parse_inline(text[i + len(delim):end])))
                    i = end + len(delim)
                    continue
        buf += c
        i += 1
    flush()
    return out


def _unparse(parts: list[str | tuple[Code, list]]) -> str:  # type: ignore[type-arg]
    return "".join(p if isinstance(p, str) else p[0].open + _unparse(p[1]) + p[0].close for p in parts)


def to_xliff_inline(element: etree._Element, text: str) -> dict[str, Code]:
    """Fill ``element`` with ``text``, its Markdown codes as ``<g>``/``<ph>``; returns the codes by id.

    When the codes would not give ``text`` back exactly, the text is written as it is (no codes).
    """
    parts = parse_inline(text)
    if _unparse(parts) != text:
        element.text = text
        return {}
    codes: dict[str, Code] = {}

    def fill(parent: etree._Element, items: list[str | tuple[Code, list]]) -> None:  # type: ignore[type-arg]
        last: etree._Element | None = None
        for item in items:
            if isinstance(item, str):
                if last is None:
                    parent.text = (parent.text or "") + item
                else:
                    last.tail = (last.tail or "") + item
                continue
            code, children = item
            ident = str(len(codes) + 1)
            codes[ident] = code
            node = etree.SubElement(parent, _X + code.kind, id=ident, ctype=code.ctype)
            if code.kind == "ph":
                node.text = code.open
            else:
                fill(node, children)
            last = node

    fill(element, parts)
    return codes


def source_codes(text: str) -> dict[str, Code]:
    """The inline codes :func:`to_xliff_inline` gives ``text`` (the same ids on export and import)."""
    return to_xliff_inline(etree.Element(_X + "source"), text)


class InlineError(ValueError):
    """A target whose inline codes do not match the source's."""


def from_xliff_inline(element: etree._Element, codes: dict[str, Code]) -> str:
    """The Markdown of a ``<source>``/``<target>`` element, its codes restored from ``codes``."""
    out = [element.text or ""]
    for child in element:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag in ("g", "ph", "x", "bx", "ex", "it", "bpt", "ept"):
            ident = str(child.get("id") or "")
            code = codes.get(ident)
            if code is None or (tag == "g") != (code.kind == "g"):
                raise InlineError(f"inline code <{tag} id=\"{ident}\"> is not in the English")
            out.append(code.open + (from_xliff_inline(child, codes) if tag == "g" else "") + code.close)
        elif tag == "mrk":  # a CAT tool's marker (e.g. a term): its text is kept
            out.append(from_xliff_inline(child, codes))
        elif isinstance(child.tag, str):
            raise InlineError(f"unexpected element <{tag}> in the text")
        out.append(child.tail or "")
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------


def _wanted(unit: Unit, only: set[str] | None) -> bool:
    return only is None or unit.state in only


def _outdated_note(unit: Unit, stamped: bool) -> str | None:
    if unit.previous is not None:
        return None
    if not stamped:
        return "Not reviewed yet (the translation was never stamped): check it against the English, then confirm it."
    return "The English changed since this was translated; the previous English is not in the git history."


def _stamped(project: Project, target: str) -> set[str]:
    """The units whose hash the translation file ``target`` records."""
    found = translation_status.find_target(project, project.root / target) if (project.root / target).exists() else None
    return set(found.translation.source_hashes) if found else set()


def build_po(project: Project, lang: str, only: set[str] | None = None,
             hist: History | None = None) -> tuple[po.pofile, int]:
    """The PO store of ``lang`` and the number of units in it."""
    store = po.pofile()
    store.updateheader(add=True, Language=tool_code(lang), Content_Type="text/plain; charset=UTF-8",
                       Project_Id_Version=project.catalog.get("en", "site.name") or "site",
                       X_Generator="python -m build_tools translations export",
                       Last_Translator="", Language_Team=cldr.language_name(lang),
                       PO_Revision_Date=store.parseheader().get("POT-Creation-Date", ""))
    forms = gettext_plurals(lang)
    store.updateheaderplural(forms.count, forms.expression)
    count = 0
    for item in site_units(project, lang, hist):
        for problem in item.problems:
            print(f"note: {problem}", file=sys.stderr)
        stamped = _stamped(project, item.target) if any(u.state == "outdated" for u in item.units) else set()
        plural_done: set[str] = set()
        for unit in item.units:
            if not _wanted(unit, only):
                continue
            if is_plural_form(unit):
                if unit.stamp not in plural_done:
                    group = [u for u in item.units if u.stamp == unit.stamp]
                    count += _add_plural_entry(store, lang, forms, group, unit.stamp in stamped,
                                               project.catalog.strings.get(project.config.default_language, {}))
                plural_done.add(unit.stamp)
                if unit.context.rpartition(".")[2] in forms.categories:
                    continue  # in the msgid_plural entry; a form gettext has no index for stays on its own
            count += 1
            md = is_markdown_unit(unit)
            entry = store.addsourceunit(segment(unit.source, md))
            entry.setcontext(unit.context)
            translation = segment(unit.translation, md)
            if translation:
                entry.target = translation
            entry.addlocation(unit.ref)
            entry.addnote(f"{unit.label} — translation file: {unit.target}", origin="developer")
            if is_plural_form(unit):
                entry.addnote(f"This plural form has no gettext index in {tool_code(lang)} (CLDR uses it for numbers "
                              "such as fractions or millions): translate it here.", origin="developer")
            entry.addnote(export_mark(lang, unit.context, translation), origin="developer")
            if placeholders(unit.source):
                entry.settypecomment("python-brace-format")
            if unit.state == "outdated":
                entry.markfuzzy(True)
                if unit.previous is not None:
                    entry.prev_source = segment(unit.previous, md)
                note = _outdated_note(unit, unit.stamp in stamped)
                if note:
                    entry.addnote(note, origin="developer")
    return store, count


@dataclass(frozen=True)
class GettextPlurals:
    """A language's gettext plural rule (Babel's table, as Poedit and Weblate write it) and, for each
    ``msgstr[i]``, the CLDR plural category it stands for (found by evaluating both rules)."""

    count: int
    expression: str
    categories: tuple[str, ...]

    @property
    def header(self) -> str:
        """The ``Plural-Forms`` header value."""
        return f"nplurals={self.count}; plural={self.expression};"


def plural_index_categories(lang: str, count: int, expression: str) -> tuple[str, ...] | None:
    """The CLDR category of each index of a gettext plural rule, or None if the two rules disagree.

    Every whole number from 0 to 999 is put through both rules: each gettext index must take the
    numbers of exactly one CLDR category (Arabic index 3 = ``few``: 3-10, 103-110, ...). A
    category no whole number below 1000 reaches (Russian ``other``: fractions; French ``many``:
    millions) has no index; it is exported as an entry of its own.
    """
    import gettext

    try:
        func = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        return None
    seen: list[set[str]] = [set() for _ in range(count)]
    for n in range(1000):
        index = func(n)
        if not 0 <= index < count:
            return None
        seen[index].add(plural_category(lang, n))
    if any(len(cats) != 1 for cats in seen):
        return None
    return tuple(next(iter(cats)) for cats in seen)


def parse_plural_forms(header: str) -> tuple[int, str] | None:
    """(nplurals, expression) of a ``Plural-Forms`` header value, or None."""
    match = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?", header or "")
    return (int(match.group(1)), match.group(2).strip()) if match else None


def gettext_plurals(lang: str) -> GettextPlurals:
    """The gettext plural rule exported for ``lang`` (ar: 6 forms, ru: 3, fr/de/es: 2, zh: 1)."""
    from babel.messages.plurals import get_plural

    rule = get_plural(cldr.locale(lang))
    categories = plural_index_categories(lang, rule.num_plurals, rule.plural_expr)
    if categories is None:  # Babel's table and CLDR disagree: one form per CLDR category would be wrong
        raise ValueError(f"the gettext plural rule of {lang} does not match CLDR")
    return GettextPlurals(rule.num_plurals, rule.plural_expr, categories)


def is_plural_form(unit: Unit) -> bool:
    """True for one CLDR form of a UI plural string (its context ends in the category, its stamp is the string)."""
    return unit.context.startswith("locales/") and unit.context.split("#", 1)[1] != unit.stamp


def _add_plural_entry(store: po.pofile, lang: str, forms: GettextPlurals, group: list[Unit], stamped: bool,
                      english: dict[str, str]) -> int:
    """One ``msgid_plural`` entry for the forms of a plural string gettext has an index for; returns 1."""
    from translate.misc.multistring import multistring

    by_cat = {u.context.rpartition(".")[2]: u for u in group}
    first = group[0]
    context = f"{first.context.split('#', 1)[0]}#{first.stamp}"
    english_other = by_cat["other"].source if "other" in by_cat else first.source
    english_one = english.get(f"{first.stamp}.one", english_other)
    entry = store.addsourceunit(multistring([english_one, english_other]))
    entry.setcontext(context)
    targets = [by_cat[c].translation if c in by_cat else "" for c in forms.categories]
    if any(targets):
        entry.target = multistring(targets)
    entry.addlocation(first.ref)
    names = ", ".join(f"[{i}] {c}" for i, c in enumerate(forms.categories))
    entry.addnote(f"UI string {first.stamp} — plural forms (CLDR): {names} — translation file: {first.target}",
                  origin="developer")
    for category in forms.categories:  # one export mark per form: each form is checked on import
        unit = by_cat.get(category)
        if unit is not None:
            entry.addnote(export_mark(lang, unit.context, unit.translation), origin="developer")
    if any(placeholders(u.source) for u in group):
        entry.settypecomment("python-brace-format")
    outdated = [u for u in group if u.state == "outdated"]
    if outdated:
        entry.markfuzzy(True)
        if outdated[0].previous is not None:
            entry.prev_source = outdated[0].previous
        note = _outdated_note(outdated[0], stamped)
        if note:
            entry.addnote(note, origin="developer")
    return 1


def build_xliff(project: Project, lang: str, only: set[str] | None = None,
                hist: History | None = None) -> tuple[bytes, int]:
    """The XLIFF 1.2 document of ``lang`` (one ``<file>`` per English source file) and its unit count."""
    root = etree.Element(_X + "xliff", nsmap={None: XLIFF_NS}, version="1.2")
    files: dict[str, etree._Element] = {}
    count = 0
    default = project.config.default_language
    for item in site_units(project, lang, hist):
        for problem in item.problems:
            print(f"note: {problem}", file=sys.stderr)
        stamped = _stamped(project, item.target) if any(u.state == "outdated" for u in item.units) else set()
        for unit in item.units:
            if not _wanted(unit, only):
                continue
            count += 1
            original = unit.context.split("#", 1)[0]
            body = files.get(original)
            if body is None:
                file_el = etree.SubElement(root, _X + "file", original=original, attrib={
                    "source-language": default, "target-language": tool_code(lang, "-"),
                    "datatype": "x-markdown" if original.endswith(".md") else "plaintext"})
                header = etree.SubElement(file_el, _X + "header")
                etree.SubElement(header, _X + "note", attrib={"from": "developer"}).text = (
                    f"Translations go to {item.target}.")
                body = files[original] = etree.SubElement(file_el, _X + "body")
            md = is_markdown_unit(unit)
            tu = etree.SubElement(body, _X + "trans-unit", id=unit.context, resname=unit.context)
            tu.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            to_xliff_inline(etree.SubElement(tu, _X + "source"), segment(unit.source, md))
            translation = segment(unit.translation, md)
            if translation:
                target = etree.SubElement(tu, _X + "target")
                to_xliff_inline(target, translation)
                outdated = unit.state == "outdated"
                target.set("state", "needs-review-translation" if outdated else "translated")
                tu.set("approved", "no" if outdated else "yes")
            group = etree.SubElement(tu, _X + "context-group", purpose="location")
            file_ref, _, line = unit.ref.rpartition(":")
            etree.SubElement(group, _X + "context", attrib={"context-type": "sourcefile"}).text = file_ref
            etree.SubElement(group, _X + "context", attrib={"context-type": "linenumber"}).text = line
            etree.SubElement(tu, _X + "note", attrib={"from": "developer"}).text = (
                f"{unit.label} — translation file: {unit.target}")
            if unit.state == "outdated":
                if unit.previous is not None:
                    etree.SubElement(tu, _X + "note", attrib={"from": "developer"}).text = (
                        f"Previous English (when the translation was made): {segment(unit.previous, md)}")
                note = _outdated_note(unit, unit.stamp in stamped)
                if note:
                    etree.SubElement(tu, _X + "note", attrib={"from": "developer"}).text = note
            etree.SubElement(tu, _X + "note", attrib={"from": MARK_ORIGIN}).text = export_mark(
                lang, unit.context, translation)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data, count


def format_for(output: Path | None, fmt: str | None) -> tuple[str | None, str | None]:
    """(format, error): ``--format``, else inferred from the name of ``-o`` (``.xlf``/``.xliff``: XLIFF)."""
    suffix = output.suffix.lower() if output is not None else ""
    inferred = "xliff" if suffix in (".xlf", ".xliff") else "po" if suffix in (".po", ".pot") else None
    if fmt is not None and fmt not in FORMATS:
        return None, "export --format is po or xliff"
    if fmt is not None and inferred is not None and fmt != inferred:
        return None, f"--format {fmt} does not match the file name {output} (a {inferred.upper()} name)"
    return fmt or inferred or "po", None


def run_export(root: Path, langs: list[str] | None, fmt: str | None, only: str | None, output: Path | None) -> int:
    """CLI: write the PO/XLIFF file of one language (``-o FILE``, or standard output)."""
    fmt, problem = format_for(output, fmt)
    if problem or fmt is None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
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
    if fmt == "po":
        store, count = build_po(project, wanted[0], states)
        data = bytes(store)
    else:
        data, count = build_xliff(project, wanted[0], states)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        print(f"exported {count} unit(s) for {wanted[0]} to {output}", file=sys.stderr)
    return 0
