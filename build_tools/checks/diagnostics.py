"""Located diagnostics: every problem found in content is a :class:`Diagnostic`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    """How bad a diagnostic is: errors fail validation, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """A diagnostic code with its default severity and a hint for editors."""

    code: str
    name: str
    severity: Severity
    hint: str


def _c(code: str, name: str, hint: str, severity: Severity = Severity.ERROR) -> Code:
    return Code(code, name, severity, hint)


# The registry of every code the validator can emit. Tests assert that each code has a
# bad-input test whose hint words are checked (tests/test_bad_inputs.py, HINTS) and an example in
# CONTENT.md, "Common mistakes": add both when adding a code here.
CODES: dict[str, Code] = {
    c.code: c
    for c in [
        _c("E100", "read-error", "The file could not be read; check permissions."),
        _c("E101", "encoding", "Save the file as UTF-8 (without a byte-order mark)."),
        _c("E102", "binary-file", "Only text files (Markdown, YAML) belong here."),
        _c("E103", "empty-file", "Add content, or delete the file."),
        _c("E104", "file-too-large", "Split the content; files are limited to 2 MB (images and attachments to 20 MB)."),
        _c("E105", "symlink-outside", "Copy the file into the repository instead of linking to a file outside it."),
        _c("W107", "ignored-file", "Editor backups and system files are never published; delete them when you like.",
           Severity.WARNING),
        _c("E110", "yaml-syntax", "Check indentation and quoting near this line."),
        _c("E111", "yaml-duplicate-key", "Each key may appear only once in a mapping."),
        _c("E112", "yaml-not-mapping", "The top level must be a mapping of `key: value` lines."),
        _c("E113", "front-matter", "Front matter starts and ends with a line of three dashes (---)."),
        _c("E120", "missing-field", "Add the field; see CONTENT.md for an example."),
        _c("E121", "wrong-type", "Check the value's type; quote strings that look like numbers or dates."),
        _c("E122", "not-allowed-value", "Use one of the allowed values listed in the message."),
        _c("E123", "invalid-format", "Check the format (dates are YYYY-MM-DD, IDs are lowercase-slugs)."),
        _c("E124", "unknown-field", "Remove the field or fix its spelling; see CONTENT.md."),
        _c("E125", "invalid-value", "Check the value against CONTENT.md."),
        _c("E126", "placeholder", "Replace the placeholder text that `new` wrote with the real content."),
        _c("E127", "implausible-date", "Check the year: the date lies years in the future."),
        _c("W128", "future-date", "Check the date: it lies in the future.", Severity.WARNING),
        _c("E130", "duplicate-id", "IDs must be unique across the whole site; choose another."),
        _c("E131", "id-mismatch", "The ID must match the file name."),
        _c("E132", "unknown-guideline", "Use the ID of a guideline in guidelines/."),
        _c("E133", "unknown-principle", "Use a principle ID that exists in the referenced guideline."),
        _c("E134", "unknown-country", "Use an ISO 3166-1 alpha-2 code, upper case (e.g. FR)."),
        _c("E135", "unknown-reference", "Use a value from content/taxonomy.yml."),
        _c("E137", "taxonomy-label-missing", "Add the label of the value under its section in locales/en.yml."),
        _c("E138", "taxonomy-value-in-use", "Add the value back to content/taxonomy.yml, or replace it in the files "
           "that use it."),
        _c("W136", "depends-on-broken", "Fix the errors of this file first; the files that refer to it are "
           "checked again then.", Severity.WARNING),
        _c("E140", "file-name", "Use lowercase-slug names: name.md, name.<lang>.md, <iso2>.yml."),
        _c("E142", "language-in-name", "Translations add the language with a dot: about.fr.md, not about-fr.md."),
        _c("E141", "unknown-language", "The language suffix must be one of the site languages in mkdocs.yml."),
        _c("E143", "unknown-file", "Only pages and the images and attachments pages link are published; move other "
           "files out of content/."),
        _c("E144", "generated-file-edited", "The build writes this file: edit the source it is made from, then "
           "delete this file (the build writes it again)."),
        _c("W150", "translation-orphan", "The English source was retired or renamed; rename or prune the translation.",
           Severity.WARNING),
        _c("E151", "translation-duplicate-id", "Give each part, section and principle once; order does not matter."),
        _c("E152", "translation-non-text", "Translations hold text only; numbers, dates and codes come from the source."),
        _c("E153", "translation-unknown-key", "The source has no such field; remove it from the translation."),
        _c("W154", "translation-obsolete", "The English no longer has this; run `translations prune FILE` to remove it.",
           Severity.WARNING),
        _c("W156", "translation-number", "The translation has a number the English text lacks; check it was not mistyped.",
           Severity.WARNING),
        _c("W160", "locale-unknown-key", "Only keys of locales/en.yml are used: fix the spelling, or remove an obsolete "
           "key with `translations prune locales/<lang>.yml`.", Severity.WARNING),
        _c("E161", "locale-placeholder", "Keep exactly the same {placeholders} as the English string."),
        _c("E162", "locale-double-braces", "Placeholders take single braces: {count}, not {{count}}."),
        _c("W163", "locale-missing-key", "Translate the key; English is shown until then.", Severity.WARNING),
        _c("W170", "agreement-one-sided", "Add the agreement to the partner's profile too.", Severity.WARNING),
        _c("E171", "agreement-mismatch", "Both sides of an agreement must give the same dates and branches."),
        _c("E172", "profile-duplicate-key", "Give programs of a branch distinct IDs and laws of a program distinct keys "
           "(`id`); write a law shared by a branch's programs once, under the branch's `laws`."),
        _c("E173", "profile-misplaced", "Move the field to the branch it belongs to (see CONTENT.md)."),
        _c("E174", "profile-inconsistent", "Ranges run min to max; early <= normal <= deferred age; a tier names a "
           "program; a branch `status: unknown` lists nothing else."),
        _c("W175", "profile-numbered-line", "Markdown reads a line that starts with a number and a dot as a numbered "
           "list item: rewrap the text so the number is not at the start of a line, or write 60\\. to keep it text.",
           Severity.WARNING),
        _c("E180", "unsafe-html", "Write Markdown; only a few inline tags are allowed (CONTENT.md, \"Raw HTML\")."),
        _c("E181", "broken-link", "Link to an existing page or anchor (check the path and #anchor)."),
        _c("E190", "config", "Fix mkdocs.yml at the line named; the other files are checked once it reads."),
    ]
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem in one file."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)
    hint: str = field(default="", compare=False)

    def format_text(self) -> str:
        """Render as ``path:line:col CODE message (hint: ...)``."""
        tail = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}:{self.column} {self.code} {self.message}{tail}"

    def to_json(self) -> dict[str, object]:
        """Render as a JSON-ready dict with the documented keys."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def make(path: str, line: int, column: int, code: str, message: str, hint: str | None = None) -> Diagnostic:
    """Build a diagnostic, taking severity and hint from the code registry (``hint`` overrides it)."""
    entry = CODES[code]
    return Diagnostic(path, max(line, 1), max(column, 1), code, message, entry.severity, hint or entry.hint)


# Problems that make a file unreadable or its structure unknown come first in every report:
# whatever is reported after them may be a consequence.
# Errors that leave the content model whole (every document loaded, every reference resolved): links
# are still checked beside them, so an editor sees a mistyped image link together with the "not linked"
# image it leaves behind, in one run.
MODEL_INTACT_CODES = frozenset({"E126", "E127", "E143", "E144", "E161", "E162", "E180"})

_ROOT_CAUSE_PREFIXES = ("E10", "E11", "E190", "E138")


def root_cause_order(diag: Diagnostic) -> tuple[int, Diagnostic]:
    """Sort key: read and syntax errors first, broken links last, then by file and line."""
    if diag.code.startswith(_ROOT_CAUSE_PREFIXES):
        rank = 0
    elif diag.code == "E181":
        rank = 2
    elif diag.code == "W136":
        rank = 1  # a summary of the errors of its file: after them (it is at line 1, they are further down)
        return rank, replace(diag, line=10**9, column=0)
    else:
        rank = 1
    return rank, diag


def _gh_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's rules: %, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    """Escape a workflow command's property value (also ':' and ',')."""
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diag: Diagnostic) -> str:
    """One GitHub Actions workflow command, shown on the pull request's diff at the file and line."""
    kind = "error" if diag.severity is Severity.ERROR else "warning"
    message = diag.message + (f" (hint: {diag.hint})" if diag.hint else "")
    props = (f"file={_gh_property(diag.path)},line={diag.line},col={diag.column},"
             f"title={_gh_property(diag.code)}")
    return f"::{kind} {props}::{_gh_data(message)}"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True if any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def format_report(diagnostics: list[Diagnostic], fmt: str = "text") -> str:
    """Format diagnostics for the terminal (``text``), machines (``json``) or GitHub Actions (``github``).

    Root causes (unreadable files, syntax errors) come first.
    """
    ordered = sorted(diagnostics, key=root_cause_order)
    if fmt == "json":
        return json.dumps([d.to_json() for d in ordered], ensure_ascii=False, indent=2)
    lines = [format_github(d) if fmt == "github" else d.format_text() for d in ordered]
    errors = sum(1 for d in ordered if d.severity is Severity.ERROR)
    warnings = len(ordered) - errors
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)
