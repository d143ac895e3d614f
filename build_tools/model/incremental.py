"""Incremental reloading for the live preview: re-read only the editor documents that changed.

Loading the whole project takes seconds at portal scale; an editor saving one good practice
should see it again in well under that. Only Markdown documents (good practices, reports,
plain pages and their translations) are reloaded in place; any other change (guidelines,
country profiles, locales, taxonomy, added or removed files) means a full reload.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from build_tools.checks.reading import relative_path
from build_tools.model import kinds, layout
from build_tools.model.base import SourceFile
from build_tools.model.project import Project, _cross_checks, _Loader, _survey

Key = tuple[tuple[str, int, int], ...]


def changed_paths(old: Key, new: Key) -> tuple[set[str], set[str], set[str]]:
    """(modified, added, removed) source paths between two fingerprints."""
    before = {path: (size, mtime) for path, size, mtime in old}
    after = {path: (size, mtime) for path, size, mtime in new}
    modified = {p for p in before.keys() & after.keys() if before[p] != after[p]}
    return modified, after.keys() - before.keys(), before.keys() - after.keys()


def document_kind(rel: str) -> str | None:
    """The kind of a reloadable editor document from its path relative to the project, else None."""
    prefix = layout.CONTENT_DIR + "/"
    kind = kinds.match(rel, rel[len(prefix):] if rel.startswith(prefix) else None)
    return kind.name if kind is not None and kind.reloadable else None


def reload_documents(project: Project, rels: set[str]) -> bool:
    """Re-read the changed documents ``rels`` (paths relative to the project) into ``project``.

    Diagnostics of those files are replaced by fresh ones. Returns True if any front matter
    changed (then listings and other generated pages may need regenerating), False if only
    bodies changed.
    """
    root = project.root
    loader = _Loader(project.config, project.catalog, [])
    loader.project = project
    meta_changed = False
    translated: list[tuple[str, str, str, dict[str, Any] | None]] = []  # kind, key, lang, front matter before
    for rel in sorted(rels):
        kind = document_kind(rel)
        if kind is None:
            raise ValueError(f"{rel} is not an editor document")
        path = root / rel
        name = layout.split_name(path.name)
        coll = project.items(kind)
        if name is not None and name.lang is not None:
            key = _key(loader, kind, root / rel.replace(f".{name.lang}.md", ".md"))
            target = coll.get(key)
            old_tr = target.translations.get(name.lang) if target is not None else None
            translated.append((kind, key, name.lang, old_tr.data if old_tr is not None else None))
            loader.add(kind, path)  # queued; resolved below
            continue
        key = _key(loader, kind, path)
        old = coll.get(key)
        loader.add(kind, path)
        new = coll.get(key)
        if new is old:
            continue  # not loadable (its errors are reported): the previous version stays
        if old is not None and new is not None:
            new.translations = old.translations
        meta_changed = meta_changed or old is None or new is None or old.meta != new.meta
    loader.resolve_translations()
    for kind, key, lang, before in translated:
        target = project.items(kind).get(key)
        after = target.translations.get(lang) if target is not None else None
        meta_changed = meta_changed or before is None or after is None or after.data != before
    project._derived.clear()
    if meta_changed:
        project.meta_generation += 1
    # An error at the taxonomy that summarises its users (E138) changes when one of them does.
    fresh = [d for d in _cross_checks(project) if d.path in rels or d.code == "E138"]
    project.diagnostics = sorted(set([d for d in project.diagnostics if d.path not in rels and d.code != "E138"]
                                     + loader.diags + fresh))
    if project.assets or any(d.code == "E143" for d in project.diagnostics):
        # A page may have started or stopped linking an image or attachment: survey again.
        surveyed = _survey(project)
        project.assets = surveyed.assets
        project.diagnostics = sorted(set([d for d in project.diagnostics if d.code not in ("E143", "W107")]
                                         + surveyed.diagnostics))
    return meta_changed


def _key(loader: _Loader, kind: str, path: Path) -> str:
    """The collection key of a source document: its path for plain pages, else its ID."""
    spec = kinds.get(kind)
    if spec is not None and spec.keyed_by_path:
        name = layout.split_name(path.name)
        stem = name.stem if name is not None else path.stem
        return loader.docs_key(SourceFile(path, relative_path(path, loader.project.root), stem, None))
    return path.name.split(".")[0]
