"""The site builds the same on ProperDocs 1.6 as on MkDocs 1.6.1.

``make setup ENGINE=properdocs`` makes ``.venv-properdocs`` from requirements.lock plus ProperDocs,
and removes MkDocs from it (so nothing can quietly fall back to the real ``mkdocs`` package).
The sample site is built there and compared with the MkDocs build of the session, file by file
and byte by byte, after one documented normalization: Material's ``<meta name="generator">``
names the engine and its version.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, copy_project

pytestmark = pytest.mark.slow

VENV = REPO / ".venv-properdocs"
PYTHON = VENV / "bin" / "python"
# The one line that names the engine: "mkdocs-1.6.1, ..." or "mkdocs-ProperDocs 1.6.7, ...".
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def normalize(data: bytes) -> bytes:
    """The bytes of a built file with the engine's name and version taken out."""
    return GENERATOR.sub(b'<meta name="generator" content="">', data)


@pytest.fixture(scope="module")
def properdocs_python() -> Path:
    """The interpreter of the ProperDocs venv, made (or brought up to date) by make."""
    proc = subprocess.run(["make", "setup", "ENGINE=properdocs"], cwd=REPO, capture_output=True, text=True, timeout=1200,
                          env=_make_env())
    assert proc.returncode == 0, "make setup ENGINE=properdocs failed:\n" + proc.stdout[-3000:] + proc.stderr[-3000:]
    return PYTHON


@pytest.fixture(scope="module")
def mkdocs_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built on MkDocs 1.6.1 (the session's build, unless this run is on ProperDocs)."""
    from build_tools.mkdocs_plugins import compat

    if compat.engine() == "mkdocs":
        site: Path = request.getfixturevalue("built_site")
        return site
    proc = subprocess.run(["make", "setup", "ENGINE=mkdocs"], cwd=REPO, capture_output=True, text=True, timeout=1200,
                          env=_make_env())
    assert proc.returncode == 0, "make setup failed:\n" + proc.stdout[-3000:] + proc.stderr[-3000:]
    root = copy_project(tmp_path_factory.mktemp("mkdocs-project"))
    proc = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-m", "build_tools", "--root", str(root), "build"],
                          cwd=root, capture_output=True, text=True, env=_env())
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return root / "site"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}


def _make_env() -> dict[str, str]:
    """The environment for a nested ``make``: without the outer make's variables (``make test
    ENGINE=properdocs`` passes ENGINE down through MAKEFLAGS, which would pick the wrong venv)."""
    return {k: v for k, v in _env().items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "ENGINE")}


def test_the_properdocs_venv_runs_properdocs_only(properdocs_python: Path) -> None:
    alone = subprocess.run([str(properdocs_python), "-c", "import mkdocs"], cwd=REPO, capture_output=True, text=True,
                           env=_env())
    assert "No module named 'mkdocs'" in alone.stderr  # MkDocs itself is not installed there
    code = ("from build_tools.mkdocs_plugins import compat\n"  # activates the engine, as every entry point does
            "import mkdocs.commands.build as build\n"
            "print(compat.engine(), build.__name__, build.__file__)\n")
    proc = subprocess.run([str(properdocs_python), "-c", code], cwd=REPO, capture_output=True, text=True, env=_env())
    assert proc.returncode == 0, proc.stderr
    engine, module, origin = proc.stdout.split()
    assert engine == "properdocs" and module == "properdocs.commands.build" and "/properdocs/" in origin


def test_contracts_hold_on_properdocs(properdocs_python: Path) -> None:
    proc = subprocess.run([str(properdocs_python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_upstream_contracts.py"], cwd=REPO, capture_output=True, text=True, env=_env())
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_properdocs_builds_the_sample_site_like_mkdocs(properdocs_python: Path, mkdocs_site: Path,
                                                       tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project")
    proc = subprocess.run([str(properdocs_python), "-m", "build_tools", "--root", str(root), "build"], cwd=root,
                          capture_output=True, text=True, env=_env())
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    site = root / "site"
    ours = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*") if p.is_file()}
    assert ours == theirs, f"only ProperDocs: {sorted(ours - theirs)[:5]}; only MkDocs: {sorted(theirs - ours)[:5]}"
    differ = [rel for rel in sorted(ours)
              if normalize((site / rel).read_bytes()) != normalize((mkdocs_site / rel).read_bytes())]
    assert not differ, f"{len(differ)} files differ beyond the generator line, e.g. {differ[:5]}"
    page = (site / "index.html").read_bytes()
    assert b"ProperDocs 1.6." in page and b"mkdocs-1.6.1" in (mkdocs_site / "index.html").read_bytes()


def test_normalization_only_touches_the_generator_line() -> None:
    html = b'<head>\n<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">\n<title>x</title>'
    assert normalize(html) == b'<head>\n<meta name="generator" content="">\n<title>x</title>'
    assert normalize(b'<meta name="description" content="mkdocs-1.6.1">') == b'<meta name="description" content="mkdocs-1.6.1">'
