"""English files renamed in git, so that a translation left at the old name is moved, never lost.

A translation belongs to its English file by name (``a.md`` ↔ ``a.fr.md``). When an editor
renames the English file, every translation keeps the old name and becomes an orphan (W150):
not published, reported as missing at the new name. Git records the rename; :class:`Renames`
reads it (``git log -M --diff-filter=R``, and renames staged but not yet committed), follows a
chain of renames to today's file, and ``translations mv OLD NEW`` moves every language's file.
Stamps hold hashes of the English text, not its path, so a moved translation stays up to date
when the rename kept the text.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from build_tools.checks.diagnostics import Severity
from build_tools.model import kinds, layout
from build_tools.model.project import Project, load_project


@dataclass(frozen=True)
class Rename:
    """The English file ``old`` (relative to the root) is ``new`` today; ``commit`` renamed it ("staged": not yet)."""

    old: str
    new: str
    commit: str

    def command(self) -> str:
        """The command that moves the translations after it."""
        return f"python -m build_tools translations mv {self.old} {self.new}"


def english_of(rel: str, default: str) -> str | None:
    """The English file a translation file belongs to (``a/b.fr.md`` → ``a/b.md``), or None."""
    path = Path(rel)
    name = layout.split_name(path.name)
    if name is None or name.lang is None or name.lang == default:
        return None
    return (path.parent / f"{name.stem}.{name.ext}").as_posix()


def translation_of(english_rel: str, lang: str) -> str:
    """The translation file of ``english_rel`` in ``lang`` (``a/b.md`` → ``a/b.fr.md``)."""
    path = Path(english_rel)
    return (path.parent / f"{path.stem}.{lang}{path.suffix}").as_posix()


class Renames:
    """The renames git knows in the repository at ``root`` (none without git), read once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._moves: dict[str, tuple[str, str]] | None = None

    def _git(self, *args: str) -> str:
        try:
            proc = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.SubprocessError):
            return ""
        return proc.stdout if proc.returncode == 0 else ""

    def moves(self) -> dict[str, tuple[str, str]]:
        """Each renamed path → (its next name, the commit), the newest rename of a path first."""
        if self._moves is None:
            moves: dict[str, tuple[str, str]] = {}
            staged = self._git("diff", "--cached", "-M", "--relative", "--name-status", "--diff-filter=R", "-z")
            self._read(staged, "staged", moves)
            log = self._git("log", "-M", "--relative", "--diff-filter=R", "--name-status", "-z", "--format=%x01%h")
            for chunk in log.split("\x01")[1:]:
                commit, _, rest = chunk.partition("\x00")
                self._read(rest, commit.strip(), moves)
            self._moves = moves
        return self._moves

    @staticmethod
    def _read(text: str, commit: str, moves: dict[str, tuple[str, str]]) -> None:
        """Add the ``R<score> NUL old NUL new`` records of ``git … --name-status -z`` to ``moves``."""
        fields = [f.strip("\n") for f in text.split("\x00")]
        i = 0
        while i < len(fields):
            if fields[i].startswith("R") and i + 2 < len(fields):
                moves.setdefault(fields[i + 1], (fields[i + 2], commit))
                i += 3
            else:
                i += 1

    def follow(self, english_rel: str) -> Rename | None:
        """Where the English file ``english_rel`` went, if it no longer exists and git renamed it to a file that does."""
        if (self.root / english_rel).exists():
            return None
        moves = self.moves()
        if english_rel not in moves:
            return None
        current, commit = moves[english_rel]
        seen = {english_rel}
        while not (self.root / current).exists() and current in moves and current not in seen:
            seen.add(current)
            current = moves[current][0]
        return Rename(english_rel, current, commit) if (self.root / current).is_file() else None


@dataclass(frozen=True)
class RenamedTranslation:
    """A translation left at the old name of its renamed English file."""

    path: str  # the translation file today (the old name)
    lang: str
    rename: Rename

    @property
    def new_path(self) -> str:
        """Where the translation belongs now."""
        return translation_of(self.rename.new, self.lang)


def renamed_translations(project: Project, renames: Renames | None = None) -> list[RenamedTranslation]:
    """Every orphan translation (W150) whose English file git renamed, in path order."""
    renames = renames or Renames(project.root)
    default = project.config.default_language
    out: list[RenamedTranslation] = []
    for rel in sorted({d.path for d in project.diagnostics if d.code == "W150"}):
        english = english_of(rel, default)
        name = layout.split_name(Path(rel).name)
        if english is None or name is None or name.lang is None:
            continue
        rename = renames.follow(english)
        if rename is not None:
            out.append(RenamedTranslation(rel, name.lang, rename))
    return out


# ---------------------------------------------------------------------------------------------
# An English file renamed without its id (E131)
# ---------------------------------------------------------------------------------------------

_E131_ID = re.compile(r"^id '([^']*)' differs")


@dataclass(frozen=True)
class IdMismatch:
    """An English file renamed (``git mv``) without its ``id``: E131, so the item is not built.

    Cases and guidelines derive their ID from the file name (the model checks ``id`` equals the
    stem), and translations follow the ID (``<id>.<lang>.md``), never carry one. ``old`` is the
    English file name the ID belongs to; ``translations mv old english`` sets the ID to the new
    name and moves the translations left at the old name.
    """

    kind: str
    item_id: str
    english: str  # the English file today
    line: int  # of its ``id``
    old: str  # the name the ID belongs to
    commit: str  # the commit that renamed ``old`` to ``english`` ("staged"), or "" when git does not know

    def command(self) -> str:
        """The command that fixes it."""
        return f"python -m build_tools translations mv {self.old} {self.english}"

    def describe(self, root: Path, lang: str | None = None) -> str:
        """What is wrong and how to fix it, with where the translation in ``lang`` is today."""
        stem = Path(self.english).stem
        how = (f"renamed from {self.old} " + ("in a staged change" if self.commit == "staged" else f"in git {self.commit}")
               if self.commit else f"its id names {self.old}")
        text = (f"{self.english}:{self.line}: its id '{self.item_id}' is not its file name '{stem}' (E131; {how}), "
                "so it is not built and its translations are not counted")
        if lang is not None:
            at_old, at_new = translation_of(self.old, lang), translation_of(self.english, lang)
            old_there, new_there = (root / at_old).is_file(), (root / at_new).is_file()
            if old_there and new_there:
                return (f"{text}; there are two {lang} translations, {at_old} and {at_new}: delete the one you do not "
                        f"keep, then run: {self.command()}")
            if old_there:
                text += f"; its {lang} translation is at the old name, {at_old}"
            elif new_there:
                text += f"; its {lang} translation is already at {at_new}"
        return f"{text}. Fix: {self.command()} (sets the id to '{stem}' and moves the translations)"


def id_mismatches(project: Project, renames: Renames | None = None) -> list[IdMismatch]:
    """Every English case or guideline whose ``id`` is not its file name (E131), in path order."""
    root = project.root
    renames = renames or Renames(root)
    out: list[IdMismatch] = []
    for d in sorted((d for d in project.diagnostics if d.code == "E131"), key=lambda d: d.path):
        found = _E131_ID.match(d.message)
        name = layout.split_name(Path(d.path).name)
        spec = kinds.for_file(root / d.path, root, project.config.docs_dir)
        if found is None or name is None or name.lang is not None or spec is None or spec.keyed_by_path:
            continue
        item_id = found.group(1)
        old = (Path(d.path).parent / f"{item_id}.{name.ext}").as_posix()
        if layout.split_name(Path(old).name) is None or (root / old).exists():
            continue  # not a file name, or another file has it: `mv` cannot help
        rename = renames.follow(old)
        commit = rename.commit if rename is not None and rename.new == d.path else ""
        out.append(IdMismatch(spec.name, item_id, d.path, d.line, old, commit))
    return out


# ---------------------------------------------------------------------------------------------
# translations mv OLD NEW
# ---------------------------------------------------------------------------------------------


def _english_arg(root: Path, file: Path, default: str) -> str | None:
    path = (file if file.is_absolute() else Path.cwd() / file).resolve()
    try:
        rel = path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    return english_of(rel, default) or rel


def plan_move(project: Project, old: str, new: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The (from, to) moves ``translations mv old new`` makes, and the problems that forbid any.

    ``old`` and ``new`` are English files relative to the root. When ``old`` still exists the
    English file moves too (the editor's rename); when git already renamed it, only the
    translations move. Nothing is overwritten.
    """
    root = project.root
    problems: list[str] = []
    default = project.config.default_language
    for rel in (old, new):
        name = layout.split_name(Path(rel).name)
        if name is None or name.lang is not None:
            problems.append(f"{rel}: not an English content file name (stem.md or stem.yml, lower case)")
    if problems:
        return [], problems
    if Path(old).suffix != Path(new).suffix:
        return [], [f"{old} → {new}: a rename keeps the extension ({Path(old).suffix})"]
    if kinds.for_file(root / new, root, project.config.docs_dir) is None:
        return [], [f"{new}: not a place where content lives (a guideline, profile, good practice, report or page)"]
    moves: list[tuple[str, str]] = []
    old_exists, new_exists = (root / old).is_file(), (root / new).exists()
    if old_exists and new_exists:
        return [], [f"both {old} and {new} exist: nothing to rename"]
    if not old_exists and not new_exists:
        return [], [f"neither {old} nor {new} exists"]
    if old_exists:
        moves.append((old, new))
    for lang in project.languages:
        if lang == default:
            continue
        source, target = translation_of(old, lang), translation_of(new, lang)
        if not (root / source).is_file():
            continue
        if (root / target).exists():
            problems.append(f"{target} already exists: move or remove it first ({source} would replace it)")
        moves.append((source, target))
    if not problems and not any(m[0] != old for m in moves) and not _id_to_fix(root / (old if old_exists else new),
                                                                              Path(old).stem):
        problems.append(f"no translation of {old} to move")
    return (moves if not problems else []), problems


def _id_to_fix(path: Path, old_id: str) -> bool:
    """True when the English file at ``path`` still has the ``id`` of its old name (a bare ``git mv``)."""
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return _with_id(raw, old_id, old_id + "-") != raw


def run_mv(root: Path, files: list[Path]) -> int:
    """CLI: ``translations mv OLD NEW``: move an English file's translations (and the file) to a new name."""
    if len(files) != 2:
        print("usage: python -m build_tools translations mv OLD NEW   (English files: content/a.md content/b.md)",
              file=sys.stderr)
        return 2
    project = load_project(root)
    default = project.config.default_language
    old, new = (_english_arg(root, f, default) for f in files)
    if old is None or new is None:
        print("error: both files must be inside the repository", file=sys.stderr)
        return 1
    moves, problems = plan_move(project, old, new)
    if problems:
        print("error: nothing was moved:\n" + "\n".join(f"  {p}" for p in problems), file=sys.stderr)
        return 1
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in moves:
            (root / target).parent.mkdir(parents=True, exist_ok=True)
            (root / source).rename(root / target)
            done.append((root / source, root / target))
    except OSError as exc:
        for source_path, target_path in reversed(done):  # all or nothing
            target_path.rename(source_path)
        print(f"error: nothing was moved: {exc}", file=sys.stderr)
        return 1
    for source, target in moves:
        print(f"moved: {source} → {target}")
    # The English file takes the new ID whether `mv` moved it or git did (a bare `git mv`, E131).
    # Translations carry no `id` (the model refuses one): their name is all that follows the ID.
    _rename_id(root, new, Path(old).stem, Path(new).stem)
    after = load_project(root)
    for rel in sorted(t for _s, t in moves if t != new):
        print(_after_move_note(after, rel))
    # Other files may name the old ID (a case's `guidelines: [..]`): the rename is not finished until they follow.
    old_id = Path(old).stem
    refs = [d for d in after.diagnostics if d.severity is Severity.ERROR and f"'{old_id}'" in d.message]
    if refs:
        print(f"note: {len(refs)} reference(s) to the old id '{old_id}' must change to '{Path(new).stem}' "
              f"(first: {refs[0].path}:{refs[0].line}); python -m build_tools validate lists them")
    return 0


def _after_move_note(project: Project, rel: str) -> str:
    """Where a moved translation stands, in the words of ``translations status`` (and ``diff`` agrees)."""
    report = next((r for lang in project.languages for r in project.translation_reports(lang) if r.path == rel), None)
    if report is None or report.withheld == "errors" or (report.state == "missing" and (project.root / rel).exists()):
        return f"note: {rel} has errors and is not published: python -m build_tools validate {rel}"
    if report.state == "outdated" and report.never_stamped:
        return f"note: {rel} was never stamped — review and stamp: python -m build_tools translations stamp {rel}"
    if report.state == "outdated":
        return (f"note: {rel} is outdated: the English changed since it was stamped "
                f"(see: python -m build_tools translations diff {rel})")
    if report.state == "partial":
        from build_tools.i18n.units import unit_label

        return f"note: {rel} is up to date, but not translated: {', '.join(unit_label(u) for u in report.missing_units)}"
    if report.withheld:
        return f"note: {rel} is in progress (not published until stamped; see: python -m build_tools translations)"
    return f"up to date: {rel}"


def _with_id(raw: str, old: str, new: str) -> str:
    """``raw`` with its top-level ``id: old`` (in a Markdown file: in the front matter) set to ``new``."""
    pattern = rf"(?m)^(id:[ \t]*)([\"']?){re.escape(old)}\2([ \t]*\r?)$"
    if raw.startswith("---"):
        end = re.search(r"(?m)^(---|\.\.\.)[ \t]*\r?$", raw[3:])
        cut = 3 + end.start() if end else len(raw)
        return re.sub(pattern, rf"\g<1>\g<2>{new}\g<2>\g<3>", raw[:cut], count=1) + raw[cut:]
    return re.sub(pattern, rf"\g<1>\g<2>{new}\g<2>\g<3>", raw, count=1)


def _rename_id(root: Path, rel: str, old: str, new: str) -> None:
    """An item whose ``id`` is its file name (a case, a guideline) takes the new name: one line edited, the rest kept."""
    path = root / rel
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return
    edited = _with_id(raw, old, new)
    if edited != raw:
        path.write_bytes(edited.encode("utf-8"))
        print(f"changed: {rel}: id {old} → {new}")


def describe(renamed: RenamedTranslation) -> str:
    """One line for status and prune: where the translation is, where it belongs and the command."""
    when = "staged, not yet committed" if renamed.rename.commit == "staged" else f"git {renamed.rename.commit}"
    return (f"{renamed.path}: its English {renamed.rename.old} was renamed to {renamed.rename.new} ({when}); "
            f"move the translation: {renamed.rename.command()}")

