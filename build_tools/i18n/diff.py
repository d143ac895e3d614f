"""What changed in the English since a translation was stamped, word by word.

``translations diff FILE`` lists each outdated unit of a translation file with the English text
the translator worked from (found in git history by its stamped hash) next to today's, marked
``[-removed-]{+added+}`` as ``git diff --word-diff`` does.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path
from typing import Any

from build_tools.checks.reading import relative_path
from build_tools.i18n.history import History
from build_tools.i18n.renames import describe, id_mismatches, renamed_translations, translation_of
from build_tools.i18n.units import Unit, item_units_for, renamed_units, site_units
from build_tools.model import layout
from build_tools.model.project import Project, load_project

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``new`` compared with ``old`` as (op, text) pieces: op is ``=`` (same), ``-`` (removed) or ``+`` (added).

    Words and the whitespace between them are the tokens, so a diff never splits a word.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[tuple[str, str]] = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[a0:a1])))
            continue
        if a1 > a0:
            out.append(("-", "".join(a[a0:a1])))
        if b1 > b0:
            out.append(("+", "".join(b[b0:b1])))
    return out


def render_word_diff(pieces: list[tuple[str, str]]) -> str:
    """The pieces as text, ``[-removed-]{+added+}`` (git's word-diff notation)."""
    marks = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
    return "".join(marks[op][0] + text + marks[op][1] for op, text in pieces)


def unit_change(unit: Unit) -> dict[str, Any]:
    """A JSON-ready description of an outdated unit: where, before, now and the word diff."""
    out: dict[str, Any] = {"context": unit.context, "label": unit.label, "source": unit.ref,
                           "now": unit.source, "stamped": unit.previous}
    out["diff"] = None if unit.previous is None else render_word_diff(word_diff(unit.previous, unit.source))
    return out


Changes = dict[str, dict[str, list[dict[str, Any]]]]


def outdated_changes(project: Project, langs: list[str], hist: History | None = None) -> Changes:
    """For each language, each translation file's outdated units as :func:`unit_change` dicts."""
    hist = hist or History(project.root)
    out: Changes = {}
    for lang in langs:
        per_file: dict[str, list[dict[str, Any]]] = {}
        outdated = {r.path for r in project.translation_reports(lang) if r.state == "outdated"}
        for item in site_units(project, lang, hist, outdated):
            changes = [unit_change(u) for u in item.changed()]
            if changes:
                per_file[item.target] = changes
        out[lang] = per_file
    return out


def run_diff(root: Path, files: list[Path], fmt: str) -> int:
    """CLI: show, per outdated unit of each translation file, the English then and now, word by word."""
    if not files:
        print("usage: python -m build_tools translations diff FILE [FILE...]", file=sys.stderr)
        return 2
    project = load_project(root)
    hist = History(root)
    status = 0
    never: set[str] = set()
    report: dict[str, list[dict[str, Any]]] = {}
    mismatched = id_mismatches(project)
    for file in files:
        path = (file if file.is_absolute() else Path.cwd() / file).resolve()
        rel = relative_path(path, root)
        name = layout.split_name(path.name)
        lang = name.lang if name is not None else None
        for m in mismatched:
            if lang and rel in (translation_of(m.old, lang), translation_of(m.english, lang)):
                print(f"note: {m.describe(root, lang)}", file=sys.stderr)
        item = item_units_for(project, path, hist)
        if item is None:
            moved = next((r for r in renamed_translations(project) if r.path == rel), None)
            if moved is not None:
                # Follow the rename: compare with today's English at its new name.
                print(f"note: {describe(moved)}", file=sys.stderr)
                item = renamed_units(project, rel, moved.rename.new, moved.lang, hist)
        if item is None:
            print(f"error: {rel}: not a translation file of this site", file=sys.stderr)
            status = 1
            continue
        if item.never_stamped:
            never.add(rel)
            report[rel] = []
            continue
        report[rel] = [unit_change(u) for u in item.changed()]
        if not report[rel] and item.outdated:
            # The status says outdated but no text can be lined up (the page's blocks moved): say which units.
            report[rel] = [{"context": f"{rel}#{unit}", "label": unit, "source": rel, "now": "", "stamped": None,
                            "diff": None} for unit in sorted(item.outdated)]
    if fmt == "json":
        print(json.dumps({rel: {"never_stamped": rel in never, "changes": changes} for rel, changes in report.items()},
                         ensure_ascii=False, indent=2))
        return status
    for rel, changes in report.items():
        if rel in never:
            print(f"{rel}: never stamped — review and stamp (python -m build_tools translations stamp {rel}); "
                  "there is no earlier English to compare with")
            continue
        if not changes:
            print(f"{rel}: nothing changed in English since it was stamped")
            continue
        print(f"{rel}: {len(changes)} text(s) changed in English")
        for change in changes:
            print(f"\n  {change['label']}  ({change['source']})")
            if change["diff"] is None and not change["now"]:
                print("    (changed in English, but the translation's blocks no longer line up with the English it "
                      "was stamped from: compare the whole text)")
            elif change["diff"] is None:
                print("    (the English it was translated from is not in the git history; today's English:)")
                print("    " + change["now"].replace("\n", "\n    "))
            else:
                print("    " + str(change["diff"]).replace("\n", "\n    "))
    return status
