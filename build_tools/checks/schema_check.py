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
    "^[A-Z]{2,10}$": "an upper-case country or organization code such as 'FR' or 'EU'",
    "^[0-9a-f]{12}$": "a 12-character source hash (run `python -m build_tools translations stamp FILE`)",
    "^[A-Z][A-Z0-9]{0,5}$": "a short upper-case code such as 'GG'",
}
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


def _field(path: tuple[object, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _convert(err: jsonschema.ValidationError, located: Located, rel: str) -> list[Diagnostic]:
    path = tuple(err.absolute_path)
    kind = err.validator
    if kind in ("anyOf", "oneOf") and err.context:
        best = jsonschema.exceptions.best_match(err.context)
        return _convert(best, located, rel) if best is not None else []
    if kind == "required":
        missing = [name for name in err.validator_value if isinstance(err.instance, dict) and name not in err.instance]
        line, col = located.pos(path)
        return [make(rel, line, col, "E120", f"{_field(path + (m,))}: required field is missing") for m in missing]
    if kind == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        out = []
        for key in extra:
            line, col = located.pos(path + (key,))
            known = ", ".join(sorted(allowed)) if allowed else "none"
            out.append(make(rel, line, col, "E124", f"{_field(path + (key,))}: unknown field (known fields: {known})"))
        return out
    line, col = located.pos(path)
    where = _field(path)
    if kind == "type":
        types = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        want = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in types)
        found = f"{_describe(err.instance)} {_short(err.instance)}"
        return [make(rel, line, col, "E121", f"{where}: must be {want}, found {found}")]
    if kind in ("enum", "const"):
        allowed_values = err.validator_value if kind == "enum" else [err.validator_value]
        choices = ", ".join(str(v) for v in allowed_values)
        return [make(rel, line, col, "E122", f"{where}: {_short(err.instance)} is not allowed (allowed: {choices})")]
    if kind == "format":
        what = f"{_short(err.instance)} is not a valid {err.validator_value} (YYYY-MM-DD)"
        return [make(rel, line, col, "E123", f"{where}: {what}")]
    if kind == "pattern":
        expected = _PATTERN_NAMES.get(str(err.validator_value), f"the pattern {err.validator_value}")
        what = f"{_short(err.instance)} is not {expected}"
        return [make(rel, line, col, "E123", f"{where}: {what}")]
    return [make(rel, line, col, "E125", f"{where}: {err.message if len(err.message) < 160 else err.message[:157] + '...'}")]


def check(name: str, located: Located, rel: str) -> list[Diagnostic]:
    """Validate ``located.data`` against schema ``name``; return diagnostics."""
    out: list[Diagnostic] = []
    try:
        errors = sorted(validator(name).iter_errors(located.data), key=lambda e: list(map(str, e.absolute_path)))
        for err in errors:
            found = _convert(err, located, rel)
            if list(err.absolute_path)[:1] == ["translation"]:
                # The stamp block is machine-written: stamping rewrites a malformed one.
                found = [replace(d, message=f"{d.message} (the `translation:` block is written by "
                                            f"`python -m build_tools translations stamp {rel}`, which repairs it)")
                         for d in found]
            out.extend(found)
    except (RecursionError, ValueError, TypeError) as exc:
        out.append(make(rel, 1, 1, "E125", f"could not check the file against its schema: {exc}"))
    return out
