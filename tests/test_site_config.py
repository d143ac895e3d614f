"""The core reads mkdocs.yml as the engine does: one configuration, whatever tags and inheritance it uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from build_tools.model.site_config import load_site_config

BASE = """site_name: t
docs_dir: content
site_url: !ENV [SSA_TEST_SITE_URL, "https://standards.example.org/"]
plugins:
  - ssa-site:
      source_url: !ENV [SSA_TEST_SOURCE, ""]
  - i18n:
      languages:
        - locale: en
          name: English
          default: true
        - locale: fr
          name: Français
extra:
  feed_items: 3
"""


def _engine(root: Path) -> Any:
    from build_tools.mkdocs_plugins import compat

    return compat.load_config(root / "mkdocs.yml", root / "site")


def _write(root: Path, text: str, name: str = "mkdocs.yml") -> None:
    (root / "content").mkdir(exist_ok=True)
    (root / name).write_text(text, "utf-8")


@pytest.mark.parametrize("env", [{}, {"SSA_TEST_SITE_URL": "https://preview.example.net/pr-7/",
                                       "SSA_TEST_SOURCE": "https://git.example.org/blob/main"}])
def test_env_tags_give_the_engines_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          env: dict[str, str]) -> None:
    for name in ("SSA_TEST_SITE_URL", "SSA_TEST_SOURCE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _write(tmp_path, BASE)
    core = load_site_config(tmp_path)
    engine = _engine(tmp_path)
    assert core.site_url == engine.site_url == env.get("SSA_TEST_SITE_URL", "https://standards.example.org/")
    plugin = engine.plugins["ssa-site"].config
    assert core.options["source_url"] == plugin.source_url == env.get("SSA_TEST_SOURCE", "")
    assert core.options["cms"] == plugin.cms == {}
    assert Path(engine.docs_dir) == core.docs_dir
    assert core.codes == ["en", "fr"]


def test_inherit_is_merged_as_the_engine_merges_it(tmp_path: Path) -> None:
    _write(tmp_path, BASE, "base.yml")
    _write(tmp_path, "INHERIT: base.yml\nsite_url: https://child.example.org/\nextra:\n  feed_items: 5\n")
    core = load_site_config(tmp_path)
    engine = _engine(tmp_path)
    assert core.site_url == engine.site_url == "https://child.example.org/"
    assert core.extra["feed_items"] == engine.extra["feed_items"] == 5
    assert core.codes == ["en", "fr"]


def test_inherit_never_reads_outside_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    _write(tmp_path, BASE, "outside.yml")
    _write(root, "INHERIT: ../outside.yml\n")
    with pytest.raises(ValueError, match="outside the repository"):
        load_site_config(root)


def test_the_plugin_config_class_is_the_core_declaration() -> None:
    from build_tools.mkdocs_plugins.site import SitePlugin
    from build_tools.model.site_config import SITE_PLUGIN_OPTIONS

    schema = dict(SitePlugin.config_class._schema)
    assert sorted(schema) == sorted(o.name for o in SITE_PLUGIN_OPTIONS)
    for option in SITE_PLUGIN_OPTIONS:
        assert schema[option.name].default == option.default


@pytest.mark.parametrize(("options", "said"), [
    ("      cms: github\n", "option 'cms' must be a mapping"),
    ("      compare_page_countries: 0\n", "option 'compare_page_countries' must be a whole number of at least 1"),
    ("      compare_page_countries: yes\n", "option 'compare_page_countries' must be a whole number of at least 1"),
    ("      sourceurl: https://x\n", "has no option sourceurl (it has: cms, compare_page_countries, source_url)"),
    ("      - cms\n", "must be a mapping"),
])
def test_a_wrong_plugin_option_is_refused_with_what_to_write(tmp_path: Path, options: str, said: str) -> None:
    _write(tmp_path, BASE.replace("  - ssa-site:\n      source_url: !ENV [SSA_TEST_SOURCE, \"\"]\n",
                                  "  - ssa-site:\n" + options))
    with pytest.raises(ValueError, match=said.replace("(", r"\(").replace(")", r"\)")):
        load_site_config(tmp_path)


def test_the_shipped_site_names_its_web_editor_host_in_the_plugin_options() -> None:
    from conftest import REPO

    options = load_site_config(REPO).options
    assert options["cms"]["backend"] == "github" and options["cms"]["repo"]
