"""The English text a translation was made from, found in git history by its stamped hash.

A stamp records only a hash of the English text (so status works in shallow clones and without
git). To show *what* changed, the past versions of the English file are read from git, newest
first, and the first one whose unit hashes to the stamped value is the text the translator saw.
Without git, or when the history is too shallow, the previous text is simply unknown (None).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from build_tools.checks.reading import parse_markdown
from build_tools.model import country_profiles, documents, guidelines, ui_strings

# Past versions examined per file: enough for years of edits, bounded for huge histories.
MAX_VERSIONS = 200

UnitFields = dict[str, tuple[str, dict[str, str]]]


def _yaml(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else {}


def parse_guideline(text: str) -> UnitFields:
    """Units of a past version of a guideline file."""
    return guidelines.unit_fields(_yaml(text))


def parse_profile(text: str) -> UnitFields:
    """Units of a past version of a country profile.

    A version written for an earlier profile model (fields directly under a branch, before
    programs) has none of today's unit paths; its text fields are added under their own paths, so
    a stamp the model migration carried over to a new path still finds its English by hash.
    """
    from build_tools.model.hashing import unit_hash

    data = _yaml(text)
    units = country_profiles.unit_fields(data)
    known = {digest for digest, _fields in units.values()}

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}.{i}")
        elif isinstance(node, str) and node.strip():
            digest = unit_hash(node)
            if digest not in known:
                units.setdefault(f"~{path}", (digest, {"text": node}))

    walk(data, "")
    return units


def parse_document(text: str) -> UnitFields:
    """The ``page`` unit of a past version of a Markdown document."""
    parsed, _diags = parse_markdown(text, "", require_front_matter=False)
    if parsed is None or not isinstance(parsed.meta.data, dict):
        return {}
    return documents.unit_fields(parsed.meta.data, parsed.body)


def parse_locale(text: str) -> UnitFields:
    """One unit per key (a plural string is one unit, by category) of a past version of the English locale file."""
    from build_tools.model.hashing import unit_hash

    return {k: (unit_hash(v), {"text": v} if isinstance(v, str) else dict(v))
            for k, v in ui_strings.unit_texts(_yaml(text)).items()}


class History:
    """Past versions of English source files, read from git once per file and parsed lazily."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, list[str]] = {}
        self._parsed: dict[str, list[UnitFields]] = {}

    def _git(self, *args: str) -> str | None:
        try:
            proc = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        return proc.stdout if proc.returncode == 0 else None

    def versions(self, rel: str) -> list[str]:
        """Texts of ``rel`` in past commits, newest first (empty without git)."""
        if rel not in self._texts:
            texts: list[str] = []
            # --follow: the versions from before the English file was renamed count too (`translations mv`).
            log = self._git("log", "--follow", "--relative", f"-n{MAX_VERSIONS}", "--format=%x01%H", "--name-only",
                            "--", rel)
            for record in (log or "").split("\x01")[1:]:
                commit, *names = record.split()
                shown = self._git("show", f"{commit}:./{names[-1] if names else rel}")
                if shown is not None and (not texts or texts[-1] != shown):
                    texts.append(shown)
            self._texts[rel] = texts
        return self._texts[rel]

    def find(self, rel: str, parse: Callable[[str], UnitFields], unit: str, digest: str) -> dict[str, str] | None:
        """The fields of ``unit`` in the newest past version of ``rel`` where it hashed to ``digest``."""
        if not digest:
            return None
        if rel not in self._parsed:
            parsed: list[UnitFields] = []
            for text in self.versions(rel):
                try:
                    parsed.append(parse(text))
                except Exception:  # noqa: BLE001 - a past version may be broken; it just cannot match
                    parsed.append({})
            self._parsed[rel] = parsed
        for units in self._parsed[rel]:
            found = units.get(unit)
            if found is not None and found[0] == digest:
                return found[1]
        # The unit may have had another path then (a model migration re-keyed the stamps): the hash decides.
        for units in self._parsed[rel]:
            for found_digest, fields in units.values():
                if found_digest == digest:
                    return fields
        return None
