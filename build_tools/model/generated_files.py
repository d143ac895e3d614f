"""Generated files inside ``docs_dir``: are they as the build wrote them, and what are they made from?

The build writes its pages into git-ignored folders of ``content/`` (see :mod:`build_tools.model.layout`).
An editor who changes one there would lose the change at the next build, silently. So a generated
file is overwritten or removed only when it is provably the build's own (:func:`state`), and an
edited one is error E144, which names the source to edit instead (:func:`source_hint`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

from build_tools.model import kinds, layout

INTACT, EDITED, FOREIGN = "intact", "edited", "foreign"

# (absolute path, size, mtime) -> state: the live preview surveys the folder after every edit.
_STATES: dict[tuple[str, int, int], str] = {}


def read_record(docs: Path) -> dict[str, str] | None:
    """The digests of generated non-Markdown files (None: no record yet, or unreadable)."""
    try:
        data = json.loads((docs / layout.GENERATED_RECORD).read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    return {str(k): str(v) for k, v in data.items()}


def write_record(docs: Path, record: dict[str, str]) -> None:
    """Save the digests of generated non-Markdown files (atomically)."""
    target = docs / layout.GENERATED_RECORD
    text = json.dumps(dict(sorted(record.items())), indent=0) + "\n"
    try:
        if target.read_text("utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)


def state(docs: Path, rel_docs: str, record: dict[str, str] | None) -> str:
    """Whether the generated path ``rel_docs`` holds what the build wrote (:data:`INTACT`).

    :data:`EDITED`: someone changed it after the build wrote it; :data:`FOREIGN`: the build did not
    write it (a file put into a generated folder by hand). A Markdown page proves itself by the
    digest in its marker; other files by :data:`layout.GENERATED_RECORD` (without a record, which
    earlier versions did not keep, they count as the build's own).
    """
    path = docs / rel_docs
    try:
        st = path.stat()
    except OSError:
        return INTACT  # gone: nothing to lose
    markdown = rel_docs.endswith(".md")
    key = (str(path), st.st_size, st.st_mtime_ns)
    if markdown and key in _STATES:
        return _STATES[key]
    try:
        data = path.read_bytes()
    except OSError:
        return EDITED
    if markdown:
        try:
            found = layout.page_state(data.decode("utf-8"))
        except UnicodeDecodeError:
            found = EDITED
        _STATES[key] = found
        return found
    if record is None:
        return INTACT
    wanted = record.get(rel_docs)
    if wanted is None:
        return FOREIGN
    return INTACT if layout.digest(data) == wanted else EDITED


def listing(docs: Path) -> list[str]:
    """Every file in a generated location of ``docs`` (docs-relative), hidden files left out."""
    out: list[str] = []
    for folder in layout.GENERATED_DIRS:
        base = docs / folder
        if base.is_dir():
            for dirpath, _dirs, files in os.walk(base):
                here = Path(dirpath)
                out += [(here / name).relative_to(docs).as_posix() for name in files if not name.startswith(".")]
    for prefix in kinds.generated_prefixes():
        parent = docs / PurePosixPath(prefix).parent
        if parent.is_dir():
            stem = PurePosixPath(prefix).name
            out += [p.relative_to(docs).as_posix() for p in parent.iterdir()
                    if p.is_file() and p.name.startswith(stem)]
    return sorted(set(out))


def source_hint(rel_docs: str, languages: list[str], default: str) -> str:
    """Where to make the change that an editor made in the generated file ``rel_docs``."""
    path = PurePosixPath(rel_docs)
    parts = path.parts
    stem, _, rest = path.name.partition(".")
    lang = rest.split(".")[0] if rest.count(".") >= 1 and rest.split(".")[0] in languages else None
    suffix = f".{lang}" if lang and lang != default else ""
    if parts[0] in ("guidelines", "self-assessment") and len(parts) == 2 and stem != "index":
        what = "guideline" if parts[0] == "guidelines" else "checklist (made from the guideline's principles)"
        return f"this {what} is written from {layout.GUIDELINES_DIR}/{stem}{suffix}.yml: edit that file"
    if parts[0] == "countries" and len(parts) == 2 and len(stem) == 2:
        return f"this country page is written from {layout.PROFILES_DIR}/{stem}{suffix}.yml: edit that file"
    if parts[0] in ("guidelines", "self-assessment"):
        return f"this list is written from the guidelines in {layout.GUIDELINES_DIR}/: edit them"
    if parts[0] == "countries":
        return f"this page is written from the country profiles in {layout.PROFILES_DIR}/: edit them"
    if parts[0] == "status":
        return ("the translation status is worked out from the translated files: translate or stamp them "
                "(CONTENT.md, \"For translators\")")
    if len(parts) == 2 and stem == "index":
        kind = kinds.by_url_folder(parts[0])
        if kind is not None:
            return (f"this list is written from the front matter of the {kind.name}s in "
                    f"{layout.CONTENT_DIR}/{parts[0]}/: edit them")
    if len(parts) == 1 and stem == "index":
        return (f"the front page is written from the content and from the texts in "
                f"{layout.LOCALES_DIR}/{lang or default}.yml: edit those")
    return f"edit the sources this page is written from ({layout.CONTENT_DIR}/, {layout.GUIDELINES_DIR}/, " \
           f"{layout.PROFILES_DIR}/, {layout.LOCALES_DIR}/)"
