"""Every translatable unit of the site in one language, for export to PO/XLIFF and import back.

Each content type answers the same small interface: it lists :class:`Unit` objects (a stable
context, the English text, the current translation, the English file and line, the state and,
for outdated units, the English text the translation was made from) and it writes a set of
translated texts back into its translation file. The exporter and importer know nothing else.

Contexts are ``<English file>#<field path>``: ``guidelines/good-governance.yml#principle/gg-x/statement``,
``country_profiles/fr.yml#branches.old_age.programs.social-insurance.coverage``, ``content/about.md#body/3`` (the fourth
block of the page text), ``locales/en.yml#site.home``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.i18n import history, md_blocks, yaml_edit
from build_tools.i18n.history import History
from build_tools.model import country_profiles, documents, guidelines, layout
from build_tools.model.base import IN_PROGRESS, Translation, TranslationReport, is_text
from build_tools.model.country_profiles import CountryProfile
from build_tools.model.documents import Document
from build_tools.model.guidelines import Guideline
from build_tools.model.hashing import unit_hash
from build_tools.model.project import Project
from build_tools.model.ui_strings import plural_categories


@dataclass
class Unit:
    """One translatable text.

    ``state`` is ``translated``, ``outdated`` (the English changed since the translation was
    stamped; ``previous`` is that English when git history has it) or ``missing``. ``stamp`` is
    the unit whose hash a stamp records (several texts may share one, e.g. a principle's fields).
    """

    context: str
    source: str
    translation: str
    ref: str
    state: str
    target: str  # the translation file, relative to the project root
    stamp: str
    label: str
    previous: str | None = None


@dataclass
class ItemUnits:
    """The units of one content item in one language, and how to write translations back."""

    target: str
    units: list[Unit]
    # Writes {context: text} into the translation file's text; returns the new text.
    write: Callable[[str, dict[str, str]], str]
    markdown: bool = False
    locale: bool = False
    problems: list[str] = field(default_factory=list)
    never_stamped: bool = False
    # The stamped units the status calls outdated (the English changed since the stamp).
    outdated: set[str] = field(default_factory=set)
    # The translation file exists and is in progress (not published); a page may be saved part by part.
    in_progress: bool = False
    # The translation file exists and is published.
    published: bool = False

    def changed(self) -> list[Unit]:
        """The texts ``translations diff`` shows: exactly what makes the status say "outdated".

        That is each outdated text, and each text the English added to an outdated unit since
        the stamp (an inserted paragraph: ``previous`` is "", so its diff is all added).
        """
        return [u for u in self.units if u.state == "outdated"
                or (u.state == "missing" and u.stamp in self.outdated and u.previous == "")]


def unit_label(unit: str) -> str:
    """The name of a translation unit in words a translator uses (``meta`` is the title and summary)."""
    if unit == "meta":
        return "title and summary"
    if unit == "page":
        return "page text"
    if unit.startswith("principle:"):
        return f"principle {unit.split(':', 1)[1]}"
    return unit


def _state(report: TranslationReport, stamp: str) -> str:
    return next((u.state for u in report.units if u.unit == stamp), "missing")


def _fields_state(state: str, source: str, translation: str, previous: dict[str, str] | None,
                  key: str) -> tuple[str, str | None]:
    """Field-level state: an outdated unit's field whose English did not change is still translated."""
    if not translation:
        return "missing", None
    if state != "outdated":
        return state, None
    if previous is None:
        return "outdated", None
    old = previous.get(key)
    if old == source:
        return "translated", None
    return "outdated", old


# ---------------------------------------------------------------------------------------------
# Guidelines
# ---------------------------------------------------------------------------------------------


def _guideline_paths(data: dict[str, Any]) -> dict[str, tuple[tuple[Any, ...], list[yaml_edit.Step]]]:
    """For each part/section/principle ID: its key path in ``data`` and its edit path (by IDs)."""
    out: dict[str, tuple[tuple[Any, ...], list[yaml_edit.Step]]] = {}
    for i, part in enumerate(data.get("parts") or []):
        ppath: list[yaml_edit.Step] = ["parts", ("id", str(part.get("id")))]
        out.setdefault(str(part.get("id")), (("parts", i), ppath))
        for j, sec in enumerate(part.get("sections") or []):
            spath = ppath + ["sections", ("id", str(sec.get("id")))]
            out.setdefault(str(sec.get("id")), (("parts", i, "sections", j), spath))
            for k, pr in enumerate(sec.get("principles") or []):
                out.setdefault(str(pr.get("id")),
                               (("parts", i, "sections", j, "principles", k), spath + ["principles", ("id", str(pr.get("id")))]))
    return out


def _guideline_field(unit: str, key: str) -> tuple[str, str, str]:
    """(ID of the owner or "", field name, context path) of a field of a guideline unit."""
    if unit.startswith("principle:"):
        pid = unit.split(":", 1)[1]
        return pid, key, f"principle/{pid}/{key}"
    if key in ("title", "summary"):
        return "", key, key
    what, id_, name = key.split(":")
    return id_, name, f"{what}/{id_}/{name}"


def guideline_units(g: Guideline, lang: str, hist: History) -> ItemUnits:
    """The units of a guideline: title and summary, part and section titles and intros, principle fields."""
    tr = g.translations.get(lang)
    report = guidelines.translation_report(g, lang)
    target = report.path
    done = guidelines.translated_units(tr) if tr else {}
    english_paths = _guideline_paths(g.located.data)
    recorded = tr.source_hashes if tr else {}
    units: list[Unit] = []
    for stamp, (_digest, fields) in guidelines.unit_fields(g.located.data).items():
        state = _state(report, stamp)
        previous = hist.find(g.source.rel, history.parse_guideline, stamp, recorded.get(stamp, "")) \
            if state == "outdated" else None
        for key, source in fields.items():
            owner, name, ctx = _guideline_field(stamp, key)
            pos = g.located.pos(english_paths[owner][0] + (name,)) if owner else g.located.pos((name,))
            text = done.get(stamp, {}).get(key, "")
            fstate, prev = _fields_state(state, source, text, previous, key)
            label = f"principle {owner}: {name}" if stamp.startswith("principle:") else (
                f"title and summary: {key.replace(':', ' ')}")
            units.append(Unit(f"{g.source.rel}#{ctx}", source, text, f"{g.source.rel}:{pos[0]}", fstate, target,
                              stamp, label, prev))

    def write(text: str, values: dict[str, str]) -> str:
        current = _guideline_paths(yaml_edit_data(text))
        for ctx, value in values.items():
            path = ctx.split("#", 1)[1].split("/")
            if len(path) == 1:
                steps: list[yaml_edit.Step] = [path[0]]
            else:
                owner = path[1]
                base = current[owner][1] if owner in current else _translated_parents(owner, english_paths, current)
                steps = base + [path[2]]
            text = yaml_edit.set_text(text, steps, value)
            current = _guideline_paths(yaml_edit_data(text))
        return text

    return ItemUnits(target, units, write, never_stamped=report.never_stamped, outdated=set(report.outdated_units))


def _translated_parents(owner: str, english: dict[str, tuple[tuple[Any, ...], list[yaml_edit.Step]]],
                        current: dict[str, tuple[tuple[Any, ...], list[yaml_edit.Step]]]) -> list[yaml_edit.Step]:
    """Where a part, section or principle missing from the translation goes: under its parent there, if any."""
    steps = english[owner][1]
    # steps alternate key, ("id", x): find the deepest ancestor the translation already has.
    for cut in range(len(steps) - 2, 0, -2):
        ancestor = steps[cut - 1]
        if isinstance(ancestor, tuple) and ancestor[1] in current:
            return current[ancestor[1]][1] + steps[cut:]
    return steps


def yaml_edit_data(text: str) -> dict[str, Any]:
    """The parsed mapping of a YAML text (empty when it is empty)."""
    import yaml

    data = yaml.safe_load(text) if text.strip() else {}
    return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------------------------------------
# Country profiles
# ---------------------------------------------------------------------------------------------


def profile_fields(profile: CountryProfile) -> list[tuple[str, str, int]]:
    """(stable unit path, English text, source line) of every text field of a profile.

    The model's :func:`~build_tools.model.country_profiles.translatable_units` is the one list of
    units; overlays address programs by ID and laws by key (mappings), so a unit path is also the
    overlay's key path.
    """
    return [(u.path, u.text, u.line) for u in country_profiles.translatable_units(profile)]


def profile_units(profile: CountryProfile, lang: str, hist: History) -> ItemUnits:
    """The units of a country profile: one per text field, written into the overlay by dotted path."""
    tr = profile.translations.get(lang)
    report = country_profiles.translation_report(profile, lang)
    overlay = country_profiles.overlay_fields(tr.data) if tr else {}
    recorded = tr.source_hashes if tr else {}
    units: list[Unit] = []
    for path, source, line in profile_fields(profile):
        state = _state(report, path)
        previous = hist.find(profile.source.rel, history.parse_profile, path, recorded.get(path, "")) \
            if state == "outdated" else None
        text = overlay.get(path, "")
        fstate, prev = _fields_state(state, source, text, previous, "text")
        units.append(Unit(f"{profile.source.rel}#{path}", source, text, f"{profile.source.rel}:{line}", fstate,
                          report.path, path, path, prev))

    def write(text: str, values: dict[str, str]) -> str:
        for ctx, value in values.items():
            text = yaml_edit.set_text(text, list(ctx.split("#", 1)[1].split(".")), value)
        return text

    return ItemUnits(report.path, units, write, never_stamped=report.never_stamped,
                     outdated=set(report.outdated_units))


# ---------------------------------------------------------------------------------------------
# Markdown documents: title, summary... and the page text split into blocks
# ---------------------------------------------------------------------------------------------


def _aligned(a: list[md_blocks.Block], b: list[md_blocks.Block]) -> bool:
    return len(a) == len(b) and all(x.kind == y.kind and x.cell == y.cell for x, y in zip(a, b, strict=True))


def _block_translations(doc: Document, tr_body: str | None, state: str,
                        previous: dict[str, str] | None) -> tuple[list[str], list[str | None], bool]:
    """For each English block: its translation ("" if none) and its previous English (outdated only).

    The translation's blocks line up with the English it was made from (the current English when
    up to date, the stamped version from git when outdated); blocks are then matched by text.
    """
    english = md_blocks.split_blocks(doc.body)
    empty: list[str] = [""] * len(english)
    nothing: list[str | None] = [None] * len(english)
    if tr_body is None:
        return empty, nothing, False
    translated = md_blocks.split_blocks(tr_body)
    if state != "outdated" or previous is None:
        if _aligned(english, translated):
            return [b.text for b in translated], nothing, True
        return empty, nothing, False
    old = md_blocks.split_blocks(previous.get("body", ""))
    if not _aligned(old, translated):
        return empty, nothing, False
    texts, prevs = list(empty), list(nothing)
    matcher = difflib.SequenceMatcher(a=[b.text for b in old], b=[b.text for b in english], autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op in ("insert", "replace"):
            for k in range(b0, b1):
                prevs[k] = ""  # not in the English the translation was made from (replace: overwritten below)
        if op == "equal":
            for k in range(b1 - b0):
                texts[b0 + k] = translated[a0 + k].text
        elif op == "replace":
            for k in range(min(a1 - a0, b1 - b0)):
                if old[a0 + k].kind == english[b0 + k].kind:
                    texts[b0 + k] = translated[a0 + k].text
                    prevs[b0 + k] = old[a0 + k].text
    return texts, prevs, _aligned(english, translated)


def part_stamp(context: str) -> str:
    """The stamp of one text of a page saved in part (``page:title``, ``page:body/3``): see :func:`document_units`."""
    return "page:" + context.split("#", 1)[1]


def _part_state(recorded: dict[str, str], context: str, source: str, text: str) -> tuple[str, str]:
    """(state, text) of one text of a page in progress: only a text stamped on its own is a translation."""
    stamp = recorded.get(part_stamp(context))
    if stamp is None or not text:
        return "missing", ""  # the English a partial import left in its place, or `start`'s copy
    return ("translated" if stamp == unit_hash(source) else "outdated"), text


def document_units(doc: Document, lang: str, hist: History, in_progress: Translation | None = None) -> ItemUnits:
    """The units of a good practice, report or page: its text front matter, then each block of the body.

    ``in_progress`` is the page's translation in progress (not published), if any. A partial import
    saves a page that way: the translated texts with a stamp each (``page:title``,
    ``page:body/3``: the hash of the English text), the English in place of the others. Only the
    texts stamped on their own count as translated; the page itself (``page``) is stamped when
    every text is there.
    """
    tr = doc.translations.get(lang)
    progress = tr is None and in_progress is not None
    if progress:
        tr = in_progress
    report = documents.translation_report(doc, lang)
    state = "translated" if progress else _state(report, "page")
    recorded = tr.source_hashes if tr else {}
    previous = hist.find(doc.source.rel, history.parse_document, "page", recorded.get("page", "")) \
        if state == "outdated" else None
    rel = doc.source.rel
    units: list[Unit] = []
    for key in documents.TRANSLATABLE_META:
        source = doc.meta.get(key)
        if not isinstance(source, str) or not source:
            continue
        text = str(tr.data.get(key)) if tr and is_text(tr.data.get(key)) else ""
        fstate, prev = _fields_state(state, source, text, previous, key)
        if progress:
            fstate, text = _part_state(recorded, f"{rel}#{key}", source, text)
        label = "title and summary" if key in ("title", "summary") else key
        units.append(Unit(f"{rel}#{key}", source, text, f"{rel}:{doc.located.pos((key,))[0]}", fstate, report.path,
                          "page", f"{label}: {key}", prev))
    blocks = md_blocks.split_blocks(doc.body)
    texts, prevs, aligned = _block_translations(doc, tr.body if tr else None, state, previous)
    for i, block in enumerate(blocks):
        text = texts[i]
        if not text:
            # A block the English added since the stamp (previous ""): part of what made the page outdated.
            fstate, prev = "missing", ("" if state == "outdated" and previous is not None and prevs[i] == "" else None)
        elif state == "outdated" and previous is not None:
            fstate, prev = ("translated", None) if prevs[i] is None or prevs[i] == block.text else ("outdated", prevs[i])
        else:
            fstate, prev = state, None
        if progress:
            fstate, text = _part_state(recorded, f"{rel}#body/{i}", block.text, text)
        units.append(Unit(f"{rel}#body/{i}", block.text, text, f"{rel}:{doc.body_line + block.line}", fstate,
                          report.path, "page", f"page text: {block.kind}", prev))
    problems = [] if aligned or tr is None or progress else [
        f"{report.path}: its paragraphs do not line up with the English {rel}, so its page text is exported untranslated"]

    def write(text: str, values: dict[str, str]) -> str:
        return _write_document(doc, text, values, units, aligned)

    return ItemUnits(report.path, units, write, markdown=True, problems=problems,
                     never_stamped=report.never_stamped and not progress, outdated=set(report.outdated_units),
                     in_progress=progress, published=lang in doc.translations)


def _write_document(doc: Document, text: str, values: dict[str, str], units: list[Unit], aligned: bool) -> str:
    rel = doc.source.rel
    meta_values = {ctx.split("#", 1)[1]: v for ctx, v in values.items() if "#body/" not in ctx}
    body_values = {int(ctx.rsplit("/", 1)[1]): v for ctx, v in values.items() if "#body/" in ctx}
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if lines and lines[0].rstrip("\r\n") == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") in ("---", "...")), None)
        if end is None:
            raise ValueError("the front matter has no closing ---")
        front, body = "".join(lines[1:end]), "".join(lines[end + 1:])
        closing = lines[end]
    else:
        front, body, closing = "", text, f"---{newline}"
    for key, value in meta_values.items():
        front = yaml_edit.set_text(front, [key], value)
    if body_values:
        if aligned and text:
            body = md_blocks.replace_blocks(body, body_values)
        else:
            # No usable translated body: build one on the English structure, with every block given.
            current = {int(u.context.rsplit("/", 1)[1]): u.translation for u in units if "#body/" in u.context}
            blocks = md_blocks.split_blocks(doc.body)
            merged = {i: body_values.get(i) or current.get(i) or "" for i in range(len(blocks))}
            missing = [i for i, v in merged.items() if not v]
            if missing:
                raise ValueError(f"{rel}: the translated page text does not line up with the English, so every "
                                 f"block must be translated in one go ({len(missing)} of {len(blocks)} missing: "
                                 f"{', '.join(f'#body/{i}' for i in missing[:5])})")
            body = md_blocks.replace_blocks(doc.body.lstrip("\n"), merged)
            if text and not body.startswith(newline):
                body = newline + body
    if not front and not meta_values and not text.startswith("---"):
        return body
    return f"---{newline}{front}{closing if closing.strip() else '---' + newline}{body}"


# ---------------------------------------------------------------------------------------------
# UI strings
# ---------------------------------------------------------------------------------------------


def locale_units(project: Project, lang: str, hist: History) -> ItemUnits:
    """The units of the UI strings: one per key of ``locales/en.yml``."""
    catalog = project.catalog
    rel = f"{layout.LOCALES_DIR}/{lang}.yml"
    source_rel = f"{layout.LOCALES_DIR}/{project.config.default_language}.yml"
    report = catalog.translation_report(lang, rel)
    tr = catalog.files.get(lang)
    recorded = tr.source_hashes if tr else {}
    english = catalog.strings.get(project.config.default_language, {})
    lines = catalog.source_lines
    units: list[Unit] = []
    done: set[str] = set()
    for key in english:
        group = catalog.group_of(key)  # a form of a plural string: the whole string is one stamped unit
        if group and group in done:
            continue
        # A plural string has one unit per CLDR form of *this* language (Arabic: zero ... other; Chinese:
        # other), each with the English form it translates (English has one and other).
        keys = [f"{group}.{c}" for c in plural_categories(lang)] if group else [key]
        done.add(group)
        stamp = group or key
        state = _state(report, stamp)
        previous = hist.find(source_rel, history.parse_locale, stamp, recorded.get(stamp, "")) \
            if state == "outdated" else None
        for form in keys:
            source = english.get(form) or english.get(f"{group}.other", "")
            category = form.rpartition(".")[2] if group else "text"
            text = catalog.strings.get(lang, {}).get(form, "")
            old = previous if not group or previous is None or category in previous else {
                category: previous.get("other", "")}
            fstate, prev = _fields_state(state, source, text, old, category)
            units.append(Unit(f"{source_rel}#{form}", source, text, f"{source_rel}:{lines.get(form, lines.get(key, 1))}",
                              fstate, rel, stamp, f"UI string {form}" + (f" (plural form '{category}')" if group else ""),
                              prev))

    def write(text: str, values: dict[str, str]) -> str:
        for ctx, value in values.items():
            steps: list[yaml_edit.Step] = list(ctx.split("#", 1)[1].split("."))
            text = yaml_edit.set_text(text, steps, value)
        return text

    return ItemUnits(rel, units, write, locale=True, never_stamped=report.never_stamped,
                     outdated=set(report.outdated_units))


# ---------------------------------------------------------------------------------------------
# The whole site
# ---------------------------------------------------------------------------------------------


def site_units(project: Project, lang: str, hist: History | None = None,
               targets: set[str] | None = None) -> list[ItemUnits]:
    """Every item's units in ``lang``: guidelines, country profiles, documents, then UI strings.

    ``targets`` limits the work to those translation files (paths relative to the project root).
    """
    hist = hist or History(project.root)

    def wanted(path: str) -> bool:
        return targets is None or path in targets

    out = [guideline_units(g, lang, hist) for _id, g in sorted(project.guidelines.items())
           if wanted(guidelines.translation_report(g, lang).path)]
    out += [profile_units(p, lang, hist) for _id, p in sorted(project.profiles.items())
            if wanted(country_profiles.translation_report(p, lang).path)]
    # Pages in progress are not published (not in ``translations``), but their saved parts count.
    started = {(w.kind, w.key): w.translation for w in project.withheld.values()
               if w.lang == lang and w.reason == IN_PROGRESS and w.translation is not None}
    for coll in (project.good_practices, project.reports, project.pages):
        out += [document_units(d, lang, hist, started.get((d.kind, key))) for key, d in sorted(coll.items())
                if wanted(documents.translation_report(d, lang).path)]
    if project.catalog.strings.get(project.config.default_language) and wanted(f"{layout.LOCALES_DIR}/{lang}.yml"):
        out.append(locale_units(project, lang, hist))
    return out


def item_units_for(project: Project, path: Path, hist: History | None = None) -> ItemUnits | None:
    """The units of the translation file at ``path`` (which may not exist yet), if it is one."""
    try:
        rel = path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return None
    name = layout.split_name(path.name)
    lang = name.lang if name is not None else None
    if name is not None and path.resolve().parent == (project.root / layout.LOCALES_DIR).resolve():
        lang = name.stem
    if lang is None or lang == project.config.default_language or lang not in project.languages:
        return None
    found = site_units(project, lang, hist, {rel})
    return found[0] if found else None


def renamed_units(project: Project, path: str, english: str, lang: str, hist: History | None = None) -> ItemUnits | None:
    """The units of the translation at ``path`` read as the translation of ``english`` (its renamed English file).

    ``translations diff`` follows a rename this way before the translation is moved: the
    translation is loaded against today's English item in memory (nothing is written), so the
    diff shows what changed in English since the stamp, across the rename.
    """
    from build_tools.model import kinds
    from build_tools.model.base import SourceFile

    root = project.root
    spec = kinds.for_file(root / english, root, project.config.docs_dir)
    if spec is None:
        return None
    wanted = (root / english).resolve()
    item = next((i for i in project.items(spec).values() if i.source.path.resolve() == wanted), None)
    if item is None:
        return None
    tr, _diags = spec.load_translation(SourceFile(root / path, path, item.source.stem, lang), item)
    if tr is None:
        return None
    item.translations[lang] = tr
    hist = hist or History(root)
    if isinstance(item, Guideline):
        return guideline_units(item, lang, hist)
    if isinstance(item, CountryProfile):
        return profile_units(item, lang, hist)
    return document_units(item, lang, hist)
