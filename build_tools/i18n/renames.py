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
    if not problems and not any(m[0] != old for m in moves):
        problems.append(f"no translation of {old} to move")
    return (moves if not problems else []), problems


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
    if moves[0] == (old, new):
        _rename_id(root / new, Path(old).stem, Path(new).stem)
    for source, target in moves:
        print(f"moved: {source} → {target}")
    after = load_project(root)
    stale = sorted(r.path for lang in after.languages if lang != default
                   for r in after.translation_reports(lang) if r.path in {t for _s, t in moves} and r.state != "translated")
    for rel in stale:
        print(f"note: {rel} is not up to date with the English: python -m build_tools translations diff {rel}")
    return 0


def _rename_id(path: Path, old: str, new: str) -> None:
    """An item whose ``id`` is its file name (a case, a guideline) takes the new name: one line edited, the rest kept."""
    raw = path.read_bytes().decode("utf-8")
    edited = re.sub(rf"(?m)^(id:[ \t]*)([\"']?){re.escape(old)}\2([ \t]*\r?)$", rf"\g<1>\g<2>{new}\g<2>\g<3>", raw,
                    count=1)
    if edited != raw:
        path.write_bytes(edited.encode("utf-8"))
        print(f"changed: {path.name}: id {old} → {new}")


def describe(renamed: RenamedTranslation) -> str:
    """One line for status and prune: where the translation is, where it belongs and the command."""
    when = "staged, not yet committed" if renamed.rename.commit == "staged" else f"git {renamed.rename.commit}"
    return (f"{renamed.path}: its English {renamed.rename.old} was renamed to {renamed.rename.new} ({when}); "
            f"move the translation: {renamed.rename.command()}")

