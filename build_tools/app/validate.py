"""The ``validate`` command: load everything, report every problem at once."""

from __future__ import annotations

from pathlib import Path

from build_tools.checks.diagnostics import MODEL_INTACT_CODES, Diagnostic, has_errors
from build_tools.model.project import Project, load_project


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``mkdocs.yml``."""
    probe = start.resolve()
    for folder in [probe, *probe.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start.resolve()


def _expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            out.append(path)
    return out


def validate(root: Path, paths: list[Path] | None = None) -> tuple[Project, list[Diagnostic]]:
    """Validate the project at ``root``; with ``paths``, report only on those files.

    Files outside the project are validated in the project's context (so that their
    cross-references are checked against the real site).
    """
    root = root.resolve()
    wanted = _expand(paths or [])
    outside = []
    for path in wanted:
        try:
            path.resolve().relative_to(root)
        except ValueError:
            outside.append(path)
    project = load_project(root, outside)
    diags = project.diagnostics
    blocking = project.blocking()
    # Files validated from outside the project (``new`` checks its draft so) are not pages of the site:
    # links are checked beside errors only for the project's own files.
    if not blocking or (not outside and all(d.code in MODEL_INTACT_CODES for d in blocking)):
        from build_tools.output.link_check import check_project

        diags = sorted(diags + check_project(project))  # links need a valid model to resolve against
    if paths:
        rels = set()
        for path in wanted:
            try:
                rels.add(path.resolve().relative_to(root).as_posix())
            except ValueError:
                rels.add(path.as_posix())
        missing = [p for p in paths if not p.exists()]
        # A file that refers to a broken one cannot be fully checked: show the cause too.
        causes = {cause for rel in rels for cause in project.waiting_on.get(rel, ())}
        diags = [d for d in diags if d.path in rels or d.path in causes]
        from build_tools.checks.diagnostics import make

        diags += [make(p.as_posix(), 1, 1, "E100", "no such file or folder",
                       hint="check the spelling of the path; it is relative to the folder you run the command in")
                  for p in missing]
    return project, diags


def exit_code(diags: list[Diagnostic]) -> int:
    """1 if any error, else 0."""
    return 1 if has_errors(diags) else 0
