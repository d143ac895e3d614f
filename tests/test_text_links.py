"""Links written in YAML text (profiles, guidelines): one form, resolved for every page, reported once (issue 23)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.app.validate import validate
from build_tools.checks import md_links
from build_tools.generate import generate_pages, text_links
from build_tools.model import kinds
from build_tools.model.project import load_project

LU = "country_profiles/lu.yml"
GOOD = "../content/good-practices/gp-demo.md#solution"


def _e181(diags: list) -> list:
    return [d for d in diags if d.code == "E181"]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line)


def test_the_one_form_resolves_to_docs_paths() -> None:
    resolve = text_links.resolve
    assert resolve(GOOD, LU) == text_links.Target("good-practices/gp-demo.md", "solution", True)
    assert resolve("../content/good-practices/gp-demo.fr.md", LU) == text_links.Target("good-practices/gp-demo.md", "", True)
    assert resolve("be.yml", LU) == text_links.Target("countries/be.md", "", True)
    assert resolve("../guidelines/demo.yml#dm-access", LU) == text_links.Target("guidelines/demo.md", "dm-access", True)
    assert resolve("demo.fr.yml#dm-access", "guidelines/demo.fr.yml") == text_links.Target("guidelines/demo.md",
                                                                                         "dm-access", True)
    assert resolve("../content/files/a.pdf", LU) == text_links.Target("files/a.pdf", "", False)
    assert resolve("https://example.org/", LU) is None and resolve("mailto:a@b.c", LU) is None
    for wrong in ("/good-practices/gp-demo/", "../../good-practices/gp-demo/", "#solution", "../../x.md",
                  "../content/good-practices/"):
        assert isinstance(resolve(wrong, LU), str), wrong


def test_each_output_gets_its_own_form() -> None:
    text = f"See [the case]({GOOD}), [Belgium](be.yml) and [out](https://example.org/)."
    md = text_links.markdown_form(text, LU, "countries/lu.md")
    assert md == ("See [the case](../good-practices/gp-demo.md#solution), [Belgium](../countries/be.md) and "
                  "[out](https://example.org/).")
    assert text_links.html_form(md, "countries/compare.md") == (
        "See [the case](../../good-practices/gp-demo/#solution), [Belgium](../../countries/be/) and "
        "[out](https://example.org/).")
    assert text_links.absolute_form(text, LU, "https://h.org/", "fr/") == (
        "See [the case](https://h.org/fr/good-practices/gp-demo/#solution), [Belgium](https://h.org/fr/countries/be/) "
        "and [out](https://example.org/).")
    code = "Write `[x](be.yml)` like this."
    assert text_links.markdown_form(code, LU, "countries/lu.md") == code  # code is not a link


def test_a_valid_link_in_profile_text_resolves_on_every_page_and_language(mini_project: Path) -> None:
    _replace(mini_project / LU, "        benefits: A flat-rate component",
             f"        benefits: See [the case]({GOOD}) and [Belgium](be.yml). A flat-rate component")
    project, diags = validate(mini_project)
    assert not _e181(diags), _e181(diags)
    pages = {page.path: page.text for page in generate_pages(project)}
    for lang in project.languages:
        suffix = "" if lang == "en" else f".{lang}"
        assert "[the case](../good-practices/gp-demo.md#solution)" in pages[f"countries/lu{suffix}.md"], lang
        assert 'href="../../good-practices/gp-demo/#solution"' in pages[f"countries/compare{suffix}.md"], lang
        data = json.loads(pages[f"countries/data/country-profiles{suffix}.json"])
        prefix = "" if lang == "en" else f"{lang}/"
        text = json.dumps(data, ensure_ascii=False)
        assert f"https://mini.example.org/{prefix}good-practices/gp-demo/#solution" in text, lang
        csv = pages[f"countries/data/country-programs{suffix}.csv"]
        assert f"https://mini.example.org/{prefix}countries/be/" in csv, lang


def test_one_broken_link_in_profile_text_is_one_error_at_its_line(mini_project: Path) -> None:
    _replace(mini_project / LU, "        benefits: A flat-rate component",
             "        benefits: See [the case](../content/good-practices/gp-nope.md). A flat-rate component")
    _project, diags = validate(mini_project)
    broken = _e181(diags)
    assert len(broken) == 1, "\n".join(d.format_text() for d in broken)
    line = _line_of(mini_project / LU, "gp-nope.md")
    assert (broken[0].path, broken[0].line) == (LU, line)
    assert broken[0].column == (mini_project / LU).read_text("utf-8").splitlines()[line - 1].index("../content") + 1
    assert "gp-nope.md" in broken[0].message and "relative to this file" in broken[0].hint


def test_a_broken_anchor_in_guideline_text_is_one_error_at_its_line(mini_project: Path) -> None:
    path = mini_project / "guidelines/demo.yml"
    _replace(path, "intro: How the institution is organized.",
             "intro: How the institution is organized. See [case](../content/good-practices/gp-demo.md#nope).")
    _project, diags = validate(mini_project)
    broken = _e181(diags)
    assert len(broken) == 1, "\n".join(d.format_text() for d in broken)
    assert broken[0].path == "guidelines/demo.yml" and broken[0].line == _line_of(path, "#nope")
    assert "no anchor #nope" in broken[0].message


def _wrong_links_everywhere(root: Path) -> dict[str, int]:
    """Write a wrong link in every kind of text an editor writes; returns file -> expected errors."""
    wrong = "../../good-practices/gp-demo/"  # a page URL: wrong form in YAML text
    _replace(root / LU, "        benefits: A flat-rate",
             f"        benefits: See [a]({wrong}), [b](/countries/be/), [c](#x) and [d](nope.yml). A flat-rate")
    _replace(root / "country_profiles/lu.fr.yml", "Salariés et travailleurs indépendants.",
             "Salariés et [indépendants](../content/nope.md).")
    _replace(root / "guidelines/demo.yml", "intro: How the institution is organized.",
             "intro: How the institution is organized. [x](../content/about.md#nowhere)")
    gp = root / "content/good-practices/gp-demo.md"
    gp.write_text(gp.read_text("utf-8") + "\n[missing](../gp-nope.md) and [abs](/good-practices/gp-demo/)\n",
                  encoding="utf-8")
    return {LU: 4, "country_profiles/lu.fr.yml": 1, "guidelines/demo.yml": 1,
            "content/good-practices/gp-demo.md": 2}


def test_no_content_problem_is_reported_at_mkdocs_yml_or_a_generated_file(mini_project: Path) -> None:
    expected = _wrong_links_everywhere(mini_project)
    project, diags = validate(mini_project)
    docs = project.config.docs_dir
    for diag in diags:
        assert diag.path != "mkdocs.yml", diag.format_text()
        target = mini_project / diag.path
        if target.is_relative_to(docs):
            assert not kinds.is_generated(target.relative_to(docs).as_posix()), diag.format_text()
        assert "report this to the site maintainers" not in diag.message, diag.format_text()
    found: dict[str, int] = {}
    for diag in _e181(diags):
        found[diag.path] = found.get(diag.path, 0) + 1
    assert found == expected, "\n".join(d.format_text() for d in _e181(diags))


def test_a_site_absolute_link_in_a_page_is_refused_with_the_relative_form(mini_project: Path) -> None:
    (mini_project / "content/about.md").write_text(
        "# About\n\nSee [the case](/good-practices/gp-demo/#solution) and [fr](/fr/good-practices/gp-demo/).\n",
        encoding="utf-8")
    _project, diags = validate(mini_project)
    broken = sorted(_e181(diags))
    assert [(d.path, d.line) for d in broken] == [("content/about.md", 3)] * 2
    assert "site-absolute" in broken[0].message and "(in " not in broken[0].message
    assert "good-practices/gp-demo.md#solution" in broken[0].hint
    assert "good-practices/gp-demo.md" in broken[1].hint


@pytest.mark.slow
def test_a_relative_link_in_profile_text_builds_in_all_seven_languages(tmp_path: Path) -> None:
    """The sample site with a link in a country profile's text: the build (with its check of the built
    HTML) passes, and the link lands on the good practice of the reader's language, on the profile
    page and in the comparison; a heading link lands on the translated heading (stable anchor)."""
    from conftest import copy_project

    root = copy_project(tmp_path)
    profile = root / "country_profiles/ca.yml"
    text = profile.read_text("utf-8")
    assert "coverage: " in text
    profile.write_text(text.replace(
        "coverage: ", "coverage: See [a case](../content/good-practices/gp-br-digital-enrolment.md#results). ", 1),
        encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(root), "build"], cwd=root, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = root / "site"
    project = load_project(root)
    assert len(project.languages) == 7
    for lang in project.languages:
        base = site if lang == "en" else site / lang
        for page in ("countries/ca/index.html", "countries/compare/index.html"):
            html = (base / page).read_text("utf-8")
            assert 'href="../../good-practices/gp-br-digital-enrolment/#results"' in html, (lang, page)
        target = (base / "good-practices/gp-br-digital-enrolment/index.html").read_text("utf-8")
        assert 'id="results"' in target, lang  # es: the heading "Resultados" keeps the English id
    assert "Resultados" in (site / "es/good-practices/gp-br-digital-enrolment/index.html").read_text("utf-8")


def _linking_examples() -> list[tuple[str, str, str]]:
    """(language, file, text) of each example in CONTENT.md's "Linking" section."""
    from conftest import REPO

    section = (REPO / "CONTENT.md").read_text("utf-8").split("\n## Linking\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r'```(\w+) title="([^"]+)"\n(.*?)\n```', section, re.S)


def _replace_field(path: Path, block: str) -> None:
    """Put a YAML example (``key: >-`` and its lines) in place of the first field of that name in ``path``."""
    key = block.split(":", 1)[0]
    lines = path.read_text("utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:"))
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    lines[start:end] = [" " * indent + line if line else line for line in block.split("\n")]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_the_linking_examples_of_content_md_validate(tmp_path: Path) -> None:
    """Every example of CONTENT.md's "Linking" section, put in the file its title names, validates."""
    from conftest import copy_project

    root = copy_project(tmp_path)
    examples = _linking_examples()
    assert {path for _lang, path, _text in examples} == {
        "content/good-practices/gp-ke-mobile-contributions.md", "country_profiles/br.yml", "guidelines/good-governance.yml"}
    for lang, path, text in examples:
        target = root / path
        if lang == "markdown":
            target.write_text(target.read_text("utf-8") + "\n" + text + "\n", encoding="utf-8")
            for link in md_links.parse(text).links:  # the image and the attachment the example shows
                if link.target.startswith(("img/", "files/")):
                    (target.parent / link.target).parent.mkdir(parents=True, exist_ok=True)
                    (target.parent / link.target).write_bytes(b"\x89PNG\r\n\x1a\n")
        else:
            _replace_field(target, text)
    project, diags = validate(root)
    errors = [d for d in diags if d.severity.value == "error"]
    assert not errors, "\n".join(d.format_text() for d in errors)
    # the documented error for a YAML link to a page that does not exist
    _replace(root / "country_profiles/br.yml", "gp-br-digital-enrolment.md#results", "gp-br-nope.md")
    _project, diags = validate(root)
    from conftest import REPO

    documented = next(line for line in (REPO / "CONTENT.md").read_text("utf-8").splitlines()
                      if line.startswith("country_profiles/br.yml:") and "gp-br-nope.md" in line)
    [broken] = _e181(diags)
    assert broken.format_text().split(" E181 ", 1)[1] == documented.split(" E181 ", 1)[1]
    assert broken.path == "country_profiles/br.yml"
