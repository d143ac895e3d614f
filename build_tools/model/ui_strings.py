"""UI strings: one locale file per language, English defines the keys.

A missing key falls back to English (warning W162); an unknown key (E160) or a
placeholder set that differs from English (E161) is an error.
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
                diags.append(make(rel, 1, 1, "W162", f"no locale file for '{lang}': all UI strings fall back to English"))
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
        catalog.strings[lang] = flatten(loc.data)
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
                diags.append(make(rel, *pos, "E160", f"unknown key '{key}' (not in {default}.yml)"))
                continue
            want, got = placeholders(reference[key]), placeholders(value)
            if want != got:
                diags.append(make(rel, *pos, "E161",
                                  f"'{key}': placeholders {sorted(got)} differ from English {sorted(want)}"))
        missing = [k for k in reference if k not in table]
        if missing:
            shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
            diags.append(make(rel, 1, 1, "W162", f"{len(missing)} key(s) missing, English is shown: {shown}"))
    return catalog, diags

