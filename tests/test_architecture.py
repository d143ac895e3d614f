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
                if tag.search(node.value) and path.name not in ("safety.py", "sanitize.py"):
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders, "HTML in Python strings:\n" + "\n".join(offenders)
