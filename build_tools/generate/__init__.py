"""Page generation: turn structured content into Markdown pages inside ``docs_dir``.

Each content type has its own generator module exposing ``pages(ctx) -> list[GeneratedPage]``.
Files are written only when their text changed (so ``mkdocs serve`` does not loop), and
generated files that are no longer produced are removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.generate import checklists, front_page, guideline_pages, listings, profile_pages, status_page
from build_tools.generate.context import Context, GeneratedPage, Generator, Text
from build_tools.model import generated_files, layout
from build_tools.model.project import Project

__all__ = ["Context", "GeneratedPage", "Generator", "Text", "WriteResult", "generate_pages", "generators",
           "write_pages"]


def generators() -> list[Generator]:
    """All page generators, one per content type."""
    return [front_page.pages, guideline_pages.pages, checklists.pages, profile_pages.pages, listings.pages,
            status_page.pages]


@dataclass
class WriteResult:
    """What a generation run changed on disk."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    # Generated paths that someone edited (or files the build did not write): neither overwritten
    # nor removed; validation reports them (E144).
    kept: list[str] = field(default_factory=list)


def generate_pages(project: Project, languages: list[str] | None = None,
                   pages_only: bool = False) -> list[GeneratedPage]:
    """Run every generator for every language (or only for ``languages``).

    ``pages_only`` leaves out the data files (open data as CSV, JSON and XLSX), which no page's
    Markdown holds: validation checks links without paying for the spreadsheets.
    """
    ctx = Context(project, tuple(languages) if languages is not None else None, pages_only)
    out: list[GeneratedPage] = []
    for gen in generators():
        out.extend(gen(ctx))
    return out


def write_pages(docs_dir: Path, pages: list[GeneratedPage], remove_stale: bool = True) -> WriteResult:
    """Write pages that changed and (unless told not to) remove stale generated files.

    A file that is not as the build wrote it (an editor's change, see
    :func:`build_tools.model.generated_files.state`) is never overwritten or removed.
    """
    result = WriteResult()
    wanted = {p.path for p in pages}
    old_record = generated_files.read_record(docs_dir)
    record = dict(old_record or {}) if not remove_stale else {}
    for page in pages:
        target = docs_dir / page.path
        data = page.data if page.data is not None else page.text.encode("utf-8")
        if not page.path.endswith(".md"):
            record[page.path] = layout.digest(data)
        if target.is_file() and target.read_bytes() == data:
            result.unchanged += 1
            continue
        if target.exists() and generated_files.state(docs_dir, page.path, old_record) != generated_files.INTACT:
            result.kept.append(page.path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        result.written.append(page.path)
    for existing in _generated_files(docs_dir) if remove_stale else []:
        if existing not in wanted:
            if not Path(existing).name.startswith(".") and \
                    generated_files.state(docs_dir, existing, old_record) != generated_files.INTACT:
                result.kept.append(existing)
                continue
            (docs_dir / existing).unlink(missing_ok=True)
            result.removed.append(existing)
    if record or old_record is not None:
        docs_dir.mkdir(parents=True, exist_ok=True)
        generated_files.write_record(docs_dir, record)
    return result


def _generated_files(docs_dir: Path) -> list[str]:
    """Generated files on disk, and leftover temporary files of an interrupted write."""
    out = generated_files.listing(docs_dir)
    for folder in layout.GENERATED_DIRS:
        root = docs_dir / folder
        if root.is_dir():
            out += [p.relative_to(docs_dir).as_posix() for p in root.rglob(".*.tmp") if p.is_file()]
    return out
