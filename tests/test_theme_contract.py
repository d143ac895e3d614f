"""The theme contract (build_tools/output/theme.py) against the installed Material: each anchor, by name.

A page is rendered by Material itself (no overrides) and every anchor the site relies on is looked
for in it, in Material's templates or in its script bundle; every copied upstream file is compared
with the upstream version it was made from. After an upgrade, the failing test names what moved.
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from build_tools.output import theme


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.origin, f"{package} is not installed"
    return Path(spec.origin).parent


MATERIAL = _package_dir("material") / "templates"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-page site rendered by Material alone (tabs, a table, the toc), as a reader gets it."""
    root = tmp_path_factory.mktemp("material")
    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "# Home\n\n## Part\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n=== \"One\"\n\n    first\n\n=== \"Two\"\n\n    second\n",
        "utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: https://example.org/\nplugins: []\ntheme:\n  name: material\n"
        "markdown_extensions:\n  - tables\n  - toc:\n      permalink: true\n  - pymdownx.superfences\n"
        "  - pymdownx.tabbed:\n      alternate_style: true\n"
        # The language selector, as mkdocs-static-i18n sets it: it is what puts md-header__option in the header.
        "extra:\n  alternate:\n    - {name: English, link: /, lang: en}\n    - {name: Français, link: /fr/, lang: fr}\n",
        "utf-8")
    code = ("import sys; from build_tools.mkdocs_plugins import compat; from mkdocs.commands.build import build; "
            "build(compat.load_config(__import__('pathlib').Path(sys.argv[1]), __import__('pathlib').Path(sys.argv[2])))")
    # In a child process: rendering with Material must not leave state in the test process.
    subprocess.run([sys.executable, "-c", code, str(root / "mkdocs.yml"), str(root / "site")], check=True,
                   capture_output=True, cwd=REPO)
    return root / "site"


def _page(site: Path) -> str:
    return (site / "index.html").read_text("utf-8")


def _bundle(site: Path) -> str:
    bundles = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert bundles, "Material's script bundle (assets/javascripts/bundle.*.min.js) is not in the built site"
    return bundles[0].read_text("utf-8")


def test_theme_stylesheet_name(rendered: Path) -> None:
    assert sorted(rendered.glob(theme.THEME_CSS)), f"THEME_CSS: no {theme.THEME_CSS} in a site Material built"


def test_content_article_class(rendered: Path) -> None:
    assert f'class="{theme.CONTENT_CLASS}' in _page(rendered), "CONTENT_CLASS: Material's content <article> moved"


def test_header_option_anchor(rendered: Path) -> None:
    assert theme.HEADER_OPTION in _page(rendered), "HEADER_OPTION: overrides/main.html inserts the search before it"


def test_toggles_still_need_the_validity_fix(rendered: Path) -> None:
    from build_tools.output.html_validity import fix_theme_markup

    page = _page(rendered)
    for toggle in theme.TOGGLE_IDS:
        assert f'id="{toggle}"' in page, f"TOGGLE_IDS: Material no longer writes the {toggle} toggle"
    fixed = fix_theme_markup(page)
    assert 'type="checkbox"' in fixed and 'type="checkbox" id="__drawer" autocomplete' not in fixed


def test_table_wrapper_classes_are_the_bundles(rendered: Path) -> None:
    bundle = _bundle(rendered)
    for name in ("TABLE_SCROLL_WRAP", "TABLE_WRAP"):
        assert getattr(theme, name) in bundle, f"{name}: Material's script no longer wraps tables in it"


def test_alternate_selector_is_the_bundles(rendered: Path) -> None:
    assert theme.ALTERNATE_SELECTOR in _bundle(rendered), "ALTERNATE_SELECTOR: assets/js/alternates.js defeats it"


def test_head_helpers_are_the_ones_material_defines_and_uses(rendered: Path) -> None:
    defined = (MATERIAL / "partials" / "javascripts" / "base.html").read_text("utf-8")
    bundle = _bundle(rendered)
    for helper in theme.HEAD_HELPERS:
        assert helper in defined, f"HEAD_HELPERS: Material's head script no longer defines {helper}"
    assert any(helper in bundle for helper in theme.HEAD_HELPERS), "HEAD_HELPERS: the bundle uses none of them"
    ours = (REPO / "overrides" / "assets" / "js" / "md-helpers.js").read_text("utf-8")
    assert all(f"window.{helper}" in ours for helper in theme.HEAD_HELPERS)


def test_tab_inputs_carry_the_tabbed_prefix(rendered: Path) -> None:
    assert f'id="{theme.TABBED_PREFIX}' in _page(rendered), "TABBED_PREFIX: content-tab inputs were renamed"
    assert theme.TABBED_PREFIX in (MATERIAL / "partials" / "javascripts" / "content.html").read_text("utf-8")


@pytest.mark.parametrize("copy", theme.COPIED, ids=lambda c: c.ours)
def test_copied_files_match_the_upstream_version_they_were_made_from(copy: theme.Copy) -> None:
    upstream = _package_dir(copy.package) / copy.upstream
    assert upstream.is_file(), f"{copy.ours} replaces {copy.package}/{copy.upstream}, which no longer exists"
    assert (REPO / copy.ours).is_file()
    digest = hashlib.sha256(upstream.read_bytes()).hexdigest()
    assert digest == copy.sha256, (
        f"{copy.package}/{copy.upstream} changed upstream since {copy.ours} was made from it ({copy.why}): "
        "merge the upstream change into the copy, then record the new hash in build_tools/output/theme.py")


def test_every_override_of_an_upstream_file_is_recorded() -> None:
    """A template in overrides/ with the name of one of Material's is a copy, and must be in COPIED."""
    recorded = {copy.ours for copy in theme.COPIED}
    ours = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "overrides").rglob("*.html"))
    # main.html is Material's documented extension point (it extends base.html), not a copy.
    shadowing = [p for p in ours if (MATERIAL / p.removeprefix("overrides/")).is_file() and p != "overrides/main.html"]
    assert shadowing and not [p for p in shadowing if p not in recorded], (
        "overrides that replace a Material file without a record in build_tools/output/theme.py COPIED")


def test_every_theme_anchor_is_used_where_the_contract_says() -> None:
    uses = {
        "THEME_CSS": "build_tools/output/css_subset.py", "CLASS_PREFIX": "build_tools/output/css_subset.py",
        "CONTENT_CLASS": "build_tools/output/link_check.py", "TABLE_SCROLL_WRAP": "build_tools/output/table_wrap.py",
        "TABLE_WRAP": "build_tools/output/table_wrap.py",
    }
    for name, path in uses.items():
        assert name in (REPO / path).read_text("utf-8"), f"{path} no longer takes {name} from the theme contract"
    assert theme.HEADER_OPTION.replace('"', "") in (REPO / "overrides" / "main.html").read_text("utf-8").replace('"', "")
