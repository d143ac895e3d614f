"""Checks of ``content/taxonomy.yml`` against its labels and its users, reported at the taxonomy.

The taxonomy lists the topics and organizations content may name; readers see each one through
its label in ``locales/<lang>.yml`` (``topics.<id>``, ``organizations.<code>``). Two mistakes made
there used to be reported everywhere but at the taxonomy:

* a value without an English label showed ``topics.<id>`` to readers in every language, and
  deleting the label gave a false W160 "not used" in every other locale: now error E137 at the
  value's taxonomy line, and no W160 for a key the taxonomy uses;
* removing a topic that files still use gave one E135 in each untouched file: now error E138 at the
  taxonomy's ``topics:`` line, first in the report, naming each file and line that uses it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from build_tools.checks.diagnostics import Diagnostic, make
from build_tools.checks.reading import Located
from build_tools.model import layout

# Taxonomy list -> the locale section holding its labels.
LABELLED = {"topics": "topics", "organizations": "organizations"}
_W160_KEY = re.compile(r"unknown key '([^']+)'")


@dataclass
class TopicUse:
    """Where tagged files name a topic the taxonomy does not list."""

    uses: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)  # topic -> (file, line, col)

    def add(self, topic: str, rel: str, line: int, col: int) -> None:
        """Record one use of an unlisted topic."""
        self.uses.setdefault(topic, []).append((rel, line, col))


def missing_labels(located: Located | None, taxonomy: dict[str, list[str]], english: dict[str, str]) -> list[Diagnostic]:
    """E137 for each taxonomy value without a label in the default language's locale file."""
    out: list[Diagnostic] = []
    en_file = f"{layout.LOCALES_DIR}/en.yml"
    for section, prefix in LABELLED.items():
        for i, value in enumerate(taxonomy.get(section, [])):
            key = f"{prefix}.{value}"
            if key in english:
                continue
            line, col = located.pos((section, i)) if located is not None else (1, 1)
            kind = "topic" if section == "topics" else "organization"
            out.append(make(layout.TAXONOMY_FILE, line, col, "E137",
                            f"{kind} '{value}' has no label in {en_file}: readers would see '{key}' in every "
                            "language",
                            hint=f"add the line `  {value}: <label>` under `{prefix}:` in {en_file} (and its "
                                 "translation in the other locale files)"))
    return out


def used_keys(taxonomy: dict[str, list[str]]) -> set[str]:
    """The locale keys the taxonomy's labels use."""
    return {f"{prefix}.{value}" for section, prefix in LABELLED.items() for value in taxonomy.get(section, [])}


def drop_false_unused(diags: Iterable[Diagnostic], taxonomy: dict[str, list[str]]) -> list[Diagnostic]:
    """Leave out W160 "not used" for a label the taxonomy uses (a missing English label is E137)."""
    keys = used_keys(taxonomy)
    out = []
    for d in diags:
        if d.code == "W160":
            match = _W160_KEY.search(d.message)
            if match and match[1] in keys:
                continue
        out.append(d)
    return out


def removed_topics(located: Located | None, topics: list[str], use: TopicUse, english: dict[str, str],
                   known_hint: str) -> tuple[list[Diagnostic], set[str]]:
    """E138 at the taxonomy for each unlisted topic that looks removed, and the topics it covers.

    A topic looks removed (not mistyped) when it still has an English label or two files or more
    use it. Its uses are then summarised in one error at the taxonomy's ``topics:`` line; other
    unlisted topics stay E135 at each use (with "did you mean").
    """
    out: list[Diagnostic] = []
    covered: set[str] = set()
    line, col = located.pos(("topics",)) if located is not None else (1, 1)
    for topic, places in sorted(use.uses.items()):
        files = sorted({rel for rel, _l, _c in places})
        if f"topics.{topic}" not in english and len(files) < 2:
            continue
        covered.add(topic)
        shown = [f"{rel}:{ln}" for rel, ln, _c in sorted(places)]
        listing = ", ".join(shown[:8]) + (f" and {len(shown) - 8} more" if len(shown) > 8 else "")
        out.append(make(layout.TAXONOMY_FILE, line, 1, "E138",
                        f"topic '{topic}' is used by {len(files)} file(s) but is not in the list: {listing}",
                        hint=f"if it was removed by mistake, add '  - {topic}' back under topics:; if it is "
                             f"retired, replace it in each of those files ({known_hint})"))
    return out, covered
