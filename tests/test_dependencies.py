"""Dependencies: what the code imports is declared, what is declared is used, and all of it is locked.

Imports are read with ``ast`` (every ``import``, also inside functions) and mapped to their
distributions with ``importlib.metadata.packages_distributions()``.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import re
import sys
import tomllib
from pathlib import Path

from conftest import REPO
from packaging.requirements import Requirement

META = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
# Declared but never imported, and why they are needed all the same.
USED_WITHOUT_IMPORT = {
    "mkdocs-material": "the theme, named in mkdocs.yml and extended by overrides/",
}


def _name(requirement: str) -> str:
    return re.split(r"[=<>!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pins(requirements: list[str]) -> dict[str, str]:
    out = {}
    for req in requirements:
        assert "==" in req, f"not pinned with ==: {req}"
        out[_name(req)] = req.split("==", 1)[1].strip()
    return out


DEPENDENCIES = _pins(META["dependencies"])
EXTRAS = {extra: _pins(reqs) for extra, reqs in META["optional-dependencies"].items()}


def _installed(dist: str) -> bool:
    try:
        importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def _third_party_imports(folder: Path) -> dict[str, set[str]]:
    """Top-level modules imported by the files under ``folder`` that are neither stdlib nor ours."""
    # Our own modules: the packages, and every helper module of tests/ (conftest, golden, ...).
    ours = {"build_tools", "benchmarks", "tests"} | {p.stem for p in (REPO / "tests").glob("*.py")}
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        if "vendor" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ours and top != "__future__":
                    found.setdefault(top, set()).add(str(path.relative_to(REPO)))
    return found


def _distributions(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    mapping = importlib.metadata.packages_distributions()
    out: dict[str, set[str]] = {}
    for module, files in modules.items():
        dists = mapping.get(module)
        if module == "mkdocs" and importlib.util.find_spec("properdocs"):
            dists = ["mkdocs"]  # ProperDocs stands in for the declared MkDocs (make setup ENGINE=properdocs)
        assert dists, f"{module} (imported by {sorted(files)[0]}) is not installed"
        for dist in dists:
            out.setdefault(dist.lower().replace("_", "-"), set()).update(files)
    return out


def test_every_import_of_the_product_is_a_declared_dependency() -> None:
    used = _distributions(_third_party_imports(REPO / "build_tools"))
    undeclared = {d: sorted(f)[:2] for d, f in used.items() if d not in DEPENDENCIES}
    assert not undeclared, f"imported by build_tools/ but not in [project] dependencies: {undeclared}"


def test_every_dependency_is_imported_or_says_why_not() -> None:
    used = _distributions(_third_party_imports(REPO / "build_tools"))
    unused = sorted(d for d in DEPENDENCIES if d not in used and d not in USED_WITHOUT_IMPORT)
    assert not unused, f"declared but imported nowhere in build_tools/ (drop them): {unused}"
    assert "jieba" not in DEPENDENCIES and "psutil" not in DEPENDENCIES


def test_benchmark_and_test_imports_are_in_their_extras() -> None:
    bench = _distributions(_third_party_imports(REPO / "benchmarks"))
    allowed = set(DEPENDENCIES) | set(EXTRAS["bench"])
    assert not {d for d in bench if d not in allowed}, f"benchmarks/ imports outside the bench extra: {sorted(bench)}"
    assert "psutil" in EXTRAS["bench"]
    tests = _distributions(_third_party_imports(REPO / "tests"))
    allowed = set(DEPENDENCIES) | set(EXTRAS["test"]) | set(EXTRAS["properdocs"])
    assert not {d for d in tests if d not in allowed}, f"tests/ import outside the test extra: {sorted(tests)}"


def test_the_lock_pins_the_whole_tree_as_declared() -> None:
    lines = [line for line in (REPO / "requirements.lock").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    lock = _pins(lines)
    for name, version in {**DEPENDENCIES, **EXTRAS["test"]}.items():
        assert lock.get(name) == version, f"{name}=={version} in pyproject.toml, {lock.get(name)} in requirements.lock"
    # The lock is the tree of '.[test]': the engine switch and the benchmark stay out of it, and
    # what they add on top of it (make ENGINE=properdocs, make bench/test) needs nothing unlocked.
    assert "properdocs" not in lock and "psutil" not in lock
    for extra in ("bench", "properdocs"):
        for name in EXTRAS[extra]:
            if name in lock or not _installed(name):
                continue
            for text in importlib.metadata.requires(name) or []:
                req = Requirement(text)
                if req.marker is None or req.marker.evaluate({"extra": ""}):
                    assert req.name.lower().replace("_", "-") in lock, f"{name} ({extra}) requires unlocked {req.name}"
    # Every requirement of a locked distribution is locked too (pip freeze of a clean venv).
    for name in lock:
        if name == "mkdocs" and not _installed(name) and _installed("properdocs"):
            continue  # removed from .venv-properdocs on purpose
        for text in importlib.metadata.requires(name) or []:
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue  # an extra we do not install, or another platform or Python
            dep = req.name.lower().replace("_", "-")
            assert dep in lock, f"{name} requires {dep}, which requirements.lock does not pin"


def test_the_installed_versions_are_the_locked_ones() -> None:
    lines = [line for line in (REPO / "requirements.lock").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    for name, version in _pins(lines).items():
        if name == "mkdocs" and importlib.util.find_spec("properdocs"):
            continue  # removed from the ProperDocs venv on purpose
        assert importlib.metadata.version(name) == version, f"{name}: run make setup"

