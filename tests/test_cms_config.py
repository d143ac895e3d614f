"""The web editor's configuration is generated from the content model and cannot drift from it.

The configuration is generated at every build (``output/admin``), never committed, so the drift test
is a test of the generator against the schemas and the data: every schema property of each edited
kind is a field with the schema's required flag, enumeration, pattern and limits; select lists are
the project's real countries, guidelines, principles and topics; a property the generator cannot map
stops it (CmsConfigError) instead of leaving the field out. The /admin/ writer is tested on its
unhappy paths first: a missing, older or changed CMS bundle writes nothing and says why.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from build_tools.checks import editorial, schema_check
from build_tools.checks.reading import MAX_ASSET_BYTES, Located
from build_tools.generate import cms_config
from build_tools.model.project import ISO_COUNTRIES, Project, load_project
from build_tools.output import admin

KINDS = {"good-practices": "good-practice", "reports": "report", "pages": "page"}


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(REPO)


@pytest.fixture(scope="module")
def config(project: Project) -> dict[str, Any]:
    return json.loads(cms_config.config_json(project))


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def _fields(config: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in _collection(config, name)["fields"]}


@pytest.mark.parametrize("collection,schema", sorted(KINDS.items()))
def test_every_schema_property_is_a_field_with_the_schemas_rules(config: dict[str, Any], collection: str,
                                                                 schema: str) -> None:
    fields = _fields(config, collection)
    data = schema_check.load_schema(schema)
    required = set(data.get("required", []))
    defs = schema_check.load_schema("defs")["$defs"]
    for name, prop in data["properties"].items():
        if name == "translation":
            assert fields[name]["widget"] == "hidden"  # written by admin.js as `translations stamp` does
            continue
        assert name in fields, f"{schema}.{name} has no field in the editor"
        field = fields[name]
        assert field["required"] == (name in required), name
        resolved = {**defs[prop["$ref"].rsplit("/", 1)[-1]], **prop} if "$ref" in prop else prop
        if "enum" in resolved:
            assert field["options"] == resolved["enum"], name
        if "pattern" in resolved and field["widget"] == "string":
            assert field["pattern"][0] == resolved["pattern"], name
            # validate's own words for the pattern (checks/schema_check), not the CMS's
            assert schema_check._PATTERN_NAMES[resolved["pattern"]] in field["pattern"][1]
        if "maxLength" in resolved and field["widget"] in ("string", "text"):
            assert field["maxlength"] == resolved["maxLength"], name
        if resolved.get("type") == "integer":
            assert (field["min"], field["max"], field["value_type"]) == (
                resolved["minimum"], resolved["maximum"], "int"), name
        if resolved.get("minItems"):
            assert field["min"] == resolved["minItems"], name
    assert fields["body"]["widget"] == "markdown"


def test_only_translatable_text_goes_into_translation_files(config: dict[str, Any]) -> None:
    translatable = set(schema_check.load_schema("markdown-translation")["properties"]) | {"body"}
    for collection in KINDS:
        for field in _collection(config, collection)["fields"]:
            if field["i18n"]:
                assert field["name"] in translatable | {cms_config.REVIEWED_FIELD}, (collection, field["name"])
            else:
                assert field["name"] not in translatable, (collection, field["name"])


def test_select_lists_are_the_real_data(project: Project, config: dict[str, Any]) -> None:
    fields = _fields(config, "good-practices")
    assert {o["value"] for o in fields["countries"]["options"]} == set(ISO_COUNTRIES)
    assert any(o == {"label": "Kenya (KE)", "value": "KE"} for o in fields["countries"]["options"])
    assert [o["value"] for o in fields["guidelines"]["options"]] == sorted(project.guidelines)
    assert {o["value"] for o in fields["principles"]["options"]} == set(project.principles())
    board = next(o for o in fields["principles"]["options"] if o["value"] == "gg-board-roles")
    assert "Roles of the board" in board["label"] and "Good Governance" in board["label"]
    assert [o["value"] for o in fields["topics"]["options"]] == sorted(project.taxonomy["topics"])
    assert {"label": "Digital services (digital-services)", "value": "digital-services"} in fields["topics"]["options"]
    assert _fields(config, "reports")["topics"]["options"] == fields["topics"]["options"]


def test_unknown_topic_help_uses_validates_words(project: Project, config: dict[str, Any], tmp_path: Path) -> None:
    """The topic list offers only known topics; its help text is validate's E135 hint, word for word."""
    root = tmp_path / "p"
    shutil.copytree(REPO / "content", root / "content")
    for name in ("guidelines", "country_profiles", "locales"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    gp = root / "content" / "good-practices" / "gp-ke-mobile-contributions.md"
    gp.write_text(gp.read_text("utf-8").replace("topics: [", "topics: [contributions, ", 1), "utf-8")
    e135 = [d for d in load_project(root).diagnostics if d.code == "E135"]
    assert e135 and e135[0].hint == _fields(config, "good-practices")["topics"]["hint"]


def test_year_limit_is_validates_rule_and_words(config: dict[str, Any]) -> None:
    year = _fields(config, "good-practices")["year"]
    limit = year[cms_config.YEAR_LIMIT_MARK]
    assert limit["years"] == editorial.ERROR_AFTER_YEARS
    today = dt.date(2026, 12, 7)
    diags = editorial.future_dates({"year": 2099}, "x.md", lambda p: (1, 1), today=today)
    assert [d.code for d in diags] == ["E127"]
    message = limit["message"].replace("{today}", today.isoformat())
    # validate: "year: 2099 is more than 2 years in the future (hint: check the year; today is 2026-12-07)"
    said = f"{diags[0].message} (hint: {diags[0].hint})"
    assert message == said.replace("2099 is more than", "more than")
    award_year = next(f for f in _fields(config, "good-practices")["award"]["fields"] if f["name"] == "year")
    assert cms_config.YEAR_LIMIT_MARK in award_year


def test_the_editor_writes_only_under_content(config: dict[str, Any]) -> None:
    for coll in config["collections"]:
        assert coll["folder"] == "content" or coll["folder"].startswith("content/"), coll["name"]
        assert not coll.get("media_folder", "").startswith("/"), coll["name"]  # relative to its folder
    assert config["media_folder"].startswith("content/")
    assert config["media_libraries"]["default"]["config"]["max_file_size"] == MAX_ASSET_BYTES
    assert config["media_libraries"]["stock_assets"] is False  # no third-party photo services
    assert config["i18n"]["omit_default_locale_from_file_path"] is True  # x.md + x.fr.md
    assert config["i18n"]["structure"] == "multiple_files"
    assert config["publish_mode"] == "editorial_workflow"


def test_a_schema_property_the_editor_cannot_hold_stops_the_generator(project: Project,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = schema_check.load_schema

    def changed(name: str) -> dict[str, Any]:
        data = real(name)
        if name != "good-practice":
            return data
        data = json.loads(json.dumps(data))
        data["properties"]["coordinates"] = {"type": "array", "items": {"type": "number"}}
        return data

    monkeypatch.setattr(cms_config, "load_schema", changed)
    with pytest.raises(cms_config.CmsConfigError, match="good-practice.coordinates"):
        cms_config.build_config(project, "")


def test_a_new_schema_field_appears_in_the_editor(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    real = schema_check.load_schema

    def changed(name: str) -> dict[str, Any]:
        data = json.loads(json.dumps(real(name)))
        if name == "report":
            data["properties"]["doi"] = {"type": "string", "pattern": "^10\\.", "maxLength": 100}
            data["required"].append("doi")
        return data

    monkeypatch.setattr(cms_config, "load_schema", changed)
    fields = {f["name"]: f for f in next(c for c in cms_config.build_config(project, "")["collections"]
                                         if c["name"] == "reports")["fields"]}
    assert fields["doi"]["required"] is True and fields["doi"]["pattern"][0] == "^10\\."


def test_help_texts_come_from_content_md(config: dict[str, Any]) -> None:
    fields = _fields(config, "good-practices")
    assert fields["year"]["hint"] == "year implemented"
    assert fields["countries"]["hint"].startswith("ISO 3166-1 alpha-2")


def test_generated_files_validate_when_filled_like_the_form(project: Project) -> None:
    """A front matter made of the form's required fields passes the schema: the form asks for all of it."""
    fields = _fields(json.loads(cms_config.config_json(project)), "good-practices")
    meta: dict[str, Any] = {}
    for name, field in fields.items():
        if not field.get("required") or name == "body":
            continue
        if field["widget"] == "select":
            meta[name] = [field["options"][0]["value"] if isinstance(field["options"][0], dict)
                          else field["options"][0]]
        elif field["widget"] == "number":
            meta[name] = 2020
        elif field["widget"] == "string" and "pattern" in field:
            meta[name] = "gp-xx-example"
        else:
            meta[name] = "Text"
    assert schema_check.check("good-practice", Located(meta, {(): (1, 1)}), "x.md") == []


# -- the /admin/ writer: unhappy paths first -----------------------------------------------------------


def _fake_root(tmp_path: Path, project: Project) -> Project:
    """``project`` with its root moved to a folder that has package files and a node_modules to break."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy2(REPO / "package-lock.json", root / "package-lock.json")
    shutil.copy2(REPO / "CONTENT.md", root / "CONTENT.md")
    needed = [(admin.PACKAGE, name) for name in ("package.json", admin.BUNDLE, admin.LICENSE)]
    needed += [(r[3], name) for r in admin.REWRITES if r[3] for name in ("package.json", r[4])]
    for package, name in needed:
        (root / "node_modules" / package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / "node_modules" / package / name, root / "node_modules" / package / name)
    clone = copy.copy(project)
    clone.config = dataclasses.replace(clone.config, root=root)
    return clone


needs_node = pytest.mark.skipif(not (REPO / "node_modules" / "@sveltia" / "cms").is_dir(),
                                reason="node_modules not installed (make node-tools)")


@needs_node
def test_missing_bundle_writes_nothing_and_says_why(tmp_path: Path, project: Project) -> None:
    clone = _fake_root(tmp_path, project)
    shutil.rmtree(clone.root / "node_modules" / "@sveltia")
    site = tmp_path / "site"
    site.mkdir()
    result = admin.write_admin(clone, site)
    assert result.written is None and "make node-tools" in result.reason
    assert not (site / "admin").exists()


@needs_node
def test_other_bundle_version_writes_nothing(tmp_path: Path, project: Project) -> None:
    clone = _fake_root(tmp_path, project)
    pkg = clone.root / "node_modules" / "@sveltia" / "cms" / "package.json"
    pkg.write_text(pkg.read_text("utf-8").replace('"version": "', '"version": "9', 1), "utf-8")
    result = admin.write_admin(clone, tmp_path / "site")
    assert result.written is None and "is pinned but version 9" in result.reason


@needs_node
def test_a_bundle_that_loads_something_new_from_a_cdn_writes_nothing(tmp_path: Path, project: Project) -> None:
    clone = _fake_root(tmp_path, project)
    bundle = clone.root / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"
    text = bundle.read_text("utf-8")
    bundle.write_text(text.replace("https://unpkg.com/", "https://cdn.example.net/", 1), "utf-8")
    result = admin.write_admin(clone, tmp_path / "site")
    assert result.written is None and "https://unpkg.com/" in result.reason


@needs_node
def test_the_vendored_module_must_be_the_version_the_bundle_asks_for(tmp_path: Path, project: Project) -> None:
    clone = _fake_root(tmp_path, project)
    pkg = clone.root / "node_modules" / "immutable" / "package.json"
    pkg.write_text(pkg.read_text("utf-8").replace('"version": "5.1.9"', '"version": "5.2.1"'), "utf-8")
    result = admin.write_admin(clone, tmp_path / "site")
    assert result.written is None and "immutable 5.1.9" in result.reason


@needs_node
def test_admin_is_written_with_its_own_policy_and_no_third_party_address(tmp_path: Path, project: Project) -> None:
    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "stylesheets" / "main.abc123.min.css").write_text("body{}", "utf-8")  # theme.THEME_CSS
    (site / "_headers").write_text((REPO / "overrides" / "_headers").read_text("utf-8"), "utf-8")
    result = admin.write_admin(project, site)
    assert result.written == site / "admin"
    page = (site / "admin" / "index.html").read_text("utf-8")
    assert 'name="robots" content="noindex' in page and "http-equiv=\"Content-Security-Policy\"" in page
    assert "script-src 'self';" in page and "unsafe-eval" not in page
    bundle = (site / "admin" / "sveltia-cms.js").read_text("utf-8")
    for address, *_rest in admin.REWRITES:
        assert address not in bundle
    assert "cdn.jsdelivr.net" not in bundle
    for rel in ("vendor/immutable@5.1.9/dist/immutable.es.js", "vendor/fonts/source-sans-3-latin-wght-normal.woff2",
                "LICENSE-sveltia-cms.txt", "config.json", "stamp.js", "admin.js", "setup.js"):
        assert (site / "admin" / rel).is_file(), rel
    config = json.loads((site / "admin" / "config.json").read_text("utf-8"))
    assert config["x-ssa-preview-styles"] == ["../assets/stylesheets/main.abc123.min.css"]
    headers = (site / "_headers").read_text("utf-8")
    assert "/admin/*" in headers and "! Content-Security-Policy" in headers
    # the site-wide block is unchanged (tests/browser/test_csp.py reads it)
    assert headers.startswith((REPO / "overrides" / "_headers").read_text("utf-8").rstrip("\n"))
    admin.write_admin(project, site)
    assert (site / "_headers").read_text("utf-8").count("/admin/*") == 1
