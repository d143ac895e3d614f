"""The command line at its edges: run outside the venv, or with its output read only in part."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


def test_output_read_in_part_ends_quietly(mini_project: Path) -> None:
    """`validate | head -1`: the reader closes the pipe early; the command stops without a traceback."""
    for name in ("gp-demo.md",):
        path = mini_project / "content" / "good-practices" / name
        path.write_text(path.read_text("utf-8").replace("year: 20", "year: 29", 1), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "build_tools", "--root", str(mini_project), "validate"],
                            cwd=mini_project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `head` that has read what it wanted: every write now meets a closed pipe
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and "BrokenPipe" not in err, err


@pytest.mark.slow  # runs `build` and `serve` (they stop at once here, but the tier rule is by command)
def test_every_command_reports_a_broken_mkdocs_yml_at_its_line(mini_project: Path) -> None:
    """validate, build and serve: one located E190 line, exit 1, no traceback."""
    config = mini_project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "extra_css: [broken\n", encoding="utf-8")
    line = len(config.read_text("utf-8").splitlines())
    for command in (["validate"], ["build"], ["serve", "--addr", "127.0.0.1:0"]):
        proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(mini_project), *command],
                              cwd=mini_project, capture_output=True, text=True, timeout=120)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and "Traceback" not in out, (command, out)
        assert f"mkdocs.yml:{line}:12 E190 cannot read the configuration (YAML)" in out, (command, out)
