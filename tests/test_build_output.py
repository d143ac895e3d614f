"""Issue 15: the build prints one progress line per language, and the same figures on identical runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# The figures after the time are stable, except the seconds spent on the search index.
_BUILT = re.compile(r"^\[(?P<lang>[a-z_]+)\] built (?P<pages>\d+) pages in [\d.]+ s(?P<rest>.*?)(?:, search index [\d.]+ s)?$")


def _build(root: Path) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build", "--jobs", "2"],
                          cwd=root, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stderr.splitlines()


def test_one_line_per_language_and_stable_figures(mini_project: Path) -> None:
    first = _build(mini_project)
    assert not [line for line in first if line.startswith("INFO")], "MkDocs INFO lines interleave"
    built = [m for m in map(_BUILT.match, first) if m]
    langs = [m["lang"] for m in built]
    assert sorted(langs) == ["ar", "en", "fr"] and len(set(langs)) == len(langs)
    figures = {m["lang"]: (m["pages"], m["rest"]) for m in built}
    assert any("untranslated" in rest for _pages, rest in figures.values())
    second = {m["lang"]: (m["pages"], m["rest"]) for m in map(_BUILT.match, _build(mini_project)) if m}
    assert second == figures
