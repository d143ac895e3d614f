"""The in-memory Jinja bytecode cache: theme templates compile once per process, edits still show."""

from __future__ import annotations

from pathlib import Path

import jinja2

from build_tools.mkdocs_plugins.template_code import MemoryBytecodeCache


class CountingEnvironment(jinja2.Environment):
    """Counts how often Jinja compiles template source (a bytecode-cache hit skips it)."""

    compiled = 0

    def _compile(self, source: str, filename: str) -> object:
        CountingEnvironment.compiled += 1
        return super()._compile(source, filename)


def _env(folder: Path, cache: MemoryBytecodeCache) -> jinja2.Environment:
    return CountingEnvironment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache)


def test_a_new_environment_reuses_compiled_templates_and_sees_edits(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>{{ text }}</p>", "utf-8")
    cache = MemoryBytecodeCache()
    CountingEnvironment.compiled = 0
    assert _env(tmp_path, cache).get_template("page.html").render(text="a") == "<p>a</p>"
    assert CountingEnvironment.compiled == 1 and len(cache.store) == 1
    # MkDocs makes a new environment for every build: the bytecode is reused
    assert _env(tmp_path, cache).get_template("page.html").render(text="b") == "<p>b</p>"
    assert CountingEnvironment.compiled == 1
    # an edited template is compiled again (Jinja compares the source checksum)
    (tmp_path / "page.html").write_text("<div>{{ text }}</div>", "utf-8")
    assert _env(tmp_path, cache).get_template("page.html").render(text="c") == "<div>c</div>"
    assert CountingEnvironment.compiled == 2
    cache.clear()
    assert cache.store == {}
