"""The fast tier builds nothing: the guard in conftest refuses a build in an unmarked test."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import _starts_a_build


def test_build_commands_are_recognised() -> None:
    assert _starts_a_build([sys.executable, "-m", "build_tools", "--root", "/x", "build", "--lang", "fr"])
    assert _starts_a_build([sys.executable, "-m", "build_tools", "serve"])
    assert _starts_a_build(["/venv/bin/mkdocs", "build"])
    assert not _starts_a_build([sys.executable, "-m", "build_tools", "validate"])
    assert not _starts_a_build([sys.executable, "-m", "build_tools", "translations", "status"])
    assert not _starts_a_build(["msgfmt", "--check", "build.po"])


def test_an_unmarked_test_cannot_start_a_build() -> None:
    outcome = subprocess.run(
        [sys.executable, "-c", "import subprocess; print(subprocess.Popen.__name__)"],
        capture_output=True, text=True, check=True)
    assert outcome.stdout.strip() == "Popen"  # only inside tests is Popen guarded
    assert subprocess.Popen.__name__ == "GuardedPopen"
    with pytest.raises(pytest.fail.Exception, match="not marked slow"):
        subprocess.run([sys.executable, "-m", "build_tools", "build"], capture_output=True)


def test_an_unmarked_test_cannot_run_the_engine_step_in_process() -> None:
    from build_tools.mkdocs_plugins import build_step

    with pytest.raises(pytest.fail.Exception, match="not marked slow"):
        build_step.build_languages(None)  # type: ignore[arg-type]
