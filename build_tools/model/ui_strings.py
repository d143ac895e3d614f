"""UI strings: one locale file per language, English defines the keys.

A missing key falls back to English (warning W163); a key English no longer has (or a
misspelled one) is ignored (warning W160): retiring an English string never blocks a build.
A placeholder set that differs from English (E161) is an error.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from build_tools.checks import schema_check
from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.reading import Located, parse_yaml_mapping, read_text, relative_path
from build_tools.model.base import (
    IN_PROGRESS,
    SourceFile,
    Translation,
    TranslationReport,
    Withheld,
    is_text,
    numbers_not_in_source,
    parse_translation_yaml,
    report_for,
)
from build_tools.model.hashing import unit_hash

KIND = "ui-strings"

_FORMATTER = string.Formatter()
_PLACEHOLDER = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders used in a string."""
    return set(_PLACEHOLDER.findall(text))


# ---------------------------------------------------------------------------------------------
# Plurals: a string that shows a count is a mapping of CLDR plural categories
# ---------------------------------------------------------------------------------------------

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


@cache
def _plural_locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@cache
def plural_categories(lang: str) -> tuple[str, ...]:
    """The CLDR plural categories ``lang`` uses, in CLDR order (always ending with ``other``)."""
    tags = set(_plural_locale(lang).plural_form.tags) | {"other"}
    return tuple(c for c in PLURAL_CATEGORIES if c in tags)


def plural_category(lang: str, n: object) -> str:
    """The CLDR plural category of the number ``n`` in ``lang`` (``other`` for anything not a number)."""
    if isinstance(n, bool) or not isinstance(n, (int, float, Decimal)):
        return "other"
    return str(_plural_locale(lang).plural_form(n))


def is_plural_mapping(value: object) -> bool:
    """True for a locale value that is a plural string: CLDR categories only, ``other`` among them."""
    return isinstance(value, dict) and "other" in value and all(k in PLURAL_CATEGORIES for k in value)


def plural_groups(data: Any, prefix: str = "") -> list[str]:
    """Dotted keys of the plural strings in a locale file's data, in file order."""
    out: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if is_plural_mapping(value):
                out.append(name)
            elif isinstance(value, dict):
                out.extend(plural_groups(value, name))
    return out


def unit_texts(data: Any) -> dict[str, Any]:
    """The translation units of a locale file's data: each plain string, and each plural string whole."""
    groups = set(plural_groups(data))
    out: dict[str, Any] = {}
    for key, text in flatten(data).items():
        group, _dot, category = key.rpartition(".")
        if group in groups and category in PLURAL_CATEGORIES:
            out.setdefault(group, {})[category] = text
        else:
            out[key] = text
    return out


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
    # Dotted keys of the plural strings of the default language ({one: ..., other: ...} mappings).
    plural_keys: set[str] = field(default_factory=set)
    # Locale files not used at all (errors that concern the whole file, or in progress), by path.
    withheld: dict[str, Withheld] = field(default_factory=dict)
    # Locale files whose errors only make some (or all) of their strings fall back to English.
    contained: set[str] = field(default_factory=set)

    def get(self, lang: str, key: str) -> str:
        """The raw string for ``key`` in ``lang``, falling back to the default language."""
        table = self.strings.get(lang, {})
        if key in table:
            return table[key]
        return self.strings.get(self.default, {}).get(key, key)

    def t(self, lang: str, key: str, **values: object) -> str:
        """Translate ``key`` and fill placeholders; unknown placeholders are left as-is.

        For a plural string the form is chosen by the number ``n`` (default: ``count`` when it is
        a number), with CLDR's rules for ``lang``; pass ``count`` formatted and ``n`` raw to show a
        localized number.
        """
        if key in self.plural_keys:
            n = values.pop("n", None)
            text = self.plural(lang, key, values.get("count") if n is None else n)
        else:
            text = self.get(lang, key)
        if not values:
            return text
        return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)

    def plural(self, lang: str, key: str, n: object) -> str:
        """The form of plural string ``key`` for the number ``n`` in ``lang``.

        A form the language lacks falls back to its ``other`` form, then to the English form.
        """
        table = self.strings.get(lang, {})
        for name in (f"{key}.{plural_category(lang, n)}", f"{key}.other"):
            if name in table:
                return table[name]
        english = self.strings.get(self.default, {})
        return english.get(f"{key}.{plural_category(self.default, n)}") or english.get(f"{key}.other", key)

    def group_of(self, key: str) -> str:
        """The plural string a flattened key is a form of (``age.years`` for ``age.years.few``), else ""."""
        group, _dot, category = key.rpartition(".")
        return group if group in self.plural_keys and category in PLURAL_CATEGORIES else ""

    def units(self) -> dict[str, str]:
        """One translation unit per English key (a plural string is one unit), with its hash."""
        english = self.strings.get(self.default, {})
        out: dict[str, str] = {}
        for key, text in english.items():
            group = self.group_of(key)
            if not group:
                out[key] = unit_hash(text)
            elif group not in out:
                out[group] = unit_hash({c: english[f"{group}.{c}"] for c in PLURAL_CATEGORIES
                                        if f"{group}.{c}" in english})
        return out

    def _present(self, lang: str) -> set[str]:
        return {self.group_of(k) or k for k, v in self.file_strings(lang).items() if is_text(v)}

    def stamp_hashes(self, lang: str) -> dict[str, str]:
        """Current hashes of the keys ``lang`` translates."""
        units = self.units()
        return {k: units[k] for k in self._present(lang) if k in units}

    def file_strings(self, lang: str) -> dict[str, str]:
        """The strings ``lang``'s locale file holds, also when it is withheld (errors, in progress)."""
        table = self.strings.get(lang)
        tr = self.files.get(lang)
        if table is None and tr is not None:
            table = flatten({k: v for k, v in tr.data.items() if k != "translation"})
        return table or {}

    def translation_report(self, lang: str, rel: str) -> TranslationReport:
        """Per-key translation state of the UI strings of ``lang`` (``rel``: its locale file)."""
        tr = self.files.get(lang)
        present = self._present(lang)
        return report_for(KIND, "locales", rel, lang, self.units(), present, tr)

    def table(self, lang: str, prefix: str = "") -> dict[str, str]:
        """All strings for ``lang`` (with fallback) whose key starts with ``prefix``, for page scripts.

        A plural string is given in every CLDR form of ``lang`` (``results.zero`` ... ``results.other``
        in Arabic, only ``results.other`` in Chinese), each falling back as :meth:`plural` does, so a
        script picks the form with the browser's ``Intl.PluralRules`` (overrides/assets/js/lib/text.js).
        """
        english = self.strings.get(self.default, {})
        own = self.strings.get(lang, {})
        out: dict[str, str] = {}
        for key in english:
            if not key.startswith(prefix):
                continue
            group = self.group_of(key)
            if not group:
                out[key] = self.get(lang, key)
                continue
            for category in plural_categories(lang):
                name = f"{group}.{category}"
                out[name] = (own.get(name) or own.get(f"{group}.other") or english.get(name)
                             or english.get(f"{group}.other", group))
        return out


def _missing_forms_message(group: str, forms: list[str], lang: str, default: str, english: dict[str, str]) -> str:
    """W163 for a plural string that lacks some forms: which form readers see instead (as :meth:`Catalog.plural`)."""
    them = "it" if len(forms) == 1 else "them"
    head = (f"'{group}': plural form(s) {', '.join(forms)} missing (CLDR rules for {lang} use "
            f"{', '.join(plural_categories(lang))})")
    if "other" not in forms:
        return f"{head}: for the numbers that need {them}, its '{group}.other' form is shown instead"
    shown = [f"'{group}.{c}'" for c in plural_categories(default) if f"{group}.{c}" in english]
    return (f"{head}: with no 'other' form to fall back on, the numbers that need {them} show the English "
            f"string ({' or '.join(shown) or repr(group)} of {default}.yml)")


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
        loc, parse_diags = (parse_yaml_mapping if lang == default else parse_translation_yaml)(text, rel)
        diags.extend(parse_diags)
        if loc is not None and lang != default:
            catalog.files[lang] = Translation(SourceFile(path, rel, lang, lang), loc)
        schema_diags = schema_check.check("locale", loc, rel) if loc is not None else []
        diags.extend(d for d in schema_diags)
        if lang != default and (loc is None or parse_diags or schema_diags or catalog.files[lang].in_progress):
            # Not used: the English strings are shown; the errors are reported, the build goes on.
            reason = IN_PROGRESS if loc is not None and not parse_diags and not schema_diags else "errors"
            catalog.withheld[rel] = Withheld(KIND, "locales", lang, reason, catalog.files.get(lang))
            if loc is not None:
                located[lang] = loc
            continue
        if loc is None:
            continue
        located[lang] = loc
        data = dict(loc.data)
        if lang != default:
            # The stamp block (translation: source_hashes:) records what the strings were translated from.
            data.pop("translation", None)
        catalog.strings[lang] = {k: v for k, v in flatten(data).items() if lang == default or is_text(v)}
        if lang == default:
            catalog.source_lines = {k: loc.pos(tuple(k.split(".")))[0] for k in catalog.strings[lang]}
            catalog.plural_keys = set(plural_groups(data))
            for group in catalog.plural_keys:
                catalog.source_lines[group] = loc.pos(tuple(group.split(".")))[0]
    for lang, table in catalog.strings.items():
        rel = relative_path(locales_dir / f"{lang}.yml", root)
        for key, value in list(table.items()):
            if "{{" in value or "}}" in value:
                diags.append(make(rel, *located[lang].pos(tuple(key.split("."))), "E162",
                                  f"'{key}': {value!r} uses double braces, which the site would show as text"))
                if lang != default:
                    del table[key]  # this string falls back to English
                    catalog.contained.add(rel)
    reference = catalog.strings.get(default, {})
    for lang, table in catalog.strings.items():
        if lang == default:
            continue
        rel = relative_path(locales_dir / f"{lang}.yml", root)
        loc = located[lang]
        bad: list[str] = []
        for key, value in table.items():
            pos = loc.pos(tuple(key.split(".")))
            group = catalog.group_of(key)
            english = reference.get(key) if not group else reference.get(key, reference.get(f"{group}.other"))
            if english is None or (group and key.rpartition(".")[2] not in plural_categories(lang)):
                what = "not a plural form of this language" if group else f"not in {default}.yml"
                diags.append(make(rel, *pos, "W160", f"unknown key '{key}' ({what}): it is not used"))
                continue
            want, got = placeholders(english), placeholders(value)
            # A plural form may leave the number out ("une année", Arabic dual "سنتان").
            if want != got and not (group and got <= want):
                diags.append(make(rel, *pos, "E161",
                                  f"'{key}': placeholders {sorted(got)} differ from English {sorted(want)}"))
                bad.append(key)
            extra = numbers_not_in_source(english, value)
            if extra:
                diags.append(make(rel, *pos, "W156", f"'{key}': {', '.join(extra)} is not in the English string"))
        for key in bad:
            del table[key]  # this string falls back to English; the error is reported at its line
            catalog.contained.add(rel)
        missing = [k for k in reference if k not in table and k not in bad and not catalog.group_of(k)]
        for group in sorted(catalog.plural_keys):
            forms = [c for c in plural_categories(lang) if f"{group}.{c}" not in table]
            if len(forms) == len(plural_categories(lang)):
                missing.append(group)
            elif forms:
                diags.append(make(rel, *loc.pos(tuple(group.split("."))), "W163",
                                  _missing_forms_message(group, forms, lang, default, reference),
                                  hint=f"add the missing form{'s' if len(forms) > 1 else ''}, e.g. "
                                       f"'{forms[0]}: \"...\"' under '{group}'"))
        if missing:
            shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
            diags.append(make(rel, 1, 1, "W163", f"{len(missing)} key(s) missing, English is shown: {shown}"))
    return catalog, diags

