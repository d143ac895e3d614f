"""The text fields of a country-profile program, declared once (issue 26).

Each :class:`TextField` says everything the site needs to know about one Markdown field of a
program (``coverage``, ``benefits``, ...): its YAML key, the locale key of its label, its column in
``country-programs.csv`` with the column's description, the text ``new`` writes into a skeleton, and
whether it is translated. Everything else is derived from :data:`PROGRAM_TEXT_FIELDS`:

- the profile model's translation units (``model/country_profiles.py``) and overlay shapes;
- the program's properties in ``build_tools/schemas/country-profile.schema.json``
  (:func:`schema_properties`; ``python -m build_tools.model.profile_fields`` rewrites them, and
  ``tests/test_profile_fields.py`` fails when the file and the declaration differ);
- the profile page, the comparison topics and the charts (``generate/profile_pages.py``);
- the open-data columns and their dictionary (``generate/opendata.py``);
- the translation-status page's names of changed units (``generate/status_page.py``);
- the skeleton of ``python -m build_tools new country-profile`` and the benchmark corpus.

Adding a text field is one :class:`TextField` here, its English label in ``locales/en.yml`` (under
``profile.``) and the label's translations; then run ``python -m build_tools.model.profile_fields``
to write it into the schema and add its placeholder to ``build_tools/data/scaffold/placeholders.txt``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class TextField:
    """One Markdown text field of a program."""

    key: str  # YAML key in a program, unit path segment and comparison topic
    description: str  # English: the CSV column's description (datapackage.json) and the docs
    placeholder: str  # what `new` writes into a skeleton (an error E126 until replaced)
    translatable: bool = True

    @property
    def label_key(self) -> str:
        """Locale key of the field's label (``profile.<key>``)."""
        return f"profile.{self.key}"

    @property
    def csv_column(self) -> str:
        """Its column in ``country-programs.csv``."""
        return self.key


# In the order of SSPTW's country summaries, which is the order of pages, columns and topics.
PROGRAM_TEXT_FIELDS: tuple[TextField, ...] = (
    TextField("coverage", "Coverage (Markdown).", "Who is covered."),
    TextField("source_of_funds", "Source of funds (Markdown).", "Who pays, and how much."),
    TextField("qualifying_conditions", "Qualifying conditions (Markdown).", "Conditions to receive benefits."),
    TextField("benefits", "Benefits (Markdown).", "What is paid."),
    TextField("administration", "Administrative organization (Markdown).", "Who supervises and who administers."),
)

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "country-profile.schema.json"
_TEXT_REF = {"$ref": "defs.schema.json#/$defs/text"}


def text_fields() -> tuple[TextField, ...]:
    """The declared program text fields (read at call time, so a test can declare one more)."""
    return PROGRAM_TEXT_FIELDS


def text_field_keys() -> tuple[str, ...]:
    """The keys of the program text fields, in order."""
    return tuple(f.key for f in text_fields())


def schema_properties(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` (the country-profile JSON Schema) with the program's text fields as declared here.

    Text fields the declaration no longer has are removed; the others keep their place after the
    program's ``laws`` and before ``contributions``.
    """
    program = schema["$defs"]["program"]
    props: dict[str, Any] = program["properties"]
    declared = text_field_keys()
    old_text = [k for k, v in props.items() if v == _TEXT_REF and k not in declared]
    kept = {k: v for k, v in props.items() if k not in declared and k not in old_text}
    out: dict[str, Any] = {}
    for k, v in kept.items():
        if k == "contributions":
            out.update({key: dict(_TEXT_REF) for key in declared})
        out[k] = v
    for key in declared:
        out.setdefault(key, dict(_TEXT_REF))
    program["properties"] = out
    return schema


def write_schema(path: Path = SCHEMA) -> bool:
    """Rewrite the schema file's program text fields from the declaration; True when it changed."""
    text = path.read_text("utf-8")
    new = json.dumps(schema_properties(json.loads(text)), ensure_ascii=False, indent=2) + "\n"
    if new == text:
        return False
    path.write_text(new, "utf-8")
    return True


if __name__ == "__main__":  # python -m build_tools.model.profile_fields
    changed = write_schema()
    print(f"{SCHEMA.name}: {'rewritten from the declaration' if changed else 'already matches the declaration'}")
    sys.exit(0)
