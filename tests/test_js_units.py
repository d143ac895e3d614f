"""The pure JavaScript modules (CSV, text, storage, checklist model) under Node's built-in test runner.

The tests live in tests/js/*.test.js and import the site's own modules from overrides/assets/js.
Node 18+ is needed, no npm package. Without node the test is skipped locally but fails under CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
JS_TESTS = sorted((REPO / "tests" / "js").glob("*.test.js"))


def test_javascript_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):  # the same rule as the browser fixture in conftest.py
            pytest.fail("node is not installed: CI must install Node.js (18 or later) to run tests/js")
        pytest.skip("node is not installed: the JavaScript unit tests in tests/js were not run")
    assert JS_TESTS, "no tests/js/*.test.js found"
    proc = subprocess.run([node, "--test", *map(str, JS_TESTS)], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, f"node --test failed:\n{proc.stdout[-8000:]}\n{proc.stderr[-4000:]}"
    assert "# fail 0" in proc.stdout and "# pass " in proc.stdout, proc.stdout[-2000:]
