"""Link checker: broken links and anchors fail with file and line; the sample site has none."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GP_FRONT_MATTER
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.app.validate import validate
from build_tools.checks import md_links
from build_tools.model.site_config import PythonCall, load_site_config
from build_tools.output import link_check

GP = GP_FRONT_MATTER.format(id="gp-links", title="Links") + """## Overview

A fine [principle link](../../guidelines/demo/#dm-access) and a [heading link](#overview).
A [missing page](../gp-nope/) here.

Then a [broken principle anchor](../../guidelines/demo/#dm-nope).

[ref]: ../../countries/zz/
"""


FUZZ = settings(max_examples=200, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _e181(diags: list) -> list:
    return [d for d in diags if d.code == "E181"]


def test_extract_links_positions() -> None:
    text = ("---\ntitle: x\n---\nSee [a](../x/#y) and <a href=\"z/\">z</a>.\n\n[r]: ../r/\n`[not](code/)`\n\n"
            "[used][r] and ![img](pic.png)\n")
    found = [(link.target, link.line, link.column) for link in link_check.extract_links(text)]
    assert found == [("../x/#y", 4, 9), ("z/", 4, 31), ("../r/", 6, 6), ("pic.png", 9, 22)]


def test_anchors_from_headings_attr_lists_and_ids() -> None:
    text = "# Über uns\n\n## Part A { #part-a }\n\n<div id=\"box\"></div>\n\nTitle\n-----\n\n## Über uns\n"
    assert {"uber-uns", "part-a", "box", "title", "uber-uns_1"} <= link_check.extract_anchors(text)
    unicode = link_check.make_slugify(PythonCall("pymdownx.slugs.slugify", (("case", "lower"),)))
    anchors = link_check.extract_anchors(text, unicode)
    assert {"über-uns", "part-a", "box", "title", "über-uns_1"} <= anchors and "uber-uns" not in anchors


def test_the_link_check_uses_the_slugify_configured_in_mkdocs_yml(repo: Path) -> None:
    config = load_site_config(repo)
    assert config.slugify == PythonCall("pymdownx.slugs.slugify", (("case", "lower"),))
    slugify = link_check.make_slugify(config.slugify)
    assert slugify("养老 保险", "-") == "养老-保险" and slugify("Годовая отчётность", "-") == "годовая-отчётность"


@pytest.mark.slow
def test_heading_ids_in_the_built_site_are_the_ones_the_link_check_expects(built_site: Path, repo: Path) -> None:
    """A translated page's headings carry the English ids (stable anchors); English ids are Unicode slugs."""
    slugify = link_check.make_slugify(load_site_config(repo).slugify)
    key = "content/good-practices/gp-cn-cross-province-portability"
    english = md_links.parse((repo / f"{key}.md").read_text("utf-8")).headings
    chinese = md_links.parse((repo / f"{key}.zh.md").read_text("utf-8")).headings
    expected = md_links.carried_ids(chinese, english, slugify)
    assert expected == md_links.heading_anchors(english, slugify)  # same outline: the English ids
    html = (built_site / "zh/good-practices/gp-cn-cross-province-portability/index.html").read_text("utf-8")
    for anchor in expected:
        assert f'id="{anchor}"' in html, anchor
    assert 'id="_1"' not in html
    english_html = (built_site / "good-practices/gp-cn-cross-province-portability/index.html").read_text("utf-8")
    for anchor in expected:
        assert f'id="{anchor}"' in english_html, anchor
    # ids are the words themselves (Unicode), not positional _1, _2 that change when a heading is inserted above
    assert slugify("养老 保险", "-") == "养老-保险"
    text = "## 新增\n\n" + (repo / f"{key}.zh.md").read_text("utf-8").split("---\n", 2)[2]
    headings = md_links.parse(text).headings
    assert {slugify(h.text, "-") for h in chinese} <= set(md_links.heading_anchors(headings, slugify))


def test_broken_links_and_anchors_fail_validation_with_file_and_line(mini_project: Path) -> None:
    (mini_project / "content/good-practices/gp-links.md").write_text(GP, encoding="utf-8")
    _project, diags = validate(mini_project)
    found = {(d.path, d.line, d.message.split(":")[0]) for d in _e181(diags)}
    rel = "content/good-practices/gp-links.md"
    assert (rel, 15, "broken link '../gp-nope/'") in found
    assert (rel, 17, "broken link '../../guidelines/demo/#dm-nope'") in found
    assert (rel, 19, "broken link '../../countries/zz/'") in found
    assert len(found) == 3, found  # the principle anchor and the heading anchor resolve
    assert all(d.severity.value == "error" for d in _e181(diags))


def test_a_heading_anchor_is_the_same_in_every_language(mini_project: Path) -> None:
    """A translated heading carries the id of the English heading it translates (same outline)."""
    (mini_project / "content/about.md").write_text("# About\n\n## History\n\nText.\n", encoding="utf-8")
    (mini_project / "content/about.fr.md").write_text("# À propos\n\n## Histoire\n\nTexte.\n", encoding="utf-8")
    (mini_project / "content/notes.md").write_text("# Notes\n\nSee [history](../about/#history).\n", encoding="utf-8")
    _project, diags = validate(mini_project)
    assert not _e181(diags), _e181(diags)


def test_anchor_missing_in_one_language_is_reported_for_that_language(mini_project: Path) -> None:
    """A translation with another outline (an added heading) carries no ids: the link is reported for it."""
    (mini_project / "content/good-practices/gp-links.md").write_text(GP.split("A [missing")[0], encoding="utf-8")
    (mini_project / "content/about.md").write_text("# About\n\n## History\n\nText.\n", encoding="utf-8")
    (mini_project / "content/about.fr.md").write_text("# À propos\n\n## Contexte\n\n## Histoire\n\nTexte.\n",
                                                      encoding="utf-8")
    (mini_project / "content/notes.md").write_text("# Notes\n\nSee [history](../about/#history).\n", encoding="utf-8")
    _project, diags = validate(mini_project)
    broken = _e181(diags)
    assert len(broken) == 1, broken
    assert broken[0].path == "content/notes.md" and broken[0].line == 3
    assert "(in fr)" in broken[0].message  # English falls back in ar, so only French lacks #history
    # the fix named in CONTENT.md: an explicit id on the translated heading
    (mini_project / "content/about.fr.md").write_text(
        "# À propos\n\n## Contexte\n\n## Histoire { #history }\n\nTexte.\n", encoding="utf-8")
    _project, diags = validate(mini_project)
    assert not _e181(diags), _e181(diags)


def test_links_in_code_are_not_links() -> None:
    text = ("# Code\n\n```markdown\nSee [x](nowhere.md) and ![i](missing.png)\n```\n\n"
            "    [indented](also-nowhere.md)\n\nText `[span](x.md)` and [real](real.md).\n\n"
            "~~~\n<a href=\"nope/\">x</a>\n~~~\n")
    assert [(link.target, link.line, link.column) for link in link_check.extract_links(text)] == [("real.md", 9, 32)]


def test_a_link_in_a_code_block_is_not_checked(mini_project: Path) -> None:
    """A fenced code block showing Markdown (a link to a page that does not exist) does not stop the build."""
    (mini_project / "content/howto.md").write_text(
        "# How to link\n\n```markdown\nSee [the case](../good-practices/gp-nope.md#results).\n```\n", encoding="utf-8")
    _project, diags = validate(mini_project)
    assert not _e181(diags), _e181(diags)


def test_carry_heading_ids() -> None:
    slugify = link_check.make_slugify(PythonCall("pymdownx.slugs.slugify", (("case", "lower"),)))
    english = "# Title\n\n## Results\n\n## Lessons { #lessons-learned }\n\nSetext\n------\n"
    spanish = "# Título\n\n## Resultados\n\n## Lecciones { #lessons-learned }\n\nOtro\n----\n"
    carried = md_links.carry_heading_ids(spanish, english, slugify)
    assert "## Resultados { #results }" in carried and "Otro { #setext }" in carried
    assert "## Lecciones { #lessons-learned }\n" in carried and "# Título { #title }" in carried
    assert md_links.carry_heading_ids("# Solo\n\n## Más\n\n## Otro\n", english, slugify).startswith("# Solo\n")


def test_sample_site_has_no_broken_links(repo: Path) -> None:
    _project, diags = validate(repo)
    assert not _e181(diags), "\n".join(d.format_text() for d in _e181(diags))


def test_built_sample_site_has_no_broken_links(built_site: Path) -> None:
    sources = {p.relative_to(built_site).as_posix(): link_check.BuiltPage(p.relative_to(built_site).as_posix(), "")
               for p in built_site.rglob("*.html")}
    diags = link_check.check_built_site(built_site, sources)
    assert not diags, "\n".join(d.format_text() for d in diags[:20])


def test_built_check_finds_missing_targets(tmp_path: Path) -> None:
    page = ('<html><body><main><article class="md-content__inner md-typeset"><h2 id="here">x</h2>'
            '<a href="#here">ok</a> <a href="../b/#nope">anchor</a> <a href="../c/">page</a> '
            '<a href="https://example.org/">out</a></article></main></body></html>')
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a/index.html").write_text(page, encoding="utf-8")
    (tmp_path / "b/index.html").write_text('<html><body><p id="there"></p></body></html>', encoding="utf-8")
    source = link_check.BuiltPage("content/a.md", "# A\n\nSee [c](../c/).\n\nAnd [b](b.md#nope).\n")
    diags = link_check.check_built_site(tmp_path, {"a/index.html": source})
    assert [(d.path, d.line, d.code) for d in diags] == [("content/a.md", 3, "E181"), ("content/a.md", 5, "E181")]


def _with_trust_plugin(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - ssa-site\n", "  - ssa-site\n  - ssa-trust\n"),
                      encoding="utf-8")


@pytest.mark.slow
def test_broken_file_link_fails_the_build_with_the_source_line(mini_project: Path) -> None:
    """A link the source check cannot judge (a file) is caught in the built HTML, with its source line."""
    _with_trust_plugin(mini_project)
    gp = mini_project / "content/good-practices/gp-demo.md"
    gp.write_text(gp.read_text("utf-8").replace("Long queues.", "Long queues.\n\nSee [the data](../../files/x.csv)."),
                  encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(mini_project), "build"],
                          cwd=mini_project, env=env, capture_output=True, text=True)
    assert proc.returncode == 1
    assert "content/good-practices/gp-demo.md:20:16 E181 broken link '../../files/x.csv'" in proc.stderr, proc.stderr[-3000:]
    assert not (mini_project / "site").exists()


_MD_PIECES = st.sampled_from([
    "[a](x.md)", "![i](img/p.png)", "[r][ref]", "\n[ref]: ../r/\n", "<a href=\"h/\">", "`[c](c.md)`", "\n```\n",
    "\n~~~md\n", "\n    ", "\n# ", "\n## H ", "{ #id }", "\n---\n", "\n===\n", "[", "]", "(", ")", "<", ">", "\\",
    "&amp;", "\"", "'", " ", "\n", "\n\n", "|", "- ", "> ", "*", "_", "#", "x", "ü", "挑战", "\r", "\t", "<div markdown>",
    "</div>", "<!--", "-->", "[a](<b c>)", "[a](x.md \"t\")", "https://e.org", "<https://e.org>",
])
_MARKDOWNISH = st.one_of(st.text(max_size=200), st.lists(_MD_PIECES, max_size=40).map("".join))


@FUZZ
@given(text=_MARKDOWNISH)
def test_link_extraction_never_fails_and_positions_are_in_the_text(text: str) -> None:
    parsed = md_links.parse(text)
    lines = text.split("\n")
    for link in parsed.links:
        assert 1 <= link.line <= len(lines) and link.column >= 1
        if link.offset >= 0:  # a target found as written is exactly there
            assert text[link.offset:link.offset + len(link.target)] == link.target
    slugify = link_check.make_slugify(PythonCall("pymdownx.slugs.slugify", (("case", "lower"),)))
    assert len(md_links.heading_anchors(parsed.headings, slugify)) == len(parsed.headings)
    assert md_links.rewrite_links(text, lambda target: None) == text
    assert md_links.rewrite_links(text, lambda target: target) == text
    carried = md_links.carry_heading_ids(text, text + "\n", slugify)
    assert isinstance(carried, str)


@FUZZ
@given(text=_MARKDOWNISH)
def test_rewritten_links_are_the_ones_found(text: str) -> None:
    """Rewriting every target to a marker changes exactly the targets written as is."""
    written = [link for link in md_links.parse(text, front_matter=False).links
               if link.kind != "html" and link.offset >= 0 and link.target]
    out = md_links.rewrite_links(text, lambda target: "MARK" if target else None)
    assert out.count("MARK") - text.count("MARK") == len({link.offset for link in written})


def test_a_broken_link_names_what_the_editor_probably_meant(mini_project: Path) -> None:
    """E181 hints name the closest page, anchor or file (relative to the editor's file), not a generic rule."""
    typos = GP_FRONT_MATTER.format(id="gp-links", title="Links") + (
        "See [the demo](gp-dmeo.md), [access](../../guidelines/demo/#dm-acess) and ![chart](images/chrat.png).\n")
    (mini_project / "content/good-practices/gp-links.md").write_text(typos, encoding="utf-8")
    (mini_project / "content/good-practices/images").mkdir(exist_ok=True)
    (mini_project / "content/good-practices/images/chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _project, diags = validate(mini_project)
    hints = {d.message.split("'")[1]: d.hint for d in _e181(diags)}
    assert hints["gp-dmeo.md"] == ("did you mean gp-demo.md? (links are written to the page's file, "
                                   "relative to this file)"), hints
    assert hints["../../guidelines/demo/#dm-acess"] == "did you mean ../../guidelines/demo/#dm-access?", hints
    assert hints["images/chrat.png"] == "did you mean images/chart.png?", hints
