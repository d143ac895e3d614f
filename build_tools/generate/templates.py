"""Render generated Markdown pages from Jinja templates in ``overrides/generators/``.

Templates hold all markup; Python only prepares data. Every string a reader sees comes
from the locale catalog through the ``t`` function.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2.bccache import Bucket

from build_tools.i18n import cldr
from build_tools.model.ui_strings import Catalog

TEMPLATES_DIR = Path("overrides") / "generators"


def _attr_json(value: object) -> str:
    """JSON for an HTML attribute value (escaped)."""
    return str(markupsafe.escape(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))))


def _yaml_string(value: object) -> markupsafe.Markup:
    """A one-line YAML string (JSON-quoted) for front matter; not HTML-escaped."""
    return markupsafe.Markup(json.dumps(" ".join(str(value).split()), ensure_ascii=False))


def _one_line(text: str) -> str:
    """Flatten folded text to one line (for finished HTML, where ``|`` needs no escaping)."""
    return " ".join(str(text).split())


def _md_inline(text: str) -> str:
    """Flatten folded text to one line so it is safe inside Markdown tables and headings."""
    return _one_line(text).replace("|", "\\|")


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """A Jinja bytecode cache held in a dictionary (Jinja checks each template's source checksum)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from memory, if this template was compiled before."""
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the bytecode just compiled."""
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        """Forget every compiled template."""
        self.store.clear()


class _SharedByName(MemoryBytecodeCache):
    """Compiled generator templates kept in memory for the whole process, keyed by template name.

    Compiling the generator templates costs about 0.3 s of CPU (measured on the sample); a process that loads several
    projects (the tests, which copy the project; a long-lived preview) compiles each template once.
    The key leaves out the folder, so copies of a project share it; Jinja stores the source's
    checksum in the bucket and compiles afresh when it differs, so an edited template is never
    served stale. Kept in memory only: bytecode read from a file in the repository would run code
    that a change could have planted there.
    """

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """The template's name only (see the class docstring)."""
        return name


_COMPILED = _SharedByName()


@lru_cache(maxsize=8)
def environment(root: Path) -> jinja2.Environment:
    """A Jinja environment for the project at ``root``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root / TEMPLATES_DIR)),
        bytecode_cache=_COMPILED,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "md", "j2"), default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["attr_json"] = _attr_json
    env.filters["inline"] = _md_inline
    env.filters["oneline"] = _one_line
    env.filters["yaml"] = _yaml_string
    env.filters["number"] = lambda v, lang, digits=None: cldr.format_number(v, lang, digits)
    env.filters["percent"] = lambda v, lang: cldr.format_percent(v, lang)
    env.filters["date"] = lambda v, lang, fmt="long": cldr.format_date(v, lang, fmt)
    env.globals["country_name"] = cldr.country_name
    env.globals["language_name"] = cldr.language_name
    return env


def render(root: Path, template: str, catalog: Catalog, lang: str, **context: Any) -> str:
    """Render ``template`` for ``lang`` with ``t()`` bound to that language."""
    env = environment(root)

    def t(key: str, **values: object) -> str:
        return cldr.translate(catalog, lang, key, **values)

    return env.get_template(template).render(t=t, lang=lang, **context)
