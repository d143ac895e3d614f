"""UI strings: one locale file per language, English defines the keys.

A missing key falls back to English (warning W163); a key English no longer has (or a
misspelled one) is ignored (warning W160): retiring an English string never blocks a build.
A placeholder set that differs from English (E161) is an error.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.checks import schema_check
from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.reading import Located, parse_yaml_mapping, read_text, relative_path
from build_tools.model.base import (
    SourceFile,
    Translation,
    TranslationReport,
    is_text,
    numbers_not_in_source,
    report_for,
)
from build_tools.model.hashing import unit_hash

KIND = "ui-strings"

_FORMATTER = string.Formatter()
_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders used in a string."""
    return set(_PLACEHOLDER.findall(text))


def flatten(data: Any, prefix: str = "") -> dict[str, str]:
    """Flatten nested mappings into dotted keys."""
    out: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                out.update(flatten(value, name))
            elif isinstance(value, str):
                out[name] = value
    return out


@dataclass
class Catalog:
    """All locale strings, by language, with English fallback."""

    default: str
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    # The parsed locale file of each language (with positions), for translation status and stamping.
    files: dict[str, Translation] = field(default_factory=dict)
    # The line of each key in the default language's file (where a translator finds the English).
    source_lines: dict[str, int] = field(default_factory=dict)

    def get(self, lang: str, key: str) -> str:
        """The raw string for ``key`` in ``lang``, falling back to the default language."""
        table = self.strings.get(lang, {})
        if key in table:
            return table[key]
        return self.strings.get(self.default, {}).get(key, key)

    def t(self, lang: str, key: str, **values: object) -> str:
        """Translate ``key`` and fill placeholders; unknown placeholders are left as-is."""
        text = self.get(lang, key)
        if not values:
            return text
        return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)

    def units(self) -> dict[str, str]:
        """One translation unit per English key, with the hash of its English text."""
        return {key: unit_hash(text) for key, text in self.strings.get(self.default, {}).items()}

    def stamp_hashes(self, lang: str) -> dict[str, str]:
        """Current hashes of the keys ``lang`` translates."""
        units = self.units()
        return {k: units[k] for k, v in self.strings.get(lang, {}).items() if k in units and is_text(v)}

    def translation_report(self, lang: str, rel: str) -> TranslationReport:
        """Per-key translation state of the UI strings of ``lang`` (``rel``: its locale file)."""
        tr = self.files.get(lang)
        present = {k for k, v in self.strings.get(lang, {}).items() if is_text(v)}
        return report_for(KIND, "locales", rel, lang, self.units(), present, tr)

    def table(self, lang: str, prefix: str = "") -> dict[str, str]:
        """All strings for ``lang`` (with fallback) whose key starts with ``prefix``."""
        keys = [k for k in self.strings.get(self.default, {}) if k.startswith(prefix)]
        return {k: self.get(lang, k) for k in keys}


def load_catalog(locales_dir: Path, languages: list[str], default: str, root: Path) -> tuple[Catalog, list[Diagnostic]]:
    """Load and check ``locales/<lang>.yml`` for every site language."""
    catalog = Catalog(default)
    diags: list[Diagnostic] = []
    located: dict[str, Located] = {}
    for lang in languages:
        path = locales_dir / f"{lang}.yml"
        rel = f"{relative_path(locales_dir, root)}/{lang}.yml"  # the link itself, not its target
        if not path.exists():
            if lang == default:
                diags.append(make(rel, 1, 1, "E100", "the default language's locale file is missing"))
            else:
                diags.append(make(rel, 1, 1, "W163", f"no locale file for '{lang}': all UI strings fall back to English"))
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            diags.append(make(rel, 1, 1, "E105", f"{lang}.yml is a link to a file outside the repository: "
                              "it is not read"))
            continue
        text, read_diags = read_text(path, rel)
        diags.extend(read_diags)
        if text is None:
            continue
        loc, parse_diags = parse_yaml_mapping(text, rel)
        diags.extend(parse_diags)
        if loc is None:
            continue
        schema_diags = schema_check.check("locale", loc, rel)
        diags.extend(d for d in schema_diags)
        located[lang] = loc
        data = dict(loc.data)
        if lang != default:
            # The stamp block (translation: source_hashes:) records what the strings were translated from.
            data.pop("translation", None)
            catalog.files[lang] = Translation(SourceFile(path, rel, lang, lang), loc)
        catalog.strings[lang] = {k: v for k, v in flatten(data).items() if lang == default or is_text(v)}
        if lang == default:
            catalog.source_lines = {k: loc.pos(tuple(k.split(".")))[0] for k in catalog.strings[lang]}
    for lang, table in catalog.strings.items():
        rel = relative_path(locales_dir / f"{lang}.yml", root)
        for key, value in table.items():
            if "{{" in value or "}}" in value:
                diags.append(make(rel, *located[lang].pos(tuple(key.split("."))), "E162",
                                  f"'{key}': {value!r} uses double braces, which the site would show as text"))
    reference = catalog.strings.get(default, {})
    for lang, table in catalog.strings.items():
        if lang == default:
            continue
        rel = relative_path(locales_dir / f"{lang}.yml", root)
        loc = located[lang]
        for key, value in table.items():
            pos = loc.pos(tuple(key.split(".")))
            if key not in reference:
                diags.append(make(rel, *pos, "W160", f"unknown key '{key}' (not in {default}.yml): it is not used"))
                continue
            want, got = placeholders(reference[key]), placeholders(value)
            if want != got:
                diags.append(make(rel, *pos, "E161",
                                  f"'{key}': placeholders {sorted(got)} differ from English {sorted(want)}"))
            extra = numbers_not_in_source(reference[key], value)
            if extra:
                diags.append(make(rel, *pos, "W156", f"'{key}': {', '.join(extra)} is not in the English string"))
        missing = [k for k in reference if k not in table]
        if missing:
            shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
            diags.append(make(rel, 1, 1, "W163", f"{len(missing)} key(s) missing, English is shown: {shown}"))
    return catalog, diags

