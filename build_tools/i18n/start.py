"""Begin a translation (``translations start``) and remove obsolete texts (``translations prune``).

``start`` writes a valid skeleton holding only the translatable text of an English source,
structured like it: the English text in place (the default) or empty (``--empty``, for YAML
files). It is marked ``translation: {status: in-progress}``: not published (readers get the
English with the "not translated yet" notice) and listed as in progress until the translator
stamps it. ``prune`` removes from a translation what the English no longer has
(warning W154, or the whole file for W150), keeping every other line byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from build_tools.checks.diagnostics import Severity
from build_tools.checks.reading import relative_path
from build_tools.i18n import translation_status, units, yaml_edit
from build_tools.i18n.history import History
from build_tools.i18n.renames import describe, renamed_translations
from build_tools.model import country_profiles, layout
from build_tools.model.project import Project, load_project
from build_tools.model.ui_strings import plural_categories


def translation_path(project: Project, source: Path, lang: str) -> Path:
    """Where the ``lang`` translation of an English source file lives (``name.<lang>.ext``)."""
    if source.resolve().parent == (project.root / layout.LOCALES_DIR).resolve():
        return source.with_name(f"{lang}.yml")
    return source.with_name(f"{source.stem}.{lang}{source.suffix}")


def _header(project: Project, source_rel: str, target_rel: str, lang: str) -> str:
    from build_tools.i18n import cldr

    return (f"# {cldr.language_name(lang)} translation of {source_rel}. Translate the text; keep every id.\n"
            f"# When you have reviewed it: python -m build_tools translations stamp {target_rel}\n")


def start_text(project: Project, source: Path, lang: str, empty: bool) -> tuple[str, str]:
    """The skeleton text of the ``lang`` translation of ``source`` and a note for the translator."""
    target = translation_path(project, source, lang)
    item = units.item_units_for(project, target, History(project.root))
    if item is None:
        raise ValueError("it is not an English source file of this site with a loadable model "
                         "(run `python -m build_tools validate`)")
    note = ""
    if item.markdown and empty:
        # A page's text is split into blocks on the English structure, so it starts as the English.
        note = "a page's text starts as the English (not empty), to keep its structure"
        empty = False
    values = {u.context: ("" if empty else u.source) for u in item.units}
    source_rel = relative_path(source, project.root)
    text = "" if item.markdown else _header(project, source_rel, item.target, lang)
    text = item.write(text, values)
    return translation_status.mark_in_progress(text, item.markdown, at_end=item.locale), note


def run_start(root: Path, files: list[Path], langs: list[str] | None, empty: bool, force: bool) -> int:
    """CLI: write translation skeletons for each English source file and each ``--lang``."""
    if not files or not langs:
        print("usage: python -m build_tools translations start FILE [FILE...] --lang fr[,de] [--empty]", file=sys.stderr)
        return 2
    project = load_project(root)
    try:
        wanted = translation_status.parse_langs(langs, project) or []
    except translation_status.LanguageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    status = 0
    for file in files:
        source = (file if file.is_absolute() else Path.cwd() / file).resolve()
        rel = relative_path(source, root)
        name = layout.split_name(source.name)
        is_locale = source.parent == (root / layout.LOCALES_DIR).resolve()
        if not source.is_file():
            print(f"error: {rel}: no such file", file=sys.stderr)
            status = 1
            continue
        if name is None or (name.lang is not None and not is_locale) or (
                is_locale and source.stem != project.config.default_language):
            print(f"error: {rel}: start from the English source (name.yml or name.md), not a translation",
                  file=sys.stderr)
            status = 1
            continue
        for lang in wanted:
            target = translation_path(project, source, lang)
            target_rel = relative_path(target, root)
            if target.exists() and not force:
                print(f"error: {target_rel} already exists (add --force to overwrite it)", file=sys.stderr)
                status = 1
                continue
            try:
                text, note = start_text(project, source, lang, empty)
            except ValueError as exc:
                print(f"error: {rel}: cannot start a translation: {exc}", file=sys.stderr)
                status = 1
                continue
            target.write_bytes(text.encode("utf-8"))
            print(f"started: {target_rel} (in progress: not published until you stamp it: "
                  f"python -m build_tools translations stamp {target_rel})" + (f" (note: {note})" if note else ""))
    return status


# ---------------------------------------------------------------------------------------------
# Prune
# ---------------------------------------------------------------------------------------------


def obsolete_paths(project: Project, path: Path, data: dict[str, Any]) -> list[tuple[object, ...]]:
    """Key paths in a translation's data that the English no longer has."""
    name = layout.split_name(path.name)
    stem = name.stem if name else path.stem
    out: list[tuple[object, ...]] = []
    parent = path.resolve().parent
    if parent == (project.root / layout.GUIDELINES_DIR).resolve() and stem in project.guidelines:
        g = project.guidelines[stem]
        known = {p.id for p in g.parts} | {s.id for p in g.parts for s in p.sections} | {pr.id for pr in g.principles()}
        for i, part in enumerate(data.get("parts") or []):
            if part.get("id") not in known:
                out.append(("parts", i))
                continue
            for j, sec in enumerate(part.get("sections") or []):
                if sec.get("id") not in known:
                    out.append(("parts", i, "sections", j))
                    continue
                for k, pr in enumerate(sec.get("principles") or []):
                    if pr.get("id") not in known:
                        out.append(("parts", i, "sections", j, "principles", k))
    elif parent == (project.root / layout.PROFILES_DIR).resolve() and stem in project.profiles:
        profile = project.profiles[stem]

        def walk(node: Any, prefix: tuple[str, ...]) -> None:
            if not isinstance(node, dict):
                return
            for key, value in node.items():
                child = prefix + (str(key),)
                kind = country_profiles._source_kind(profile, child)
                if kind == "obsolete":
                    out.append(child)
                elif kind == "container" and child != ("translation",):
                    walk(value, child)

        walk(data, ())
    elif parent == (project.root / layout.LOCALES_DIR).resolve():
        english = project.catalog.strings.get(project.config.default_language, {})
        # A plural form English lacks (Arabic "few") belongs to the language: not obsolete.
        own_forms = {f"{group}.{category}" for group in project.catalog.plural_keys
                     for category in plural_categories(stem)}

        def walk_locale(node: Any, prefix: tuple[str, ...]) -> None:
            for key, value in node.items():
                child = prefix + (str(key),)
                dotted = ".".join(child)
                if child == ("translation",):
                    continue
                if isinstance(value, dict):
                    if not any(k == dotted or k.startswith(dotted + ".") for k in english):
                        out.append(child)
                    else:
                        walk_locale(value, child)
                elif dotted not in english and dotted not in own_forms:
                    out.append(child)

        walk_locale(data, ())
    return collapse(data, out)


def _node(data: Any, path: tuple[object, ...]) -> Any:
    for step in path:
        data = data[step]  # type: ignore[index]
    return data


def collapse(data: dict[str, Any], paths: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Replace removals that would empty a container by the removal of the container itself.

    Removing every principle of a section would leave ``principles:`` empty (an error); the key
    goes instead, and so on upwards. The top-level mapping itself is never removed.
    """
    removing = set(paths)
    changed = True
    while changed:
        changed = False
        parents = {p[:-1] for p in removing if len(p) > 1}
        for parent in sorted(parents, key=len, reverse=True):
            node = _node(data, parent)
            children = {parent + (k,) for k in (range(len(node)) if isinstance(node, list) else node)}
            if children and children <= removing:
                removing -= children
                removing.add(parent)
                changed = True
    # A removed ancestor covers its descendants.
    return [p for p in removing if not any(p[:n] in removing for n in range(1, len(p)))]


def run_prune(root: Path, files: list[Path]) -> int:
    """CLI: remove obsolete texts from translation files (delete a translation whose English is gone)."""
    if not files:
        print("usage: python -m build_tools translations prune FILE [FILE...]", file=sys.stderr)
        return 2
    project = load_project(root)
    renamed = renamed_translations(project)
    status = 0
    for file in files:
        path = (file if file.is_absolute() else Path.cwd() / file).resolve()
        rel = relative_path(path, root)
        if not path.is_file():
            print(f"error: {rel}: no such file", file=sys.stderr)
            status = 1
            continue
        if any(d.code == "W150" and d.path == rel for d in project.diagnostics):
            moved = next((r for r in renamed if r.path == rel), None)
            if moved is not None:
                # Rename-safe: the English moved, the translation is not obsolete.
                print(f"error: not deleted: {describe(moved)}", file=sys.stderr)
                status = 1
                continue
            path.unlink()
            print(f"deleted: {rel} (its English source no longer exists)")
            continue
        errors = [d for d in project.diagnostics if d.path == rel and d.severity is Severity.ERROR]
        if errors:
            print(f"error: {rel}: fix these errors first:\n" + "\n".join(d.format_text() for d in errors),
                  file=sys.stderr)
            status = 1
            continue
        raw = path.read_bytes().decode("utf-8")
        data = units.yaml_edit_data(raw) if path.suffix != ".md" else {}
        paths = obsolete_paths(project, path, data)
        if not paths:
            print(f"nothing to prune: {rel}")
            continue
        try:
            text = yaml_edit.remove(raw, paths)
        except yaml_edit.EditError as exc:
            print(f"error: {rel}: cannot remove the obsolete text by a line edit ({exc}); remove it by hand",
                  file=sys.stderr)
            status = 1
            continue
        path.write_bytes(text.encode("utf-8"))
        print(f"pruned: {rel} ({len(paths)} obsolete: {', '.join('.'.join(map(str, p)) for p in paths)})")
    return status
