"""``translations stamp --all-languages FILE``: a trivial English fix (a typo) outdates no language.

After an editor fixes a typo in an English source, every translation of that file would show the
changed unit as outdated. This command re-stamps, in every language, exactly the units that were
up to date *before* the change: their recorded hash is the hash of the previous English version
(the last committed one, or the one before it when the fix is already committed). Units that were
already outdated stay outdated, and it says which it did.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from build_tools.checks.reading import relative_path
from build_tools.i18n import history
from build_tools.i18n.history import History, UnitFields
from build_tools.i18n.translation_status import is_locale_file, stamp_text, unit_label
from build_tools.model import country_profiles, guidelines, kinds, layout
from build_tools.model.base import Translation
from build_tools.model.project import Project, load_project


def _source(project: Project, path: Path) -> tuple[Callable[[str], UnitFields], list[Translation]] | None:
    """The history parser of the English file at ``path`` and its translations, if it is a source."""
    wanted = path.resolve()
    if wanted == (project.root / layout.LOCALES_DIR / f"{project.config.default_language}.yml").resolve():
        return history.parse_locale, list(project.catalog.files.values())
    for kind in kinds.kinds():
        for item in project.items(kind).values():
            if item.source.path.resolve() != wanted:
                continue
            parse = {guidelines.KIND: history.parse_guideline, country_profiles.KIND: history.parse_profile}.get(
                kind.name, history.parse_document)
            return parse, list(item.translations.values())
    return None


def _previous(hist: History, rel: str, current: str) -> str | None:
    """The English text before the latest change: the last commit's, or the one before if committed."""
    versions = hist.versions(rel)
    if versions and versions[0] != current:
        return versions[0]
    return versions[1] if len(versions) > 1 else None


def restamp(project: Project, path: Path) -> list[tuple[str, list[str], list[str]]]:
    """Re-stamp every translation of the English ``path``; per file: (path, re-stamped, left outdated).

    Raises ValueError when ``path`` is not an English source or git has no earlier version of it.
    """
    rel = relative_path(path, project.root)
    found = _source(project, path)
    if found is None:
        raise ValueError(f"{rel}: not an English source of this site (give the English file, e.g. guidelines/x.yml)")
    parse, translations = found
    current_text = path.read_bytes().decode("utf-8")
    previous_text = _previous(History(project.root), rel, current_text)
    if previous_text is None:
        raise ValueError(f"{rel}: git has no earlier version of this file to compare with (a shallow clone?)")
    before = {k: v[0] for k, v in parse(previous_text).items() if not k.startswith("~")}
    now = {k: v[0] for k, v in parse(current_text).items() if not k.startswith("~")}
    out: list[tuple[str, list[str], list[str]]] = []
    for tr in sorted(translations, key=lambda t: t.source.rel):
        recorded = tr.source_hashes
        hashes = dict(recorded)
        done, left = [], []
        for unit, digest in recorded.items():
            if unit not in now or now[unit] == digest:
                continue
            if before.get(unit) == digest:
                hashes[unit] = now[unit]
                done.append(unit)
            else:
                left.append(unit)
        if done:
            raw = tr.source.path.read_bytes().decode("utf-8")
            text = stamp_text(raw, hashes, tr.source.path.suffix == ".md", is_locale_file(tr.source.path, project))
            tr.source.path.write_bytes(text.encode("utf-8"))
        out.append((tr.source.rel, done, left))
    return out


def run_stamp_all_languages(root: Path, files: list[Path]) -> int:
    """CLI: after a trivial English fix, re-stamp the units every language had up to date before it."""
    if not files:
        print("usage: python -m build_tools translations stamp --all-languages ENGLISH_FILE [...]", file=sys.stderr)
        return 2
    project = load_project(root)
    status = 0
    for file in files:
        path = (file if file.is_absolute() else Path.cwd() / file).resolve()
        try:
            results = restamp(project, path)
        except (ValueError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
            continue
        if not results:
            print(f"{relative_path(path, root)}: no translations to stamp")
        for rel, done, left in results:
            words: list[Any] = []
            if done:
                words.append(f"re-stamped {', '.join(unit_label(u) for u in done)} (up to date before the change)")
            if left:
                words.append(f"left outdated {', '.join(unit_label(u) for u in left)} (already outdated before "
                             "this change: it needs translating)")
            print(f"{rel}: {'; '.join(words) if words else 'nothing to re-stamp'}")
    return status
