"""What under ``content/`` may be published: only what the content model knows.

MkDocs copies every file of ``docs_dir`` into the site. An editor's internal notes, an unlinked
spreadsheet or an editor's backup (raw source with front matter) would go out with it. So the
model decides, file by file:

* pages of a known kind (``.md`` sources and their translations) and generated pages are published;
* a file that is not a page (an image, a PDF, a spreadsheet) is published only when a page links it
  (a Markdown link or image on a page, the ``file:`` of a report, or a mention in guideline or
  country-profile text); an unlinked one is error E143;
* editor backups and operating-system litter (``*~``, ``.#*``, ``*.swp``, ``.DS_Store``,
  ``Thumbs.db``) are ignored with a note (W107);
* anything else (``notes.txt``, data files, pages in folders whose name starts with ``_`` or ``.``)
  is error E143.

Whatever this module does not list in :attr:`Survey.assets` is never published: the MkDocs adapter
drops every other non-page file of ``docs_dir`` (``mkdocs_plugins/site.py``).
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.reading import relative_path
from build_tools.model import generated_files, kinds, layout

# Editor backups, lock and swap files, and files the operating system leaves in folders.
LITTER = ("*~", ".#*", "#*#", "*.swp", "*.swo", ".*.sw?", ".DS_Store", "Thumbs.db", "desktop.ini", "._*")
PAGE_SUFFIXES = (".md",)
# Files of docs_dir that are editor-only data, read by the build and never published.
PRIVATE_FILES = (layout.TAXONOMY_FILE.split("/", 1)[1],)
_MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "footnotes"]


def is_litter(name: str) -> bool:
    """True for an editor backup or an operating-system file (never content)."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in LITTER)


@dataclass
class Survey:
    """The files of docs_dir the model knows (beside pages), and the problems with the others."""

    assets: set[str] = field(default_factory=set)  # docs-relative paths of linked files: published
    ignored: set[str] = field(default_factory=set)  # litter: never published, noted
    refused: set[str] = field(default_factory=set)  # unknown files: never published, errors
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _Links(HTMLParser):
    """Every ``href``/``src`` of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def link_targets(markdown_text: str) -> list[str]:
    """The link and image targets of a Markdown text, as Python-Markdown reads them.

    Rendering (not a regular expression) means a path inside a code block is not a link, and
    reference-style links are resolved.
    """
    import markdown

    body = markdown_text
    if body.startswith("---"):
        end = body.find("\n---", 3)
        if end > 0:
            body = body[end + 4:]
    try:
        rendered = markdown.markdown(body, extensions=_MARKDOWN_EXTENSIONS)
    except Exception:  # noqa: BLE001 - a page Markdown cannot render links nothing; validation reports it
        return []
    parser = _Links()
    parser.feed(rendered)
    return parser.targets


def resolve_target(page_docs_rel: str, target: str, languages: list[str]) -> str | None:
    """The docs-relative path a link target on a page points at (None: external or outside docs)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/"))
        first, _, rest = joined.partition("/")
        if first in languages and rest:
            joined = rest
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_docs_rel), path))
    if joined.startswith("../") or joined in ("..", "."):
        return None
    return joined


def _walk(docs: Path) -> list[tuple[str, Path]]:
    """Every file under docs_dir (hidden and ``_`` folders included: MkDocs may publish them)."""
    out: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(docs):
        dirnames.sort()
        here = Path(dirpath)
        for name in sorted(filenames):
            path = here / name
            out.append((path.relative_to(docs).as_posix(), path))
    return out


def survey(docs: Path, root: Path, languages: list[str], attachments: Iterable[tuple[Path, object]] = ()) -> Survey:
    """Sort every file under docs_dir into published, ignored (W107) and refused (E143).

    ``attachments`` are (document path, the file it attaches, relative to it): a report's ``file:``.
    """
    result = Survey()
    if not docs.is_dir():
        return result
    candidates: dict[str, Path] = {}
    result.diagnostics += _generated_changes(docs, root, languages)
    for rel_docs, path in _walk(docs):
        name = path.name
        if kinds.is_generated(rel_docs) or rel_docs in PRIVATE_FILES:
            continue
        rel = relative_path(path, root)
        if is_litter(name):
            result.ignored.add(rel_docs)
            result.diagnostics.append(make(rel, 1, 1, "W107",
                                           f"'{name}' is an editor backup or a system file: it is ignored and "
                                           "never published"))
            continue
        hidden = [part for part in rel_docs.split("/")[:-1] if part.startswith((".", "_"))]
        if hidden:
            result.refused.add(rel_docs)
            result.diagnostics.append(make(
                rel, 1, 1, "E143",
                f"'{name}' lies in the folder '{hidden[0]}/', whose name starts with '{hidden[0][0]}': such folders "
                "are not content, so this file is neither checked nor published",
                hint=f"move it out of content/, or rename the folder without the leading '{hidden[0][0]}'"))
            continue
        if name.startswith("."):
            result.ignored.add(rel_docs)  # hidden files (.gitkeep, ...) are never published
            continue
        if path.suffix in PAGE_SUFFIXES or path.suffix.lower() in (".markdown", ".mdown", ".mkdn", ".mkd"):
            continue  # pages: loaded, checked and named by their content kind
        candidates[rel_docs] = path
    if candidates:
        linked = _linked(docs, root, languages, list(attachments), candidates)
        for rel_docs, path in sorted(candidates.items()):
            if rel_docs in linked:
                result.assets.add(rel_docs)
                continue
            result.refused.add(rel_docs)
            result.diagnostics.append(_unknown(relative_path(path, root), rel_docs, path))
    return result


def _generated_changes(docs: Path, root: Path, languages: list[str]) -> list[Diagnostic]:
    """E144 for each generated file an editor changed, or put into a folder the build writes."""
    out: list[Diagnostic] = []
    record = generated_files.read_record(docs)
    default = languages[0] if languages else "en"
    for rel_docs in generated_files.listing(docs):
        found = generated_files.state(docs, rel_docs, record)
        if found == generated_files.INTACT:
            continue
        rel = relative_path(docs / rel_docs, root)
        name = posixpath.basename(rel_docs)
        if found == generated_files.EDITED:
            source = generated_files.source_hint(rel_docs, languages, default)
            out.append(make(rel, 1, 1, "E144",
                            f"'{name}' is written by the build, and it was changed after the build wrote it: "
                            "the change would be lost at the next build, so the build stops here",
                            hint=f"{source}; then delete {rel} (the build writes it again)"))
        else:
            if "/" in rel_docs and rel_docs.split("/")[0] in layout.GENERATED_DIRS:
                where = f"'{posixpath.dirname(rel)}/' is a folder the build writes"
                hint = f"if it is a page of yours, move it out of that folder, e.g. to {layout.CONTENT_DIR}/{name}"
            else:
                where = f"'{rel}' is the name of a page the build writes"
                hint = (f"give your page another name; to change the generated page, "
                        f"{generated_files.source_hint(rel_docs, languages, default)}")
            out.append(make(rel, 1, 1, "E144",
                            f"'{name}' was not written by the build, but {where}: the build would delete or "
                            "overwrite it, so it stops here", hint=hint))
    return out


def _unknown(rel: str, rel_docs: str, path: Path) -> Diagnostic:
    """E143 for a file that no page links, with a hint that fits what the file looks like."""
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml", ".json", ".txt", ".csv", ".tsv", ".xml", ".html", ".htm", ""):
        what = "is not a page and no page links it"
        hint = (f"move it out of content/ if it is internal (content/ is what the site publishes); "
                f"if readers need it, write it as a page ({path.stem}.md) or link it from a page")
    else:
        what = "is not linked from any page"
        folder = posixpath.dirname(rel_docs)
        hint = (f"link it from the page that needs it, e.g. [{path.stem}]({quote(path.name)}) from a page in "
                f"content/{folder + '/' if folder else ''}; if it is internal, move it out of content/")
    return make(rel, 1, 1, "E143", f"'{path.name}' {what}: it is not published", hint=hint)


def _linked(docs: Path, root: Path, languages: list[str], attachments: list[tuple[Path, object]],
            candidates: dict[str, Path]) -> set[str]:
    """The candidates some page links (only pages that mention a candidate's name are parsed)."""
    names = {path.name for path in candidates.values()}
    names |= {quote(name) for name in names}
    linked: set[str] = set()
    for rel_docs, path in _walk(docs):
        if path.suffix != ".md" or path.name.startswith(".") or kinds.is_generated(rel_docs):
            continue
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported by validation
        if not any(name in text for name in names):
            continue
        for target in link_targets(text):
            found = resolve_target(rel_docs, target, languages)
            if found in candidates:
                linked.add(found)
    # A report's attachment (``file:``, relative to the report's folder).
    for source, attached in attachments:
        if isinstance(attached, str):
            folder = posixpath.dirname(relative_path(source, docs))
            found = posixpath.normpath(posixpath.join(folder, attached))
            if found in candidates:
                linked.add(found)
    # Guideline and country-profile text is Markdown shown on generated pages: a file named there
    # is taken as linked (the link check resolves such links on the pages themselves).
    remaining = {rel_docs: path for rel_docs, path in candidates.items() if rel_docs not in linked}
    if remaining:
        for folder in (layout.GUIDELINES_DIR, layout.PROFILES_DIR):
            base = root / folder
            if not base.is_dir():
                continue
            for source in sorted(base.glob("*.yml")):
                try:
                    text = source.read_text("utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                for rel_docs, path in remaining.items():
                    if path.name in text or quote(path.name) in text:
                        linked.add(rel_docs)
    return linked
