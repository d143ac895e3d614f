"""Atomic output: a build that fails or is killed halfway leaves the published site exactly as it was.

A small project is built once; then builds are broken in different ways (a template error, an
exception raised after the first language was completely written, SIGINT and SIGKILL while
MkDocs is writing pages). After each, the tree of ``site/`` (every path, its bytes and its
modification time) must be identical to before, and no staging folder may be left behind.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_tools.output.publish import remove_stale

pytestmark = pytest.mark.slow

FAIL_HOOK = '''"""Test hook: raise once the build of a given language starts (the ones before are written)."""
import os


def on_pre_build(config):
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "current_language", None) == os.environ.get("SSA_FAIL_AT_LANGUAGE"):
        raise RuntimeError("injected failure halfway through the build")
'''
SLOW_HOOK = '''"""Test hook: announce that pages are being written, then write slowly (to be interrupted)."""
import os
import time


def on_post_page(output, page, config):
    flag = os.environ.get("SSA_WRITING_FLAG")
    if flag:
        open(flag, "a").close()
        time.sleep(0.2)
    return output
'''


def tree_hash(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under ``folder`` with its content hash and modification time."""
    out: dict[str, tuple[str, int]] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_dir():
            out[rel + "/"] = ("dir", path.stat().st_mtime_ns)
        else:
            out[rel] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return out


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def _build(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build"],
                          cwd=root, env=_env(**env), capture_output=True, text=True)


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site."))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import make_mini_project

    root = make_mini_project(tmp_path_factory.mktemp("atomic") / "mini")
    (root / "hooks").mkdir()
    (root / "hooks/fail.py").write_text(FAIL_HOOK, encoding="utf-8")
    (root / "hooks/slow.py").write_text(SLOW_HOOK, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - hooks/fail.py\n  - hooks/slow.py\n", encoding="utf-8")
    proc = _build(root)
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert (root / "site/index.html").is_file() and (root / "site/fr/index.html").is_file()
    return root


def test_exception_after_the_first_language_leaves_the_old_site(project: Path) -> None:
    before = tree_hash(project / "site")
    proc = _build(project, SSA_FAIL_AT_LANGUAGE="fr")
    assert proc.returncode == 1
    assert "injected failure halfway" in proc.stderr and "the published site was not changed" in proc.stderr
    assert tree_hash(project / "site") == before
    assert _leftovers(project) == []


def test_template_error_leaves_the_old_site(project: Path) -> None:
    before = tree_hash(project / "site")
    template = project / "overrides/main.html"
    original = template.read_text("utf-8")
    template.write_text(original.replace("{% block content %}", "{% block content %}{{ no_such_function() }}", 1),
                        encoding="utf-8")
    try:
        proc = _build(project)
    finally:
        template.write_text(original, encoding="utf-8")
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert tree_hash(project / "site") == before
    assert _leftovers(project) == []


def test_content_error_stops_before_building(project: Path) -> None:
    before = tree_hash(project / "site")
    bad = project / "content/good-practices/gp-bad.md"
    bad.write_text("---\nid: gp-bad\n---\n<script>alert(1)</script>\n", encoding="utf-8")
    try:
        proc = _build(project)
    finally:
        bad.unlink()
    assert proc.returncode == 1 and "E180" in proc.stderr
    assert tree_hash(project / "site") == before


def _wait_until_gone(pgid: int) -> None:
    """Wait until no process of the group is left (parallel language builds run in child processes)."""
    for _ in range(1200):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(pgid, signal.SIGKILL)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["sigint", "sigkill"])
def test_interrupted_build_leaves_the_old_site(project: Path, tmp_path: Path, sig: signal.Signals) -> None:
    """Ctrl-C in a terminal (SIGINT) or a cancelled CI job (SIGKILL) hits the build's whole process group."""
    before = tree_hash(project / "site")
    flag = tmp_path / "writing"
    # A terminal's build has Ctrl-C's default action; a test suite started in the background by
    # a non-interactive shell (``cmd &``) inherits SIGINT *ignored*, and so would the build.
    proc = subprocess.Popen([sys.executable, "-m", "build_tools", "--root", str(project), "build"], cwd=project,
                            env=_env(SSA_WRITING_FLAG=str(flag)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        while not flag.exists() and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the build ended before it could be interrupted"
        os.killpg(proc.pid, sig)
        proc.wait(timeout=300)
        _wait_until_gone(proc.pid)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode != 0
    assert tree_hash(project / "site") == before
    if sig == signal.SIGKILL:
        # A killed build cannot clean up; the next build removes what it left.
        remove_stale(project / "site")
    assert _leftovers(project) == []


def test_successful_build_replaces_the_site(project: Path) -> None:
    marker = project / "site/stale-file.txt"
    marker.write_text("from an older build", encoding="utf-8")
    index = project / "content/good-practices/gp-demo.md"
    original = index.read_text("utf-8")
    index.write_text(original + "\nA new sentence.\n", encoding="utf-8")
    try:
        proc = _build(project)
    finally:
        index.write_text(original, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not marker.exists()
    assert "A new sentence." in (project / "site/good-practices/gp-demo/index.html").read_text("utf-8")
    assert _leftovers(project) == []
