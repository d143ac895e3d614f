"""The theme stylesheet keeps only the rules the built pages can use (issue 18, page weight)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.output import css_subset

CSS = (
    ".md-header{a:1}.md-header--shadow{b:2}.md-version__list{c:3}"
    ".md-typeset .admonition,.md-typeset details{d:4}"
    "a:not(.md-button){e:5}"
    "@media screen and (max-width:76em){.md-nav--primary{f:6}.md-version{g:7}}"
    "@font-face{font-family:X;src:url(x.woff2)}"
    "[dir=rtl] .md-tooltip2__inner{h:8}:root{--md-x:1}"
)


def used(html: str, script: str = "") -> css_subset.UsedClasses:
    classes = css_subset.UsedClasses()
    classes.add_html(html)
    classes.add_script(script)
    classes.finish()
    return classes


def test_rules_for_classes_no_page_has_are_dropped() -> None:
    out = css_subset.subset(CSS, used('<div class="md-header md-typeset">', 'x.classList.add("md-header--shadow")'))
    assert ".md-header{" in out and ".md-header--shadow" in out  # on a page / added by a script
    assert "md-version" not in out and "md-tooltip2" not in out  # features the site does not use
    assert ".md-typeset details" in out  # one selector of the list can match, so the rule stays
    assert "a:not(.md-button)" in out  # a class inside :not() does not make the rule required
    assert "@font-face" in out and ":root" in out


def test_media_rules_are_filtered_and_empty_blocks_dropped() -> None:
    out = css_subset.subset(CSS, used('<nav class="md-nav md-nav--primary">'))
    assert "@media screen and (max-width:76em){.md-nav--primary{f:6}}" in out
    assert "md-header" not in out
    assert "@media" not in css_subset.subset(CSS, used("<p>"))


def test_script_classes_of_unused_theme_blocks_do_not_count() -> None:
    classes = used('<header class="md-header">', '"md-header--shadow" "md-version__list" "focus-visible" "md-status--"')
    assert "md-header--shadow" in classes
    assert "md-version__list" not in classes  # Material's bundle names it, but no page has md-version
    assert "focus-visible" in classes  # a polyfill class, not a theme block
    assert "md-status--new" not in classes  # md-status is not on any page


def test_subset_site_rewrites_the_theme_stylesheet(tmp_path: Path) -> None:
    css = tmp_path / "assets/stylesheets/main.abc.min.css"
    css.parent.mkdir(parents=True)
    css.write_text(CSS, "utf-8")
    (tmp_path / "index.html").write_text('<body class="md-header"><script src="assets/app.js"></script>', "utf-8")
    (tmp_path / "assets/app.js").write_text('e.classList.add("md-header--shadow")', "utf-8")
    (tmp_path / "assets/unused.js").write_text('"md-version__list"', "utf-8")  # not loaded by any page
    before, after = css_subset.subset_site(tmp_path)
    text = css.read_text("utf-8")
    assert before == len(CSS) and after == len(text) < before
    assert ".md-header--shadow" in text and "md-version" not in text


def test_a_site_without_the_theme_stylesheet_is_left_alone(tmp_path: Path) -> None:
    assert css_subset.subset_site(tmp_path) == (0, 0)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(".{}()[],:;@ -_ab\"'\\/*\n")), max_size=200))
def test_any_css_text_is_handled(css: str) -> None:
    out = css_subset.subset(css, used('<p class="a b">'))
    assert isinstance(out, str)
