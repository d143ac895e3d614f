"""Shared pieces of the content model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.checks import editorial, schema_check
from build_tools.checks.diagnostics import Diagnostic
from build_tools.checks.markdown_safety import scan_tree
from build_tools.checks.reading import Located, parse_yaml_mapping, read_text


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


def load_yaml(src: SourceFile, schema: str | None, source: bool = False) -> tuple[Located | None, list[Diagnostic], bool]:
    """Read, parse and check a YAML content file: (data, diagnostics, schema_ok).

    ``schema=None`` skips the schema check (for callers that check structure first).
    Unsafe HTML in any text value is always reported. For a ``source`` (not a translation),
    skeleton placeholders and implausible dates are reported too.
    """
    text, diags = read_text(src.path, src.rel)
    if text is None:
        return None, diags, False
    located, parse_diags = parse_yaml_mapping(text, src.rel)
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
