"""Shared fixtures: the repository, a built copy of the sample site, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import hypothesis
import pytest

REPO = Path(__file__).resolve().parents[1]

# Fuzzing: on CI (CI=true) each property test runs the same examples every time, so a run that
# lands is reproducible and a failure can be replayed; on a developer's machine examples vary, so
# fuzzing keeps finding new cases. Tests that set their own settings keep them, derandomized on CI.
# No per-example deadline anywhere: on a shared 2-core machine one example can take 200 ms for
# reasons that have nothing to do with the code (a timing failure is not a finding).
hypothesis.settings.register_profile("ci", derandomize=True, database=None, deadline=None)
hypothesis.settings.register_profile("dev", deadline=None)
hypothesis.settings.load_profile("ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "dev")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
]


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO


def copy_project(dest: Path) -> Path:
    """Copy the project sources (no venv, no site, no generated pages) into ``dest``."""
    ignore = shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", ".mypy_cache",
                                   ".ruff_cache", ".build", ".bench", ".site.*")
    for name in ("mkdocs.yml", "content", "guidelines", "country_profiles", "locales", "overrides"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site, built once per test session from a copy of the project."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build"],
                          cwd=root, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"sample site build failed:\n{proc.stdout}\n{proc.stderr[-6000:]}")
    return root / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site served on localhost."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (never downloads a browser)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run must apt-get install it")
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object, site_url: str) -> Iterator[object]:
    """A fresh browser page that fails the test on any request leaving localhost."""
    context = browser.new_context()  # type: ignore[attr-defined]
    external: list[str] = []

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()  # type: ignore[attr-defined]
        else:
            external.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert not external, f"requests left localhost: {external}"


MINI = REPO / "tests" / "fixtures" / "mini"

# Front matter of a valid good practice in the mini fixture; fill {id} and {title}.
GP_FRONT_MATTER = """---
id: {id}
title: {title}
countries: [LU]
institution: Fund
year: 2020
guidelines: [demo]
principles: [dm-access]
topics: [governance]
summary: Text.
---
"""


def make_mini_project(dest: Path) -> Path:
    """A small, valid project (tests/fixtures/mini + the real locales and overrides) in ``dest``."""
    shutil.copytree(MINI, dest, dirs_exist_ok=True)
    shutil.copytree(REPO / "overrides", dest / "overrides", dirs_exist_ok=True)
    (dest / "locales").mkdir(exist_ok=True)
    for lang in ("en", "fr", "ar"):
        shutil.copy2(REPO / "locales" / f"{lang}.yml", dest / "locales" / f"{lang}.yml")
    return dest


@pytest.fixture()
def mini_project(tmp_path: Path) -> Path:
    """A fresh copy of the mini fixture project."""
    return make_mini_project(tmp_path / "mini")


# ---------------------------------------------------------------------------------------------
# Markers, applied automatically so that `make test-fast` (-m "not slow and not browser") needs
# no bookkeeping: every test under tests/browser is `browser`; every test that uses a fixture
# building a whole site is `slow`. Tests that build a site themselves carry @pytest.mark.slow.
# ---------------------------------------------------------------------------------------------

BROWSER_DIR = REPO / "tests" / "browser"
SITE_FIXTURES = frozenset({"built_site", "site_url", "page", "browser", "mini_site"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark browser tests and site-building tests (see the comment above)."""
    for item in items:
        path = Path(str(item.fspath))
        if BROWSER_DIR in path.parents:
            item.add_marker(pytest.mark.browser)
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


# The fast tier is enforced, not trusted: a test without the `slow` (or `browser`) marker that starts a
# site build or a preview fails at once, naming the marker to add, so `make test-fast` stays fast.
_BUILD_COMMANDS = frozenset({"build", "serve"})


def _starts_a_build(args: object) -> bool:
    words = [str(a) for a in args] if isinstance(args, (list, tuple)) else str(args).split()
    if "build_tools" in words:
        after = words[words.index("build_tools") + 1:]
        return bool(_BUILD_COMMANDS & {w for w in after if not w.startswith("-")})
    return any(Path(w).name in ("mkdocs", "properdocs") for w in words[:1]) and bool(_BUILD_COMMANDS & set(words))


@pytest.fixture(autouse=True)
def _fast_tier_builds_nothing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse site builds in tests that are neither `slow` nor `browser` (see the comment above)."""
    if request.node.get_closest_marker("slow") or request.node.get_closest_marker("browser"):
        return
    message = (f"{request.node.nodeid} builds a site or starts the preview but is not marked slow: "
               "add @pytest.mark.slow (the fast tier, `make test-fast`, must build nothing)")
    real_popen = subprocess.Popen

    class GuardedPopen(real_popen):  # type: ignore[misc,valid-type]
        def __init__(self, args: object, *rest: object, **kwargs: object) -> None:
            if _starts_a_build(args):
                pytest.fail(message, pytrace=False)
            super().__init__(args, *rest, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(subprocess, "Popen", GuardedPopen)
    from build_tools.mkdocs_plugins import build_step

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail(message, pytrace=False)

    # The real engine step (the pipeline itself may run in the fast tier with an injected fake engine).
    monkeypatch.setattr(build_step, "build_languages", refuse)


@pytest.fixture()
def committed_project(tmp_path: Path) -> Path:
    """A copy of the sample project in a git repository of its own (one commit)."""
    (tmp_path / "site").mkdir()
    root = copy_project(tmp_path / "site")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "sample")
    return root


def run_cli(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m build_tools --root ROOT ARGS`` in this process, output captured.

    Same arguments, exit code and output as the command in a new process, without paying for a
    Python start and the imports (about 0.4 s) and with the compiled templates kept: the command
    tests call the CLI a few hundred times. The commands that build a site or start a server run
    as processes (``tests/test_tiers.py`` keeps them out of the fast tier).
    """
    import contextlib
    import io

    from build_tools.cli.main import main

    argv = ["--root", str(root), *args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse refusing the arguments, as the process would exit
            code = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess([sys.executable, "-m", "build_tools", *argv], code, out.getvalue(),
                                       err.getvalue())


def translations_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m build_tools translations ARGS`` on the project at ``root`` (output captured)."""
    return run_cli(root, "translations", *args)


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed author (tests make commits); returns its output."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True).stdout
