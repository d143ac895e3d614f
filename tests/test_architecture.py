"""The domain core never imports mkdocs; adapters are registered as entry points."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from conftest import REPO

CORE = REPO / "build_tools"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_mkdocs() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        if "mkdocs_plugins" in path.parts:
            continue
        bad = {n for n in _imports(path) if n.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")}
        if bad:
            offenders.append(f"{path.relative_to(REPO)}: {sorted(bad)}")
    assert not offenders, "the domain core imports mkdocs:\n" + "\n".join(offenders)


def test_plugins_are_entry_points_used_in_mkdocs_yml() -> None:
    meta = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    plugins = meta["project"]["entry-points"]["mkdocs.plugins"]
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    for name, target in plugins.items():
        assert f"- {name}" in config, f"{name} is not enabled in mkdocs.yml"
        module = target.split(":")[0]
        assert module.startswith("build_tools.mkdocs_plugins."), target


def test_schemas_are_json_schema_data() -> None:
    import json

    schemas = sorted((CORE / "schemas").glob("*.schema.json"))
    assert len(schemas) >= 8
    for path in schemas:
        data = json.loads(path.read_text("utf-8"))
        assert data["$schema"].startswith("https://json-schema.org/"), path.name


def test_no_html_in_python_strings() -> None:
    """Markup belongs in overrides/ templates, not in Python string literals."""
    import re

    tag = re.compile(r"<(div|span|section|article|table|tr|td|th|svg|a|p|ul|li|h[1-6]|script|input|form)\b[^>]*>")
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                # Modules that check or rewrite HTML match and write tags by nature (no page markup);
                # the theme contract names the theme's markup the site relies on.
                if tag.search(node.value) and path.name not in ("markdown_safety.py", "html_sanitizer.py",
                                                                 "table_wrap.py", "theme.py"):
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders, "HTML in Python strings:\n" + "\n".join(offenders)


def test_importing_the_product_pulls_in_no_benchmark_or_browser_dependency() -> None:
    """``import build_tools`` (and every core module) imports neither playwright nor psutil nor mkdocs."""
    import subprocess
    import sys

    modules = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if "mkdocs_plugins" not in p.parts and p.name not in ("__main__.py",)
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('playwright', 'psutil', 'mkdocs', 'material'))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert proc.stdout.strip() == "", f"the core imports: {proc.stdout.strip()}"


def test_packages_are_layered() -> None:
    """Subpackages import only from the layers below them (no arrow runs back up)."""
    layers = ["checks", "model", "i18n", "generate", "search", "output", "app", "mkdocs_plugins", "cli"]
    rank = {name: i for i, name in enumerate(layers)}
    offenders = []
    for path in CORE.rglob("*.py"):
        rel = path.relative_to(CORE).parts
        if len(rel) < 2 or rel[0] not in rank:
            continue
        own = rank[rel[0]]
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "build_tools" or len(parts) < 2 or parts[1] not in rank:
                continue
            if rank[parts[1]] > own:
                offenders.append(f"{path.relative_to(REPO)} imports {name}")
    assert not offenders, "imports that run back up the layers:\n" + "\n".join(sorted(offenders))


def test_no_import_cycles_between_modules() -> None:
    """No two modules import each other, directly or round a loop, even inside a function.

    ``from package import submodule`` is an edge to the submodule (the package's ``__init__`` runs
    first by nature, so that is not a cycle); ``from package import name`` is an edge to the package.
    """
    modules = {".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"): p
               for p in CORE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                subs = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in modules]
                targets = subs + ([node.module] if len(subs) < len(node.names) else [])
            graph[name].update(t for t in targets if t in modules and t != name)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = {start}, [start]
        while todo:
            for nxt in graph[todo.pop()]:
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    cycles = sorted(f"{a} -> {b} -> ... -> {a}" for a in graph for b in graph[a] if a < b and reaches(b, a))
    assert not cycles, "import cycles:\n" + "\n".join(cycles)
