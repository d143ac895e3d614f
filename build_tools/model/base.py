"""Shared pieces of the content model."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from build_tools.checks import editorial, schema_check
from build_tools.checks.diagnostics import CODES, Diagnostic
from build_tools.checks.markdown_safety import scan_tree
from build_tools.checks.reading import Located, MarkdownSource, parse_markdown, parse_yaml_mapping, read_text


@dataclass(frozen=True)
class SourceFile:
    """A content file on disk, with its name split by the suffix convention."""

    path: Path
    rel: str
    stem: str
    lang: str | None  # None for the authoritative (default-language) source


@dataclass
class Translation:
    """A parsed translation file of any content type."""

    source: SourceFile
    located: Located
    body: str = ""
    body_line: int = 1

    @property
    def data(self) -> dict[str, Any]:
        """The parsed translation data (front matter for Markdown)."""
        value = self.located.data
        return value if isinstance(value, dict) else {}

    @property
    def source_hashes(self) -> dict[str, str]:
        """Recorded hashes of the source units this translation was made from."""
        block = self.data.get("translation") or {}
        hashes = block.get("source_hashes") if isinstance(block, dict) else None
        return {str(k): str(v) for k, v in hashes.items()} if isinstance(hashes, dict) else {}

    @property
    def in_progress(self) -> bool:
        """True when the ``translation:`` block says ``status: in-progress`` (see :data:`IN_PROGRESS`)."""
        return translation_status_of(self.data) == IN_PROGRESS


# ---------------------------------------------------------------------------------------------
# The translation block: the one definition of what it may hold
# ---------------------------------------------------------------------------------------------

# ``translation: {status: in-progress}`` marks a translation that is being worked on: it is not
# published (readers get the English with the "not translated yet" notice) and the status lists
# it as in progress, until ``translations stamp`` replaces the block by the stamped hashes.
# ``translations start`` writes it; an import that saves part of a page writes it too (with the
# hashes of the units it did import). CONTENT.md, "For translators", documents it.
IN_PROGRESS = "in-progress"
TRANSLATION_STATUSES = (IN_PROGRESS,)
TRANSLATION_KEY = "translation"
_BLOCK_START = re.compile(r"^translation\s*:")


def translation_status_of(data: object) -> str:
    """The ``status`` of a translation file's ``translation:`` block ("" when it has none)."""
    block = data.get(TRANSLATION_KEY) if isinstance(data, dict) else None
    status = block.get("status") if isinstance(block, dict) else None
    return status if isinstance(status, str) else ""


def block_lines(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) line indexes of the top-level ``translation:`` block in ``lines``, if any."""
    start = next((i for i, line in enumerate(lines) if _BLOCK_START.match(line)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
        end += 1
    return start, end


def without_block(text: str) -> str | None:
    """``text`` with its top-level ``translation:`` block blanked (line numbers kept), None if it has none."""
    lines = text.splitlines(keepends=True)
    found = block_lines(lines)
    if found is None:
        return None
    start, end = found
    blank = ["\r\n" if line.endswith("\r\n") else ("\n" if line.endswith("\n") else "") for line in lines[start:end]]
    return "".join(lines[:start] + blank + lines[end:])


def parse_translation_yaml(text: str, rel: str) -> tuple[Located | None, list[Diagnostic]]:
    """Parse a YAML translation; when only its ``translation:`` block is broken, keep its texts.

    A hand-broken stamp block must not make a complete translation count as missing: the
    syntax error is still reported (at its line), and the texts load without any stamp.
    """
    located, diags = parse_yaml_mapping(text, rel)
    if located is None:
        stripped = without_block(text)
        if stripped is not None:
            recovered, again = parse_yaml_mapping(stripped, rel)
            if recovered is not None and not again:
                return recovered, diags
    return located, diags


def parse_translation_markdown(text: str, rel: str) -> tuple[MarkdownSource | None, list[Diagnostic]]:
    """:func:`parse_translation_yaml` for a Markdown translation (the block is in its front matter)."""
    parsed, diags = parse_markdown(text, rel, require_front_matter=False)
    if parsed is None:
        lines = text.splitlines(keepends=True)
        close = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") in ("---", "...")), None)
        if lines and lines[0].rstrip("\r\n") == "---" and close is not None:
            front = without_block("".join(lines[1:close]))
            if front is not None:
                recovered, again = parse_markdown(lines[0] + front + "".join(lines[close:]), rel, False)
                if recovered is not None and not again:
                    return recovered, diags
    return parsed, diags


@dataclass
class Withheld:
    """A translation file that exists but is not published: readers get the English with a notice.

    ``reason`` is ``errors`` (the file has errors, reported at its lines: fixing them publishes it)
    or :data:`IN_PROGRESS`. ``translation`` is what could be read of it (None if nothing), so that
    the status still counts its texts.
    """

    kind: str
    key: str
    lang: str
    reason: str
    translation: Translation | None


@dataclass
class UnitStatus:
    """Translation state of one unit (a principle, a field, a page) in one language."""

    unit: str
    state: str  # "translated" | "outdated" | "missing"


@dataclass
class TranslationReport:
    """Translation state of one content item in one language."""

    kind: str
    item_id: str
    path: str
    lang: str
    state: str  # "translated" | "partial" | "outdated" | "missing"
    units: list[UnitStatus] = field(default_factory=list)
    # Units the translation still holds but the English source no longer has (warning W154).
    obsolete: list[str] = field(default_factory=list)
    # The translation file exists but records no source hashes: nobody has reviewed and stamped it.
    never_stamped: bool = False
    # Why an existing translation is not published ("errors", "in-progress"; "" when it is).
    withheld: str = ""

    @property
    def outdated_units(self) -> list[str]:
        """Units whose English source changed since translation."""
        return [u.unit for u in self.units if u.state == "outdated"]

    @property
    def missing_units(self) -> list[str]:
        """Units not translated at all."""
        return [u.unit for u in self.units if u.state == "missing"]


def unit_states(units: dict[str, str], present: set[str], recorded: dict[str, str]) -> list[UnitStatus]:
    """Compare current source hashes with recorded ones for the units present in a translation."""
    out: list[UnitStatus] = []
    for unit, current in units.items():
        if unit not in present:
            out.append(UnitStatus(unit, "missing"))
        elif recorded.get(unit) != current:
            out.append(UnitStatus(unit, "outdated"))
        else:
            out.append(UnitStatus(unit, "translated"))
    return out


def report_for(kind: str, item_id: str, rel: str, lang: str, units: dict[str, str], present: set[str],
               tr: Translation | None) -> TranslationReport:
    """The translation report of one item: unit states, obsolete units and whether it was ever stamped."""
    if tr is None:
        return TranslationReport(kind, item_id, rel, lang, "missing", unit_states(units, set(), {}))
    recorded = tr.source_hashes
    states = unit_states(units, present, recorded)
    obsolete = sorted(u for u in present if u not in units)
    return TranslationReport(kind, item_id, rel, lang, overall_state(states), states, obsolete,
                             never_stamped=not recorded and bool(present))


def is_text(value: object) -> bool:
    """True for a non-blank string: a blank value in a translation means "not translated yet"."""
    return isinstance(value, str) and bool(value.strip())


def overall_state(units: list[UnitStatus]) -> str:
    """Summarize unit states into one item state."""
    states = {u.state for u in units}
    if not units or states == {"missing"}:
        return "missing"
    if "outdated" in states:
        return "outdated"
    if "missing" in states:
        return "partial"
    return "translated"


def load_yaml(src: SourceFile, schema: str | None, source: bool = False,
              translation: bool = False) -> tuple[Located | None, list[Diagnostic], bool]:
    """Read, parse and check a YAML content file: (data, diagnostics, schema_ok).

    ``schema=None`` skips the schema check (for callers that check structure first).
    Unsafe HTML in any text value is always reported. For a ``source`` (not a translation),
    skeleton placeholders and implausible dates are reported too. A ``translation`` whose only
    syntax error is in its ``translation:`` block still loads (see :func:`parse_translation_yaml`).
    """
    text, diags = read_text(src.path, src.rel)
    if text is None:
        return None, diags, False
    located, parse_diags = (parse_translation_yaml if translation else parse_yaml_mapping)(text, src.rel)
    diags += parse_diags
    if located is None:
        return None, diags, False
    schema_diags = schema_check.check(schema, located, src.rel) if schema else []
    diags += schema_diags
    diags += scan_tree(located.data, src.rel, located.pos)
    if source:
        diags += editorial.placeholders(located.data, text, src.rel, located.pos)
        diags += editorial.future_dates(located.data, src.rel, located.pos)
    return located, diags, not schema_diags


# ---------------------------------------------------------------------------------------------
# Numbers in translated text
# ---------------------------------------------------------------------------------------------

# Digits of any script (\d is Unicode-aware: ASCII, Arabic-Indic, Devanagari, full-width...), in
# groups joined by one separator: thousands separators (, . ' space, thin space, no-break spaces,
# Arabic thousands sign) or decimal marks (. , Arabic decimal sign).
_GROUP_SEPARATORS = ",.'\u2019 \u00a0\u2009\u202f\u066c"
_DECIMAL_MARKS = ".,\u066b"
_NUMBER = re.compile(r"\d+(?:[" + re.escape(_GROUP_SEPARATORS + _DECIMAL_MARKS) + r"]\d+)*")
_SPLIT = re.compile(r"[" + re.escape(_GROUP_SEPARATORS + _DECIMAL_MARKS) + r"]")


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)


def _canonical(number: str) -> str | None:
    try:
        value = Decimal(number).normalize()
    except InvalidOperation:
        return None
    return format(value, "f")


def _readings(token: str) -> set[str]:
    """Every value a written number may stand for, in any of the site's conventions.

    ``1.234,5`` (German), ``1,234.5`` (English), ``1 234,5`` (French, thin space) and ``١٬٢٣٤٫٥``
    (Arabic) all read as 1234.5.
    """
    token = _ascii_digits(token)
    seps = _SPLIT.findall(token)
    groups = _SPLIT.split(token)
    out = {_canonical("".join(groups)) or ""}
    if seps and seps[-1] in _DECIMAL_MARKS:
        out.add(_canonical("".join(groups[:-1]) + "." + groups[-1]) or "")
    out.discard("")
    return out


def _parts(token: str) -> list[str]:
    return [c for g in _SPLIT.split(_ascii_digits(token)) if (c := _canonical(g)) is not None]


# English number words: "eight members" translated as "8 membres" is the same number, not a new one.
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "twice": 2, "once": 1, "half": 0.5, "dozen": 12}
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def _word_values(text: str) -> set[str]:
    """Values of the English number words in ``text`` ("eight", "twenty-five", "first", "two hundred")."""
    out: set[str] = set()
    previous: int | None = None
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        value: float | None = None
        if word in _UNITS:
            value = _UNITS.index(word)
        elif word in _TENS:
            value = _TENS[word]
        elif "-" in word and word.split("-")[0] in _TENS and word.split("-")[1] in _UNITS:
            value = _TENS[word.split("-")[0]] + _UNITS.index(word.split("-")[1])
        elif word in _SCALES:
            value = _SCALES[word] * (previous or 1)
            out.add(str(_SCALES[word]))
        elif word in _ORDINALS:
            value = _ORDINALS[word]
        if value is not None:
            out.add(_canonical(str(value)) or str(value))
        previous = int(value) if isinstance(value, (int, float)) and value == int(value) else None
    return out


def numbers_not_in_source(source: str, translated: str) -> list[str]:
    """Numbers written in ``translated`` that ``source`` does not contain, as written, in order.

    Digits of every script, decimal commas and points, and thousands separators (including thin
    and no-break spaces) are compared by value, so ``64,5`` matches ``64.5`` and ``٦٤`` matches
    ``64``. Numbers spelled in words are not compared.
    """
    known: set[str] = _word_values(source)
    for match in _NUMBER.finditer(source):
        known |= _readings(match.group(0)) | set(_parts(match.group(0)))
    out: list[str] = []
    for match in _NUMBER.finditer(translated):
        token = match.group(0)
        if _readings(token) & known:
            continue
        # "1,2" may be a list and "2019 200" two numbers: accept them when every part is in the source.
        if all(part in known for part in _parts(token)):
            continue
        if token not in out:
            out.append(token)
    return out


_PERCENT_AFTER = re.compile(r"\s?(?:%|per\s?cent|percent)", re.I)


def numbers_dropped(source: str, translated: str) -> list[str]:
    """Figures of ``source`` that ``translated`` does not contain (a deleted rate, a lost year), as written.

    Only figures a translator would not spell out are compared: decimals (``12.5``), numbers of three
    digits or more (``2019``, ``1,200``) and percentages (``8%``, ``8 per cent``); "28 days" may well
    be written "vingt-huit jours". Digits of every script and decimal commas match by value, as in
    :func:`numbers_not_in_source`.
    """
    present: set[str] = set()
    for match in _NUMBER.finditer(translated):
        present |= _readings(match.group(0)) | set(_parts(match.group(0)))
    out: list[str] = []
    for match in _NUMBER.finditer(source):
        token = match.group(0)
        digits = _ascii_digits(token)
        percent = _PERCENT_AFTER.match(source, match.end()) is not None
        if len(re.sub(r"\D", "", digits)) < 3 and not _SPLIT.search(digits) and not percent:
            continue
        if _readings(token) & present or all(part in present for part in _parts(token)):
            continue
        if token not in out:
            out.append(token)
    return out


def id_mismatch_hint(src: SourceFile, item_id: object) -> str | None:
    """E131's hint: a file renamed without its ``id`` is fixed by ``translations mv`` (the id and the translations)."""
    if not isinstance(item_id, str) or not item_id or "/" in item_id:
        return None
    old = (Path(src.rel).parent / f"{item_id}{src.path.suffix}").as_posix()
    return (f"{CODES['E131'].hint.rstrip('.')}: "
            f"if the file was renamed from {old}, run `python -m build_tools translations mv {old} {src.rel}`: it "
            f"sets the id to '{src.stem}' and moves the translations; otherwise set `id: {src.stem}`")
