"""Every file, folder and module the documents name exists (documents go stale silently otherwise)."""

from __future__ import annotations

import re

from conftest import REPO

DOCUMENTS = ("README.md", "BENCHMARKS.md", "CONTENT.md", "ENGINE.md")
# Where a path in a document may be relative to: the repository, or one of the folders the README
# table describes (it names `output/table_wrap.py` inside build_tools/).
BASES = (REPO, REPO / "build_tools", REPO / "overrides", REPO / "overrides" / "assets", REPO / "tests")
# A path in backquotes that starts with a folder of the repository or of build_tools/ (bare file names in
# documents are mostly examples: `x.md`, `br.yml`).
_FOLDERS = ("build_tools", "tests", "overrides", "content", "guidelines", "country_profiles", "locales", "benchmarks",
            "checks", "model", "i18n", "generate", "search", "output", "app", "cli", "mkdocs_plugins", ".github", ".ci")
_PATH = re.compile(r"`((?:" + "|".join(re.escape(f) for f in _FOLDERS) + r")/[A-Za-z0-9_.\-/]*)`")
_MODULE = re.compile(r"\b(?:build_tools|benchmarks)(?:\.[a-z_][a-z0-9_]*)+")
# Names documents use as examples of files an editor or translator would create.
EXAMPLES = frozenset({"content/reports/x.md", "country_profiles/de.fr.yml", "guidelines/ict.fr.yml"})
_SOURCE_PATH = re.compile(r"\bbuild_tools/[A-Za-z0-9_/]+\.py\b")
# Paths documents name on purpose that are made by a build, a benchmark or a command (not in git).
MADE = re.compile(r"^(site|\.venv|\.venv-properdocs|node_modules|\.build|\.bench|site\.\w+|content/(guidelines|"
                  r"self-assessment|countries|status|assets/data|index\.md|good-practices/index\.md|"
                  r"reports/index\.md)|search|fr|ar|zh)(/|$)")


def _exists(name: str) -> bool:
    name = name.rstrip("/").split("#")[0]
    if not name or "*" in name or "<" in name or MADE.match(name) or name in EXAMPLES:
        return True
    if any((base / name).exists() or (base / f"{name}.py").is_file() for base in BASES):
        return True
    # A file named by itself alone (`facets.py`): it exists somewhere in the tree.
    return "/" not in name and any(REPO.glob(f"build_tools/**/{name}")) or any(REPO.glob(f"overrides/**/{name}"))


def _module_exists(dotted: str) -> bool:
    """``build_tools.a.b`` is a module file, or ``build_tools.a.b.name`` a name defined at the top of one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 1, -1):
        base = REPO.joinpath(*parts[:cut])
        module = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
        if not module.is_file():
            continue
        rest = parts[cut:]
        if not rest:
            return True
        text = module.read_text("utf-8")
        return re.search(rf"\b{re.escape(rest[0])}\b", text) is not None  # defined or re-exported there
    return False


def test_paths_named_in_documents_exist() -> None:
    missing = []
    for doc in DOCUMENTS:
        path = REPO / doc
        if not path.is_file():
            continue
        for lineno, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            for match in _PATH.finditer(line):
                if not _exists(match.group(1)):
                    missing.append(f"{doc}:{lineno}: {match.group(1)}")
            for match in _MODULE.finditer(line):
                if not _module_exists(match.group(0)):
                    missing.append(f"{doc}:{lineno}: {match.group(0)}")
    assert not missing, "documents name paths that do not exist:\n" + "\n".join(missing)


def test_source_comments_name_modules_that_exist() -> None:
    missing = []
    for path in sorted([*REPO.glob("overrides/**/*"), *REPO.glob("build_tools/**/*"), *REPO.glob("benchmarks/*")]):
        if not path.is_file() or path.suffix not in (".py", ".js", ".j2", ".html", ".css"):
            continue
        for lineno, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            for match in _SOURCE_PATH.finditer(line):
                if not (REPO / match.group(0)).is_file():
                    missing.append(f"{path.relative_to(REPO)}:{lineno}: {match.group(0)}")
            for match in _MODULE.finditer(line):
                if not _module_exists(match.group(0)):
                    missing.append(f"{path.relative_to(REPO)}:{lineno}: {match.group(0)}")
    assert not missing, "source files point at modules that do not exist:\n" + "\n".join(missing)
