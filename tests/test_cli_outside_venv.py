"""`python3 -m build_tools` run by a Python without the site's dependencies (outside the venv)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_validate_without_dependencies_prints_one_line_not_a_traceback() -> None:
    # -S: no site-packages, like a system python3 without the pinned dependencies.
    result = subprocess.run([sys.executable, "-S", "-m", "build_tools", "validate"], cwd=ROOT,
                            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                            timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "make validate" in lines[0] and ".venv/bin/python -m build_tools" in lines[0]
