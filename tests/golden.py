"""Golden files: generated Markdown compared byte for byte with tests/golden/<name>.

After an intended change to a generator or template, run the tests concerned with
``UPDATE_GOLDEN=1``: every golden file that differs is rewritten AND its test fails, naming the
file, so an update is never silent. Review ``git diff tests/golden``, then run the tests again
without ``UPDATE_GOLDEN``; they pass once the rewritten files are what you meant.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools.model.layout import without_digest

GOLDEN = Path(__file__).resolve().parent / "golden"


def updating() -> bool:
    """True when this run rewrites golden files (``UPDATE_GOLDEN=1``)."""
    return os.environ.get("UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str, folder: Path = GOLDEN) -> None:
    """Compare ``text`` with ``folder/name``; with ``UPDATE_GOLDEN=1`` rewrite it and fail if it changed."""
    path = folder / name
    # The generated-page marker's digest changes with every byte of the page: the page is compared,
    # the digest is tested on its own (tests/test_generated_edits.py).
    text = without_digest(text)
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if updating():
        if current == text:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        pytest.fail(f"golden file {path} was {'created' if current is None else 'rewritten'} (UPDATE_GOLDEN=1): "
                    "review `git diff tests/golden`, then run again without UPDATE_GOLDEN", pytrace=False)
    assert current is not None, f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert text == current, f"{name} differs from its golden file; run with UPDATE_GOLDEN=1 and review the diff"
