"""Validate parsed data against the JSON Schemas in ``build_tools/schemas``.

Schema errors are translated into located diagnostics with editor-friendly messages.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.reading import Located

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PATTERN_NAMES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "a lowercase ID such as 'my-id' (letters, digits and single hyphens)",
    "^[A-Z]{2}$": "a two-letter upper-case ISO country code such as 'FR'",
    "^[A-Za-z0-9_./-]+\\.(pdf|docx|xlsx|csv|zip)$":
        "a file path ending in .pdf, .docx, .xlsx, .csv or .zip (letters, digits, '-', '_', '.' and '/', no spaces)",
    "^[A-Z]{2,10}$": "an upper-case country or organization code such as 'FR' or 'EU'",
    "^[0-9a-f]{12}$": "a 12-character source hash (run `python -m build_tools translations stamp FILE`)",
    "^[A-Z][A-Z0-9]{0,5}$": "a short upper-case code such as 'GG'",
    "^[A-Z]{3}$": "a three-letter ISO 4217 currency code such as 'EUR'",
    "^https://": "a web address starting with https://",
    "^\\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?$": "a date (YYYY-MM-DD) or a month (YYYY-MM)",
    "^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$": "a date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY)",
}
# Hints for a value that does not have the form a pattern asks for (the pattern itself is never shown).
_ISO2 = ("^[A-Z]{2}$", "^[A-Z]{2,10}$")


def _pattern_hint(pattern: str, value: object) -> str:
    """What to write instead of ``value``, for editors."""
    text = value if isinstance(value, str) else str(value)
    if pattern in _ISO2:
        if len(text) == 2 and text.isalpha():
            return f"write it in capitals: {text.upper()} (ISO 3166-1 alpha-2 codes are two capital letters)"
        if len(text) == 3 and text.isalpha():
            return ("use the two-letter ISO 3166-1 alpha-2 code, not the three-letter one (e.g. KE for Kenya, "
                    "not KEN)")
        return "use the two-letter ISO 3166-1 alpha-2 code in capitals, e.g. KE for Kenya, FR for France"
    if pattern == "^[a-z0-9]+(-[a-z0-9]+)*$":
        import unicodedata

        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
        accents = any(ord(ch) > 127 for ch in text)
        why = "IDs use only a-z, 0-9 and single hyphens, without accents" if accents else \
            "IDs use only lowercase a-z, 0-9 and single hyphens (no spaces, capitals or underscores)"
        return f"{why}: write {slug}" if slug else why
    if pattern == "^[A-Z]{3}$":
        return "use the three-letter ISO 4217 currency code in capitals, e.g. EUR, USD, KES"
    if "pdf|" in pattern:
        return ("rename the file without spaces or accents and keep it next to the page, e.g. "
                "files/annual-report-2024.pdf")
    if pattern.startswith("^\\d{4}"):
        return "write the date as YYYY-MM-DD (2019-06-01), the month as YYYY-MM (2019-06)" + (
            " or the year alone (2019)" if "?)?$" in pattern else "")
    if pattern == "^https://":
        return "give the full address, starting with https://"
    return "see CONTENT.md for the form this field takes"


SHORT = 60
_LONG_LITERAL = re.compile(r"(\{[^{}]{" + str(SHORT) + r",}\}|\[[^\[\]]{" + str(SHORT) + r",}\])")
_TYPE_NAMES = {
    "string": "a string", "integer": "a whole number", "number": "a number",
    "boolean": "true or false", "array": "a list", "object": "a mapping", "null": "empty",
}


def schema_names() -> list[str]:
    """Names of all shipped schemas (file names without ``.schema.json``)."""
    root = resources.files("build_tools") / "schemas"
    return sorted(p.name.removesuffix(".schema.json") for p in root.iterdir() if p.name.endswith(".schema.json"))


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Load one schema document by name."""
    text = (resources.files("build_tools") / "schemas" / f"{name}.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _registry() -> Registry:
    resources_ = []
    for name in schema_names():
        schema = load_schema(name)
        resource = Resource.from_contents(schema)
        resources_.append((schema["$id"], resource))
    return Registry().with_resources(resources_)


@cache
def validator(name: str) -> Draft202012Validator:
    """A cached validator for the named schema, with date format checking."""
    checker = FormatChecker()

    @checker.checks("date", raises=ValueError)
    def _is_date(value: object) -> bool:
        import datetime as _dt

        if not isinstance(value, str) or not _DATE.match(value):
            return False
        _dt.date.fromisoformat(value)
        return True

    return Draft202012Validator(load_schema(name), registry=_registry(), format_checker=checker)


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _named_field(path: tuple[object, ...], data: object = None) -> str:
    """A field path for editors: list items that have an ``id`` are named by it (and their title).

    ``parts[0].sections[0].principles[0].mechanism`` becomes
    ``principle 'gg-board-roles' ("Roles of the board"): mechanism``.
    """
    out = ""
    node = data
    named = ""
    for i, part in enumerate(path):
        child = None
        if isinstance(node, dict):
            child = node.get(part)  # type: ignore[call-overload]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            child = node[part]
        if isinstance(part, int) and isinstance(child, dict) and isinstance(child.get("partner"), str) and \
                not isinstance(child.get("id"), str):
            named = f"agreement with {child['partner']}"
            out = ""
        elif isinstance(part, int) and isinstance(child, dict) and isinstance(child.get("id"), str):
            parent = path[i - 1] if i else ""
            kind = str(parent)[:-1] if str(parent).endswith("s") else "item"
            title = child.get("title") if isinstance(child.get("title"), str) else None
            named = f"{kind} '{child['id']}'" + (f' ("{title}")' if title else "")
            out = ""
        else:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        node = child
    if named:
        return f"{named}: {out}" if out else named
    return out or "(top level)"


def elide(text: str, limit: int = SHORT) -> str:
    """``text`` shortened in the middle (``start … end``) when longer than ``limit`` characters."""
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + "…" + text[len(text) - (limit - 1 - head):]


def _short(value: object) -> str:
    return elide(repr(value))


def _message(err: jsonschema.ValidationError) -> str:
    """jsonschema's message with long values elided in the middle: the words saying what is wrong stay whole."""
    message = err.message
    full = repr(err.instance)
    if len(full) > SHORT and full in message:
        message = message.replace(full, elide(full))
    # Other long quoted values (e.g. sub-schemas) are elided too; the sentence around them is kept.
    return _LONG_LITERAL.sub(lambda m: elide(m.group(0)), message)


def _number_text(value: object) -> bool:
    try:
        float(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def _unknown_key_hint(key: object, mapping: dict[Any, Any], allowed: set[str]) -> str | None:
    """'did you mean ...?' for a misspelt key; the fix for thousands separators in a flow mapping."""
    digits = [k for k in mapping if isinstance(k, int) or (isinstance(k, str) and k.isdigit())]
    if str(key).isdigit() and digits:
        # {value: 56,400,000} is read as {value: 56, 400: null, 000: null}
        number = next((v for v in mapping.values() if isinstance(v, int) and not isinstance(v, bool)), None)
        groups = "".join(str(k).zfill(3) if isinstance(k, int) else str(k) for k in digits)
        if number is not None:
            return (f"a number with thousands separators is read as several fields inside {{...}}: "
                    f"write {number}{groups} without separators")
    import difflib

    close = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'? (fields are spelt as in CONTENT.md)"
    return None


def _required_without(name: str, data: object, path: tuple[object, ...]) -> bool:
    """True if removing the field at ``path`` makes schema ``name`` report it missing (it is required)."""
    import copy

    if not name or not path:
        return False
    trimmed = copy.deepcopy(data)
    node: Any = trimmed
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    if not isinstance(node, dict) or path[-1] not in node:
        return False
    del node[path[-1]]
    for err in validator(name).iter_errors(trimmed):
        if err.validator == "required" and tuple(err.absolute_path) == path[:-1] and path[-1] in err.validator_value:
            return True
    return False


def _convert(err: jsonschema.ValidationError, located: Located, rel: str, name: str = "") -> list[Diagnostic]:
    path = tuple(err.absolute_path)
    data = located.data

    def _where(p: tuple[object, ...]) -> str:
        return _named_field(p, data)

    kind = err.validator
    if kind == "oneOf" and all(isinstance(s, dict) and set(s) == {"required"} for s in err.validator_value):
        line, col = located.pos(path)
        where = _where(path)
        names = ", ".join(str(s["required"][0]) for s in err.validator_value)
        present = [n for s in err.validator_value for n in s["required"]
                   if isinstance(err.instance, dict) and n in err.instance]
        what = f"has {' and '.join(present)}" if present else "has none of them"
        return [make(rel, line, col, "E125", f"{where}: give exactly one of {names} ({what})")]
    if kind in ("anyOf", "oneOf") and err.context:
        # Prefer what is wrong inside the alternative of the right shape ("base is missing" in a
        # mapping) over "must be a list" from an alternative the value never tried to be.
        shaped = [e for e in err.context if e.validator != "type" or e.absolute_path != err.absolute_path]
        best = jsonschema.exceptions.best_match(shaped or err.context)
        return _convert(best, located, rel, name) if best is not None else []
    if kind == "required":
        missing = [name for name in err.validator_value if isinstance(err.instance, dict) and name not in err.instance]
        line, col = located.pos(path)
        return [make(rel, line, col, "E120", f"{_where(path + (m,))}: required field is missing") for m in missing]
    if kind == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        out = []
        digit_keys = [k for k in extra if str(k).isdigit()]
        for key in extra:
            if key in digit_keys[1:]:
                continue  # {value: 56,400,000}: one message for the number, at its first group
            line, col = located.pos(path + (key,))
            known = ", ".join(sorted(allowed)) if allowed else "none"
            out.append(make(rel, line, col, "E124", f"{_where(path + (key,))}: unknown field (known fields: {known})",
                            hint=_unknown_key_hint(key, err.instance, allowed)))
        return out
    if kind == "dependentRequired" and isinstance(err.instance, dict):
        needs = err.validator_value if isinstance(err.validator_value, dict) else {}
        out = []
        for name, deps in needs.items():
            if name in err.instance:
                for dep in deps:
                    if dep not in err.instance:
                        line, col = located.pos(path + (name,))
                        out.append(make(rel, line, col, "E120",
                                        f"{_where(path + (dep,))}: required field is missing (needed with '{name}')"))
        return out
    line, col = located.pos(path)
    where = _where(path)
    if kind == "type":
        types = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        want = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in types)
        if err.instance is None:
            required = _required_without(name, data, path)
            return [make(rel, line, col, "E121", f"{where}: must be {want}, but the value is empty",
                         hint="this field is required: write its value after the colon" if required else
                         "write the value after the colon, or remove the line (the field is optional)")]
        found = f"{_describe(err.instance)} {_short(err.instance)}"
        hint = None
        value = err.instance
        if {"integer", "number"} & set(map(str, types)) and _number_text(value):
            hint = f"remove the quotes: write {str(value).strip()} without quotes"
        elif {"integer", "number"} & set(map(str, types)) and isinstance(value, str) and value.strip().endswith("%") \
                and _number_text(value.strip()[:-1].strip()):
            hint = f"write the number without the % sign: {value.strip()[:-1].strip()}"
        elif {"integer", "number"} & set(map(str, types)) and isinstance(value, str) and \
                _number_text(value.replace(",", "").replace(" ", "").replace("\u00a0", "")):
            plain = value.replace(",", "").replace(" ", "").replace("\u00a0", "")
            hint = f"write the number without separators: {plain}"
        elif "array" in map(str, types) and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            hint = f"write it as a list, in brackets: [{value}]"
        elif "string" in types and isinstance(err.instance, (int, float)) and not isinstance(err.instance, bool):
            hint = f"put the value in quotes: \"{err.instance}\""
        return [make(rel, line, col, "E121", f"{where}: must be {want}, found {found}", hint=hint)]
    if kind in ("enum", "const"):
        allowed_values = err.validator_value if kind == "enum" else [err.validator_value]
        choices = ", ".join(str(v) for v in allowed_values)
        return [make(rel, line, col, "E122", f"{where}: {_short(err.instance)} is not allowed (allowed: {choices})")]
    if kind == "minItems":
        count = err.validator_value
        return [make(rel, line, col, "E125", f"{where}: the list is empty; give at least {count} value(s)",
                     hint="fill the list, e.g. [a, b]; an empty list [] is not allowed here")]
    if kind == "format":
        what = f"{_short(err.instance)} is not a valid {err.validator_value} (YYYY-MM-DD)"
        return [make(rel, line, col, "E123", f"{where}: {what}",
                     hint="write the date as YYYY-MM-DD, e.g. 2019-06-01 (a real day of a real month)")]
    if kind == "pattern":
        expected = _PATTERN_NAMES.get(str(err.validator_value), "in the form this field takes")
        what = f"{_short(err.instance)} is not {expected}"
        return [make(rel, line, col, "E123", f"{where}: {what}",
                     hint=_pattern_hint(str(err.validator_value), err.instance))]
    if kind == "uniqueItems" and isinstance(err.instance, list):
        seen: set[str] = set()
        for index, item in enumerate(err.instance):
            marker = json.dumps(item, sort_keys=True, default=str)
            if marker in seen:
                line, col = located.pos(path + (index,))
                shown = item if isinstance(item, (str, int, float)) else _short(item)
                return [make(rel, line, col, "E125", f"{where}: {shown} is given twice",
                             hint=f"remove the second {shown}")]
            seen.add(marker)
    limits = {"maxLength": ("characters long", "at most"), "minLength": ("characters long", "at least"),
              "maxItems": ("values", "at most"), "maximum": ("", "at most"), "minimum": ("", "at least"),
              "exclusiveMaximum": ("", "less than"), "exclusiveMinimum": ("", "more than")}
    if kind in limits:
        unit, bound = limits[kind]
        limit = err.validator_value
        if kind in ("maxLength", "minLength") and isinstance(err.instance, str):
            return [make(rel, line, col, "E125", f"{where}: the text is {len(err.instance)} characters long; "
                         f"the limit is {bound} {limit}", hint=f"shorten it to {limit} characters or fewer"
                         if kind == "maxLength" else f"write at least {limit} characters")]
        if kind == "maxItems" and isinstance(err.instance, list):
            return [make(rel, line, col, "E125", f"{where}: {len(err.instance)} values; give {bound} {limit}",
                         hint=f"keep the {limit} that matter most")]
        if isinstance(err.instance, (int, float)) and not isinstance(err.instance, bool):
            return [make(rel, line, col, "E125", f"{where}: {err.instance} is out of range; it must be {bound} {limit}",
                         hint=f"check the value: it must be {bound} {limit}")]
    return [make(rel, line, col, "E125", f"{where}: {_message(err)}")]


def check(name: str, located: Located, rel: str) -> list[Diagnostic]:
    """Validate ``located.data`` against schema ``name``; return diagnostics."""
    out: list[Diagnostic] = []
    try:
        errors = sorted(validator(name).iter_errors(located.data), key=lambda e: list(map(str, e.absolute_path)))
        for err in errors:
            found = _convert(err, located, rel, name)
            if list(err.absolute_path)[:1] == ["translation"]:
                # The stamp block is machine-written: stamping rewrites a malformed one.
                found = [replace(d, message=f"{d.message} (the `translation:` block is written by "
                                            f"`python -m build_tools translations stamp {rel}`, which repairs it)")
                         for d in found]
            out.extend(found)
    except (RecursionError, ValueError, TypeError) as exc:
        out.append(make(rel, 1, 1, "E125", f"could not check the file against its schema: {exc}"))
    return out
